using LiveStt.Bench;

const string Usage = """
    usage: LiveStt.Bench decode --model PATH [--threads N] [--window SECONDS] [--runs N] [--audio-ctx N] [--fallback]
           LiveStt.Bench resample
    Speech comes from LIVESTT_SPEECH_DIR (default ../shared/speech beside the repository).
    """;

try
{
    return args.FirstOrDefault() switch
    {
        "decode" => await DecodeBench.RunAsync(BenchArguments.Parse(args.AsSpan(1))),
        "resample" => ResamplerBench.Run(),
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
