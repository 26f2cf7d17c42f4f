using System.Globalization;
using LiveStt.ModelGenerator;

const string Usage = "usage: LiveStt.ModelGenerator --shape micro|tiny|base|small --out PATH [--seed N] [--f32] [--multilingual] [--token-text TEXT]";

string? shapeName = null, outPath = null, tokenText = null;
var seed = 1;
var f32 = false;
var multilingual = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--shape" when i + 1 < args.Length:
            shapeName = args[++i];
            break;
        case "--out" when i + 1 < args.Length:
            outPath = args[++i];
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
            seed = parsed;
            i++;
            break;
        case "--token-text" when i + 1 < args.Length && !string.IsNullOrWhiteSpace(args[i + 1]):
            tokenText = args[++i];
            break;
        case "--f32":
            f32 = true;
            break;
        case "--multilingual":
            multilingual = true;
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

var shape = shapeName is null ? null : WhisperModelShape.FromName(shapeName);
if (shape is null || outPath is null)
{
    Console.Error.WriteLine(shape is null ? $"--shape must be micro, tiny, base or small (got '{shapeName}')" : "--out is required");
    Console.Error.WriteLine(Usage);
    return 2;
}

if (f32)
{
    shape = shape with { WeightType = ModelWeightType.F32 };
}

if (multilingual)
{
    shape = shape with { VocabularySize = WhisperModelShape.MultilingualVocabularySize };
}

var file = RandomWhisperModel.Write(outPath, shape, seed, tokenText);
Console.WriteLine($"{file.FullName}\t{file.Length} bytes\t{shapeName} {shape.WeightType} seed {seed}{(tokenText is null ? "" : $" tokens \"{tokenText}\"")}\tmarker {file.FullName}{RandomWhisperModel.DemoMarkerSuffix}");
return 0;
