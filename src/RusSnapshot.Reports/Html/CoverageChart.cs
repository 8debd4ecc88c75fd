using System.Globalization;
using System.Text;
using RusSnapshot.Analysis.Verdict;

namespace RusSnapshot.Reports.Html;

/// <summary>
/// The inline SVG chart: one row per domain with its RUS coverage (a coloured dot and word) and a bar of its
/// mail-enabled recipients split into stamped, unstamped and excluded. Drawn on a 360-unit-wide canvas so
/// that it is legible at phone width, scaled by CSS elsewhere. Colours are attributes, so the SVG stands alone.
/// </summary>
internal static class CoverageChart
{
    private const int Width = 360;
    private const int Row = 58;
    private const int Left = 20;
    private const int BarWidth = Width - Left - 4;
    private const int MaxLabel = 30;

    public static string StatusColor(DomainCoverage coverage) => coverage switch
    {
        DomainCoverage.Covered => "#1a7f37",
        DomainCoverage.Missing => "#cf222e",
        DomainCoverage.NotJudged => "#9a6700",
        _ => "#6e7781",
    };

    public const string StampedColor = "#2da44e";
    public const string UnstampedColor = "#cf222e";
    public const string OptedOutColor = "#afb8c1";
    private const string TrackColor = "#eaeef2";
    private const string TextColor = "#1f2328";
    private const string MutedColor = "#59636e";

    public static string Svg(ReportDocument d, ReportLabels l)
    {
        var c = CultureInfo.InvariantCulture;
        var height = 6 + (d.Forest.Domains.Length * Row);
        var sb = new StringBuilder();
        sb.Append(c, $"<svg id=\"coverage-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"coverage-chart-title\" font-size=\"12\">");
        sb.Append("\n<title id=\"coverage-chart-title\">").Append(HtmlText.Encode(l.CoverageChart)).Append("</title>");
        var y = 4;
        foreach (var domain in d.Forest.Domains)
        {
            var color = StatusColor(domain.Coverage);
            var status = l.CoverageName(domain.Coverage);
            sb.Append(c, $"\n<g class=\"domain\" data-coverage=\"{domain.Coverage.ToName()}\">");
            sb.Append("<title>").Append(HtmlText.Encode($"{domain.Label}{l.Colon}{status} ({domain.Dn})")).Append("</title>");
            sb.Append(c, $"<circle cx=\"9\" cy=\"{y + 10}\" r=\"5.5\" fill=\"{color}\"/>");
            sb.Append(c, $"<text x=\"{Left}\" y=\"{y + 14}\" font-size=\"13\" font-weight=\"600\" fill=\"{TextColor}\">")
                .Append(HtmlText.Encode(HtmlText.Truncate(domain.Label, MaxLabel))).Append("</text>");
            sb.Append(c, $"<text x=\"{Width - 4}\" y=\"{y + 14}\" font-size=\"12\" font-weight=\"600\" text-anchor=\"end\" fill=\"{color}\">")
                .Append(HtmlText.Encode(status)).Append("</text>");

            var barY = y + 22;
            sb.Append(c, $"<rect x=\"{Left}\" y=\"{barY}\" width=\"{BarWidth}\" height=\"12\" rx=\"3\" fill=\"{TrackColor}\"");
            if (domain.Recipients is not { } r)
            {
                sb.Append(c, $" stroke=\"{MutedColor}\" stroke-dasharray=\"3 3\"/>");
                sb.Append(c, $"<text x=\"{Left}\" y=\"{y + 50}\" font-size=\"11\" fill=\"{MutedColor}\">")
                    .Append(HtmlText.Encode($"{l.Recipients}{l.Colon}{l.RecipientsUnknown}")).Append("</text>");
            }
            else
            {
                sb.Append("/>");
                var total = Math.Max(r.MailEnabled, r.Stamped + r.Unstamped + r.OptedOut);
                var x = (double)Left;
                Segment(sb, ref x, barY, r.Stamped, total, StampedColor, $"{l.Stamped}{l.Colon}{ReportText.Number(r.Stamped)}");
                Segment(sb, ref x, barY, r.OptedOut, total, OptedOutColor, $"{l.OptedOut}{l.Colon}{ReportText.Number(r.OptedOut)}");
                Segment(sb, ref x, barY, r.Unstamped, total, UnstampedColor, $"{l.Unstamped}{l.Colon}{ReportText.Number(r.Unstamped)}");
                var counts = $"{l.Stamped} {ReportText.Number(r.Stamped)} · {l.Unstamped} {ReportText.Number(r.Unstamped)}"
                    + (r.OptedOut > 0 ? $" · {l.OptedOutShort} {ReportText.Number(r.OptedOut)}" : string.Empty)
                    + $" ({l.Of} {ReportText.Number(r.MailEnabled)})";
                sb.Append(c, $"<text x=\"{Left}\" y=\"{y + 50}\" font-size=\"11\" fill=\"{MutedColor}\">")
                    .Append(HtmlText.Encode(counts)).Append("</text>");
            }

            sb.Append("</g>");
            y += Row;
        }

        sb.Append("\n</svg>");
        return sb.ToString();
    }

    private static void Segment(StringBuilder sb, ref double x, int y, long count, long total, string color, string title)
    {
        if (count <= 0 || total <= 0)
        {
            return;
        }

        var width = BarWidth * (double)count / total;
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{y}\" width=\"{width:0.##}\" height=\"12\" fill=\"{color}\"><title>")
            .Append(HtmlText.Encode(title)).Append("</title></rect>");
        x += width;
    }
}
