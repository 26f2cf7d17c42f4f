using LiveStt.Bench;

const string Usage = """
    usage: LiveStt.Bench decode --model PATH [--threads N] [--window SECONDS] [--runs N] [--audio-ctx N] [--max-tokens N] [--fallback]
           LiveStt.Bench speech-window --seconds N [--wav FILE.wav] [--raw-f32 FILE.raw]
           LiveStt.Bench resample
           LiveStt.Bench input-cpu --source wav --path FILE | --source alsa --device PCM [--clocked] | --source stream --url URL [--send FILE] [--seconds N]
           LiveStt.Bench stream-latency --url udp://127.0.0.1:PORT
           LiveStt.Bench caption-latency --speech FILE.wav --vad-model SILERO.bin [--seconds N]
           LiveStt.Bench commit-latency --vad-model PATH [--gap SECONDS]
           LiveStt.Bench appliance-cpu --vad-model PATH --audio silence|speech [--seconds N]
           LiveStt.Bench vad-cost --vad-model PATH [--passes N]
           LiveStt.Bench session-restart --vad-model PATH [--cycles N] [--live-seconds SECONDS]
    Speech comes from LIVESTT_SPEECH_DIR (default ../shared/speech beside the repository).
    """;

try
{
    return args.FirstOrDefault() switch
    {
        "decode" => await DecodeBench.RunAsync(BenchArguments.Parse(args.AsSpan(1))),
        "speech-window" => SpeechWindowExport.Run(BenchArguments.Parse(args.AsSpan(1))),
        "resample" => ResamplerBench.Run(),
        "input-cpu" => await InputBench.CpuAsync(BenchArguments.Parse(args.AsSpan(1))),
        "stream-latency" => await InputBench.LatencyAsync(BenchArguments.Parse(args.AsSpan(1))),
        "caption-latency" => await CaptionLatencyBench.RunAsync(BenchArguments.Parse(args.AsSpan(1))),
        "commit-latency" => await CommitLatencyBench.RunAsync(BenchArguments.Parse(args.AsSpan(1))),
        "appliance-cpu" => await ApplianceCpuBench.RunAsync(BenchArguments.Parse(args.AsSpan(1))),
        "vad-cost" => VadCostBench.Run(BenchArguments.Parse(args.AsSpan(1))),
        "session-restart" => await SessionRestartBench.RunAsync(BenchArguments.Parse(args.AsSpan(1))),
        _ => Fail(Usage),
    };
}
catch (ArgumentException ex)
{
    return Fail(ex.Message + Environment.NewLine + Usage);
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
