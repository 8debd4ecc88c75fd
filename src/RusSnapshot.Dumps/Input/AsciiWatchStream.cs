using System.Text;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// Passes bytes through unchanged and notes whether any of them is not ASCII: the second part of a file read in parts
/// is read as UTF-8 before it is known how the first part decided, and this says whether that guess could matter.
/// </summary>
internal sealed class AsciiWatchStream(Stream inner) : ReadOnlyStreamBase
{
    /// <summary>True once a byte of 0x80 or above has passed.</summary>
    public bool SawNonAscii { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (!SawNonAscii && !Ascii.IsValid(buffer[..n]))
        {
            SawNonAscii = true;
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
