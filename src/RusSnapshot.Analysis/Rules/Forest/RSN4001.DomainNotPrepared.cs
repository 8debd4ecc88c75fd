using System.Globalization;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Rules.Rus;

namespace RusSnapshot.Analysis.Rules.Forest;

/// <summary>RSN4001: a domain holding mail-enabled recipients without the Microsoft Exchange System Objects container.</summary>
internal sealed class DomainNotPrepared : IRule
{
    internal const string Id = "RSN4001";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(DomainNotPrepared), RuleCategory.Forest, Severity.Error, derived: true,
        [Messages.Fail],
        "Exchange 2013 setup PrereqAnalysis: reads CN=Microsoft Exchange System Objects to tell whether a domain is prepared",
        "KB253770: RUS sets the ACL on the Microsoft Exchange System Objects container");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage Fail = new("fail", "domain", "mailEnabled");
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        foreach (var domain in forest.Domains.Where(d => d.PartitionInDump && !d.IsPrepared && d.Recipients.MailEnabled > 0))
        {
            var evidence = domain.Head is null ? [] : new[] { Evidence.Of(domain.Head) };
            yield return context.Fail(Rule, domain.Dn, Messages.Fail,
                [RusRuleHelpers.Label(domain), domain.Recipients.MailEnabled.ToString(CultureInfo.InvariantCulture)], evidence);
        }
    }
}
