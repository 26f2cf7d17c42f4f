using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Streaming;

/// <summary>Checks the "Streaming" section at start-up and lists every problem at once.</summary>
internal sealed class StreamingOptionsValidator : IValidateOptions<StreamingOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxWindowSeconds is < 1 or > StreamingOptions.WindowLimitSeconds)
        {
            failures.Add($"Streaming:MaxWindowSeconds must be between 1 and {StreamingOptions.WindowLimitSeconds}; it is {options.MaxWindowSeconds}.");
        }

        var windowMs = options.MaxWindowSeconds * 1000;
        if (options.StepMs < 100 || options.StepMs > Math.Max(100, windowMs / 2))
        {
            failures.Add($"Streaming:StepMs must be between 100 and half the window ({windowMs / 2}); it is {options.StepMs}.");
        }

        if (options.MinWindowMs < 0 || options.MinWindowMs > windowMs)
        {
            failures.Add($"Streaming:MinWindowMs must be between 0 and the window ({windowMs}); it is {options.MinWindowMs}.");
        }

        if (options.MinSilenceMs is < 100 or > 10_000)
        {
            failures.Add($"Streaming:MinSilenceMs must be between 100 and 10000; it is {options.MinSilenceMs}.");
        }

        if (double.IsNaN(options.MaxTokensPerSecond) || options.MaxTokensPerSecond is < 1 or > 100)
        {
            failures.Add($"Streaming:MaxTokensPerSecond must be between 1 and 100; it is {options.MaxTokensPerSecond}.");
        }

        if (options.AudioQueueCapacity is < 1 or > 10_000)
        {
            failures.Add($"Streaming:AudioQueueCapacity must be between 1 and 10000 frames; it is {options.AudioQueueCapacity}.");
        }

        if (options.ResumeWindowSeconds is < 0 or > 3600)
        {
            failures.Add($"Streaming:ResumeWindowSeconds must be between 0 (never resume) and 3600; it is {options.ResumeWindowSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
