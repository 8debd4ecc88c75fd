using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>RSN2005: a RUS whose domain link names neither the Configuration NC nor an enabled domain.</summary>
internal sealed class RusForUnknownDomain : IRule
{
    internal const string Id = "RSN2005";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(RusForUnknownDomain), RuleCategory.Rus, Severity.Warning, derived: true,
        [Messages.NoLink, Messages.Fail, Messages.NoPartitions],
        "OpenChange oc_provision_configuration_org.ldif: msExchDomainLink names the domain NC head",
        "MS-ADTS 6.1.1.2.1.1: crossRef systemFlags and Enabled");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage NoLink = new("noLink", "rus");
        public static readonly RuleMessage Fail = new("fail", "rus", "domain");
        public static readonly RuleMessage NoPartitions = new("noPartitions");
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        if (!forest.Completeness.HasPartitions)
        {
            if (!forest.RusInstances.IsEmpty)
            {
                yield return context.NotApplicable(Rule, string.Empty, Messages.NoPartitions);
            }

            yield break;
        }

        foreach (var rus in forest.RusInstances)
        {
            var link = Evidence.Of(rus.Entry, "msExchDomainLink");
            if (rus.DomainLink is null)
            {
                yield return context.Fail(Rule, rus.Dn, Messages.NoLink, [rus.Name], [link]);
                continue;
            }

            var known = rus.Serves(forest.ConfigurationKey)
                || forest.DomainOf(rus.DomainLinkKey) is { Enabled: true, CrossRef: not null };
            if (!known)
            {
                yield return context.Fail(Rule, rus.Dn, Messages.Fail, [rus.Name, rus.DomainLink], [link]);
            }
        }
    }
}
