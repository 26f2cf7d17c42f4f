using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Audio;

/// <summary>Checks the "Audio" section at start-up and lists every problem at once.</summary>
internal sealed class AudioOptionsValidator : IValidateOptions<AudioOptions>
{
    public const int MinFrameMs = 10;
    public const int MaxFrameMs = 1000;

    public ValidateOptionsResult Validate(string? name, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.Equals(options.Source, AudioOptions.WavSource, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Audio:Source '{options.Source}' is not a known input kind; supported: '{AudioOptions.WavSource}'.");
        }

        if (options.FrameMs is < MinFrameMs or > MaxFrameMs)
        {
            failures.Add($"Audio:FrameMs must be between {MinFrameMs} and {MaxFrameMs}; it is {options.FrameMs}.");
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
