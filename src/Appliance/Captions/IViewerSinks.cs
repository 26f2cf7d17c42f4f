namespace LiveStt.Appliance.Captions;

/// <summary>Finds the sink of a viewer that has just connected to the caption hub.</summary>
internal interface IViewerSinks
{
    IViewerSink For(string connectionId);
}
