using LiveStt.ModelGenerator;

namespace LiveStt.Appliance.NativeTests;

/// <summary>
/// Random-weight whisper models written once per test run into a temporary folder, deleted afterwards.
/// Micro (64 wide, 1 layer, 15 MB) for most tests; tiny's dimensions (384 wide, 4 layers, 152 MB) where
/// realistic compute cost matters. Their text is meaningless; the load and inference path is real.
/// </summary>
public sealed class GeneratedModels : IDisposable
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("livestt-native-tests-");
    private readonly Lazy<string> _micro;
    private readonly Lazy<string> _tiny;

    public GeneratedModels()
    {
        _micro = new(() => RandomWhisperModel.Write(Path.Combine(_directory.FullName, "ggml-micro.bin"), WhisperModelShape.Micro, seed: 1).FullName);
        _tiny = new(() => RandomWhisperModel.Write(Path.Combine(_directory.FullName, "ggml-tiny-random.bin"), WhisperModelShape.Tiny, seed: 1).FullName);
    }

    public string Directory => _directory.FullName;

    public string Micro => _micro.Value;

    public string Tiny => _tiny.Value;

    public void Dispose() => _directory.Delete(recursive: true);
}
