using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>RSN2003: a RUS whose server link is empty, deleted, or names no Exchange server of the dump.</summary>
internal sealed class RusServerMissing : IRule
{
    internal const string Id = "RSN2003";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(RusServerMissing), RuleCategory.Rus, Severity.Error, derived: false,
        [Messages.NoLink, Messages.Deleted, Messages.NotFound, Messages.NoExchange],
        "ExBPA bb676289: Recipient Update Service is missing or is not configured",
        "ExBPA aa995847: Recipient Update Service deleted",
        "MS-ADTS 3.1.1.5.5.6.1: delete-mangled RDN");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage NoLink = new("noLink", "rus");
        public static readonly RuleMessage Deleted = new("deleted", "rus", "server");
        public static readonly RuleMessage NotFound = new("notFound", "rus", "server");
        public static readonly RuleMessage NoExchange = new("noExchange");
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        foreach (var rus in forest.RusInstances)
        {
            var link = Evidence.Of(rus.Entry, "msExchAddressListServiceLink");
            if (rus.ServerLink is null)
            {
                yield return context.Fail(Rule, rus.Dn, Messages.NoLink, [rus.Name], [link]);
            }
            else if (rus.ServerLinkKey is { IsDeleted: true })
            {
                yield return context.Fail(Rule, rus.Dn, Messages.Deleted, [rus.Name, rus.ServerLink], [link]);
            }
            else if (RusRuleHelpers.ServerOf(forest, rus) is null)
            {
                yield return forest.Completeness.HasExchangeServices
                    ? context.Fail(Rule, rus.Dn, Messages.NotFound, [rus.Name, rus.ServerLink], [link])
                    : context.NotApplicable(Rule, rus.Dn, Messages.NoExchange, [], [link]);
            }
        }
    }
}
