using System.Collections.Immutable;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Dumps;

namespace RusSnapshot.Reports.Tests;

public sealed class ReportBuilderTests
{
    private static readonly ReportDocument En = TestReport.Document(ReportLanguage.En);

    [Fact]
    public void Carries_tool_catalog_timestamp_and_language()
    {
        Assert.Equal(1, En.SchemaVersion);
        Assert.Equal("russnap", En.Tool.Name);
        Assert.Equal("0.1.0-test", En.Tool.Version);
        Assert.Equal(RuleCatalog.Version, En.Tool.RuleCatalogVersion);
        Assert.Equal(TimeSpan.Zero, En.GeneratedAt.Offset);
        Assert.Equal("2026-11-24T10:30:00Z", ReportText.Timestamp(En.GeneratedAt));
        Assert.Equal(ReportLanguage.En, En.Language);
    }

    [Fact]
    public void Timestamps_are_utc_iso_8601_with_fraction_only_when_present()
    {
        Assert.Equal("2026-11-24T08:30:00Z", ReportText.Timestamp(new DateTimeOffset(2026, 11, 24, 10, 30, 0, TimeSpan.FromHours(2))));
        Assert.Equal("2026-11-24T10:30:00.25Z", ReportText.Timestamp(new DateTimeOffset(2026, 11, 24, 10, 30, 0, 250, TimeSpan.Zero)));
    }

