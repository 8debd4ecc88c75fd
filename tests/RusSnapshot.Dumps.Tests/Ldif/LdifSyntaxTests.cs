using System.Buffers.Text;
using RusSnapshot.Dumps.Ldif;
using Xunit;

namespace RusSnapshot.Dumps.Tests.Ldif;

public sealed class LdifSyntaxTests
{
    /// <summary>The class table is constant data written out by hand: every one of its 256 entries against the definition.</summary>
    [Fact]
    public void Every_byte_has_the_class_RFC_2849_gives_it()
    {
        for (var b = 0; b < 256; b++)
        {
            var c = (char)b;
            var expected = c switch
            {
                >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' => LdifSyntax.LetterOrDigit,
                '-' or '.' => LdifSyntax.HyphenOrDot,
                ';' => LdifSyntax.OptionSeparator,
                '_' => LdifSyntax.Underscore,
                _ => LdifSyntax.NotInName,
            };
            Assert.True(expected == LdifSyntax.ClassOf((byte)b), $"byte 0x{b:X2}: class {LdifSyntax.ClassOf((byte)b)}, expected {expected}");
        }
    }

    /// <summary>
    /// IsStrictBase64 is a faster Base64.IsValid for text without whitespace: the same answer on every input of up to 5
    /// characters over the characters where base64 rules change (alphabet ends, padding, bits left over, outside the
    /// alphabet), and on random longer ones.
    /// </summary>
    [Fact]
    public void IsStrictBase64_answers_as_Base64_IsValid_does_on_text_without_whitespace()
    {
        var symbols = "AQgwBR+/9z=!-_."u8.ToArray();
        var checkedCount = 0;
        for (var length = 0; length <= 5; length++)
        {
            var text = new byte[length];
            var digits = new int[length];
            while (true)
            {
                for (var i = 0; i < length; i++)
                {
                    text[i] = symbols[digits[i]];
                }

                Assert.True(Base64.IsValid(text) == LdifSyntax.IsStrictBase64(text), System.Text.Encoding.ASCII.GetString(text));
                checkedCount++;
                var d = 0;
                while (d < length && ++digits[d] == symbols.Length)
                {
                    digits[d++] = 0;
                }

                if (d == length)
                {
                    break;
                }
            }
        }

        var random = new Random(2849);
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=*"u8.ToArray();
        for (var n = 0; n < 20_000; n++)
        {
            var text = new byte[random.Next(0, 24) * 4];
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = alphabet[random.Next(random.Next(2) == 0 ? 64 : alphabet.Length)];
            }

            if (text.Length > 0 && random.Next(3) == 0)
            {
                text[^1] = (byte)'=';
                if (random.Next(2) == 0)
                {
                    text[^2] = (byte)'=';
                }
            }

            Assert.True(Base64.IsValid(text) == LdifSyntax.IsStrictBase64(text), System.Text.Encoding.ASCII.GetString(text));
        }

        Assert.True(checkedCount > 800_000, checkedCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("cn: x", 2, 2, false)]
    [InlineData("userCertificate;binary:: AAAA", 22, 15, false)]
    [InlineData("1.2.840.113556.1.4.221;lang-fr: x", 30, 22, false)]
    [InlineData("ms_Exch: x", 7, 7, true)]
    [InlineData("cn", 2, 2, false)]
    [InlineData(": x", 0, 0, false)]
    [InlineData("c n: x", 1, 1, false)]
    public void ScanDescription_finds_the_end_the_type_and_underscores(string line, int length, int nameLength, bool underscore)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        var scan = LdifSyntax.ScanDescription(bytes, bytes.Length);
        Assert.Equal(new DescriptionScan(length, nameLength, underscore), scan);
    }

    /// <summary>
    /// The vector fast path of ScanDescription gives what a byte-by-byte reading of RFC 2849 gives: random lines of names
    /// (short, and past one to four 16-byte blocks) with options, underscores, colons, spaces and other bytes anywhere,
    /// alone and as the start of a longer buffer.
    /// </summary>
    [Fact]
    public void ScanDescription_answers_as_a_byte_by_byte_reading_on_random_lines()
    {
        var random = new Random(2849);
        var name = "abcXYZ09-."u8.ToArray();
        var other = ";_: :\t@[`{/\u00e9"u8.ToArray();
        for (var n = 0; n < 50_000; n++)
        {
            var line = new byte[random.Next(0, 110)];
            var rare = random.Next(2, 80);
            for (var i = 0; i < line.Length; i++)
            {
                line[i] = random.Next(rare) == 0 ? other[random.Next(other.Length)] : name[random.Next(name.Length)];
            }

            Assert.True(Reference(line) == LdifSyntax.ScanDescription(line, line.Length), System.Text.Encoding.Latin1.GetString(line));

            // The line inside a buffer that goes on past it: what follows must not change the answer.
            var cut = random.Next(0, line.Length + 1);
            Assert.True(Reference(line.AsSpan(0, cut)) == LdifSyntax.ScanDescription(line, cut), $"{System.Text.Encoding.Latin1.GetString(line)} cut at {cut}");
        }

        static DescriptionScan Reference(ReadOnlySpan<byte> line)
        {
            int p = 0, nameLength = -1;
            var underscore = false;
            for (; p < line.Length; p++)
            {
                var c = line[p];
                if (char.IsAsciiLetterOrDigit((char)c) || c is (byte)'-' or (byte)'.')
                {
                    continue;
                }

                if (c == (byte)';')
                {
                    nameLength = nameLength < 0 ? p : nameLength;
                    continue;
                }

                if (c == (byte)'_')
                {
                    underscore = true;
                    continue;
                }

                break;
            }

            return new DescriptionScan(p, nameLength < 0 ? p : nameLength, underscore);
        }
    }
}
