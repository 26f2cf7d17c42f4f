using System.Collections;
using System.Reflection;

namespace LiveStt.Deployment.Tests;

/// <summary>
/// Whether an environment variable is a setting the appliance or the ops agent reads: Section__Key[__N__Key...]
/// walked through the options class bound to that section, the way the configuration binder walks it.
/// </summary>
internal static class Settings
{
    /// <summary>Host settings that are not in an options class: ASP.NET Core's own.</summary>
    private static readonly HashSet<string> HostSettings = new(StringComparer.Ordinal) { "ASPNETCORE_URLS" };

    // The ops agent keeps its types internal; its assembly is found by name.
    private static readonly System.Reflection.Assembly[] Assemblies = [typeof(LiveStt.Appliance.Kiosk.KioskOptions).Assembly, System.Reflection.Assembly.Load("LiveStt.OpsAgent")];

    /// <summary>Section name (as written in configuration, "A:B") to its options class, for both services.</summary>
    private static readonly Dictionary<string, Type> Sections = Assemblies
        .SelectMany(assembly => assembly.GetTypes())
        .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
        .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="variable"/> is a real setting; otherwise why not.</summary>
    public static string? Problem(string variable)
    {
        if (HostSettings.Contains(variable))
        {
            return null;
        }
        var parts = variable.Split("__");
        for (var take = parts.Length - 1; take >= 1; take--)
        {
            if (Sections.TryGetValue(string.Join(':', parts[..take]), out var type))
            {
                return Walk(type, parts[take..], variable);
            }
        }
        return $"{variable}: no options section '{parts[0]}' in the appliance or the ops agent";
    }

    private static string? Walk(Type type, string[] path, string variable)
    {
        foreach (var part in path)
        {
            if (ElementType(type) is { } element)
            {
                if (!int.TryParse(part, out _))
                {
                    return $"{variable}: '{part}' should be a list index";
                }
                type = element;
                continue;
            }
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return $"{variable}: {type.Name} has no setting '{part}'";
            }
            type = property.PropertyType;
        }
        return ElementType(type) is null || type == typeof(string) ? null : $"{variable}: names a list, not one setting";
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;
}
