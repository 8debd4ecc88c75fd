using RusSnapshot.Dumps.Tests.Ldif;
using static RusSnapshot.Dumps.Tests.Conformance.ConformanceParser;

namespace RusSnapshot.Dumps.Tests.Conformance;

public sealed partial class LdifEdgeCaseTests
{
    // ---------------------------------------------------------------- values (items 30-39)

    // Item 30: "attr:" and "attr:   " are one zero-length value each (RFC note 5); OpenLDAP's "member: " is an empty DN.
    // FILL is not a trailing space, so no warning.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Empty_values_are_zero_length(int bufferSize)
    {
        var result = Parse("dn: cn=a\nattrib1:\nattrib2:   \nmember: \naliases:\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.Equal(["attrib1", "attrib2", "member", "aliases"], entry.Values.Select(v => v.Description));
        Assert.All(entry.Values, v => Assert.Empty(v.Bytes));
    }

    // Item 31: base64 values decode exactly, with or without spaces after "::" (python-ldap test_binary/_binary2,
    // Apache), and long base64 folded over many lines decodes whole (python-ldap test_big_binary: 500 NULs).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Base64_values_decode_exactly(int bufferSize)
    {
        var big = Convert.ToBase64String(new byte[500]);
        var folded = string.Join("\n ", big.Chunk(76).Select(c => new string(c)));
        var result = Parse($"dn: cn=a\nattrib:: CQAKOiVA\nattrib2::CQAKOiVA\ndescription::  V2hhdA==\nbig:: {folded}\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.Equal(new byte[] { 0x09, 0x00, 0x0A, 0x3A, 0x25, 0x40 }, entry.Value("attrib"));
        Assert.Equal(new byte[] { 0x09, 0x00, 0x0A, 0x3A, 0x25, 0x40 }, entry.Value("attrib2"));
        Assert.Equal(B("What"), entry.Value("description"));
        Assert.Equal(new byte[500], entry.Value("big"));
        Assert.All(entry.Values, v => Assert.Equal(ValueEncoding.Base64, v.Encoding));
    }

    // Item 32: base64 keeps leading and trailing spaces (OpenLDAP test.ldif "sn:: IEplbnNlbiA=" = " Jensen "), without
    // a trailing-space warning: that is how such values should be written.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Base64_keeps_leading_and_trailing_spaces(int bufferSize)
    {
        var result = Parse("dn: cn=a\nsn:: IEplbnNlbiA=\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(B(" Jensen "), result.SingleEntry().Value("sn"));
    }

    // Item 33: invalid base64 is an error on the value's line (go-ldap, OpenLDAP, UnboundID); nothing is silently
    // skipped as Python's b64decode would ("XXX-U29tZSBPbmU=").
    [Theory]
    [MemberData(nameof(InvalidBase64Rows))]
    public void Invalid_base64_is_an_error_on_its_line(string value, int bufferSize)
    {
        var result = Parse("dn: cn=a\ncn: a\nsn:: " + value + "\n\ndn: cn=ok\ncn: ok\n", bufferSize);

        result.SingleError("LDIF-BASE64", line: 3, recordLine: 1);
        Assert.Equal("cn=ok", result.SingleEntry().Dn);
        Assert.Equal(1, result.Statistics.RejectedRecords);
    }

    public static IEnumerable<object[]> InvalidBase64Rows() => WithBufferSizes(
        ["XXX-U29tZSBPbmU="], ["U29tZSBPbmU"], ["U29t=ZQ=="], ["U29tZSBPbmU====="], ["U29tZ SBPbmU="], ["U29tZSBPbmU=\t"],
        ["Zm9v\u00e9"], ["U29t\n ZSBPbmU"], ["U29tZSBP\n bmU*"]);

    // Item 34: "attr::" with nothing after it is an empty value (RFC BASE64-STRING may be empty; OpenLDAP rejects it).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Empty_base64_is_an_empty_value(int bufferSize)
    {
        var result = Parse("dn: cn=a\nattr::\nattr2::   \n", bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.Empty(entry.Value("attr"));
        Assert.Empty(entry.Value("attr2"));
        Assert.All(entry.Values, v => Assert.Equal(ValueEncoding.Base64, v.Encoding));
    }

    // Item 35: trailing spaces on a plain value are kept (OpenLDAP, python-ldap, ldif3; Apache strips, UnboundID
    // rejects) and warned about on the value's line, also when the value is folded.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Trailing_spaces_are_kept_with_a_warning(int bufferSize)
    {
        var plain = Parse("dn: cn=a\ndisplayName:   app1   \n", bufferSize);
        var folded = Parse("dn: cn=a\ncn: ok\ndescription: app\n 1  \n", bufferSize);

        Assert.Equal(B("app1   "), plain.SingleEntry().Value("displayName"));
        plain.SingleWarning("LDIF-TRAILING-SPACE", 2);
        Assert.Equal(B("app1  "), folded.SingleEntry().Value("description"));
        folded.SingleWarning("LDIF-TRAILING-SPACE", 3);
    }

    // Item 36: leading spaces of a plain value are FILL and dropped; only spaces are FILL (a TAB is data, as in OpenLDAP).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Leading_spaces_of_a_plain_value_are_fill(int bufferSize)
    {
        var entry = Parse("dn: cn=a\ncn:    x\nsn:\tx\n", bufferSize).SingleEntry();

        Assert.Equal(B("x"), entry.Value("cn"));
        Assert.Equal(B("\tx"), entry.Value("sn"));
    }

    // Item 37: ":<" URL values are never opened (RFC security section; DESIGN.md section 3): the value is the URL,
    // marked as a URL, with a warning; ":<" without a URL is an error (OpenLDAP "missing URL value"); a DN cannot be one.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Url_value_is_recorded_and_never_fetched(int bufferSize)
    {
        var secret = Path.GetTempFileName();
        try
        {
            File.WriteAllText(secret, "SECRET CONTENT");
            var url = new Uri(secret).AbsoluteUri;
            var result = Parse($"dn: cn=a\njpegphoto:< {url}\n", bufferSize);

            var value = Assert.Single(result.SingleEntry().Entry.Get("jpegphoto")!.Values);
            Assert.True(value.IsUrl);
            Assert.Equal(B(url), value.Bytes);
            Assert.Equal(ValueEncoding.Url, result.SingleEntry().Values[0].Encoding);
            result.SingleWarning("LDIF-URL-VALUE", 2);
        }
        finally
        {
            File.Delete(secret);
        }

        Parse("dn: cn=a\nphoto:<\n", bufferSize).SingleError("LDIF-URL-EMPTY", line: 2);
        Parse("dn: cn=a\nphoto:<   \n", bufferSize).SingleError("LDIF-URL-EMPTY", line: 2);
        Parse("dn:< file:///etc/hostname\ncn: a\n", bufferSize).SingleError("LDIF-DN-URL", line: 1);
    }

    // Item 38: duplicate values are kept as written (UnboundID strips them by default) and can be counted: the reader
    // does not compare values while reading (that would cost a pass over every value), DumpRecord counts on demand.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Duplicate_values_are_kept_and_counted(int bufferSize)
    {
        var result = Parse("dn: cn=a\ncn: a\ncn: a\nCN: a\ncn:: YQ==\ncn: b\nsn: a\ncn;x: a\n\ndn: cn=b\ncn: a\ncn: b\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(5, result.Entries[0].ValuesOf("cn").Count);
        Assert.Equal(3, result.Entries[0].DuplicateValues);
        Assert.Equal(0, result.Entries[1].DuplicateValues);
    }

    // Item 39: plain and base64 values of one attribute are one attribute (Apache testLdifParserWithMixedATHR).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Plain_and_base64_values_form_one_attribute(int bufferSize)
    {
        var entry = Parse("dn: cn=a\ndescription: plain\ndescription:: YmFzZTY0\nDescription: third\n", bufferSize).SingleEntry();

        var attribute = Assert.Single(entry.Entry.Attributes);
        Assert.Equal(["plain", "base64", "third"], attribute.Values.Select(v => v.ToString()));
    }
}
