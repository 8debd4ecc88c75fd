using RusSnapshot.Analysis.Model;

namespace RusSnapshot.Analysis.Rules.Rus;

/// <summary>Facts several RUS rules share.</summary>
internal static class RusRuleHelpers
{
    /// <summary>
    /// RUS is required while an Exchange 2000/2003 server exists (the EX15 RusMissing gate). When the dump cannot prove that
    /// none does (no server in it, or a server whose version it does not give), assume one does.
    /// </summary>
    public static bool RusRequired(ForestModel forest) =>
        forest.HasLegacyServer || forest.Servers.IsEmpty || forest.Servers.Any(s => s.Version.Generation == ExchangeGeneration.Unknown);

    public static ExchangeServerInfo? ServerOf(ForestModel forest, RusInstanceInfo rus) => forest.ServerOf(rus.ServerLinkKey);

    public static string Label(DomainInfo domain) => domain.DnsName ?? domain.Dn;
}
