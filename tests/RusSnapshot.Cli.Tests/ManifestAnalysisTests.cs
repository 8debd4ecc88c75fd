using System.Text.Json;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Cli.Tests;

/// <summary>The analyzer reads the collector's manifest beside a dump: "collected by" in the reports, RSN1001 for what it could not read.</summary>
public sealed class ManifestAnalysisTests
{
    private static readonly string Dump = Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "rules", "RSN2001.DomainWithoutRus", "valid.ldif");

    /// <summary>A manifest as the collector writes it, for dumps collected on 2026-11-20 (also used by SetupLogAnalysisTests).</summary>
    internal static CollectionManifest Manifest(params ManifestUnread[] unread) => new()
    {
        SchemaVersion = CollectionManifest.CurrentSchemaVersion,
        Tool = new ManifestTool("russnap-collect", "0.1.0"),
        Server = new ManifestServer("127.0.0.1", 636, "ldaps", "dc1.contoso.test"),
        Bind = new ManifestBind("simple", "CONTOSO\\auditor"),
        StartedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        EndedAt = new DateTimeOffset(2026, 11, 20, 10, 4, 12, TimeSpan.Zero),
        Scope = "full",
        Dump = new ManifestDump("forest.ldf", "ldif", 42),
        Complete = unread.Length == 0,
        NamingContexts = [],
        Unread = unread,
    };

    [Fact]
    public void Every_report_says_how_the_dump_was_collected()
    {
        using var dir = new TempFolder();
        var dump = Copy(dir);
        CollectionManifestFile.WriteFile(Manifest(), CollectionManifestFile.PathFor(dump));

        var r = CliRunner.Run("analyze", dump, "-o", dir.Path, "--timestamp", "2026-01-01T00:00:00Z");

        Assert.Equal(0, r.ExitCode);
        const string expected = "russnap-collect 0.1.0, dc1.contoso.test:636 (ldaps), CONTOSO\\auditor, 2026-11-20T10:00:00Z/2026-11-20T10:04:12Z";
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        Assert.Equal(expected, json.RootElement.GetProperty("inputs")[0].GetProperty("collectedBy").GetString());
        Assert.Contains(expected.Replace("\\", "\\\\", StringComparison.Ordinal), File.ReadAllText(Path.Combine(dir.Path, "russnap-report.md")), StringComparison.Ordinal);
        Assert.Contains("dc1.contoso.test:636", File.ReadAllText(Path.Combine(dir.Path, "russnap-report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_manifest_lists_as_unread_is_an_rsn1001_finding()
    {
        using var dir = new TempFolder();
        var dump = Copy(dir);
        CollectionManifestFile.WriteFile(
            Manifest(new ManifestUnread("DC=child,DC=contoso,DC=test", UnreadReason.Unreachable, "child.contoso.test:389", "no domain controller answered", null)),
            CollectionManifestFile.PathFor(dump));

        var r = CliRunner.Run("analyze", dump, "-o", dir.Path, "-f", "json");

        Assert.Equal(1, r.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "RSN1001");
        Assert.Equal("DC=child,DC=contoso,DC=test", finding.GetProperty("subject").GetString());
        Assert.Equal("RSN1001:DC=CHILD,DC=CONTOSO,DC=TEST#collectionUnread", finding.GetProperty("fingerprint").GetString());
        Assert.Contains("unreachable", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("no domain controller answered", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_manifest_is_a_warning_and_the_dump_is_still_analysed()
    {
        using var dir = new TempFolder();
        var dump = Copy(dir);
        File.WriteAllText(CollectionManifestFile.PathFor(dump), "{ \"schemaVersion\": 1,\n  \"tool\": ");

        var r = CliRunner.Run("analyze", dump, "-o", dir.Path, "-f", "json");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "russnap-report.json")));
        var input = json.RootElement.GetProperty("inputs")[0];
        Assert.Equal(JsonValueKind.Null, input.GetProperty("collectedBy").ValueKind);
        Assert.Equal(1, input.GetProperty("warnings").GetInt32());
        Assert.Contains("forest.ldf.manifest.json", r.Error, StringComparison.Ordinal);
        Assert.Contains("what the collection missed is unknown", r.Error, StringComparison.Ordinal);
    }

    private static string Copy(TempFolder dir)
    {
        var dump = Path.Combine(dir.Path, "forest.ldf");
        File.Copy(Dump, dump);
        return dump;
    }
}
