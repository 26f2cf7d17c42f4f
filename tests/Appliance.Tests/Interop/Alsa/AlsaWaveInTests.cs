using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Interop.Alsa;
using Microsoft.Extensions.Logging.Abstractions;
using NAudio.Wave;

namespace LiveStt.Appliance.Tests.Interop.Alsa;

/// <summary>The capture loop's handling of what alsa-lib returns, with a scripted device; real libasound is tested through the appliance.</summary>
public sealed class AlsaWaveInTests
{
    [Fact]
    public async Task An_overrun_is_recovered_and_counted_and_capture_goes_on_until_the_device_goes_away()
    {
        var device = new ScriptedDevice(2, -32, 3, -19);
        using var capture = new AlsaWaveIn("usb", NullLogger.Instance, _ => device);
        var delivered = new List<byte>();
        var stopped = new TaskCompletionSource<Exception?>();
        capture.DataAvailable += (_, e) => delivered.AddRange(e.Buffer.AsSpan(0, e.BytesRecorded).ToArray());
        capture.RecordingStopped += (_, e) => stopped.SetResult(e.Exception);

        capture.StartRecording();
        var reason = await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        capture.Overruns.ShouldBe(1);
        device.Recovered.ShouldBe([-32]);
        delivered.ShouldBe(ScriptedDevice.Bytes(2).Concat(ScriptedDevice.Bytes(3)));
        reason.ShouldBeOfType<AudioSourceException>().Message.ShouldBe("The ALSA device 'usb' went away (unplugged?).");
    }

    [Fact]
    public async Task An_overrun_that_cannot_be_recovered_ends_the_recording_with_alsas_reason()
    {
        var device = new ScriptedDevice(-32) { RecoverResult = -5 };
        using var capture = new AlsaWaveIn("usb", NullLogger.Instance, _ => device);
        var stopped = new TaskCompletionSource<Exception?>();
        capture.RecordingStopped += (_, e) => stopped.SetResult(e.Exception);

        capture.StartRecording();
        var reason = await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        reason!.Message.ShouldBe("The ALSA device 'usb' could not recover from an overrun: Input/output error.");
    }

    [Fact]
    public void A_device_that_cannot_be_opened_is_an_audio_source_error_with_alsas_message()
    {
        using var capture = new AlsaWaveIn("usb", NullLogger.Instance, _ => throw new AlsaException("The ALSA device 'usb' is busy: another program is capturing from it.", -16));

        Should.Throw<AudioSourceException>(capture.StartRecording).Message.ShouldBe("The ALSA device 'usb' is busy: another program is capturing from it.");
    }

    /// <summary>Each step is a read: a positive number of 16-bit stereo frames (counting bytes), or a negative errno.</summary>
    private sealed class ScriptedDevice(params int[] steps) : IAlsaCaptureDevice
    {
        private int next;

        public WaveFormat Format { get; } = new(48_000, 16, 2);

        public List<int> Recovered { get; } = [];

        public int RecoverResult { get; init; }

        public static IEnumerable<byte> Bytes(int frames) => Enumerable.Range(0, frames * 4).Select(i => (byte)(frames + i));

        public int Wait(int timeoutMs) => next < steps.Length ? 1 : 0;

        public int Read(Span<byte> buffer, int frames)
        {
            var step = steps[next++];
            if (step > 0)
            {
                Bytes(step).ToArray().CopyTo(buffer);
            }

            return step;
        }

        public int Recover(int error)
        {
            Recovered.Add(error);
            return RecoverResult;
        }

        public void Dispose()
        {
        }
    }
}