    [Fact]
    public void Domain_coverage_agrees_with_the_RSN2001_findings()
    {
        var rsn2001 = TestReport.Result.Findings.Where(f => f.RuleId == RuleIds.DomainWithoutRus).ToList();
        foreach (var domain in En.Forest.Domains)
        {
            var fails = rsn2001.Any(f => f.Kind == FindingKind.Fail && DnKey.Of(f.Subject) == DnKey.Of(domain.Dn));
            Assert.False(domain.Covered && fails, domain.Dn);
            Assert.Equal(fails, domain.Coverage == DomainCoverage.Missing);
            Assert.Equal(domain.Covered, domain.Coverage == DomainCoverage.Covered);
            Assert.Equal(domain.Covered, TestReport.Result.Forest.RusInstances.Any(r => r.Serves(DnKey.Of(domain.Dn))));
        }

        Assert.Equal<string>([TestReport.RootDn], En.Summary.DomainsCovered);
        Assert.Equal<string>([TestReport.MissingDn], En.Summary.DomainsMissing);
        Assert.Equal<string>([TestReport.AbsentDn], En.Summary.DomainsNotJudged);
        Assert.Equal(
            rsn2001.Where(f => f.Kind == FindingKind.Fail).Select(f => f.Subject).Order(StringComparer.Ordinal),
            En.Summary.DomainsMissing.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Domains_come_in_tree_order_with_their_RUS_instances_and_recipients()
    {
        Assert.Equal<string>([TestReport.RootDn, TestReport.MissingDn, TestReport.AbsentDn], En.Forest.Domains.Select(d => d.Dn));
        var root = En.Forest.Domains[0];
        Assert.True(root.IsForestRoot);
        Assert.Equal(3, root.RusInstances.Length);
        Assert.Equal(new ReportRecipients(1200, 1190, 0, 10, 1100), root.Recipients);
        Assert.Null(En.Forest.Domains[2].Recipients);
        Assert.False(En.Forest.Domains[2].PartitionInDump);
        Assert.Equal(TestReport.RootDn, En.Forest.Domains[1].ParentDn);
    }

    [Fact]
    public void Exchange_servers_and_RUS_instances_are_described_and_sorted()
    {
        Assert.Equal("First Organization", En.Exchange.Organization?.Name);
        Assert.Equal<string>(["AG | `two` *it*", "First Administrative Group"], En.Exchange.AdministrativeGroups);
        Assert.Equal<string>(["EX2003", "EX2007 | pipe"], En.Exchange.Servers.Select(s => s.Name));
        Assert.Equal(ExchangeGeneration.Exchange2003, En.Exchange.Servers[0].Generation);
        Assert.Equal("6.5.7638", En.Exchange.Servers[0].Build);
        Assert.Equal(ExchangeGeneration.Exchange2007, En.Exchange.Servers[1].Generation);

        var rus = En.Exchange.RusInstances;
        Assert.True(rus[0].Enterprise);
        Assert.Single(rus, r => r.Enterprise);
        var deleted = Assert.Single(rus, r => r.ServerLink == TestReport.DeletedServerDn);
        Assert.Null(deleted.ServerName);
        Assert.Equal("EX2003", rus[0].ServerName);
    }

    [Fact]
    public void Findings_are_grouped_errors_warnings_info_not_applicable_suppressed()
    {
        var groups = En.Findings.Select(f => f.Group).ToList();
        Assert.Equal(groups.Order(), groups);
        Assert.Equal(TestReport.Result.Findings.Length, En.Findings.Length);
        Assert.Equal(
            TestReport.Result.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal),
            En.Findings.Select(f => f.Fingerprint).Order(StringComparer.Ordinal));
        foreach (var g in Enum.GetValues<FindingGroup>())
        {
            Assert.Contains(En.Findings, f => f.Group == g);
        }
    }

    [Fact]
    public void Summary_counts_each_finding_once_and_suppressed_ones_apart()
    {
        var s = En.Summary;
        Assert.Equal(En.Findings.Length, s.Errors + s.Warnings + s.Infos + s.NotApplicable + s.Suppressed);
        Assert.Equal(En.Findings.Count(f => f.Group == FindingGroup.Error), s.Errors);
        Assert.Equal(1, s.Suppressed);
        Assert.Equal(AnalysisVerdict.Fail, s.Verdict);
    }

    [Fact]
    public void Finding_texts_are_localised_and_remediation_fits_the_kind()
    {
        var fr = TestReport.Document(ReportLanguage.Fr);
        var missingEn = En.Findings.Single(f => f.RuleId == RuleIds.DomainWithoutRus && f.Kind == FindingKind.Fail);
        var missingFr = fr.Findings.Single(f => f.Fingerprint == missingEn.Fingerprint);
        Assert.Equal(RuleTexts.Title(ReportLanguage.En, "RSN2001"), missingEn.Title);
        Assert.Contains("service de mise à jour de destinataire", missingFr.Title, StringComparison.Ordinal);
        Assert.Equal(missingEn.MessageId, missingFr.MessageId);
        Assert.Equal(RuleTexts.Remediation(ReportLanguage.Fr, "RSN2001"), missingFr.Remediation);
        Assert.Equal("DomainWithoutRus", missingEn.Name);
        Assert.Equal("docs/rules/RSN2001.md", missingEn.HelpUri);

        // Not applicable: complete the dump (RSN1001's steps), not the rule's fix.
        var notJudged = En.Findings.Single(f => f.RuleId == RuleIds.DomainWithoutRus && f.Kind == FindingKind.NotApplicable);
        Assert.Equal(RuleTexts.Remediation(ReportLanguage.En, RuleIds.IncompleteDump), notJudged.Remediation);

        var suppressed = En.Findings.Single(f => f.Suppressed is not null);
        Assert.Equal(RuleIds.RusForUnknownDomain, suppressed.RuleId);
    }

    [Fact]
    public void Evidence_keeps_source_line_dn_attribute_and_value()
    {
        var deleted = En.Findings.Single(f => f.RuleId == RuleIds.RusServerMissing);
        var e = Assert.Single(deleted.Evidence);
        Assert.Equal(TestReport.LdifName, e.Source);
        Assert.True(e.Line > 0);
        Assert.Equal("msExchAddressListServiceLink", e.Attribute);
        Assert.Equal(TestReport.DeletedServerDn, e.Value);
    }

    [Fact]
    public void Verdict_is_incomplete_when_only_not_applicable_findings_remain()
    {
        var model = new ForestModel { Completeness = new DumpCompleteness { HasPartitions = false } };
        var options = new AnalysisOptions
        {
            Today = new DateOnly(2026, 11, 24),
            SeverityOverrides = ImmutableDictionary<string, Severity>.Empty.Add(RuleIds.IncompleteDump, Severity.Warning),
        };
        var result = new AnalysisResult { Forest = model, Findings = ForestAnalyzer.Evaluate(model, options), Rules = RuleCatalog.Descriptors, Inputs = [] };
        var doc = ReportBuilder.Build(result, TestReport.Options(ReportLanguage.En));
        Assert.Equal(AnalysisVerdict.Incomplete, doc.Summary.Verdict);
        Assert.Empty(doc.Forest.Domains);

        var clean = ReportBuilder.Build(result with { Findings = [] }, TestReport.Options(ReportLanguage.En));
        Assert.Equal(AnalysisVerdict.Pass, clean.Summary.Verdict);
        foreach (var writer in ReportWriters.All)
        {
            Assert.NotEmpty(writer.Render(clean));
        }
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters()
    {
        Assert.Equal("a\uFFFDb\uFFFD", ReportBuilder.Clean("a\uD800b\uDC00"));
        Assert.Equal("\U0001F600", ReportBuilder.Clean("\U0001F600"));
        var result = TestReport.Result with
        {
            Inputs = [new InputReport { Path = "bad\uD800.ldif", Dialect = "ldifde" }],
        };
        var doc = ReportBuilder.Build(result, TestReport.Options(ReportLanguage.En));
        Assert.Equal("bad\uFFFD.ldif", doc.Inputs[0].Path);
        foreach (var writer in ReportWriters.All)
        {
            // SARIF names inputs by URI, percent-encoded.
            Assert.Contains(writer == ReportWriters.Sarif ? Uri.EscapeDataString("bad\uFFFD.ldif") : "bad\uFFFD.ldif", writer.Render(doc), StringComparison.Ordinal);
        }
    }
}
