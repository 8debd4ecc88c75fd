using RusSnapshot.Dumps.Tests.Ldif;
using static RusSnapshot.Dumps.Tests.Conformance.ConformanceParser;

namespace RusSnapshot.Dumps.Tests.Conformance;

public sealed partial class LdifEdgeCaseTests
{
    // ---------------------------------------------------------------- ldapsearch output (item 49; DOMAIN.md section 6)

    // Item 49: "ldapsearch -LLL": no version, no comments, content records folded at 76/78 columns, base64 where needed.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Ldapsearch_LLL_output_is_read(int bufferSize)
    {
        var result = Parse(
            "dn: cn=Barbara Jensen,ou=Information Technology Division,ou=People,dc=example,\n dc=com\nobjectClass: OpenLDAPperson\n" +
            "sn:: IEplbnNlbiA=\npostalAddress: ITD Prod Dev & Deployment $ 535 W. William St. Room 4212 $ Anyt\n own, MI 48103-4943\n\n" +
            "dn: cn=Bjorn Jensen,ou=Information Technology Division,ou=People,dc=example,dc\n =com\ncn: Bjorn Jensen\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["cn=Barbara Jensen,ou=Information Technology Division,ou=People,dc=example,dc=com", "cn=Bjorn Jensen,ou=Information Technology Division,ou=People,dc=example,dc=com"],
            result.Entries.Select(e => e.Dn));
        Assert.Equal(B(" Jensen "), result.Entries[0].Value("sn"));
        Assert.Equal(B("ITD Prod Dev & Deployment $ 535 W. William St. Room 4212 $ Anytown, MI 48103-4943"), result.Entries[0].Value("postalAddress"));
    }

    // Item 49 / DOMAIN.md: paged "-LLL" output: the "# pagedresults:" comment (folded when the cookie is long) is
    // followed by the next page's first "dn:" without a blank line.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Paged_ldapsearch_LLL_output_is_read(int bufferSize)
    {
        var result = Parse(
            "dn: cn=a,dc=x\ncn: a\n\n# pagedresults: cookie=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n AAAA\n" +
            "dn: cn=b,dc=x\ncn: b\n\n# pagedresults: cookie=\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["cn=a,dc=x", "cn=b,dc=x"], result.Entries.Select(e => e.Dn));
        Assert.Equal(6, result.Entries[1].Line);
        Assert.Equal(DumpDialect.Ldapsearch, result.Dialect);
    }

    // Item 49 / DOMAIN.md: paged "-L" output repeats "version: 1" and the header comments on every page, right after
    // the previous page's result comments: no warning, no error.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Paged_ldapsearch_L_output_repeats_its_header_without_complaint(int bufferSize)
    {
        const string Header = "#\n# LDAPv3\n# base <dc=x> with scope subtree\n# filter: (objectclass=*)\n# requesting: ALL\n# with pagedResults control: size=1\n#\n\n";
        var result = Parse(
            "version: 1\n\n" + Header + "# a, x\ndn: cn=a,dc=x\ncn: a\n\n# search result\n# result: 0 Success\n# pagedresults: cookie=AQID\n" +
            "version: 1\n\n" + Header + "# b, x\ndn: cn=b,dc=x\ncn: b\n\n# search result\n# result: 0 Success\n# pagedresults: cookie=\n\n" +
            "# numResponses: 3\n# numEntries: 2\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["cn=a,dc=x", "cn=b,dc=x"], result.Entries.Select(e => e.Dn));
        Assert.Equal(DumpDialect.Ldapsearch, result.Dialect);
        Assert.Empty(result.Statistics.FailedSearches);
    }

    // Item 49 / DOMAIN.md: default "extended LDIF": "ref:" records and "search:"/"result:" trailers are counted apart,
    // never as entries or errors; the next page's header follows the trailer without a blank line.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Extended_ldif_references_and_result_trailers_are_not_entries(int bufferSize)
    {
        const string Header = "# extended LDIF\n#\n# LDAPv3\n# base <dc=x> with scope subtree\n# filter: (objectclass=*)\n# requesting: ALL\n#\n\n";
        var result = Parse(
            Header + "# a, x\ndn: cn=a,dc=x\ncn: a\n\n# search reference\nref: ldap://ForestDnsZones.x/DC=ForestDnsZones,DC=x\n\n" +
            "# search result\nsearch: 2\nresult: 0 Success\ncontrol: 1.2.840.113556.1.4.319 false MIQAAAAFAgEABAA=\npagedresults: cookie=AQID\n" +
            Header + "# b, x\ndn: cn=b,dc=x\ncn: b\n\n# search result\nsearch: 3\nresult: 4 Size limit exceeded\n\n" +
            "# numResponses: 4\n# numEntries: 2\n# numReferences: 1\n",
            bufferSize);

        Assert.Empty(result.Warnings);
        Assert.Equal(
            [DumpRecordKind.Entry, DumpRecordKind.SearchReference, DumpRecordKind.SearchResult, DumpRecordKind.Entry, DumpRecordKind.SearchResult],
            result.Records.Select(r => r.Kind));
        Assert.Equal((2L, 1L, 2L), (result.Statistics.Entries, result.Statistics.SearchReferences, result.Statistics.SearchResults));
        var failed = Assert.Single(result.Statistics.FailedSearches);
        Assert.Equal((4, "Size limit exceeded"), (failed.Code, failed.Text));
        Assert.Equal("LDIF-SEARCH-FAILED", Assert.Single(result.Errors).Code);
        Assert.Equal(0, result.Statistics.RejectedRecords);
    }
}
