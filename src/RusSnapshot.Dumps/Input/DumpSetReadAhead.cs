using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace RusSnapshot.Dumps.Input;

/// <summary>What <see cref="DumpSetReadAhead.ForEach"/> hands the consumer: a record, its input, and the input's bytes read so far.</summary>
/// <param name="record">A copy of the set's record, valid until the handler returns.</param>
/// <param name="input">The input the record comes from.</param>
/// <param name="bytesRead">The input's decoded bytes read when the record was read (for progress).</param>
public delegate void DumpRecordHandler(DumpRecord record, DumpInputSummary input, long bytesRead);

/// <summary>
/// Reads a <see cref="DumpSetReader"/> on a second thread while the calling thread consumes its records: parsing on one
/// core, the consumer's work (building the model) on the other.
/// </summary>
/// <remarks>
/// <para>
/// The reader runs exactly as in a loop over <see cref="DumpSetReader.Read"/> on one thread, so its records, diagnostics,
/// positions and statistics are the same; the handler sees copies (<see cref="DumpRecord.CopyTo"/>) of the records in
/// the same order. An exception of the reader reaches the caller after the records read before it were handled; an
/// exception of the handler stops the reader and reaches the caller.
/// </para>
/// <para>
/// Memory: the records travel in a fixed number of batches of copies that are reused, so at most
/// <see cref="BatchCount"/> x <see cref="BatchSize"/> records are held, and a pooled copy that grew past
/// <see cref="MaxRetainedBytes"/> is dropped once handled instead of being kept for reuse. A record of more than
/// <see cref="LargeRecordValues"/> values (a group of thousands of members) goes into the one large copy there is, which
/// the reader waits for until the consumer has handled the previous large record: so however many large groups a dump
/// has, one is copied at a time, into the same arrays.
/// </para>
/// </remarks>
public static class DumpSetReadAhead
{
    /// <summary>Records per batch.</summary>
    public const int BatchSize = 32;

    /// <summary>Batches in flight (being filled, queued, being handled).</summary>
    public const int BatchCount = 3;

    /// <summary>A pooled copy larger than this is not kept for reuse.</summary>
    public const long MaxRetainedBytes = 32 * 1024;

    /// <summary>A record with more values than this travels in the single large copy.</summary>
    public const int LargeRecordValues = 128;

    /// <summary>True when read-ahead can help: more than one processor.</summary>
    public static bool IsUseful => Environment.ProcessorCount > 1;

    /// <summary>Reads every record of <paramref name="set"/> on another thread and calls <paramref name="handler"/> for each, in order, on this one.</summary>
    public static void ForEach(DumpSetReader set, DumpRecordHandler handler)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(handler);

        using var full = new BlockingCollection<Batch>(BatchCount);
        using var empty = new BlockingCollection<Batch>(BatchCount);
        for (var i = 0; i < BatchCount; i++)
        {
            empty.Add(new Batch());
        }

        using var stop = new CancellationTokenSource();
        using var largeFree = new SemaphoreSlim(1, 1);
        var large = new DumpRecord();
        ExceptionDispatchInfo? readerFailure = null;
        var producer = new Thread(() =>
        {
            try
            {
                Produce(set, full, empty, large, largeFree, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer gave up.
            }
#pragma warning disable CA1031 // any exception of the reader is the caller's, rethrown on its thread
            catch (Exception ex)
#pragma warning restore CA1031
            {
                readerFailure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                full.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "russnap read-ahead",
        };
        producer.Start();

        try
        {
            foreach (var batch in full.GetConsumingEnumerable())
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var record = batch.Items[i]!;
                    handler(record, batch.Inputs[i]!, batch.Bytes[i]);
                    if (ReferenceEquals(record, large))
                    {
                        largeFree.Release();
                    }
                    else if (record.RetainedBytes > MaxRetainedBytes)
                    {
                        batch.Records[i] = new DumpRecord();
                    }

                    batch.Items[i] = null;
                    batch.Inputs[i] = null;
                }

                batch.Count = 0;
                empty.Add(batch);
            }
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }

        readerFailure?.Throw();
    }

    private static void Produce(DumpSetReader set, BlockingCollection<Batch> full, BlockingCollection<Batch> empty,
        DumpRecord large, SemaphoreSlim largeFree, CancellationToken stop)
    {
        var batch = empty.Take(stop);
        try
        {
            while (set.Read())
            {
                var input = set.CurrentInput;
                var target = batch.Records[batch.Count];
                if (set.Current.Count > LargeRecordValues)
                {
                    if (!largeFree.Wait(0, stop))
                    {
                        // The large copy is still ahead in the queue, perhaps in this very batch: send what there is, then wait.
                        if (batch.Count > 0)
                        {
                            full.Add(batch, stop);
                            batch = empty.Take(stop);
                        }

                        largeFree.Wait(stop);
                    }

                    target = large;
                }

                set.Current.CopyTo(target);
                batch.Items[batch.Count] = target;
                batch.Inputs[batch.Count] = input;
                batch.Bytes[batch.Count] = input.Statistics?.Bytes ?? 0;
                if (++batch.Count == BatchSize)
                {
                    full.Add(batch, stop);
                    batch = empty.Take(stop);
                }
            }
        }
        finally
        {
            // Also when the reader throws: the records read before the exception are handled before it is rethrown. There
            // is always room (as many places as batches), so this never waits.
            if (batch.Count > 0 && !stop.IsCancellationRequested)
            {
                full.Add(batch, CancellationToken.None);
            }
        }
    }

    private sealed class Batch
    {
        public readonly DumpRecord[] Records = [.. Enumerable.Range(0, BatchSize).Select(_ => new DumpRecord())];
        public readonly DumpRecord?[] Items = new DumpRecord?[BatchSize];   // what is handed out: Records[i], or the large copy
        public readonly DumpInputSummary?[] Inputs = new DumpInputSummary?[BatchSize];
        public readonly long[] Bytes = new long[BatchSize];
        public int Count;
    }
}
