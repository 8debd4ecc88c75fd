using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Health;

/// <summary>RSN1001: the dump lacks what rules need, so an incomplete dump never passes.</summary>
internal sealed class IncompleteDump : IRule
{
    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        RuleIds.IncompleteDump, nameof(IncompleteDump), RuleCategory.DumpHealth, Severity.Error, derived: true,
        "RFC 2849 and the exporters' formats: a dump cut short or with unreadable records is not the whole directory", "OpenLDAP ldapsearch output: result trailer (clients/tools/ldapsearch.c)") with
    {
        // One input or partition can be incomplete in several ways at once: each way is its own finding.
        Discriminators = [Unreadable, ReadErrors, SearchFailed, SearchUnfinished, NoConfiguration, NoExchange, ForeignConfiguration, PartitionMissing],
    };

    internal const string Unreadable = "unreadable";
    internal const string ReadErrors = "readErrors";
    internal const string SearchFailed = "searchFailed";
    internal const string SearchUnfinished = "ldapsearchUnfinished";
    internal const string NoConfiguration = "noConfiguration";
    internal const string NoExchange = "noExchange";
    internal const string ForeignConfiguration = "foreignConfiguration";
    internal const string PartitionMissing = "partitionMissing";

    public RuleDescriptor Descriptor => Rule;

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        foreach (var gap in forest.Completeness.Gaps)
        {
            yield return context.Fail(Rule, gap.Subject, gap.Kind, gap.Kind, gap.Arguments, gap.Evidence);
        }

        if (!forest.Completeness.HasPartitions)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, NoConfiguration, NoConfiguration, []);
        }
        else if (forest.Organization is null)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, NoExchange, NoExchange, []);
        }

        if (forest.ForeignConfigurationObjects > 0)
        {
            yield return context.Fail(Rule, forest.ConfigurationDn ?? string.Empty, ForeignConfiguration, ForeignConfiguration,
                [forest.ForeignConfigurationObjects.ToString(System.Globalization.CultureInfo.InvariantCulture), forest.ConfigurationDn ?? string.Empty]);
        }

        foreach (var domain in forest.Domains.Where(d => d.Enabled && d.CrossRef is not null && !d.PartitionInDump))
        {
            yield return context.Fail(Rule, domain.Dn, PartitionMissing, PartitionMissing, [domain.DnsName ?? domain.Dn], [Evidence.Of(domain.CrossRef!, "nCName")]);
        }
    }
}
