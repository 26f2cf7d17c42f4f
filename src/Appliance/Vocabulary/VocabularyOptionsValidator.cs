using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Vocabulary;

/// <summary>Checks the "Vocabulary" section at start-up and lists every problem at once.</summary>
internal sealed class VocabularyOptionsValidator : IValidateOptions<VocabularyOptions>
{
    public ValidateOptionsResult Validate(string? name, VocabularyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Path) && !System.IO.Path.IsPathFullyQualified(options.Path))
        {
            failures.Add($"Vocabulary:Path must be an absolute path; it is '{options.Path}'.");
        }

        if (options.GlossaryMaxTokens is < 0 or > VocabularyOptions.GlossaryTokenLimit)
        {
            failures.Add($"Vocabulary:GlossaryMaxTokens must be between 0 and {VocabularyOptions.GlossaryTokenLimit}; it is {options.GlossaryMaxTokens}.");
        }

        if (options.RuleTimeoutMs is < 1 or > 1000)
        {
            failures.Add($"Vocabulary:RuleTimeoutMs must be between 1 and 1000; it is {options.RuleTimeoutMs}.");
        }

        if (options.ReloadIntervalMs is < 100 or > 600_000)
        {
            failures.Add($"Vocabulary:ReloadIntervalMs must be between 100 and 600000; it is {options.ReloadIntervalMs}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
