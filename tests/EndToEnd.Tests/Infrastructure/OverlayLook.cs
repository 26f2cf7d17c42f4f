namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>The overlay's computed size, colour, box colour, position, first font family, lines shown and scripts in the page.</summary>
internal sealed record OverlayLook(string Size, string Color, string Box, string Justify, string Font, int Lines, int Scripts);
