namespace LiveStt.OpsAgent.Updates;

internal sealed partial class ContainerSwapper
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Swap {SwapId} of {Service}: step {Step}")]
        public static partial void Step(ILogger logger, string service, string swapId, SwapStep step);

        [LoggerMessage(3, LogLevel.Warning, "Swap {SwapId} of {Service}: rolling back: {Reason}")]
        public static partial void RollingBack(ILogger logger, string service, string swapId, string reason);

        [LoggerMessage(4, LogLevel.Information, "Swap {SwapId} of {Service}: updated to image {ImageId}")]
        public static partial void Updated(ILogger logger, string service, string swapId, string imageId);

        [LoggerMessage(5, LogLevel.Warning, "Swap {SwapId} of {Service} was interrupted at step {Step}; recovering")]
        public static partial void Recovering(ILogger logger, string service, string swapId, SwapStep step);

        [LoggerMessage(8, LogLevel.Error, "Swap {SwapId} of {Service}: {Doing} failed, the journal stays for recovery: {Reason}")]
        public static partial void FinishFailed(ILogger logger, string service, string swapId, string doing, string reason);

        [LoggerMessage(9, LogLevel.Warning, "Swap {SwapId} of {Service}: {Why}; the new container stays")]
        public static partial void KeptNew(ILogger logger, string service, string swapId, string why);

        [LoggerMessage(10, LogLevel.Critical, "Swap {SwapId} of {Service}: neither the previous nor the new container exists; nothing runs")]
        public static partial void NothingToRun(ILogger logger, string service, string swapId);
    }
}
