using LiveStt.Appliance.Interop;

namespace LiveStt.Appliance.Tests.Interop;

public sealed class LoadedWhisperLibraryTests : IDisposable
{
    private readonly string maps = Path.GetTempFileName();

    public void Dispose() => File.Delete(maps);

    [Fact]
    public void The_mapped_libwhisper_is_found_among_the_process_mappings()
    {
        File.WriteAllLines(maps,
        [
            "5603c4a00000-5603c4a21000 r--p 00000000 fd:01 1234567                    /app/LiveStt.Appliance",
            "7f1b2c000000-7f1b2c021000 rw-p 00000000 00:00 0 ",
            "7f1b2d000000-7f1b2d0a0000 r-xp 00010000 fd:01 2345678                    /opt/whisper/runtimes/cuda/linux-arm64/libggml-whisper.so",
            "7f1b2e000000-7f1b2e0a0000 r-xp 00010000 fd:01 3456789                    /opt/whisper/runtimes/cuda/linux-arm64/libwhisper.so",
            "7f1b2f000000-7f1b2f021000 r--p 00000000 00:00 0                          [vvar]",
        ]);

        LoadedWhisperLibrary.FindPath(maps).ShouldBe("/opt/whisper/runtimes/cuda/linux-arm64/libwhisper.so");
    }

    [Fact]
    public void Nothing_is_found_before_whisper_is_loaded()
    {
        File.WriteAllLines(maps, ["5603c4a00000-5603c4a21000 r--p 00000000 fd:01 1234567 /usr/lib/x86_64-linux-gnu/libwhisper.so.1"]);

        LoadedWhisperLibrary.FindPath(maps).ShouldBeNull();
        LoadedWhisperLibrary.FindPath(maps + ".missing").ShouldBeNull();
    }
}
