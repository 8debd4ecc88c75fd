using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Health;

/// <summary>RSN1001: the dump lacks what rules need, so an incomplete dump never passes.</summary>
internal sealed class IncompleteDump : IRule
{
    internal const string Id = "RSN1001";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(IncompleteDump), RuleCategory.DumpHealth, Severity.Error, derived: true,
        Messages.All,
        "RFC 2849 and the exporters' formats: a dump cut short or with unreadable records is not the whole directory", "OpenLDAP ldapsearch output: result trailer (clients/tools/ldapsearch.c)") with
    {
        // One input or partition can be incomplete in several ways at once: each way is its own finding, and the
        // message key doubles as the discriminator.
        Discriminators = [.. Messages.All.Select(m => m.Key)],
    };

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage Unreadable = new("unreadable", "input", "reason");
        public static readonly RuleMessage ReadErrors = new("readErrors", "input", "records", "errors");
        public static readonly RuleMessage SearchFailed = new("searchFailed", "input", "resultCode", "resultText", "searches");
        public static readonly RuleMessage SearchUnfinished = new("ldapsearchUnfinished", "input");
        public static readonly RuleMessage NoConfiguration = new("noConfiguration");
        public static readonly RuleMessage NoExchange = new("noExchange");
        public static readonly RuleMessage ForeignConfiguration = new("foreignConfiguration", "objects", "configuration");
        public static readonly RuleMessage PartitionMissing = new("partitionMissing", "domain");

        public static RuleMessage[] All => [Unreadable, ReadErrors, SearchFailed, SearchUnfinished, NoConfiguration, NoExchange, ForeignConfiguration, PartitionMissing];
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        foreach (var gap in forest.Completeness.Gaps)
        {
            // The reading side names a gap by its kind; the kind is the key of the message that says it.
            var message = Rule.FindMessage(gap.Kind) ?? throw new InvalidOperationException($"{Id} has no message for the gap '{gap.Kind}'.");
            yield return context.Fail(Rule, gap.Subject, gap.Kind, message, gap.Arguments, gap.Evidence);
        }

        if (!forest.Completeness.HasPartitions)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, Messages.NoConfiguration.Key, Messages.NoConfiguration, []);
        }
        else if (forest.Organization is null)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, Messages.NoExchange.Key, Messages.NoExchange, []);
        }

        if (forest.ForeignConfigurationObjects > 0)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, Messages.ForeignConfiguration.Key, Messages.ForeignConfiguration,
                [forest.ForeignConfigurationObjects.ToString(System.Globalization.CultureInfo.InvariantCulture), forest.ConfigurationDn ?? string.Empty]);
        }

        foreach (var domain in forest.Domains.Where(d => d.Enabled && d.CrossRef is not null && !d.PartitionInDump))
        {
            yield return context.Fail(Rule, domain.Dn, Messages.PartitionMissing.Key, Messages.PartitionMissing, [domain.DnsName ?? domain.Dn], [Evidence.Of(domain.CrossRef!, "nCName")]);
        }
    }
}
