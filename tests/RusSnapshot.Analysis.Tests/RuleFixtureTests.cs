using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Analysis.Tests;

/// <summary>Each rule has fixtures/rules/{Id}.{Name}/valid.* (rule passes) and invalid.* (rule fails), in the SARIF SDK's style.</summary>
public sealed class RuleFixtureTests
{
    public static IEnumerable<object[]> Rules() => RuleCatalog.Descriptors.Select(d => new object[] { d.Id });

    [Theory]
    [MemberData(nameof(Rules))]
    public void Valid_fixture_gives_no_failure_of_the_rule(string ruleId)
    {
        var result = Analyze(Fixture(ruleId, "valid"));

        Assert.DoesNotContain(result.Findings, f => f.RuleId == ruleId && f.Kind == FindingKind.Fail);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Invalid_fixture_fails_the_rule(string ruleId)
    {
        var result = Analyze(Fixture(ruleId, "invalid"));

        var failure = Assert.Single(result.Findings, f => f.RuleId == ruleId && f.Kind == FindingKind.Fail);
        Assert.NotEmpty(Text.RuleTexts.Message(Text.ReportLanguage.En, failure));
        Assert.NotEmpty(Text.RuleTexts.Message(Text.ReportLanguage.Fr, failure));
    }

    [Fact]
    public void Healthy_forest_has_no_failure_at_all()
    {
        var result = Analyze(Fixture(RuleIds.DomainWithoutRus, "valid"));

        Assert.Empty(result.Findings.Where(f => f.Kind != FindingKind.Info));
        var domain = Assert.Single(result.Forest.Domains);
        Assert.Equal("contoso.test", domain.DnsName);
        Assert.True(domain.IsPrepared);
        Assert.Equal(2, domain.Recipients.MailEnabled);
        Assert.Equal(2, domain.Recipients.Stamped);
        Assert.Equal(2, result.Forest.RusInstances.Length);
        Assert.True(result.Forest.HasLegacyServer);
    }

    [Fact]
    public void Missing_rus_finding_names_the_domain_with_evidence_and_file_lines()
    {
        var result = Analyze(Fixture(RuleIds.DomainWithoutRus, "invalid"));

        var f = Assert.Single(result.Findings, f => f.RuleId == RuleIds.DomainWithoutRus);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("DC=contoso,DC=test", f.Subject);
        Assert.Equal("RSN2001:DC=CONTOSO,DC=TEST", f.Fingerprint);
        Assert.Contains(f.Evidence, e => e.Attribute == "nCName" && e.Value == "DC=contoso,DC=test" && e.Line > 0 && e.Source.EndsWith("invalid.ldif", StringComparison.Ordinal));
        Assert.Contains("RUSMissing", Text.RuleTexts.Message(Text.ReportLanguage.En, f), StringComparison.Ordinal);
    }

    [Fact]
    public void Severity_override_and_suppression_apply_and_keep_the_finding_visible()
    {
        var options = new AnalysisOptions
        {
            HashInputs = false,
            SeverityOverrides = System.Collections.Immutable.ImmutableDictionary<string, Severity>.Empty.Add("DomainWithoutRus", Severity.Warning),
            Suppressions = [new Suppression("RSN2001", "dc=contoso,dc=test", "migration to Exchange 2010 planned", new DateOnly(2030, 1, 1))],
        };

        var result = ForestAnalyzer.Analyze(DumpSource.Expand([Fixture(RuleIds.DomainWithoutRus, "invalid")]), options);

        var f = Assert.Single(result.Findings, f => f.RuleId == RuleIds.DomainWithoutRus);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("migration to Exchange 2010 planned", f.SuppressedBecause);
        Assert.DoesNotContain(f, result.FailuresAtOrAbove(Severity.Info));
    }

    [Fact]
    public void Expired_suppression_no_longer_applies()
    {
        var options = new AnalysisOptions
        {
            HashInputs = false,
            Today = new DateOnly(2026, 11, 24),
            Suppressions = [new Suppression("RSN2001", null, "was planned", new DateOnly(2026, 1, 1))],
        };

        var result = ForestAnalyzer.Analyze(DumpSource.Expand([Fixture(RuleIds.DomainWithoutRus, "invalid")]), options);

        Assert.Null(Assert.Single(result.Findings, f => f.RuleId == RuleIds.DomainWithoutRus).SuppressedBecause);
    }

    [Fact]
    public void Input_hash_is_the_sha256_of_the_file()
    {
        var path = Fixture(RuleIds.DomainWithoutRus, "valid");
        var result = ForestAnalyzer.Analyze(DumpSource.Expand([path]), new AnalysisOptions());

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal(expected, Assert.Single(result.Inputs).Sha256);
    }

    /// <summary>Analyses a fixture; the setup logs in a fixture folder (<c>*.log</c>) are read as <c>--setup-log</c> (RSN2008).</summary>
    internal static AnalysisResult Analyze(string path) =>
        ForestAnalyzer.Analyze(DumpSource.Expand([path]), new AnalysisOptions
        {
            HashInputs = false,
            SetupLogs = Directory.Exists(path) ? [.. Directory.GetFiles(path, "*.log").Order(StringComparer.Ordinal)] : [],
        });

    internal static string Fixture(string ruleId, string kind)
    {
        var descriptor = RuleCatalog.Find(ruleId)!;
        var dir = Path.Combine(RepoPaths.Fixtures, "rules", $"{descriptor.Id}.{descriptor.Name}");
        var folder = Path.Combine(dir, kind);
        if (Directory.Exists(folder))
        {
            return folder;
        }

        return Directory.GetFiles(dir, kind + ".*").Single(f => !f.EndsWith(".md", StringComparison.Ordinal));
    }
}
