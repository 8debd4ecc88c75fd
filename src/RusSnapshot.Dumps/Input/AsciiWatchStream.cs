using System.Text;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// Passes bytes through unchanged and notes whether all of them were ASCII: the second part of a file read in parts
/// is read as UTF-8 before it is known how the first part decided, and this says whether that guess could matter.
/// </summary>
internal sealed class AsciiWatchStream(Stream inner) : ReadOnlyStreamBase, IAsciiSoFar
{
    /// <inheritdoc/>
    public bool AllAscii { get; private set; } = true;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (AllAscii && !Ascii.IsValid(buffer[..n]))
        {
            AllAscii = false;
        }

        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// A stream that knows whether every byte it has handed out so far was ASCII: then a reader over it need not validate
/// UTF-8 in what it has read (ASCII is valid UTF-8), a pass over every byte saved.
/// </summary>
internal interface IAsciiSoFar
{
    /// <summary>True while no byte of 0x80 or above has been handed out (checked before the read that hands one out returns).</summary>
    bool AllAscii { get; }
}
