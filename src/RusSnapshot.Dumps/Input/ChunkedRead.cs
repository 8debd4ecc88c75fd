using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using RusSnapshot.Dumps.Csv;
using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// Reads one large LDIF or csvde CSV file to its end on two cores: the file is cut near its middle where a record starts,
/// and a reader per part runs on a thread of its own. The summary is the one reader over the whole file would give: the
/// same statistics, diagnostics (positions and messages), dialect, encoding and SHA-256 (hashed by a third thread, by a
/// handle of its own). A caller that wants the records (<c>analyze</c>) gets each part's in a sink of its own
/// (<see cref="PartSinks"/>), to be joined in file order; <c>validate</c> wants only the summary.
/// </summary>
/// <remarks>
/// <para>
/// Why that holds. LDIF is cut at a blank line, which ends a record whatever came before it. CSV is cut after a line
/// feed, which ends a row unless it is inside a quoted value; which it is cannot be told without reading from the start
/// (a quote inside an unquoted field is data), so the first part's reader tells: it must end exactly where a row ends
/// (<see cref="CsvDumpReader.EndedInsideRow"/>). Either way the second part starts where the one reader would start a
/// record. What that reader would carry across, the second reader is given or checks afterwards:
/// </para>
/// <list type="bullet">
/// <item>Line numbers: the second reader counts its own from 1, and its positions (diagnostics, failed searches, the line
/// count) are moved by the first part's lines once they are known. A message that quotes a line number in its text
/// (<see cref="BufferedDumpReader.MessagesQuoteLines"/>: a modify group, a record over the limits) cannot be moved: then
/// the second part is read again from the right line.</item>
/// <item>LDIF: the dump-wide flags (<see cref="LdifDialectState"/>: ldifde or ldapsearch, search trailer seen...), assumed
/// as the first records left them, then compared with how the whole first part left them. CSV: the header, read by the
/// first reader before the second starts.</item>
/// <item>The encoding: the first part is opened as the whole file would be (sniffed, UTF-8 or deferred), and only its
/// reader stops at the cut; the second part is read as UTF-8, which is what the one reader would do unless the file was
/// all ASCII up to the cut and the second part is not.</item>
/// <item>End-of-input checks run only for the second part; diagnostics are kept under the one cap, in order.</item>
/// </list>
/// <para>
/// When a check fails, the second part is read again, on this thread, from the right state (rare: a search trailer in
/// the first part, the first non-ASCII byte after the cut, a message quoting a line after it). When the first part stops reading (a fatal
/// error), decodes from ANSI, ends inside a CSV row, or fails to read, the caller reads the file again in one piece.
/// </para>
/// </remarks>
internal static class ChunkedRead
{
    /// <summary>Files smaller than this are read on one thread: a second one would not pay for itself.</summary>
    public const long MinBytes = 64L * 1024 * 1024;

    /// <summary>Records the first reader reads before the second starts, so that the flags it is given are the dump's.</summary>
    private const int LearningRecords = 64;

    /// <summary>Where the cut is sought, as a share of the file: the middle, as the two parts cost the same per byte.</summary>
    private const double CutShare = 0.5;

