namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A caption as one viewer got it: when it arrived and over which of its connections (1, 2, ...).</summary>
internal sealed record ReceivedCaption(DateTimeOffset ArrivedAt, int Connection, CaptionMessage Caption);
