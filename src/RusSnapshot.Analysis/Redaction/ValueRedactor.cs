using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Redaction;

/// <summary>
/// Replaces the names in one value: a DN (parsed, unescaped, each RDN value redacted, escaped again), an LDAP filter
/// (values only), an LDAP URL, or any other text, token by token (DESIGN.md section 6). SIDs keep their RID and GUIDs
/// their form; binary values have the SIDs they embed replaced. The same text always gives the same result.
/// </summary>
public sealed partial class ValueRedactor(Pseudonyms pseudonyms)
{
    /// <summary>Values redacted lately, by their text: a dump repeats the same DNs (object categories, homeMDB, members) on every recipient.</summary>
    private const int CacheSize = 16 * 1024;

    private readonly Dictionary<string, string> _recent = new(StringComparer.Ordinal);

    /// <summary>The name map behind this redactor.</summary>
    public Pseudonyms Pseudonyms { get; } = pseudonyms ?? throw new ArgumentNullException(nameof(pseudonyms));

    /// <summary>
    /// Redacts a text value: a DN when it is one, an extended DN (<c>&lt;GUID=...&gt;;&lt;SID=...&gt;;DN</c>), a DN-binary
    /// (<c>B:32:hex:DN</c>), an LDAP filter, an LDAP URL, or otherwise any text, token by token.
    /// </summary>
    public string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return value;
        }

        if (_recent.TryGetValue(value, out var known))
        {
            return known;
        }

        var redacted = TextCore(value);
        if (_recent.Count >= CacheSize)
        {
            _recent.Clear(); // bounded: memory stays the name map's, whatever the dump's size
        }

        _recent[value] = redacted;
        return redacted;
    }

    private string TextCore(string value)
    {

        if (value[0] == '<' && ExtendedDn(value) is { } extended)
        {
            return extended;
        }

        if (value.Length > 2 && value[1] == ':' && value[0] is 'B' or 'b' or 'S' or 's' && DnWithData().Match(value) is { Success: true } m)
        {
            // DN-binary and DN-string syntaxes (wellKnownObjects): the data is a well-known GUID or a string; the DN is redacted.
            var data = m.Groups[1].Value[0] is 'B' or 'b' ? m.Groups[2].Value : Name(m.Groups[2].Value);
            return $"{m.Groups[1].Value}{data}:{Dn(m.Groups[3].Value)}";
        }

        if (value[0] == '(' && value[^1] == ')' && FilterItem().IsMatch(value))
        {
            return Filter(value);
        }

        if (value.StartsWith("ldap://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("ldaps://", StringComparison.OrdinalIgnoreCase))
        {
            return LdapUrl(value);
        }

        if (LooksLikeDn(value, out var dn))
        {
            return Dn(dn);
        }

        return Name(value);
    }

    /// <summary>Redacts a DN: every RDN value redacted and escaped again (RFC 4514); types kept. A text that does not parse is redacted as text.</summary>
    public string Dn(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        return dn.Length == 0 ? dn : DistinguishedName.TryParse(dn, out var parsed) ? Dn(parsed) : Name(dn);
    }

    /// <summary>Redacts a parsed DN. RDNs inside the product's vocabulary containers (the schema...) are kept.</summary>
    public string Dn(DistinguishedName dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var rdns = dn.Rdns;
        var keepBefore = VocabularyBoundary(dn);
        var result = new StringBuilder(dn.ToString().Length + 8);
        for (var i = 0; i < rdns.Count; i++)
        {
            if (i > 0)
            {
                result.Append(',');
            }

            var pairs = rdns[i].Pairs;
            for (var j = 0; j < pairs.Count; j++)
            {
                if (j > 0)
                {
                    result.Append('+');
                }

                var pair = pairs[j];
                result.Append(pair.Type).Append('=');
                result.Append(pair.IsHexString ? pair.Value : DistinguishedName.EscapeValue(i < keepBefore ? pair.Value : Name(pair.Value)));
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// True when <paramref name="dn"/> lies inside one of the product's vocabulary containers of the Configuration
    /// partition (<see cref="RedactionVocabulary.VocabularyContainers"/>), whose objects are named by the product.
    /// </summary>
    public static bool InVocabularyContainer(DistinguishedName dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        return VocabularyBoundary(dn) > 0;
    }

    /// <summary>
    /// Redacts names token by token: runs of letters and digits of <see cref="RedactionVocabulary.MinimumTokenLength"/>
    /// characters or more that hold a letter and are not keep words are replaced; GUIDs (not the well-known ones) and
    /// domain SIDs are replaced as such; everything between tokens stays as written (so <c>SMTP:</c> keeps its case and
    /// <c>john.smith@contoso.test</c> its dots).
    /// </summary>
    public string Name(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsTokenChar(text, i))
            {
                i++;
                continue;
            }

            // i starts a token: the loop only ever stops at the end of one.
            if (!TryGuid(text, i, out var end, out var replacement) && !TrySid(text, i, out end, out replacement))
            {
                end = i;
                while (end < text.Length && IsTokenChar(text, end))
                {
                    end++;
                }

                replacement = Token(text[i..end]);
            }

            if (!string.Equals(replacement, text[i..end], StringComparison.Ordinal))
            {
                result ??= new StringBuilder(text.Length);
                result.Append(text, copied, i - copied).Append(replacement);
                copied = end;
            }

            i = end;
        }

        if (result is null)
        {
            return text;
        }

        result.Append(text, copied, text.Length - copied);
        return result.ToString();
    }

    /// <summary>
    /// Replaces, in free text written about a dump (a support case's title and description), the names that the dump
    /// held and that were replaced in it, with the same pseudonyms; other words stay. So the text speaks of the
    /// redacted dump's names and leaks none of the original's.
    /// </summary>
    public string KnownNames(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsTokenChar(text, i))
            {
                result.Append(text[i++]);
                continue;
            }

            var end = i;
            while (end < text.Length && IsTokenChar(text, end))
            {
                end++;
            }

            var token = text[i..end];
            result.Append(Pseudonyms.Tokens.ContainsKey(token.ToUpperInvariant()) ? Pseudonyms.Token(token) : token);
            i = end;
        }

        return result.ToString();
    }

    /// <summary>
    /// Redacts an LDAP filter: attribute names, operators and structure kept; each assertion's value redacted as text,
    /// except class names (<c>objectClass</c>, <c>objectCategory</c> assertions).
    /// </summary>
    public string Filter(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return FilterItem().Replace(filter, m =>
        {
            var attribute = m.Groups[1].Value;
            var value = m.Groups[3].Value;
            var kept = attribute.Equals("objectClass", StringComparison.OrdinalIgnoreCase) || attribute.Equals("objectCategory", StringComparison.OrdinalIgnoreCase);
            var redacted = kept && !LooksLikeDn(value, out _) ? value : Text(value);
            return $"({attribute}{m.Groups[2].Value}{redacted})";
        });
    }

    /// <summary>
    /// Redacts a binary value in place: a GUID attribute's 16 bytes are replaced as a GUID; any other value has the
    /// domain SIDs it embeds (a binary SID, a security descriptor's owner, group and ACEs, SID lists) replaced, with
    /// their RIDs; schema and rights GUIDs inside security descriptors stay.
    /// </summary>
    public void Binary(Span<byte> value, bool guidAttribute)
    {
        if (guidAttribute && value.Length == 16)
        {
            if (!RedactionVocabulary.WellKnownGuids.Contains(new Guid(value)))
            {
                Pseudonyms.Guid(value);
            }

            return;
        }

        ReplaceEmbeddedSids(value);
    }

    /// <summary>
    /// Finds binary domain SIDs (revision 1, authority 5, first sub-authority 21, at least three more) anywhere in
    /// <paramref name="value"/> and replaces their three domain sub-authorities in place; the RID and the rest stay.
    /// </summary>
    public void ReplaceEmbeddedSids(Span<byte> value)
    {
        for (var i = 0; i + 24 <= value.Length; i++)
        {
            if (value[i] != 1 || value[i + 1] is < 4 or > 15 || !value.Slice(i + 2, 10).SequenceEqual(SidPrefix) || i + 8 + (4 * value[i + 1]) > value.Length)
            {
                continue;
            }

            var sub = value.Slice(i + 12, 12);
            var (a, b, c) = Pseudonyms.Domain(BinaryPrimitives.ReadUInt32LittleEndian(sub), BinaryPrimitives.ReadUInt32LittleEndian(sub[4..]),
                BinaryPrimitives.ReadUInt32LittleEndian(sub[8..]));
            BinaryPrimitives.WriteUInt32LittleEndian(sub, a);
            BinaryPrimitives.WriteUInt32LittleEndian(sub[4..], b);
            BinaryPrimitives.WriteUInt32LittleEndian(sub[8..], c);
            i += 23;
        }
    }

    /// <summary>Authority 5 (NT) big-endian after the sub-authority count, then the first sub-authority 21 (little-endian).</summary>
    private static ReadOnlySpan<byte> SidPrefix => [0, 0, 0, 0, 0, 5, 21, 0, 0, 0];

    private string Token(string token)
    {
        var letters = false;
        var length = 0;
        for (var i = 0; i < token.Length; i++)
        {
            if (char.IsLowSurrogate(token[i]))
            {
                continue;
            }

            length++;
            letters |= !char.IsAsciiDigit(token[i]);
        }

        return !letters || length < RedactionVocabulary.MinimumTokenLength || RedactionVocabulary.KeepWords.Contains(token)
            ? token
            : Pseudonyms.Token(token);
    }

    /// <summary>A GUID in text at <paramref name="start"/> (8-4-4-4-12 hex digits, not inside a longer token).</summary>
    private bool TryGuid(string text, int start, out int end, out string? replacement)
    {
        end = start + 36;
        replacement = null;
        if (end > text.Length || (end < text.Length && IsTokenChar(text, end)) || !IsGuidText(text.AsSpan(start, 36))
            || !System.Guid.TryParseExact(text.AsSpan(start, 36), "D", out var guid))
        {
            return false;
        }

        var original = text.Substring(start, 36);
        if (RedactionVocabulary.WellKnownGuids.Contains(guid))
        {
            replacement = original;
            return true;
        }

        var mapped = Pseudonyms.Guid(guid).ToString("D");
        replacement = original.Any(char.IsAsciiLetterUpper) ? mapped.ToUpperInvariant() : mapped;
        return true;
    }

    private static bool IsGuidText(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < 36; i++)
        {
            if (i is 8 or 13 or 18 or 23 ? s[i] != '-' : !char.IsAsciiHexDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A domain SID in text at <paramref name="start"/>: <c>S-1-5-21-a-b-c</c> (the RID after it is kept as written).</summary>
    private bool TrySid(string text, int start, out int end, out string? replacement)
    {
        replacement = null;
        end = start;
        if (text[start] is not ('S' or 's'))
        {
            return false;
        }

        var m = SidText().Match(text, start);
        if (!m.Success || m.Index != start)
        {
            return false;
        }

        end = start + m.Length;
        if (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            return false;
        }

        if (!uint.TryParse(m.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            || !uint.TryParse(m.Groups[3].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            || !uint.TryParse(m.Groups[4].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var c))
        {
            return false;
        }

        var (x, y, z) = Pseudonyms.Domain(a, b, c);
        replacement = string.Create(CultureInfo.InvariantCulture, $"{m.Groups[1].Value}{x}-{y}-{z}");
        return true;
    }

    /// <summary>
    /// True when the text is a DN that the token-wise redaction could get wrong: escaped characters, quoted values,
    /// or several RDNs (where the vocabulary containers apply). A lone <c>type=value</c> without escapes is text
    /// (X.400 pieces such as <c>p=Org</c>, <c>a= </c>), whose redaction token by token is the same and keeps its spaces.
    /// </summary>
    private static bool LooksLikeDn(string value, out DistinguishedName dn)
    {
        dn = DistinguishedName.Empty;
        if (value.Length < 3 || !char.IsAsciiLetter(value[0]) || !value.Contains('=', StringComparison.Ordinal)
            || !DistinguishedName.TryParse(value, out var parsed))
        {
            return false;
        }

        dn = parsed;
        return parsed.Depth >= 2 || value.Contains('\\', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal);
    }

    /// <summary>The index of the vocabulary container's RDN (the RDNs before it are kept), or 0.</summary>
    private static int VocabularyBoundary(DistinguishedName dn)
    {
        var rdns = dn.Rdns;
        for (var i = 1; i + 1 < rdns.Count; i++)
        {
            if (IsCn(rdns[i]) && RedactionVocabulary.VocabularyContainers.Contains(rdns[i].Value)
                && IsCn(rdns[i + 1]) && string.Equals(rdns[i + 1].Value, "Configuration", StringComparison.OrdinalIgnoreCase)
                && rdns.Skip(i + 2).All(r => !r.IsMultiValued && string.Equals(r.Type, "DC", StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return 0;
    }

    private static bool IsCn(RelativeDistinguishedName rdn) => !rdn.IsMultiValued && string.Equals(rdn.Type, "CN", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>&lt;GUID=hex&gt;;&lt;SID=hex&gt;;DN</c> (MS-ADTS 3.1.1.3.4.1.5, extended DN control): GUID and SID replaced, DN redacted.</summary>
    private string? ExtendedDn(string value)
    {
        var result = new StringBuilder(value.Length);
        var at = 0;
        while (at < value.Length && value[at] == '<')
        {
            var close = value.IndexOf('>', at);
            var eq = value.IndexOf('=', at);
            if (close < 0 || eq < 0 || eq > close)
            {
                return null;
            }

            var kind = value[(at + 1)..eq];
            var data = value[(eq + 1)..close];
            string mapped;
            if (kind.Equals("GUID", StringComparison.OrdinalIgnoreCase) && data.Length == 32 && Hex.IsValid(Encoding.ASCII.GetBytes(data)))
            {
                var bytes = Convert.FromHexString(data);
                Binary(bytes, guidAttribute: true);
                mapped = Hex.ToLowerHex(bytes);
            }
            else if (kind.Equals("SID", StringComparison.OrdinalIgnoreCase) && data.Length % 2 == 0 && Hex.IsValid(Encoding.ASCII.GetBytes(data)))
            {
                var bytes = Convert.FromHexString(data);
                ReplaceEmbeddedSids(bytes);
                mapped = Hex.ToLowerHex(bytes);
            }
            else
            {
                mapped = Name(data);
            }

            result.Append('<').Append(kind).Append('=').Append(mapped).Append('>');
            at = close + 1;
            if (at < value.Length && value[at] == ';')
            {
                result.Append(';');
                at++;
            }
        }

        return result.Append(Dn(value[at..])).ToString();
    }

    /// <summary><c>ldap://host:port/DN?attributes?scope?filter</c>: the host and the DN redacted (the DN percent-decoded first).</summary>
    private string LdapUrl(string url)
    {
        var schemeEnd = url.IndexOf("//", StringComparison.Ordinal) + 2;
        var slash = url.IndexOf('/', schemeEnd);
        var host = slash < 0 ? url[schemeEnd..] : url[schemeEnd..slash];
        var result = new StringBuilder(url.Length).Append(url, 0, schemeEnd).Append(Name(host));
        if (slash < 0)
        {
            return result.ToString();
        }

        var rest = url[(slash + 1)..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rest : rest[..query];
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            decoded = path;
        }

        result.Append('/').Append(Uri.EscapeDataString(Dn(decoded)).Replace("%3D", "=", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal));
        if (query >= 0)
        {
            result.Append(Name(rest[query..]));
        }

        return result.ToString();
    }

    /// <summary>A letter, digit or combining mark (surrogate pairs of letters count as one letter).</summary>
    private static bool IsTokenChar(string s, int i)
    {
        var c = s[i];
        if (char.IsAsciiLetterOrDigit(c))
        {
            return true;
        }

        if (c < 0x80)
        {
            return false;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 < s.Length && char.IsLetter(s, i);
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsLetter(s, i - 1);
        }

        return char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    [GeneratedRegex(@"\G(S-1-5-21-)(\d{1,10})-(\d{1,10})-(\d{1,10})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SidText();

    [GeneratedRegex(@"^([BbSs]:\d+:)([^:]*):(.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DnWithData();

    [GeneratedRegex(@"\(\s*([A-Za-z0-9][A-Za-z0-9;.:\-]*?)\s*(~=|>=|<=|:=|=)([^()]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex FilterItem();
}
