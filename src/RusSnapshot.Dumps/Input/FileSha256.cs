using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// SHA-256 of a regular file, read on a thread of its own by its own handle: for a file read in parts, where no single
/// stream sees every byte in order. The caller compares <see cref="Bytes"/> with the size the parts were cut from, so a
/// file that changed while it was read is not given a hash of other bytes than those parsed.
/// </summary>
internal sealed class FileSha256(string path, CancellationToken cancel)
{
    private volatile bool _stop;
    private Thread? _thread;

    /// <summary>Lower-case hex digest once the thread ended without failure.</summary>
    public string? Sha256 { get; private set; }

    /// <summary>Bytes hashed.</summary>
    public long Bytes { get; private set; }

    public ExceptionDispatchInfo? Failure { get; private set; }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "russnap sha-256" };
        _thread.Start();
    }

    /// <summary>Waits for the hash; with <paramref name="abandon"/>, tells the thread to stop first.</summary>
    public void Join(bool abandon = false)
    {
        _stop |= abandon;
        _thread?.Join();
    }

    /// <summary>Waits at most <paramref name="timeout"/>; true when the thread has ended.</summary>
    public bool Join(TimeSpan timeout) => _thread?.Join(timeout) ?? true;

    private void Run()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            int n;
            while ((n = file.Read(buffer)) > 0)
            {
                if (_stop)
                {
                    return;
                }

                cancel.ThrowIfCancellationRequested(); // recorded as the failure: the caller rethrows it

                hash.AppendData(buffer, 0, n);
                bytes += n;
            }

            Bytes = bytes;
            Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }
#pragma warning disable CA1031 // any failure is the caller's, who reads the file in one piece instead
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failure = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
