using System.Text;

namespace RusSnapshot.Synth.Writing;

/// <summary>
/// A minimal csvde writer for the generator: header row of attribute names with <c>DN</c> first, one row per entry,
/// multi-valued attributes joined with <c>;</c>, binary values as <c>X'hex'</c>, fields with a comma, quote or line
/// break quoted (RFC 4180 <c>""</c>), CRLF. To be replaced by the library's <c>CsvDumpWriter</c> once it is on main:
/// the generator only sees <see cref="IEntrySink"/>.
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

    private static readonly Dictionary<string, int> ColumnIndex =
        Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);

    private readonly TextWriter _writer;
    private readonly Encoding _encoding;
    private readonly List<(int Column, int Start, int Length, bool Binary)> _values = [];
    private byte[] _arena = new byte[64 * 1024];
    private int _arenaUsed;
    private byte[] _dn = [];
    private int _dnLength;
    private long _chars16;
    private bool _disposed;

    public CsvdeEntrySink(Stream output, SynthEncoding encoding)
    {
        _encoding = encoding switch
        {
            SynthEncoding.Utf16LittleEndian => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            SynthEncoding.Windows1252 => CodePage1252(),
            _ => new UTF8Encoding(false),
        };
        _writer = new StreamWriter(output, _encoding, 1 << 20) { NewLine = "\r\n" };
        Write("DN");
        foreach (var column in Columns)
        {
            Write(",");
            Write(column);
        }

        Write("\r\n");
    }

    public long Entries { get; private set; }

    public long Bytes => _encoding switch
    {
        UnicodeEncoding => 2 + _chars16 * 2,
        UTF8Encoding => _utf8Bytes,
        _ => _chars16,
    };

    private long _utf8Bytes;

    public void BeginPartition(string namingContext)
    {
    }

    public void EndPartition(IReadOnlyList<string> references, int resultCode, string resultText)
    {
    }

    public void Begin(ReadOnlySpan<byte> dn)
    {
        if (_dn.Length < dn.Length)
        {
            _dn = new byte[Math.Max(dn.Length, 256)];
        }

        dn.CopyTo(_dn);
        _dnLength = dn.Length;
        _values.Clear();
        _arenaUsed = 0;
    }

    public void Text(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Add(name, value, binary: false);

    public void Binary(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Add(name, value, binary: true);

    public void End()
    {
        var row = new StringBuilder(4096);
        AppendField(row, Encoding.UTF8.GetString(_dn, 0, _dnLength));
        var perColumn = new List<string>[Columns.Length];
        foreach (var (column, start, length, binary) in _values)
        {
            var bytes = _arena.AsSpan(start, length);
            var text = binary ? "X'" + Convert.ToHexStringLower(bytes) + "'" : Encoding.UTF8.GetString(bytes);
            (perColumn[column] ??= []).Add(text);
        }

        foreach (var values in perColumn)
        {
            row.Append(',');
            if (values is not null)
            {
                AppendField(row, string.Join(';', values));
            }
        }

        row.Append("\r\n");
        Write(row.ToString());
        Entries++;
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

    private void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool binary)
    {
        var key = Encoding.ASCII.GetString(name);
        if (!ColumnIndex.TryGetValue(key, out var column))
        {
            throw new InvalidOperationException($"Attribute '{key}' is not in the csvde column list; add it to CsvdeEntrySink.Columns.");
        }

        if (_arenaUsed + value.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + value.Length));
        }

        value.CopyTo(_arena.AsSpan(_arenaUsed));
        _values.Add((column, _arenaUsed, value.Length, binary));
        _arenaUsed += value.Length;
    }

    private static void AppendField(StringBuilder row, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0 && !value.StartsWith(' ') && !value.EndsWith(' '))
        {
            row.Append(value);
            return;
        }

        row.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private void Write(string text)
    {
        _writer.Write(text);
        _chars16 += text.Length;
        if (_encoding is UTF8Encoding)
        {
            _utf8Bytes += Encoding.UTF8.GetByteCount(text);
        }
    }

    private static Encoding CodePage1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
