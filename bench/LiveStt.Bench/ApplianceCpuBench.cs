using System.Diagnostics;
using System.Text.Json;
using LiveStt.ModelGenerator;

namespace LiveStt.Bench;

/// <summary>
/// What the whole appliance costs while it listens: its own process, a generated tiny-shaped f16 model, the real
/// Silero model, playing in real time (looped) either desk hiss (<c>--audio silence</c>) or the LJ Speech set with
/// a second of hiss after each clip (<c>--audio speech</c>) for <c>--seconds</c>. CPU is utime + stime of the process
/// from /proc over the run (from the moment the wav source starts playing); decodes from status at the end; RSS at
/// the end and its peak. Prints one JSON line.
/// </summary>
internal static class ApplianceCpuBench
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var audio = args.Text("audio");
        var seconds = args.Real("seconds", 600);
        var vadModel = Path.GetFullPath(args.Text("vad-model"));
        var work = Directory.CreateTempSubdirectory("livestt-cpu-");
        try
        {
            var model = RandomWhisperModel.Write(Path.Combine(work.FullName, "tiny.bin"), WhisperModelShape.Tiny, seed: 5).FullName;
            var wav = Path.Combine(work.FullName, audio + ".wav");
            switch (audio)
            {
                case "silence":
                    PlayedAudio.WriteHiss(wav, 60);
                    break;
                case "speech":
                    PlayedAudio.WriteSpeechSet(wav, "ljspeech-lj001", gapSeconds: 1.0);
                    break;
                default:
                    throw new ArgumentException("--audio is silence or speech");
            }

            await using var appliance = ApplianceProcess.Start(model, vadModel, wav, loop: true, work.FullName, CommitLatencyBench.GuardsOff);
            await appliance.Playing.WaitAsync(TimeSpan.FromSeconds(120));
            var cpuBefore = appliance.CpuSeconds();
            var wall = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var cpu = appliance.CpuSeconds() - cpuBefore;
            wall.Stop();
            var session = await appliance.SessionAsync();
            var (resident, peak) = appliance.MemoryMiB();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                audio,
                wallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 1),
                cpuSeconds = Math.Round(cpu, 2),
                percentOfOneCore = Math.Round(100 * cpu / wall.Elapsed.TotalSeconds, 2),
                decodes = session.GetProperty("decodes").GetInt64(),
                decodeMsP50 = session.GetProperty("decodeMsP50"),
                decodeMsP95 = session.GetProperty("decodeMsP95"),
                committedLines = session.GetProperty("committedLines").GetInt64(),
                droppedAudioMs = session.GetProperty("droppedAudioMs").GetInt64(),
                lagMs = session.GetProperty("lagMs").GetInt64(),
                residentMiB = Math.Round(resident, 1),
                peakResidentMiB = Math.Round(peak, 1),
            }));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
