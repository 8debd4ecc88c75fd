using System.Text;
using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Dumps.Tests.Ldif;

public sealed class LdifReaderBasicsTests
{
    private const string Ldifde =
        "\r\n" +
        "dn: CN=Jane Doe,OU=Sales,DC=corp,DC=contoso,DC=com\r\n" +
        "changetype: add\r\n" +
        "objectClass: top\r\n" +
        "objectClass: person\r\n" +
        "cn: Jane Doe\r\n" +
        "description: a very long description that ldifde folds at seventy-eight col\r\n" +
        " umns, like this\r\n" +
        "objectGUID:: 0Y+BC6NcqEmkzcaSPfwDHg==\r\n" +
        "\r\n" +
        "dn:: Q049UmVuw6llLE9VPVNhbGVzLERDPWNvcnAsREM9Y29udG9zbyxEQz1jb20=\r\n" +
        "changetype: add\r\n" +
        "cn:: UmVuw6ll\r\n" +
        "\r\n";

    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Reads_ldifde_records_at_any_buffer_size(int bufferSize)
    {
        var result = LdifTestReader.Read(Ldifde, bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Entries.Count);
        Assert.Equal(DumpDialect.Ldifde, result.Dialect);
        var jane = result.Entries[0];
        Assert.Equal("CN=Jane Doe,OU=Sales,DC=corp,DC=contoso,DC=com", jane.Dn);
        Assert.Equal(2, jane.Position.Line);
        Assert.Equal(["top", "person"], jane.Get("objectclass")!.Values.Select(v => v.ToString()));
        Assert.Equal("a very long description that ldifde folds at seventy-eight columns, like this", jane.GetString("description"));
        Assert.Equal(new Guid("0b818fd1-5ca3-49a8-a4cd-c6923dfc031e"), new Guid(jane.Get("objectGUID")!.Values[0].Bytes));
        Assert.Equal(9, jane.Get("objectGUID")!.Values[0].Line);
        Assert.Equal("CN=Renée,OU=Sales,DC=corp,DC=contoso,DC=com", result.Entries[1].Dn);
        Assert.Equal("Renée", result.Entries[1].GetString("cn"));
        Assert.Equal(14, result.Statistics.Lines);
    }

    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Invalid_base64_is_an_error_with_its_line(int bufferSize)
    {
        var result = LdifTestReader.Read("dn: cn=a\nsn:: XXX-U29tZSBPbmU=\n\ndn: cn=b\nsn: ok\n", bufferSize);

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Position.Line);
        Assert.Equal(1, error.Position.RecordStartLine);
        Assert.Equal("LDIF-BASE64", error.Code);
        Assert.Equal("cn=b", Assert.Single(result.Entries).Dn);
        Assert.Equal(1, result.Statistics.RejectedRecords);
    }

    [Fact]
    public void Throws_by_default_with_file_and_line()
    {
        using var reader = new LdifReader(new MemoryStream(Encoding.UTF8.GetBytes("dn: cn=a\nno colon here\n")), "x.ldif");

        var ex = Assert.Throws<DumpFormatException>(() => reader.Read());

        Assert.StartsWith("x.ldif:2: ", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.MayContinue);
    }

    [Fact]
    public void Truncated_ldifde_dump_is_an_error()
    {
        var result = LdifTestReader.Read("dn: CN=a,DC=x\r\nchangetype: add\r\ncn: a\r\n\r\ndn: CN=b,DC=x\r\nchangetype: add\r\ncn: b");

        Assert.Equal("LDIF-TRUNCATED", Assert.Single(result.Errors).Code);
        Assert.Single(result.Entries);
        Assert.False(result.Statistics.Complete);
    }

    [Fact]
    public void Ldapsearch_trailer_is_not_an_entry_and_a_failed_search_is_reported()
    {
        const string text = "# extended LDIF\n#\n# LDAPv3\n# base <dc=x> with scope subtree\n\n# a, x\ndn: cn=a,dc=x\ncn: a\n\n# search result\nsearch: 2\nresult: 4 Size limit exceeded\n\n# numResponses: 2\n# numEntries: 1\n";

        var result = LdifTestReader.Read(text);

        Assert.Equal(DumpDialect.Ldapsearch, result.Dialect);
        Assert.Single(result.Entries);
        Assert.Equal(1, result.Statistics.SearchResults);
        var failed = Assert.Single(result.Statistics.FailedSearches);
        Assert.Equal(4, failed.Code);
        Assert.Equal(12, failed.Position.Line);
    }
}
