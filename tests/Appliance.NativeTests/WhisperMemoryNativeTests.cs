using System.Globalization;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.NativeTests;

/// <summary>Native handles are released: loading, decoding and disposing in a loop leaves the process size flat.</summary>
public sealed class WhisperMemoryNativeTests(GeneratedModels models)
{
    private const int WarmUpIterations = 3;
    private const int MeasuredIterations = 17;

    /// <summary>
    /// A leaked context holds at least the micro model's 8 MB of weights and a leaked decode state its compute
    /// buffers, so a leak in either would add well over 130 MB in 17 iterations; the bound leaves room for the
    /// allocator's per-thread heaps, which Whisper.net's decode threads fill up to a plateau.
    /// </summary>
    private const long AllowedGrowthKiB = 48 * 1024;

    [Fact]
    public async Task Load_transcribe_dispose_in_a_loop_leaves_rss_flat()
    {
        var samples = SpeechSet.Read(SpeechSet.Named("jfk/jfk.wav")).AsMemory(0, 5 * 16_000);
        var runtime = Whisper.Runtime();
        var rss = new List<long>();

        for (var i = 0; i < WarmUpIterations + MeasuredIterations; i++)
        {
            using (var transcriber = runtime.Load(models.Micro))
            {
                (await transcriber.TranscribeAsync(samples, new TranscriptionRequest(MaxTokens: 16), TestContext.Current.CancellationToken)).Segments.ShouldNotBeEmpty();
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            rss.Add(ResidentKiB());
        }

        var baseline = rss[WarmUpIterations - 1];
        var measured = rss.Skip(WarmUpIterations).ToList();
        TestContext.Current.SendDiagnosticMessage(
            $"VmRSS KiB per iteration: {string.Join(", ", rss)}; after warm-up {baseline}, last {measured[^1]}, max {measured.Max()}, growth {measured[^1] - baseline}");

        (measured.Max() - baseline).ShouldBeLessThan(AllowedGrowthKiB);
        (measured[^1] - baseline).ShouldBeLessThan(AllowedGrowthKiB);
    }

    private static long ResidentKiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
    }
}
