using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Synth.Writing;

/// <summary>
/// Writes entries as ldifde, ldapsearch or plain RFC 2849 LDIF, in the spec's shape: every Nth text value base64
/// (<see cref="ForestSpec.Base64Every"/>), values in reverse order (<see cref="ForestSpec.ReverseAttributes"/>), the line
/// ends asked for (<see cref="ForestSpec.LfLineEnds"/>).
/// </summary>
internal sealed class LdifEntrySink : IEntrySink
{
    private readonly LdifWriter _writer;
    private readonly LdapsearchFraming? _framing;
    private readonly int _pageSize;
    private readonly int _base64Every;
    private readonly bool _reverse;
    private long _textValues;

    // With _reverse: the values of the current entry, held until End writes them last to first.
    private readonly List<(int Name, int NameLength, int Value, int ValueLength, bool Base64)> _held = [];
    private byte[] _heldBytes = new byte[4096];
    private int _heldUsed;

    public LdifEntrySink(Stream output, ForestSpec spec)
    {
        var dialect = spec.Dialect;
        var encoding = spec.Encoding;
        _pageSize = spec.LdapsearchPageSize;
        _base64Every = spec.Base64Every;
        _reverse = spec.ReverseAttributes;
        var options = new LdifWriterOptions
        {
            LineEnding = spec.LfLineEnds switch { true => LdifLineEnding.Lf, false => LdifLineEnding.CrLf, null => null },
            Dialect = dialect switch
            {
                SynthDialect.Ldifde => LdifDialect.Ldifde,
                SynthDialect.Ldapsearch => LdifDialect.Ldapsearch,
                _ => LdifDialect.Rfc2849,
            },

            // Every LDIF line the generator writes is ASCII (non-ASCII values and DNs are base64, ldapsearch comments
            // escape it), so the ANSI output of ldifde without -u is byte for byte the UTF-8 output.
            Encoding = encoding == SynthEncoding.Utf16LittleEndian ? LdifTextEncoding.Utf16LittleEndian : LdifTextEncoding.Utf8,
            BufferSize = 1024 * 1024,
        };
        _writer = new LdifWriter(output, options);
        _framing = dialect == SynthDialect.Ldapsearch ? new LdapsearchFraming(_writer) : null;
        if (dialect == SynthDialect.Rfc2849)
        {
            _writer.WriteVersion();
        }
    }

    public long Entries => _writer.EntriesWritten;

    public long Bytes => _writer.BytesWritten;

    public void BeginPartition(string namingContext)
    {
        _framing?.BeginSearch(new LdapsearchHeader(namingContext, PageSize: _pageSize));
    }

    public void EndPartition(IReadOnlyList<string> references, int resultCode, string resultText)
    {
        if (_framing is null)
        {
            return;
        }

        foreach (var reference in references)
        {
            _framing.WriteReference(reference);
        }

        _framing.EndSearch(resultCode, resultText);
    }

    public void Begin(ReadOnlySpan<byte> dn)
    {
        _framing?.BeforeEntry(dn);
        _writer.BeginEntry(dn);
    }

    public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        Value(name, value, _base64Every > 0 && ++_textValues % _base64Every == 0);

    public void Binary(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Value(name, value, base64: true);

    public void End()
    {
        for (var i = _held.Count - 1; i >= 0; i--)
        {
            var (n, nl, v, vl, b64) = _held[i];
            _writer.WriteValue(_heldBytes.AsSpan(n, nl), _heldBytes.AsSpan(v, vl), forceBase64: b64);
        }

        _held.Clear();
        _heldUsed = 0;
        _writer.EndEntry();
    }

    private void Value(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool base64)
    {
        if (!_reverse)
        {
            _writer.WriteValue(name, value, forceBase64: base64);
            return;
        }

        if (_heldUsed + name.Length + value.Length > _heldBytes.Length)
        {
            Array.Resize(ref _heldBytes, Math.Max(_heldBytes.Length * 2, _heldUsed + name.Length + value.Length));
        }

        name.CopyTo(_heldBytes.AsSpan(_heldUsed));
        value.CopyTo(_heldBytes.AsSpan(_heldUsed + name.Length));
        _held.Add((_heldUsed, name.Length, _heldUsed + name.Length, value.Length, base64));
        _heldUsed += name.Length + value.Length;
    }

    public void Dispose() => _writer.Dispose();
}
