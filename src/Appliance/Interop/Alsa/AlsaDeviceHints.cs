using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace LiveStt.Appliance.Interop.Alsa;

/// <summary>The PCMs alsa-lib knows (its name hints: sound cards' devices and configured plugins) that can capture.</summary>
internal static unsafe partial class AlsaDeviceHints
{
    /// <summary>Every PCM whose hint does not say it is output only, as name, description and card.</summary>
    /// <exception cref="AlsaException">alsa-lib could not list them.</exception>
    public static IReadOnlyList<(string Name, string Description, string? Card)> CaptureDevices()
    {
        AlsaErrorOutput.Silence();
        var status = LibAsound.snd_device_name_hint(-1, "pcm", out var hints);
        if (status < 0)
        {
            throw new AlsaException($"ALSA could not list its devices: {LibAsound.Describe(status)}.", status);
        }

        try
        {
            var devices = new List<(string, string, string?)>();
            for (var entry = hints; Marshal.ReadIntPtr(entry) != 0; entry += IntPtr.Size)
            {
                var hint = Marshal.ReadIntPtr(entry);
                var name = Take(LibAsound.snd_device_name_get_hint(hint, "NAME"));
                var direction = Take(LibAsound.snd_device_name_get_hint(hint, "IOID"));
                if (name is null || direction == "Output")
                {
                    continue;
                }

                var description = Take(LibAsound.snd_device_name_get_hint(hint, "DESC")) ?? "";
                var card = CardName().Match(name);
                devices.Add((name, string.Join(", ", description.Split('\n', StringSplitOptions.RemoveEmptyEntries)), card.Success ? card.Groups["card"].Value : null));
            }

            return devices;
        }
        finally
        {
            _ = LibAsound.snd_device_name_free_hint(hints);
        }
    }

    /// <summary>A hint string, freed: alsa-lib hands it over with malloc.</summary>
    private static string? Take(nint text)
    {
        if (text == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(text);
        }
        finally
        {
            NativeMemory.Free((void*)text);
        }
    }

    [GeneratedRegex(@"CARD=(?<card>[^,]+)")]
    private static partial Regex CardName();
}
