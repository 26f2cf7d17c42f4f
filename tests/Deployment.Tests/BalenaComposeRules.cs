using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LiveStt.Deployment.Tests;

/// <summary>
/// What balena's supervisor accepts in a compose file (balena's docs, "docker-compose.yml fields" and "Labels"):
/// file format 2.4, the service fields listed as supported, no variable substitution, named volumes only (host
/// paths come in through io.balena.features.* labels), network_mode bridge, host, none or service:NAME.
/// </summary>
internal static partial class BalenaComposeRules
{
    public static readonly IReadOnlySet<string> ServiceFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "build", "cap_add", "cap_drop", "cgroup_parent", "command", "cpu_shares", "cpu_quota", "cpus", "cpuset", "devices",
        "depends_on", "dns", "dns_opt", "dns_search", "domainname", "entrypoint", "environment", "expose", "extra_hosts",
        "group_add", "healthcheck", "hostname", "image", "init", "ipc", "labels", "mac_address", "mem_limit",
        "mem_reservation", "network_mode", "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "ports",
        "privileged", "read_only", "restart", "security_opt", "shm_size", "stop_grace_period", "stop_signal", "sysctls",
        "tmpfs", "ulimits", "user", "userns_mode", "volumes", "working_dir",
    };

    public static readonly IReadOnlySet<string> TopLevelFields = new HashSet<string>(StringComparer.Ordinal) { "version", "services", "volumes", "networks" };

    /// <summary>The io.balena.* labels balena documents.</summary>
    public static readonly IReadOnlySet<string> Labels = new HashSet<string>(StringComparer.Ordinal)
    {
        "io.balena.features.balena-socket", "io.balena.features.dbus", "io.balena.features.sysfs", "io.balena.features.procfs",
        "io.balena.features.kernel-modules", "io.balena.features.firmware", "io.balena.features.journal-logs",
        "io.balena.features.supervisor-api", "io.balena.features.balena-api", "io.balena.update.strategy",
        "io.balena.update.handover-timeout",
    };

    /// <summary>Every way <paramref name="compose"/> breaks balena's rules, one line each; empty when it keeps them.</summary>
    public static IReadOnlyList<string> Violations(YamlMappingNode compose)
    {
        var violations = new List<string>();
        if (!compose.Has("version") || compose.Text("version") != "2.4")
        {
            violations.Add("version must be \"2.4\"");
        }
        violations.AddRange(compose.Keys().Where(k => !TopLevelFields.Contains(k)).Select(k => $"{k} is not supported by balena"));
        foreach (var (path, value) in Yaml.Scalars(compose).Where(s => s.Value.Contains('$', StringComparison.Ordinal)))
        {
            violations.Add($"{path}: variable substitution is not supported by balena");
        }
        var declaredVolumes = compose.Has("volumes") ? compose.Map("volumes").Keys().ToHashSet() : [];
        foreach (var (name, node) in compose.Map("services").Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value)))
        {
            violations.AddRange(node.Keys().Where(k => !ServiceFields.Contains(k)).Select(k => $"services.{name}.{k} is not supported by balena"));
            foreach (var volume in node.Has("volumes") ? node.Texts("volumes") : [])
            {
                var source = volume.Split(':')[0];
                if (!declaredVolumes.Contains(source))
                {
                    violations.Add($"services.{name}.volumes '{volume}': only named volumes declared in the file (no bind mounts)");
                }
            }
            if (node.Has("network_mode") && !NetworkMode().IsMatch(node.Text("network_mode")))
            {
                violations.Add($"services.{name}.network_mode must be bridge, host, none or service:NAME");
            }
            if (node.Has("labels"))
            {
                violations.AddRange(node.Map("labels").Keys()
                    .Where(l => l.StartsWith("io.balena.", StringComparison.Ordinal) && !Labels.Contains(l))
                    .Select(l => $"services.{name}.labels {l} is not a balena label"));
            }
        }
        return violations;
    }

    [GeneratedRegex("^(bridge|host|none|service:[a-z0-9][a-z0-9_.-]*)$")]
    private static partial Regex NetworkMode();
}
