using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Synth.Writing;

/// <summary>Writes entries as ldifde, ldapsearch or plain RFC 2849 LDIF.</summary>
internal sealed class LdifEntrySink : IEntrySink
{
    private readonly LdifWriter _writer;
    private readonly LdapsearchFraming? _framing;
    private readonly int _pageSize;

    public LdifEntrySink(Stream output, SynthDialect dialect, SynthEncoding encoding, int pageSize)
    {
        _pageSize = pageSize;
        var options = new LdifWriterOptions
        {
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

    public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => _writer.WriteValue(name, value);

    public void Binary(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => _writer.WriteValue(name, value, forceBase64: true);

    public void End() => _writer.EndEntry();

    public void Dispose() => _writer.Dispose();
}
