using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Transcripts;

/// <summary>Checks the "Transcripts" section at start-up and lists every problem at once.</summary>
internal sealed class TranscriptOptionsValidator : IValidateOptions<TranscriptOptions>
{
    public ValidateOptionsResult Validate(string? name, TranscriptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Directory) && !Path.IsPathFullyQualified(options.Directory))
        {
            failures.Add($"Transcripts:Directory must be an absolute path; it is '{options.Directory}'.");
        }

        if (options.RetentionDays is < 0 or > 3650)
        {
            failures.Add($"Transcripts:RetentionDays must be between 0 (keep them all) and 3650; it is {options.RetentionDays}.");
        }

        if (options.PendingRecords is < 1 or > 100_000)
        {
            failures.Add($"Transcripts:PendingRecords must be between 1 and 100000; it is {options.PendingRecords}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
