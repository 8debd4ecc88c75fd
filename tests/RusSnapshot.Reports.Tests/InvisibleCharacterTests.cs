using System.Text.Json;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Reports.Html;
using RusSnapshot.Reports.Markdown;

namespace RusSnapshot.Reports.Tests;

/// <summary>Default-ignorable code points (Unicode's Default_Ignorable_Code_Point) render as nothing: every report must show them.</summary>
public sealed class InvisibleCharacterTests
{
    /// <summary>One code point from each range of the Default_Ignorable_Code_Point set, astral ones included.</summary>
    public static TheoryData<int> Ignorables() =>
    [
        0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180F, 0x200B, 0x200C, 0x200D, 0x200F, 0x202A, 0x202E,
        0x2060, 0x2061, 0x2064, 0x206F, 0x3164, 0xFE00, 0xFE0F, 0xFEFF, 0xFFA0, 0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3, 0x1D173,
        0x1D17A, 0xE0000, 0xE0041, 0xE0FFF,
    ];

    [Theory]
    [MemberData(nameof(Ignorables))]
    public void Every_default_ignorable_code_point_is_made_visible(int codePoint)
    {
        var hidden = char.ConvertFromUtf32(codePoint);
        var expected = codePoint > 0xFFFF ? $"\\u{{{codePoint:X}}}" : $"\\u{codePoint:X4}";

        Assert.Equal($"ad{expected}min", ReportText.Visible("ad" + hidden + "min"));
        Assert.Equal($"ad{expected}min", HtmlText.Encode("ad" + hidden + "min"));

        // Markdown escapes the backslash and the braces themselves, so the text renders as the other formats show it.
        Assert.Equal($"ad{MarkdownEscaped(expected)}min", MarkdownText.Escape("ad" + hidden + "min"));
    }

    [Fact]
    public void Visible_characters_astral_letters_and_lone_surrogates()
    {
        Assert.Equal("Zürich 𝒜 😀 ا", ReportText.Visible("Zürich 𝒜 😀 ا"));
        Assert.Equal("a\\uD800b\\uDC00", ReportText.Visible("a\uD800b\uDC00"));
    }

    [Fact]
    public void Every_report_shows_joiners_and_tags_and_json_keeps_the_exact_value()
    {
        const string Hostile = "ad\u200Cm\u200Din\u00AD\u2061\U000E0041\u034F\u3164\u115F";
        var document = TestReport.Document(ReportLanguage.En);
        document = document with { Inputs = [document.Inputs[0] with { CollectedBy = Hostile }, .. document.Inputs[1..]] };

        const string Shown = "ad\\u200Cm\\u200Din\\u00AD\\u2061\\u{E0041}\\u034F\\u3164\\u115F";
        foreach (var (writer, shown) in new[] { (ReportWriters.Markdown, MarkdownEscaped(Shown)), (ReportWriters.Html, Shown) })
        {
            var text = writer.Render(document);
            Assert.Contains(shown, text, StringComparison.Ordinal);
            foreach (var c in Hostile.Where(c => !char.IsAsciiLetter(c)))
            {
                Assert.DoesNotContain(c, text);
            }
        }

        var json = ReportWriters.Json.Render(document);
        foreach (var c in Hostile.Where(c => !char.IsAsciiLetter(c)))
        {
            Assert.DoesNotContain(c, json);
        }

        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(Hostile, parsed.RootElement.GetProperty("inputs")[0].GetProperty("collectedBy").GetString());
    }

    private static string MarkdownEscaped(string visible) =>
        visible.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal);
}
