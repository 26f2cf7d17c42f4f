namespace LiveStt.Appliance.Captions;

/// <summary>One hub invocation waiting in a viewer's queue: the client method and its single argument.</summary>
internal readonly record struct ViewerMessage(string Method, object Payload);
