using RusSnapshot.Cli.Commands;

namespace RusSnapshot.Cli.Tests;

/// <summary>
/// Runs every support case in fixtures/cases/&lt;id&gt;/ with the code of <c>russnap case check</c>
/// (<see cref="SupportCases.Check"/>): analyse its dumps as case.yaml says, check the exit code and the expected findings,
/// and compare the reports with the approved ones (Verify's convention: <c>*.verified.*</c> approved, <c>*.received.*</c>
/// written beside them on a mismatch; rename to approve).
/// </summary>
public sealed class SupportCaseTests
{
    public static IEnumerable<object[]> Cases() =>
        SupportCases.CaseFolders(CasesRoot).Select(Path.GetFileName).Select(c => new object[] { c! });

    internal static string CasesRoot => Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "cases");

    [Fact]
    public void There_are_support_cases() => Assert.True(Cases().Count() >= 4, "fixtures/cases holds fewer than 4 cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_gives_the_expected_findings_exit_code_and_approved_reports(string caseId)
    {
        var outcome = SupportCases.Check(Path.Combine(CasesRoot, caseId));
        Assert.True(outcome.Passed, $"{caseId}:\n  {string.Join("\n  ", outcome.Differences)}");
    }

    [Fact]
    public void Case_check_prints_each_case_and_exits_0_when_all_pass()
    {
        var run = CliRunner.Run("case", "check", CasesRoot);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        foreach (var id in Cases().Select(c => (string)c[0]))
        {
            Assert.Contains($"ok    {id}", run.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"\d+ case\(s\) passed, 0 failed", run.Output);
    }

    [Fact]
    public void Case_check_prints_what_differs_and_exits_1()
    {
        using var temp = new TempFolder();
        var source = Path.Combine(CasesRoot, "healthy-ldapsearch");
        var copy = Path.Combine(temp.Path, "healthy-ldapsearch");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(source).Where(f => !f.Contains(".received.", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        // Expect a finding the dump does not give, and approve a report the analysis does not write.
        var yaml = File.ReadAllText(Path.Combine(copy, "case.yaml")).Replace("exitCode: 0\n  findings: []",
            "exitCode: 0\n  findings:\n    - rule: RSN2001\n      kind: fail\n      severity: error\n      subject: DC=nowhere,DC=test", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(copy, "case.yaml"), yaml);
        File.AppendAllText(Path.Combine(copy, "report.en.verified.md"), "tampered\n");

        var run = CliRunner.Run("case", "check", temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL  healthy-ldapsearch", run.Output, StringComparison.Ordinal);
        Assert.Contains("expected finding not found: RSN2001 fail error DC=nowhere,DC=test", run.Output, StringComparison.Ordinal);
        Assert.Contains("report.en.md differs from the approved file", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(copy, "report.en.received.md")));
        Assert.Contains("0 case(s) passed, 1 failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Case_check_of_a_folder_without_cases_is_a_usage_error()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("case", "check", temp.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no support case there", run.Error, StringComparison.Ordinal);
    }
}
