using System.Text;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// For inputs whose sniffed prefix is pure ASCII: passes bytes through until the first non-ASCII byte, then decides on
/// the evidence of the next 64 KiB (<see cref="Utf8Evidence"/>): mostly valid UTF-8, the rest is passed through as
/// UTF-8; otherwise it is decoded from the ANSI code page. Everything before that byte is ASCII, the same in both, so
/// deciding late loses nothing; this is how a csvde file written without <c>-u</c>, whose first accented name comes
/// after the sniff window, is still read right, and how one stray byte does not turn a UTF-8 file into ANSI.
/// </summary>
/// <param name="inner">The bytes, from the first one after any byte order mark.</param>
/// <param name="ansi">The code page decided on when the evidence is not UTF-8.</param>
/// <param name="lineBreaksBefore">
/// For a file that can be read again: the line feeds before a given offset of <paramref name="inner"/>, counted from the
/// file when a warning needs the line of the first non-ASCII byte. Without it every byte passed through is counted as
/// it goes, which cost 6% of reading an ASCII dump (nearly all of them) for a number that is almost never used.
/// </param>
internal sealed class DeferredEncodingStream(Stream inner, Encoding ansi, Func<long, long>? lineBreaksBefore = null) : ReadOnlyStreamBase, IAsciiSoFar
{
    private const int LookAhead = 64 * 1024;

    private Stream? _decided;
    private long _lines; // line breaks passed through, for the warning's line number (counted only without lineBreaksBefore)
    private long _offset; // bytes passed through

    /// <summary>
    /// Goes on where another one stopped undecided (the second part of a file read in parts): <paramref name="lines"/>
    /// line breaks and <paramref name="offset"/> bytes, all ASCII, came before <paramref name="inner"/>'s first byte.
    /// </summary>
    public DeferredEncodingStream(Stream inner, Encoding ansi, long lines, long offset, Func<long, long>? lineBreaksBefore = null)
        : this(inner, ansi, lineBreaksBefore)
    {
        _lines = lines;
        _offset = offset;
    }

    /// <summary>
    /// A stream for the bytes that follow, in <paramref name="next"/>, those this one passed through undecided: it decides
    /// as this one would have if it had gone on reading (the second part of a file read in parts).
    /// </summary>
    public DeferredEncodingStream ContinueWith(Stream next) =>
        Decision is null ? new(next, ansi, _lines, _offset, lineBreaksBefore) : throw new InvalidOperationException("The encoding is already decided.");

    /// <summary>
    /// What <c>lineBreaksBefore</c> is for a plain file read from its first byte (no byte order mark: one decides the
    /// encoding, so this stream is not made): the line feeds before the offset, read again by a handle of its own.
    /// </summary>
    public static Func<long, long> CountedInFile(string path) => offset =>
    {
        using var file = File.OpenHandle(path);
        var buffer = new byte[1024 * 1024];
        long lines = 0;
        for (long at = 0, n; at < offset; at += n)
        {
            n = PositionedRead.Fill(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, offset - at)), at);
            if (n == 0)
            {
                break; // shorter than it was: the warning names the last line there is
            }

            lines += buffer.AsSpan(0, (int)n).Count((byte)'\n');
        }

        return lines;
    };

    /// <inheritdoc/>
    public bool AllAscii => Decision is null; // decided in the read that first hands out a non-ASCII byte, before it returns

    /// <summary>The encoding chosen, or null while only ASCII has been seen.</summary>
    public string? Decision { get; private set; }

    /// <summary>Where the warning goes when the evidence was mixed (code, line, message).</summary>
    public Action<DiagnosticCode, long, string>? Warn { get; set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_decided is not null)
        {
            return _decided.Read(buffer);
        }

        var n = inner.Read(buffer);
        if (n == 0)
        {
            return 0;
        }

        var chunk = buffer[..n];
        if (Ascii.IsValid(chunk))
        {
            if (lineBreaksBefore is null)
            {
                _lines += chunk.Count((byte)'\n');
            }

            _offset += n;
            return n; // the common case, checked at memory speed
        }

        var first = chunk.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        _lines = lineBreaksBefore is null ? _lines + chunk[..first].Count((byte)'\n') : lineBreaksBefore(_offset + first);

        // Look ahead for evidence (and so that a sequence cut at the end of the chunk is seen whole).
        var rest = chunk[first..].ToArray();
        var more = new byte[Math.Max(0, LookAhead - rest.Length) + 4];
        var extra = ReadAtMost(more, more.Length);
        var probe = rest.Concat(more.Take(extra)).ToArray();
        var evidence = Utf8Evidence.Measure(probe, atEnd: extra < more.Length);
        Decision = evidence.IsUtf8 ? "utf-8" : ansi.WebName;
        if (evidence.Invalid > 0)
        {
            var line = Utf8Evidence.LineOf(probe, evidence.FirstInvalid, _lines);
            var where = $"in the {probe.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes from byte {(_offset + first).ToString(System.Globalization.CultureInfo.InvariantCulture)}, the first that is not ASCII";
            if (evidence.Warning(line, where, ansi.WebName) is var (code, message))
            {
                Warn?.Invoke(code, line, message);
            }
        }

        if (evidence.IsUtf8)
        {
            _decided = new PrefixedStream(more, 0, extra, inner);
            return n;
        }

        _decided = new SingleByteToUtf8Stream(new PrefixedStream(probe, 0, probe.Length, inner), ansi);
        return first > 0 ? first : _decided.Read(buffer); // the ASCII part now; the rest, decoded, on the next reads
    }

    private int ReadAtMost(byte[] into, int count)
    {
        var total = 0;
        while (total < count)
        {
            var r = inner.Read(into, total, count - total);
            if (r == 0)
            {
                break;
            }

            total += r;
        }

        return total;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            (_decided ?? inner).Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
