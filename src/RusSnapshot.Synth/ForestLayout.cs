using System.Collections.Immutable;
using System.Globalization;
using RusSnapshot.Synth.Content;

namespace RusSnapshot.Synth;

/// <summary>A domain of the generated forest.</summary>
/// <param name="Index">Position in the forest (0 = forest root).</param>
/// <param name="DnsName">DNS name, e.g. <c>child1.contoso.test</c>.</param>
/// <param name="Dn">Naming context DN, e.g. <c>DC=child1,DC=contoso,DC=test</c>.</param>
/// <param name="NetBiosName">NetBIOS name (upper case).</param>
/// <param name="Label">First DNS label: how faults name the domain.</param>
/// <param name="ParentIndex">The parent domain of a child domain; null for tree roots.</param>
/// <param name="DomainControllers">Host names of the domain's two DCs.</param>
/// <param name="Site">The AD site its DCs are in.</param>
/// <param name="Prepared">Whether /domainprep ran (the Microsoft Exchange System Objects container exists).</param>
/// <param name="Users">Users generated in it.</param>
/// <param name="Groups">Groups generated in it.</param>
/// <param name="Contacts">Contacts generated in it.</param>
/// <param name="UnstampedUsers">Mailbox users RUS never stamped.</param>
/// <param name="SidAuthorities">The three 32-bit sub-authorities of the domain SID (S-1-5-21-a-b-c).</param>
internal sealed record SynthDomain(
    int Index,
    string DnsName,
    string Dn,
    string NetBiosName,
    string Label,
    int? ParentIndex,
    ImmutableArray<string> DomainControllers,
    string Site,
    bool Prepared,
    long Users,
    long Groups,
    long Contacts,
    long UnstampedUsers,
    ImmutableArray<uint> SidAuthorities)
{
    /// <summary>Users with a mailbox (nine in ten; the rest are service accounts without Exchange attributes).</summary>
    public long MailboxUsers => ForestLayout.MailboxUsersOf(Users);

    /// <summary>Mail-enabled groups (three in five; the rest are security groups).</summary>
    public long MailEnabledGroups => ForestLayout.MailEnabledGroupsOf(Groups);

    /// <summary>Mail-enabled recipients of any kind.</summary>
    public long MailEnabledRecipients => MailboxUsers + MailEnabledGroups + Contacts;
}

/// <summary>An Exchange server of the organisation.</summary>
internal sealed record SynthServer(
    string Name,
    ExchangeServerKind Kind,
    string Dn,
    string AdminGroup,
    string LegacyExchangeDn,
    string HostName,
    string? MailboxDatabaseDn,
    string? StorageGroupDn,
    string MtaDn)
{
    /// <summary>Exchange 2000 or 2003, back-end: a server that can run RUS.</summary>
    public bool IsLegacyBackEnd => Kind is ExchangeServerKind.Exchange2000 or ExchangeServerKind.Exchange2003;

    /// <summary>Exchange 2000/2003 (any role).</summary>
    public bool IsLegacy => Kind is ExchangeServerKind.Exchange2000 or ExchangeServerKind.Exchange2003 or ExchangeServerKind.Exchange2003FrontEnd;

    /// <summary>Holds mailboxes.</summary>
    public bool HasMailboxes => MailboxDatabaseDn is not null;
}

/// <summary>A Recipient Update Service instance as it will be written.</summary>
/// <param name="Name">The cn.</param>
/// <param name="Dn">Its DN.</param>
/// <param name="DomainLink">msExchDomainLink (null: absent).</param>
/// <param name="ServerLink">msExchAddressListServiceLink (null: absent; may be a deleted-object DN with a line feed).</param>
/// <param name="DomainController">msExchServer1NetworkAddress.</param>
/// <param name="DomainIndex">The forest domain it serves, null for the enterprise instance and unknown domains.</param>
/// <param name="IsEnterprise">Serves the Configuration partition.</param>
internal sealed record SynthRus(string Name, string Dn, string? DomainLink, string? ServerLink, string DomainController, int? DomainIndex, bool IsEnterprise);

