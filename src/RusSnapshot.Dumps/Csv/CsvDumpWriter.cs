using System.Buffers;
using System.Text;
using System.Text.Unicode;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Csv;

/// <summary>Options of <see cref="CsvDumpWriter"/>.</summary>
public sealed record CsvDumpWriterOptions
{
    /// <summary>The defaults: UTF-8 without a byte order mark, CRLF, <see cref="CsvdeConventions.DefaultBinaryAttributes"/>.</summary>
    public static CsvDumpWriterOptions Default { get; } = new();

    /// <summary>What <c>csvde -u</c> writes: UTF-16LE with a byte order mark.</summary>
    public static CsvDumpWriterOptions Unicode { get; } = new() { Encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: true) };

    /// <summary>What <c>csvde</c> writes without <c>-u</c> on a Western European system: Windows-1252 (characters it lacks are replaced by a best fit or <c>?</c>, as Windows does).</summary>
    public static CsvDumpWriterOptions Ansi { get; } = new() { Encoding = DumpEncodings.Resolve("windows-1252") };

    /// <summary>The line ending after each row: <c>"\r\n"</c> (what csvde writes, the default) or <c>"\n"</c>.</summary>
    public string NewLine { get; init; } = "\r\n";

    /// <summary>The output encoding. Its byte order mark, if it has one, is written first.</summary>
    public Encoding Encoding { get; init; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Attributes always written as <c>X'hex'</c>; values of other attributes are hex only when they are not valid UTF-8.</summary>
    public IReadOnlySet<string> BinaryAttributes { get; init; } = CsvdeConventions.DefaultBinaryAttributes;

    /// <summary>Bytes buffered before they are written to the output. Default 64 KiB.</summary>
    public int BufferSize { get; init; } = 64 * 1024;
}

/// <summary>
/// Writes entries as <c>csvde</c> does: a header row (<c>DN</c>, then the columns), then one row per entry; values quoted
/// when they hold <c>,</c>, <c>"</c> or a line break (quotes doubled), multi-values joined with <c>;</c>, binary values as
/// <c>X'lowerhex'</c>, absent attributes as empty fields. Streams: memory does not grow with the number of rows.
/// </summary>
/// <remarks>
/// csvde's format cannot say everything (see <see cref="CsvdeConventions"/>): a <c>;</c> inside a value of a column that
/// readers split, several values of an unsplit column, and empty text values do not read back as written. They are
/// written as csvde would write them. A text value that itself looks like <c>X'..'</c> is written as the hex of its
/// bytes, so it reads back unchanged.
/// </remarks>
public sealed class CsvDumpWriter : IDisposable
{
    private static readonly SearchValues<byte> NeedsQuotes = SearchValues.Create(",\"\r\n"u8);
    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();

    private readonly Stream _output;
    private readonly Stream _sink;
    private readonly bool _leaveOpen;
    private readonly byte[] _newLine;
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool[] _binaryColumn;
    private readonly List<DumpValue>[] _fieldValues;
    private readonly int _flushAt;
    private byte[] _buf;
    private int _used;
    private bool _disposed;

    /// <summary>Starts a csvde CSV on <paramref name="output"/> and writes its header row.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="columns">The attribute columns after <c>DN</c>, in order (DN itself is not listed: it is always first).</param>
    /// <param name="options">Encoding, line ending, binary attributes; null for the defaults.</param>
    /// <param name="leaveOpen">True to leave <paramref name="output"/> open when the writer is disposed.</param>
    /// <exception cref="ArgumentException">A column name is empty, repeated, <c>DN</c>, or not an attribute name.</exception>
    public CsvDumpWriter(Stream output, IReadOnlyList<string> columns, CsvDumpWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        options ??= CsvDumpWriterOptions.Default;
        if (!output.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(output));
        }

