using LiveStt.Appliance.Interop;
using LiveStt.ModelGenerator;

namespace LiveStt.Appliance.NativeTests;

/// <summary>
/// Random-weight whisper models written once per test run into a temporary folder, deleted afterwards, in f16 as
/// published models are. Micro (64 wide, 1 layer, 8 MB) for most tests, also in the multilingual layout; tiny's
/// dimensions (384 wide, 4 layers, 76 MB) where realistic compute cost matters. Their text is meaningless; the
/// load and inference path is real.
/// </summary>
public sealed class GeneratedModels : IDisposable
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("livestt-native-tests-");
    private readonly Lazy<string> _micro;
    private readonly Lazy<string> _microMultilingual;
    private readonly Lazy<string> _tiny;

    public GeneratedModels()
    {
        // As the appliance does at start-up, so that memory measured here behaves as it does there.
        NativeHeap.FixMmapThreshold().ShouldBeTrue();

        _micro = new(() => Write("ggml-micro.bin", WhisperModelShape.Micro));
        _microMultilingual = new(() => Write("ggml-micro-multilingual.bin", WhisperModelShape.Micro with { VocabularySize = WhisperModelShape.MultilingualVocabularySize }));
        _tiny = new(() => Write("ggml-tiny-random.bin", WhisperModelShape.Tiny));
    }

    public string Directory => _directory.FullName;

    public string Micro => _micro.Value;

    public string MicroMultilingual => _microMultilingual.Value;

    public string Tiny => _tiny.Value;

    /// <summary>Writes another model into the run's folder.</summary>
    public string Write(string name, WhisperModelShape shape) =>
        RandomWhisperModel.Write(Path.Combine(_directory.FullName, name), shape, seed: 1).FullName;

    public void Dispose() => _directory.Delete(recursive: true);
}