/// <summary>The shape of a generated forest: decided from the spec before anything is written.</summary>
internal sealed class ForestLayout
{
    internal const string StandardAdminGroup = "First Administrative Group";
    internal const string ModernAdminGroup = "Exchange Administrative Group (FYDIBOHF23SPDLT)";

    private ForestLayout(ForestSpec spec)
    {
        Spec = spec;
        RootDn = DnOf(spec.RootDomain);
        ConfigurationDn = "CN=Configuration," + RootDn;
        SchemaDn = "CN=Schema," + ConfigurationDn;
        ExchangeDn = "CN=Microsoft Exchange,CN=Services," + ConfigurationDn;
        OrganizationDn = $"CN={spec.Organization},{ExchangeDn}";
        AddressListsDn = "CN=Address Lists Container," + OrganizationDn;
        RusContainerDn = "CN=Recipient Update Services," + AddressListsDn;
        Domains = [];
        Servers = [];
        RusInstances = [];
    }

    public ForestSpec Spec { get; }

    public string RootDn { get; }

    public string ConfigurationDn { get; }

    public string SchemaDn { get; }

    public string ExchangeDn { get; }

    public string OrganizationDn { get; }

    public string AddressListsDn { get; }

    public string RusContainerDn { get; }

    public ImmutableArray<SynthDomain> Domains { get; private set; }

    public ImmutableArray<SynthServer> Servers { get; private set; }

    public ImmutableArray<SynthRus> RusInstances { get; private set; }

    /// <summary>The DN of a pre-created (disabled) crossRef's naming context, when that fault is on.</summary>
    public string? PrecreatedDomainDn { get; private set; }

    /// <summary>The naming context whose ldapsearch run ends with "Size limit exceeded", when that fault is on.</summary>
    public string? SizeLimitedPartition { get; private set; }

    /// <summary>Builds the layout of <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The spec is inconsistent (a fault names an unknown domain, a RUS layout without a server to run it...).</exception>
    public static ForestLayout Build(ForestSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var layout = new ForestLayout(spec);
        layout.Servers = BuildServers(spec, layout);
        var domains = BuildDomains(spec);
        layout.Domains = domains;
        layout.ApplyDomainFaults();
        layout.RusInstances = layout.BuildRus();
        layout.ApplyRusFaults();
        return layout;
    }

    /// <summary>The DN of a DNS name: <c>a.b.test</c> → <c>DC=a,DC=b,DC=test</c>.</summary>
    public static string DnOf(string dnsName) => string.Join(",", dnsName.Split('.').Select(l => "DC=" + l));

    internal static long MailboxUsersOf(long users) => users - users / 10;

    internal static long MailEnabledGroupsOf(long groups) => 3 * (groups / 5) + Math.Min(groups % 5, 3);

