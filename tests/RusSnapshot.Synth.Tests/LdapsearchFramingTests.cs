using System.Text;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Ldif;
using RusSnapshot.Synth.Writing;

namespace RusSnapshot.Synth.Tests;

/// <summary>The generator's imitation of ldapsearch's extended LDIF: exact text, paging, and what the reader makes of it.</summary>
public sealed class LdapsearchFramingTests
{
    private static readonly byte[] Guid16 = Convert.FromBase64String("0Y+BC6NcqEmkzcaSPfwDHg==");

    [Fact]
    public void Ldapsearch_text_is_exact()
    {
        using var ms = new MemoryStream();
        using (var writer = new LdifWriter(ms, LdifWriterOptions.For(LdifDialect.Ldapsearch), leaveOpen: true))
        {
            var framing = new LdapsearchFraming(writer);
            framing.BeginSearch(new LdapsearchHeader("DC=contoso,DC=test"));
            Write(writer, framing, SmallEntry());
            framing.EndSearch(0, "Success");
        }

        Assert.Equal(
            "# extended LDIF\n" +
            "#\n" +
            "# LDAPv3\n" +
            "# base <DC=contoso,DC=test> with scope subtree\n" +
            "# filter: (objectclass=*)\n" +
            "# requesting: ALL\n" +
            "#\n" +
            "\n" +
            "# Jane Doe, Sales, contoso.test\n" +
            "dn: CN=Jane Doe,OU=Sales,DC=contoso,DC=test\n" +
            "objectClass: top\n" +
            "objectClass: user\n" +
            "cn: Jane Doe\n" +
            "description: A description long enough to be folded by every dialect of LDIF, \n" +
            " which happens at a different width in each\n" +
            "objectGUID:: 0Y+BC6NcqEmkzcaSPfwDHg==\n" +
            "displayName:: UmVuw6ll\n" +
            "\n" +
            "# search result\n" +
            "search: 2\n" +
            "result: 0 Success\n" +
            "\n" +
            "# numResponses: 2\n" +
            "# numEntries: 1\n",
            Encoding.UTF8.GetString(ms.ToArray()));
    }

    [Fact]
    public void Paged_ldapsearch_output_repeats_the_header_and_reads_back()
    {
        using var ms = new MemoryStream();
        using (var writer = new LdifWriter(ms, LdifWriterOptions.For(LdifDialect.Ldapsearch), leaveOpen: true))
        {
            var framing = new LdapsearchFraming(writer);
            framing.BeginSearch(new LdapsearchHeader("DC=contoso,DC=test", PageSize: 2));
            for (var i = 0; i < 5; i++)
            {
                Write(writer, framing, new DumpEntry($"CN=u{i},DC=contoso,DC=test", [DumpAttribute.Text("cn", $"u{i}")]));
            }

            framing.WriteReference("ldap://ForestDnsZones.contoso.test/DC=ForestDnsZones,DC=contoso,DC=test");
            framing.EndSearch(4, "Size limit exceeded");
        }

        var text = Encoding.UTF8.GetString(ms.ToArray());
        var read = ReadBack(ms.ToArray());

        Assert.Equal(3, CountOf(text, "# extended LDIF\n"));
        Assert.Equal(3, CountOf(text, "# with pagedResults control: size=2\n"));
        Assert.Contains("pagedresults: cookie=AQAAAAAAAAA=\n# extended LDIF\n", text, StringComparison.Ordinal);
        Assert.Contains("search: 4\nresult: 4 Size limit exceeded\ncontrol: 1.2.840.113556.1.4.319 false MAUCAQAEAA==\npagedresults: cookie=\n\n# numResponses: 9\n# numEntries: 5\n# numReferences: 1\n", text, StringComparison.Ordinal);
        Assert.Equal(DumpDialect.Ldapsearch, read.Dialect);
        Assert.Equal(5, read.Entries.Count);
        Assert.Equal(3, read.Statistics.SearchResults);
        Assert.Equal(1, read.Statistics.SearchReferences);
        Assert.Equal(4, Assert.Single(read.Statistics.FailedSearches).Code);
    }

    [Fact]
    public void Ldapsearch_comment_escapes_like_ldapsearch()
    {
        Assert.Equal(@"Doe\2C Jane, Sales, contoso.test", Encoding.ASCII.GetString(LdapsearchFraming.Ufn("CN=Doe\\, Jane,OU=Sales,DC=contoso,DC=test"u8)));
        Assert.Equal(@"J\C3\B6hn, corp.test", Encoding.ASCII.GetString(LdapsearchFraming.Ufn("cn=Jöhn,dc=corp,dc=test"u8)));
        Assert.Equal(@"EX1\0ADEL:x, Deleted Objects, a.test", Encoding.ASCII.GetString(LdapsearchFraming.Ufn("CN=EX1\nDEL:x,CN=Deleted Objects,DC=a,DC=test"u8)));
    }

    private static void Write(LdifWriter writer, LdapsearchFraming framing, DumpEntry entry)
    {
        framing.BeforeEntry(Encoding.UTF8.GetBytes(entry.Dn));
        writer.Write(entry);
    }

    private static DumpEntry SmallEntry() => new(
        "CN=Jane Doe,OU=Sales,DC=contoso,DC=test",
        [
            DumpAttribute.Text("objectClass", "top", "user"),
            DumpAttribute.Text("cn", "Jane Doe"),
            DumpAttribute.Text("description", "A description long enough to be folded by every dialect of LDIF, which happens at a different width in each"),
            DumpAttribute.Binary("objectGUID", Guid16),
            DumpAttribute.Text("displayName", "Renée"),
        ]);

    private static (IReadOnlyList<DumpEntry> Entries, DumpReadStatistics Statistics, DumpDialect Dialect) ReadBack(byte[] bytes)
    {
        using var reader = new LdifReader(new MemoryStream(bytes), "written.ldif");
        var entries = new List<DumpEntry>();
        while (reader.Read())
        {
            if (reader.Current.Kind == DumpRecordKind.Entry)
            {
                entries.Add(reader.Current.ToEntry());
            }
        }

        return (entries, reader.Statistics, reader.Dialect);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
