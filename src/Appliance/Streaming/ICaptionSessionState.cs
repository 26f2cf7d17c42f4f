namespace LiveStt.Appliance.Streaming;

/// <summary>What the status API and the update lock need to know about captioning right now.</summary>
public interface ICaptionSessionState
{
    SessionSnapshot Current { get; }
}
