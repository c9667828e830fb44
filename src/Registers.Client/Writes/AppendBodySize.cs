using System.Buffers;

namespace Registers.Client.Writes;

/// <summary>
/// The size, to the byte, of the JSON body <see cref="RegistersClient.AppendAsync"/> sends for some entries: what a server's
/// limit on a write's body (<c>MaxBodyBytes</c>) is measured against, so that batches can be cut to it before they are sent.
/// Counted by writing each entry as the body writes it, so the count cannot drift from the body.
/// </summary>
public static class AppendBodySize
{
    /// <summary>The bytes of the body besides its entries and the commas between them: <c>{"entries":[</c> and <c>]}</c>.</summary>
    public const long Envelope = 14;

    /// <summary>The bytes <paramref name="entry"/> comes to in a body (a comma before it, when it is not the first, is one more).</summary>
    /// <exception cref="ArgumentException">The entry has no item.</exception>
    public static long Of(NewEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var counter = new CountingBuffer();
        using (var json = AppendBody.Writer(counter))
        {
            AppendBody.WriteEntry(json, entry);
        }

        return counter.Written;
    }

    /// <summary>The bytes of the body of <paramref name="entries"/>, as many as are sent.</summary>
    public static long Of(IReadOnlyList<NewEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return Envelope + Math.Max(entries.Count - 1, 0) + entries.Sum(Of);
    }

    /// <summary>Counts what is written into it, keeping none of it: a small scratch buffer a thread, reused (a large item's is not kept).</summary>
    private sealed class CountingBuffer : IBufferWriter<byte>
    {
        [ThreadStatic]
        private static byte[]? t_scratch;

        public long Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        private static byte[] Scratch(int sizeHint)
        {
            const int Kept = 1 << 16;
            if (sizeHint > Kept)
            {
                return new byte[sizeHint];
            }

            return t_scratch ??= new byte[Kept];
        }
    }
}
