using RusSnapshot.Dumps.Tests.Ldif;
using static RusSnapshot.Dumps.Tests.Conformance.ConformanceParser;

namespace RusSnapshot.Dumps.Tests.Conformance;

/// <summary>
/// One test per numbered edge case of the shared EXPECTATIONS.md, section 2 ("Item n" in each comment), each run at
/// several buffer sizes so that line ends, CRLF pairs and folds fall across buffer edges. Choices where peers disagree
/// are listed in docs/ldif-conformance.md.
/// </summary>
public sealed partial class LdifEdgeCaseTests
{
    // ---------------------------------------------------------------- lines, separators, encoding (items 1-7)

    // Item 1: SEP = CR LF / LF; a CRLF is removed whole, and both may be mixed in one file.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Crlf_line_end_is_stripped_whole(int bufferSize)
    {
        var result = Parse("dn: cn=a\r\ncn: asd\r\nsn: lf only\n\r\ndn: cn=b\r\ncn: x\r\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Entries.Count);
        Assert.Equal(B("asd"), result.Entries[0].Value("cn"));
        Assert.Equal(B("lf only"), result.Entries[0].Value("sn"));
        Assert.Equal("cn=b", result.Entries[1].Dn);
        Assert.Equal(5, result.Entries[1].Line);
        Assert.Equal(B("x"), result.Entries[1].Value("cn"));
        Assert.Equal(6, result.Statistics.Lines);
    }

    // Item 2: "\n\r" is not a CRLF. ldif3 keeps the CR as data; RFC 2849 allows CR only in CRLF (SAFE-CHAR excludes it),
    // so a CR that does not end a CRLF pair is an error (same choice as item 3), reported on its line.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Lf_followed_by_cr_is_not_a_line_break_pair(int bufferSize)
    {
        var result = Parse("dn: cn=a\ncn: asd\n\rcn: b\n\ndn: cn=ok\ncn: ok\n", bufferSize);

        result.SingleError("LDIF-LONE-CR", line: 3, recordLine: 1);
        Assert.Equal("cn=ok", result.SingleEntry().Dn);
        Assert.Equal(6, result.SingleEntry().Line);
        Assert.Equal(1, result.Statistics.RejectedRecords);
    }

    // Item 2: a stray CR inside a line ("asd\r\t") is not data (ldif3 keeps it): an error on that line.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Stray_cr_inside_a_line_is_an_error_not_data(int bufferSize)
    {
        var result = Parse("dn: cn=a\ncn: asd\r\t\n\ndn: cn=ok\ncn: ok\n", bufferSize);

        result.SingleError("LDIF-LONE-CR", line: 2, recordLine: 1);
        Assert.Equal("cn=ok", result.SingleEntry().Dn);
    }

    // Item 3: a lone CR as a line end (Apache accepts, RFC and the other peers do not): an error naming the line. The
    // lone CR still counts as a line break for the numbering, as editors show it; the next record is read.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Lone_cr_line_end_is_an_error_with_its_line(int bufferSize)
    {
        var result = Parse("#Comment 1\r#\r th\n\ndn: cn=ok\ncn: ok\n", bufferSize);

        result.SingleError("LDIF-LONE-CR", line: 1, recordLine: 1);
        Assert.Equal(5, result.SingleEntry().Line);

        var thrown = ParseThrowing("dn: cn=a\rcn: b\n\ndn: cn=ok\ncn: ok\n", bufferSize);
        var ex = Assert.Single(thrown.Exceptions);
        Assert.Equal("LDIF-LONE-CR", ex.Code);
        Assert.Equal(1, ex.Position.Line);
        Assert.True(ex.MayContinue);
        Assert.Equal("cn=ok", Assert.Single(thrown.Records).Dn);
    }

    // Item 4: the last line may lack its line break (python-ldap, OpenLDAP, go-ldap, Apache): read, with a warning.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Last_line_without_newline_is_accepted_with_a_warning(int bufferSize)
    {
        var lf = Parse("version: 1\ndn: cn=a\ncn: b", bufferSize);
        var crlf = Parse("dn: cn=a\r\ncn: b", bufferSize);

        Assert.Equal(B("b"), lf.SingleEntry().Value("cn"));
        lf.SingleWarning("LDIF-NO-FINAL-NEWLINE", 3);
        Assert.Empty(lf.Errors);
        Assert.True(lf.Statistics.Complete);
        Assert.Equal(B("b"), crlf.SingleEntry().Value("cn"));
        crlf.SingleWarning("LDIF-NO-FINAL-NEWLINE", 2);
    }

    // Item 4, our choice: where the writer always ends with a line break (ldifde's "changetype: add" records, the
    // collector), a last line without one means the dump was cut off: the partial record is rejected, not read.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Ldifde_dump_without_final_newline_is_reported_as_cut_off(int bufferSize)
    {
        var result = Parse("dn: cn=a\r\nchangetype: add\r\ncn: a\r\n\r\ndn: cn=b\r\nchangetype: add\r\ncn: b", bufferSize);

        Assert.Equal("cn=a", result.SingleEntry().Dn);
        result.SingleError("LDIF-TRUNCATED", line: 7, recordLine: 5);
        Assert.False(result.Statistics.Complete);
    }

    // Item 5: leading blank lines, several blank lines between records and trailing blank lines are accepted; several
    // blank lines are not an end of file (IBM's doc says they are; not followed).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Leading_repeated_and_trailing_blank_lines_are_accepted(int bufferSize)
    {
        var result = Parse("\n\r\n\ndn: cn=a\ncn: b\n\n\n\r\n\ndn: cn=c\ncn: d\n\n\n\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([4L, 10L], result.Entries.Select(e => e.Line));
        Assert.Equal(14, result.Statistics.Lines);
        Assert.True(result.Statistics.Complete);
    }

    // Item 5: Apache's "\n\n\r\r\n" (0 entries there) holds a lone CR, which is an error here (item 3).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Blank_lines_holding_a_lone_cr_are_an_error(int bufferSize)
    {
        var result = Parse("\n\n\r\r\n", bufferSize);

        Assert.Empty(result.Records);
        result.SingleError("LDIF-LONE-CR", line: 3);
    }

    // Item 5: a line holding only spaces is not a blank line but an (empty) continuation, so it does not end a record;
    // the next "dn:" inside the same record is an error instead of silently becoming an attribute named "dn".
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Line_of_spaces_does_not_separate_records(int bufferSize)
    {
        var result = Parse("dn: cn=a\ncn: b\n \ndn: cn=c\ncn: d\n\ndn: cn=e\ncn: f\n", bufferSize);

        result.SingleError("LDIF-DN-IN-RECORD", line: 4, recordLine: 1);
        Assert.Equal("cn=e", result.SingleEntry().Dn);
    }

    // Item 6: empty input, only "version: 1", only comments: no records and no diagnostics.
    [Theory]
    [MemberData(nameof(NoRecordInputs))]
    public void Input_without_records_gives_nothing_and_no_error(string text, int bufferSize)
    {
        var result = Parse(text, bufferSize);

        Assert.Empty(result.Records);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(0, result.Statistics.RejectedRecords);
        Assert.True(result.Statistics.Complete);
    }

    public static IEnumerable<object[]> NoRecordInputs() => WithBufferSizes(
        [""], ["\n"], ["\r\n\r\n"], ["version: 1"], ["version: 1\n"], ["version: 1\r\n\r\n"], ["# only a comment\n"],
        ["# c1\n# c2\n\n# c3"], ["version: 1\n# comment\n folded\n\n"]);

    // Item 7: raw (not base64) UTF-8 is accepted everywhere; values are the bytes as written.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Raw_utf8_is_read_as_its_bytes(int bufferSize)
    {
        var entry = Parse("dn: cn=Ströder,o=営業部\nlastname: Ströder\n", bufferSize).SingleEntry();

        Assert.Equal("cn=Ströder,o=営業部", entry.Dn);
        Assert.Equal(new byte[] { 0x53, 0x74, 0x72, 0xC3, 0xB6, 0x64, 0x65, 0x72 }, entry.Value("lastname"));
    }

    // Item 7: a DN that is not UTF-8 is an error (ldif3 strict mode), written plain or base64; so is any other line.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Dn_or_value_that_is_not_utf8_is_an_error(int bufferSize)
    {
        var latin1Dn = B("dn: cn=Str?der\ncn: x\n\ndn: cn=ok\ncn: ok\n");
        latin1Dn[10] = 0xF6;
        var base64Dn = Parse("dn:: " + Convert.ToBase64String([.. B("cn=Str"), 0xF6, .. B("der")]) + "\ncn: x\n", bufferSize);
        var latin1Value = B("dn: cn=a\ncn: Str?der\n");
        latin1Value[16] = 0xF6;

        var plain = Parse(latin1Dn, bufferSize);
        plain.SingleError("LDIF-UTF8", line: 1, recordLine: 1);
        Assert.Equal("cn=ok", plain.SingleEntry().Dn);
        base64Dn.SingleError("LDIF-DN-UTF8", line: 1);
        Parse(latin1Value, bufferSize).SingleError("LDIF-UTF8", line: 2, recordLine: 1);
    }
}
