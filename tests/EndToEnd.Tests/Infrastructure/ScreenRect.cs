namespace LiveStt.EndToEnd.Tests.Infrastructure;

/// <summary>A rectangle on a screenshot, in CSS pixels (the device scale is 1).</summary>
internal sealed record ScreenRect(double Left, double Top, double Right, double Bottom)
{
    /// <summary>Whether the pixel at (<paramref name="x"/>, <paramref name="y"/>) has its centre inside.</summary>
    public bool Contains(int x, int y) => x + 0.5 >= Left && x + 0.5 <= Right && y + 0.5 >= Top && y + 0.5 <= Bottom;

    public ScreenRect Inflate(double by) => new(Left - by, Top - by, Right + by, Bottom + by);
}
