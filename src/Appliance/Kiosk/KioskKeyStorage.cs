using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Kiosk;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys (they sign the kiosk cookie and anti-forgery tokens) in
/// <see cref="KioskOptions.KeyDirectory"/> on the data volume, so a restart or an update does not lock the kiosk.
/// Where the folder cannot be written the keys stay in memory, and the log says what that costs.
/// </summary>
internal sealed partial class KioskKeyStorage(IOptions<KioskOptions> options, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions keyManagement)
    {
        ArgumentNullException.ThrowIfNull(keyManagement);
        var logger = loggerFactory.CreateLogger<KioskKeyStorage>();
        var directory = options.Value.KeyDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            Log.InMemory(logger, "Kiosk:KeyDirectory is empty");
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.InMemory(logger, $"{directory} cannot be written ({ex.Message})");
            return;
        }

        keyManagement.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(directory), loggerFactory);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Kiosk keys are kept in memory: {Reason}; every restart locks the kiosk")]
        public static partial void InMemory(ILogger logger, string reason);
    }
}
