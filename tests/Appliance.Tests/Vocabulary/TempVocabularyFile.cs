using System.Text;

namespace LiveStt.Appliance.Tests.Vocabulary;

/// <summary>A vocabulary file in a folder of its own, deleted with the folder when the test ends, passed or not.</summary>
internal sealed class TempVocabularyFile : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("livestt-vocabulary-").FullName;

    public string Path => System.IO.Path.Combine(folder, "vocabulary.json");

    public void Write(string json) => File.WriteAllText(Path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>Saves the way editors do: a new file renamed over the old one.</summary>
    public void ReplaceByRename(string json)
    {
        var temporary = System.IO.Path.Combine(folder, ".vocabulary.json.swp");
        File.WriteAllText(temporary, json);
        File.Move(temporary, Path, overwrite: true);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
