using RusSnapshot.Dumps.Tests.Ldif;
using static RusSnapshot.Dumps.Tests.Conformance.ConformanceParser;

namespace RusSnapshot.Dumps.Tests.Conformance;

public sealed partial class LdifEdgeCaseTests
{
    // ---------------------------------------------------------------- dn line and attribute lines (items 21-29)

    // Item 21: no space after the colon is legal (RFC example 2), and any number of spaces there is FILL.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Spaces_after_the_colon_are_optional_fill(int bufferSize)
    {
        var result = Parse("dn:cn=Barbara Jensen, dc=airius\nobjectclass:top\nsn:    someone\nobjectclass:  person\n\ndn:    cn=b\ncn: b\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["cn=Barbara Jensen, dc=airius", "cn=b"], result.Entries.Select(e => e.Dn));
        Assert.Equal([B("top"), B("person")], result.Entries[0].ValuesOf("objectclass"));
        Assert.Equal(B("someone"), result.Entries[0].Value("sn"));
    }

    // Item 22: "dn:" with an empty value is the root DSE (empty DN), also with FILL after it.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Empty_dn_is_the_root_dse(int bufferSize)
    {
        var result = Parse("dn:\nvendorName: The OpenLDAP Project\n\ndn: \nnamingContexts: dc=x\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([string.Empty, string.Empty], result.Entries.Select(e => e.Dn));
    }

    // Item 23: "dn::" is a base64 DN (RFC example 4), with or without a space after "::".
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Base64_dn_is_decoded(int bufferSize)
    {
        var result = Parse("dn:: b3U95Za25qWt6YOoLG89QWlyaXVz\nou: x\n\ndn::b3U95Za25qWt6YOoLG89QWlyaXVz\nou: y\n", bufferSize);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ou=営業部,o=Airius", "ou=営業部,o=Airius"], result.Entries.Select(e => e.Dn));
    }

    // Item 24: the first line of a record must be "dn:"; the error names the offending physical line (Apache
    // testLineNumber: "d n:" on line 2, a bad second record on line 10), and the reader goes on with the next record.
    [Theory]
    [MemberData(nameof(FirstLineRows))]
    public void First_line_of_a_record_must_be_dn(string text, string code, int line, int bufferSize)
    {
        var result = Parse(text + "\ndn: cn=next\ncn: next\n", bufferSize);

        result.SingleError(code, line, recordLine: line);
        Assert.Equal("cn=next", result.Entries[^1].Dn);
    }

    public static IEnumerable<object[]> FirstLineRows() => WithBufferSizes(
        ["cn: x\n", "LDIF-NO-DN", 1],
        ["version: 1\nd n: cn=app1,ou=applications\ncn: app1\n", "LDIF-BAD-NAME", 2],
        ["# comment\nsn: x\n", "LDIF-NO-DN", 2],
        ["version: 1\ndn: cn=app1,ou=applications,ou=conf,dc=apache,dc=org\ncn: app1\nobjectClass: top\nobjectClass: apApplication\n" +
            "displayName: app1\ndependencies:\nenvVars:\n\nobjectClass: top\ncn: app2\n", "LDIF-NO-DN", 10],
        ["-\n", "LDIF-UNEXPECTED-DASH", 1]);

    // Item 25: a record with only a "dn:" line (what ldapsearch writes when asked for attribute "1.1") is an entry with
    // no attributes, with a warning (go-ldap rejects it, Apache accepts it).
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Dn_only_record_is_an_entry_with_no_attributes(int bufferSize)
    {
        var result = Parse("dn: cn=a\n\ndn: cn=b\ncn: b\n", bufferSize);

        Assert.Equal(["cn=a", "cn=b"], result.Entries.Select(e => e.Dn));
        Assert.Empty(result.Entries[0].Values);
        Assert.Empty(result.Entries[0].Entry.Attributes);
        result.SingleWarning("LDIF-DN-ONLY", 1);
        Assert.Empty(result.Errors);
    }

    // In an ldifde dump (changetype: add after every dn:) a bare dn: line is a record cut off, not an empty entry.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Dn_only_record_in_an_ldifde_dump_is_a_record_cut_off(int bufferSize)
    {
        var result = Parse("\r\ndn: cn=a\r\nchangetype: add\r\ncn: a\r\n\r\ndn: cn=b\r\n\r\ndn: cn=c\r\nchangetype: add\r\ncn: c\r\n", bufferSize);

        Assert.Equal(["cn=a", "cn=c"], result.Entries.Select(e => e.Dn));
        result.SingleError("LDIF-DN-ONLY-TRUNCATED", line: 6, recordLine: 6);
    }

    // Item 26: a line without a colon is an error (go-ldap, python-ldap, UnboundID, OpenLDAP), and so is an empty
    // attribute name (OpenLDAP "empty type is invalid") or an attribute type that is empty before its options.
    [Theory]
    [MemberData(nameof(BadAttributeLineRows))]
    public void Attribute_line_without_colon_or_name_is_an_error(string line, string code, int bufferSize)
    {
        var result = Parse("dn: cn=a\ncn: a\n" + line + "\nsn: a\n\ndn: cn=ok\ncn: ok\n", bufferSize);

        result.SingleError(code, line: 3, recordLine: 1);
        Assert.Equal("cn=ok", result.SingleEntry().Dn);
    }

    public static IEnumerable<object[]> BadAttributeLineRows() => WithBufferSizes(
        ["no colon here", "LDIF-NO-COLON"],
        ["nocolonhere", "LDIF-NO-COLON"],
        ["c n: x", "LDIF-BAD-NAME"],
        ["nocolon\n here", "LDIF-NO-COLON"],
        [": x", "LDIF-EMPTY-NAME"],
        [":: eA==", "LDIF-EMPTY-NAME"],
        [";lang-en: x", "LDIF-EMPTY-NAME"],
        ["c=n: x", "LDIF-BAD-NAME"]);

    // Item 27: attribute names are case-insensitive: "objectClass", "objectclass" and "OBJECTCLASS" are one attribute,
    // which keeps its first spelling; each value line keeps the spelling it was written with.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Attribute_names_are_case_insensitive_and_keep_their_spelling(int bufferSize)
    {
        var entry = Parse("dn: cn=a\nobjectClass: top\nobjectclass: person\nCN: a\nOBJECTCLASS: user\n", bufferSize).SingleEntry();

        Assert.Equal(["objectClass", "CN"], entry.Entry.Attributes.Select(a => a.Description));
        Assert.Equal([B("top"), B("person"), B("user")], entry.ValuesOf("OBJECTclass"));
        Assert.Equal(B("a"), entry.Value("cn"));
        Assert.Equal(["objectClass", "objectclass", "CN", "OBJECTCLASS"], entry.Values.Select(v => v.Description));
    }

    // Item 28: options are kept as written (several, any order and case; OpenLDAP's lang-out.ldif normalises them,
    // which is not a reader's job); the type is the part before the first ';'; "name" and "name;lang-en-US" are
    // distinct attribute descriptions.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Attribute_options_are_kept_as_written(int bufferSize)
    {
        var result = Parse(
            "dn: cn=a\nuserCertificate;binary:: AAEC\nou;lang-ja;phonetic: x\no;lang-zz;lang-y;lang-yy: y\n" +
            "SN;lang-en-US;lang-en-GB: Billy Ray\nname: a\nname;lang-en-US: b\n",
            bufferSize);

        Assert.Empty(result.Diagnostics);
        var entry = result.SingleEntry();
        Assert.Equal(
            ["userCertificate;binary", "ou;lang-ja;phonetic", "o;lang-zz;lang-y;lang-yy", "SN;lang-en-US;lang-en-GB", "name", "name;lang-en-US"],
            entry.Values.Select(v => v.Description));
        Assert.Equal(["userCertificate", "ou", "o", "SN", "name", "name"], entry.Values.Select(v => v.Name));
        Assert.Equal(new byte[] { 0, 1, 2 }, entry.Value("userCertificate;binary"));
        Assert.Equal(B("a"), entry.Value("name"));
        Assert.Equal(B("b"), entry.Value("name;lang-en-us"));
    }

    // Item 29: '_' in an attribute name (not RFC; Apache accepts, go-ldap rejects; AD never writes it): accepted
    // with a warning on its line.
    [Theory]
    [MemberData(nameof(LdifTestReader.BufferSizes), MemberType = typeof(LdifTestReader))]
    public void Underscore_in_an_attribute_name_is_accepted_with_a_warning(int bufferSize)
    {
        var result = Parse("dn: cn=a\nAn_idiot_Attribute: thanks M$ for that\n", bufferSize);

        Assert.Equal(B("thanks M$ for that"), result.SingleEntry().Value("An_idiot_Attribute"));
        result.SingleWarning("LDIF-NAME-UNDERSCORE", 2);
    }
}
