using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Recipients;
using RusSnapshot.Analysis.Tests.Verdict;
using RusSnapshot.Synth;

namespace RusSnapshot.Analysis.Tests.Recipients;

/// <summary>The recipients behind RSN2007, handed out while the dump is read: exactly those counted, each with its domain.</summary>
public sealed class UnstampedRecipientTests
{
    private static readonly ForestSpec Spec = new()
    {
        Domains = 3, Users = 120, Groups = 6, Seed = 5, SplitByPartition = true,
        Faults = [SynthFault.Parse("unstamped:7:child1"), SynthFault.Parse("unstamped:5")],
    };

    [Fact]
    public void Every_unstamped_recipient_counted_is_handed_out_once_with_its_domain_and_what_it_lacks()
    {
        var sink = new ListSink();
        var result = ReadinessTests.Generate(Spec, unstamped: sink);

        var counted = result.Forest.Domains.Sum(d => d.Recipients.Unstamped) + result.Forest.UnassignedRecipients.Unstamped;
        Assert.True(counted >= 12, $"the generator made {counted} unstamped recipients");
        Assert.Equal(counted, sink.Items.Count);
        Assert.Equal(sink.Items.Count, sink.Items.Select(r => r.Dn).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var domain in result.Forest.Domains)
        {
            Assert.Equal(domain.Recipients.Unstamped, sink.Items.Count(r => result.RecipientDomain(r.NamingContext) == domain.DnsName));
        }

        Assert.All(sink.Items, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.MailNickname));
            Assert.False(string.IsNullOrEmpty(r.SamAccountName));
            Assert.NotEqual(StampedAttributes.None, r.Missing);
            Assert.True(r.Position.Line > 0);
        });
        Assert.Contains(sink.Items, r => r.Missing == (StampedAttributes.ProxyAddresses | StampedAttributes.LegacyExchangeDn | StampedAttributes.ShowInAddressBook));
    }

    [Fact]
    public void Recipients_of_an_excluded_domain_belong_to_no_domain_as_rsn2007_counts_none_of_them()
    {
        var sink = new ListSink();
        var excluded = "child1." + Spec.RootDomain;
        var result = ReadinessTests.Generate(Spec, new AnalysisOptions { HashInputs = false, ExcludedDomains = [excluded] }, sink);

        var ofChild = sink.Items.Where(r => r.NamingContext.StartsWith("DC=child1,", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(ofChild);
        Assert.All(ofChild, r => Assert.Null(result.RecipientDomain(r.NamingContext)));
        var listed = sink.Items.Count(r => result.RecipientDomain(r.NamingContext) is not null);
        Assert.Equal(result.Forest.Domains.Sum(d => d.Recipients.Unstamped) + result.Forest.UnassignedRecipients.Unstamped, listed);
    }

    private sealed class ListSink : IUnstampedRecipientSink
    {
        public List<UnstampedRecipient> Items { get; } = [];

        public void Add(UnstampedRecipient recipient) => Items.Add(recipient);
    }
}
