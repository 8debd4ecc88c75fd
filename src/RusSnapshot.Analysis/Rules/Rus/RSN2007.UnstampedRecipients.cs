using System.Globalization;
using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>RSN2007: mail-enabled recipients without the attributes RUS stamps, counted per domain.</summary>
internal sealed class UnstampedRecipients : IRule
{
    internal const string Id = "RSN2007";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(UnstampedRecipients), RuleCategory.Rus, Severity.Warning, derived: true,
        [Messages.Fail, Messages.Unassigned],
        "KB253770: tasks the Recipient Update Service performs", "KB253838: RUS system policies; mailNickname marks mail-enabled objects",
        "KB318072: msExchPoliciesExcluded");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage Fail = new("fail", "domain", "unstamped", "mailEnabled");
        public static readonly RuleMessage Unassigned = new("unassigned", "unstamped");
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var domain in forest.Domains.Where(d => d.Recipients.Unstamped > 0))
        {
            var evidence = domain.Head is null ? [] : new[] { Evidence.Of(domain.Head) };
            yield return context.Fail(Rule, domain.Dn, Messages.Fail,
                [RusRuleHelpers.Label(domain), domain.Recipients.Unstamped.ToString(c), domain.Recipients.MailEnabled.ToString(c)], evidence);
        }

        if (forest.UnassignedRecipients.Unstamped > 0)
        {
            yield return context.Fail(Rule, string.Empty, Messages.Unassigned, [forest.UnassignedRecipients.Unstamped.ToString(c)]);
        }
    }
}
