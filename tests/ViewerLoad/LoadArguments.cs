using System.Globalization;

namespace LiveStt.ViewerLoad;

/// <summary>The load generator's command line.</summary>
internal sealed record LoadArguments(
    Uri Box,
    int Pid,
    IReadOnlyList<int> Counts,
    int? Stretch,
    TimeSpan Hold,
    int Sources,
    int Parallel,
    TimeSpan JoinTimeout,
    string? JsonPath)
{
    public static bool TryParse(string[] args, out LoadArguments options, out string error)
    {
        Uri? box = null;
        int? pid = null, stretch = null;
        int[] counts = [100, 500, 1000, 2000, 5000];
        int hold = 30, sources = 32, parallel = 100, joinTimeout = 300;
        string? json = null;
        options = null!;
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var ok = true;
            switch (args[i])
            {
                case "--box":
                    ok = Uri.TryCreate(value, UriKind.Absolute, out box);
                    break;
                case "--pid":
                    ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && (pid = p) > 0;
                    break;
                case "--counts":
                    try
                    {
                        counts = [.. (value ?? "").Split(',').Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture))];
                    }
                    catch (FormatException)
                    {
                        ok = false;
                    }

                    break;
                case "--stretch":
                    ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && (stretch = s) > 0;
                    break;
                case "--hold":
                    ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out hold) && hold > 0;
                    break;
                case "--sources":
                    ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out sources) && sources is > 0 and < 255;
                    break;
                case "--parallel":
                    ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parallel) && parallel > 0;
                    break;
                case "--join-timeout":
                    ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out joinTimeout) && joinTimeout > 0;
                    break;
                case "--json":
                    ok = !string.IsNullOrWhiteSpace(value);
                    json = value;
                    break;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return false;
            }

            if (!ok)
            {
                error = $"{args[i]} needs a valid value (got '{value}')";
                return false;
            }

            i++;
        }

        if (box is null || pid is null)
        {
            error = "--box and --pid are required";
            return false;
        }

        options = new LoadArguments(box, pid.Value, counts, stretch, TimeSpan.FromSeconds(hold), sources, parallel, TimeSpan.FromSeconds(joinTimeout), json);
        return true;
    }
}