    /// <summary>Finds a domain by label, NetBIOS name or DNS name (case-insensitive).</summary>
    public SynthDomain? FindDomain(string name) =>
        Domains.FirstOrDefault(d => string.Equals(d.Label, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.NetBiosName, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(d.DnsName, name, StringComparison.OrdinalIgnoreCase));

    private SynthDomain RequireDomain(string name, SynthFault fault) =>
        FindDomain(name) ?? throw new ArgumentException(
            $"Fault '{fault}': no domain '{name}'. Domains: {string.Join(", ", Domains.Select(d => d.Label))}.");

    private static ImmutableArray<SynthServer> BuildServers(ForestSpec spec, ForestLayout layout)
    {
        var kinds = spec.Servers.SelectMany(s => Enumerable.Repeat(s.Kind, s.Count)).ToList();

        // Faults that move a RUS onto a kind of server need one to exist.
        if (spec.Faults.Any(f => f.Kind == FaultKind.RusOnExchange2007) && !kinds.Contains(ExchangeServerKind.Exchange2007))
        {
            kinds.Add(ExchangeServerKind.Exchange2007);
        }

        if (spec.Faults.Any(f => f.Kind == FaultKind.RusOnFrontEnd) && !kinds.Contains(ExchangeServerKind.Exchange2003FrontEnd))
        {
            kinds.Add(ExchangeServerKind.Exchange2003FrontEnd);
        }

        var servers = ImmutableArray.CreateBuilder<SynthServer>();
        var perKind = new Dictionary<ExchangeServerKind, int>();
        foreach (var kind in kinds)
        {
            var n = perKind.GetValueOrDefault(kind);
            perKind[kind] = n + 1;
            var letters = Letters(n);
            var name = kind switch
            {
                ExchangeServerKind.Exchange2000 => "EX2000" + letters,
                ExchangeServerKind.Exchange2003 => "EX2003" + letters,
                ExchangeServerKind.Exchange2003FrontEnd => "EX2003FE" + letters,
                ExchangeServerKind.Exchange2007 => "EX2007" + letters,
                _ => "EX2010" + letters,
            };
            var ag = kind is ExchangeServerKind.Exchange2007 or ExchangeServerKind.Exchange2010 ? ModernAdminGroup : StandardAdminGroup;
            var agDn = $"CN={ag},CN=Administrative Groups,{layout.OrganizationDn}";
            var dn = $"CN={name},CN=Servers,{agDn}";
            var legacy = $"/o={spec.Organization}/ou={ag}/cn=Configuration/cn=Servers/cn={name}";
            string? database = null;
            string? storageGroup = null;
            switch (kind)
            {
                case ExchangeServerKind.Exchange2000:
                case ExchangeServerKind.Exchange2003:
                    storageGroup = $"CN=First Storage Group,CN=InformationStore,{dn}";
                    database = $"CN=Mailbox Store ({name}),{storageGroup}";
                    break;
                case ExchangeServerKind.Exchange2007:
                    storageGroup = $"CN=First Storage Group,CN=InformationStore,{dn}";
                    database = $"CN=Mailbox Database,{storageGroup}";
                    break;
                case ExchangeServerKind.Exchange2010:
                    var number = (Rng.Mix((ulong)spec.Seed ^ (ulong)servers.Count) % 9_000_000_000UL) + 1_000_000_000UL;
                    database = $"CN=Mailbox Database {number.ToString(CultureInfo.InvariantCulture)},CN=Databases,{agDn}";
                    break;
            }

            servers.Add(new SynthServer(name, kind, dn, ag, legacy, $"{name.ToLowerInvariant()}.{spec.RootDomain}", database, storageGroup, $"CN=Microsoft MTA,{dn}"));
        }

        return servers.ToImmutable();
    }

    private static string Letters(int n) => n < 26 ? ((char)('A' + n)).ToString() : Letters(n / 26 - 1) + (char)('A' + n % 26);

    private static ImmutableArray<SynthDomain> BuildDomains(ForestSpec spec)
    {
        var count = spec.Domains;
        var dns = new string[count];
        var parents = new int?[count];
        for (var i = 0; i < count; i++)
        {
            if (i == 0)
            {
                dns[i] = spec.RootDomain;
            }
            else if (i == 2)
            {
                dns[i] = spec.SecondTree;
            }
            else
            {
                // child1 under the root, then children alternately under the second tree and the root.
                var parent = i == 1 ? 0 : (i % 2 == 1 ? 2 : 0);
                var number = i == 1 ? 1 : i - 1;
                dns[i] = $"child{number.ToString(CultureInfo.InvariantCulture)}.{dns[parent]}";
                parents[i] = parent;
            }
        }

        var users = Spread(spec.Users, count);
        var groups = Spread(spec.Groups, count);
        var contacts = Spread(spec.Contacts ?? spec.Users / 20, count);
        var result = ImmutableArray.CreateBuilder<SynthDomain>(count);
        for (var i = 0; i < count; i++)
        {
            var label = dns[i].Split('.')[0].ToLowerInvariant();
            var netbios = label.ToUpperInvariant();
            if (netbios.Length > 15)
            {
                netbios = netbios[..15];
            }

            var rng = Rng.For(spec.Seed, 0xD0, i);
            var sid = ImmutableArray.Create((uint)rng.Next(), (uint)rng.Next(), (uint)rng.Next());
            var dcs = ImmutableArray.Create($"{label}-dc1.{dns[i]}", $"{label}-dc2.{dns[i]}");
            result.Add(new SynthDomain(i, dns[i], DnOf(dns[i]), netbios, label, parents[i], dcs,
                i % 2 == 0 ? "Default-First-Site-Name" : "Paris", Prepared: true, users[i], groups[i], contacts[i], 0, sid));
        }

        return result.MoveToImmutable();
    }

    /// <summary>Splits <paramref name="total"/> over <paramref name="parts"/>, the remainder to the first ones.</summary>
    private static long[] Spread(long total, int parts)
    {
        var result = new long[parts];
        for (var i = 0; i < parts; i++)
        {
            result[i] = total / parts + (i < total % parts ? 1 : 0);
        }

        return result;
    }

    private void ApplyDomainFaults()
    {
        var domains = Domains.ToArray();
        foreach (var fault in Spec.Faults)
        {
            switch (fault.Kind)
            {
                case FaultKind.UnpreparedDomain:
                    {
                        var d = fault.Target is null ? domains[^1] : RequireDomain(fault.Target, fault);
                        domains[d.Index] = domains[d.Index] with { Prepared = false };
                        break;
                    }

                case FaultKind.Unstamped:
                    {
                        var targets = fault.Target is null ? domains : [RequireDomain(fault.Target, fault)];
                        var share = Spread(fault.Count, targets.Length);
                        for (var k = 0; k < targets.Length; k++)
                        {
                            var d = domains[targets[k].Index];
                            var unstamped = d.UnstampedUsers + share[k];
                            if (unstamped > d.MailboxUsers)
                            {
                                throw new ArgumentException(
                                    $"Fault '{fault}': domain {d.Label} has only {d.MailboxUsers.ToString(CultureInfo.InvariantCulture)} mailbox users.");
                            }

                            domains[d.Index] = d with { UnstampedUsers = unstamped };
                        }

                        break;
                    }

                case FaultKind.PrecreatedDomain:
                    PrecreatedDomainDn = "DC=newdomain," + RootDn;
                    break;

                case FaultKind.SizeLimit:
                    if (Spec.Dialect != SynthDialect.Ldapsearch)
                    {
                        throw new ArgumentException("The size-limit fault exists only in the ldapsearch dialect.");
                    }

                    SizeLimitedPartition = fault.Target is null ? domains[^1].Dn
                        : string.Equals(fault.Target, "configuration", StringComparison.OrdinalIgnoreCase) ? ConfigurationDn
                        : RequireDomain(fault.Target, fault).Dn;
                    break;
            }
        }

        Domains = [.. domains];
    }

    private ImmutableArray<SynthRus> BuildRus()
    {
        if (Spec.RusLayout == RusLayout.None)
        {
            return [];
        }

        var legacy = Servers.Where(s => s.IsLegacyBackEnd).ToList();
        if (legacy.Count == 0)
        {
            throw new ArgumentException(
                $"RUS layout '{Spec.RusLayout}' needs an Exchange 2000/2003 back-end server to run RUS: add one (--servers 2003:1,...) or use --rus-layout none.");
        }

        SynthServer ServerFor(int n) => Spec.RusLayout == RusLayout.SingleServer ? legacy[0] : legacy[n % legacy.Count];

        var list = ImmutableArray.CreateBuilder<SynthRus>();
        list.Add(Rus("Enterprise Configuration", ConfigurationDn, ServerFor(0).Dn, Domains[0].DomainControllers[0], null, true));
        foreach (var d in Domains)
        {
            list.Add(Rus(d.NetBiosName, d.Dn, ServerFor(d.Index).Dn, d.DomainControllers[0], d.Index, false));
            if (Spec.RusLayout == RusLayout.Redundant)
            {
                list.Add(Rus($"{d.NetBiosName} - {d.DomainControllers[1].Split('.')[0].ToUpperInvariant()}", d.Dn, ServerFor(d.Index + 1).Dn, d.DomainControllers[1], d.Index, false));
            }
        }

        return list.ToImmutable();
    }

    private SynthRus Rus(string name, string domainLink, string serverLink, string dc, int? domainIndex, bool enterprise) =>
        new($"Recipient Update Service ({name})", $"CN=Recipient Update Service ({name}),{RusContainerDn}", domainLink, serverLink, dc, domainIndex, enterprise);

    private void ApplyRusFaults()
    {
        var list = RusInstances.ToList();
        foreach (var fault in Spec.Faults)
        {
            switch (fault.Kind)
            {
                case FaultKind.MissingRus:
                    {
                        var d = RequireDomain(fault.Target!, fault);
                        if (list.RemoveAll(r => r.DomainIndex == d.Index) == 0)
                        {
                            throw new ArgumentException($"Fault '{fault}': domain {d.Label} has no RUS to remove (RUS layout {Spec.RusLayout}).");
                        }

                        break;
                    }

                case FaultKind.NoEnterpriseRus:
                    if (list.RemoveAll(r => r.IsEnterprise) == 0)
                    {
                        throw new ArgumentException($"Fault '{fault}': there is no Enterprise Configuration RUS to remove (RUS layout {Spec.RusLayout}).");
                    }

                    break;

                case FaultKind.RusDeletedServer:
                    Change(list, fault, r => r with
                    {
                        ServerLink = $"CN=EX2003OLD\nDEL:{DeletedGuid()},CN=Deleted Objects,{ConfigurationDn}",
                    });
                    break;

                case FaultKind.RusOnExchange2007:
                    Change(list, fault, r => r with { ServerLink = Servers.First(s => s.Kind == ExchangeServerKind.Exchange2007).Dn });
                    break;

                case FaultKind.RusOnFrontEnd:
                    Change(list, fault, r => r with { ServerLink = Servers.First(s => s.Kind == ExchangeServerKind.Exchange2003FrontEnd).Dn });
                    break;

                case FaultKind.RusNoServer:
                    Change(list, fault, r => r with { ServerLink = null });
                    break;

                case FaultKind.RusDcUnknown:
                    Change(list, fault, r => r with { DomainController = "olddc." + (r.DomainIndex is { } i ? Domains[i].DnsName : Spec.RootDomain) });
                    break;

                case FaultKind.RusUnknownDomain:
                    {
                        var legacy = Servers.FirstOrDefault(s => s.IsLegacyBackEnd) ?? Servers.FirstOrDefault();
                        var dns = "olddomain." + Spec.RootDomain;
                        list.Add(Rus("OLDDOMAIN", DnOf(dns), legacy?.Dn ?? Servers[0].Dn, "dc1." + dns, null, false));
                        break;
                    }
            }
        }

        RusInstances = [.. list];
    }

    private void Change(List<SynthRus> list, SynthFault fault, Func<SynthRus, SynthRus> change)
    {
        int at;
        if (fault.Target is null)
        {
            at = list.FindIndex(r => r.DomainIndex == 0);
        }
        else if (string.Equals(fault.Target, "enterprise", StringComparison.OrdinalIgnoreCase))
        {
            at = list.FindIndex(r => r.IsEnterprise);
        }
        else
        {
            var d = RequireDomain(fault.Target, fault);
            at = list.FindIndex(r => r.DomainIndex == d.Index);
        }

        if (at < 0)
        {
            throw new ArgumentException($"Fault '{fault}': there is no such RUS instance to change (RUS layout {Spec.RusLayout}, or removed by another fault).");
        }

        list[at] = change(list[at]);
    }

    private string DeletedGuid()
    {
        Span<byte> g = stackalloc byte[16];
        var rng = Rng.For(Spec.Seed, 0xDE1);
        rng.Fill(g);
        return new Guid(g).ToString("D");
    }
}
