using System.Globalization;
using Microsoft.Extensions.Options;
using Whisper.net.LibraryLoader;

namespace LiveStt.Appliance.Transcription;

/// <summary>Checks <see cref="WhisperOptions"/> at start-up and lists every problem at once.</summary>
internal sealed class WhisperOptionsValidator : IValidateOptions<WhisperOptions>
{
    public ValidateOptionsResult Validate(string? name, WhisperOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = WhisperOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.Language))
        {
            errors.Add($"{section}:Language is empty; use a language whisper knows, such as \"en\", or \"auto\".");
        }
        else if (options.Language.Length > 8 || !options.Language.All(char.IsAsciiLetter))
        {
            errors.Add($"{section}:Language \"{options.Language}\" is not a language code (letters only, e.g. \"en\", \"de\", \"auto\").");
        }

        if (options.Threads is < 1 or > WhisperOptions.MaxThreads)
        {
            errors.Add(Invariant($"{section}:Threads is {options.Threads}; it must be 1 to {WhisperOptions.MaxThreads}."));
        }

        RequireRange(errors, "Temperature", options.Temperature, 0, 1);
        RequireRange(errors, "TemperatureIncrement", options.TemperatureIncrement, 0, 1);
        RequireRange(errors, "NoSpeechThreshold", options.NoSpeechThreshold, 0, 1);

        if (!float.IsFinite(options.EntropyThreshold) || options.EntropyThreshold <= 0)
        {
            errors.Add(Invariant($"{section}:EntropyThreshold is {options.EntropyThreshold}; it must be a number above 0 (whisper's default is 2.4)."));
        }

        if (!float.IsFinite(options.LogProbThreshold) || options.LogProbThreshold > 0)
        {
            errors.Add(Invariant($"{section}:LogProbThreshold is {options.LogProbThreshold}; it is a log-probability, so 0 or below (whisper's default is -1)."));
        }

        if (options.BestOf is < 1 or > 16)
        {
            errors.Add(Invariant($"{section}:BestOf is {options.BestOf}; it must be 1 to 16."));
        }

        if (options.GpuDevice < 0)
        {
            errors.Add(Invariant($"{section}:GpuDevice is {options.GpuDevice}; it must be 0 or more."));
        }

        ValidateRuntimeLibraryOrder(errors, options.RuntimeLibraryOrder);
        if (options.LibraryPath is { } libraryPath)
        {
            if (!Path.IsPathFullyQualified(libraryPath))
            {
                errors.Add($"{section}:LibraryPath \"{libraryPath}\" is not an absolute path.");
            }
            else if (!Directory.Exists(Path.Combine(libraryPath, WhisperOptions.RuntimesFolder)))
            {
                errors.Add($"{section}:LibraryPath \"{libraryPath}\" has no \"{WhisperOptions.RuntimesFolder}\" folder; put the libraries in {libraryPath}/{WhisperOptions.RuntimesFolder}/<runtime>/<os>-<arch>/, as Whisper.net's packages lay them out.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRuntimeLibraryOrder(List<string> errors, IList<string> order)
    {
        var seen = new HashSet<RuntimeLibrary>();
        foreach (var name in order)
        {
            if (!Enum.TryParse<RuntimeLibrary>(name, ignoreCase: true, out var runtime) || !Enum.IsDefined(runtime) || int.TryParse(name, out _))
            {
                errors.Add($"{WhisperOptions.SectionName}:RuntimeLibraryOrder names \"{name}\", which is not a Whisper.net runtime; use {string.Join(", ", Enum.GetNames<RuntimeLibrary>())}.");
            }
            else if (!seen.Add(runtime))
            {
                errors.Add($"{WhisperOptions.SectionName}:RuntimeLibraryOrder names {runtime} twice.");
            }
        }
    }

    private static void RequireRange(List<string> errors, string key, float value, float min, float max)
    {
        if (!float.IsFinite(value) || value < min || value > max)
        {
            errors.Add(Invariant($"{WhisperOptions.SectionName}:{key} is {value}; it must be {min} to {max}."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
