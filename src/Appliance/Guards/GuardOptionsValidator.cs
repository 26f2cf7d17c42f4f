using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Guards;

/// <summary>Checks the "Guards" section at start-up and lists every problem at once.</summary>
internal sealed class GuardOptionsValidator : IValidateOptions<GuardOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (double.IsNaN(options.CompressionRatioThreshold) || options.CompressionRatioThreshold is < 1 or > 10)
        {
            failures.Add($"Guards:CompressionRatioThreshold must be between 1 and 10; it is {options.CompressionRatioThreshold}.");
        }

        if (options.CompressionMinBytes is < 0 or > 10_000)
        {
            failures.Add($"Guards:CompressionMinBytes must be between 0 and 10000; it is {options.CompressionMinBytes}.");
        }

        if (options.MaxWordRepeats is < 1 or > 50)
        {
            failures.Add($"Guards:MaxWordRepeats must be between 1 and 50; it is {options.MaxWordRepeats}.");
        }

        if (options.MaxPhraseRepeats is < 1 or > 50)
        {
            failures.Add($"Guards:MaxPhraseRepeats must be between 1 and 50; it is {options.MaxPhraseRepeats}.");
        }

        if (options.RecentLines is < 0 or > 100)
        {
            failures.Add($"Guards:RecentLines must be between 0 and 100; it is {options.RecentLines}.");
        }

        if (options.RecentLineSeconds is < 1 or > 3600)
        {
            failures.Add($"Guards:RecentLineSeconds must be between 1 and 3600; it is {options.RecentLineSeconds}.");
        }

        if (options.RepeatedLineMinWords is < 1 or > 50)
        {
            failures.Add($"Guards:RepeatedLineMinWords must be between 1 and 50; it is {options.RepeatedLineMinWords}.");
        }

        for (var i = 0; i < options.Blocklist.Count; i++)
        {
            var phrase = options.Blocklist[i];
            if (string.IsNullOrWhiteSpace(phrase))
            {
                failures.Add($"Guards:Blocklist:{i} is empty.");
            }
            else if (GuardText.Words(phrase, keepMarks: true).Count == 0)
            {
                // Matching ignores punctuation, so such a phrase could never match anything.
                failures.Add($"Guards:Blocklist:{i} \"{phrase}\" has no letters, digits, brackets or music notes.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
