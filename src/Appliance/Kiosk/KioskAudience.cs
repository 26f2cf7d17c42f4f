namespace LiveStt.Appliance.Kiosk;

/// <summary>How many kiosk pages are listening: with none, no updates are made at all.</summary>
internal sealed class KioskAudience
{
    private int connected;

    public int Connected => Volatile.Read(ref connected);

    public void Joined() => Interlocked.Increment(ref connected);

    public void Left() => Interlocked.Decrement(ref connected);
}
