using System.Globalization;

namespace RusSnapshot.Dumps.Input;

/// <summary>Checks at the end of a .zip member that its length and CRC-32 are what the archive promised.</summary>
internal sealed class VerifyingStream(Stream inner, string name, long expectedLength, uint crc32) : ReadOnlyStreamBase
{
    private long _length;
    private uint _crc = 0xFFFFFFFFu;
    private bool _checked;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            // The runtime's messages do not say which member: every archive error names it.
            throw new InvalidDataException($"{name}: {ex.Message}", ex);
        }

        if (n > 0)
        {
            _length += n;
            _crc = Crc32.Update(_crc, buffer[..n]);
            return n;
        }

        if (!buffer.IsEmpty && !_checked)
        {
            _checked = true;
            if (expectedLength != _length)
            {
                throw new InvalidDataException($"{name}: the data ends after {_length.ToString(CultureInfo.InvariantCulture)} bytes, not the length its archive records: the file is truncated or corrupt");
            }

            if (crc32 != ~_crc)
            {
                throw new InvalidDataException($"{name}: CRC-32 mismatch: the archive member is corrupt");
            }
        }

        return 0;
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
