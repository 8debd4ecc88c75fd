using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.SetupLogs;
using RusSnapshot.Analysis.Tests.SetupLogs;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Analysis.Tests.Verdict;

/// <summary>
/// RSN2008 on the support case child-domain-without-rus (child1.contoso.test has no RUS, Exchange 2003 servers remain)
/// with the setup logs of fixtures/setuplogs: agreement, disagreement with both sides' evidence, which source is newer.
/// </summary>
public sealed class SetupLogComparisonTests
{
    private const string Child = "DC=child1,DC=contoso,DC=test";

    private static AnalysisResult Analyze(int? run, params string[] logs) =>
        ForestAnalyzer.Analyze(
            DumpSource.Expand([Path.Combine(RepoPaths.Fixtures, "cases", "child-domain-without-rus")]),
            new AnalysisOptions { HashInputs = false, SetupLogs = [.. logs.Select(SetupLogReadingTests.Log)], SetupRun = run });

    [Fact]
    public void A_log_where_rus_missing_fired_for_the_domain_without_rus_agrees_with_the_dump()
    {
        var result = Analyze(null, "rusmissing-fired.log");

        var c = Assert.Single(result.SetupLogs);
        Assert.Equal(SetupLogAgreement.Agrees, c.Agreement);
        Assert.Equal(Child, c.Domain!.Dn);
        Assert.Equal(ReadinessAnswer.Yes, c.Dump!.RusMissing);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "RSN2008");
        Assert.False(result.HasInvalidInput);
    }

    [Fact]
    public void A_log_where_rus_missing_did_not_fire_for_a_covered_domain_agrees()
    {
        var result = Analyze(null, "rusmissing-not-fired.log");

        Assert.Equal(SetupLogAgreement.Agrees, Assert.Single(result.SetupLogs).Agreement);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "RSN2008");
    }

    [Fact]
    public void The_last_of_several_runs_found_a_rus_the_dump_lacks_a_disagreement_with_both_sides_evidence()
    {
        var result = Analyze(null, "several-runs.log");

        var c = Assert.Single(result.SetupLogs);
        Assert.Equal((SetupLogAgreement.Disagrees, false), (c.Agreement, c.LogFired));
        var f = Assert.Single(result.Findings, f => f.RuleId == "RSN2008");
        Assert.Equal((FindingKind.Fail, Severity.Warning, Child), (f.Kind, f.Severity, f.Subject));
        Assert.Equal("RSN2008.notFiredOrderUnknown", f.MessageId); // no manifest, and the newest whenChanged (2005) is older than the run
        Assert.Equal("RSN2008:DC=CHILD1,DC=CONTOSO,DC=TEST", f.Fingerprint);

        // The log's side: the run, RusMissing and the settings it read, each with file:line.
        var log = SetupLogReadingTests.Log("several-runs.log");
        var lines = File.ReadAllLines(log);
        var logEvidence = f.Evidence.Where(e => e.Source == log).ToList();
        Assert.Contains(logEvidence, e => e.Attribute == "RusMissing" && e.Value == "False" && lines[e.Line - 1].Contains("Evaluated [Rule:RusMissing]", StringComparison.Ordinal));
        Assert.Contains(logEvidence, e => e.Attribute == "RusName" && e.Value == "Recipient Update Service (CHILD1)");
        Assert.Contains(logEvidence, e => e.Attribute == "DomainNCName" && e.Value == Child);
        Assert.Contains(logEvidence, e => e.Attribute == "setup run" && e.Value!.StartsWith("3/3 2026-04-20T16:45:00+01:00 2016", StringComparison.Ordinal));

        // The dump's side: the domain's crossRef and the Exchange 2003 servers, with their files and lines.
        Assert.Contains(f.Evidence, e => e.Attribute == "nCName" && e.Value == Child && e.Source.EndsWith("configuration.ldf", StringComparison.Ordinal) && e.Line > 0);
        Assert.Contains(f.Evidence, e => e.Attribute == "serialNumber" && e.Value!.StartsWith("Version 6.5", StringComparison.Ordinal));

        var en = RuleTexts.Message(ReportLanguage.En, f);
        Assert.Contains("Setup run 3 of several-runs.log (2026-04-20T16:45:", en, StringComparison.Ordinal);
        Assert.Contains("RusName 'Recipient Update Service (CHILD1)'", en, StringComparison.Ordinal);
        Assert.Contains("Which of the two is newer is unknown", en, StringComparison.Ordinal);
        Assert.NotEmpty(RuleTexts.Message(ReportLanguage.Fr, f));
        Assert.False(result.HasInvalidInput);
    }

    [Fact]
    public void An_earlier_run_asked_for_is_the_one_compared()
    {
        var result = Analyze(1, "several-runs.log");

        Assert.Equal(SetupLogAgreement.Agrees, Assert.Single(result.SetupLogs).Agreement);
    }

    [Fact]
    public void A_run_without_readiness_lines_cannot_be_compared_and_says_so()
    {
        var result = Analyze(2, "several-runs.log");

        var c = Assert.Single(result.SetupLogs);
        Assert.Equal((SetupLogAgreement.NotComparable, SetupLogNotComparable.NoEvaluation), (c.Agreement, c.Reason));
        var f = Assert.Single(result.Findings, f => f.RuleId == "RSN2008");
        Assert.Equal((FindingKind.Info, "RSN2008.noEvaluation", string.Empty), (f.Kind, f.MessageId, f.Subject));
    }

    [Fact]
    public void A_cut_log_is_invalid_input_and_its_cut_evaluation_is_not_compared()
    {
        var result = Analyze(null, "cut.log");

        Assert.True(result.HasInvalidInput);
        Assert.Equal(SetupLogNotComparable.NoEvaluation, Assert.Single(result.SetupLogs).Reason);
    }

    [Fact]
    public void Rus_missing_fired_for_a_covered_domain_is_a_disagreement()
    {
        var dir = Path.Combine(Path.GetTempPath(), "russnap-analysis-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "ExchangeSetup.log");
            File.WriteAllText(path, File.ReadAllText(SetupLogReadingTests.Log("rusmissing-fired.log")).Replace(Child, "DC=contoso,DC=test", StringComparison.Ordinal));
            var result = ForestAnalyzer.Analyze(
                DumpSource.Expand([Path.Combine(RepoPaths.Fixtures, "cases", "child-domain-without-rus")]),
                new AnalysisOptions { HashInputs = false, SetupLogs = [path] });

            var f = Assert.Single(result.Findings, f => f.RuleId == "RSN2008");
            Assert.Equal(("RSN2008.firedOrderUnknown", "DC=contoso,DC=test"), (f.MessageId, f.Subject));
            Assert.Contains(f.Evidence, e => e.Attribute == "msExchDomainLink" && e.Value == "DC=contoso,DC=test"); // the RUS that serves it
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Of_two_logs_about_one_domain_the_newest_run_counts()
    {
        // rusmissing-fired.log (March, agrees) and several-runs.log (its last run in April, disagrees): April wins.
        var newestDisagrees = Analyze(null, "several-runs.log", "rusmissing-fired.log");
        Assert.Single(newestDisagrees.Findings, f => f.RuleId == "RSN2008" && f.Kind == FindingKind.Fail);
        Assert.Equal(2, newestDisagrees.SetupLogs.Length);

        // With run 1 of several-runs.log (February, agrees) the March run is the newest, and it agrees.
        var newestAgrees = Analyze(1, "several-runs.log", "rusmissing-fired.log");
        Assert.DoesNotContain(newestAgrees.Findings, f => f.RuleId == "RSN2008");
    }

    [Fact]
    public void A_log_about_another_forests_domain_is_not_compared()
    {
        var dir = Path.Combine(Path.GetTempPath(), "russnap-analysis-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "ExchangeSetup.log");
            File.WriteAllText(path, File.ReadAllText(SetupLogReadingTests.Log("rusmissing-fired.log")).Replace(Child, "DC=Child,DC=Solo,DC=local", StringComparison.Ordinal));
            var result = ForestAnalyzer.Analyze(
                DumpSource.Expand([Path.Combine(RepoPaths.Fixtures, "cases", "child-domain-without-rus")]),
                new AnalysisOptions { HashInputs = false, SetupLogs = [path] });

            var f = Assert.Single(result.Findings, f => f.RuleId == "RSN2008");
            Assert.Equal((FindingKind.Info, "RSN2008.domainNotInDump", "DC=Child,DC=Solo,DC=local"), (f.Kind, f.MessageId, f.Subject));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", null, SourceOrder.SameTime)]      // the run (09:15Z) within the collection
    [InlineData("2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z", null, SourceOrder.DumpNewer)]
    [InlineData("2026-03-01T10:00:00Z", "2026-03-01T10:05:00Z", null, SourceOrder.LogNewer)]
    [InlineData(null, null, "2026-03-02T12:00:00Z", SourceOrder.DumpNewer)]                         // changed after the run: at least that new
    [InlineData(null, null, "2026-03-01T12:00:00Z", SourceOrder.Unknown)]                           // changed before: taken when, unknown
    [InlineData(null, null, null, SourceOrder.Unknown)]
    public void Which_source_is_newer_uses_the_run_zone_and_the_dump_time(string? from, string? to, string? changed, SourceOrder expected)
    {
        var run = SetupLogReading.Read(SetupLogReadingTests.Log("rusmissing-fired.log")).Run!; // RusMissing evaluated 10:15:00 at UTC+01:00
        var time = new DumpTime(Parse(from), Parse(to), Parse(changed), null);

        Assert.Equal(expected, SetupLogComparisons.Order(run, time));
    }

    [Fact]
    public void Without_its_zone_a_run_close_to_the_dump_is_of_unknown_order_and_a_far_one_is_not()
    {
        var run = SetupLogReading.Read(SetupLogReadingTests.Log("no-zone.log")).Run!; // 2026-03-02 10:15 local, zone unknown

        Assert.Equal(SourceOrder.Unknown, SetupLogComparisons.Order(run, new DumpTime(Parse("2026-03-02T09:00:00Z"), Parse("2026-03-02T09:30:00Z"), null, null)));
        Assert.Equal(SourceOrder.DumpNewer, SetupLogComparisons.Order(run, new DumpTime(Parse("2026-03-04T09:00:00Z"), Parse("2026-03-04T09:30:00Z"), null, null)));
        Assert.Equal(SourceOrder.LogNewer, SetupLogComparisons.Order(run, new DumpTime(Parse("2026-02-20T09:00:00Z"), Parse("2026-02-20T09:30:00Z"), null, null)));
    }

    private static DateTimeOffset? Parse(string? text) => text is null ? null : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
