using System.Globalization;

namespace RusSnapshot.Synth.Content;

/// <summary>
/// The Configuration partition: crossRefs, sites with the domain controllers, and the Exchange organisation
/// (administrative groups, servers, address lists, recipient policies, RUS instances). Layout as in OpenChange's oc_provision_configuration_org.ldif (an Exchange 2003 organisation).
/// </summary>
internal sealed class ConfigurationWriter(ForestLayout layout, Emitter e)
{
    /// <summary>The GUID RUS stamps in msExchPoliciesIncluded next to the policy's own (KB318072, OC-srv).</summary>
    public const string AddressPolicyFlagGuid = "{26491CFC-9E50-4857-861B-0CB8DF22B5D7}";

    private ForestSpec Spec => layout.Spec;

    private string Config => layout.ConfigurationDn;

    /// <summary>The GUID of the recipient policy of domain <paramref name="domainIndex"/> (0: the Default Policy).</summary>
    public static byte[] PolicyGuid(long seed, int domainIndex)
    {
        var g = new byte[16];
        var rng = Rng.For(seed, 0x9011, domainIndex);
        rng.Fill(g);
        return g;
    }

    public static string GalDn(ForestLayout layout) => "CN=Default Global Address List,CN=All Global Address Lists," + layout.AddressListsDn;

    public static string AddressListDn(ForestLayout layout, string list) => $"CN={list},CN=All Address Lists,{layout.AddressListsDn}";

    public void Write()
    {
        Container(Config, "Configuration", "configuration", "Configuration");
        Partitions();
        Sites();
        Container("CN=Services," + Config, "Services", "container", "Container");
        Exchange();
    }

    private void Container(string dn, string cn, string cls, string category, bool advanced = false)
    {
        e.Begin(dn);
        e.Classes("top", cls);
        e.T("cn"u8, cn);
        e.Stamp(advanced);
        e.Identity(e.V.Clear().Add(cn).ToArray(), e.V.Clear().Add(category).ToArray());
        e.End();
    }

    private string CrossRefDn(SynthDomain d) => $"CN={d.NetBiosName},CN=Partitions,{Config}";

    private void Partitions()
    {
        var partitions = "CN=Partitions," + Config;
        e.Begin(partitions);
        e.Classes("top", "crossRefContainer");
        e.T("cn"u8, "Partitions");
        e.Stamp(advanced: true);
        e.T("msDS-Behavior-Version"u8, 2);
        e.T("systemFlags"u8, -2147483648L);
        e.T("fSMORoleOwner"u8, $"CN=NTDS Settings,CN={DcName(layout.Domains[0], 0)},CN=Servers,CN={layout.Domains[0].Site},CN=Sites,{Config}");
        e.Identity("Partitions"u8, "Cross-Ref-Container"u8);
        e.End();

        CrossRef($"CN=Enterprise Configuration,{partitions}", "Enterprise Configuration", Config, Spec.RootDomain, null, 1, null, null);
        CrossRef($"CN=Enterprise Schema,{partitions}", "Enterprise Schema", layout.SchemaDn, Spec.RootDomain, null, 1, null, null);
        foreach (var d in layout.Domains)
        {
            string? trustParent = d.ParentIndex is { } p ? CrossRefDn(layout.Domains[p]) : null;
            string? rootTrust = d.ParentIndex is null && d.Index != 0 ? CrossRefDn(layout.Domains[0]) : null;
            CrossRef(CrossRefDn(d), d.NetBiosName, d.Dn, d.DnsName, d.NetBiosName, 3, trustParent, rootTrust);
        }

        // Application partitions (DNS zones): systemFlags 5, GUID-named like the real ones.
        CrossRef($"CN={NameGuid(0x4F, 0)},{partitions}", null, "DC=ForestDnsZones," + layout.RootDn, "ForestDnsZones." + Spec.RootDomain, null, 5, null, null);
        foreach (var d in layout.Domains)
        {
            CrossRef($"CN={NameGuid(0x4E, d.Index)},{partitions}", null, "DC=DomainDnsZones," + d.Dn, "DomainDnsZones." + d.DnsName, null, 5, null, null);
        }

        if (layout.PrecreatedDomainDn is { } precreated)
        {
            // Pre-created for a domain not yet promoted (MS-ADTS 6.1.1.2.1.1): Enabled FALSE, no partition behind it.
            var dns = "newdomain." + Spec.RootDomain;
            CrossRef($"CN=NEWDOMAIN,{partitions}", "NEWDOMAIN", precreated, dns, "NEWDOMAIN", 3, null, null, enabled: false);
        }
    }

