namespace LiveStt.OpsAgent.Balena;

/// <summary>
/// balenaOS mode, detected from the variables the supervisor injects into containers that ask for its API.
/// In this mode the supervisor owns the containers; the agent never swaps them itself.
/// </summary>
internal sealed class BalenaEnvironment(IConfiguration configuration)
{
    public Uri? SupervisorAddress { get; } =
        Uri.TryCreate(configuration["BALENA_SUPERVISOR_ADDRESS"], UriKind.Absolute, out var address) ? address : null;

    public string? ApiKey { get; } = configuration["BALENA_SUPERVISOR_API_KEY"] is { Length: > 0 } key ? key : null;

    public string? AppId { get; } = configuration["BALENA_APP_ID"];

    public bool Enabled => SupervisorAddress is not null && ApiKey is not null;
}
