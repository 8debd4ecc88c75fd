using System.Globalization;
using System.Text;

namespace RusSnapshot.Dumps.Tests;

public class DistinguishedNameTests
{
    private const string DeletedServerDn =
        @"CN=EX1\0ADEL:1c6b1deb-c372-4cbb-87b1-15031de169db,CN=Deleted Objects,DC=corp,DC=test";

    private static readonly DistinguishedName Corp = DistinguishedName.Parse("DC=corp,DC=test");

    // ---- Structure ----

    [Fact]
    public void Rdns_are_listed_leftmost_first_with_types_as_written()
    {
        var dn = DistinguishedName.Parse("cn=Recipient Update Service (CORP),CN=Recipient Update Services,DC=corp");

        Assert.Equal(3, dn.Depth);
        Assert.Equal(["cn", "CN", "DC"], dn.Rdns.Select(r => r.Type));
        Assert.Equal(["Recipient Update Service (CORP)", "Recipient Update Services", "corp"], dn.Rdns.Select(r => r.Value));
        Assert.Same(dn.Rdns[0], dn.Rdn);
    }

    [Fact]
    public void Empty_string_is_the_valid_empty_dn()
    {
        var dn = DistinguishedName.Parse(string.Empty);

        Assert.True(dn.IsEmpty);
        Assert.Equal(0, dn.Depth);
        Assert.Null(dn.Rdn);
        Assert.Null(dn.Parent);
        Assert.Equal(string.Empty, dn.ToString());
        Assert.Equal(string.Empty, dn.Canonical);
        Assert.Equal(DistinguishedName.Empty, dn);
        Assert.False(dn.IsDeleted);
    }

    [Theory]
    [InlineData("CN=a , DC=b")]
    [InlineData(@"cn=A\2Cb;dc=B")]
    [InlineData("CN=\"Smith, John\" + UID=js,DC=corp")]
    public void ToString_returns_the_text_exactly_as_written(string text)
    {
        Assert.Equal(text, DistinguishedName.Parse(text).ToString());
    }

    [Fact]
    public void Rdn_ToString_returns_the_rdn_as_written_without_padding()
    {
        var dn = DistinguishedName.Parse(@" cn = a\,b  ; CN=x + UID=y ,DC=c\ ");

        Assert.Equal([@"cn = a\,b", "CN=x + UID=y", @"DC=c\ "], dn.Rdns.Select(r => r.ToString()));
    }

    // ---- Escapes ----

    [Theory]
    [InlineData(@"CN=a\,b", "a,b")]
    [InlineData(@"CN=a\+b", "a+b")]
    [InlineData(@"CN=a\""b", "a\"b")]
    [InlineData(@"CN=a\\b", @"a\b")]
    [InlineData(@"CN=a\<b\>", "a<b>")]
    [InlineData(@"CN=a\;b", "a;b")]
    [InlineData(@"CN=a\=b", "a=b")]
    [InlineData(@"CN=\#a", "#a")]
    [InlineData(@"CN=\ a\ ", " a ")]
    [InlineData(@"CN=a\ b", "a b")]
    public void Special_character_escapes_stand_for_the_character(string text, string value)
    {
        Assert.Equal(value, DistinguishedName.Parse(text).Rdn!.Value);
    }

    [Theory]
    [InlineData(@"CN=a\0Ab", "a\nb")]
    [InlineData(@"CN=a\0ab", "a\nb")]
    [InlineData(@"CN=\41\42", "AB")]
    [InlineData(@"CN=\2C", ",")]
    [InlineData(@"CN=\00", "\0")]
    public void Hex_pair_escapes_decode_to_the_character(string text, string value)
    {
        Assert.Equal(value, DistinguishedName.Parse(text).Rdn!.Value);
    }

    [Theory]
    [InlineData(@"CN=Ren\C3\A9", "René")]
    [InlineData(@"CN=\E4\B8\AD\E6\96\87", "中文")]
    [InlineData(@"CN=\F0\9F\98\80", "😀")]
    [InlineData(@"CN=\c3\a9\,\C3\A9", "é,é")]
    public void A_run_of_hex_pairs_is_decoded_together_as_UTF8(string text, string value)
    {
        Assert.Equal(value, DistinguishedName.Parse(text).Rdn!.Value);
    }

