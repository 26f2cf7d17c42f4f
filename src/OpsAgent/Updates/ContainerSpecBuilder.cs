using Docker.DotNet.Models;

// Docker.DotNet's models declare optional fields non-nullable, yet null is how a field is left unset on create.
#pragma warning disable CS8601, CS8625

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// Builds the new container's definition from the old container: everything the operator set carries over
/// (env, mounts, ports, labels, restart policy, health check), while settings the old container merely
/// inherited from its image are left out so the new image's own defaults apply.
/// </summary>
internal static class ContainerSpecBuilder
{
    public static CreateContainerParameters Build(ContainerInspectResponse old, ImageInspectResponse oldImage, string newImageId, string name)
    {
        var config = old.Config!;
        var image = oldImage.Config ?? new DockerOCIImageConfig();
        var parameters = new CreateContainerParameters
        {
            Name = name,
            Image = newImageId,
            Env = Overrides(config.Env, image.Env),
            Labels = Overrides(config.Labels, image.Labels),
            Cmd = SameList(config.Cmd, image.Cmd) ? null : config.Cmd,
            Entrypoint = SameList(config.Entrypoint, image.Entrypoint) ? null : config.Entrypoint,
            WorkingDir = config.WorkingDir == (image.WorkingDir ?? "") ? null : config.WorkingDir,
            User = config.User == (image.User ?? "") ? null : config.User,
            StopSignal = config.StopSignal == image.StopSignal ? null : config.StopSignal,
            Healthcheck = SameHealthcheck(config.Healthcheck, image.Healthcheck) ? null : config.Healthcheck,
            ExposedPorts = Overrides(config.ExposedPorts, image.ExposedPorts),
            Volumes = Overrides(config.Volumes, image.Volumes),
            // Docker's default host name is the container's short ID; keep only one the operator chose.
            Hostname = old.ID.StartsWith(config.Hostname ?? "", StringComparison.Ordinal) ? null : config.Hostname,
            Domainname = config.Domainname,
            Tty = config.Tty,
            OpenStdin = config.OpenStdin,
            StdinOnce = config.StdinOnce,
            AttachStdin = config.AttachStdin,
            AttachStdout = config.AttachStdout,
            AttachStderr = config.AttachStderr,
            StopTimeout = config.StopTimeout,
            HostConfig = old.HostConfig,
            NetworkingConfig = PrimaryNetwork(old),
        };
        return parameters;
    }

    /// <summary>Networks beyond the primary one, to connect after creation (older engines take one network at create).</summary>
    public static IEnumerable<(string Network, EndpointSettings Endpoint)> ExtraNetworks(ContainerInspectResponse old)
    {
        var primary = old.HostConfig?.NetworkMode;
        foreach (var (network, endpoint) in old.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
        {
            if (network != primary)
            {
                yield return (network, CopyEndpoint(endpoint, old.ID));
            }
        }
    }

    private static NetworkingConfig? PrimaryNetwork(ContainerInspectResponse old)
    {
        var primary = old.HostConfig?.NetworkMode;
        if (primary is null || old.NetworkSettings?.Networks is null || !old.NetworkSettings.Networks.TryGetValue(primary, out var endpoint))
        {
            return null;
        }
        return new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [primary] = CopyEndpoint(endpoint, old.ID) } };
    }

    private static EndpointSettings CopyEndpoint(EndpointSettings endpoint, string oldId) => new()
    {
        // The old container's short ID is an automatic alias; the new container gets its own.
        Aliases = endpoint.Aliases?.Where(a => !oldId.StartsWith(a, StringComparison.Ordinal)).ToList(),
        Links = endpoint.Links,
        IPAMConfig = endpoint.IPAMConfig,
        MacAddress = endpoint.MacAddress,
        DriverOpts = endpoint.DriverOpts,
    };

    private static List<string>? Overrides(IList<string>? container, IList<string>? image)
    {
        if (container is null)
        {
            return null;
        }
        var inherited = new HashSet<string>(image ?? [], StringComparer.Ordinal);
        return container.Where(e => !inherited.Contains(e)).ToList();
    }

    private static Dictionary<string, TValue>? Overrides<TValue>(IDictionary<string, TValue>? container, IDictionary<string, TValue>? image)
    {
        if (container is null)
        {
            return null;
        }
        return container
            .Where(kv => image is null || !image.TryGetValue(kv.Key, out var inherited)
                || (kv.Value is string value && !string.Equals(value, inherited as string, StringComparison.Ordinal)))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    private static bool SameList(IList<string>? a, IList<string>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.SequenceEqual(b);

    private static bool SameHealthcheck(HealthcheckConfig? a, HealthcheckConfig? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        return SameList(a.Test, b.Test) && a.Interval == b.Interval && a.Timeout == b.Timeout
            && a.StartPeriod == b.StartPeriod && a.Retries == b.Retries;
    }
}
