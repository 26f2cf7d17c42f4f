using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LiveStt.Appliance.Captions;
using LiveStt.Appliance.Hosting;
using LiveStt.Appliance.Tests.Infrastructure;
using LiveStt.Appliance.Tickets;
using LiveStt.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Captions;

/// <summary>
/// The real appliance on Kestrel at 127.0.0.1 on a free port, so SignalR clients use real WebSockets.
/// Streaming does not start on its own, so no whisper is needed. The ticket key comes from a file the
/// test also reads, to mint expired tickets the way the box itself would have. Everything the appliance keeps on
/// its data volume (kiosk keys, settings, vocabulary, transcripts) goes to a folder of the test's own, removed
/// afterwards; the kiosk's PIN is <see cref="Pin"/> unless the settings say otherwise.
/// </summary>
internal sealed class ApplianceTestHost : IAsyncDisposable
{
    /// <summary>The kiosk PIN the host is started with by default.</summary>
    public const string Pin = "2468";

    private readonly ApplianceFactory _factory;
    private readonly string _keyFile;
    private readonly bool _ownsData;
    private bool _stopped;

    private ApplianceTestHost(ApplianceFactory factory, string keyFile, string dataDirectory, bool ownsData, Uri baseAddress)
    {
        _ownsData = ownsData;
        _factory = factory;
        _keyFile = keyFile;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's data volume: keys/, settings/, transcripts/.</summary>
    public string DataDirectory { get; }

    public IServiceProvider Services => _factory.Services;

    public HttpClient Http { get; }

    public ICaptionPublisher Publisher => _factory.Services.GetRequiredService<ICaptionPublisher>();

    public TicketSigningKey Key => new(File.ReadAllBytes(_keyFile));

    /// <param name="dataDirectory">An existing data volume to use (a restart); by default a new one.</param>
    /// <param name="services">Replaces app services (e.g. the time provider) after the app's own registrations.</param>
    /// <param name="certificate">Listens with HTTPS on this certificate instead of plain HTTP.</param>
    public static ApplianceTestHost Start(
        IReadOnlyDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        Action<IServiceCollection>? services = null,
        X509Certificate2? certificate = null)
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"livestt-test-{Guid.NewGuid():N}.key");
        File.WriteAllBytes(keyFile, RandomNumberGenerator.GetBytes(32));
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("livestt-host-data-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Streaming:AutoStart"] = "false",
            ["Tickets:KeyFile"] = keyFile,
            ["Kiosk:Pin"] = Pin,
            ["Kiosk:KeyDirectory"] = Path.Combine(data, "keys"),
            ["Settings:InputPath"] = Path.Combine(data, "settings", "input.json"),
            ["Vocabulary:Path"] = Path.Combine(data, "settings", "vocabulary.json"),
            ["Transcripts:Directory"] = Path.Combine(data, "transcripts"),
            // No model unless a test gives one: the controller loads its model at start-up, and must not reach out for one.
            ["Models:Path"] = Path.Combine(data, "models", "no-model.bin"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new ApplianceFactory(all, services);
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));
            factory.StartServer();
            // With a bad setting the app's Main writes the errors to stderr and returns 1 without starting its host,
            // which the factory cannot tell from a start; the same check here makes it the exception a test expects.
            var errors = StartupSettings.FindErrors(factory.Services, StartupOptions.BuildsIn(factory.Services));
            if (errors.Count > 0)
            {
                throw new OptionsValidationException(Options.DefaultName, typeof(Program), errors);
            }

            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().ShouldNotBeNull().Addresses.Single();
            return new ApplianceTestHost(factory, keyFile, data, ownsData: dataDirectory is null, new Uri(address));
        }
        catch
        {
            factory.Dispose();
            File.Delete(keyFile);
            if (dataDirectory is null)
            {
                Directory.Delete(data, recursive: true);
            }

            throw;
        }
    }

    /// <summary>A kiosk browser on this host, already unlocked with the PIN.</summary>
    public Task<KioskClient> UnlockedKioskAsync() => new KioskClient(BaseAddress).UnlockAsync(Pin);

    public async Task<IssuedTicket> IssueTicketAsync()
    {
        using var response = await Http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedTicket>()).ShouldNotBeNull();
    }

    /// <summary>Asks the caption hub's negotiate endpoint <paramref name="times"/> times with <paramref name="ticket"/>; the answers' statuses.</summary>
    public async Task<List<HttpStatusCode>> NegotiateAsync(string ticket, int times)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/hubs/captions/negotiate?negotiateVersion=1", UriKind.Relative));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ticket);
            using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
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

    /// <summary>Stops the host; its data volume stays for another host to start on (it is removed on dispose only if this host made it).</summary>
    public async ValueTask StopKeepingDataAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Http.Dispose();
        await _factory.DisposeAsync();
        File.Delete(_keyFile);
    }

    public async ValueTask DisposeAsync()
    {
        await StopKeepingDataAsync();
        if (_ownsData && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private sealed class ApplianceFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        }
    }
}
