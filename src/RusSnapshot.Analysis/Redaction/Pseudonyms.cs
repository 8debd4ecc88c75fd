using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace RusSnapshot.Analysis.Redaction;

/// <summary>
/// The name map: each token, domain SID and GUID is replaced by a pseudonym derived from it with HMAC-SHA256 under the
/// run's <see cref="RedactionKey"/>, so the same name maps alike everywhere without a first pass over the dump, and two
/// dumps redacted with one key match. Memory holds one entry per distinct token and domain (GUIDs are derived, not
/// kept): it grows with the names, not with the recipients.
/// </summary>
/// <remarks>
/// <para>A token's pseudonym keeps its shape: the same number of characters, digits where it had digits (a number is
/// not a name), letters where it had letters, upper case where it had upper case. So a DNS label stays a DNS label, a
/// NetBIOS name stays within 15 characters, a sAMAccountName within 20, an e-mail local part valid. ASCII letters are
/// drawn from the consonants only, so a pseudonym reads as one and is unlikely to equal a real name; letters outside
/// ASCII become accented Latin letters, so the dump keeps its need for base64 and for its code page.</para>
/// <para>Tokens are identified case-insensitively (upper-cased as <see cref="Dumps.DnKey"/> does), so <c>contoso</c>,
/// <c>Contoso</c> and <c>CONTOSO</c> get the same letters, each in its own case: DN comparisons still match. A pseudonym
/// is never the token itself, a keep word, or another token's pseudonym; when the first candidate is taken, the next
/// one is derived (attempt 1, 2...). Such a collision is resolved in the order names are met, so for two dumps to match
/// exactly even then, pass the first run's mapping back in (<see cref="Preload"/>).</para>
/// </remarks>
public sealed class Pseudonyms : IDisposable
{
    private const string Consonants = "bcdfghjklmnpqrstvwxz";

    /// <summary>For letters outside ASCII: accented Latin letters of Windows-1252 (with their capitals), so a name that needed
    /// base64 in LDIF or the ANSI code page in csvde still does after redaction, and the readers' paths stay exercised.</summary>
    private const string Accented = "àáâäçèéêëìíîïñòóôöùúûüø";
    private const char NoOutput = '\0';

