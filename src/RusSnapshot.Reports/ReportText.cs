using System.Globalization;
using System.Text;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Reports;

/// <summary>Invariant formatting shared by the writers: names of enum values, numbers, timestamps, visible control characters.</summary>
public static class ReportText
{
    /// <summary>ISO 8601 in UTC (<c>2026-11-24T10:00:00Z</c>; fractional seconds only when there are any).</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>An integer in invariant digits, no grouping.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 date (yyyy-MM-dd), the same in every language.</summary>
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string ToName(this DomainCoverage coverage) => coverage switch
    {
        DomainCoverage.Covered => "covered",
        DomainCoverage.Missing => "missing",
        DomainCoverage.NotJudged => "notJudged",
        _ => "notRequired",
    };

    public static string ToName(this AnalysisVerdict verdict) => verdict switch
    {
        AnalysisVerdict.Fail => "fail",
        AnalysisVerdict.Incomplete => "incomplete",
        AnalysisVerdict.Warning => "warning",
        _ => "pass",
    };

    public static string ToName(this ExchangeGeneration generation) => generation switch
    {
        ExchangeGeneration.Exchange2000 => "exchange2000",
        ExchangeGeneration.Exchange2003 => "exchange2003",
        ExchangeGeneration.Exchange2007 => "exchange2007",
        ExchangeGeneration.Exchange2010 => "exchange2010",
        ExchangeGeneration.Exchange2013OrLater => "exchange2013OrLater",
        _ => "unknown",
    };

    public static string ToName(this ReadinessUnknown unknown) => unknown switch
    {
        ReadinessUnknown.NoExchangeServices => "noExchangeServices",
        ReadinessUnknown.NoServers => "noServers",
        ReadinessUnknown.ServerVersionsUnknown => "serverVersionsUnknown",
        ReadinessUnknown.DomainDisabled => "domainDisabled",
        _ => "none",
    };

    public static string ToName(this SetupLogAgreement agreement) => agreement switch
    {
        SetupLogAgreement.Agrees => "agrees",
        SetupLogAgreement.Disagrees => "disagrees",
        _ => "notComparable",
    };

    public static string ToName(this SetupLogNotComparable reason) => reason switch
    {
        SetupLogNotComparable.NoRun => "noRun",
        SetupLogNotComparable.NoEvaluation => "noEvaluation",
        SetupLogNotComparable.DomainNotInDump => "domainNotInDump",
        SetupLogNotComparable.DumpCannotTell => "dumpCannotTell",
        _ => "none",
    };

    public static string ToName(this SourceOrder order) => order switch
    {
        SourceOrder.LogNewer => "log",
        SourceOrder.DumpNewer => "dump",
        SourceOrder.SameTime => "sameTime",
        _ => "unknown",
    };

    public static string ToName(this Analysis.SetupLogs.SetupFiredLevel level) =>
        level == Analysis.SetupLogs.SetupFiredLevel.Required ? "required" : "recommended";

    /// <summary>A UTC offset as ISO 8601 (<c>+01:00</c>, <c>-05:00</c>, <c>+00:00</c>).</summary>
    public static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);

    public static string ToName(this FindingGroup group) => group switch
    {
        FindingGroup.Error => "error",
        FindingGroup.Warning => "warning",
        FindingGroup.Info => "info",
        FindingGroup.NotApplicable => "notApplicable",
        _ => "suppressed",
    };

    /// <summary>
    /// Makes characters that would be invisible, break a line or reorder text visible, so that a hostile value
    /// can neither break a Markdown table row nor hide in a rendered report ("ad\u200Cmin" must not read as "admin"):
    /// C0 controls and DEL become their Unicode control pictures (LF as U+240A); C1 controls, line/paragraph
    /// separators, lone surrogates and every default-ignorable code point (bidi controls, joiners, soft hyphen,
    /// variation selectors, tags, Hangul fillers, the BOM) become <c>\uXXXX</c>, or <c>\u{XXXXX}</c> above U+FFFF.
    /// Everything else is kept. Works by code point, so astral ones (U+E0041, a surrogate pair) are caught.
    /// </summary>
    /// <remarks>Markdown, HTML and the console use this; JSON keeps values exact (its own escaping is lossless).</remarks>
    public static string Visible(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var i = FirstHidden(value);
        if (i == value.Length)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        sb.Append(value, 0, i);
        while (i < value.Length)
        {
            var status = Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var length);
            var code = status == System.Buffers.OperationStatus.Done ? rune.Value : value[i];
            if (code < 0x20)
            {
                sb.Append((char)(0x2400 + code));
            }
            else if (code == 0x7F)
            {
                sb.Append('\u2421');
            }
            else if (status != System.Buffers.OperationStatus.Done || NeedsEscape(code))
            {
                sb.Append(code > 0xFFFF ? "\\u{" + code.ToString("X", CultureInfo.InvariantCulture) + "}" : "\\u" + code.ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(value, i, length);
            }

            i += Math.Max(length, 1);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): code points a renderer shows as nothing
    /// when it does not support them, which lets "ad\u200Dmin" pass for "admin".
    /// </summary>
    public static bool IsDefaultIgnorable(int code) => code switch
    {
        0x00AD or 0x034F or 0x061C or 0x3164 or 0xFEFF or 0xFFA0 => true,
        >= 0x115F and <= 0x1160 => true,
        >= 0x17B4 and <= 0x17B5 => true,
        >= 0x180B and <= 0x180F => true,
        >= 0x200B and <= 0x200F => true,
        >= 0x202A and <= 0x202E => true,
        >= 0x2060 and <= 0x206F => true,
        >= 0xFE00 and <= 0xFE0F => true,
        >= 0xFFF0 and <= 0xFFF8 => true,
        >= 0x1BCA0 and <= 0x1BCA3 => true,
        >= 0x1D173 and <= 0x1D17A => true,
        >= 0xE0000 and <= 0xE0FFF => true,
        _ => false,
    };

    /// <summary>The index of the first char that <see cref="Visible"/> changes, or the length: most values have none.</summary>
    private static int FirstHidden(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= ' ' and < '\u007F')
            {
                continue;
            }

            if (char.IsSurrogate(c) || c < 0x20 || NeedsEscape(c))
            {
                return i;
            }
        }

        return value.Length;
    }

    private static bool NeedsEscape(int code) =>
        code is >= 0x7F and <= 0x9F or 0x2028 or 0x2029 || IsDefaultIgnorable(code);
}
