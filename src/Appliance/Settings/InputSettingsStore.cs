using System.Text.Json;
using LiveStt.Appliance.Audio;
using LiveStt.Appliance.Hosting;
using LiveStt.Appliance.Transcription;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Settings;

/// <summary>
/// The input settings a volunteer saved on the kiosk, kept in <see cref="SettingsOptions.InputPath"/> and laid over the
/// configured <c>Audio</c> section and <c>Whisper:Language</c>. A session reads them when it starts. A saved file that
/// is damaged or no longer valid is not used (the configuration applies) and the problem is reported.
/// </summary>
internal sealed partial class InputSettingsStore(
    IOptions<SettingsOptions> settings,
    IOptions<AudioOptions> audio,
    IOptions<WhisperOptions> whisper,
    IWhisperRuntime runtime,
    TimeProvider time,
    ILogger<InputSettingsStore> logger)
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Lock gate = new();
    private readonly string path = settings.Value.InputPath?.Trim() ?? "";
    private SavedInput? saved;
    private string? problem;
    private bool read;

    /// <summary>The input the next session starts with.</summary>
    public SessionInput Current
    {
        get
        {
            lock (gate)
            {
                ReadOnce();
                return Effective(saved?.Input);
            }
        }
    }

    /// <summary>What <c>GET /api/settings/input</c> shows.</summary>
    public InputSettingsView View
    {
        get
        {
            lock (gate)
            {
                ReadOnce();
                return ViewOf(saved, problem);
            }
        }
    }

    /// <summary>
    /// Checks <paramref name="request"/> and, when it is right, saves it for the next session. Returns the errors by field
    /// (source, device, url, channel, language) and saves nothing when there are any.
    /// </summary>
    /// <exception cref="IOException">The settings file cannot be written (the data volume is full or read-only).</exception>
    public (InputSettingsView? View, IReadOnlyDictionary<string, string[]> Errors) Save(InputSettings request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (gate)
        {
            ReadOnce();
            if (path.Length == 0)
            {
                return (null, new Dictionary<string, string[]> { [""] = ["Saving settings is turned off on this box (Settings:InputPath is empty)."] });
            }

            // A masked URL sent back unchanged means "keep the one saved": the password never leaves the box.
            var url = request.Url?.Trim();
            if (saved?.Input.Url is { } savedUrl && url == StreamUrl.Mask(savedUrl))
            {
                url = savedUrl;
            }

            var input = Normalize(request with { Url = url });
            var errors = Validate(input);
            if (errors.Count > 0)
            {
                return (null, errors);
            }

            var record = new SavedInput(input, time.GetUtcNow());
            AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(record, FileJson));
            saved = record;
            problem = null;
            Log.Saved(logger, input.Source!, Describe(input), input.Language!);
            return (ViewOf(saved, null), errors);
        }
    }

    /// <summary>Forgets what the kiosk saved: the next session uses the box's configuration again.</summary>
    public InputSettingsView Reset()
    {
        lock (gate)
        {
            ReadOnce();
            if (path.Length > 0 && File.Exists(path))
            {
                File.Delete(path);
                Log.Reset(logger, path);
            }

            saved = null;
            problem = null;
            return ViewOf(null, null);
        }
    }

    private static InputSettings Normalize(InputSettings input) => new(
        input.Source?.Trim().ToLowerInvariant(),
        string.IsNullOrWhiteSpace(input.Device) ? null : input.Device.Trim(),
        string.IsNullOrWhiteSpace(input.Url) ? null : input.Url.Trim(),
        Enum.TryParse<AudioChannel>(input.Channel?.Trim(), ignoreCase: true, out var channel) && Enum.IsDefined(channel) ? channel.ToString() : input.Channel,
        input.Language?.Trim().ToLowerInvariant());

    private Dictionary<string, string[]> Validate(InputSettings input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        switch (input.Source)
        {
            case AudioOptions.WavSource when string.IsNullOrWhiteSpace(audio.Value.Path):
                errors["source"] = ["This box has no recording to play (Audio:Path is not set); choose the sound desk or a stream."];
                break;
            case AudioOptions.WavSource:
                break;
            case AudioOptions.AlsaSource when input.Device is null:
                errors["device"] = ["Choose the capture device the sound desk is plugged into."];
                break;
            case AudioOptions.AlsaSource when input.Device.Length > 200 || input.Device.Any(char.IsControl):
                errors["device"] = ["That is not an ALSA device name; choose one from the list."];
                break;
            case AudioOptions.AlsaSource:
                break;
            case AudioOptions.StreamSource when StreamUrl.Problem(input.Url) is { } urlProblem:
                errors["url"] = [urlProblem.Replace("Audio:Url", "The stream address", StringComparison.Ordinal)];
                break;
            case AudioOptions.StreamSource:
                break;
            default:
                errors["source"] = ["Choose where the sound comes from: 'alsa' (the sound desk), 'stream' (a network stream) or 'wav' (the demo recording)."];
                break;
        }

        if (input.Channel is not (nameof(AudioChannel.Mix) or nameof(AudioChannel.Left) or nameof(AudioChannel.Right)))
        {
            errors["channel"] = ["Channel must be Mix, Left or Right."];
        }

        if (string.IsNullOrEmpty(input.Language) || input.Language.Length > 8 || !input.Language.All(char.IsAsciiLetterLower))
        {
            errors["language"] = ["Language must be a language code such as 'en' or 'de', or 'auto' to detect it."];
        }
        else if (!runtime.KnowsLanguage(input.Language))
        {
            errors["language"] = [$"whisper does not know the language '{input.Language}'; use a code such as 'en' or 'de', or 'auto'."];
        }

        return errors;
    }

    private SessionInput Effective(InputSettings? input)
    {
        var effective = audio.Value.Copy();
        if (input is null)
        {
            return new SessionInput(effective, whisper.Value.Language);
        }

        effective.Source = input.Source!;
        effective.Device = input.Device ?? effective.Device;
        effective.Url = input.Url ?? effective.Url;
        effective.Channel = Enum.Parse<AudioChannel>(input.Channel!);
        return new SessionInput(effective, input.Language!);
    }

    private InputSettingsView ViewOf(SavedInput? record, string? why)
    {
        var effective = Effective(record?.Input);
        var shown = new InputSettings(
            effective.Audio.Source,
            effective.Audio.Device,
            effective.Audio.Url is { } url ? StreamUrl.Mask(url) : null,
            effective.Audio.Channel.ToString(),
            effective.Language);
        return new InputSettingsView(shown, record is not null, record?.SavedAt, why);
    }

    private void ReadOnce()
    {
        if (read)
        {
            return;
        }

        read = true;
        if (path.Length == 0 || !File.Exists(path))
        {
            return;
        }

        try
        {
            var record = JsonSerializer.Deserialize<SavedInput>(File.ReadAllBytes(path), FileJson);
            if (record?.Input is null)
            {
                problem = $"{path} holds no input settings; the box's configuration is used.";
            }
            else if (Validate(Normalize(record.Input)) is { Count: > 0 } errors)
            {
                problem = $"The input saved in {path} is no longer valid ({string.Join(" ", errors.Values.SelectMany(e => e))}); the box's configuration is used.";
            }
            else
            {
                saved = record with { Input = Normalize(record.Input) };
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            problem = $"{path} cannot be read ({ex.Message}); the box's configuration is used.";
        }

        if (problem is not null)
        {
            Log.Unusable(logger, problem);
        }
    }

    private static string Describe(InputSettings input) => input.Source switch
    {
        AudioOptions.AlsaSource => input.Device!,
        AudioOptions.StreamSource => StreamUrl.Mask(input.Url!),
        _ => "the configured recording",
    };

    /// <summary>The file's content.</summary>
    private sealed record SavedInput(InputSettings Input, DateTimeOffset SavedAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1720, Level = LogLevel.Information, Message = "Input settings saved: {Source} {Input}, language {Language}; used from the next session")]
        public static partial void Saved(ILogger logger, string source, string input, string language);

        [LoggerMessage(EventId = 1721, Level = LogLevel.Warning, Message = "{Problem}")]
        public static partial void Unusable(ILogger logger, string problem);

        [LoggerMessage(EventId = 1722, Level = LogLevel.Information, Message = "Input settings {Path} removed; the box's configuration applies from the next session")]
        public static partial void Reset(ILogger logger, string path);
    }
}
