using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace RusSnapshot.Dumps.Ldif;

/// <summary>
/// Streaming RFC 2849 writer in the shape of <c>ldifde</c>, <c>ldapsearch</c> or plain LDIF
/// (see <see cref="LdifDialect"/>). Writes UTF-8 into one pooled buffer and never builds a string per line.
/// </summary>
/// <remarks>
/// <para>Values are written as they are when they are an RFC 2849 SAFE-STRING (ASCII without NUL, CR or LF, not
/// starting with a space, <c>:</c> or <c>&lt;</c>) and do not end with a space; otherwise as <c>attr:: base64</c>.
/// The DN follows the same rule (<c>dn::</c>). So every data line is ASCII, and folding, which counts bytes,
/// can never cut a UTF-8 sequence in a value. Comments may hold any text: they are folded on character
/// boundaries (RFC 2849: folding SHOULD NOT split a UTF-8 sequence).</para>
/// <para>Two ways in: <see cref="Write(DumpEntry)"/> for kept entries, and <see cref="BeginEntry(ReadOnlySpan{byte})"/>,
/// <see cref="WriteValue(ReadOnlySpan{byte}, ReadOnlySpan{byte}, bool)"/>, <see cref="EndEntry"/> for producers that
/// stream values from spans without allocating (the synthetic forest generator).</para>
/// </remarks>
public sealed class LdifWriter : IDisposable
{
    private const int MinBufferSize = 4096;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly LdifDialect _dialect;
    private readonly int _fold;             // max bytes per physical line; int.MaxValue when not folding
    private readonly byte[] _eol;
    private byte[] _buf;
    private int _pos;
    private byte[] _scratch = new byte[1024];      // DNs and text values as UTF-8
    private byte[] _head = new byte[128];          // "description: "
    private byte[] _valueScratch = new byte[1024]; // base64 text and comments
    private char[]? _chars;                 // UTF-16 transcoding buffer
    private bool _preambleWritten;
    private bool _disposed;

