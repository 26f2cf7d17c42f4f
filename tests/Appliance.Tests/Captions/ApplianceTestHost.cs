using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>
/// The real appliance on Kestrel at 127.0.0.1 on a free port, so SignalR clients use real WebSockets.
/// Streaming does not start on its own, so no whisper is needed. The ticket key comes from a file the
/// test also reads, to mint expired tickets the way the box itself would have.
/// </summary>
internal sealed class ApplianceTestHost : IAsyncDisposable
{
    private readonly ApplianceFactory _factory;
    private readonly string _keyFile;

    private ApplianceTestHost(ApplianceFactory factory, string keyFile, Uri baseAddress)
    {
        _factory = factory;
        _keyFile = keyFile;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public ICaptionPublisher Publisher => _factory.Services.GetRequiredService<ICaptionPublisher>();

    public TicketSigningKey Key => new(File.ReadAllBytes(_keyFile));

    public static ApplianceTestHost Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"livestt-test-{Guid.NewGuid():N}.key");
        File.WriteAllBytes(keyFile, RandomNumberGenerator.GetBytes(32));
        var all = new Dictionary<string, string?>
        {
            ["Streaming:AutoStart"] = "false",
            ["Tickets:KeyFile"] = keyFile,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new ApplianceFactory(all);
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().ShouldNotBeNull().Addresses.Single();
            return new ApplianceTestHost(factory, keyFile, new Uri(address));
        }
        catch
        {
            factory.Dispose();
            File.Delete(keyFile);
            throw;
        }
    }

    public async Task<IssuedTicket> IssueTicketAsync()
    {
        using var response = await Http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedTicket>()).ShouldNotBeNull();
    }

    /// <summary>A viewer connection using the .NET client's defaults: negotiate, then WebSockets.</summary>
    public HubConnection CreateViewer(string? ticket, bool skipNegotiation = false, string? query = null)
    {
        var url = new Uri(BaseAddress, CaptionHub.Path + query);
        return new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                if (ticket is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(ticket);
                }

                options.SkipNegotiation = skipNegotiation;
                if (skipNegotiation)
                {
                    options.Transports = HttpTransportType.WebSockets;
                }
            })
            .Build();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        File.Delete(_keyFile);
    }

    private sealed class ApplianceFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
