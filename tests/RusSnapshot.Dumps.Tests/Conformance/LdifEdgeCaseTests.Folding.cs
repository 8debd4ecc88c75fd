using RusSnapshot.Dumps.Tests.Ldif;
using static RusSnapshot.Dumps.Tests.Conformance.ConformanceParser;

namespace RusSnapshot.Dumps.Tests.Conformance;

public sealed partial class LdifEdgeCaseTests
{
    // ---------------------------------------------------------------- folding (items 8-15)

    // Item 8: a fold removes the line break and exactly one space; a second leading space and spaces before the fold
    // are data (python-ldap test_folded).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Fold_removes_the_line_break_and_exactly_one_space(int bufferSize)
    {
        var lf = Parse("dn: cn=x\nattrib: very \n long\n  line-folded \n value\n", bufferSize);
        var crlf = Parse("dn: cn=x\r\nattrib: very \r\n long\r\n  line-folded \r\n value\r\n", bufferSize);

        Assert.Equal(B("very long line-folded value"), lf.SingleEntry().Value("attrib"));
        Assert.Equal(B("very long line-folded value"), crlf.SingleEntry().Value("attrib"));
        Assert.Empty(lf.Diagnostics);
        Assert.Empty(crlf.Diagnostics);
    }

    // Item 9: go-ldap TestLDIFContinuation: "sn: Some" / "  One" is "Some One".
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Continuation_with_two_spaces_keeps_one(int bufferSize)
    {
        Assert.Equal(B("Some One"), Parse("dn: cn=x\nsn: Some\n  One\n", bufferSize).SingleEntry().Value("sn"));
    }

    // Item 10: a space at the end of a physical line before a fold is data (Net::LDAP 00-in.ldif), and no
    // trailing-space warning is due, since the value does not end there.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Trailing_space_before_a_fold_is_data(int bufferSize)
    {
        var result = Parse(
            "dn: o=University of \n Michigan, c=US\nmember: cn=James A Jones 1, ou=People, o=University of \n Michigan, c=US\n",
            bufferSize);

        var entry = result.SingleEntry();
        Assert.Equal("o=University of Michigan, c=US", entry.Dn);
        Assert.Equal(B("cn=James A Jones 1, ou=People, o=University of Michigan, c=US"), entry.Value("member"));
        Assert.Empty(result.Diagnostics);
    }

