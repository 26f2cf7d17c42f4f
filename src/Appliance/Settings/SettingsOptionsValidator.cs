using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Settings;

/// <summary>Checks the "Settings" section at start-up.</summary>
internal sealed class SettingsOptionsValidator : IValidateOptions<SettingsOptions>
{
    public ValidateOptionsResult Validate(string? name, SettingsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !string.IsNullOrWhiteSpace(options.InputPath) && !Path.IsPathFullyQualified(options.InputPath)
            ? ValidateOptionsResult.Fail($"Settings:InputPath must be an absolute path; it is '{options.InputPath}'.")
            : ValidateOptionsResult.Success;
    }
}
