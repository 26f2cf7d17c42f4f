using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A phone that stays on the page while the appliance behind it is swapped: whenever its hub connection closes (or
/// cannot be made) it gets a new ticket and connects again, as the viewer page does. Every caption it receives is kept
/// with the moment it arrived and which connection brought it, so the time without captions can be read afterwards.
/// </summary>
internal sealed class SwapWatchingViewer(Uri baseAddress) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Every caption event, in the order received.</summary>
    public ConcurrentQueue<ReceivedCaption> Received { get; } = new();

    /// <summary>Connections made so far (1 before any reconnect).</summary>
    public int Connections { get; private set; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Waits until a committed caption arrives that <paramref name="match"/> accepts; returns it.</summary>
    public async Task<ReceivedCaption> WaitForCommittedAsync(Func<ReceivedCaption, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(c => c.Caption.Kind == "committed" && match(c)) is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no matching committed caption within {timeout}; {Connections} connections, got: " +
            string.Join(" | ", Received.TakeLast(20).Select(c => $"{c.Connection}:{c.Caption.SessionId}:{c.Caption.Seq}:{c.Caption.Kind}")));
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        while (!stop.IsCancellationRequested)
        {
            HubConnection? connection = null;
            try
            {
                using var response = await http.PostAsync(new Uri("/api/tickets", UriKind.Relative), content: null, stop);
                response.EnsureSuccessStatusCode();
                var ticket = (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("ticket").GetString()!;
                var number = Connections + 1;
                var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(baseAddress, "/hubs/captions"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(ticket))
                    .Build();
                connection.On<CaptionMessage>("caption", c => Received.Enqueue(new ReceivedCaption(DateTimeOffset.UtcNow, number, c)));
                connection.Closed += _ =>
                {
                    closed.TrySetResult();
                    return Task.CompletedTask;
                };
                await connection.StartAsync(stop);
                Connections = number;
                await closed.Task.WaitAsync(stop);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // The appliance is between containers: try again shortly, as the page does.
                await Task.Delay(200, CancellationToken.None);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }
}
