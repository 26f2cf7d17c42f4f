using YamlDotNet.RepresentationModel;

namespace LiveStt.Deployment.Tests;

/// <summary>The repository's deployment files, read as YAML documents.</summary>
internal static class Yaml
{
    /// <summary>The repository root: the folder above the test binaries that holds LiveStt.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static YamlMappingNode Load(string relativePath) => Parse(File.ReadAllText(Path.Combine(Root, relativePath)));

    public static YamlMappingNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        stream.Documents.Count.ShouldBe(1, "one YAML document");
        return stream.Documents[0].RootNode.ShouldBeOfType<YamlMappingNode>();
    }

    public static YamlMappingNode Map(this YamlMappingNode node, string key) =>
        node.Children[new YamlScalarNode(key)].ShouldBeOfType<YamlMappingNode>($"'{key}' is a mapping");

    public static string Text(this YamlMappingNode node, string key) =>
        node.Children[new YamlScalarNode(key)].ShouldBeOfType<YamlScalarNode>($"'{key}' is a scalar").Value ?? "";

    public static IReadOnlyList<string> Texts(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? value.ShouldBeOfType<YamlSequenceNode>($"'{key}' is a list").Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList()
            : [];

    public static IEnumerable<string> Keys(this YamlMappingNode node) => node.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "");

    public static bool Has(this YamlMappingNode node, string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>A service's environment as name and value, whether written as a mapping or as NAME=value items.</summary>
    public static IReadOnlyDictionary<string, string> Environment(this YamlMappingNode service)
    {
        if (!service.Children.TryGetValue(new YamlScalarNode("environment"), out var environment))
        {
            return new Dictionary<string, string>();
        }
        return environment switch
        {
            YamlMappingNode map => map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value ?? "", e => (e.Value as YamlScalarNode)?.Value ?? ""),
            YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToDictionary(i => i.Split('=', 2)[0], i => i.Contains('=') ? i.Split('=', 2)[1] : ""),
            _ => throw new InvalidDataException("environment is neither a mapping nor a list"),
        };
    }

    /// <summary>Every scalar in the document with its path, keys included.</summary>
    public static IEnumerable<(string Path, string Value)> Scalars(YamlNode node, string path = "")
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                yield return (path, scalar.Value ?? "");
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    foreach (var s in Scalars(list.Children[i], $"{path}[{i}]"))
                    {
                        yield return s;
                    }
                }
                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    yield return (child, name);
                    foreach (var s in Scalars(value, child))
                    {
                        yield return s;
                    }
                }
                break;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveStt.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no LiveStt.sln above {AppContext.BaseDirectory}");
    }
}
