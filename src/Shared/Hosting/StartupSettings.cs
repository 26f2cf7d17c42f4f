using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveStt.Hosting;

/// <summary>
/// Checks a service's settings before its host starts and reports every bad one in a single message. Left to the
/// host, a bad setting escapes Main as an unhandled exception: a stack trace per error, then abort(). In a container
/// the service is PID 1, where the kernel drops a SIGABRT it sends itself; glibc's abort() then falls back to an
/// illegal instruction, so Docker and balena saw exit 139, a segmentation fault, for a typo in a setting.
/// </summary>
internal static class StartupSettings
{
    /// <summary>The exit code of a service that did not start because of its settings.</summary>
    public const int InvalidExitCode = 1;

    private const string BinderNamespace = "Microsoft.Extensions.Configuration";

    /// <summary>
    /// Builds each of <paramref name="optionsBuilds"/>, then runs the host's own start-up validation; writes what is
    /// wrong to standard error and returns false when any setting is.
    /// </summary>
    public static bool Check(IServiceProvider services, string service, IEnumerable<Action> optionsBuilds)
    {
        var errors = FindErrors(services, optionsBuilds);
        if (errors.Count == 0)
        {
            return true;
        }

        Console.Error.Write(Describe(service, errors));
        return false;
    }

    /// <summary>Every settings error, in the order the options were registered.</summary>
    public static IReadOnlyList<string> FindErrors(IServiceProvider services, IEnumerable<Action> optionsBuilds)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(optionsBuilds);
        var errors = new List<string>();
        // One options type at a time first: the host's validator stops at the first value that does not convert
        // (a TimeSpan of "5m"), so the errors in the other sections would only show one restart later.
        foreach (var build in optionsBuilds)
        {
            Collect(build, errors);
        }

        if (errors.Count == 0)
        {
            // Whatever else asked to be validated on start, as the host would when it starts.
            Collect(() => services.GetService<IStartupValidator>()?.Validate(), errors);
        }

        return errors;
    }

    /// <summary>The message: what did not start and why, one error a line, and where settings come from.</summary>
    public static string Describe(string service, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = new List<string>
        {
            errors.Count == 1
                ? $"{service} did not start: 1 setting is not valid."
                : $"{service} did not start: {errors.Count} settings are not valid.",
        };
        lines.AddRange(errors.Select(error => $"  - {error}"));
        lines.Add("Settings come from appsettings.json, environment variables (Section__Key) and the command line (--Section:Key=value).");
        return string.Join('\n', lines) + '\n';
    }

    private static void Collect(Action build, List<string> errors)
    {
        try
        {
            build();
        }
        catch (Exception ex) when (IsSettingsError(ex))
        {
            Add(ex, errors);
        }
    }

    private static bool IsSettingsError(Exception exception) => exception switch
    {
        OptionsValidationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsSettingsError),
        // The binder's "Failed to convert configuration value 'abc' at 'Tickets:Lifetime' to type ...", thrown by
        // ConfigurationBinder or by the code its source generator writes (a trimmed build uses that) alike.
        InvalidOperationException binding => binding.TargetSite?.DeclaringType?.Namespace?.StartsWith(BinderNamespace, StringComparison.Ordinal) == true,
        _ => false,
    };

    private static void Add(Exception exception, List<string> errors)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                errors.AddRange(validation.Failures);
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Add(inner, errors);
                }

                break;
            default:
                errors.Add(exception.Message);
                break;
        }
    }
}
