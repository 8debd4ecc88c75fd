using System.DirectoryServices.Protocols;

namespace RusSnapshot.Collector.Collection;

/// <summary>One search the collector sends.</summary>
/// <param name="Name">What it reads, for the progress line and the manifest ("recipients").</param>
/// <param name="Base">The search base DN.</param>
/// <param name="Scope">Base, one level or subtree.</param>
/// <param name="Filter">The LDAP filter.</param>
/// <param name="Attributes">The attributes asked for, in the order they are written.</param>
/// <param name="MayBeAbsent">The base may not exist (no Exchange organisation, a domain not prepared): noSuchObject is a fact, not a failure.</param>
internal sealed record Query(string Name, string Base, SearchScope Scope, string Filter, IReadOnlyList<string> Attributes, bool MayBeAbsent = false);

/// <summary>
/// What the collector reads: only what the analyzer uses (DOMAIN.md; src/RusSnapshot.Analysis/Building) plus identity
/// attributes. Every partition is read from a DC that holds it in full, never from the global catalog.
/// </summary>
internal static class QuerySet
{
    /// <summary>Identity of every object: class, names, GUID, times.</summary>
    private static readonly string[] Identity = ["objectClass", "objectCategory", "cn", "name", "objectGUID", "whenCreated", "whenChanged"];

    public static readonly string[] RootDseAttributes =
    [
        "configurationNamingContext", "defaultNamingContext", "rootDomainNamingContext", "schemaNamingContext", "namingContexts",
        "dnsHostName", "dsServiceName", "serverName", "domainFunctionality", "forestFunctionality", "domainControllerFunctionality",
        "isGlobalCatalogReady", "supportedLDAPVersion",
    ];

    private static readonly string[] CrossRefAttributes =
        [.. Identity, "nCName", "dnsRoot", "nETBIOSName", "systemFlags", "Enabled", "trustParent", "rootTrust", "nTMixedDomain", "msDS-Behavior-Version", "fSMORoleOwner"];

    private static readonly string[] SiteAttributes =
        [.. Identity, "dNSHostName", "serverReference", "msDS-HasDomainNCs", "hasMasterNCs", "msDS-hasMasterNCs", "options", "systemFlags"];

    private static readonly string[] ExchangeAttributes =
    [
        .. Identity, "objectVersion", "legacyExchangeDN", "msExchMixedMode", "systemFlags",
        // servers (version, role, where RUS runs)
        "serialNumber", "versionNumber", "serverRole", "msExchServerRole", "msExchCurrentServerRoles", "networkAddress", "msExchAddressListServiceBL",
        // RUS instances (msExchAddressListService)
        "msExchDomainLink", "msExchAddressListServiceLink", "msExchServer1NetworkAddress", "activationStyle", "msExchPollInterval",
        "msExchReplicateNow", "msExchDoFullReplication", "msExchServer1PageSize", "msExchServer1HighestUSN", "msExchServer1HighestUSNVector",
        "msExchDomainLocalGroupSid", "msExchDomainLocalGroupGuid", "msExchDomainGlobalGroupSid", "msExchDomainGlobalGroupGuid",
    ];

    private static readonly string[] DomainHeadAttributes = [.. Identity, "dc", "objectSid", "nTMixedDomain", "msDS-Behavior-Version", "fSMORoleOwner"];

    private static readonly string[] InfrastructureAttributes =
        [.. Identity, "sAMAccountName", "objectSid", "groupType", "member", "dNSHostName", "userAccountControl", "serverReferenceBL", "description"];

    /// <summary>What RUS stamps (KB253770, KB253838) and what tells a mailbox, a hidden or an opted-out recipient.</summary>
    private static readonly string[] RecipientAttributes =
    [
        .. Identity, "sAMAccountName", "objectSid", "userAccountControl", "mailNickname", "displayName", "mail", "proxyAddresses",
        "legacyExchangeDN", "showInAddressBook", "textEncodedORAddress", "homeMDB", "homeMTA", "msExchHomeServerName", "msExchMailboxGuid",
        "msExchPoliciesIncluded", "msExchPoliciesExcluded", "msExchHideFromAddressLists", "targetAddress", "member", "isDeleted",
    ];

    /// <summary>Multi-valued attributes that can hold thousands of values: asked for in ranges with <c>--range-size</c>.</summary>
    public static readonly IReadOnlySet<string> LargeMultiValued = new HashSet<string>(
        ["member", "proxyAddresses", "showInAddressBook", "msExchAddressListServiceBL", "hasMasterNCs", "msDS-hasMasterNCs", "msExchPoliciesIncluded"],
        StringComparer.OrdinalIgnoreCase);

    public static Query RootDse() => new("rootDSE", string.Empty, SearchScope.Base, "(objectClass=*)", RootDseAttributes);

    public static IReadOnlyList<Query> Configuration(string configurationDn) =>
    [
        new("configuration", configurationDn, SearchScope.Base, "(objectClass=*)", Identity),
        new("partitions", "CN=Partitions," + configurationDn, SearchScope.Subtree,
            "(|(objectClass=crossRefContainer)(objectClass=crossRef))", CrossRefAttributes),
        new("sites", "CN=Sites," + configurationDn, SearchScope.Subtree,
            "(|(objectClass=sitesContainer)(objectClass=site)(objectClass=serversContainer)(objectClass=server)(objectClass=nTDSDSA))", SiteAttributes),
        new("exchange", "CN=Microsoft Exchange,CN=Services," + configurationDn, SearchScope.Subtree,
            "(|(objectClass=msExchConfigurationContainer)(objectClass=msExchOrganizationContainer)(objectClass=msExchAdminGroupContainer)"
            + "(objectClass=msExchAdminGroup)(objectClass=msExchServersContainer)(objectClass=msExchExchangeServer)(objectClass=msExchAddressListService)"
            + "(&(objectClass=msExchContainer)(|(cn=Address Lists Container)(cn=Recipient Update Services))))",
            ExchangeAttributes, MayBeAbsent: true),
    ];

    public static IReadOnlyList<Query> Domain(string domainDn) =>
    [
        new("domain", domainDn, SearchScope.Base, "(objectClass=*)", DomainHeadAttributes),
        new("exchangeSystemObjects", "CN=Microsoft Exchange System Objects," + domainDn, SearchScope.Base, "(objectClass=*)",
            [.. Identity, "objectVersion"], MayBeAbsent: true),
        new("domainPrepAndControllers", domainDn, SearchScope.Subtree,
            "(&(!(mailNickname=*))(|(&(objectCategory=group)(|(cn=Exchange Domain Servers)(cn=Exchange Enterprise Servers)))"
            + "(&(objectCategory=computer)(userAccountControl:1.2.840.113556.1.4.803:=8192))))",
            InfrastructureAttributes),
        new("recipients", domainDn, SearchScope.Subtree, "(mailNickname=*)", RecipientAttributes),
    ];

    /// <summary>Every attribute any query writes (the CSV header: csvde writes one header for the whole file), rootDSE excluded.</summary>
    public static IReadOnlyList<string> AllEntryAttributes()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var all = new List<string>();
        foreach (var query in Configuration("CN=Configuration,DC=x").Concat(Domain("DC=x")))
        {
            foreach (var attribute in query.Attributes)
            {
                if (seen.Add(attribute))
                {
                    all.Add(attribute);
                }
            }
        }

        return all;
    }
}