        if (options.NewLine is not ("\r\n" or "\n"))
        {
            throw new ArgumentException("NewLine must be \"\\r\\n\" or \"\\n\".", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.Encoding, nameof(options));
        ArgumentNullException.ThrowIfNull(options.BinaryAttributes, nameof(options));

        for (var i = 0; i < columns.Count; i++)
        {
            var name = columns[i];
            if (string.IsNullOrEmpty(name) || name[0] == ';' || !name.All(IsNameChar))
            {
                throw new ArgumentException($"Column {i + 1} ('{name}') is not an attribute name (letters, digits, '-', ';' options, OIDs).", nameof(columns));
            }

            if (string.Equals(name, "DN", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("DN is always the first column: do not list it.", nameof(columns));
            }

            if (!_columnIndex.TryAdd(name, i))
            {
                throw new ArgumentException($"Column '{name}' is listed twice.", nameof(columns));
            }
        }

        Columns = columns.ToArray();
        _output = output;
        _leaveOpen = leaveOpen;
        _newLine = Encoding.ASCII.GetBytes(options.NewLine);
        var binary = options.BinaryAttributes;
        _binaryColumn = Columns.Select(c => binary.Contains(c) || (c.IndexOf(';', StringComparison.Ordinal) is var s and > 0 && binary.Contains(c[..s]))).ToArray();
        _fieldValues = Columns.Select(_ => new List<DumpValue>()).ToArray();
        _flushAt = Math.Max(256, options.BufferSize);
        _buf = ArrayPool<byte>.Shared.Rent(_flushAt + 1024);

        var preamble = options.Encoding.GetPreamble();
        if (preamble.Length > 0)
        {
            output.Write(preamble);
        }

        _sink = options.Encoding.CodePage == Encoding.UTF8.CodePage
            ? output
            : Encoding.CreateTranscodingStream(output, options.Encoding, new UTF8Encoding(false), leaveOpen: true);

        Append("DN"u8);
        foreach (var column in Columns)
        {
            Append((byte)',');
            Append(Encoding.ASCII.GetBytes(column));
        }

        Append(_newLine);
    }

    /// <summary>The attribute columns after DN, as given.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows written so far, the header not counted.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one entry as a row.</summary>
    /// <exception cref="ArgumentException">The entry is not a directory entry, has an empty DN, or has attributes that are not columns (all are named).</exception>
    /// <exception cref="ObjectDisposedException">The writer was disposed.</exception>
    public void Write(DumpEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (entry.Kind != DumpRecordKind.Entry)
        {
            throw new ArgumentException($"csvde CSV holds directory entries only, not {entry.Kind} records.", nameof(entry));
        }

        if (entry.Dn.Length == 0)
        {
            throw new ArgumentException("csvde CSV cannot hold an entry with an empty DN (the root DSE).", nameof(entry));
        }

        List<string>? unknown = null;
        foreach (var attribute in entry.Attributes)
        {
            if (!_columnIndex.ContainsKey(attribute.Description))
            {
                (unknown ??= []).Add(attribute.Description);
            }
        }

        if (unknown is not null)
        {
            throw new ArgumentException($"The entry has attributes that are not columns of this CSV: {string.Join(", ", unknown)}.", nameof(entry));
        }

        foreach (var values in _fieldValues)
        {
            values.Clear();
        }

        foreach (var attribute in entry.Attributes)
        {
            _fieldValues[_columnIndex[attribute.Description]].AddRange(attribute.Values);
        }

        WriteText(Encoding.UTF8.GetBytes(entry.Dn));
        for (var i = 0; i < _fieldValues.Length; i++)
        {
            Append((byte)',');
            WriteField(_fieldValues[i], _binaryColumn[i]);
        }

        Append(_newLine);
        Rows++;
        if (_used >= _flushAt)
        {
            FlushBuffer();
        }
    }

    /// <summary>Writes what is buffered to the output and flushes it.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FlushBuffer();
        _sink.Flush();
    }

    /// <summary>Flushes, then closes the output unless the writer was created with <c>leaveOpen</c>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            FlushBuffer();
            if (!ReferenceEquals(_sink, _output))
            {
                _sink.Dispose(); // flushes the transcoder; leaves _output open
            }

            _output.Flush();
        }
        finally
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = [];
            if (!_leaveOpen)
            {
                _output.Dispose();
            }
        }
    }

    private void WriteField(List<DumpValue> values, bool binaryColumn)
    {
        // Decide on quotes first: they enclose the whole field, all values joined.
        var quote = false;
        foreach (var v in values)
        {
            if (!IsHex(v, binaryColumn) && v.Bytes.AsSpan().ContainsAny(NeedsQuotes))
            {
                quote = true;
                break;
            }
        }

        if (quote)
        {
            Append((byte)'"');
        }

        var first = true;
        foreach (var v in values)
        {
            if (v.Bytes.Length == 0 && !binaryColumn)
            {
                continue; // an empty text value cannot be written: an empty field means "absent"
            }

            if (!first)
            {
                Append((byte)';');
            }

            first = false;
            if (IsHex(v, binaryColumn))
            {
                WriteHex(v.Bytes);
            }
            else if (quote)
            {
                WriteQuotedContent(v.Bytes);
            }
            else
            {
                Append(v.Bytes);
            }
        }

        if (quote)
        {
            Append((byte)'"');
        }
    }

    /// <summary>A text value written as-is would be read back as hex (or is not text at all): write its bytes as hex.</summary>
    private static bool IsHex(DumpValue v, bool binaryColumn)
    {
        var b = v.Bytes;
        return binaryColumn
            || !Utf8.IsValid(b)
            || (b.Length >= 3 && b[0] == (byte)'X' && b[1] == (byte)'\'' && b[^1] == (byte)'\'');
    }

    private void WriteText(ReadOnlySpan<byte> text)
    {
        if (text.ContainsAny(NeedsQuotes))
        {
            Append((byte)'"');
            WriteQuotedContent(text);
            Append((byte)'"');
        }
        else
        {
            Append(text);
        }
    }

    private void WriteQuotedContent(ReadOnlySpan<byte> text)
    {
        while (true)
        {
            var q = text.IndexOf((byte)'"');
            if (q < 0)
            {
                Append(text);
                return;
            }

            Append(text[..(q + 1)]);
            Append((byte)'"');
            text = text[(q + 1)..];
        }
    }

    private void WriteHex(ReadOnlySpan<byte> bytes)
    {
        Append("X'"u8);
        foreach (var b in bytes)
        {
            if (_buf.Length - _used < 2)
            {
                FlushBuffer();
            }

            _buf[_used++] = HexDigits[b >> 4];
            _buf[_used++] = HexDigits[b & 0xF];
        }

        Append((byte)'\'');
    }

    private void Append(byte b)
    {
        if (_used == _buf.Length)
        {
            FlushBuffer();
        }

        _buf[_used++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_used == _buf.Length)
            {
                FlushBuffer();
            }

            var n = Math.Min(bytes.Length, _buf.Length - _used);
            bytes[..n].CopyTo(_buf.AsSpan(_used));
            _used += n;
            bytes = bytes[n..];
        }
    }

    private void FlushBuffer()
    {
        if (_used > 0)
        {
            _sink.Write(_buf, 0, _used);
            _used = 0;
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ';' or '_';
}
