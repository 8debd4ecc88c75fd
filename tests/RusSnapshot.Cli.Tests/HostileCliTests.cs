using System.Text;

namespace RusSnapshot.Cli.Tests;

/// <summary>Issue 16 and issue 10 item 7: what a hostile or careless command line, dump or file system must not do.</summary>
public sealed class HostileCliTests
{
    private static string Fixture(string kind) =>
        Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "rules", "RSN2001.DomainWithoutRus", kind + ".ldif");

    [Fact]
    public void A_symlink_at_the_report_name_is_replaced_not_followed()
    {
        using var dir = new TempFolder();
        var victim = dir.Write("victim.txt", "untouched");
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        var report = Path.Combine(outDir, "russnap-report.md");
        File.CreateSymbolicLink(report, victim);

        var r = CliRunner.Run("analyze", Fixture("valid"), "-o", outDir, "-f", "md");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("untouched", File.ReadAllText(victim));
        Assert.Null(new FileInfo(report).LinkTarget);
        Assert.StartsWith("# ", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.Equal(new[] { "russnap-report.md" }, Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_cancelled_run_exits_130_and_leaves_no_report_nor_temporary()
    {
        using var dir = new TempFolder();
        var outDir = Path.Combine(dir.Path, "out");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var r = CliRunner.Run(cancel.Token, "analyze", Fixture("valid"), "-o", outDir);

        Assert.Equal(130, r.ExitCode);
        Assert.Equal("russnap: interrupted: no report written\n", r.Error);
        Assert.Empty(Directory.Exists(outDir) ? Directory.GetFileSystemEntries(outDir) : []);
    }

    [Fact]
    public void A_failing_report_writer_leaves_the_previous_report_and_no_temporary()
    {
        using var dir = new TempFolder();
        var final = dir.Write("russnap-report.md", "previous");

        using (var file = ReportFile.Create(dir.Path, "russnap-report.md"))
        {
            file.Writer.Write("half a rep");
            file.Writer.Flush();
        }

        Assert.Equal("previous", File.ReadAllText(final));
        Assert.Equal(new[] { final }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Console_output_escapes_values_from_the_dump()
    {
        using var dir = new TempFolder();
        const string Hostile = "contoso.test\u001b]0;pwned\u0007\rOK\nfake line\u202Eexe.\u009b31m\u200Dx";
        var text = File.ReadAllText(Fixture("invalid"))
            .Replace("dnsRoot: contoso.test", "dnsRoot:: " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Hostile)), StringComparison.Ordinal)
            .Replace("cn: Alice Martin\n", "cn:: ***\n", StringComparison.Ordinal);
        var dump = dir.Write("evil\u001b[31m\u202E.ldif", text);

        var analyze = CliRunner.Run("analyze", dump, "-o", Path.Combine(dir.Path, "out\u0007"), "-f", "json");
        var validate = CliRunner.Run("validate", dump);

        Assert.Contains("contoso.test␛]0;pwned␇␍OK␊fake line\\u202Eexe.\\u009B31m\\u200Dx", analyze.Output, StringComparison.Ordinal);
        Assert.Contains("evil␛[31m\\u202E.ldif", analyze.Error, StringComparison.Ordinal);
        Assert.Contains("evil␛[31m\\u202E.ldif", validate.Output, StringComparison.Ordinal);
        foreach (var console in new[] { analyze.Output, analyze.Error, validate.Output, validate.Error })
        {
            Assert.DoesNotContain(console, c => (c < ' ' && c != '\n') || c is '\u007F' or '\u009B' or '\u202E' or '\u200D');
        }

        Assert.Equal(3, analyze.ExitCode);
    }

    [Theory]
    [InlineData("-o", "")]
    [InlineData("--config", "")]
    [InlineData("--format", ",")]
    [InlineData("--format", "md,,pdf")]
    [InlineData("--fail-on", "sometimes")]
    [InlineData("--timestamp", "yesterday")]
    [InlineData("--timestamp", "")]
    public void Bad_arguments_are_usage_errors_before_any_input_is_read(string option, string value)
    {
        var r = CliRunner.Run("analyze", "/nonexistent/dump.ldif", option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Empty(r.Output);
        Assert.StartsWith("russnap: ", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_path_that_is_a_file_or_unwritable_is_a_usage_error_before_any_input_is_read()
    {
        using var dir = new TempFolder();
        var file = dir.Write("file.txt", "x");

        foreach (var output in new[] { file, "/dev/null/reports", "/proc/russnap-reports" })
        {
            var r = CliRunner.Run("analyze", "/nonexistent/dump.ldif", "-o", output);

            Assert.Equal(2, r.ExitCode);
            Assert.Contains(output, r.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("/nonexistent", r.Error, StringComparison.Ordinal);
        }

        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Configuration_values_use_the_command_line_vocabulary()
    {
        using var dir = new TempFolder();
        var config = dir.Write("rs.yaml", "report:\n  formats: [Markdown, HTML]\n  lang: FR\n  failOn: never\n");

        var r = CliRunner.Run("analyze", Fixture("invalid"), "-o", dir.Path, "--config", config);

        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir.Path, "russnap-report.md")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "russnap-report.html")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "russnap-report.json")));
        Assert.Contains("lang=\"fr\"", File.ReadAllText(Path.Combine(dir.Path, "russnap-report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_exception_is_exit_4_with_one_line_naming_the_crash_file()
    {
        var error = new StringWriter { NewLine = "\n" };

        var code = RusSnapshotCommandLine.Guard(() => throw new InvalidOperationException("boom\nsecond line"), error, CancellationToken.None);

        Assert.Equal(4, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("bug", line, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", line, StringComparison.Ordinal);
        var path = line[line.IndexOf(Path.GetTempPath(), StringComparison.Ordinal)..];
        try
        {
            var details = File.ReadAllText(path);
            Assert.Contains("boom\nsecond line", details, StringComparison.Ordinal);
            Assert.Contains(nameof(An_unexpected_exception_is_exit_4_with_one_line_naming_the_crash_file), details, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
