using RusSnapshot.Analysis.SetupLogs;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Tests.SetupLogs;

/// <summary>
/// What the analysis reads of setup logs written the way SETUPLOG.md shows them (fixtures/setuplogs/): the run, its
/// header and what its RusMissing saw; the last run of several unless another is asked for; continuation lines; a cut log.
/// </summary>
public sealed class SetupLogReadingTests
{
    internal static string Log(string name) => Path.Combine(RepoPaths.Fixtures, "setuplogs", name);

    [Fact]
    public void A_run_where_rus_missing_fired_gives_its_header_domain_settings_and_fired_rules_with_lines()
    {
        var log = SetupLogReading.Read(Log("rusmissing-fired.log"));

        Assert.Empty(log.Diagnostics);
        Assert.True(log.Complete);
        Assert.False(log.HasReadErrors);
        Assert.Equal(1, log.RunCount);
        var run = Assert.IsType<SetupRun>(log.Run);
        Assert.Equal((1, 2L, "2016", "15.1.2507.6", "Install", "CONTOSO\\Administrator"), (run.Number, run.Line, run.Product, run.SetupVersion, run.Mode, run.User));
        Assert.Equal(TimeSpan.FromHours(1), run.UtcOffset);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 15, 0, 500, TimeSpan.FromHours(1)), run.StartedAt);
        Assert.False(run.Succeeded);
        Assert.True(run.Ended);
        Assert.Equal(2, run.ReadinessEvaluations);

        var rus = Assert.IsType<RusMissingEvaluation>(run.RusMissing);
        Assert.True(rus.Rule.Fired);
        Assert.Equal("Warning", rus.RuleType);
        Assert.Equal("DC=child1,DC=contoso,DC=test", rus.Domain);
        Assert.Equal(string.Empty, rus.RusName!.Value);
        Assert.True(rus.LegacyServerSeen);
        Assert.Equal(["Version 6.5 (Build 7638.2: Service Pack 2)", "Version 15.1 (Build 2507.6)"], rus.SerialNumbers.Select(s => s.Value));
        Assert.Equal(2, rus.Exchange200x.Length); // those of its own block, not those of Exchange2000or2003PresentInOrg before it
        Assert.True(rus.Exchange200x.All(s => s.Line > rus.DomainNcName!.Line));
        Assert.Equal(File.ReadAllLines(Log("rusmissing-fired.log")).ToList().FindIndex(l => l.Contains("Evaluated [Rule:RusMissing]", StringComparison.Ordinal)) + 1, rus.Rule.Line);

        Assert.True(run.Exchange2000Or2003PresentInOrg!.Fired);
        Assert.Equal(
            [(SetupFiredLevel.Required, "Exchange2000or2003PresentInOrg"), (SetupFiredLevel.Recommended, "RusMissing")],
            run.Fired.Select(f => (f.Level, f.Rule)));
        Assert.StartsWith("Cannot find the Recipient Update Service responsible for domain 'DC=child1,DC=contoso,DC=test'.", run.Fired[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_where_rus_missing_did_not_fire_names_the_rus_setup_found()
    {
        var rus = SetupLogReading.Read(Log("rusmissing-not-fired.log")).Run!.RusMissing!;

        Assert.False(rus.Rule.Fired);
        Assert.Equal("DC=contoso,DC=test", rus.Domain);
        Assert.Equal("Recipient Update Service (CONTOSO)", rus.RusName!.Value);
    }

    [Fact]
    public void Of_several_runs_appended_the_last_is_read_unless_another_is_asked_for()
    {
        var last = SetupLogReading.Read(Log("several-runs.log"));

        Assert.Equal(3, last.RunCount);
        Assert.Equal([1, 2, 3], last.Runs.Select(r => r.Number));
        Assert.Equal(["Install", "PrepareSchema", "Install"], last.Runs.Select(r => r.Mode));
        Assert.Equal(3, last.Run!.Number);
        Assert.False(last.Run.RusMissing!.Rule.Fired);
        Assert.Equal("Recipient Update Service (CHILD1)", last.Run.RusMissing.RusName!.Value);
        Assert.Empty(last.Diagnostics);

        var first = SetupLogReading.Read(Log("several-runs.log"), run: 1);
        Assert.Equal(1, first.Run!.Number);
        Assert.True(first.Run.RusMissing!.Rule.Fired);
        Assert.Equal(new DateTime(2026, 2, 9, 9, 0, 0), first.Run.Started);

        // The second run stopped before its readiness checks: reported as such, with the run's line.
        var second = SetupLogReading.Read(Log("several-runs.log"), run: 2);
        Assert.Null(second.Run!.RusMissing);
        Assert.Equal(0, second.Run.ReadinessEvaluations);
        var d = Assert.Single(second.Diagnostics);
        Assert.Equal((DiagnosticCodes.SetupLogNoReadiness.Id, second.Run.Line), (d.Code, d.Position.Line));
        Assert.False(second.HasReadErrors);
    }

    [Fact]
    public void A_run_that_does_not_exist_is_an_error_and_no_run_is_read()
    {
        var log = SetupLogReading.Read(Log("several-runs.log"), run: 4);

        Assert.Null(log.Run);
        Assert.Equal(DiagnosticCodes.SetupLogNoSuchRun.Id, Assert.Single(log.Diagnostics).Code);
        Assert.True(log.HasReadErrors);
    }

    [Fact]
    public void Continuation_lines_are_part_of_their_entry_and_do_not_hide_the_readiness_lines()
    {
        var log = SetupLogReading.Read(Log("continuation-lines.log"));

        Assert.Empty(log.Diagnostics);
        var rus = log.Run!.RusMissing!;
        Assert.True(rus.Rule.Fired);
        Assert.Equal(string.Empty, rus.RusName!.Value);
        var warning = Assert.Single(log.Run.Fired, f => f.Level == SetupFiredLevel.Recommended);
        Assert.EndsWith("'.\nNew and existing users may not be properly Exchange-enabled.", warning.Message, StringComparison.Ordinal);
        Assert.Equal("RusMissing", warning.Rule);
    }

    [Fact]
    public void A_cut_log_is_reported_with_its_line_and_the_cut_evaluation_is_not_read()
    {
        var log = SetupLogReading.Read(Log("cut.log"));

        Assert.False(log.Complete);
        Assert.True(log.HasReadErrors);
        var d = Assert.Single(log.Diagnostics);
        Assert.Equal(DiagnosticCodes.SetupLogTruncated.Id, d.Code);
        Assert.Equal(File.ReadAllLines(Log("cut.log")).Length, d.Position.Line);
        Assert.Null(log.Run!.RusMissing);
        Assert.Equal(1, log.Run.ReadinessEvaluations); // Exchange2000or2003PresentInOrg, before the cut
    }

    [Fact]
    public void A_run_without_readiness_lines_or_without_its_zone_is_reported_as_such()
    {
        var none = SetupLogReading.Read(Log("no-readiness.log"));
        Assert.Equal(DiagnosticCodes.SetupLogNoReadiness.Id, Assert.Single(none.Diagnostics).Code);
        Assert.Null(none.Run!.RusMissing);

        var zoneless = SetupLogReading.Read(Log("no-zone.log"));
        var d = Assert.Single(zoneless.Diagnostics);
        Assert.Equal((DiagnosticCodes.SetupLogNoZone.Id, DiagnosticSeverity.Warning), (d.Code, d.Severity));
        Assert.Null(zoneless.Run!.StartedAt);
        Assert.Equal("2026-03-02T10:15:00", zoneless.Run.Format(zoneless.Run.Started));
    }

    [Fact]
    public void A_missing_file_is_an_open_error_not_an_exception()
    {
        var log = SetupLogReading.Read(Log("does-not-exist.log"));

        Assert.Equal(DiagnosticCodes.InputOpen.Id, Assert.Single(log.Diagnostics).Code);
        Assert.True(log.HasReadErrors);
        Assert.Null(log.Run);
    }
}
