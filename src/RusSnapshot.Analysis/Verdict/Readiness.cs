using System.Collections.Immutable;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Rules.Rus;

namespace RusSnapshot.Analysis.Verdict;

/// <summary>An answer the dump gives, or not.</summary>
public enum ReadinessAnswer
{
    No,
    Yes,

    /// <summary>The dump does not hold what the answer needs (<see cref="ReadinessUnknown"/> says what).</summary>
    Unknown,
}

/// <summary>Why a readiness answer is unknown.</summary>
public enum ReadinessUnknown
{
    /// <summary>The answer is known.</summary>
    None,

    /// <summary>The dump lacks <c>CN=Microsoft Exchange,CN=Services</c>: RUS instances and servers are unknown.</summary>
    NoExchangeServices,

    /// <summary>The organisation holds no Exchange server object in the dump, so whether an Exchange 2000/2003 server exists is unknown.</summary>
    NoServers,

    /// <summary>No Exchange 2000/2003 server is in the dump, but a server's version is unknown (no serialNumber nor versionNumber).</summary>
    ServerVersionsUnknown,

    /// <summary>The domain is pre-created (<c>Enabled: FALSE</c>): no setup runs in it.</summary>
    DomainDisabled,
}

/// <summary>
/// What setup would say in one domain, derived from the dump with the documented logic (DOMAIN.md section 4): the
/// readiness rule RusMissing, evaluated for the domain setup runs in, fires when no RUS's <c>msExchDomainLink</c> names that
/// domain while an Exchange 2000/2003 server exists. Exchange 2007 and 2010 setup stop on it (an error); Exchange 2013 and
/// later warn.
/// </summary>
/// <param name="RusMissing">Whether RusMissing fires for this domain.</param>
public sealed record DomainReadiness(DomainInfo Domain, ImmutableArray<RusInstanceInfo> ServingRus, ReadinessAnswer RusMissing, ReadinessUnknown Unknown)
{
    /// <summary>Exchange 2007 setup run in this domain stops on RUSMissing.</summary>
    public ReadinessAnswer Exchange2007Stops => RusMissing;

    /// <summary>Exchange 2010 setup run in this domain stops on RUSMissing.</summary>
    public ReadinessAnswer Exchange2010Stops => RusMissing;

    /// <summary>Exchange 2013 or later setup run in this domain warns (RusMissing is a warning there).</summary>
    public ReadinessAnswer Exchange2013Warns => RusMissing;
}

/// <summary>The readiness verdict per Exchange version, before setup is run: per domain, and forest-wide. Always derived.</summary>
/// <param name="Domains">Each domain of the forest, in the model's order.</param>
/// <param name="Exchange2013Blocked">Exchange 2013+ setup refuses to install at all (<c>Exchange2000or2003PresentInOrg</c>, an error).</param>
/// <param name="BlockedUnknown">Why <paramref name="Exchange2013Blocked"/> is unknown.</param>
/// <param name="LegacyServers">The Exchange 2000/2003 servers of the dump (what blocks 2013+ and makes RUS required).</param>
public sealed record ReadinessVerdict(
    ImmutableArray<DomainReadiness> Domains,
    ReadinessAnswer Exchange2013Blocked,
    ReadinessUnknown BlockedUnknown,
    ImmutableArray<ExchangeServerInfo> LegacyServers)
{
    /// <summary>The documented logic the verdict is derived from.</summary>
    public static ImmutableArray<string> Sources { get; } =
    [
        "Exchange readiness check RUSMissing (ms.exch.setupreadiness.rusmissing): Exchange 2007 or Exchange 2010 setup cannot continue when the RUS responsible for a domain cannot be found",
        "Exchange 2013 setup PrereqAnalysis, rule RusMissing (Warning): fires when no msExchAddressListService has msExchDomainLink = the local domain while a server's serialNumber contains \"Version 6\"",
        "Exchange 2013 setup PrereqAnalysis, rule Exchange2000or2003PresentInOrg (Error): installation cannot proceed until all Exchange 2000 or 2003 servers are removed",
        "RusSnapshot's derivation: the Exchange 2007/2010 rule file is not public; like Exchange 2013, it is taken to check the domain setup runs in",
    ];

    /// <summary>The readiness of the domain whose naming context is <paramref name="domain"/>, if the forest has it.</summary>
    public DomainReadiness? Of(DomainInfo domain) => Domains.FirstOrDefault(d => d.Domain.Key == domain.Key);
}

/// <summary>Computes <see cref="ReadinessVerdict"/> from the model: the one place that answers "what would setup say".</summary>
internal static class Readiness
{
    public static ReadinessVerdict Of(ForestModel forest)
    {
        var legacy = forest.Servers.Where(s => s.Version.IsLegacy).ToImmutableArray();
        var (servers, serversUnknown) = LegacyExists(forest, legacy);
        var domains = forest.Domains.Select(d =>
        {
            var serving = forest.RusServing(d.Key).ToImmutableArray();
            if (!d.Enabled)
            {
                return new DomainReadiness(d, serving, ReadinessAnswer.Unknown, ReadinessUnknown.DomainDisabled);
            }

            // Setup reads RusName first: a RUS serving the domain answers no, whatever the servers.
            return !serving.IsEmpty && forest.Completeness.HasExchangeServices
                ? new DomainReadiness(d, serving, ReadinessAnswer.No, ReadinessUnknown.None)
                : new DomainReadiness(d, serving, servers, serversUnknown);
        }).ToImmutableArray();
        return new ReadinessVerdict(domains, servers, serversUnknown, legacy);
    }

    /// <summary>Whether an Exchange 2000/2003 server exists (the condition both rules test), or why the dump cannot tell.</summary>
    private static (ReadinessAnswer, ReadinessUnknown) LegacyExists(ForestModel forest, ImmutableArray<ExchangeServerInfo> legacy)
    {
        if (!forest.Completeness.HasExchangeServices)
        {
            return (ReadinessAnswer.Unknown, ReadinessUnknown.NoExchangeServices);
        }

        if (!legacy.IsEmpty)
        {
            return (ReadinessAnswer.Yes, ReadinessUnknown.None);
        }

        if (forest.Organization is null)
        {
            return (ReadinessAnswer.No, ReadinessUnknown.None); // no organisation: no server for setup to find
        }

        // As RSN2001 assumes (RusRuleHelpers.RusRequired): a dump that cannot prove no Exchange 2000/2003 server exists does not answer no.
        return forest.Servers.IsEmpty ? (ReadinessAnswer.Unknown, ReadinessUnknown.NoServers)
            : RusRuleHelpers.RusRequired(forest) ? (ReadinessAnswer.Unknown, ReadinessUnknown.ServerVersionsUnknown)
            : (ReadinessAnswer.No, ReadinessUnknown.None);
    }
}
