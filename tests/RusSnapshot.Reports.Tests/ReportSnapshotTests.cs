using ApprovalTests.Reporters;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Tests;

/// <summary>Every writer and language against the approved report (<c>ReportSnapshotTests.{Method}.verified.{ext}</c>).</summary>
[UseReporter(typeof(QuietReporter))]
public sealed class ReportSnapshotTests
{
    [Fact]
    public void Json_en() => Snapshot.Verify(Render(ReportWriters.Json, ReportLanguage.En), "json");

    [Fact]
    public void Json_fr() => Snapshot.Verify(Render(ReportWriters.Json, ReportLanguage.Fr), "json");

    [Fact]
    public void Markdown_en() => Snapshot.Verify(Render(ReportWriters.Markdown, ReportLanguage.En), "md");

    [Fact]
    public void Markdown_fr() => Snapshot.Verify(Render(ReportWriters.Markdown, ReportLanguage.Fr), "md");

    [Fact]
    public void Html_en() => Snapshot.Verify(Render(ReportWriters.Html, ReportLanguage.En), "html");

    [Fact]
    public void Html_fr() => Snapshot.Verify(Render(ReportWriters.Html, ReportLanguage.Fr), "html");

    private static string Render(IReportWriter writer, ReportLanguage language) => writer.Render(TestReport.Document(language));
}
