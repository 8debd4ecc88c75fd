using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>RSN2002: no RUS serves the Configuration partition.</summary>
internal sealed class EnterpriseRusMissing : IRule
{
    internal const string Id = "RSN2002";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(EnterpriseRusMissing), RuleCategory.Rus, Severity.Error, derived: false,
        [Messages.Fail, Messages.NoLegacyServer, Messages.NoConfiguration, Messages.NoExchange],
        "TechNet bb123665: Recipient Update Service and Exchange Server 2003",
        "KB296479: do not disable the Enterprise RUS",
        "OpenChange oc_provision_configuration_org.ldif: msExchDomainLink of the Enterprise instance is the Configuration NC");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage Fail = new("fail", "configuration");
        public static readonly RuleMessage NoLegacyServer = new("noLegacyServer", "configuration");
        public static readonly RuleMessage NoConfiguration = new("noConfiguration");
        public static readonly RuleMessage NoExchange = new("noExchange");
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        if (forest.ConfigurationDn is null)
        {
            yield return context.NotApplicable(Rule, string.Empty, Messages.NoConfiguration);
            yield break;
        }

        if (forest.Organization is null)
        {
            yield return context.NotApplicable(Rule, forest.ConfigurationDn, Messages.NoExchange);
            yield break;
        }

        if (forest.RusServing(forest.ConfigurationKey).Any())
        {
            yield break;
        }

        var evidence = new[] { Evidence.Of(forest.Organization.Entry) };
        yield return RusRuleHelpers.RusRequired(forest)
            ? context.Fail(Rule, forest.ConfigurationDn, Messages.Fail, [forest.ConfigurationDn], evidence)
            : context.Info(Rule, forest.ConfigurationDn, Messages.NoLegacyServer, [forest.ConfigurationDn], evidence);
    }
}
