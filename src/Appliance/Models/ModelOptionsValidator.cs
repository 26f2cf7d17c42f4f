using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Models;

/// <summary>Checks the "Models" section at start-up and lists every problem at once.</summary>
internal sealed class ModelOptionsValidator(IModelCatalog catalog) : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var byPath = !string.IsNullOrWhiteSpace(options.Path);

        if (!byPath)
        {
            if (string.IsNullOrWhiteSpace(options.Name))
            {
                failures.Add($"Models:Name is empty and Models:Path is not set; name a model ({KnownNames()}) or give a path.");
            }
            else if (catalog.Find(options.Name) is null)
            {
                failures.Add($"Models:Name '{options.Name}' is not a known model; known names: {KnownNames()}.");
            }

            if (string.IsNullOrWhiteSpace(options.CacheDirectory))
            {
                failures.Add("Models:CacheDirectory is empty; named models need a directory to be downloaded to.");
            }

            if (!Uri.TryCreate(options.DownloadBaseUrl, UriKind.Absolute, out var baseUrl)
                || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"Models:DownloadBaseUrl '{options.DownloadBaseUrl}' is not an absolute http(s) URL.");
            }
        }

        if (options.DemoFallbackPath is not null && string.IsNullOrWhiteSpace(options.DemoFallbackPath))
        {
            failures.Add("Models:DemoFallbackPath is blank; leave it out or name a generated model file.");
        }

        if (options.DownloadTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Models:DownloadTimeout must be positive; it is {options.DownloadTimeout}.");
        }

        if (options.StallTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Models:StallTimeout must be positive; it is {options.StallTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string KnownNames() => string.Join(", ", catalog.Entries.Select(entry => entry.Name));
}
