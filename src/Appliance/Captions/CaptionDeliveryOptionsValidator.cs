using LiveStt.Appliance.Backplane;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Captions;

/// <summary>Checks <see cref="CaptionDeliveryOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class CaptionDeliveryOptionsValidator : IValidateOptions<CaptionDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, CaptionDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BacklogLines is < 1 or > 1000)
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.BacklogLines)} must be between 1 and 1000; it is {options.BacklogLines}.");
        }

        if (options.ResumeMaxLines < Math.Max(1, options.BacklogLines) || options.ResumeMaxLines > 100_000)
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.ResumeMaxLines)} must be between {nameof(CaptionDeliveryOptions.BacklogLines)} ({options.BacklogLines}) and 100000; it is {options.ResumeMaxLines}.");
        }

        if (options.ViewerQueueCapacity is < 16 or > 100_000)
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.ViewerQueueCapacity)} must be between 16 and 100000; it is {options.ViewerQueueCapacity}.");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicUrl)
            && !(Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(url.UserInfo)))
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.PublicUrl)} must be an http:// or https:// address phones can open, such as http://captions.local/; it is '{options.PublicUrl}'.");
        }

        if (options.WifiName is { Length: > 32 })
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.WifiName)} is {options.WifiName.Length} characters; a Wi-Fi network name has at most 32.");
        }

        if (options.Relay && string.IsNullOrWhiteSpace(options.Redis))
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.Relay)} is on, but {CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.Redis)} is empty: a relay reads its captions from Redis.");
        }

        if (!string.IsNullOrWhiteSpace(options.Redis) && !RedisConnectionString.TryParse(options.Redis, out var problem))
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.Redis)} is not a Redis connection string: {problem}");
        }

        if (options.RedisKeyPrefix is not { Length: >= 1 and <= 64 } || !options.RedisKeyPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.RedisKeyPrefix)} must be 1 to 64 letters, digits, '-', '_' or '.'; it is '{options.RedisKeyPrefix}'.");
        }

        if (options.RedisHistoryDays is < 1 or > 30)
        {
            failures.Add($"{CaptionDeliveryOptions.SectionName}:{nameof(CaptionDeliveryOptions.RedisHistoryDays)} must be between 1 and 30; it is {options.RedisHistoryDays}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
