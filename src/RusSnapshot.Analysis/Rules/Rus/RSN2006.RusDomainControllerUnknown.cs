using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>RSN2006: a RUS whose domain controller is not a DC of the domain it serves (when the dump holds Sites).</summary>
internal sealed class RusDomainControllerUnknown : IRule
{
    internal const string Id = "RSN2006";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(RusDomainControllerUnknown), RuleCategory.Rus, Severity.Warning, derived: true,
        [Messages.Fail, Messages.NoSites],
        "OpenChange oc_provision_configuration_org.ldif: msExchServer1NetworkAddress holds the DC host name",
        "KB319065: working with the Recipient Update Service (Windows domain controller setting)",
        "TechNet bb123665: only one RUS can be associated with a given DC");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage Fail = new("fail", "rus", "domainController", "scope");
        public static readonly RuleMessage NoSites = new("noSites");
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        var withDc = forest.RusInstances.Where(r => r.DomainController is not null).ToList();
        if (withDc.Count == 0)
        {
            yield break;
        }

        if (!forest.Completeness.HasSites)
        {
            yield return context.NotApplicable(Rule, string.Empty, Messages.NoSites);
            yield break;
        }

        foreach (var rus in withDc)
        {
            var enterprise = rus.Serves(forest.ConfigurationKey);
            var domain = forest.DomainOf(rus.DomainLinkKey);
            if (!enterprise && domain is null)
            {
                continue; // RSN2005's business
            }

            var candidates = enterprise ? forest.Domains.SelectMany(d => d.DomainControllers) : domain!.DomainControllers;
            if (!candidates.Any(dc => SameHost(dc, rus.DomainController!)))
            {
                var scope = enterprise ? forest.ConfigurationDn! : RusRuleHelpers.Label(domain!);
                yield return context.Fail(Rule, rus.Dn, Messages.Fail, [rus.Name, rus.DomainController!, scope], [Evidence.Of(rus.Entry, "msExchServer1NetworkAddress")]);
            }
        }
    }

    /// <summary>The attribute holds a host name; accept the FQDN or the bare host name.</summary>
    private static bool SameHost(DomainControllerInfo dc, string host)
    {
        if (dc.DnsHostName is null)
        {
            return false;
        }

        return string.Equals(dc.DnsHostName, host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(dc.DnsHostName.Split('.')[0], host, StringComparison.OrdinalIgnoreCase);
    }
}
