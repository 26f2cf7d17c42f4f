using LiveStt.Appliance.Models;
using LiveStt.Appliance.Transcription;

namespace LiveStt.Appliance.Streaming;

/// <summary>
/// Loads the speech model once and keeps it loaded between sessions, so a start after the first costs no load. A
/// load that failed is tried again by the next caller; a caller can stop waiting for a load (a stop during a first
/// download) without stopping the load itself.
/// </summary>
internal sealed partial class ModelKeeper(IModelProvider models, IWhisperRuntime whisper, ILogger logger) : IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource disposed = new();
    private Task<LoadedModel>? load;
    private bool isDisposed;

    public Task<LoadedModel> EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        Task<LoadedModel> current;
        lock (gate)
        {
            if (load is null || load.IsFaulted || load.IsCanceled)
            {
                load = LoadAsync();
            }

            current = load;
        }

        return current.WaitAsync(cancellationToken);
    }

    /// <remarks>Safe to call twice: the host disposes the controller once for each service it is registered as.</remarks>
    public void Dispose()
    {
        lock (gate)
        {
            if (isDisposed)
            {
                return;
            }

            isDisposed = true;
            disposed.Cancel();
            if (load is { IsCompletedSuccessfully: true } loaded)
            {
                loaded.Result.Transcriber.Dispose();
            }
        }

        disposed.Dispose();
    }

    private async Task<LoadedModel> LoadAsync()
    {
        await Task.Yield();
        var model = await models.ResolveAsync(disposed.Token);
        // Not cancellable part-way: a model loaded after a cancel would never be disposed.
        var transcriber = await Task.Run(() => whisper.Load(model.Path), CancellationToken.None);
        if (disposed.IsCancellationRequested)
        {
            transcriber.Dispose();
            disposed.Token.ThrowIfCancellationRequested();
        }

        Log.Ready(logger, model.Name, model.IsDemo);
        return new LoadedModel(model, transcriber);
    }

    private static partial class Log
    {
        [LoggerMessage(1630, LogLevel.Information, "Model {Model} (demo {IsDemo}) loaded; it stays loaded between sessions")]
        public static partial void Ready(ILogger logger, string model, bool isDemo);
    }
}