    [Fact]
    public void Unescaped_non_ascii_characters_and_equals_signs_are_kept()
    {
        Assert.Equal("René=中文", DistinguishedName.Parse("CN=René=中文").Rdn!.Value);
    }

    [Fact]
    public void Unescaped_quote_and_angle_brackets_inside_a_value_are_tolerated_as_literals()
    {
        Assert.Equal("a\"b<c>d#", DistinguishedName.Parse("CN=a\"b<c>d#").Rdn!.Value);
    }

    [Fact]
    public void Raw_control_characters_are_kept_as_they_come_from_base64_ldif()
    {
        Assert.Equal("EX1\nDEL:x", DistinguishedName.Parse("CN=EX1\nDEL:x,DC=corp").Rdn!.Value);
    }

    // ---- Spaces and separators ----

    [Theory]
    [InlineData("CN=a,DC=b")]
    [InlineData("CN=a , DC=b")]
    [InlineData("CN = a,DC = b")]
    [InlineData("  CN=a,DC=b  ")]
    [InlineData("CN=a;DC=b")]
    [InlineData("CN=a ; DC=b")]
    public void Spaces_around_separators_and_semicolons_are_tolerated(string text)
    {
        var dn = DistinguishedName.Parse(text);

        Assert.Equal(["CN", "DC"], dn.Rdns.Select(r => r.Type));
        Assert.Equal(["a", "b"], dn.Rdns.Select(r => r.Value));
        Assert.Equal("CN=A,DC=B", dn.Canonical);
    }

    [Fact]
    public void Spaces_inside_a_value_are_kept()
    {
        Assert.Equal("Exchange  Domain Servers", DistinguishedName.Parse("CN=Exchange  Domain Servers ,DC=b").Rdn!.Value);
    }

    [Fact]
    public void Escaped_trailing_space_is_kept_but_the_unescaped_padding_after_it_is_not()
    {
        Assert.Equal("a ", DistinguishedName.Parse(@"CN=a\  ,DC=b").Rdn!.Value);
        Assert.Equal("a ", DistinguishedName.Parse(@"CN=a\20 ,DC=b").Rdn!.Value);
    }

    [Fact]
    public void An_empty_value_is_allowed()
    {
        var dn = DistinguishedName.Parse("CN=,DC=b");

        Assert.Equal(string.Empty, dn.Rdn!.Value);
        Assert.Equal("CN=,DC=B", dn.Canonical);
    }

    // ---- Multi-valued RDNs ----

    [Fact]
    public void Plus_joins_pairs_into_one_multi_valued_rdn()
    {
        var dn = DistinguishedName.Parse("CN=John Smith + UID=js,OU=Users,DC=corp");

        Assert.Equal(3, dn.Depth);
        Assert.True(dn.Rdn!.IsMultiValued);
        Assert.Equal(["CN", "UID"], dn.Rdn.Pairs.Select(p => p.Type));
        Assert.Equal(["John Smith", "js"], dn.Rdn.Pairs.Select(p => p.Value));
        Assert.False(dn.Rdns[1].IsMultiValued);
    }

    [Fact]
    public void Order_of_pairs_in_a_multi_valued_rdn_does_not_matter()
    {
        Assert.Equal(
            DistinguishedName.Parse("CN=a+UID=b,DC=c"),
            DistinguishedName.Parse("uid=B+cn=A,DC=c"));
    }

    // ---- Quoted values (RFC 1779) ----

    [Fact]
    public void Quoted_value_may_contain_separators()
    {
        var dn = DistinguishedName.Parse("CN=\"Smith, John; Jr. + co\",DC=corp");

        Assert.Equal(2, dn.Depth);
        Assert.Equal("Smith, John; Jr. + co", dn.Rdn!.Value);
    }

