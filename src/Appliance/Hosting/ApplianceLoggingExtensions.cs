using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace LiveStt.Appliance.Hosting;

/// <summary>Serilog to the console: readable text on a developer's terminal, one JSON object a line in a container.</summary>
public static class ApplianceLoggingExtensions
{
    /// <summary>Configuration key that forces the console format: "json" or "text".</summary>
    public const string FormatKey = "Logging:ConsoleFormat";

    public static WebApplicationBuilder AddApplianceLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var format = builder.Configuration[FormatKey]
            ?? (builder.Configuration.GetValue<bool>("DOTNET_RUNNING_IN_CONTAINER") ? "json" : "text");

        builder.Services.AddSerilog(logger =>
        {
            // Defaults first, so a "Serilog" section in configuration can override them.
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext();
            if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        return builder;
    }
}
