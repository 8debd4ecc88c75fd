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
    /// can neither break a Markdown table row nor hide in a rendered report: C0 controls and DEL become their
    /// Unicode control pictures (LF as U+240A), C1 controls, line/paragraph separators, bidirectional controls,
    /// zero-width spaces and the BOM become <c>\uXXXX</c>. Everything else is kept.
    /// </summary>
    /// <remarks>Markdown and HTML use this; JSON keeps values exact (its own escaping is lossless).</remarks>
    public static string Visible(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var i = 0;
        while (i < value.Length && !NeedsPicture(value[i]))
        {
            i++;
        }

        if (i == value.Length)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        sb.Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20)
            {
                sb.Append((char)(0x2400 + c));
            }
            else if (c == 0x7F)
            {
                sb.Append('\u2421');
            }
            else if (NeedsPicture(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool NeedsPicture(char c) =>
        c < 0x20 || c is >= '\u007F' and <= '\u009F'
        || c is '\u2028' or '\u2029' or '\uFEFF' or '\u061C' or '\u180E' or '\u200B' or '\u200E' or '\u200F' or '\u2060'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}
