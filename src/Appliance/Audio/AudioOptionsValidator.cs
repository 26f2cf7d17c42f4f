using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Audio;

/// <summary>Checks the "Audio" section at start-up and lists every problem at once.</summary>
internal sealed class AudioOptionsValidator : IValidateOptions<AudioOptions>
{
    public const int MinFrameMs = 10;
    public const int MaxFrameMs = 1000;
    public const int MinStallTimeoutMs = 500;
    public const int MaxStallTimeoutMs = 60_000;

    private static readonly string[] Sources = [AudioOptions.WavSource, AudioOptions.AlsaSource, AudioOptions.StreamSource];

    public ValidateOptionsResult Validate(string? name, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Sources.Contains(options.Source, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"Audio:Source '{options.Source}' is not a known input kind; use {string.Join(", ", Sources.Select(s => $"'{s}'"))}.");
        }
        else if (string.Equals(options.Source, AudioOptions.StreamSource, StringComparison.OrdinalIgnoreCase) && StreamUrl.Problem(options.Url) is { } urlProblem)
        {
            failures.Add(urlProblem);
        }
        else if (string.Equals(options.Source, AudioOptions.AlsaSource, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.Device))
        {
            failures.Add("Audio:Device is empty; name the ALSA capture device, e.g. 'default' or 'plughw:CARD=CODEC,DEV=0'.");
        }

        if (options.FrameMs is < MinFrameMs or > MaxFrameMs)
        {
            failures.Add($"Audio:FrameMs must be between {MinFrameMs} and {MaxFrameMs}; it is {options.FrameMs}.");
        }

        if (options.StallTimeoutMs is < MinStallTimeoutMs or > MaxStallTimeoutMs)
        {
            failures.Add($"Audio:StallTimeoutMs must be between {MinStallTimeoutMs} and {MaxStallTimeoutMs}; it is {options.StallTimeoutMs}.");
        }

        if (!Enum.IsDefined(options.Pacing))
        {
            failures.Add($"Audio:Pacing must be {AudioPacing.RealTime} or {AudioPacing.AsFastAsPossible}.");
        }

        if (!Enum.IsDefined(options.Channel))
        {
            failures.Add($"Audio:Channel must be {AudioChannel.Mix}, {AudioChannel.Left} or {AudioChannel.Right}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
