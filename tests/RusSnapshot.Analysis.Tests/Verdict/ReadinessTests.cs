using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Synth;

namespace RusSnapshot.Analysis.Tests.Verdict;

/// <summary>The readiness verdict per Exchange version on generated forests with the faults that decide it (russnap-synth).</summary>
public sealed class ReadinessTests
{
    private static readonly ForestSpec Small = new() { Domains = 4, Users = 40, Groups = 4, Seed = 3, SplitByPartition = true };

    [Fact]
    public void A_healthy_forest_with_exchange_2003_servers_lets_2007_and_2010_setup_run_and_blocks_2013()
    {
        var readiness = Generate(Small).Readiness;

        Assert.Equal(4, readiness.Domains.Length);
        Assert.All(readiness.Domains, d =>
        {
            Assert.Equal(ReadinessAnswer.No, d.Exchange2007Stops);
            Assert.Equal(ReadinessAnswer.No, d.Exchange2010Stops);
            Assert.Equal(ReadinessAnswer.No, d.Exchange2013Warns);
            Assert.NotEmpty(d.ServingRus);
        });
        Assert.Equal(ReadinessAnswer.Yes, readiness.Exchange2013Blocked);
        Assert.Equal(3, readiness.LegacyServers.Length); // two Exchange 2003 back-ends and the front-end
    }

    [Fact]
    public void A_domain_without_rus_stops_2007_and_2010_setup_there_and_2013_warns_there_only()
    {
        var result = Generate(Small with { Faults = [SynthFault.Parse("missing-rus:child1")] });

        var child = Assert.Single(result.Readiness.Domains, d => d.Domain.DnsName!.StartsWith("child1.", StringComparison.Ordinal));
        Assert.Equal((ReadinessAnswer.Yes, ReadinessAnswer.Yes, ReadinessAnswer.Yes), (child.Exchange2007Stops, child.Exchange2010Stops, child.Exchange2013Warns));
        Assert.Empty(child.ServingRus);
        Assert.All(result.Readiness.Domains.Where(d => d != child), d => Assert.Equal(ReadinessAnswer.No, d.RusMissing));
        Assert.Equal(ReadinessAnswer.Yes, result.Readiness.Exchange2013Blocked);

        // The verdict agrees with RSN2001 on the same dump.
        Assert.Contains(result.Findings, f => f.RuleId == Rules.RuleIds.DomainWithoutRus && f.Subject == child.Domain.Dn && f.Kind == Rules.FindingKind.Fail);
    }

    [Fact]
    public void Without_exchange_2000_2003_servers_nothing_stops_even_in_domains_without_rus()
    {
        // The last Exchange 2003 server removed, and with it every RUS: nothing requires one any more.
        var result = Generate(Small with { Servers = ForestSpec.ParseServers("2007:1,2010:1"), RusLayout = RusLayout.None });

        Assert.Empty(result.Readiness.LegacyServers);
        Assert.All(result.Readiness.Domains, d => Assert.Empty(d.ServingRus));
        Assert.All(result.Readiness.Domains, d => Assert.Equal(ReadinessAnswer.No, d.RusMissing));
        Assert.Equal(ReadinessAnswer.No, result.Readiness.Exchange2013Blocked);
    }

    [Fact]
    public void A_precreated_domain_is_not_judged_and_says_why()
    {
        var readiness = Generate(Small with { Faults = [SynthFault.Parse("precreated-domain")] }).Readiness;

        var disabled = Assert.Single(readiness.Domains, d => !d.Domain.Enabled);
        Assert.Equal((ReadinessAnswer.Unknown, ReadinessUnknown.DomainDisabled), (disabled.RusMissing, disabled.Unknown));
    }

    [Fact]
    public void A_dump_that_cannot_tell_says_unknown_with_the_reason()
    {
        var domain = new DomainInfo { Dn = "DC=contoso,DC=test", DnsName = "contoso.test" };
        var noExchange = Readiness(new ForestModel { Domains = [domain], Completeness = new DumpCompleteness { HasPartitions = true } });
        Assert.Equal((ReadinessAnswer.Unknown, ReadinessUnknown.NoExchangeServices), (noExchange.Domains[0].RusMissing, noExchange.Domains[0].Unknown));
        Assert.Equal((ReadinessAnswer.Unknown, ReadinessUnknown.NoExchangeServices), (noExchange.Exchange2013Blocked, noExchange.BlockedUnknown));

        var entry = new Dumps.DumpEntry("CN=EX1,CN=Servers,CN=AG,CN=Administrative Groups,CN=Org,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test", [], default);
        var org = new ExchangeOrganizationInfo("CN=Org,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test", "Org", entry);
        var unknownVersion = Readiness(new ForestModel
        {
            Domains = [domain],
            Organization = org,
            Servers = [new ExchangeServerInfo { Dn = entry.Dn, Name = "EX1", Version = ExchangeVersion.Unknown, Entry = entry }],
            Completeness = new DumpCompleteness { HasPartitions = true, HasExchangeServices = true },
        });
        Assert.Equal(ReadinessUnknown.ServerVersionsUnknown, unknownVersion.Domains[0].Unknown);
        Assert.Equal(ReadinessAnswer.Unknown, unknownVersion.Exchange2013Blocked);

        var noServers = Readiness(new ForestModel { Domains = [domain], Organization = org, Completeness = new DumpCompleteness { HasPartitions = true, HasExchangeServices = true } });
        Assert.Equal(ReadinessUnknown.NoServers, noServers.Domains[0].Unknown);

        var noOrganisation = Readiness(new ForestModel { Domains = [domain], Completeness = new DumpCompleteness { HasPartitions = true, HasExchangeServices = true } });
        Assert.Equal((ReadinessAnswer.No, ReadinessAnswer.No), (noOrganisation.Domains[0].RusMissing, noOrganisation.Exchange2013Blocked));
    }

    [Fact]
    public void The_verdict_is_derived_and_names_its_sources()
    {
        Assert.Contains(ReadinessVerdict.Sources, s => s.Contains("ms.exch.setupreadiness.rusmissing", StringComparison.Ordinal));
        Assert.Contains(ReadinessVerdict.Sources, s => s.Contains("Exchange2000or2003PresentInOrg", StringComparison.Ordinal));
        Assert.Contains(ReadinessVerdict.Sources, s => s.StartsWith("RusSnapshot's derivation", StringComparison.Ordinal));
    }

    private static ReadinessVerdict Readiness(ForestModel model) =>
        new AnalysisResult { Forest = model, Findings = [], Rules = [], Inputs = [] }.Readiness;

    /// <summary>Generates the forest into a temporary folder and analyses it.</summary>
    internal static AnalysisResult Generate(ForestSpec spec, AnalysisOptions? options = null, Analysis.Recipients.IUnstampedRecipientSink? unstamped = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "russnap-analysis-tests", Guid.NewGuid().ToString("N"));
        try
        {
            new ForestGenerator(spec).Generate(dir);
            return ForestAnalyzer.Analyze(DumpSource.Expand([dir]), options ?? new AnalysisOptions { HashInputs = false }, unstamped: unstamped);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
