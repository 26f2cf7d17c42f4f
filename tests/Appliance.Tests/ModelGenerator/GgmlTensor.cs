using System.Runtime.InteropServices;

namespace LiveStt.Appliance.Tests.ModelGenerator;

internal sealed record GgmlTensor(string Name, int Type, int[] Dimensions, byte[] Data)
{
    public float[] AsFloats() =>
        Type == 0 ? MemoryMarshal.Cast<byte, float>(Data).ToArray() : [.. MemoryMarshal.Cast<byte, Half>(Data).ToArray().Select(h => (float)h)];
}
