using Docker.DotNet;
using LiveStt.OpsAgent.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.OpsAgent.Updates;

/// <summary>
/// The helper's whole job: swap the agent's container for one from this (new) image, or, when restarted after
/// dying mid-swap, finish or undo the journaled swap. Exits 0 once exactly one agent version runs.
/// </summary>
internal sealed partial class SelfUpdateHelper(
    IDockerClient docker,
    ContainerSwapper swapper,
    SwapJournalStore journals,
    AgentStateStore state,
    IOptions<OpsAgentOptions> options,
    IOptions<SelfUpdateOptions> self,
    ILogger<SelfUpdateHelper> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var s = self.Value;
        var service = options.Value.Services.FirstOrDefault(x => x.Name == s.Service && x.IsAgent);
        if (service is null || s.ImageId is null || s.Target is null || s.OldContainerId is null)
        {
            Log.BadSettings(logger, s.Service ?? "");
            return 2;
        }
        if (journals.LoadAll().FirstOrDefault(j => j.Service == service.Name) is { } journal)
        {
            await swapper.RecoverJournalAsync(journal, cancellationToken);
            return 0;
        }
        if (state.IsFailed(service.Name, s.Target))
        {
            // Restarted after a rollback had already completed: nothing left to do.
            return 0;
        }
        Docker.DotNet.Models.ContainerInspectResponse old;
        try
        {
            old = await docker.Containers.InspectContainerAsync(s.OldContainerId, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            // Restarted after the commit removed the old agent: the swap is done.
            return 0;
        }
        if (old.Image == s.ImageId)
        {
            return 0;
        }
        var (outcome, detail) = await swapper.SwapAsync(service, old, s.ImageId, s.Target, cancellationToken, owner: service.UpdaterContainerName);
        Log.Done(logger, service.Name, outcome, detail);
        // Exiting with an error has Docker (restart on failure) run the helper again, which recovers the journal.
        return outcome == SwapOutcome.RecoveryPending ? 1 : 0;
    }

    private static partial class Log
    {
        [LoggerMessage(110, LogLevel.Error, "Self-update helper settings are incomplete or name no agent service ('{Service}')")]
        public static partial void BadSettings(ILogger logger, string service);

        [LoggerMessage(111, LogLevel.Information, "Self-update of {Service}: {Outcome} ({Detail})")]
        public static partial void Done(ILogger logger, string service, SwapOutcome outcome, string detail);
    }
}
