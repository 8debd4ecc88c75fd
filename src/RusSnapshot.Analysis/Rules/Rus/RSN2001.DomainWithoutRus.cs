using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>RSN2001: a domain of the Exchange organisation that no RUS serves (readiness check RUSMissing).</summary>
internal sealed class DomainWithoutRus : IRule
{
    internal const string Id = "RSN2001";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(DomainWithoutRus), RuleCategory.Rus, Severity.Error, derived: true,
        [Messages.Fail, Messages.NoLegacyServer, Messages.NoPartitions, Messages.NoExchange, Messages.PartitionMissing],
        "Exchange readiness check RUSMissing (ms.exch.setupreadiness.rusmissing)",
        "Exchange 2013 setup PrereqAnalysis RusMissing: fires only while an Exchange 2000/2003 server exists",
        "ExBPA aa996692: RUS Instance does not exist for the domain",
        "TechNet bb123665: a RUS is needed for each domain that contains mailbox-enabled users");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage Fail = new("fail", "domain");
        public static readonly RuleMessage NoLegacyServer = new("noLegacyServer", "domain");
        public static readonly RuleMessage NoPartitions = new("noPartitions");
        public static readonly RuleMessage NoExchange = new("noExchange");
        public static readonly RuleMessage PartitionMissing = new("partitionMissing", "domain");
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        if (!forest.Completeness.HasPartitions)
        {
            yield return context.NotApplicable(Rule, string.Empty, Messages.NoPartitions);
            yield break;
        }

        if (forest.Organization is null)
        {
            yield return context.NotApplicable(Rule, string.Empty, Messages.NoExchange);
            yield break;
        }

        var required = RusRuleHelpers.RusRequired(forest);
        foreach (var domain in forest.Domains.Where(d => d.Enabled && d.CrossRef is not null))
        {
            if (forest.RusServing(domain.Key).Any())
            {
                continue;
            }

            var evidence = new List<Evidence> { Evidence.Of(domain.CrossRef!, "nCName") };
            if (!domain.PartitionInDump)
            {
                yield return context.NotApplicable(Rule, domain.Dn, Messages.PartitionMissing, [RusRuleHelpers.Label(domain)], evidence);
                continue;
            }

            if (!domain.IsPrepared && domain.Recipients.MailEnabled == 0)
            {
                continue; // not a domain of the Exchange organisation
            }

            if (domain.ExchangeSystemObjects is { } meso)
            {
                evidence.Add(Evidence.Of(meso));
            }

            yield return required
                ? context.Fail(Rule, domain.Dn, Messages.Fail, [RusRuleHelpers.Label(domain)], evidence)
                : context.Info(Rule, domain.Dn, Messages.NoLegacyServer, [RusRuleHelpers.Label(domain)], evidence);
        }
    }
}