    private void CrossRef(string dn, string? cn, string nc, string dnsRoot, string? netbios, int systemFlags, string? trustParent, string? rootTrust, bool enabled = true)
    {
        e.Begin(dn);
        e.Classes("top", "crossRef");
        var name = cn ?? dn[3..dn.IndexOf(',', StringComparison.Ordinal)];
        e.T("cn"u8, name);
        e.Stamp(advanced: true);
        e.T("nCName"u8, nc);
        e.T("dnsRoot"u8, dnsRoot);
        if (netbios is not null)
        {
            e.T("nETBIOSName"u8, netbios);
        }

        e.T("systemFlags"u8, systemFlags);
        if (!enabled)
        {
            e.T("Enabled"u8, "FALSE");
        }

        if (systemFlags == 3 && enabled)
        {
            e.T("nTMixedDomain"u8, "0");
            e.T("msDS-Behavior-Version"u8, "2");
        }

        if (trustParent is not null)
        {
            e.T("trustParent"u8, trustParent);
        }

        if (rootTrust is not null)
        {
            e.T("rootTrust"u8, rootTrust);
        }

        e.Identity(e.V.Clear().Add(name).ToArray(), "Cross-Ref"u8);
        e.End();
    }

    private string NameGuid(ulong purpose, int index)
    {
        Span<byte> g = stackalloc byte[16];
        var rng = Rng.For(Spec.Seed, purpose, index);
        rng.Fill(g);
        return new Guid(g).ToString("D");
    }

    internal static string DcName(SynthDomain d, int n) => d.DomainControllers[n].Split('.')[0].ToUpperInvariant();

    private void Sites()
    {
        var sites = "CN=Sites," + Config;
        Container(sites, "Sites", "sitesContainer", "Sites-Container");
        foreach (var site in layout.Domains.Select(d => d.Site).Distinct(StringComparer.Ordinal))
        {
            var siteDn = $"CN={site},{sites}";
            Container(siteDn, site, "site", "Site");
            Container($"CN=Servers,{siteDn}", "Servers", "serversContainer", "Servers-Container");
            foreach (var d in layout.Domains.Where(d => string.Equals(d.Site, site, StringComparison.Ordinal)))
            {
                for (var n = 0; n < d.DomainControllers.Length; n++)
                {
                    var name = DcName(d, n);
                    var serverDn = $"CN={name},CN=Servers,{siteDn}";
                    e.Begin(serverDn);
                    e.Classes("top", "server");
                    e.T("cn"u8, name);
                    e.Stamp(advanced: true);
                    e.T("dNSHostName"u8, d.DomainControllers[n]);
                    e.T("serverReference"u8, $"CN={name},OU=Domain Controllers,{d.Dn}");
                    e.T("systemFlags"u8, 1375731712);
                    e.Identity(e.V.Clear().Add(name).ToArray(), "Server"u8);
                    e.End();

                    e.Begin($"CN=NTDS Settings,{serverDn}");
                    e.Classes("top", "applicationSettings", "nTDSDSA");
                    e.T("cn"u8, "NTDS Settings");
                    e.T("options"u8, n == 0 && d.Index == 0 ? 1 : 0);
                    e.Stamp(advanced: true);
                    e.T("hasMasterNCs"u8, Config);
                    e.T("hasMasterNCs"u8, layout.SchemaDn);
                    e.T("hasMasterNCs"u8, d.Dn);
                    e.T("msDS-HasDomainNCs"u8, d.Dn);
                    e.T("msDS-hasMasterNCs"u8, "DC=DomainDnsZones," + d.Dn);
                    e.T("msDS-hasMasterNCs"u8, Config);
                    e.T("msDS-hasMasterNCs"u8, layout.SchemaDn);
                    e.T("msDS-hasMasterNCs"u8, d.Dn);
                    e.T("dMDLocation"u8, layout.SchemaDn);
                    e.Guid("invocationId"u8);
                    e.T("msDS-Behavior-Version"u8, 2);
                    e.T("systemFlags"u8, 33554432);
                    e.Identity("NTDS Settings"u8, "NTDS-DSA"u8);
                    e.End();
                }
            }
        }
    }

