using System.Text;

namespace RusSnapshot.Dumps.Input;

/// <summary>
/// For inputs whose sniffed prefix is pure ASCII: passes bytes through until the first non-ASCII byte, then decides on
/// the evidence of the next 64 KiB (<see cref="Utf8Evidence"/>): mostly valid UTF-8, the rest is passed through as
/// UTF-8; otherwise it is decoded from the ANSI code page. Everything before that byte is ASCII, the same in both, so
/// deciding late loses nothing; this is how a csvde file written without <c>-u</c>, whose first accented name comes
/// after the sniff window, is still read right, and how one stray byte does not turn a UTF-8 file into ANSI.
/// </summary>
internal sealed class DeferredEncodingStream(Stream inner, Encoding ansi) : ReadOnlyStreamBase, IAsciiSoFar
{
    private const int LookAhead = 64 * 1024;

    private Stream? _decided;
    private long _lines; // line breaks passed through, for the warning's line number
    private long _offset; // bytes passed through

    /// <summary>
    /// Goes on where another one stopped undecided (the second part of a file read in parts): <paramref name="lines"/>
    /// line breaks and <paramref name="offset"/> bytes, all ASCII, came before <paramref name="inner"/>'s first byte.
    /// </summary>
    public DeferredEncodingStream(Stream inner, Encoding ansi, long lines, long offset)
        : this(inner, ansi)
    {
        _lines = lines;
        _offset = offset;
    }

    /// <summary>
    /// A stream for the bytes that follow, in <paramref name="next"/>, those this one passed through undecided: it decides
    /// as this one would have if it had gone on reading (the second part of a file read in parts).
    /// </summary>
    public DeferredEncodingStream ContinueWith(Stream next) =>
        Decision is null ? new(next, ansi, _lines, _offset) : throw new InvalidOperationException("The encoding is already decided.");

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
            _lines += chunk.Count((byte)'\n');
            _offset += n;
            return n; // the common case, checked at memory speed
        }

        var first = chunk.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        _lines += chunk[..first].Count((byte)'\n');

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
