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
        var scan = LdifSyntax.ScanDescription(System.Text.Encoding.UTF8.GetBytes(line));
        Assert.Equal(new DescriptionScan(length, nameLength, underscore), scan);
    }
}
