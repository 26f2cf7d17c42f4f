using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tickets;

/// <summary>Checks <see cref="TicketOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class TicketOptionsValidator : IValidateOptions<TicketOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Lifetime < TimeSpan.FromSeconds(1) || options.Lifetime > TicketOptions.MaxLifetime)
        {
            failures.Add($"{TicketOptions.SectionName}:{nameof(TicketOptions.Lifetime)} must be between 00:00:01 and {TicketOptions.MaxLifetime:c}; it is {options.Lifetime:c}.");
        }

        if (options.KeyFile is { } keyFile)
        {
            if (string.IsNullOrWhiteSpace(keyFile))
            {
                failures.Add($"{TicketOptions.SectionName}:{nameof(TicketOptions.KeyFile)} is set but empty; remove it to use a key generated at start-up.");
            }
            else if (!File.Exists(keyFile))
            {
                failures.Add($"{TicketOptions.SectionName}:{nameof(TicketOptions.KeyFile)} '{keyFile}' does not exist.");
            }
            else
            {
                var length = new FileInfo(keyFile).Length;
                if (length < TicketSigningKey.MinimumKeyBytes || length > TicketSigningKey.MaximumKeyBytes)
                {
                    failures.Add($"{TicketOptions.SectionName}:{nameof(TicketOptions.KeyFile)} '{keyFile}' holds {length} bytes; a key file must hold {TicketSigningKey.MinimumKeyBytes} to {TicketSigningKey.MaximumKeyBytes} bytes (e.g. head -c 32 /dev/urandom > FILE).");
                }
            }
        }

        if (options.MaxRememberedTickets is < 100 or > 1_000_000)
        {
            failures.Add($"{TicketOptions.SectionName}:{nameof(TicketOptions.MaxRememberedTickets)} must be between 100 and 1000000; it is {options.MaxRememberedTickets}.");
        }

        if (options.PermitsPerMinutePerAddress is < 1 or > 100_000)
        {
            failures.Add($"{TicketOptions.SectionName}:{nameof(TicketOptions.PermitsPerMinutePerAddress)} must be between 1 and 100000; it is {options.PermitsPerMinutePerAddress}.");
        }

        if (options.BurstPerAddress is < 1 or > 100_000)
        {
            failures.Add($"{TicketOptions.SectionName}:{nameof(TicketOptions.BurstPerAddress)} must be between 1 and 100000; it is {options.BurstPerAddress}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
