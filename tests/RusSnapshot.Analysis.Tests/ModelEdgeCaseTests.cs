using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Rules.Health;

namespace RusSnapshot.Analysis.Tests;

/// <summary>Regression tests from the review of the model builder and rules (inputs built from the healthy rule fixture).</summary>
public sealed class ModelEdgeCaseTests
{
    private static string Healthy => File.ReadAllText(RuleFixtureTests.Fixture(RuleIds.DomainWithoutRus, "valid"));

    private static AnalysisResult AnalyzeText(string ldif)
    {
        var path = Path.Combine(Path.GetTempPath(), "russnap-edge-" + Guid.NewGuid().ToString("N") + ".ldif");
        File.WriteAllText(path, ldif);
        try
        {
            return RuleFixtureTests.Analyze(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Record(string ldif, string dnPrefix)
    {
        var start = ldif.IndexOf("dn: " + dnPrefix, StringComparison.Ordinal);
        var end = ldif.IndexOf("\n\n", start, StringComparison.Ordinal);
        return ldif[start..(end + 2)];
    }

    [Fact]
    public void The_same_crossref_twice_in_one_file_is_one_domain()
    {
        var ldif = Healthy + Record(Healthy, "CN=CONTOSO,CN=Partitions");

        var result = AnalyzeText(ldif);

        Assert.Single(result.Forest.Domains);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKind.Fail);
    }

    [Fact]
    public void Configuration_objects_of_another_forest_are_left_out_and_reported()
    {
        var foreign = "dn: CN=OTHER,CN=Partitions,CN=Configuration,DC=other,DC=test\nobjectClass: crossRef\nnCName: DC=other,DC=test\ndnsRoot: other.test\nsystemFlags: 3\n\n";
        var ldif = Healthy.Replace("version: 1\n\n", "version: 1\n\n" + foreign, StringComparison.Ordinal);

        var result = AnalyzeText(ldif);

        Assert.Equal("CN=Configuration,DC=contoso,DC=test", result.Forest.ConfigurationDn);
        Assert.Single(result.Forest.Domains);
        Assert.DoesNotContain(result.Findings, f => f.RuleId is RuleIds.EnterpriseRusMissing or RuleIds.RusForUnknownDomain);
        Assert.Contains(result.Findings, f => f.MessageId == "RSN1001.foreignConfiguration");
    }

    [Fact]
    public void Root_dse_names_the_configuration_partition()
    {
        var rootDse = "dn:\nconfigurationNamingContext: CN=Configuration,DC=contoso,DC=test\n\n";
        var foreign = "dn: CN=X,CN=Partitions,CN=Configuration,DC=other,DC=test\nobjectClass: crossRef\nnCName: CN=Configuration,DC=other,DC=test\nsystemFlags: 1\n\n";
        var ldif = Healthy.Replace("version: 1\n\n", "version: 1\n\n" + rootDse + foreign, StringComparison.Ordinal);

        Assert.Equal("CN=Configuration,DC=contoso,DC=test", AnalyzeText(ldif).Forest.ConfigurationDn);
    }

    [Fact]
    public void A_server_of_unknown_version_keeps_the_rus_requirement()
    {
        var ldif = File.ReadAllText(RuleFixtureTests.Fixture(RuleIds.DomainWithoutRus, "invalid"))
            .Replace("serialNumber: Version 6.5 (Build 7638.2: Service Pack 2)\n", string.Empty, StringComparison.Ordinal)
            .Replace("versionNumber: 7638\n", string.Empty, StringComparison.Ordinal);

        var f = Assert.Single(AnalyzeText(ldif).Findings, f => f.RuleId == RuleIds.DomainWithoutRus);

        Assert.Equal((FindingKind.Fail, Severity.Error), (f.Kind, f.Severity));
    }

    [Fact]
    public void Application_partition_heads_are_not_domains()
    {
        var ldif = Healthy + "dn: DC=DomainDnsZones,DC=contoso,DC=test\nobjectClass: top\nobjectClass: domainDNS\n\n";

        Assert.Single(AnalyzeText(ldif).Forest.Domains);
    }

    [Fact]
    public void A_deleted_rus_does_not_cover_its_domain_and_deleted_users_are_not_recipients()
    {
        var ldif = File.ReadAllText(RuleFixtureTests.Fixture(RuleIds.DomainWithoutRus, "invalid"))
            + "dn: CN=Recipient Update Service (CONTOSO)\\0ADEL:5d3e1f5a-0000-4000-8000-000000000001,CN=Deleted Objects,CN=Configuration,DC=contoso,DC=test\n"
            + "objectClass: top\nobjectClass: msExchAddressListService\nmsExchDomainLink: DC=contoso,DC=test\n\n"
            + "dn: CN=Gone\\0ADEL:5d3e1f5a-0000-4000-8000-000000000002,CN=Deleted Objects,DC=contoso,DC=test\n"
            + "objectClass: user\nmailNickname: gone\n\n";

        var result = AnalyzeText(ldif);

        Assert.Contains(result.Findings, f => f.RuleId == RuleIds.DomainWithoutRus && f.Kind == FindingKind.Fail);
        Assert.Equal(2, result.Forest.Domains.Single().Recipients.MailEnabled);
    }

    [Fact]
    public void Child_domain_without_trust_parent_finds_its_parent_by_name()
    {
        var child = "dn: CN=CHILD,CN=Partitions,CN=Configuration,DC=contoso,DC=test\nobjectClass: crossRef\nnCName: DC=child,DC=contoso,DC=test\ndnsRoot: child.contoso.test\nsystemFlags: 3\n\n";

        var result = AnalyzeText(Healthy + child);

        Assert.Equal("DC=contoso,DC=test", result.Forest.Domains.Single(d => d.DnsName == "child.contoso.test").ParentDn);
    }

    [Fact]
    public void Huge_version_numbers_do_not_crash()
    {
        Assert.Equal(ExchangeGeneration.Unknown, ExchangeVersion.From("Version 99999999999 (Build 99999999999)", null).Generation);
        Assert.Equal(ExchangeGeneration.Unknown, ExchangeVersion.From(null, "99999999999999999999999").Generation);
    }

    [Fact]
    public void Fingerprints_are_rule_and_canonical_subject_whatever_the_message_or_severity()
    {
        var fail = new Finding { RuleId = "RSN2001", Severity = Severity.Error, Kind = FindingKind.Fail, Subject = "DC=A, DC=B", MessageId = "RSN2001.fail" };
        var info = fail with { Severity = Severity.Info, Kind = FindingKind.Info, Subject = @"dc=\41,dc=b", MessageId = "RSN2001.noLegacyServer" };

        Assert.Equal("RSN2001:DC=A,DC=B", fail.Fingerprint);
        Assert.Equal(fail.Fingerprint, info.Fingerprint);
    }

    [Fact]
    public void Fingerprints_of_one_subject_differ_by_the_declared_discriminator()
    {
        var context = new RuleContext();
        var rule = IncompleteDump.Rule;
        var a = context.Fail(rule, "x.ldif", "readErrors", IncompleteDump.Messages.ReadErrors, ["x.ldif", "1", "1"]);
        var b = context.Fail(rule, "x.ldif", "ldapsearchUnfinished", IncompleteDump.Messages.SearchUnfinished, ["x.ldif"]);

        Assert.Equal("RSN1001:X.LDIF#readErrors", a.Fingerprint);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.Throws<InvalidOperationException>(() => context.Fail(rule, "x.ldif", "undeclared", IncompleteDump.Messages.ReadErrors, ["x.ldif", "1", "1"]));
    }
}
