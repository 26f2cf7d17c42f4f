using System.Text;

namespace LiveStt.Appliance.Tests.ModelGenerator;

/// <summary>Reads a whisper.cpp ggml model file the way whisper.cpp's loader does, keeping what tests check.</summary>
internal sealed class GgmlModelFile
{
    public const uint Magic = 0x67676d6c;

    public required int[] HyperParameters { get; init; }

    public required int MelBands { get; init; }

    public required int FftBins { get; init; }

    public required float[] MelFilters { get; init; }

    public required string[] Tokens { get; init; }

    public required IReadOnlyList<GgmlTensor> Tensors { get; init; }

    public static GgmlModelFile Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.ASCII);
        reader.ReadUInt32().ShouldBe(Magic);
        var hyperParameters = Enumerable.Range(0, 11).Select(_ => reader.ReadInt32()).ToArray();

        var melBands = reader.ReadInt32();
        var fftBins = reader.ReadInt32();
        var filters = Enumerable.Range(0, melBands * fftBins).Select(_ => reader.ReadSingle()).ToArray();

        var tokens = new string[reader.ReadInt32()];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Encoding.ASCII.GetString(reader.ReadBytes((int)reader.ReadUInt32()));
        }

        var tensors = new List<GgmlTensor>();
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var dimensionCount = reader.ReadInt32();
            var nameLength = reader.ReadInt32();
            var type = reader.ReadInt32();
            var dimensions = Enumerable.Range(0, dimensionCount).Select(_ => reader.ReadInt32()).ToArray();
            var name = Encoding.ASCII.GetString(reader.ReadBytes(nameLength));
            var elementSize = type switch { 0 => 4, 1 => 2, _ => throw new InvalidDataException($"tensor {name} has type {type}") };
            var elements = dimensions.Aggregate(1L, (product, d) => product * d);
            var data = reader.ReadBytes(checked((int)(elements * elementSize)));
            data.Length.ShouldBe((int)(elements * elementSize), $"tensor {name} is cut short");
            tensors.Add(new GgmlTensor(name, type, dimensions, data));
        }

        return new GgmlModelFile
        {
            HyperParameters = hyperParameters,
            MelBands = melBands,
            FftBins = fftBins,
            MelFilters = filters,
            Tokens = tokens,
            Tensors = tensors,
        };
    }
}
