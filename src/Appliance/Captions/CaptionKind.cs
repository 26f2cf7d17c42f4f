namespace LiveStt.Appliance.Captions;

/// <summary>Tentative text may still change; committed text never does.</summary>
public enum CaptionKind
{
    Tentative,
    Committed,
}