    private bool _inEntry;
    private int _valuesInEntry;


    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The stream is not writable, or the options are out of range.</exception>
    public LdifWriter(Stream output, LdifWriterOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(output));
        }

        Options = options ?? LdifWriterOptions.Default;
        var fold = Options.EffectiveFoldWidth;
        if (fold is < 0 or 1)
        {
            throw new ArgumentException("FoldWidth must be 0 (no folding) or at least 2.", nameof(options));
        }

        _stream = output;
        _leaveOpen = leaveOpen;
        _dialect = Options.Dialect;
        _fold = fold == 0 ? int.MaxValue : fold;
        _eol = Options.EffectiveLineEnding == LdifLineEnding.CrLf ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
        _buf = ArrayPool<byte>.Shared.Rent(Math.Max(MinBufferSize, Options.BufferSize));
    }

    /// <summary>The options in use.</summary>
    public LdifWriterOptions Options { get; }

    /// <summary>Entries written (directory entries only: not search results or references).</summary>
    public long EntriesWritten { get; private set; }

    /// <summary>Bytes handed to the stream so far (in the output encoding); call <see cref="Flush"/> first for an exact figure.</summary>
    public long BytesWritten { get; private set; }

    // ------------------------------------------------------------------ records

    /// <summary>Writes a record: a directory entry, or (ldapsearch dialect) a search result or search reference record.</summary>
    /// <exception cref="NotSupportedException">The record is a change record other than add (delete, modify, moddn).</exception>
    /// <exception cref="ArgumentException">An attribute description is not valid LDIF, a content record would start with <c>changetype</c>/<c>control</c>, or an ldifde record has no attribute.</exception>
    public void Write(DumpEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        switch (entry.Kind)
        {
            case DumpRecordKind.Entry:
                if (entry.Attributes.Count == 0 && _dialect == LdifDialect.Ldifde)
                {
                    // RFC 2849: an add record has at least one attribute; readers treat a bare one as a dump cut off.
                    throw new ArgumentException("An ldifde (changetype: add) record needs at least one attribute.", nameof(entry));
                }

                BeginEntry(entry.Dn);
                foreach (var attribute in entry.Attributes)
                {
                    WriteAttribute(attribute);
                }

                EndEntry();
                return;

            default:
                throw new NotSupportedException($"Writing {entry.Kind} change records is not supported; only entries are.");
        }
    }

    /// <summary>Starts an entry: the record separator, the ldapsearch comment, <c>dn:</c> and (ldifde) <c>changetype: add</c>.</summary>
    public void BeginEntry(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var max = Encoding.UTF8.GetMaxByteCount(dn.Length);
        var scratch = Scratch(max);
        var n = Encoding.UTF8.GetBytes(dn, scratch);
        BeginEntryCore(scratch.AsSpan(0, n));
    }

    /// <summary>Starts an entry whose DN is given as UTF-8 bytes.</summary>
    public void BeginEntry(ReadOnlySpan<byte> dnUtf8)
    {
        if (!dnUtf8.IsEmpty && !Utf8.IsValid(dnUtf8))
        {
            throw new ArgumentException("The DN is not valid UTF-8.", nameof(dnUtf8));
        }

        BeginEntryCore(dnUtf8);
    }

    private void BeginEntryCore(ReadOnlySpan<byte> dn)
    {
        ThrowIfDisposed();
        if (_inEntry)
        {
            throw new InvalidOperationException("EndEntry was not called for the previous entry.");
        }

        Preamble();
        if (_dialect == LdifDialect.Ldifde)
        {
            WriteEol();
        }

        WriteLine("dn"u8, dn, forceBase64: false);
        if (_dialect == LdifDialect.Ldifde)
        {
            WriteRaw("changetype: add"u8);
            WriteEol();
        }

        _inEntry = true;
        _valuesInEntry = 0;
    }

    /// <summary>Writes every value of an attribute of the current entry.</summary>
    public void WriteAttribute(DumpAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var description = DescriptionBytes(attribute.Description);
        foreach (var value in attribute.Values)
        {
            if (value.IsUrl)
            {
                WriteUrlValue(description, value.Bytes);
            }
            else
            {
                WriteValue(description, value.Bytes);
            }
        }
    }

    /// <summary>Writes one text value of the current entry.</summary>
    public void WriteValue(string description, string value)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(value);
        var name = DescriptionBytes(description);
        BeforeValue(name);
        WriteTextLine(name, value);
    }

    /// <summary>Writes <c>description: value</c> for a text value, outside the entry checks (framing lines).</summary>
    private void WriteTextLine(ReadOnlySpan<byte> description, string value)
    {
        var scratch = Scratch(Encoding.UTF8.GetMaxByteCount(value.Length));
        var n = Encoding.UTF8.GetBytes(value, scratch);
        WriteLine(description, scratch.AsSpan(0, n), forceBase64: false);
    }

    /// <summary>
    /// Writes one value of the current entry: as it is when it is a SAFE-STRING, otherwise base64
    /// (always base64 with <paramref name="forceBase64"/>, as ldifde writes binary attributes such as <c>objectGUID</c>).
    /// </summary>
    /// <param name="description">The attribute description, ASCII (letters, digits, <c>-</c>, <c>.</c>, <c>;</c> options).</param>
    /// <param name="value">The value bytes (UTF-8 for text).</param>
    /// <param name="forceBase64">Always write <c>attr:: base64</c>.</param>
    public void WriteValue(ReadOnlySpan<byte> description, ReadOnlySpan<byte> value, bool forceBase64 = false)
    {
        BeforeValue(description);
        WriteLine(description, value, forceBase64);
    }

    /// <summary>Writes an <c>attr:&lt; URL</c> value (the URL must be a SAFE-STRING).</summary>
    public void WriteUrlValue(ReadOnlySpan<byte> description, ReadOnlySpan<byte> url)
    {
        BeforeValue(description);
        if (url.IsEmpty || !LdifSyntax.IsSafeString(url))
        {
            throw new ArgumentException("A URL value must be a non-empty SAFE-STRING.", nameof(url));
        }

        var head = HeadScratch(description.Length + 3);
        description.CopyTo(head);
        LdifSyntax.Separator(ValueEncoding.Url).CopyTo(head.AsSpan(description.Length));
        WriteFolded(head.AsSpan(0, description.Length + 3), url);
    }

    /// <summary>Ends the current entry.</summary>
    public void EndEntry()
    {
        if (!_inEntry)
        {
            throw new InvalidOperationException("No entry was begun.");
        }

        _inEntry = false;
        if (_dialect != LdifDialect.Ldifde)
        {
            WriteEol();
        }

        EntriesWritten++;
    }

    /// <summary>Writes a comment line (<c># text</c>), one per line of <paramref name="text"/>, folded like values.</summary>
    public void WriteComment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfNotBetweenRecords();
        Preamble();
        foreach (var line in text.Split('\n'))
        {
            WriteCommentLine(line.TrimEnd('\r'));
        }
    }

    /// <summary>Writes <c>version: 1</c> (followed by a blank line in the ldapsearch dialect, as <c>ldapsearch -L</c> does).</summary>
    public void WriteVersion()
    {
        ThrowIfNotBetweenRecords();
        Preamble();
        WriteRaw("version: 1"u8);
        WriteEol();
        if (_dialect == LdifDialect.Ldapsearch)
        {
            WriteEol();
        }
    }

    /// <summary>
    /// Writes one <c>description: value</c> line outside any entry, folded like values: the lines that tools add to LDIF
    /// around its records (ldapsearch's <c>search:</c>, <c>result:</c> and <c>ref:</c>).
    /// </summary>
    public void WriteDirective(string description, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = DescriptionBytes(description);
        ValidateDescription(name);
        ThrowIfNotBetweenRecords();
        Preamble();
        WriteTextLine(name, value);
    }

    /// <summary>Writes an empty line: the end of a record or block written with <see cref="WriteDirective"/>.</summary>
    public void WriteBlankLine()
    {
        ThrowIfNotBetweenRecords();
        Preamble();
        WriteEol();
    }

    // ------------------------------------------------------------------ buffer and stream

    /// <summary>Hands everything buffered to the stream and flushes it.</summary>
    public void Flush()
    {
        ThrowIfDisposed();
        FlushBuffer(final: true);
        _stream.Flush();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (_dialect == LdifDialect.Ldifde && EntriesWritten > 0 && !_inEntry)
            {
                // The file ends with a blank line after the last record, as in the ldifde sample the reader's tests
                // use (no public ldifde export was found to confirm it; readers accept either).
                WriteEol();
            }

            FlushBuffer(final: true);
            _stream.Flush();
        }
        finally
        {
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = [];
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void Preamble()
    {
        if (_preambleWritten)
        {
            return;
        }

        _preambleWritten = true;
        switch (Options.Encoding)
        {
            case LdifTextEncoding.Utf8WithBom:
                WriteRaw([0xEF, 0xBB, 0xBF]);
                break;
            case LdifTextEncoding.Utf16LittleEndian:
                // The BOM goes straight to the stream: the buffer holds UTF-8 to be transcoded.
                _stream.Write([0xFF, 0xFE]);
                BytesWritten += 2;
                break;
        }
    }

    private void FlushBuffer(bool final)
    {
        if (_pos == 0)
        {
            return;
        }

        if (Options.Encoding != LdifTextEncoding.Utf16LittleEndian)
        {
            _stream.Write(_buf, 0, _pos);
            BytesWritten += _pos;
            _pos = 0;
            return;
        }

        // Transcode; an incomplete UTF-8 sequence at the end stays in the buffer for the next round.
        _chars ??= new char[_buf.Length];
        if (_chars.Length < _pos)
        {
            _chars = new char[_pos];
        }

        Utf8.ToUtf16(_buf.AsSpan(0, _pos), _chars, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: final);
        var bytes = MemoryMarshal.AsBytes(_chars.AsSpan(0, written));
        if (!BitConverter.IsLittleEndian)
        {
            bytes = Encoding.Unicode.GetBytes(_chars, 0, written);
        }

        _stream.Write(bytes);
        BytesWritten += bytes.Length;
        var rest = _pos - read;
        _buf.AsSpan(read, rest).CopyTo(_buf);
        _pos = rest;
    }

    /// <summary>Room for <paramref name="size"/> more bytes, flushing (and, for huge lines, growing) the buffer.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_buf.Length - _pos >= size)
        {
            return _buf.AsSpan(_pos);
        }

        FlushBuffer(final: false);
        if (_buf.Length - _pos < size)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buf.Length * 2, _pos + size));
            _buf.AsSpan(0, _pos).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
        }

        return _buf.AsSpan(_pos);
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _pos += bytes.Length;
    }

    private void WriteEol()
    {
        if (_buf.Length - _pos < 2)
        {
            Reserve(2);
        }

        _buf[_pos++] = _eol[0];
        if (_eol.Length == 2)
        {
            _buf[_pos++] = _eol[1];
        }
    }

    // ------------------------------------------------------------------ lines

    /// <summary>Writes <c>name: value</c> or <c>name:: base64</c>, folded.</summary>
    private void WriteLine(ReadOnlySpan<byte> description, ReadOnlySpan<byte> value, bool forceBase64)
    {
        var plain = !forceBase64 && LdifSyntax.IsSafeString(value);
        var headLength = description.Length + (plain ? 2 : 3);
        var head = HeadScratch(headLength);
        description.CopyTo(head);
        LdifSyntax.Separator(plain ? ValueEncoding.Plain : ValueEncoding.Base64).CopyTo(head.AsSpan(description.Length));
        if (plain && value.IsEmpty)
        {
            // "attr:" with nothing after it: an empty value, without a trailing space.
            headLength--;
        }

        if (plain)
        {
            WriteFolded(head.AsSpan(0, headLength), value);
            return;
        }

        var encodedLength = Base64.GetMaxEncodedToUtf8Length(value.Length);
        var scratch = ValueScratch(encodedLength);
        Base64.EncodeToUtf8(value, scratch, out _, out var written);
        if (value.IsEmpty)
        {
            // "attr::" for an empty value that must be base64 (forced): no trailing space.
            WriteFolded(head.AsSpan(0, headLength - 1), []);
            return;
        }

        WriteFolded(head.AsSpan(0, headLength), scratch.AsSpan(0, written));
    }

    /// <summary>Writes the logical line <paramref name="head"/> + <paramref name="body"/>, folded at the fold width, and its line end.</summary>
    private void WriteFolded(ReadOnlySpan<byte> head, ReadOnlySpan<byte> body)
    {
        var total = head.Length + body.Length;
        if (total <= _fold)
        {
            var span = Reserve(total + 2);
            head.CopyTo(span);
            body.CopyTo(span[head.Length..]);
            _pos += total;
            WriteEol();
            return;
        }

        if (head.Length <= _fold)
        {
            // The whole head ("name:: ") stays on the first line: readers look for ':', '::' and ':<' there.
            WriteFoldedCore(head, body, _fold - head.Length);
            return;
        }

        // A description longer than a line (legal, never seen in practice): the first line holds only part of the
        // description, so a reader sees a folded attribute description and joins the whole line before parsing it.
        var colon = head.IndexOf((byte)':');
        var joined = new byte[total];
        head.CopyTo(joined);
        body.CopyTo(joined.AsSpan(head.Length));
        var first = Math.Min(_fold, colon);
        WriteFoldedCore(joined.AsSpan(0, first), joined.AsSpan(first), 0);
    }

    private void WriteFoldedCore(ReadOnlySpan<byte> head, ReadOnlySpan<byte> body, int firstRoom)
    {
        // First physical line: the head and as much of the body as fits.
        var firstBody = FoldPoint(body, 0, firstRoom, allowEmpty: true);
        var continuations = (body.Length - firstBody + _fold - 2) / (_fold - 1) + 1;
        var span = Reserve(head.Length + body.Length + (continuations + 1) * (_eol.Length + 1));
        head.CopyTo(span);
        body[..firstBody].CopyTo(span[head.Length..]);
        var p = head.Length + firstBody;
        var at = firstBody;
        while (at < body.Length)
        {
            var end = FoldPoint(body, at, _fold - 1, allowEmpty: false);
            if (p + _eol.Length + 1 + (end - at) + _eol.Length > span.Length)
            {
                _pos += p;
                span = Reserve(_eol.Length * 2 + 1 + (end - at) + (body.Length - end) * 2 + 16);
                p = 0;
            }

            _eol.CopyTo(span[p..]);
            p += _eol.Length;
            span[p++] = (byte)' ';
            body[at..end].CopyTo(span[p..]);
            p += end - at;
            at = end;
        }

        _pos += p;
        WriteEol();
    }

    /// <summary>
    /// Where a physical line that starts at <paramref name="start"/> with room for <paramref name="room"/> bytes ends:
    /// never before a UTF-8 continuation byte (so comments are folded between characters).
    /// </summary>
    private static int FoldPoint(ReadOnlySpan<byte> body, int start, int room, bool allowEmpty)
    {
        var end = start + Math.Max(room, 0);
        if (end >= body.Length)
        {
            return body.Length;
        }

        var cut = end;
        while (cut > start && (body[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        // A continuation line that cannot hold even one character (a tiny width and a 4-byte sequence) takes the
        // whole character rather than loop; the first line may stay empty after its head.
        if (cut == start && !allowEmpty)
        {
            cut = start + 1;
            while (cut < body.Length && (body[cut] & 0xC0) == 0x80)
            {
                cut++;
            }
        }

        return cut;
    }

    private void WriteCommentLine(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var scratch = ValueScratch(max);
        var n = Encoding.UTF8.GetBytes(text, scratch);
        WriteFolded(n == 0 ? "#"u8 : "# "u8, scratch.AsSpan(0, n));
    }

    // ------------------------------------------------------------------ checks and helpers

    private void BeforeValue(ReadOnlySpan<byte> description)
    {
        if (!_inEntry)
        {
            throw new InvalidOperationException("Values can only be written between BeginEntry and EndEntry.");
        }

        ValidateDescription(description);
        if (_valuesInEntry == 0 && _dialect != LdifDialect.Ldifde
            && (Ascii.EqualsIgnoreCase(description, "changetype"u8) || Ascii.EqualsIgnoreCase(description, "control"u8)))
        {
            // A content record cannot start with these: a reader would take the record for a change record.
            throw new ArgumentException($"A content record cannot have '{Encoding.ASCII.GetString(description)}' as its first attribute.", nameof(description));
        }

        _valuesInEntry++;
    }

    private static void ValidateDescription(ReadOnlySpan<byte> description)
    {
        if (!LdifSyntax.IsWritableDescription(description))
        {
            throw new ArgumentException("An attribute description starts with a letter or digit and holds only letters, digits, '-', '.' and ';' options (RFC 2849).", nameof(description));
        }
    }

    private static byte[] DescriptionBytes(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (!Ascii.IsValid(description))
        {
            throw new ArgumentException("An attribute description is ASCII.", nameof(description));
        }

        return Encoding.ASCII.GetBytes(description);
    }

    private byte[] HeadScratch(int size)
    {
        if (_head.Length < size)
        {
            _head = new byte[Math.Max(size, _head.Length * 2)];
        }

        return _head;
    }

    private byte[] ValueScratch(int size)
    {
        if (_valueScratch.Length < size)
        {
            _valueScratch = new byte[Math.Max(size, _valueScratch.Length * 2)];
        }

        return _valueScratch;
    }

    private byte[] Scratch(int size)
    {
        if (_scratch.Length < size)
        {
            _scratch = new byte[Math.Max(size, _scratch.Length * 2)];
        }

        return _scratch;
    }

    private void ThrowIfNotBetweenRecords()
    {
        ThrowIfDisposed();
        if (_inEntry)
        {
            throw new InvalidOperationException("An entry is open: call EndEntry first.");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

}
