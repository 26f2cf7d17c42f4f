using System.Text;

namespace LiveStt.OpsAgent.Logs;

/// <summary>Keeps the newest lines that fit a byte budget.</summary>
internal sealed class LineTail(long budget)
{
    private readonly Queue<string> lines = new();
    private long bytes;

    public IReadOnlyCollection<string> Lines => lines;

    public void Add(string line)
    {
        var size = Encoding.UTF8.GetByteCount(line) + 1;
        if (size > budget)
        {
            return;
        }
        lines.Enqueue(line);
        bytes += size;
        while (bytes > budget)
        {
            bytes -= Encoding.UTF8.GetByteCount(lines.Dequeue()) + 1;
        }
    }

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(lines.Count == 0 ? "" : string.Join('\n', lines) + "\n");
}