    private readonly HMACSHA256 _hmac;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);        // upper-case token -> shape (lower case)
    private readonly Dictionary<string, string> _takenBy = new(StringComparer.Ordinal);       // lower-case pseudonym -> upper-case token
    private readonly Dictionary<(uint, uint, uint), (uint, uint, uint)> _domains = [];
    private readonly HashSet<(uint, uint, uint)> _domainsTaken = [];
    private readonly byte[] _input = new byte[64];

    public Pseudonyms(RedactionKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        _hmac = new HMACSHA256(key.Bytes);
    }

    /// <summary>The key in use.</summary>
    public RedactionKey Key { get; }

    /// <summary>Distinct tokens mapped so far (upper-cased) and their pseudonyms (lower case, as derived).</summary>
    public IReadOnlyDictionary<string, string> Tokens => _tokens;

    /// <summary>Domain SIDs mapped so far (<c>S-1-5-21-a-b-c</c>) and their pseudonyms.</summary>
    public IEnumerable<KeyValuePair<string, string>> DomainSids =>
        _domains.Select(d => KeyValuePair.Create(SidText(d.Key), SidText(d.Value)));

    /// <summary>
    /// Seeds the map with a pseudonym chosen by an earlier run with the same key (its mapping file), so that a later
    /// dump of the same customer gets the very same pseudonyms even where the earlier run resolved a collision.
    /// </summary>
    /// <exception cref="ArgumentException">The pseudonym does not have the token's shape, or is taken by another token.</exception>
    public void Preload(string token, string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(pseudonym);
        var upper = token.ToUpperInvariant();
        var lower = pseudonym.ToLowerInvariant();
        var shape = ShapeOf(upper, lower)
            ?? throw new ArgumentException($"The mapping of '{token}' to '{pseudonym}' does not keep the token's shape.", nameof(pseudonym));
        if (_takenBy.TryGetValue(lower, out var other) && !string.Equals(other, upper, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{pseudonym}' is mapped from two tokens.", nameof(pseudonym));
        }

        if (_tokens.TryGetValue(upper, out var previous))
        {
            _takenBy.Remove(Visible(previous));
        }

        _tokens[upper] = shape;
        _takenBy[lower] = upper;
    }

    /// <summary>Seeds the map with an earlier run's domain SID pseudonym (<c>S-1-5-21-a-b-c</c> both).</summary>
    /// <exception cref="FormatException">A SID is not a domain SID.</exception>
    public void PreloadDomainSid(string sid, string pseudonym)
    {
        var from = ParseDomainSid(sid);
        var to = ParseDomainSid(pseudonym);
        _domains[from] = to;
        _domainsTaken.Add(to);
    }

    /// <summary>
    /// The pseudonym of one token (a run of letters, digits and combining marks), in the token's own case pattern.
    /// </summary>
    public string Token(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var upper = token.ToUpperInvariant();
        if (!_tokens.TryGetValue(upper, out var shape))
        {
            shape = Derive(upper);
            _tokens.Add(upper, shape);
            _takenBy.Add(Visible(shape), upper);
        }

        return Apply(token, shape);
    }

    /// <summary>Replaces the three domain sub-authorities of a domain SID (<c>S-1-5-21-a-b-c</c>); the RID is the caller's to keep.</summary>
    public (uint A, uint B, uint C) Domain(uint a, uint b, uint c)
    {
        if (_domains.TryGetValue((a, b, c), out var mapped))
        {
            return mapped;
        }

        Span<byte> input = stackalloc byte[4 + 12 + 4];
        "sid\0"u8.CopyTo(input);
        BinaryPrimitives.WriteUInt32LittleEndian(input[4..], a);
        BinaryPrimitives.WriteUInt32LittleEndian(input[8..], b);
        BinaryPrimitives.WriteUInt32LittleEndian(input[12..], c);
        Span<byte> hash = stackalloc byte[32];
        for (uint attempt = 0; ; attempt++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(input[16..], attempt);
            _hmac.TryComputeHash(input, hash, out _);

            // Sub-authorities of real domains are 32-bit values with the top bit often set; any non-zero value is valid.
            var candidate = (BinaryPrimitives.ReadUInt32LittleEndian(hash) | 1, BinaryPrimitives.ReadUInt32LittleEndian(hash[4..]) | 1,
                BinaryPrimitives.ReadUInt32LittleEndian(hash[8..]) | 1);
            if (candidate != (a, b, c) && _domainsTaken.Add(candidate))
            {
                _domains.Add((a, b, c), candidate);
                return candidate;
            }
        }
    }

    /// <summary>
    /// Replaces a GUID given in its binary (Windows) layout, in place: a version-4 GUID derived from it. Not kept in the
    /// map: GUIDs are one per object, and 122 derived bits make a collision beyond concern.
    /// </summary>
    public void Guid(Span<byte> guid)
    {
        if (guid.Length != 16)
        {
            throw new ArgumentException("A GUID has 16 bytes.", nameof(guid));
        }

        Span<byte> input = stackalloc byte[5 + 16];
        "guid\0"u8.CopyTo(input);
        guid.CopyTo(input[5..]);
        Span<byte> hash = stackalloc byte[32];
        _hmac.TryComputeHash(input, hash, out _);
        hash[..16].CopyTo(guid);
        guid[7] = (byte)((guid[7] & 0x0F) | 0x40);   // version 4 (the high nibble of Data3, stored little-endian)
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);   // RFC 4122 variant
    }

    /// <summary>Replaces a GUID.</summary>
    public Guid Guid(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        Guid(bytes);
        return new Guid(bytes);
    }

    /// <inheritdoc/>
    public void Dispose() => _hmac.Dispose();

    internal static string SidText((uint A, uint B, uint C) d) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"S-1-5-21-{d.A}-{d.B}-{d.C}");

    private static (uint, uint, uint) ParseDomainSid(string sid)
    {
        ArgumentNullException.ThrowIfNull(sid);
        var parts = sid.Split('-');
        if (parts.Length != 7 || !string.Equals(parts[0], "S", StringComparison.OrdinalIgnoreCase) || parts[1] != "1" || parts[2] != "5" || parts[3] != "21"
            || !uint.TryParse(parts[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a)
            || !uint.TryParse(parts[5], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b)
            || !uint.TryParse(parts[6], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c))
        {
            throw new FormatException($"'{sid}' is not a domain SID (S-1-5-21-a-b-c).");
        }

        return (a, b, c);
    }

    /// <summary>
    /// The shape for an upper-cased token: one character per character of the token, a consonant for a letter, the
    /// digit itself for an ASCII digit, <see cref="NoOutput"/> for a combining mark (and for the low half of a surrogate pair).
    /// </summary>
    private string Derive(string upper)
    {
        var tokenBytes = Encoding.UTF8.GetBytes(upper);
        var lowerToken = upper.ToLowerInvariant();
        var chars = new char[upper.Length];
        Span<byte> hash = stackalloc byte[32];
        for (uint attempt = 0; ; attempt++)
        {
            var h = 32;
            uint block = 0;
            for (var i = 0; i < upper.Length; i++)
            {
                var c = upper[i];
                if (char.IsAsciiDigit(c))
                {
                    chars[i] = c;
                    continue;
                }

                if (char.IsLowSurrogate(c) || IsMark(upper, i))
                {
                    chars[i] = NoOutput;
                    continue;
                }

                if (h == 32)
                {
                    Hash(tokenBytes, attempt, block++, hash);
                    h = 0;
                }

                var pool = c < 0x80 ? Consonants : Accented;
                chars[i] = pool[hash[h++] % pool.Length];
            }

            var shape = new string(chars);
            var visible = Visible(shape);
            if (!string.Equals(visible, lowerToken, StringComparison.Ordinal) && !RedactionVocabulary.KeepWords.Contains(visible)
                && !_takenBy.ContainsKey(visible))
            {
                return shape;
            }
        }
    }

    private void Hash(byte[] token, uint attempt, uint block, Span<byte> hash)
    {
        var length = 4 + token.Length + 8;
        var input = length <= _input.Length ? _input.AsSpan(0, length) : new byte[length];
        "tok\0"u8.CopyTo(input);
        token.CopyTo(input[4..]);
        BinaryPrimitives.WriteUInt32LittleEndian(input[(4 + token.Length)..], attempt);
        BinaryPrimitives.WriteUInt32LittleEndian(input[(8 + token.Length)..], block);
        _hmac.TryComputeHash(input, hash, out _);
    }

    /// <summary>
    /// The shape for <paramref name="upper"/> whose visible form is <paramref name="pseudonym"/> (lower case): null unless
    /// it has the same digits and a consonant per letter.
    /// </summary>
    private static string? ShapeOf(string upper, string pseudonym)
    {
        var shape = new char[upper.Length];
        var visible = 0;
        for (var i = 0; i < upper.Length; i++)
        {
            var c = upper[i];
            if (char.IsLowSurrogate(c) || IsMark(upper, i))
            {
                shape[i] = NoOutput;
                continue;
            }

            if (visible >= pseudonym.Length)
            {
                return null;
            }

            var p = pseudonym[visible++];
            if (char.IsAsciiDigit(c) ? p != c : !(c < 0x80 ? Consonants : Accented).Contains(p, StringComparison.Ordinal))
            {
                return null;
            }

            shape[i] = p;
        }

        return visible == pseudonym.Length ? new string(shape) : null;
    }

    /// <summary>The shape with its placeholders dropped: the pseudonym as written, in lower case.</summary>
    private static string Visible(string shape) => shape.Contains(NoOutput, StringComparison.Ordinal) ? shape.Replace("\0", string.Empty, StringComparison.Ordinal) : shape;

    /// <summary>Writes the shape in the case pattern of this occurrence of the token.</summary>
    private static string Apply(string token, string shape)
    {
        if (shape.Length != token.Length)
        {
            // A token whose upper-casing changed its length (none in .NET's invariant simple case mapping): case folded.
            return Visible(shape);
        }

        var result = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            var s = shape[i];
            if (s == NoOutput)
            {
                continue;
            }

            var upper = char.IsHighSurrogate(token[i]) && i + 1 < token.Length
                ? System.Text.Rune.IsUpper(new System.Text.Rune(token[i], token[i + 1]))
                : char.IsUpper(token[i]);
            result.Append(upper ? char.ToUpperInvariant(s) : s);
        }

        return result.ToString();
    }

    private static bool IsMark(string s, int i)
    {
        var category = char.GetUnicodeCategory(s, i);
        return category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.EnclosingMark;
    }
}
