using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Speech;

/// <summary>Checks the "Vad" section at start-up and lists every problem at once.</summary>
internal sealed class VoiceActivityOptionsValidator : IValidateOptions<VoiceActivityOptions>
{
    public ValidateOptionsResult Validate(string? name, VoiceActivityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add("Vad:ModelPath must name the Silero model file (or set Vad:Enabled to false).");
        }

        if (double.IsNaN(options.Threshold) || options.Threshold is < 0.15 or > 0.95)
        {
            failures.Add($"Vad:Threshold must be between 0.15 and 0.95; it is {options.Threshold}.");
        }

        if (options.MinSpeechMs is < 32 or > 2000)
        {
            failures.Add($"Vad:MinSpeechMs must be between 32 and 2000; it is {options.MinSpeechMs}.");
        }

        if (options.PrerollMs is < 0 or > 1000)
        {
            failures.Add($"Vad:PrerollMs must be between 0 and 1000; it is {options.PrerollMs}.");
        }

        if (options.Threads is < 1 or > 8)
        {
            failures.Add($"Vad:Threads must be between 1 and 8; it is {options.Threads}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