    private void Exchange()
    {
        var servers = layout.Servers;
        Container(layout.ExchangeDn, "Microsoft Exchange", "msExchConfigurationContainer", "ms-Exch-Configuration-Container");

        var objectVersion = servers.Any(s => s.Kind == ExchangeServerKind.Exchange2010) ? 14322
            : servers.Any(s => s.Kind == ExchangeServerKind.Exchange2007) ? 11222
            : 6903;
        e.Begin(layout.OrganizationDn);
        e.Classes("top", "container", "msExchOrganizationContainer");
        e.T("cn"u8, Spec.Organization);
        e.Stamp(advanced: true);
        e.T("objectVersion"u8, objectVersion);
        e.T("legacyExchangeDN"u8, "/o=" + Spec.Organization);
        e.T("msExchMixedMode"u8, servers.Any(s => s.IsLegacy) ? "TRUE" : "FALSE");
        e.Identity(e.V.Clear().Add(Spec.Organization).ToArray(), "ms-Exch-Organization-Container"u8);
        e.End();

        AddressLists();
        RecipientPolicies();
        AdministrativeGroups();
    }

    private void AddressLists()
    {
        var container = layout.AddressListsDn;
        Container(container, "Address Lists Container", "msExchContainer", "ms-Exch-Container", advanced: true);

        e.Begin(layout.RusContainerDn);
        e.Classes("top", "container", "msExchContainer");
        e.T("cn"u8, "Recipient Update Services");
        e.Stamp(advanced: true);
        e.Identity("Recipient Update Services"u8, "ms-Exch-Container"u8);
        e.End();
        foreach (var rus in layout.RusInstances)
        {
            RecipientUpdateService(rus);
        }

        var all = "CN=All Address Lists," + container;
        Container(all, "All Address Lists", "addressBookContainer", "Address-Book-Container");
        foreach (var (list, filter) in new[]
        {
            ("All Users", "(& (mailnickname=*) (| (&(objectCategory=person)(objectClass=user)(!(homeMDB=*))(!(msExchHomeServerName=*)))(&(objectCategory=person)(objectClass=user)(|(homeMDB=*)(msExchHomeServerName=*))) ))"),
            ("All Groups", "(& (mailnickname=*) (| (objectCategory=group) ))"),
            ("All Contacts", "(& (mailnickname=*) (| (&(objectCategory=person)(objectClass=contact)) ))"),
        })
        {
            AddressList(ConfigurationWriter.AddressListDn(layout, list), list, filter);
        }

        var gals = "CN=All Global Address Lists," + container;
        Container(gals, "All Global Address Lists", "addressBookContainer", "Address-Book-Container");
        AddressList(GalDn(layout), "Default Global Address List", "(& (mailnickname=*) (| (&(objectCategory=person)(objectClass=user)(!(homeMDB=*))(!(msExchHomeServerName=*)))(&(objectCategory=person)(objectClass=user)(|(homeMDB=*)(msExchHomeServerName=*)))(&(objectCategory=person)(objectClass=contact))(objectCategory=group)(objectCategory=publicFolder)(objectCategory=msExchDynamicDistributionList) ))");
    }

    private void AddressList(string dn, string name, string filter)
    {
        e.Begin(dn);
        e.Classes("top", "addressBookContainer");
        e.T("cn"u8, name);
        e.Stamp();
        e.T("displayName"u8, name);
        e.T("purportedSearch"u8, filter);
        e.T("systemFlags"u8, 1610612736);
        e.Identity(e.V.Clear().Add(name).ToArray(), "Address-Book-Container"u8);
        e.End();
    }

