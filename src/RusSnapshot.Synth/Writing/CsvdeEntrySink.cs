using System.Text;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Csv;

namespace RusSnapshot.Synth.Writing;

/// <summary>
/// Writes entries as csvde does, through the library's <see cref="CsvDumpWriter"/> (header row with <c>DN</c> first,
/// multi-values joined with <c>;</c>, binary values as <c>X'hex'</c>, CRLF). The writer takes whole entries, so the values
/// of the current entry are gathered per column first.
/// </summary>
internal sealed class CsvdeEntrySink : IEntrySink
{
    /// <summary>Every attribute the generator writes, in header order (csvde lists the attributes it found).</summary>
    internal static readonly string[] Columns =
    [
        "objectClass", "cn", "ou", "dc", "sn", "givenName", "description", "member", "distinguishedName", "instanceType",
        "whenCreated", "whenChanged", "uSNCreated", "uSNChanged", "showInAdvancedViewOnly", "displayName", "department", "company",
        "proxyAddresses", "homeMTA", "homeMDB", "mDBUseDefaults", "mailNickname", "name", "objectGUID", "userAccountControl",
        "badPwdCount", "lastLogon", "pwdLastSet", "primaryGroupID",
        "objectSid", "accountExpires", "logonCount", "sAMAccountName", "sAMAccountType", "groupType", "showInAddressBook",
        "legacyExchangeDN", "userPrincipalName", "objectCategory", "dSCorePropagationData", "lastLogonTimestamp",
        "textEncodedORAddress", "mail", "targetAddress", "internetEncoding", "mAPIRecipient", "reportToOriginator",
        "msExchHomeServerName", "msExchALObjectVersion", "msExchMailboxSecurityDescriptor", "msExchUserAccountControl",
        "msExchMailboxGuid", "msExchPoliciesIncluded", "isCriticalSystemObject", "systemFlags", "msDS-Behavior-Version",
        "fSMORoleOwner", "nCName", "dnsRoot", "nETBIOSName", "Enabled", "nTMixedDomain", "trustParent", "rootTrust",
        "dNSHostName", "serverReference", "serverReferenceBL", "operatingSystem", "options", "hasMasterNCs", "msDS-HasDomainNCs",
        "msDS-hasMasterNCs", "dMDLocation", "invocationId", "objectVersion", "msExchMixedMode", "purportedSearch",
        "activationStyle", "msExchServer1NetworkAddress", "msExchServer1PageSize", "msExchDoFullReplication", "msExchReplicateNow",
        "msExchPollInterval", "msExchDomainLink", "msExchAddressListServiceLink", "msExchServer1HighestUSN",
        "msExchServer1HighestUSNVector", "msExchDomainLocalGroupSid", "msExchDomainLocalGroupGuid", "msExchDomainGlobalGroupSid",
        "msExchDomainGlobalGroupGuid", "gatewayProxy", "msExchPolicyOrder", "serialNumber", "versionNumber", "serverRole",
        "msExchCurrentServerRoles", "networkAddress", "type", "msExchServerSite", "msExchAddressListServiceBL", "msExchOwningServer",
        "lockoutDuration", "maxPwdAge", "minPwdLength", "pwdProperties",
    ];

    /// <summary>The attributes the generator writes as binary (ldifde writes them base64 whatever their bytes).</summary>
    private static readonly HashSet<string> BinaryAttributes = new(CsvdeConventions.DefaultBinaryAttributes, StringComparer.OrdinalIgnoreCase)
    {
        "msExchDomainLocalGroupGuid",
        "msExchDomainGlobalGroupGuid",
    };

    private static readonly Dictionary<string, int> ColumnIndex =
        Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ColumnLookup =
        ColumnIndex.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly CountingStream _output;
    private readonly CsvDumpWriter _writer;
    private readonly List<DumpValue>?[] _values = new List<DumpValue>?[Columns.Length];
    private readonly List<int> _order = [];
    private string _dn = string.Empty;
    private bool _disposed;

    public CsvdeEntrySink(Stream output, SynthEncoding encoding)
    {
        _output = new CountingStream(output);
        var options = encoding switch
        {
            SynthEncoding.Utf16LittleEndian => CsvDumpWriterOptions.Unicode,
            SynthEncoding.Windows1252 => CsvDumpWriterOptions.Ansi,
            _ => CsvDumpWriterOptions.Default,
        };
        _writer = new CsvDumpWriter(_output, Columns, options with { BinaryAttributes = BinaryAttributes, BufferSize = 1 << 20 });
    }

    public long Entries => _writer.Rows;

    public long Bytes => _output.Written;

    public void BeginPartition(string namingContext)
    {
    }

    public void EndPartition(IReadOnlyList<string> references, int resultCode, string resultText)
    {
    }

    public void Begin(ReadOnlySpan<byte> dn)
    {
        _dn = Encoding.UTF8.GetString(dn);
        foreach (var column in _order)
        {
            _values[column]!.Clear();
        }

        _order.Clear();
    }

    public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Add(name, value);

    public void Binary(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Add(name, value);

    public void End()
    {
        var attributes = new DumpAttribute[_order.Count];
        for (var i = 0; i < attributes.Length; i++)
        {
            var column = _order[i];
            attributes[i] = new DumpAttribute(Columns[column], _values[column]!.ToArray());
        }

        _writer.Write(new DumpEntry(_dn, attributes));
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writer.Dispose();
    }

    private void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Span<char> chars = stackalloc char[name.Length];
        var n = Encoding.ASCII.GetChars(name, chars);
        if (!ColumnLookup.TryGetValue(chars[..n], out var column))
        {
            throw new InvalidOperationException($"Attribute '{Encoding.ASCII.GetString(name)}' is not in the csvde column list; add it to CsvdeEntrySink.Columns.");
        }

        var list = _values[column] ??= [];
        if (list.Count == 0)
        {
            _order.Add(column);
        }

        list.Add(new DumpValue(value.ToArray()));
    }

    /// <summary>Passes writes through and counts the bytes (the file size, whatever the encoding).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