    // Item 11: folds inside the dn value (ldif3), inside an attribute name, and inside the version line (Apache).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Fold_inside_dn_attribute_name_or_version_line(int bufferSize)
    {
        var result = Parse(
            "ver\n sion:\n 1\ndn: cn=Alice Alison,\n mail=alicealison@example.com\nobject\n Class: top\nde\n scription:: QUJD\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.Equal("cn=Alice Alison,mail=alicealison@example.com", entry.Dn);
        Assert.Equal(4, entry.Line);
        Assert.Equal(["objectClass", "description"], entry.Values.Select(v => v.Description));
        Assert.Equal(B("top"), entry.Value("objectClass"));
        Assert.Equal(B("ABC"), entry.Value("description"));
        Assert.Equal([6L, 8L], entry.Values.Select(v => v.Line));
    }

    // Item 11: a fold may fall at any byte of any line (RFC example 3 folds base64; OpenLDAP folds mid-word): every
    // line of this record, folded at every position, reads exactly as the unfolded record.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Fold_at_any_position_of_any_line_reads_the_same(int bufferSize)
    {
        string[] lines =
        [
            "dn: cn=Gern Jensen, ou=Product Testing",
            "objectClass: top",
            "description:: V2hhdCBhIGNhcmVmdWwgcmVhZGVyIHlvdSBhcmUhDQ==",
            "cn;lang-en:Gern O Jensen",
            "sn:    Jensen",
            "jpegPhoto:< file:///usr/local/photo.jpg",
            "empty:",
        ];
        var expected = Parse(string.Join("\n", lines) + "\n", bufferSize);
        Assert.Equal("LDIF-URL-VALUE", Assert.Single(expected.Diagnostics).Code);

        for (var i = 0; i < lines.Length; i++)
        {
            for (var at = 1; at <= lines[i].Length; at++)
            {
                var folded = lines.ToArray();
                folded[i] = folded[i][..at] + "\n " + folded[i][at..];
                var result = Parse(string.Join("\n", folded) + "\n", bufferSize);

                var context = $"line {i + 1} folded after byte {at}";
                Assert.True(result.Entries.Count == 1, context);
                var (want, got) = (expected.SingleEntry(), result.SingleEntry());
                Assert.True(want.Dn == got.Dn, context);
                Assert.True(want.Values.Select(v => (v.Description, Convert.ToHexString(v.Bytes), v.Encoding))
                    .SequenceEqual(got.Values.Select(v => (v.Description, Convert.ToHexString(v.Bytes), v.Encoding))), context);
                Assert.True(result.Diagnostics.Select(d => d.Code).SequenceEqual(["LDIF-URL-VALUE"]), context);
            }
        }
    }

    // Item 11: a fold right after the colon, inside "::" or ":<", or inside the FILL: the lines are joined first, so
    // the value keeps its encoding and FILL spaces are not data.
    [Theory]
    [MemberData(nameof(FoldAfterColonRows))]
    public void Fold_right_after_the_colon_is_joined_before_parsing(string line, string expectedHex, ValueEncoding encoding, int bufferSize)
    {
        var result = Parse("dn:\n  cn=a\n" + line + "\n", bufferSize);

        var entry = result.SingleEntry();
        Assert.Equal("cn=a", entry.Dn);
        var value = Assert.Single(entry.Values);
        Assert.Equal(expectedHex, Convert.ToHexString(value.Bytes));
        Assert.Equal(encoding, value.Encoding);
        Assert.Equal(3, value.Line);
    }

    public static IEnumerable<object[]> FoldAfterColonRows() => WithBufferSizes(
        ["description:\n : QUJD", "414243", ValueEncoding.Base64],
        ["description::\n  QUJD", "414243", ValueEncoding.Base64],
        ["cn:\n  value", "76616C7565", ValueEncoding.Plain],
        ["cn: \n value", "76616C7565", ValueEncoding.Plain],
        ["cn:\n \n value", "76616C7565", ValueEncoding.Plain],
        ["photo:\n < file:///x", "66696C653A2F2F2F78", ValueEncoding.Url]);

    // Item 12: comments are folded like values, at the top of a file and inside a record (python-ldap test_comments,
    // OpenLDAP test-modify.ldif "# EMBEDDED COMMENT" / " CONTINUED"); a continuation that looks like an attribute is
    // still comment.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Folded_comment_is_all_comment(int bufferSize)
    {
        var result = Parse(
            "# comment #1\n with line-folding\ndn: cn=a\n# EMBEDDED COMMENT\n CONTINUED\ncn: b\n# c\n cn: not a value\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.Equal(3, entry.Line);
        Assert.Equal(["cn"], entry.Values.Select(v => v.Description));
        Assert.Equal(B("b"), entry.Value("cn"));
    }

    // Item 13: a continuation line as the first line of a record is an error on that line (RFC; UnboundID
    // "Unexpected space found at the beginning of the first line"), at the start of the file or after a blank line.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Continuation_line_first_in_a_record_is_an_error(int bufferSize)
    {
        var first = Parse(" dn: cn=a\ncn: b\n\ndn: cn=ok\ncn: ok\n", bufferSize);
        var later = Parse("dn: cn=a\ncn: b\n\n cn: c\n\ndn: cn=ok\ncn: ok\n", bufferSize);

        first.SingleError("LDIF-FOLD-AT-START", line: 1, recordLine: 1);
        Assert.Equal(4, first.SingleEntry().Line);
        later.SingleError("LDIF-FOLD-AT-START", line: 4, recordLine: 4);
        Assert.Equal(["cn=a", "cn=ok"], later.Entries.Select(e => e.Dn));

        var ex = Assert.Single(ParseThrowing(" dn: cn=a\n", bufferSize).Exceptions);
        Assert.StartsWith("test.ldif:1: ", ex.Message, StringComparison.Ordinal);
    }

    // Item 14: a TAB is not a continuation (RFC: space only; libldap tests only ' ' although ldif(5) says "or tab"):
    // an error on the TAB line, never joined.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Tab_is_not_a_continuation(int bufferSize)
    {
        var inRecord = Parse("dn: cn=a\ncn: b\n\tc\n\ndn: cn=ok\ncn: ok\n", bufferSize);
        var atStart = Parse("\tdn: cn=a\ncn: b\n", bufferSize);

        inRecord.SingleError("LDIF-TAB-FOLD", line: 3, recordLine: 1);
        Assert.Equal("cn=ok", inRecord.SingleEntry().Dn);
        atStart.SingleError("LDIF-TAB-FOLD", line: 1);
        Assert.Empty(atStart.Records);
    }

    // Item 15: a fold inside a multi-byte UTF-8 sequence (RFC: SHOULD NOT) is joined before decoding, in values and
    // DNs; bytes that stay invalid once joined are an error on the physical line that holds them.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Fold_inside_a_multibyte_sequence_is_joined_before_decoding(int bufferSize)
    {
        // "ö" = C3 B6, "営" = E5 96 B6: split after the lead byte, and a 3-byte sequence over three lines.
        byte[] input =
        [
            .. B("dn: cn=Str"), 0xC3, .. B("\n "), 0xB6, .. B("der\n"),
            .. B("cn: Str"), 0xC3, .. B("\n "), 0xB6, .. B("der\n"),
            .. B("ou: "), 0xE5, .. B("\n "), 0x96, .. B("\n "), 0xB6, .. B("\n"),
        ];
        var result = Parse(input, bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.Equal("cn=Ströder", entry.Dn);
        Assert.Equal(B("Ströder"), entry.Value("cn"));
        Assert.Equal(B("営"), entry.Value("ou"));

        byte[] invalid = [.. B("dn: cn=a\ncn: abc\n de"), 0xFF, .. B("\n fg\n")];
        Parse(invalid, bufferSize).SingleError("LDIF-UTF8", line: 3, recordLine: 1);
    }
}