    private void RecipientUpdateService(SynthRus rus)
    {
        e.Begin(rus.Dn);
        e.Classes("top", "msExchAddressListService");
        e.T("cn"u8, rus.Name);
        e.Stamp(advanced: true);
        e.T("activationStyle"u8, 2);
        e.T("systemFlags"u8, 1073741824);
        e.T("msExchServer1NetworkAddress"u8, rus.DomainController);
        e.T("msExchServer1PageSize"u8, 20);
        e.T("msExchDoFullReplication"u8, "FALSE");
        e.T("msExchReplicateNow"u8, "FALSE");
        e.T("msExchPollInterval"u8, 60);
        if (rus.DomainLink is not null)
        {
            e.T("msExchDomainLink"u8, rus.DomainLink);
        }

        if (rus.ServerLink is not null)
        {
            e.T("msExchAddressListServiceLink"u8, rus.ServerLink);
        }

        var host = rus.DomainController.Split('.')[0].ToUpperInvariant();
        e.T("msExchServer1HighestUSN"u8, 40_000 + e.Random.Below(900_000));
        e.T("msExchServer1HighestUSNVector"u8, $"{host}:{(40_000 + e.Random.Below(900_000)).ToString(CultureInfo.InvariantCulture)}");
        if (rus.DomainIndex is { } i)
        {
            var d = layout.Domains[i];
            e.T("msExchDomainLocalGroupSid"u8, SidText(d, 1110));
            e.Guid("msExchDomainLocalGroupGuid"u8);
            e.T("msExchDomainGlobalGroupSid"u8, SidText(d, 1109));
            e.Guid("msExchDomainGlobalGroupGuid"u8);
        }

        e.Identity(e.V.Clear().Add(rus.Name).ToArray(), "ms-Exch-Address-List-Service"u8);
        e.End();
    }

    internal static string SidText(SynthDomain d, long rid) =>
        string.Create(CultureInfo.InvariantCulture, $"S-1-5-21-{d.SidAuthorities[0]}-{d.SidAuthorities[1]}-{d.SidAuthorities[2]}-{rid}");

    private void RecipientPolicies()
    {
        var container = "CN=Recipient Policies," + layout.OrganizationDn;
        Container(container, "Recipient Policies", "msExchContainer", "ms-Exch-Container", advanced: true);
        foreach (var d in layout.Domains)
        {
            var name = d.Index == 0 ? "Default Policy" : $"{d.NetBiosName} Policy";
            e.Begin($"CN={name},{container}");
            e.Classes("top", "msExchRecipientPolicy");
            e.T("cn"u8, name);
            e.Stamp(advanced: true);
            e.T("gatewayProxy"u8, "SMTP:@" + d.DnsName);
            e.T("gatewayProxy"u8, $"X400:c=US;a= ;p={Spec.Organization};o=Exchange;");
            e.T("msExchPolicyOrder"u8, d.Index == 0 ? 2147483647L : d.Index);
            e.T("purportedSearch"u8, d.Index == 0 ? "(mailnickname=*)" : $"(&(mailnickname=*)(userPrincipalName=*@{d.DnsName}))");
            e.T("name"u8, name);
            e.B("objectGUID"u8, PolicyGuid(Spec.Seed, d.Index));
            e.Category("ms-Exch-Recipient-Policy"u8);
            e.End();
        }
    }

    private void AdministrativeGroups()
    {
        var groups = "CN=Administrative Groups," + layout.OrganizationDn;
        Container(groups, "Administrative Groups", "msExchAdminGroupContainer", "ms-Exch-Admin-Group-Container", advanced: true);
        foreach (var ag in layout.Servers.Select(s => s.AdminGroup).Append(ForestLayout.StandardAdminGroup).Distinct(StringComparer.Ordinal))
        {
            var agDn = $"CN={ag},{groups}";
            e.Begin(agDn);
            e.Classes("top", "msExchAdminGroup");
            e.T("cn"u8, ag);
            e.Stamp(advanced: true);
            e.T("legacyExchangeDN"u8, $"/o={Spec.Organization}/ou={ag}");
            e.Identity(e.V.Clear().Add(ag).ToArray(), "ms-Exch-Admin-Group"u8);
            e.End();

            Container($"CN=Servers,{agDn}", "Servers", "msExchServersContainer", "ms-Exch-Servers-Container", advanced: true);
            var inGroup = layout.Servers.Where(s => string.Equals(s.AdminGroup, ag, StringComparison.Ordinal)).ToList();
            if (inGroup.Any(s => s.Kind == ExchangeServerKind.Exchange2010))
            {
                Container($"CN=Databases,{agDn}", "Databases", "msExchContainer", "ms-Exch-Container", advanced: true);
            }

            foreach (var server in inGroup)
            {
                Server(server);
            }
        }
    }

