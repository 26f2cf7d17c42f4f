namespace LiveStt.Appliance.Captions;

/// <summary>Where one viewer's send loop writes its messages: the viewer's hub connection.</summary>
internal interface IViewerSink
{
    ValueTask SendAsync(ViewerMessage message, CancellationToken cancellationToken);
}
