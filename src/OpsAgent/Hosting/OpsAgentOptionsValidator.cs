using System.Globalization;
using LiveStt.OpsAgent.Balena;
using LiveStt.OpsAgent.Registry;
using LiveStt.OpsAgent.Security;
using LiveStt.OpsAgent.Updates;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Hosting;

/// <summary>
/// Checks the agent's settings at start-up and lists every problem at once. No message repeats the token: start-up
/// errors end up in logs (on balenaOS in the fleet's dashboard).
/// </summary>
internal sealed class OpsAgentOptionsValidator(BalenaEnvironment balena) : IValidateOptions<OpsAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, OpsAgentOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            errors.Add("OpsAgent:StateDirectory is required.");
        }
        if (string.IsNullOrWhiteSpace(options.ApiToken) && string.IsNullOrWhiteSpace(options.ApiTokenFile))
        {
            errors.Add("OpsAgent:ApiToken or OpsAgent:ApiTokenFile is required: every endpoint but /healthz needs a token.");
        }
        else if (!string.IsNullOrWhiteSpace(options.ApiTokenFile))
        {
            TokenFile(errors, options.ApiTokenFile);
        }
        else if (options.ApiToken!.Trim().Length < ApiToken.MinLength)
        {
            // Trimmed, as the token is used: a variable padded out to the length with spaces is still too short.
            errors.Add($"OpsAgent:ApiToken must be at least {ApiToken.MinLength} characters (surrounding white space not counted).");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Services.Count; i++)
        {
            var service = options.Services[i];
            var prefix = $"OpsAgent:Services:{i}";
            if (!ManagedServiceOptions.IsValidName(service.Name))
            {
                errors.Add($"{prefix}:Name must be {ManagedServiceOptions.NameRule}.");
            }
            else if (!names.Add(service.Name))
            {
                errors.Add($"{prefix}:Name '{service.Name}' is used twice.");
            }
            // On balenaOS the supervisor owns the containers and their images: a service is only a name to restart.
            if (balena.Enabled && string.IsNullOrWhiteSpace(service.ContainerName) && string.IsNullOrWhiteSpace(service.Image))
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(service.ContainerName))
            {
                errors.Add($"{prefix}:ContainerName is required.");
            }
            if (!ImageReference.TryParse(service.Image, out var reference, out var why))
            {
                errors.Add($"{prefix}:Image '{service.Image}': {why}");
            }
            else if (reference!.Digest is not null)
            {
                errors.Add($"{prefix}:Image must name a tag to follow, not a digest.");
            }
        }
        Positive(errors, options.HealthyTimeout, nameof(options.HealthyTimeout));
        Positive(errors, options.StopTimeout, nameof(options.StopTimeout));
        Positive(errors, options.SessionPollInterval, nameof(options.SessionPollInterval));
        Positive(errors, options.HealthInterval, nameof(options.HealthInterval));
        Positive(errors, options.AuthFailureWindow, nameof(options.AuthFailureWindow));
        if (options.CheckInterval < TimeSpan.Zero)
        {
            errors.Add("OpsAgent:CheckInterval must not be negative.");
        }
        if (options.AuthFailureLimit < 1)
        {
            errors.Add("OpsAgent:AuthFailureLimit must be at least 1.");
        }
        if (options.MaxLogBundleBytes < 64 * 1024)
        {
            errors.Add("OpsAgent:MaxLogBundleBytes must be at least 65536.");
        }
        var hasStart = !string.IsNullOrWhiteSpace(options.MaintenanceWindowStart);
        var hasEnd = !string.IsNullOrWhiteSpace(options.MaintenanceWindowEnd);
        if (hasStart != hasEnd)
        {
            errors.Add("OpsAgent:MaintenanceWindowStart and MaintenanceWindowEnd go together.");
        }
        foreach (var (value, key) in new[] { (options.MaintenanceWindowStart, "MaintenanceWindowStart"), (options.MaintenanceWindowEnd, "MaintenanceWindowEnd") })
        {
            if (!string.IsNullOrWhiteSpace(value) && !TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"OpsAgent:{key} '{value}' is not a time of day as HH:mm.");
            }
        }
        if (!string.IsNullOrWhiteSpace(options.PauseAtSwapStep) && !Enum.TryParse<SwapStep>(options.PauseAtSwapStep, out _))
        {
            errors.Add($"OpsAgent:PauseAtSwapStep '{options.PauseAtSwapStep}' is not a swap step ({string.Join(", ", Enum.GetNames<SwapStep>())}).");
        }
        if (!string.IsNullOrWhiteSpace(options.PauseAfterSwapCall) && !Enum.TryParse<SwapCall>(options.PauseAfterSwapCall, out _))
        {
            errors.Add($"OpsAgent:PauseAfterSwapCall '{options.PauseAfterSwapCall}' is not a swap's Docker call ({string.Join(", ", Enum.GetNames<SwapCall>())}).");
        }
        if (!string.IsNullOrWhiteSpace(options.Platform) && !PullPlatform.IsValid(options.Platform))
        {
            errors.Add($"OpsAgent:Platform '{options.Platform}' is not a platform as os/arch or os/arch/variant (e.g. linux/arm64).");
        }
        if (options.MaxKeptLogBytes < 64 * 1024)
        {
            errors.Add("OpsAgent:MaxKeptLogBytes must be at least 65536.");
        }

        Positive(errors, options.UnresponsiveUpdateAfter, nameof(options.UnresponsiveUpdateAfter));
        Positive(errors, options.RecoveryRetryInterval, nameof(options.RecoveryRetryInterval));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void TokenFile(List<string> errors, string path)
    {
        if (!File.Exists(path))
        {
            errors.Add($"OpsAgent:ApiTokenFile '{path}' does not exist.");
            return;
        }
        try
        {
            if (File.ReadAllText(path).Trim().Length < ApiToken.MinLength)
            {
                errors.Add($"OpsAgent:ApiTokenFile '{path}': the token in it must be at least {ApiToken.MinLength} characters (surrounding white space not counted).");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"OpsAgent:ApiTokenFile '{path}' cannot be read: {ex.Message}");
        }
    }

    private static void Positive(List<string> errors, TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"OpsAgent:{key} must be positive.");
        }
    }
}
