using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// Checks the "Kiosk" section at start-up and lists every problem at once. No message repeats the PIN: a wrong
/// one is still somebody's PIN, and start-up errors end up in logs.
/// </summary>
internal sealed class KioskOptionsValidator : IValidateOptions<KioskOptions>
{
    public ValidateOptionsResult Validate(string? name, KioskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasPin = !string.IsNullOrEmpty(options.Pin);
        var hasFile = !string.IsNullOrWhiteSpace(options.PinFile);
        if (hasPin && hasFile)
        {
            failures.Add("Kiosk:Pin and Kiosk:PinFile are both set; set one of them.");
        }
        else if (hasPin)
        {
            if (KioskPin.Problem(options.Pin!) is { } problem)
            {
                failures.Add($"Kiosk:Pin {problem}");
            }
        }
        else if (hasFile)
        {
            if (!File.Exists(options.PinFile))
            {
                failures.Add($"Kiosk:PinFile '{options.PinFile}' does not exist.");
            }
            else
            {
                try
                {
                    if (KioskPin.Problem(KioskPin.ReadFile(options.PinFile!)) is { } problem)
                    {
                        failures.Add($"Kiosk:PinFile '{options.PinFile}': the PIN in it {problem}");
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    failures.Add($"Kiosk:PinFile '{options.PinFile}' cannot be read: {ex.Message}");
                }
            }
        }

        if (options.SessionIdleMinutes is < 1 or > 1440)
        {
            failures.Add($"Kiosk:SessionIdleMinutes must be between 1 and 1440; it is {options.SessionIdleMinutes}.");
        }

        for (var i = 0; i < options.RefusedHosts.Count; i++)
        {
            if (!KioskHostGate.IsPattern(options.RefusedHosts[i]))
            {
                failures.Add($"Kiosk:RefusedHosts:{i} '{options.RefusedHosts[i]}' must be a host name, or *. and a domain (no scheme, port or path).");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.KeyDirectory) && !Path.IsPathFullyQualified(options.KeyDirectory))
        {
            failures.Add($"Kiosk:KeyDirectory must be an absolute path; it is '{options.KeyDirectory}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