    /// <summary>
    /// Reads <paramref name="source"/> in two parts and fills <paramref name="summary"/>; false, having filled nothing,
    /// when the input does not qualify or the parts could not be made to agree (read it in one piece then).
    /// </summary>
    /// <param name="source">The input.</param>
    /// <param name="options">How to open and read it.</param>
    /// <param name="summary">Filled in when true is returned.</param>
    /// <param name="progress">Called now and then with the bytes read so far.</param>
    /// <param name="cutAt">For tests: where to cut (an offset just after a line feed that a blank line follows), instead of near the middle of a file of at least <see cref="MinBytes"/>.</param>
    /// <param name="cancel">Stops both threads.</param>
    /// <param name="sinks">Where the records go, a sink per part; null to only read them. Filled in when true is returned.</param>
    public static bool TryRead(DumpSource source, DumpOpenOptions options, DumpInputSummary summary, Action<long>? progress,
        CancellationToken cancel, long? cutAt = null, PartSinks? sinks = null)
    {
        if (!Qualifies(source, options) || (cutAt is null && Environment.ProcessorCount < 2))
        {
            return false;
        }

        try
        {
            long length, cut;
            DumpFormat? format;
            using (var file = File.OpenHandle(source.Path))
            {
                // Where to cut, probed by positioned reads of one handle; the parts are then read by streams of their own.
                length = RandomAccess.GetLength(file);
                format = options.Format ?? FormatOf(file, source.Path);
                if (format is null)
                {
                    return false;
                }

                cut = cutAt ?? (length >= MinBytes ? FindCut(file, length, format.Value) : -1);
                if (cut <= DumpEncodings.SniffBytes || cut >= length || !IsCut(file, cut, format.Value))
                {
                    return false;
                }
            }

            return Read(source, options, summary, progress, cancel, length, cut, format.Value, sinks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or DumpFormatException)
        {
            return false; // the reading in one piece reports it
        }
    }

    /// <summary>What reading in parts needs: a plain file (read again for the hash), errors collected, text that may be UTF-8.</summary>
    private static bool Qualifies(DumpSource source, DumpOpenOptions options) =>
        source.IsPlainFile
        && options.Reader.OnBadRecord == BadRecordHandling.Collect
        && options.Format is null or DumpFormat.Ldif or DumpFormat.Csv
        && options.Encoding is null or { CodePage: 65001 }
        && !AdExplorer.AdExplorerFormat.IsSnapshotFileName(source.DisplayName)
        && DumpSetReader.CanReadTwice(source);

    /// <summary>LDIF or CSV as <see cref="DumpOpener"/> would tell them from the start of the file (checked again once it is opened); null for anything else.</summary>
    private static DumpFormat? FormatOf(SafeFileHandle file, string path)
    {
        var prefix = new byte[8192];
        var n = RandomAccess.Read(file, prefix, 0);
        var text = prefix.AsSpan(0, n);
        if (AdExplorer.AdExplorerFormat.LooksLikeSnapshot(text))
        {
            return null;
        }

        text = text.StartsWith("\uFEFF"u8) ? text[3..] : text;
        return DumpOpener.DetectFormat(text, Encoding.UTF8, path);
    }

    /// <summary>
    /// Where to cut, at or after <see cref="CutShare"/> of the file; -1 when nothing fits. LDIF: after a line feed that a
    /// blank line follows. CSV: after a line feed, one followed by a quote if there is one (csvde quotes every DN), so that
    /// the cut is most likely where a row starts; whether it is, the first part's reader says.
    /// </summary>
    internal static long FindCut(SafeFileHandle file, long length, DumpFormat format)
    {
        var block = new byte[64 * 1024];
        var at = (long)(length * CutShare);
        var limit = Math.Min(length, at + (256L * 1024 * 1024)); // a record larger than this in the middle: read it in one piece
        var anyLineFeed = -1L;
        while (at < limit)
        {
            var n = PositionedRead.Fill(file, block, at);
            var span = block.AsSpan(0, n);
            for (var i = span.IndexOf((byte)'\n'); i >= 0 && i + 1 < n;)
            {
                if (IsCutAt(span[i..], format))
                {
                    return at + i + 1;
                }

                if (anyLineFeed < 0 && format == DumpFormat.Csv)
                {
                    anyLineFeed = at + i + 1;
                }

                var next = span[(i + 1)..].IndexOf((byte)'\n');
                i = next < 0 ? -1 : i + 1 + next;
            }

            if (n < 3)
            {
                break;
            }

            at += n - 2; // a cut across two blocks is found in the next one
        }

        return anyLineFeed;
    }

    /// <summary>Whether <paramref name="fromLineFeed"/> (a line feed and what follows) is a cut of <see cref="FindCut"/>'s first choice.</summary>
    private static bool IsCutAt(ReadOnlySpan<byte> fromLineFeed, DumpFormat format) =>
        format == DumpFormat.Csv
            ? fromLineFeed.Length >= 2 && fromLineFeed[1] == (byte)'"'
            : fromLineFeed.Length >= 2 && (fromLineFeed[1] == (byte)'\n' || (fromLineFeed[1] == (byte)'\r' && fromLineFeed.Length >= 3 && fromLineFeed[2] == (byte)'\n'));

    /// <summary>Whether <paramref name="cut"/> may be a cut: after a line feed, and for LDIF at the start of a blank line (LF or CRLF).</summary>
    private static bool IsCut(SafeFileHandle file, long cut, DumpFormat format)
    {
        Span<byte> around = stackalloc byte[3];
        var n = PositionedRead.Fill(file, around, cut - 1);
        return n >= 2 && around[0] == (byte)'\n'
            && (format == DumpFormat.Csv || around[1] == (byte)'\n' || (n == 3 && around[1] == (byte)'\r' && around[2] == (byte)'\n'));
    }

    private static bool Read(DumpSource source, DumpOpenOptions options, DumpInputSummary summary, Action<long>? progress,
        CancellationToken cancel, long length, long cut, DumpFormat format, PartSinks? sinks)
    {
        // No stream sees the whole file in order, so the hash reads it once more, on a third thread. The file's size and
        // time, taken before any of them opens it, are compared once all are done: a file rewritten meanwhile is read in one piece.
        var stamp = FileStamp.Of(source.Path);
        if (stamp.Length != length)
        {
            return false;
        }

        var hash = options.ComputeSha256 ? new FileSha256(source.Path, cancel) : null;
        hash?.Start();
        var done = false;
        try
        {
            done = Read(source, options with { ComputeSha256 = false }, summary, progress, cancel, length, cut, format, sinks, hash, stamp);
            return done;
        }
        finally
        {
            hash?.Join(abandon: !done);
        }
    }

    private static bool Read(DumpSource source, DumpOpenOptions options, DumpInputSummary summary, Action<long>? progress,
        CancellationToken cancel, long length, long cut, DumpFormat format, PartSinks? sinks, FileSha256? hash, FileStamp stamp)
    {
        using var first = DumpOpener.Open(source, options, rawLimit: cut);
        if (first.Format != format || first.Transcoded || first.Reader is not BufferedDumpReader reader1)
        {
            return false;
        }

        if (reader1 is LdifReader ldif1)
        {
            ldif1.IsLastChunk = false;
        }

        var sink1 = sinks?.Create();
        for (var i = 0; i < LearningRecords && reader1.Read(); i++)
        {
            sink1?.Add(reader1.Current);
        }

        // What the second reader starts from: the flags the first LDIF records left, or the CSV header.
        var assumed = (reader1 as LdifReader)?.DialectState;
        if (reader1 is CsvDumpReader { Columns.Count: 0 })
        {
            return false; // no header in the first part
        }

        BufferedDumpReader Continue(Stream stream, long firstLine, LdifDialectState? state)
        {
            if (reader1 is CsvDumpReader csv1)
            {
                var csv = new CsvDumpReader(stream, source.DisplayName, options.Reader);
                csv.ContinueFrom(firstLine, csv1);
                return csv;
            }

            var ldif = new LdifReader(stream, source.DisplayName, options.Reader);
            ldif.ContinueFrom(firstLine, state!.Value);
            return ldif;
        }

        var second = new SecondPart(source.Path, cut, length, (stream, line) => Continue(stream, line, assumed), () => sinks?.Create(), cancel);
        try
        {
            return ReadBoth(source, options, summary, progress, cancel, length, cut, first, reader1, assumed, second, Continue,
                new Sinks(sinks, sink1, hash, stamp));
        }
        finally
        {
            second.Reader?.Dispose(); // whatever happened; disposing it twice does no harm
        }
    }

    /// <summary>Where the first part's records went, where the parts' sinks are handed back, the hash, and the file as it was.</summary>
    private readonly record struct Sinks(PartSinks? Parts, IRecordSink? First, FileSha256? Hash, FileStamp Stamp);

    private static bool ReadBoth(DumpSource source, DumpOpenOptions options, DumpInputSummary summary, Action<long>? progress,
        CancellationToken cancel, long length, long cut, OpenedDump first, BufferedDumpReader reader1, LdifDialectState? assumed,
        SecondPart second, Func<Stream, long, LdifDialectState?, BufferedDumpReader> continueAt, Sinks sinks)
    {
        var thread = new Thread(second.Run) { IsBackground = true, Name = "russnap second part" };
        thread.Start();
        try
        {
            var records = 0;
            while (reader1.Read())
            {
                sinks.First?.Add(reader1.Current);
                if ((++records & 1023) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                }

                progress?.Invoke(reader1.Statistics.Bytes + second.BytesRead);
            }

            // Progress goes on while the second part ends: it is where a caller sees Ctrl-C.
            while (!thread.Join(100))
            {
                cancel.ThrowIfCancellationRequested();
                progress?.Invoke(reader1.Statistics.Bytes + second.BytesRead);
            }
        }
        catch
        {
            second.Stop();
            throw;
        }
        finally
        {
            thread.Join();
        }

        cancel.ThrowIfCancellationRequested();
        if (second.Failure is { } failure)
        {
            if (failure.SourceException is OperationCanceledException)
            {
                failure.Throw();
            }

            return false;
        }

        var decision = first.Deferred?.Decision;
        if (!reader1.Statistics.Complete || (decision is not null && decision != "utf-8") || reader1 is CsvDumpReader { EndedInsideRow: true })
        {
            // Reading stopped in the first part, or it decodes from ANSI, or (CSV) the cut was inside a row: read in one piece.
            return false;
        }

        var reader2 = second.Reader!;
        var sink2 = second.Sink;
        var undecided = first.Deferred is not null && decision is null;
        Stream? reread = null;
        LimitedStream? rereadBytes = null; // the bytes under the second part's reader when it is read again
        DeferredEncodingStream? continued = null; // deciding the encoding in the second part, when the first did not
        var lineOffset = reader1.Statistics.Lines;
        try
        {
            // The second reader counted lines from 1: its positions are moved by the first part's lines below, which
            // cannot be done to a message that quotes a line number (rare: a modify group, a record over the limits).
            if ((reader1 as LdifReader)?.DialectState != assumed || (undecided && reader2.AsciiSoFar is { AllAscii: false }) || reader2.MessagesQuoteLines)
            {
                // The second part was read from a state that turned out other than the first part's end: read it again from that.
                reader2.Dispose();
                reread = rereadBytes = new LimitedStream(OpenAt(source.Path, cut), length - cut);
                if (undecided)
                {
                    reread = continued = first.Deferred!.ContinueWith(reread);
                }

                reader2 = continueAt(reread, reader1.Statistics.Lines + 1, (reader1 as LdifReader)?.DialectState);
                lineOffset = 0;
                reread = null; // the reader owns it now
                if (continued is not null)
                {
                    var target = reader2;
                    continued.Warn = (code, line, message) => target.Warn(code, line, message);
                    reader2.AsciiSoFar = continued;
                }

                sink2 = sinks.Parts?.Create();
                var records = 0;
                while (reader2.Read())
                {
                    sink2?.Add(reader2.Current);
                    cancel.ThrowIfCancellationRequested();
                    if ((++records & 1023) == 0)
                    {
                        progress?.Invoke(reader1.Statistics.Bytes + reader2.Statistics.Bytes);
                    }
                }
            }

            if (!reader2.Statistics.Complete && (rereadBytes ?? second.Tail)?.Ended != true)
            {
                // Reading stopped in the second part before the end of the file. Whether one reader would have met the end
                // first (and so know the file's size and hash) depends on where its buffer stood: read it in one piece.
                return false;
            }

            if (FileStamp.Of(source.Path) != sinks.Stamp)
            {
                return false; // it changed while it was read: read it in one piece
            }

            if (sinks.Hash is { } hash)
            {
                while (!hash.Join(TimeSpan.FromMilliseconds(100)))
                {
                    cancel.ThrowIfCancellationRequested();
                    progress?.Invoke(length);
                }

                if (hash.Failure is { } hashFailure && hashFailure.SourceException is OperationCanceledException)
                {
                    hashFailure.Throw();
                }

                if (hash.Sha256 is null || hash.Bytes != length)
                {
                    return false; // it could not be read to the size the parts were cut from: read it in one piece
                }

                summary.Sha256 = hash.Sha256;
            }

            if (sinks.Parts is { } parts)
            {
                parts.First = sinks.First;
                parts.Second = sink2;
                parts.SecondLineOffset = lineOffset;
            }

            Merge(summary, first, reader1, reader2, lineOffset, options.Reader.MaxDiagnostics, length,
                continued?.Decision ?? first.EncodingName);
            return true;
        }
        finally
        {
            reread?.Dispose();
            reader2.Dispose();
        }
    }

    private static void Merge(DumpInputSummary summary, OpenedDump first, BufferedDumpReader reader1, BufferedDumpReader reader2, long lineOffset,
        int cap, long length, string encoding)
    {
        summary.Format = first.Format;
        summary.Encoding = encoding;
        summary.Dialect = reader2.Dialect; // it started from the first part's flags, so it ends with the file's
        var stats = reader1.Statistics;
        stats.AppendChunk(reader2.Statistics, lineOffset);
        summary.Statistics = stats;
        summary.FileBytes = first.Digest.FileBytes ?? length;
        summary.UniqueEntries = stats.Entries;

        // The one reader keeps the first `cap` errors and the first `cap` warnings, in order.
        var diagnostics = summary.Diagnostics;
        diagnostics.AddRange(reader1.Diagnostics);
        var errors = reader1.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var warnings = reader1.Diagnostics.Count - errors;
        foreach (var d in reader2.Diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Error ? errors++ < cap : warnings++ < cap)
            {
                diagnostics.Add(d with { Position = d.Position.ShiftedBy(lineOffset) });
            }
        }

        var ordered = diagnostics.OrderBy(d => d.Position.Line).ToList();
        diagnostics.Clear();
        diagnostics.AddRange(ordered);
    }

