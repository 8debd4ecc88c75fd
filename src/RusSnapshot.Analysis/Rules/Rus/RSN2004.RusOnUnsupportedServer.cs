using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>RSN2004: a RUS set to run on an Exchange 2007+ server or an Exchange 2003 front-end.</summary>
internal sealed class RusOnUnsupportedServer : IRule
{
    internal const string Id = "RSN2004";

    public static readonly RuleDescriptor Rule = RuleDescriptors.Create(
        Id, nameof(RusOnUnsupportedServer), RuleCategory.Rus, Severity.Error, derived: false,
        [Messages.LaterVersion, Messages.FrontEnd],
        "ExBPA bb738134: Invalid Recipient Update Service Server Designated",
        "ExBPA aa997678: This front-end server is configured with the recipient update service",
        "Exchange 2013 ServerVersion: versionNumber encoding (E2007 and later >= 0x72000000)");

    public RuleDescriptor Descriptor => Rule;

    internal static class Messages
    {
        public static readonly RuleMessage LaterVersion = new("laterVersion", "rus", "server", "version");
        public static readonly RuleMessage FrontEnd = new("frontEnd", "rus", "server");
    }

    public IEnumerable<Finding> Evaluate(ForestModel forest, RuleContext context)
    {
        foreach (var rus in forest.RusInstances)
        {
            if (RusRuleHelpers.ServerOf(forest, rus) is not { } server)
            {
                continue; // RSN2003's business
            }

            var evidence = new[] { Evidence.Of(rus.Entry, "msExchAddressListServiceLink"), Evidence.Of(server.Entry, server.Entry.Get("serialNumber") is not null ? "serialNumber" : "versionNumber") };
            if (server.Version.IsE2007OrLater)
            {
                yield return context.Fail(Rule, rus.Dn, Messages.LaterVersion, [rus.Name, server.Name, server.Version.Display], evidence);
            }
            else if (server.IsFrontEnd)
            {
                yield return context.Fail(Rule, rus.Dn, Messages.FrontEnd, [rus.Name, server.Name],
                    [evidence[0], Evidence.Of(server.Entry, server.Entry.Get("serverRole") is not null ? "serverRole" : "msExchServerRole")]);
            }
        }
    }
}
