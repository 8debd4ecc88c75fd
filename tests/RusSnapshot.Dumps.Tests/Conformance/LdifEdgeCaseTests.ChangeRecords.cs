using RusSnapshot.Dumps.Tests.Ldif;
using static RusSnapshot.Dumps.Tests.Conformance.ConformanceParser;

namespace RusSnapshot.Dumps.Tests.Conformance;

public sealed partial class LdifEdgeCaseTests
{
    // ---------------------------------------------------------------- change records (items 40-48)

    // Item 40: "changetype: add" plus attributes is an entry, exactly like a content record (what ldifde writes); the
    // changetype line is not an attribute.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Change_add_record_is_an_entry(int bufferSize)
    {
        var result = Parse("dn: CN=a,DC=x\r\nchangetype: add\r\nobjectClass: top\r\ncn: a\r\n\r\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.True(entry.IsChangeAdd);
        Assert.Equal(["objectClass", "cn"], entry.Values.Select(v => v.Description));
        Assert.Equal(DumpDialect.Ldifde, result.Dialect);
        Assert.Equal(1, result.Statistics.Entries);
        Assert.Equal(0, result.Statistics.ChangeRecords);
    }

    // Item 41: the changetype does not leak into the next record (go-ldap TestLDIFChangeTypeNotLeaked).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Changetype_does_not_leak_to_the_next_record(int bufferSize)
    {
        var result = Parse(
            "dn: cn=a\nchangetype: add\ncn: a\n\ndn: cn=b\ncn: b\n\ndn: cn=c\nchangetype: modify\nadd: cn\ncn: x\n-\n\ndn: cn=d\ncn: d\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([DumpRecordKind.Entry, DumpRecordKind.Entry, DumpRecordKind.Modify, DumpRecordKind.Entry], result.Records.Select(r => r.Kind));
        Assert.Equal([true, false, false, false], result.Records.Select(r => r.IsChangeAdd));
        Assert.Equal(B("d"), result.Records[3].Value("cn"));
    }

    // Item 42: content and change records may be mixed in one file (RFC says not both; Apache and go-ldap read it).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Content_and_change_records_may_be_mixed(int bufferSize)
    {
        var result = Parse("dn: cn=a\ncn: a\n\ndn: cn=b\nchangetype: add\ncn: b\n\ndn: cn=c\nchangetype: delete\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([DumpRecordKind.Entry, DumpRecordKind.Entry, DumpRecordKind.Delete], result.Records.Select(r => r.Kind));
        Assert.Equal(2, result.Statistics.Entries);
        Assert.Equal(1, result.Statistics.ChangeRecords);
    }

    // Item 43: modify groups "add:|delete:|replace:|increment: attr" + values + "-"; "delete: attr" / "replace: attr"
    // with no values (RFC example 6, Ingrid); a missing final "-" is accepted (python-ldap; go-ldap rejects).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Modify_record_is_read_as_its_groups(int bufferSize)
    {
        var result = Parse(
            "dn: cn=Paula Jensen, ou=Product Development, dc=airius, dc=com\nchangetype: modify\nadd: postaladdress\n" +
            "postaladdress: 123 Anystreet $ Sunnyvale, CA $ 94086\n-\ndelete: description\n-\nreplace: telephonenumber\n" +
            "telephonenumber: +1 408 555 1234\ntelephonenumber: +1 408 555 5678\n-\ndelete: facsimiletelephonenumber\n" +
            "facsimiletelephonenumber: +1 408 555 9876\n-\n\n" +
            "dn: cn=Ingrid Jensen, ou=Product Support, dc=airius, dc=com\nchangetype: modify\nreplace: postaladdress\n-\n" +
            "delete: description\n\n" +
            "dn: ou=People,dc=example,dc=com\nchangetype: modify\nincrement: uidNumber\nuidNumber: 1\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.All(result.Records, r => Assert.Equal(DumpRecordKind.Modify, r.Kind));
        Assert.Equal(3, result.Statistics.ChangeRecords);
        Assert.Equal(
            [
                ("add", "postaladdress"), ("postaladdress", "123 Anystreet $ Sunnyvale, CA $ 94086"), ("delete", "description"),
                ("replace", "telephonenumber"), ("telephonenumber", "+1 408 555 1234"), ("telephonenumber", "+1 408 555 5678"),
                ("delete", "facsimiletelephonenumber"), ("facsimiletelephonenumber", "+1 408 555 9876"),
            ],
            result.Records[0].Values.Select(v => (v.Description, v.Text)));
        Assert.Equal([("replace", "postaladdress"), ("delete", "description")], result.Records[1].Values.Select(v => (v.Description, v.Text)));
        Assert.Equal([("increment", "uidNumber"), ("uidNumber", "1")], result.Records[2].Values.Select(v => (v.Description, v.Text)));
    }

    // Item 43: a value line inside a group must name the group's attribute (UnboundID, go-ldap); "-" outside a group,
    // an unknown operation, and an operation without an attribute are errors on their line.
    [Theory]
    [MemberData(nameof(BadModifyRows))]
    public void Malformed_modify_record_is_an_error_on_its_line(string body, string code, int line, int bufferSize)
    {
        var result = Parse("dn: cn=a\nchangetype: modify\n" + body + "\n\ndn: cn=ok\ncn: ok\n", bufferSize);

        result.SingleError(code, line, recordLine: 1);
        Assert.Equal("cn=ok", result.SingleEntry().Dn);
    }

    public static IEnumerable<object[]> BadModifyRows() => WithBufferSizes(
        ["add: cn\nsn: x\n-", "LDIF-MODIFY-MISMATCH", 4],
        ["add: cn\ncn: x\n-\n-", "LDIF-UNEXPECTED-DASH", 6],
        ["-", "LDIF-UNEXPECTED-DASH", 3],
        ["cn: x", "LDIF-MODIFY-OP", 3],
        ["frobnicate: cn\ncn: x", "LDIF-MODIFY-OP", 3],
        ["add:\n-", "LDIF-MODIFY-OP", 3]);

    // Item 43, our choice: an operation line where the "-" closing the previous group is missing (OpenChange's
    // provisioning LDIF) can only mean a new group: accepted, like a missing final "-", with a warning.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Modify_operation_without_the_dash_before_it_opens_a_new_group(int bufferSize)
    {
        var result = Parse("dn: cn=a\nchangetype: modify\nreplace: a\na: 1\nreplace: b\nb: 2\n", bufferSize);

        var record = Assert.Single(result.Records);
        Assert.Equal(DumpRecordKind.Modify, record.Kind);
        Assert.Equal([("replace", "a"), ("a", "1"), ("replace", "b"), ("b", "2")], record.Values.Select(v => (v.Description, v.Text)));
        result.SingleWarning("LDIF-MODIFY-NO-DASH", 5);
    }

    // Item 44: "changetype: delete" followed by anything is an error (Apache, go-ldap).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Delete_record_with_attributes_is_an_error(int bufferSize)
    {
        var result = Parse("dn: cn=a\nchangetype: delete\ncn: x\n\ndn: cn=b\nchangetype: delete\n", bufferSize);

        result.SingleError("LDIF-DELETE-WITH-ATTRIBUTES", line: 3, recordLine: 1);
        var delete = Assert.Single(result.Records);
        Assert.Equal(DumpRecordKind.Delete, delete.Kind);
        Assert.Equal("cn=b", delete.Dn);
    }

    // Item 45: an unknown changetype is an error (python-ldap "Invalid changetype", UnboundID).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Unknown_changetype_is_an_error(int bufferSize)
    {
        Parse("dn: cn=a\nchangetype: foo\ncn: x\n", bufferSize).SingleError("LDIF-CHANGETYPE", line: 2, recordLine: 1);
        Parse("dn: cn=a\nchangetype:\n", bufferSize).SingleError("LDIF-CHANGETYPE", line: 2, recordLine: 1);
    }

    // Item 46: modrdn/moddn records (newrdn, deleteoldrdn 0|1, optional newsuperior) are change records, never entries;
    // a missing or malformed line is an error.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Modrdn_record_is_a_change_record_not_an_entry(int bufferSize)
    {
        var result = Parse(
            "dn: cn=Paul Jensen, dc=airius\nchangetype: modrdn\nnewrdn: cn=Paula Jensen\ndeleteoldrdn: 1\n\n" +
            "dn: ou=PD Accountants, dc=airius\nchangetype: moddn\nnewrdn: ou=Product Development Accountants\ndeleteoldrdn: 0\n" +
            "newsuperior: ou=Accounting, dc=airius\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([DumpRecordKind.ModDn, DumpRecordKind.ModDn], result.Records.Select(r => r.Kind));
        Assert.Empty(result.Entries);
        Assert.Equal(2, result.Statistics.ChangeRecords);
        Assert.Equal(B("ou=Accounting, dc=airius"), result.Records[1].Value("newsuperior"));

        Parse("dn: cn=a\nchangetype: modrdn\nnewrdn: cn=b\ndeleteoldrdn: 2\n", bufferSize).SingleError("LDIF-DELETEOLDRDN", line: 4);
        Parse("dn: cn=a\nchangetype: modrdn\nnewrdn: cn=b\n", bufferSize).SingleError("LDIF-MODDN", line: 1);
        Parse("dn: cn=a\nchangetype: modrdn\nnewrdn: cn=b\ndeleteoldrdn: 1\ncn: b\n", bufferSize).SingleError("LDIF-MODDN", line: 5);
    }

    // Item 47: "control: oid [true|false] [: value | :: base64 | :< url]" between "dn:" and "changetype:" (RFC
    // example 7; Net::LDAP 10-in.ldif, whose base64 control value is folded); absent criticality is false (go-ldap).
    // Controls are kept apart from the attributes, so an add record's controls never become attributes of the entry.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Controls_are_parsed_and_kept_apart_from_attributes(int bufferSize)
    {
        var result = Parse(
            "dn: ou=Product Development, dc=airius, dc=com\ncontrol: 1.2.840.113556.1.4.805 true\nchangetype: delete\n\n" +
            "dn: o=University of Michigan, c=US\ncontrol: 2.16.840.1.113730.3.4.2\ncontrol: 2.16.840.1.113730.3.4.18 true:: ZG46Y249SMOkZ2FyLG91PXBlb3BsZSxvPW15b\n" +
            " 3JnLmNvbQ==\ncontrol: 1.2.3 FALSE: dn:cn=me,ou=people\ncontrol: 1.2.4:< file:///etc/passwd\ncontrol: 1.2.5 true:\nchangetype: add\no: x\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        var delete = result.Records[0];
        Assert.Equal(DumpRecordKind.Delete, delete.Kind);
        var treeDelete = Assert.Single(delete.Controls);
        Assert.Equal(new DumpControl("1.2.840.113556.1.4.805", true, null, false, 2), treeDelete);

        var add = result.Records[1];
        Assert.True(add.IsChangeAdd);
        Assert.Equal(["o"], add.Values.Select(v => v.Description));
        Assert.Equal(["2.16.840.1.113730.3.4.2", "2.16.840.1.113730.3.4.18", "1.2.3", "1.2.4", "1.2.5"], add.Controls.Select(c => c.Oid));
        Assert.Equal([false, true, false, false, true], add.Controls.Select(c => c.IsCritical));
        Assert.Null(add.Controls[0].Value);
        Assert.Equal(B("dn:cn=Hägar,ou=people,o=myorg.com"), add.Controls[1].Value);
        Assert.Equal(B("dn:cn=me,ou=people"), add.Controls[2].Value);
        Assert.Equal(B("file:///etc/passwd"), add.Controls[3].Value);
        Assert.True(add.Controls[3].ValueIsUrl);
        Assert.Equal(Array.Empty<byte>(), add.Controls[4].Value);
        Assert.Equal([6L, 7L, 9L, 10L, 11L], add.Controls.Select(c => c.Line));
    }

    // Item 47: a control in a content record (no changetype after it) is an error (Apache, go-ldap "controls found
    // without changetype"), and so is a control line that does not follow the grammar.
    [Theory]
    [MemberData(nameof(BadControlRows))]
    public void Malformed_or_misplaced_control_is_an_error(string body, string code, int line, int bufferSize)
    {
        var result = Parse("dn: cn=a\n" + body + "\n\ndn: cn=ok\ncn: ok\n", bufferSize);

        result.SingleError(code, line, recordLine: 1);
        Assert.Equal("cn=ok", result.SingleEntry().Dn);
    }

    public static IEnumerable<object[]> BadControlRows() => WithBufferSizes(
        ["control: 1.2.3 true\ncn: a", "LDIF-CONTROL-NO-CHANGETYPE", 3],
        ["control: 1.2.3", "LDIF-CONTROL-NO-CHANGETYPE", 1],
        ["control: abc\nchangetype: delete", "LDIF-CONTROL", 2],
        ["control: 1..2\nchangetype: delete", "LDIF-CONTROL", 2],
        ["control: 1.2.3 maybe\nchangetype: delete", "LDIF-CONTROL", 2],
        ["control: 1.2.3 truely\nchangetype: delete", "LDIF-CONTROL", 2],
        ["control: 1.2.3 true junk\nchangetype: delete", "LDIF-CONTROL", 2],
        ["control:: MS4yLjM=\nchangetype: delete", "LDIF-CONTROL", 2],
        ["control: 1.2.3 true:: YWJ*\nchangetype: delete", "LDIF-BASE64", 2],
        ["control: 1.2.3 true:<\nchangetype: delete", "LDIF-URL-EMPTY", 2]);

    // Item 48: a record that starts with "changetype:" (no "dn:") is an error (python-ldap test_bad_change_records).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Record_starting_with_changetype_is_an_error(int bufferSize)
    {
        Parse("changetype: add\ncn: a\n\ndn: cn=ok\ncn: ok\n", bufferSize).SingleError("LDIF-NO-DN", line: 1, recordLine: 1);
        Parse("version: 1\nchangetype: delete\n", bufferSize).SingleError("LDIF-NO-DN", line: 2);
    }
}