    private static FileStream OpenAt(string path, long offset)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        file.Position = offset;
        return file;
    }

    /// <summary>The second thread: reads from the cut to the end.</summary>
    private sealed class SecondPart(string path, long cut, long length, Func<Stream, long, BufferedDumpReader> reader, Func<IRecordSink?> newSink,
        CancellationToken cancel)
    {
        private volatile bool _stop;
        private volatile BufferedDumpReader? _reader;

        public BufferedDumpReader? Reader => _reader;

        /// <summary>What received this part's records (read once the thread has ended).</summary>
        public IRecordSink? Sink { get; private set; }

        /// <summary>The bytes under this part's reader, which tell whether it read to the end of the file.</summary>
        public LimitedStream? Tail { get; private set; }


        public ExceptionDispatchInfo? Failure { get; private set; }

        public long BytesRead => _reader?.Statistics.Bytes ?? 0;

        public void Stop() => _stop = true;

        public void Run()
        {
            try
            {
                var tail = Tail = new LimitedStream(OpenAt(path, cut), length - cut);
                var watch = new AsciiWatchStream(tail);
                BufferedDumpReader second;
                try
                {
                    second = reader(watch, 1); // lines counted from the cut; moved once the first part's are known
                    second.AsciiSoFar = watch;
                }
                catch
                {
                    watch.Dispose();
                    throw;
                }

                _reader = second;
                var sink = Sink = newSink();
                var records = 0;
                while (second.Read())
                {
                    sink?.Add(second.Current);
                    if ((++records & 1023) == 0 && (_stop || cancel.IsCancellationRequested))
                    {
                        // The first part failed or was cancelled: this part's result will not be used.
                        throw new OperationCanceledException();
                    }
                }

            }
#pragma warning disable CA1031 // any failure here is the caller's, who reads the file in one piece instead
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Failure = ExceptionDispatchInfo.Capture(ex);
            }
        }
    }
}

/// <summary>
/// The sinks of a read in parts: <see cref="Create"/> makes one for each part, and again for a part read again (a sink
/// made for an attempt that is dropped is never handed back). Filled in when the read succeeds.
/// </summary>
internal sealed class PartSinks(Func<IRecordSink> create)
{
    public IRecordSink Create() => create();

    /// <summary>The first part's sink: lines as in the file.</summary>
    public IRecordSink? First { get; set; }

    /// <summary>The second part's sink: lines counted from the cut, to be moved by <see cref="SecondLineOffset"/>.</summary>
    public IRecordSink? Second { get; set; }

    public long SecondLineOffset { get; set; }
}

/// <summary>A file's size and last write time: what tells that it was rewritten between two looks.</summary>
internal readonly record struct FileStamp(long Length, DateTime LastWriteUtc)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return new FileStamp(info.Length, info.LastWriteTimeUtc);
    }
}
