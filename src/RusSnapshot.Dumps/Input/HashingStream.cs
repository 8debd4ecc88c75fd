using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// Counts (and optionally hashes) the raw bytes of a file as the reader pulls them, so that a pipe or a FIFO is read
/// once: hashing it in a second pass would steal part of the stream, and never end on <c>/dev/zero</c>. The hash runs
/// on the other core: each chunk read is copied to a pooled buffer and handed to a hashing thread (a bounded queue, so
/// memory stays a few chunks), which keeps SHA-256 out of the parsing thread's time.
/// </summary>
internal sealed class HashingStream(Stream inner, InputDigest digest) : ReadOnlyStreamBase
{
    private readonly BackgroundHash? _hash = digest.ComputeSha256 ? new BackgroundHash() : null;

    /// <summary>The stream counted: a format read at random (an AD Explorer snapshot) uses a regular file's handle directly.</summary>
    internal Stream Inner => inner;
    private long _bytes;
    private bool _ended;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            _bytes += n;
            _hash?.Append(buffer[..n]);
        }
        else if (!buffer.IsEmpty && !_ended)
        {
            // Only a file read to its end has a size and a hash worth reporting.
            _ended = true;
            digest.FileBytes = _bytes;
            if (_hash is not null)
            {
                digest.Sha256 = Convert.ToHexStringLower(_hash.Finish());
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

    /// <summary>SHA-256 fed in order by one producer, computed by one worker thread.</summary>
    private sealed class BackgroundHash : IDisposable
    {
        private readonly BlockingCollection<(byte[] Buffer, int Length)> _chunks = new(boundedCapacity: 3);
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly Task _worker;

        public BackgroundHash() => _worker = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        public void Append(ReadOnlySpan<byte> data)
        {
            var copy = ArrayPool<byte>.Shared.Rent(data.Length);
            data.CopyTo(copy);
            _chunks.Add((copy, data.Length));
        }

        public byte[] Finish()
        {
            _chunks.CompleteAdding();
            _worker.GetAwaiter().GetResult();
            return _hash.GetHashAndReset();
        }

        private bool _disposed;

        /// <summary>Idempotent: a stream may be disposed more than once (by its reader and by its owner).</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (!_chunks.IsAddingCompleted)
            {
                _chunks.CompleteAdding();
            }

            _worker.GetAwaiter().GetResult();
            _chunks.Dispose();
            _hash.Dispose();
        }

        private void Work()
        {
            foreach (var (buffer, length) in _chunks.GetConsumingEnumerable())
            {
                _hash.AppendData(buffer, 0, length);
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
