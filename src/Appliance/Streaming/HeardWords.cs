using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Guards;
using LiveStt.Appliance.Speech;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// What of a decode may become captions: the words of the segments no guard refuses, that lie over audio the
/// voice-activity model called speech. Everything left out is counted and logged by the guards.
/// </summary>
internal sealed class HeardWords(CaptionGuards guards, SpeechGate speech)
{
    /// <summary>The decode's words on the session clock, in order, less what was not said.</summary>
    public List<TimedWord> From(TranscriptionResult result, long windowStartMs, long windowMs)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kept = result.Segments.Where(segment => guards.CheckSegment(segment) is null).ToList();
        var words = HypothesisWords.From(kept.Count == result.Segments.Count ? result : new TranscriptionResult(kept), windowStartMs, windowMs);
        return Spoken(words);
    }

    /// <summary>
    /// The words over speech, allowing the pre-roll either side for whisper's loose timing; text over silence was not
    /// said.
    /// </summary>
    private List<TimedWord> Spoken(List<TimedWord> words)
    {
        var spoken = new List<TimedWord>(words.Count);
        var unspoken = new List<string>();
        foreach (var word in words)
        {
            var overSpeech = speech.HeardSpeechBetween(
                word.StartMs * AudioFrame.SamplesPerMillisecond, word.EndMs * AudioFrame.SamplesPerMillisecond, speech.PrerollSamples);
            if (overSpeech)
            {
                spoken.Add(word);
            }
            else
            {
                unspoken.Add(word.Text);
            }
        }

        if (unspoken.Count > 0)
        {
            guards.RecordSilence(string.Join(' ', unspoken));
        }

        return spoken;
    }
}
