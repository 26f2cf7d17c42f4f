using LiveStt.Tests.Speech;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Streaming;
using LiveStt.Appliance.Tests.Audio;
using LiveStt.Appliance.Tests.Speech;
using LiveStt.Appliance.Tests.Vocabulary;
using LiveStt.Appliance.Transcription;
using LiveStt.Appliance.Transcripts;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LiveStt.Appliance.Tests.Streaming;

public sealed class CaptionPipelineTests : IDisposable
{
    private const string SessionId = "5e551011";
    private static readonly string[] Utterances =
    [
        "the quick brown fox jumps over the lazy dog",
        "pack my box with five dozen liquor jugs",
        "how vexingly quick daft zebras jump",
    ];

    private readonly RecordingPublisher publisher = new();
    private readonly PipelineMetrics metrics = new();
    private readonly ListLogger logger = new();
    private readonly string directory = Directory.CreateTempSubdirectory("livestt-streaming-").FullName;
    private CaptionGuards? lastGuards;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Words_two_decodes_agree_on_are_committed_once_each_in_order()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        var transcriber = new ScriptedTranscriber(speech);

        await Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        publisher.ShouldBeWellFormed(SessionId);
        publisher.CommittedText.ShouldBe(speech.Text);
        publisher.Events.ShouldContain(e => e.Kind == CaptionKind.Tentative && e.Text.Length > 0);
        metrics.CommittedLines.ShouldBe(publisher.Committed.Count);
        metrics.DroppedAudioMs.ShouldBe(0);
    }

    [Fact]
    public async Task Tentative_events_carry_the_current_guess_and_committed_events_only_new_text()
    {
        var speech = ScriptedSpeech.Build(Utterances);

        await Pipeline(new StreamingOptions(), new ScriptedTranscriber(speech), new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        var committedSoFar = new List<string>();
        foreach (var caption in publisher.Events)
        {
            if (caption.Kind == CaptionKind.Committed)
            {
                committedSoFar.AddRange(caption.Text.Split(' '));
                continue;
            }

            // A tentative guess is what follows the committed text in the script, never a repeat of it.
            var script = speech.Words.Select(w => w.Text).ToList();
            var guess = caption.Text.Length == 0 ? [] : caption.Text.Split(' ');
            script.Skip(committedSoFar.Count).Take(guess.Length).ShouldBe(guess);
        }
    }

    [Fact]
    public async Task A_model_that_never_agrees_with_itself_still_commits_at_every_pause()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        var transcriber = new ScriptedTranscriber(speech) { Distort = ScriptedTranscriber.NeverAgrees };

        await Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        publisher.ShouldBeWellFormed(SessionId);
        var committed = publisher.Committed;
        committed.Count.ShouldBe(Utterances.Length, "one commit per utterance, at its pause");
        for (var i = 0; i < Utterances.Length; i++)
        {
            BaseWords(committed[i].Text).ShouldBe(Utterances[i]);
        }

        // After each pause the window restarts in the silence, so it stays short.
        transcriber.Decodes.Max(d => d.LengthMs).ShouldBeLessThan(5_000);
    }

    [Fact]
    public async Task Reaching_the_window_bound_commits_the_oldest_text_and_keeps_the_window_within_30_seconds()
    {
        // A minute of speech without a pause, from a model that never agrees: only the bound commits.
        var speech = ScriptedSpeech.Build([string.Join(' ', Enumerable.Range(1, 200).Select(i => $"w{i}"))]);
        var transcriber = new ScriptedTranscriber(speech) { Distort = ScriptedTranscriber.NeverAgrees };

        await Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        var decodes = transcriber.Decodes.ToList();
        decodes.ShouldAllBe(d => d.Samples <= 30 * 16_000);
        decodes.Max(d => d.LengthMs).ShouldBeGreaterThanOrEqualTo(29_000);
        logger.Entries.Count(e => e.Id.Id == 1603).ShouldBeGreaterThanOrEqualTo(2);
        logger.Messages(LogLevel.Warning).ShouldContain(m => m.Contains("reached its 30000 ms bound"));

        publisher.ShouldBeWellFormed(SessionId);
        publisher.Committed.Count.ShouldBeGreaterThanOrEqualTo(3, "two cuts at the bound and the end of the audio");
        BaseWords(publisher.CommittedText).ShouldBe(speech.Text, "every word committed once, none lost at the cuts");
    }

    [Fact]
    public async Task The_token_cap_grows_with_the_window_and_committed_text_becomes_the_prompt()
    {
        var speech = ScriptedSpeech.Build([string.Join(' ', Enumerable.Range(1, 60).Select(i => $"w{i}"))]);
        var transcriber = new ScriptedTranscriber(speech) { Distort = ScriptedTranscriber.NeverAgrees };
        var options = new StreamingOptions { MaxTokensPerSecond = 6, MaxWindowSeconds = 12 };

        await Pipeline(options, transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        var decodes = transcriber.Decodes.ToList();
        decodes.Select(d => d.LengthMs).Distinct().Count().ShouldBeGreaterThan(5);
        foreach (var decode in decodes)
        {
            decode.Request.MaxTokens.ShouldBe((int)Math.Ceiling(6 * decode.LengthMs / 1000.0));
        }

        var prompt = decodes.Last().Request.InitialPrompt;
        prompt.ShouldNotBeNullOrEmpty();
        prompt.Length.ShouldBeLessThanOrEqualTo(CaptionPipeline.PromptMaxChars);
        publisher.CommittedText.ShouldContain(prompt);
    }

    [Fact]
    public async Task An_utterance_is_decoded_as_soon_as_its_pause_is_heard_not_at_the_next_step()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        var transcriber = new ScriptedTranscriber(speech);
        var options = new StreamingOptions { StepMs = 3000 };

        await Pipeline(options, transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        // Each utterance's last word ends its speech; the pause is heard after 16 quiet chunks of 32 ms (512 ms),
        // counted from the end of the chunk the word ends in, and decoded with the 100 ms frame that completes it:
        // well before the next 3 s step.
        var decodeEnds = transcriber.Decodes.Select(d => d.StartMs + d.LengthMs).ToList();
        var wordsSoFar = 0;
        foreach (var utterance in Utterances)
        {
            wordsSoFar += utterance.Split(' ').Length;
            var lastWord = speech.Words[wordsSoFar - 1];
            decodeEnds.ShouldContain(end => end >= lastWord.EndMs + 512 && end <= lastWord.EndMs + 32 + 512 + 100, $"a decode right after the pause that follows {lastWord.EndMs} ms");
        }

        publisher.CommittedText.ShouldBe(speech.Text);
    }

    [Fact]
    public async Task A_word_whisper_places_over_what_the_model_called_silence_is_never_shown_and_is_counted()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        var firstEnd = speech.Words[Utterances[0].Split(' ').Length - 1].EndMs;

        // In the pause after the first utterance, more than the pre-roll (250 ms) after its speech stopped.
        var transcriber = new ScriptedTranscriber(speech) { Invented = [new TimedWord("ghost", firstEnd + 400, firstEnd + 500)] };

        await Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        transcriber.Decodes.ShouldContain(d => d.StartMs <= firstEnd + 400 && d.StartMs + d.LengthMs >= firstEnd + 500, "a decode heard the invented word");
        publisher.Events.ShouldNotContain(e => e.Text.Contains("ghost", StringComparison.Ordinal));
        publisher.CommittedText.ShouldBe(speech.Text);
        lastGuards!.Counts.Silence.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Each_decode_encodes_only_the_audio_context_its_window_fills()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        var transcriber = new ScriptedTranscriber(speech);

        await Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        foreach (var decode in transcriber.Decodes)
        {
            decode.Request.AudioContext.ShouldBeGreaterThanOrEqualTo((int)Math.Ceiling(decode.LengthMs / 20.0) + 32, "the context covers the window, with room to spare");
            decode.Request.AudioContext.ShouldBeLessThan((int)Math.Ceiling(decode.LengthMs / 20.0) + 32 + 64);
            (decode.Request.AudioContext % 64).ShouldBe(0);
        }

        CaptionPipeline.AudioContextFor(30_000).ShouldBe(1500);
        CaptionPipeline.AudioContextFor(5_000).ShouldBe(320);
        CaptionPipeline.AudioContextFor(1_280).ShouldBe(128);
    }

    [Fact]
    public async Task Without_fitting_the_audio_context_every_decode_encodes_all_30_seconds()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        var transcriber = new ScriptedTranscriber(speech);

        await Pipeline(new StreamingOptions { FitAudioContext = false }, transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        transcriber.Decodes.ShouldAllBe(decode => decode.Request.AudioContext == 0);
    }

    [Fact]
    public async Task Committed_sentence_ends_trim_the_window()
    {
        // No pauses, but every fifth word ends a sentence; agreement commits them and the window is cut there.
        var speech = ScriptedSpeech.Build([string.Join(' ', Enumerable.Range(1, 60).Select(i => i % 5 == 0 ? $"w{i}." : $"w{i}"))]);
        var transcriber = new ScriptedTranscriber(speech);

        await Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        publisher.CommittedText.ShouldBe(speech.Text);
        var sentenceEnds = speech.Words.Where(w => w.Text.EndsWith('.')).Select(w => w.EndMs).ToHashSet();
        var decodes = transcriber.Decodes.ToList();
        decodes.Count(d => sentenceEnds.Contains(d.StartMs)).ShouldBeGreaterThan(5);
        decodes.Max(d => d.LengthMs).ShouldBeLessThan(8_000);
    }

    [Fact]
    public async Task Falling_behind_a_live_source_drops_the_oldest_audio_counts_it_and_stays_bounded()
    {
        // Live audio arrives several times faster than real time (a frame every 5 ms of wall-clock time,
        // or a little more) while whisper takes 400 ms a decode: far more than the queue of 10 can hold.
        var speech = ScriptedSpeech.Build([string.Join(' ', Enumerable.Range(1, 120).Select(i => $"w{i}"))]);
        var transcriber = new ScriptedTranscriber(speech) { BeforeDecode = token => Task.Delay(400, token).Wait(token) };
        var source = new ArrayAudioSource(speech.Audio, isLive: true) { FrameInterval = TimeSpan.FromMilliseconds(5) };
        var options = new StreamingOptions { AudioQueueCapacity = 10 };

        await Pipeline(options, transcriber, source).RunAsync(Token);

        var totalMs = speech.Audio.Length / 16;
        metrics.DroppedAudioMs.ShouldBeGreaterThan(0);
        metrics.DroppedAudioMs.ShouldBeLessThan(totalMs);
        metrics.PeakQueuedFrames.ShouldBeLessThanOrEqualTo(10);
        transcriber.Decodes.ShouldAllBe(d => d.Samples <= 30 * 16_000);
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        warnings.ShouldContain(e => e.Id.Id == 1601 && e.Message.Contains("falling behind"));
        warnings.ShouldContain(e => e.Id.Id == 1604, "dropped audio leaves a gap the window restarts after");

        // What was heard is still captioned, in order, each word once.
        publisher.ShouldBeWellFormed(SessionId);
        var committedWords = publisher.CommittedText.Split(' ');
        committedWords.Length.ShouldBeGreaterThan(5);
        committedWords.Distinct().Count().ShouldBe(committedWords.Length);
        committedWords.Select(w => int.Parse(w[1..], System.Globalization.CultureInfo.InvariantCulture)).ShouldBeInOrder();
    }

    [Fact]
    public async Task A_file_played_as_fast_as_possible_waits_for_the_decoder_and_loses_nothing()
    {
        var speech = ScriptedSpeech.Build([string.Join(' ', Enumerable.Range(1, 60).Select(i => $"w{i}"))]);
        var transcriber = new ScriptedTranscriber(speech) { BeforeDecode = token => Task.Delay(5, token).Wait(token) };

        await Pipeline(new StreamingOptions { AudioQueueCapacity = 5 }, transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        metrics.DroppedAudioMs.ShouldBe(0);
        metrics.PeakQueuedFrames.ShouldBeLessThanOrEqualTo(5);
        publisher.CommittedText.ShouldBe(speech.Text);
    }

    [Fact]
    public async Task A_gap_in_the_audio_commits_the_text_before_it_and_restarts_the_window_after_it()
    {
        var speech = ScriptedSpeech.Build([string.Join(' ', Enumerable.Range(1, 40).Select(i => $"w{i}"))]);
        var transcriber = new ScriptedTranscriber(speech);
        var source = new ArrayAudioSource(speech.Audio, isLive: false) { Gap = (GapAfterSample: 5_000 * 16, GapSamples: 2_000 * 16) };

        await Pipeline(new StreamingOptions(), transcriber, source).RunAsync(Token);

        logger.Entries.ShouldContain(e => e.Id.Id == 1604 && e.Message.Contains("skipped 2000 ms at 5000 ms"));
        transcriber.Decodes.ShouldAllBe(d => d.StartMs + d.LengthMs <= 5_000 || d.StartMs >= 7_000, "no window spans the gap");
        var expected = speech.Words.Where(w => w.EndMs <= 5_000 || w.StartMs >= 7_000).Select(w => w.Text);
        publisher.CommittedText.ShouldBe(string.Join(' ', expected));
        publisher.ShouldBeWellFormed(SessionId);
    }

    [Fact]
    public async Task A_failing_source_has_its_text_committed_before_the_error_surfaces()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        var source = new ArrayAudioSource(speech.Audio, isLive: false) { FailAfterFrames = 45 };

        var error = await Should.ThrowAsync<AudioSourceException>(
            Pipeline(new StreamingOptions(), new ScriptedTranscriber(speech), source).RunAsync(Token));

        error.Message.ShouldBe("The test source broke.");
        publisher.CommittedText.ShouldBe(string.Join(' ', speech.Words.Where(w => w.EndMs <= 4_500).Select(w => w.Text)));
    }

    [Fact]
    public async Task Silence_is_never_sent_to_whisper()
    {
        var speech = ScriptedSpeech.Build([], leadMs: 10_000);
        var transcriber = new ScriptedTranscriber(speech)
        {
            Distort = (_, _) => [new TimedWord("Thank", 0, 400), new TimedWord("you.", 400, 800)],
        };

        await Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        transcriber.Decodes.ShouldBeEmpty();
        publisher.Events.ShouldBeEmpty();
        metrics.LagMs.ShouldBeLessThanOrEqualTo(1_000);
    }

    [Fact]
    public async Task Cancelling_the_session_aborts_a_decode_in_progress()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        using var decoding = new SemaphoreSlim(0);
        var sawCancellation = false;
        var transcriber = new ScriptedTranscriber(speech)
        {
            BeforeDecode = token =>
            {
                decoding.Release();
                sawCancellation = token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
            },
        };
        using var stop = new CancellationTokenSource();
        var run = Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: true)).RunAsync(stop.Token);

        await decoding.WaitAsync(Token);
        await stop.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(run);
        sawCancellation.ShouldBeTrue();
    }

    [Fact]
    public async Task Committed_lines_are_on_disk_while_the_session_is_still_running()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        using var hold = new SemaphoreSlim(0);
        var transcriber = new ScriptedTranscriber(speech)
        {
            // After the first pause has been committed, hold the pipeline (and its open transcript) still.
            BeforeDecode = token =>
            {
                if (publisher.Committed.Count > 0)
                {
                    hold.Wait(token);
                }
            },
        };
        using var transcript = new TranscriptSink(TranscriptWriter.Create(directory, SessionId, new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)), 100, TimeProvider.System, logger);
        transcript.Append(TranscriptRecord.Session(SessionId, new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)));
        using var stop = new CancellationTokenSource();
        var run = Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource(speech.Audio, isLive: false), transcript).RunAsync(stop.Token);

        while (publisher.Committed.Count == 0)
        {
            await Task.Delay(10, Token);
        }

        // Read it as another process would, with the writer open and never closed (as under kill -9).
        await using (var reader = new FileStream(transcript.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            var lines = (await new StreamReader(reader).ReadToEndAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(2);
            lines[0].ShouldBe($$"""{"type":"session","sessionId":"{{SessionId}}","startedAt":"2025-06-01T12:00:00+00:00"}""");
            var first = publisher.Committed[0];
            using var line = JsonDocument.Parse(lines[1]);
            var record = line.RootElement;
            record.GetProperty("type").GetString().ShouldBe("line");
            record.GetProperty("seq").GetInt64().ShouldBe(first.Seq);
            record.GetProperty("startMs").GetInt64().ShouldBe(first.StartMs);
            record.GetProperty("endMs").GetInt64().ShouldBe(first.EndMs);
            record.GetProperty("text").GetString().ShouldBe(first.Text);
            record.GetProperty("committedAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        }

        Path.GetFileName(transcript.Path).ShouldBe($"20250601-120000-{SessionId}.jsonl");
        await stop.CancelAsync();
        hold.Release();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task A_publisher_that_throws_does_not_stop_the_captions()
    {
        var speech = ScriptedSpeech.Build(Utterances);
        var calls = 0;
        publisher.OnPublish = _ =>
        {
            if (Interlocked.Increment(ref calls) == 2)
            {
                throw new InvalidOperationException("viewer hub down");
            }
        };

        await Pipeline(new StreamingOptions(), new ScriptedTranscriber(speech), new ArrayAudioSource(speech.Audio, isLive: false)).RunAsync(Token);

        logger.Entries.ShouldContain(e => e.Level == LogLevel.Error && e.Id.Id == 1606);
        publisher.CommittedText.ShouldBe(speech.Text);
    }

    [Fact]
    public async Task Real_speech_with_a_model_that_never_agrees_is_committed_at_its_sentence_pauses()
    {
        // Joined LJ Speech sentences, each followed by the pause a reader leaves, decoded by a fake whose
        // every decode differs (as a random-weight model's does): only the pauses commit.
        var clips = SpeechCorpus.Clips().Where(c => c.Set == "ljspeech-lj001").Skip(1).Take(5).ToList();
        var audio = new List<float>();
        var sentenceEndsMs = new List<long>();
        foreach (var clip in clips)
        {
            audio.AddRange(SpeechAudio.Load16kMono(clip));
            sentenceEndsMs.Add(audio.Count / 16);
            audio.AddRange(new float[16 * 900]);
        }

        var transcriber = new NumberingTranscriber();
        await Pipeline(new StreamingOptions(), transcriber, new ArrayAudioSource([.. audio], isLive: false)).RunAsync(Token);

        publisher.ShouldBeWellFormed(SessionId);
        var committed = publisher.Committed;
        foreach (var end in sentenceEndsMs)
        {
            // The last word committed starts before the voice stops; the fake gives each word 350 ms.
            committed.ShouldContain(c => c.EndMs > end - 1_000 && c.EndMs <= end + 350, $"a commit at the pause after {end} ms");
        }

        transcriber.LongestWindowMs.ShouldBeLessThan(16_000, "each pause resets the window");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private CaptionPipeline Pipeline(StreamingOptions options, ITranscriber transcriber, IAudioSource source, TranscriptSink? transcript = null)
    {
        var speech = new SpeechGate(new LoudnessVoiceActivity(), new VoiceActivityOptions(), options.MinSilenceMs);
        // The fakes' numbered words ("w17-3 w18-3 ...") compress like a looping decode; real text does not.
        var guards = lastGuards = new CaptionGuards(new GuardOptions { CompressionEnabled = false }, noSpeechThreshold: 0.6f, logProbThreshold: -1f, "en", logger, TimeProvider.System);
        var vocabulary = VocabularyTestStore.Create(Path.Combine(directory, "vocabulary.json"));
        var output = new CaptionOutput(SessionId, publisher, transcript, transcriptProblem: null, guards, vocabulary, metrics, TimeProvider.System, logger);
        return new CaptionPipeline(options, new CaptionPipelineParts(source, speech, transcriber, guards, vocabulary, output, metrics), TimeProvider.System, logger);
    }

    /// <summary>The script's words with the never-agreeing decoder's "-n" suffixes taken off.</summary>
    private static string BaseWords(string text) =>
        string.Join(' ', text.Split(' ').Select(w => w.Contains('-', StringComparison.Ordinal) ? w[..w.LastIndexOf('-')] : w));

    /// <summary>Hears a word every 400 ms of any audio, named after the decode: no two decodes agree.</summary>
    private sealed class NumberingTranscriber : ITranscriber
    {
        private int decode;

        public long LongestWindowMs { get; private set; }

        public Task<TranscriptionResult> TranscribeAsync(ReadOnlyMemory<float> samples, TranscriptionRequest request, CancellationToken cancellationToken)
        {
            var lengthMs = samples.Length / 16;
            LongestWindowMs = Math.Max(LongestWindowMs, lengthMs);
            decode++;
            var tokens = Enumerable.Range(0, lengthMs / 400)
                .Select(i => new TranscribedToken(i, $" d{decode}w{i}", 0.5f, TimeSpan.FromMilliseconds(i * 400), TimeSpan.FromMilliseconds((i * 400) + 350), false))
                .ToList();
            return Task.FromResult(tokens.Count == 0
                ? TranscriptionResult.Empty
                : new TranscriptionResult([new TranscribedSegment(string.Concat(tokens.Select(t => t.Text)), tokens[0].Start, tokens[^1].End, tokens)]));
        }

        public void Dispose()
        {
        }
    }
}
