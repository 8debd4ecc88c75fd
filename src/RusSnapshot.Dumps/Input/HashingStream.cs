using System.Security.Cryptography;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// Counts (and optionally hashes) the raw bytes of a file as the reader pulls them, so that a pipe or a FIFO is read
/// once: hashing it in a second pass would steal part of the stream, and never end on <c>/dev/zero</c>.
/// </summary>
internal sealed class HashingStream(Stream inner, InputDigest digest) : ReadOnlyStreamBase
{
    private readonly IncrementalHash? _hash = digest.ComputeSha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    private long _bytes;
    private bool _ended;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            _bytes += n;
            _hash?.AppendData(buffer[..n]);
        }
        else if (!buffer.IsEmpty && !_ended)
        {
            // Only a file read to its end has a size and a hash worth reporting.
            _ended = true;
            digest.FileBytes = _bytes;
            if (_hash is not null)
            {
                digest.Sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
            }
        }

        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash?.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
