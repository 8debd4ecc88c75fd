using RusSnapshot.Dumps.Tests.Ldif;
using static RusSnapshot.Dumps.Tests.Conformance.ConformanceParser;

namespace RusSnapshot.Dumps.Tests.Conformance;

/// <summary>
/// Runs the reader over the peers' own LDIF test data (shared/conformance, beside the repository; never copied into
/// it), with the counts and facts of EXPECTATIONS.md sections 4 and 5. Skipped, not passed, when the data is absent.
/// </summary>
public sealed class PeerDataFileTests
{
    private static ParseResult Read(string file, int bufferSize) => Parse(ConformanceData.Bytes(file), bufferSize);

    private static void AssertSameContent(IReadOnlyList<ParsedRecord> expected, IReadOnlyList<ParsedRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Kind, actual[i].Kind);
            Assert.True(expected[i].Entry.SameContentAs(actual[i].Entry), $"record {i + 1}: {expected[i].Dn} differs");
        }
    }

    // ---------------------------------------------------------------- node-ldif: RFC 2849 examples, corrected

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Rfc_example_1_has_two_entries(int bufferSize)
    {
        var result = Read("node-ldif/example1.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["cn=Barbara Jensen, ou=Product Development, dc=airius, dc=com", "cn=Bjorn Jensen, ou=Accounting, dc=airius, dc=com"],
            result.Entries.Select(e => e.Dn));
        Assert.Equal([B("Barbara Jensen"), B("Barbara J Jensen"), B("Babs Jensen")], result.Entries[0].ValuesOf("cn"));
        Assert.Equal(DumpDialect.Rfc2849, result.Dialect);
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Rfc_example_2_has_a_folded_description(int bufferSize)
    {
        var result = Read("node-ldif/example2.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.Equal("Babs is a big sailing fan, and travels extensively in search of perfect sailing conditions.", entry.Text("description"));
        Assert.Equal("Product Manager, Rod and Reel Division", entry.Text("title"));
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Rfc_example_3_has_a_folded_base64_value_with_a_cr(int bufferSize)
    {
        var result = Read("node-ldif/example3.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            B("What a careful reader you are!  This value is base-64-encoded because it has a control character in it (a CR).\r  By the way, you should really get out more."),
            result.SingleEntry().Value("description"));
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Rfc_example_4_has_two_entries_with_base64_utf8_dns(int bufferSize)
    {
        var result = Read("node-ldif/example4.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ou=営業部,o=Airius", "uid=rogasawara,ou=営業部,o=Airius"], result.Entries.Select(e => e.Dn));
        Assert.Equal(B("営業部"), result.Entries[0].Value("ou;lang-ja"));
        Assert.Equal(B("Sales"), result.Entries[0].Value("ou;lang-en"));
        Assert.Equal(B("小笠原 ロドニー"), result.Entries[1].Value("cn;lang-ja"));
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Rfc_example_5_has_a_url_value_that_is_not_fetched(int bufferSize)
    {
        var result = Read("node-ldif/example5.ldif", bufferSize);

        var photo = Assert.Single(result.SingleEntry().Entry.Get("jpegphoto")!.Values);
        Assert.True(photo.IsUrl);
        Assert.Equal(B("file:///usr/local/directory/photos/hjensen.jpg"), photo.Bytes);
        result.SingleWarning("LDIF-URL-VALUE", 11);
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Rfc_example_6_has_six_change_records(int bufferSize)
    {
        var result = Read("node-ldif/example6.ldif", bufferSize);

        Assert.Empty(result.Errors);
        Assert.Equal(
            [DumpRecordKind.Entry, DumpRecordKind.Delete, DumpRecordKind.ModDn, DumpRecordKind.ModDn, DumpRecordKind.Modify, DumpRecordKind.Modify],
            result.Records.Select(r => r.Kind));
        Assert.True(result.Records[0].IsChangeAdd);
        Assert.Equal(B("ou=Accounting, dc=airius, dc=com"), result.Records[3].Value("newsuperior"));
        Assert.Equal(["add", "postaladdress", "delete", "replace", "telephonenumber", "telephonenumber", "delete", "facsimiletelephonenumber"],
            result.Records[4].Values.Select(v => v.Description));
        Assert.Equal((1L, 5L), (result.Statistics.Entries, result.Statistics.ChangeRecords));
        Assert.Equal("LDIF-URL-VALUE", Assert.Single(result.Warnings).Code);
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Rfc_example_7_is_a_delete_with_a_critical_control(int bufferSize)
    {
        var result = Read("node-ldif/example7.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        var delete = Assert.Single(result.Records);
        Assert.Equal(DumpRecordKind.Delete, delete.Kind);
        Assert.Equal("ou=Product Development, dc=airius, dc=com", delete.Dn);
        Assert.Equal(new DumpControl("1.2.840.113556.1.4.805", true, null, false, 7), Assert.Single(delete.Controls));
    }

    // ---------------------------------------------------------------- RFC 2849 printed examples, extracted verbatim

    // Section 4: examples 1, 2 and 7 are printed without defects and read exactly like node-ldif's clean copies.
    [ConformanceTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Printed_rfc_example_without_defects_reads_like_the_clean_copy(int number)
    {
        var printed = Parse(Rfc2849Examples.Extract(number).Text, 17);
        var clean = Read($"node-ldif/example{number}.ldif", 1 << 20);

        Assert.Empty(printed.Diagnostics);
        AssertSameContent(clean.Records, printed.Records);
    }

    // Section 4: as printed, example 3's base64 continuation lines start in column 0 (not continuations: no colon),
    // example 5 has a blank line inside the entry (the second half starts with "cn:"), and example 6 has a blank line
    // after the first "-" of the Paula Jensen modify record (the rest starts with "delete:"). Each must fail on the
    // RFC's own line, and everything around it is still read.
    [ConformanceTheory]
    [InlineData(3, "LDIF-NO-COLON", 429, new[] { DumpRecordKind.Entry }, 0)]
    [InlineData(5, "LDIF-NO-DN", 520, new[] { DumpRecordKind.Entry }, 1)]
    [InlineData(6, "LDIF-NO-DN", 577, new[] { DumpRecordKind.Entry, DumpRecordKind.Delete, DumpRecordKind.ModDn, DumpRecordKind.ModDn, DumpRecordKind.Modify, DumpRecordKind.Modify }, 6)]
    public void Printed_rfc_example_with_a_defect_fails_on_the_rfc_line(int number, string code, int rfcLine, DumpRecordKind[] kinds, int records)
    {
        var example = Rfc2849Examples.Extract(number);
        foreach (var size in LdifTestReader.BufferSizes().Select(s => (int)s[0]))
        {
            var result = Parse(example.Text, size);

            var error = Assert.Single(result.Errors);
            Assert.Equal(code, error.Code);
            Assert.Equal(rfcLine, example.RfcLine(error.Position.Line));
            Assert.Equal(1, result.Statistics.RejectedRecords);
            Assert.Equal(kinds.Take(records), result.Records.Select(r => r.Kind));

            var thrown = ParseThrowing(example.Text, size);
            Assert.Equal(rfcLine, example.RfcLine(Assert.Single(thrown.Exceptions).Position.Line));
        }
    }

    // Section 4: example 4 as printed: its page break falls inside the second entry (so the extraction joins it),
    // and the line "<JapaneseGivenname_in_phonetic_representation_kana>" is neither a comment nor a continuation.
    [ConformanceFact]
    public void Printed_rfc_example_4_fails_on_its_unmarked_comment_line()
    {
        var example = Rfc2849Examples.Extract(4, Rfc2849Examples.PageBreak.Join);
        var result = Parse(example.Text, 31);

        var error = Assert.Single(result.Errors);
        Assert.Equal("LDIF-NO-COLON", error.Code);
        Assert.Equal(487, example.RfcLine(error.Position.Line));
        Assert.Equal("ou=営業部,o=Airius", result.SingleEntry().Dn);
    }

    // ---------------------------------------------------------------- OpenLDAP test data

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Openldap_test_ldif_reads_all_entries_with_comments_and_mid_word_folds(int bufferSize)
    {
        var result = Read("openldap/test.ldif", bufferSize);
        var ordered = Read("openldap/test-ordered.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(19, result.Entries.Count);
        var allStaff = result.Entries[0];
        Assert.Equal(("cn=All Staff,ou=Groups,dc=example,dc=com", 2L), (allStaff.Dn, allStaff.Line));
        Assert.Equal("member", allStaff.Values[0].Description);
        Assert.Equal(4, allStaff.Values[0].Line);
        Assert.Contains(B("cn=Barbara Jensen,ou=Information Technology Division,ou=People,dc=example,dc=com"), allStaff.ValuesOf("member"));
        var barbara = Assert.Single(result.Entries, e => e.Dn == "cn=Barbara Jensen,ou=Information Technology Division,ou=People,dc=example,dc=com");
        Assert.Equal(B(" Jensen "), barbara.Value("sn"));
        Assert.Equal(B("bjensen"), barbara.Value("userPassword"));

        Assert.Empty(ordered.Diagnostics);
        Assert.Equal(result.Entries.Select(e => e.Dn).Order(), ordered.Entries.Select(e => e.Dn).Order());
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Openldap_search_output_reads_like_the_entries_it_came_from(int bufferSize)
    {
        var search = Read("openldap/search.out.provider", bufferSize);
        var source = Read("openldap/test.ldif", bufferSize);

        Assert.Empty(search.Diagnostics);
        Assert.Equal(20, search.Entries.Count);
        Assert.All(search.Entries, e => Assert.Contains(e.Dn, source.Entries.Select(s => s.Dn)));
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Openldap_language_options_are_kept_as_written(int bufferSize)
    {
        var input = Read("openldap/test-lang.ldif", bufferSize);
        var output = Read("openldap/lang-out.ldif", bufferSize);

        Assert.Empty(input.Diagnostics);
        Assert.Empty(output.Diagnostics);
        Assert.Equal(
            ["dc", "objectClass", "objectClass", "o", "o;lang-zz;lang-y;lang-yy;lang-xx;lang-x;lang-z", "name;lang-en-US", "name;lang-en-US",
                "CN;lang-en-US", "name", "SN;lang-en-US;lang-en-GB", "SN"],
            input.SingleEntry().Values.Select(v => v.Description));
        Assert.Equal(4, output.Entries.Count);
        Assert.All(output.Entries, e => Assert.Equal("dc=example,dc=com", e.Dn));
    }

    [ConformanceTheory]
    [InlineData("openldap/test-dn.ldif", 35)]
    [InlineData("openldap/test-emptydn1.ldif", 2)]
    [InlineData("openldap/test-emptydn2.ldif", 8)]
    [InlineData("openldap/emptydn.out", 6)]
    [InlineData("openldap/emptydn.out.slapadd", 8)]
    [InlineData("openldap/referrals.ldif", 5)]
    [InlineData("perl-ldap/00-cmp.ldif", 6)]
    [InlineData("perl-ldap/40-in.ldif", 19)]
    [InlineData("openchange/oc_provision_configuration_new_server.ldif", 5)]
    [InlineData("openchange/oc_provision_configuration_org.ldif", 95)]
    public void Content_file_reads_every_entry_cleanly(string file, int entries)
    {
        foreach (var size in LdifTestReader.BufferSizes().Select(s => (int)s[0]))
        {
            var result = Read(file, size);

            Assert.Empty(result.Diagnostics);
            Assert.Equal(entries, result.Entries.Count);
            Assert.Equal(entries, result.Records.Count);
            Assert.True(result.Statistics.Complete);
        }
    }

    // Section 5: the "Must Fail n" records fail DN syntax in slapd, which is not the LDIF layer's business: all read.
    [ConformanceFact]
    public void Openldap_dn_test_data_is_all_read_including_must_fail_records()
    {
        var result = Read("openldap/test-dn.ldif", 64);

        Assert.Equal(18, result.Entries.Count(e => e.Dn.StartsWith("cn=Must Fail ", StringComparison.Ordinal)));
        var mustSucceed = Assert.Single(result.Entries, e => e.Dn == "cn=Must Succeed,ou=LDAPv3,dc=example,dc=com");
        Assert.Contains(Array.Empty<byte>(), mustSucceed.ValuesOf("member"));
        Assert.Contains(B(@"CN=\#John Smith\ ,DC=example,DC=net"), mustSucceed.ValuesOf("seeAlso"));
    }

    // rootdse.ldif: "dn:" with an empty value is the root DSE. (EXPECTATIONS.md item 20 says the file also holds a
    // "version: 1" attribute; the copied file does not, so item 20 is tested on synthetic input.)
    [ConformanceFact]
    public void Openldap_root_dse_has_the_empty_dn()
    {
        var entry = Read("openldap/rootdse.ldif", 16).SingleEntry();

        Assert.Equal(string.Empty, entry.Dn);
        Assert.Equal("The OpenLDAP Project <http://www.openldap.org/>", entry.Text("vendorName"));
    }

    [ConformanceFact]
    public void Openldap_referral_objects_are_entries_not_search_references()
    {
        var result = Read("openldap/referrals.ldif", 31);

        Assert.Equal(0, result.Statistics.SearchReferences);
        var abc = Assert.Single(result.Entries, e => e.Dn == "o=ABC,c=US");
        Assert.Equal([B("ldap://hostA/o=abc,c=us HostA"), B("ldap://hostB HostB")], abc.ValuesOf("ref"));
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Openldap_modify_data_with_embedded_and_folded_comments(int bufferSize)
    {
        var result = Read("openldap/test-modify.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            [DumpRecordKind.Modify, DumpRecordKind.Modify, DumpRecordKind.Modify, DumpRecordKind.Modify, DumpRecordKind.Entry,
                DumpRecordKind.Delete, DumpRecordKind.Modify, DumpRecordKind.Modify],
            result.Records.Select(r => r.Kind));
        Assert.Equal(
            [("replace", "description"), ("description", "The replaced multiLineDescription $ Blah Woof."), ("replace", "drink"), ("drink", "Iced Tea"), ("drink", "Mad Dog 20/20")],
            result.Records[1].Values.Select(v => (v.Description, v.Text)));
        Assert.Contains(("uniquemember", "cn=James A Jones 2,ou=Information Technology Division,ou=People,dc=example,dc=com"),
            result.Records[2].Values.Select(v => (v.Description, v.Text)));
        Assert.Equal(["increment", "uidNumber", "increment", "gidNumber"], result.Records[6].Values.Select(v => v.Description));
        Assert.Empty(result.Records[7].Values); // "# EMPTY SEQUENCE OF CHANGE"
    }

    // ---------------------------------------------------------------- Net::LDAP test data

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Perl_ldap_00_in_has_six_entries_with_a_postaladdress_folded_inside_a_number(int bufferSize)
    {
        var result = Read("perl-ldap/00-in.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(6, result.Entries.Count);
        Assert.Contains("48109 $ USpostalcode: 48109", result.Entries[0].Text("postaladdress"), StringComparison.Ordinal);
        Assert.Equal("ou=Information Technology Division, ou=People, o=University of Michigan, c=US", result.Entries[4].Dn);
        Assert.Contains(B("cn=James A Jones 1, ou=Alumni Association, ou=People, o=University of Michigan, c=US"), result.Entries[5].ValuesOf("member"));
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Perl_ldap_10_in_has_six_add_records_with_controls(int bufferSize)
    {
        var result = Read("perl-ldap/10-in.ldif", bufferSize);
        var plain = Read("perl-ldap/00-in.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(6, result.Entries.Count);
        Assert.All(result.Entries, e => Assert.True(e.IsChangeAdd));
        Assert.Equal([2, 1, 0, 0, 0, 1], result.Entries.Select(e => e.Controls.Count));
        Assert.Equal(3, result.Entries.Count(e => e.Controls.Count > 0)); // Net::LDAP counts 6 entries + 3 control lists
        Assert.Equal(new DumpControl("2.16.840.1.113730.3.4.2", true, null, false, 3), result.Entries[0].Controls[0]);
        Assert.Equal(B("dn:cn=Hägar,ou=people,o=myorg.com"), result.Entries[0].Controls[1].Value);
        Assert.Equal(B("dn:cn=me,ou=people,o=myorg.com"), result.Entries[1].Controls[0].Value);
        AssertSameContent(plain.Entries, result.Entries);
        Assert.Equal(DumpDialect.Ldifde, result.Dialect);
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Perl_ldap_modify_files_read_as_change_records(int bufferSize)
    {
        var mod = Read("perl-ldap/42-mod.ldif", bufferSize);
        var cmp2 = Read("perl-ldap/00-cmp2.ldif", bufferSize);

        Assert.Empty(mod.Diagnostics);
        Assert.Equal(
            [DumpRecordKind.Modify, DumpRecordKind.Modify, DumpRecordKind.Modify, DumpRecordKind.Entry, DumpRecordKind.Delete],
            mod.Records.Select(r => r.Kind));
        Assert.Empty(cmp2.Diagnostics);
        Assert.Equal([DumpRecordKind.Entry, DumpRecordKind.Modify], cmp2.Records.Select(r => r.Kind));
        Assert.Equal([B("one"), B("two"), B("three")], cmp2.Records[0].ValuesOf("counting"));
    }

    // ---------------------------------------------------------------- OpenChange Exchange 2003 provisioning templates

    // Section 5: templates with ${...} placeholders still parse; the domain RUS is there, and the Enterprise
    // Configuration RUS, commented out, is not counted.
    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Openchange_organisation_has_one_domain_rus_and_no_commented_out_record(int bufferSize)
    {
        var result = Read("openchange/oc_provision_configuration_org.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(95, result.Entries.Count);
        Assert.DoesNotContain(result.Entries, e => e.Dn.Contains("Enterprise Configuration", StringComparison.Ordinal));
        var rus = Assert.Single(result.Entries, e => e.ValuesOf("objectClass").Any(v => v.AsSpan().SequenceEqual("msExchAddressListService"u8)));
        Assert.Equal("CN=Recipient Update Service (${DOMAIN}),CN=Recipient Update Services,CN=Address Lists Container,${FIRSTORGDN}", rus.Dn);
        Assert.Equal([B("top"), B("msExchAddressListService")], rus.ValuesOf("objectClass"));
        Assert.Equal("${DOMAINDN}", rus.Text("msExchDomainLink"));
        Assert.Equal("${HOSTNAME}", rus.Text("msExchServer1NetworkAddress"));
        Assert.Equal(("2", "60", "1073741824"), (rus.Text("activationStyle"), rus.Text("msExchPollInterval"), rus.Text("systemFlags")));
    }

    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Openchange_new_server_has_the_exchange_2003_server_object(int bufferSize)
    {
        var result = Read("openchange/oc_provision_configuration_new_server.ldif", bufferSize);

        Assert.Empty(result.Diagnostics);
        var server = Assert.Single(result.Entries, e => e.ValuesOf("objectClass").Any(v => v.AsSpan().SequenceEqual("msExchExchangeServer"u8)));
        Assert.Equal("Version 6.5 (Build 6944.4)", server.Text("serialNumber"));
        Assert.Equal("6944", server.Text("versionNumber"));
        Assert.Equal(6, server.ValuesOf("networkAddress").Count);
        Assert.Empty(server.ValuesOf("msExchHomeRoutingGroup")); // commented out
    }

    // Our choice for item 43: the file's second record lacks the "-" between two replace groups: read, with a warning.
    [ConformanceTheory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Openchange_as_main_modify_records_are_read_despite_a_missing_dash(int bufferSize)
    {
        var result = Read("openchange/oc_provision_configuration_as_main.ldif", bufferSize);

        Assert.Empty(result.Errors);
        Assert.Equal([DumpRecordKind.Modify, DumpRecordKind.Modify], result.Records.Select(r => r.Kind));
        Assert.Equal(["replace", "msExchAddressListServiceLink", "replace", "msExchServer1HighestUSNVector"], result.Records[1].Values.Select(v => v.Description));
        result.SingleWarning("LDIF-MODIFY-NO-DASH", 18);
    }
}