    [Fact]
    public void Quoted_value_keeps_its_spaces_and_honours_escapes()
    {
        Assert.Equal(" a \"b\" é ", DistinguishedName.Parse(@"CN="" a \""b\"" \C3\A9 "" , DC=c").Rdn!.Value);
    }

    [Fact]
    public void Quoted_value_equals_the_same_value_escaped()
    {
        Assert.Equal(DistinguishedName.Parse(@"CN=Smith\, John"), DistinguishedName.Parse("CN=\"Smith, John\""));
    }

    // ---- Hex-string (BER) values ----

    [Fact]
    public void Hex_string_value_is_kept_raw_and_flagged()
    {
        var pair = DistinguishedName.Parse("1.3.6.1.4.1.1466.0=#04024869,DC=corp").Rdn!.Pairs[0];

        Assert.True(pair.IsHexString);
        Assert.Equal("#04024869", pair.Value);
    }

    [Fact]
    public void Hex_string_values_compare_case_insensitively()
    {
        Assert.Equal(DistinguishedName.Parse("CN=#04ab"), DistinguishedName.Parse("CN=#04AB "));
    }

    [Fact]
    public void Escaped_hash_is_a_plain_string_and_differs_from_a_hex_string()
    {
        var plain = DistinguishedName.Parse(@"CN=\#04AB");

        Assert.False(plain.Rdn!.Pairs[0].IsHexString);
        Assert.Equal("#04AB", plain.Rdn.Value);
        Assert.NotEqual(DistinguishedName.Parse("CN=#04AB"), plain);
    }

    // ---- Attribute types ----

    [Theory]
    [InlineData("2.5.4.3=x")]
    [InlineData("OID.2.5.4.3=x")]
    [InlineData("oid.2.5.4.3=x")]
    [InlineData("cn=X")]
    public void Well_known_OID_types_equal_their_short_names(string text)
    {
        var dn = DistinguishedName.Parse(text);

        Assert.Equal(text[..text.IndexOf('=', StringComparison.Ordinal)], dn.Rdn!.Type);
        Assert.Equal(DistinguishedName.Parse("CN=x"), dn);
    }

    [Fact]
    public void Unknown_OID_types_stay_numeric()
    {
        var dn = DistinguishedName.Parse("OID.1.2.840.113556.1.4.1=x");

        Assert.Equal("1.2.840.113556.1.4.1=X", dn.Canonical);
    }

    [Fact]
    public void Attribute_names_may_contain_digits_and_hyphens()
    {
        Assert.Equal("MSEXCH-FOO1=X", DistinguishedName.Parse("msExch-Foo1=x").Canonical);
    }

    // ---- Canonical form and equality ----

    [Fact]
    public void Canonical_form_upper_cases_and_normalises_separators_and_escapes()
    {
        var dn = DistinguishedName.Parse(@"uid=js + cn=Smith\2C John ,ou=Users;dc=corp");

        Assert.Equal(@"CN=SMITH\, JOHN+UID=JS,OU=USERS,DC=CORP", dn.Canonical);
        Assert.Equal(dn.Canonical, dn.ToCanonicalString());
    }

    [Theory]
    [InlineData(@"CN=a\,b,DC=c", @"cn=A\2Cb,dc=C")]
    [InlineData("CN=x , DC=y", "CN=x,DC=y")]
    [InlineData("CN=x;DC=y", "CN=x,DC=y")]
    [InlineData(@"CN=\41", "CN=a")]
    [InlineData("CN=René", @"CN=REN\C3\89")]
    [InlineData("CN=\"a,b\"", @"CN=a\,b")]
    [InlineData(@"CN=a\=b", "CN=a=b")]
    [InlineData(@"CN=a\ b", "CN=a b")]
    [InlineData(@"CN=a\0Ab", "CN=a\nb")]
    [InlineData("CN=é", "CN=É")]
    public void Dns_that_differ_only_in_case_spacing_or_escaping_are_equal(string a, string b)
    {
        var left = DistinguishedName.Parse(a);
        var right = DistinguishedName.Parse(b);

        Assert.Equal(left, right);
        Assert.True(left == right);
        Assert.False(left != right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.True(DistinguishedName.Comparer.Equals(left, right));
        Assert.Equal(DistinguishedName.Comparer.GetHashCode(left), DistinguishedName.Comparer.GetHashCode(right));
        Assert.True(DistinguishedName.Equals(a, b));
    }

    [Theory]
    [InlineData("CN=a,DC=b", "CN=a,DC=c")]
    [InlineData("CN=a", "OU=a")]
    [InlineData("CN=a b", "CN=ab")]
    [InlineData(@"CN=a\ ", "CN=a")]
    [InlineData("CN=a,DC=b", "CN=a")]
    [InlineData("CN=a+UID=b", "CN=a,UID=b")]
    [InlineData("CN=ß", "CN=SS")]
    public void Dns_that_differ_in_content_or_structure_are_not_equal(string a, string b)
    {
        var left = DistinguishedName.Parse(a);
        var right = DistinguishedName.Parse(b);

        Assert.NotEqual(left, right);
        Assert.True(left != right);
        Assert.False(DistinguishedName.Equals(a, b));
    }

    [Fact]
    public void Equal_dns_collapse_in_a_hash_set()
    {
        var set = new HashSet<DistinguishedName>(DistinguishedName.Comparer)
        {
            DistinguishedName.Parse("CN=RUS,DC=corp"),
            DistinguishedName.Parse("cn=rus , dc=CORP"),
            DistinguishedName.Parse(@"CN=\52US;DC=corp"),
        };

        Assert.Single(set);
    }

    [Fact]
    public void Null_handling_of_equality_follows_the_usual_rules()
    {
        DistinguishedName? none = null;
        var dn = DistinguishedName.Parse("CN=a");

        Assert.True(none == null);
        Assert.False(dn == none);
        Assert.False(dn.Equals(none));
        Assert.False(dn.Equals("CN=a"));
        Assert.True(DistinguishedName.Comparer.Equals(null, null));
        Assert.True(DistinguishedName.Equals((string?)null, null));
        Assert.False(DistinguishedName.Equals("CN=a", null));
    }

    [Fact]
    public void String_equality_falls_back_to_ordinal_ignore_case_when_a_string_does_not_parse()
    {
        Assert.True(DistinguishedName.Equals("CN=a,,DC=b", "cn=A,,dc=B"));
        Assert.False(DistinguishedName.Equals("CN=a,,DC=b", "CN=a,DC=b"));
        Assert.False(DistinguishedName.Equals(@"CN=a\,b", "CN=a\\"));
    }

    // ---- Navigation ----

    [Fact]
    public void Parent_drops_the_first_rdn_and_keeps_the_rest_as_written()
    {
        var dn = DistinguishedName.Parse("CN=a , OU=b;dc=c");

        Assert.Equal("OU=b;dc=c", dn.Parent!.ToString());
        Assert.Equal("dc=c", dn.Parent.Parent!.ToString());
        Assert.Equal(DistinguishedName.Parse("OU=B,DC=C"), dn.Parent);
        Assert.Equal(2, dn.Parent.Depth);
    }

    [Fact]
    public void Parent_of_a_single_rdn_is_empty_and_parent_of_empty_is_null()
    {
        Assert.Same(DistinguishedName.Empty, DistinguishedName.Parse("DC=test").Parent);
        Assert.Null(DistinguishedName.Empty.Parent);
    }

    [Fact]
    public void IsDescendantOf_is_strict_unless_asked_to_include_self()
    {
        var rus = DistinguishedName.Parse(
            "CN=Recipient Update Service (CORP),CN=Recipient Update Services,CN=Address Lists Container,CN=Org,DC=corp,DC=test");

        Assert.True(rus.IsDescendantOf(Corp));
        Assert.True(rus.IsDescendantOf(DistinguishedName.Parse("cn=org , DC=CORP;dc=test")));
        Assert.False(rus.IsDescendantOf(rus));
        Assert.True(rus.IsDescendantOf(rus, orSelf: true));
        Assert.True(rus.IsUnder(rus));
        Assert.True(rus.IsUnder(Corp));
        Assert.False(Corp.IsDescendantOf(rus));
        Assert.False(Corp.IsUnder(rus));
    }

    [Fact]
    public void Descent_compares_whole_rdns_not_string_suffixes()
    {
        Assert.False(DistinguishedName.Parse("CN=a,DC=xcorp,DC=test").IsDescendantOf(Corp));
        Assert.False(DistinguishedName.Parse(@"CN=a,DC=x\,DC=corp,DC=test").IsUnder(DistinguishedName.Parse("DC=x,DC=corp,DC=test")));
        Assert.False(DistinguishedName.Parse("CN=a,DC=corp,DC=test").IsDescendantOf(DistinguishedName.Parse("DC=other,DC=test")));
    }

    [Fact]
    public void Every_non_empty_dn_descends_from_the_empty_dn()
    {
        Assert.True(Corp.IsDescendantOf(DistinguishedName.Empty));
        Assert.False(DistinguishedName.Empty.IsDescendantOf(DistinguishedName.Empty));
        Assert.True(DistinguishedName.Empty.IsUnder(DistinguishedName.Empty));
    }

    [Fact]
    public void Child_escapes_the_value_and_prepends_the_rdn()
    {
        var child = Corp.Child("CN", "Smith, John");

        Assert.Equal(@"CN=Smith\, John,DC=corp,DC=test", child.ToString());
        Assert.Equal("Smith, John", child.Rdn!.Value);
        Assert.Equal(Corp, child.Parent);
    }

    [Fact]
    public void Child_of_the_empty_dn_has_one_rdn()
    {
        Assert.Equal("DC=test", DistinguishedName.Empty.Child("DC", "test").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("C N")]
    [InlineData("CN=x")]
    public void Child_rejects_an_invalid_type(string type)
    {
        Assert.Throws<ArgumentException>(() => Corp.Child(type, "x"));
    }

    // ---- EscapeValue ----

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b+c", @"a\,b\+c")]
    [InlineData("say \"hi\"", @"say \""hi\""")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("<script>;", @"\<script\>\;")]
    [InlineData(" a ", @"\ a\ ")]
    [InlineData(" ", @"\ ")]
    [InlineData("  ", @"\ \ ")]
    [InlineData("a  b", "a  b")]
    [InlineData("#a#", @"\#a#")]
    [InlineData("a=b", "a=b")]
    [InlineData("EX1\nDEL:x", @"EX1\0ADEL:x")]
    [InlineData("\0\t\r\u007F", @"\00\09\0D\7F")]
    [InlineData("René 中文", "René 中文")]
    public void EscapeValue_escapes_what_RFC_4514_requires(string value, string escaped)
    {
        Assert.Equal(escaped, DistinguishedName.EscapeValue(value));
    }

    [Theory]
    [InlineData(",")]
    [InlineData("+")]
    [InlineData("\"")]
    [InlineData("\\")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData(" ")]
    [InlineData("#")]
    [InlineData("#04024869")]
    [InlineData("\n")]
    [InlineData("EX1\nDEL:1c6b1deb-c372-4cbb-87b1-15031de169db")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData(@"\2C")]
    [InlineData("a;b=c")]
    [InlineData("\"quoted\"")]
    public void Hostile_values_round_trip_through_Child_and_Parse(string value)
    {
        var child = Corp.Child("CN", value);
        var reparsed = DistinguishedName.Parse(child.ToString());

        Assert.Equal(value, reparsed.Rdn!.Value);
        Assert.False(reparsed.Rdn.Pairs[0].IsHexString);
        Assert.Equal(Corp, reparsed.Parent);
        Assert.Equal(child, reparsed);
    }

    [Fact]
    public void Random_values_round_trip_and_compare_like_ordinal_ignore_case()
    {
        // Weighted towards characters that need escaping; the last entries are a surrogate pair and letters
        // whose case mapping is unusual (ß has no simple upper case, ı upper-cases to ASCII I).
        string[] alphabet =
        [
            ",", "+", "\"", "\\", "<", ">", ";", "=", "#", " ", " ", "\n", "\r", "\t", "\0", "\u007F",
            "a", "A", "b", "z", "Z", "0", "9", "é", "É", "ß", "ı", "i", "I", "中", "😀", "DEL:",
        ];
        var random = new Random(4514);

        for (var iteration = 0; iteration < 5000; iteration++)
        {
            var value = RandomValue(random, alphabet);
            var escaped = DistinguishedName.EscapeValue(value);
            var dn = DistinguishedName.Parse("CN=" + escaped + ",DC=corp,DC=test");

            Assert.Equal(value, dn.Rdn!.Value);
            Assert.Equal(dn, Corp.Child("cn", value));

            // Other spellings of the same value: fully hex-escaped, quoted, padded with spaces.
            Assert.Equal(dn, DistinguishedName.Parse("CN=" + HexEscape(value) + ",DC=corp,DC=test"));
            Assert.Equal(dn, DistinguishedName.Parse("CN=" + Quote(value) + " ; DC=corp , DC=test"));
            Assert.Equal(dn, DistinguishedName.Parse("cn = " + escaped + " ,DC=corp,DC=test"));

            // Equality of DNs must agree with ordinal-ignore-case equality of the values.
            var variant = RandomCaseVariant(random, value);
            var other = Corp.Child("CN", variant);
            Assert.Equal(string.Equals(value, variant, StringComparison.OrdinalIgnoreCase), dn == other);
            Assert.True(dn != other || dn.GetHashCode() == other.GetHashCode());

            var unrelated = RandomValue(random, alphabet);
            Assert.Equal(
                string.Equals(value, unrelated, StringComparison.OrdinalIgnoreCase),
                dn == Corp.Child("CN", unrelated));
        }
    }

    // ---- Deleted objects ----

    [Fact]
    public void Escaped_delete_mangled_rdn_marks_the_dn_as_deleted()
    {
        var dn = DistinguishedName.Parse(DeletedServerDn);

        Assert.True(dn.IsDeleted);
        Assert.Equal("EX1\nDEL:1c6b1deb-c372-4cbb-87b1-15031de169db", dn.Rdn!.Value);
        Assert.Equal(DeletedServerDn, dn.ToString());
    }

    [Fact]
    public void Raw_line_feed_from_a_base64_dn_also_marks_the_dn_as_deleted()
    {
        var raw = DistinguishedName.Parse(DeletedServerDn.Replace(@"\0A", "\n", StringComparison.Ordinal));

        Assert.True(raw.IsDeleted);
        Assert.Equal(DistinguishedName.Parse(DeletedServerDn), raw);
    }

    [Fact]
    public void A_delete_mangled_rdn_anywhere_in_the_dn_counts()
    {
        Assert.True(DistinguishedName.Parse(@"CN=child,CN=EX1\0ADEL:1c6b1deb-c372-4cbb-87b1-15031de169db,DC=corp").IsDeleted);
    }

    [Theory]
    [InlineData("CN=Deleted Objects,DC=corp,DC=test")]
    [InlineData("CN=DEL:1c6b1deb,DC=corp")]
    [InlineData("CN=EX1 DEL:1c6b1deb,DC=corp")]
    [InlineData(@"CN=EX1\0ACNF:1c6b1deb,DC=corp")]
    [InlineData(@"CN=EX1\0A,DC=corp")]
    public void Dns_without_the_delete_mangle_are_not_deleted(string text)
    {
        Assert.False(DistinguishedName.Parse(text).IsDeleted);
    }

    // ---- Rejections ----

    [Theory]
    [InlineData("CN", 2, "Missing '='", "the end of the input")]
    [InlineData("CN=a,DC", 7, "Missing '='", "the end of the input")]
    [InlineData("CN=a,b,DC=c", 6, "Missing '='", "','")]
    [InlineData("=a", 0, "Empty attribute type", "'='")]
    [InlineData("CN=a, =b", 6, "Empty attribute type", "'='")]
    [InlineData("CN=a,,DC=b", 5, "Empty RDN", "','")]
    [InlineData("CN=a;;DC=b", 5, "Empty RDN", "';'")]
    [InlineData("CN=a,", 5, "Empty RDN", "the end of the input")]
    [InlineData(",CN=a", 0, "Empty RDN", "','")]
    [InlineData("   ", 3, "Empty RDN", "the end of the input")]
    [InlineData("CN=a+,DC=b", 5, "Missing attribute type", "','")]
    [InlineData(@"CN=a\", 4, "Trailing '\\'", "the end of the input")]
    [InlineData(@"CN=a\G", 4, "Bad escape", "'G'")]
    [InlineData(@"CN=a\4", 4, "Bad hex escape", "the end of the input")]
    [InlineData(@"CN=a\4G", 4, "Bad hex escape", "'G'")]
    [InlineData(@"CN=a\41\4", 7, "Bad hex escape", "the end of the input")]
    [InlineData(@"CN=a\C3", 4, "Bad hex escape", "an invalid or incomplete UTF-8 sequence")]
    [InlineData(@"CN=a\C3\28", 4, "Bad hex escape", "an invalid or incomplete UTF-8 sequence")]
    [InlineData(@"CN=ok\41\FF", 8, "Bad hex escape", "an invalid or incomplete UTF-8 sequence")]
    [InlineData("CN=\"Smith, John", 3, "Unterminated quoted value", "the end of the input")]
    [InlineData(@"CN=""a\"",DC=b", 3, "Unterminated quoted value", "the end of the input")]
    [InlineData("CN=\"a\"b", 6, "Unexpected character", "'b'")]
    [InlineData("C N=a", 1, "Invalid attribute type", "' '")]
    [InlineData("CN=a, 1=b", 7, "Invalid attribute type", "'='")]
    [InlineData("CN=a+ OID.CN=b", 10, "Invalid attribute type", "'C'")]
    [InlineData("OID.=a", 4, "Invalid attribute type", "'='")]
    [InlineData("2.5..4=a", 4, "Invalid attribute type", "'.'")]
    [InlineData("2.5.=a", 4, "Invalid attribute type", "'='")]
    [InlineData("-cn=a", 0, "Invalid attribute type", "'-'")]
    [InlineData("c_n=a", 1, "Invalid attribute type", "'_'")]
    [InlineData("CN=#", 3, "Bad hex string", "'#'")]
    [InlineData("CN=#abc", 3, "Bad hex string", "'#'")]
    [InlineData("CN=#zz", 3, "Bad hex string", "'#'")]
    [InlineData("CN=#0402 48", 9, "Unexpected character", "'4'")]
    public void Malformed_dns_are_rejected_with_the_position_and_what_was_expected(
        string text, int position, string problem, string found)
    {
        Assert.False(DistinguishedName.TryParse(text, out var dn, out var error));
        Assert.Null(dn);
        Assert.StartsWith(problem + " at position " + position.ToString(CultureInfo.InvariantCulture) + ": expected ", error, StringComparison.Ordinal);
        Assert.EndsWith("found " + found + ".", error, StringComparison.Ordinal);

        var exception = Assert.Throws<DistinguishedNameFormatException>(() => DistinguishedName.Parse(text));
        Assert.Equal(position, exception.Position);
        Assert.Equal(error, exception.Message);
        Assert.IsAssignableFrom<FormatException>(exception);
    }

    [Fact]
    public void Error_messages_show_control_characters_as_code_points()
    {
        Assert.False(DistinguishedName.TryParse("CN=#04\n", out _, out var error));
        Assert.EndsWith("found U+000A.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_messages_do_not_repeat_the_input()
    {
        Assert.False(DistinguishedName.TryParse("CN=SecretCustomerName,,DC=b", out _, out var error));
        Assert.DoesNotContain("SecretCustomerName", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_rejected()
    {
        Assert.False(DistinguishedName.TryParse(null, out var dn, out var error));
        Assert.Null(dn);
        Assert.NotNull(error);
        Assert.Throws<ArgumentNullException>(() => DistinguishedName.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => DistinguishedName.EscapeValue(null!));
    }

    [Fact]
    public void TryParse_without_error_output_reports_success()
    {
        Assert.True(DistinguishedName.TryParse("CN=a", out var dn));
        Assert.Equal("CN=a", dn.ToString());
        Assert.False(DistinguishedName.TryParse("CN=a,", out _));
    }

    // ---- Helpers ----

    private static string RandomValue(Random random, string[] alphabet)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            // Now and then any BMP character outside the surrogate range, to go beyond the alphabet.
            builder.Append(random.Next(8) == 0
                ? ((char)random.Next(0x20, 0xD800)).ToString()
                : alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomCaseVariant(Random random, string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(3) switch
            {
                0 => char.ToUpperInvariant(chars[i]),
                1 => char.ToLowerInvariant(chars[i]),
                _ => chars[i],
            };
        }

        return new string(chars);
    }

    private static string HexEscape(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => "\\" + b.ToString("X2", CultureInfo.InvariantCulture)));

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
