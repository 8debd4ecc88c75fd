namespace RusSnapshot.Cli.Tests;

/// <summary>
/// The bundled sample's reports (the README's first command) are approved in fixtures/sample-report/: the release check
/// (scripts/check-release.sh) compares the shipped linux-x64 executable's reports with the same files.
/// </summary>
[Collection(WorkingDirectoryCollection.Name)]
public sealed class SampleReportTests
{
    [Fact]
    public void The_sample_reports_are_the_approved_ones()
    {
        var root = RulesCommandTests.RepoRoot();
        using var dir = new TempFolder();
        var previous = Environment.CurrentDirectory;
        CliRunner.Result r;
        try
        {
            // Relative inputs, as the README runs it: the reports name the inputs as given.
            Environment.CurrentDirectory = root;
            r = CliRunner.Run("analyze", "fixtures/sample", "-o", dir.Path, "--timestamp", "2026-01-01T00:00:00Z");
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.True(r.ExitCode is 0 or 1, r.Error);
        foreach (var ext in new[] { "md", "json", "html" })
        {
            var approved = Path.Combine(root, "fixtures", "sample-report", $"russnap-report.verified.{ext}");
            var produced = File.ReadAllBytes(Path.Combine(dir.Path, $"russnap-report.{ext}"));
            if (!File.Exists(approved) || !File.ReadAllBytes(approved).AsSpan().SequenceEqual(produced))
            {
                File.WriteAllBytes(approved.Replace(".verified.", ".received.", StringComparison.Ordinal), produced);
                Assert.Fail($"russnap-report.{ext} differs from fixtures/sample-report/: review the .received. file beside it and rename it to approve");
            }
        }
    }
}

/// <summary>Tests that change the process's working directory run alone: no other test may resolve a relative path meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkingDirectoryCollection
{
    public const string Name = "working directory";
}