    private void Server(SynthServer s)
    {
        var (serial, version) = s.Kind switch
        {
            ExchangeServerKind.Exchange2000 => ("Version 6.0 (Build 6249.4: Service Pack 3)", 6249L),
            ExchangeServerKind.Exchange2003 or ExchangeServerKind.Exchange2003FrontEnd => ("Version 6.5 (Build 7638.2: Service Pack 2)", 7638L),
            ExchangeServerKind.Exchange2007 => ("Version 8.3 (Build 83.6)", ModernVersion(8, 3, 83)),
            _ => ("Version 14.3 (Build 123.4)", ModernVersion(14, 3, 123)),
        };

        e.Begin(s.Dn);
        e.Classes("top", "server", "msExchExchangeServer");
        e.T("cn"u8, s.Name);
        e.Stamp(advanced: true);
        e.T("serialNumber"u8, serial);
        e.T("versionNumber"u8, version);
        if (s.IsLegacy)
        {
            e.T("serverRole"u8, s.Kind == ExchangeServerKind.Exchange2003FrontEnd ? 1 : 0);
        }
        else
        {
            e.T("msExchCurrentServerRoles"u8, 38);   // Mailbox 2 + ClientAccess 4 + HubTransport 32
        }

        e.T("networkAddress"u8, "ncacn_ip_tcp:" + s.HostName);
        e.T("networkAddress"u8, "netbios:" + s.Name);
        e.T("networkAddress"u8, "ncacn_np:" + s.Name);
        e.T("legacyExchangeDN"u8, s.LegacyExchangeDn);
        e.T("type"u8, 0);
        e.T("msExchServerSite"u8, $"CN={layout.Domains[0].Site},CN=Sites,{Config}");
        foreach (var rus in layout.RusInstances.Where(r => string.Equals(r.ServerLink, s.Dn, StringComparison.Ordinal)))
        {
            // The back link of msExchAddressListServiceLink (linkID 1017), as AD maintains it.
            e.T("msExchAddressListServiceBL"u8, rus.Dn);
        }

        e.Identity(e.V.Clear().Add(s.Name).ToArray(), "ms-Exch-Exchange-Server"u8);
        e.End();

        e.Begin(s.MtaDn);
        e.Classes("top", "mTA");
        e.T("cn"u8, "Microsoft MTA");
        e.Stamp(advanced: true);
        e.Identity("Microsoft MTA"u8, "ms-Exch-MTA"u8);
        e.End();

        if (s.StorageGroupDn is not null)
        {
            Container("CN=InformationStore," + s.Dn, "InformationStore", "msExchInformationStore", "ms-Exch-Information-Store", advanced: true);
            Container(s.StorageGroupDn, "First Storage Group", "msExchStorageGroup", "ms-Exch-Storage-Group", advanced: true);
        }

        if (s.MailboxDatabaseDn is not null)
        {
            var name = s.MailboxDatabaseDn[3..s.MailboxDatabaseDn.IndexOf(',', StringComparison.Ordinal)];
            e.Begin(s.MailboxDatabaseDn);
            e.Classes("top", "msExchMDB", "msExchPrivateMDB");
            e.T("cn"u8, name);
            e.Stamp(advanced: true);
            e.T("msExchOwningServer"u8, s.Dn);
            e.T("legacyExchangeDN"u8, $"{s.LegacyExchangeDn}/cn=Microsoft Private MDB");
            e.Identity(e.V.Clear().Add(name).ToArray(), "ms-Exch-Private-MDB"u8);
            e.End();
        }
    }

    /// <summary>versionNumber of Exchange 2007 and later (EX15 ServerVersion.ToInt).</summary>
    internal static long ModernVersion(int major, int minor, int build) =>
        0x70008000L | ((long)(major & 63) << 22) | ((long)(minor & 63) << 16) | (long)(build & 0x7FFF);
}
