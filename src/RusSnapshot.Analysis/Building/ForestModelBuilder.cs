using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;
using DistinguishedName = RusSnapshot.Dumps.DistinguishedName;

namespace RusSnapshot.Analysis.Building;

/// <summary>
/// Builds a <see cref="ForestModel"/> in one streaming pass over dump records. Configuration objects that rules
/// need are kept (thousands at most); recipients are classified and counted per naming context, never kept, so
/// memory does not grow with their number.
/// </summary>
public sealed class ForestModelBuilder : IRecordSink
{
    /// <summary>msExchPoliciesExcluded value that clears "Automatically update e-mail addresses" (KB318072).</summary>
    private static readonly byte[] AddressPolicyOptOut = "{26491CFC-9E50-4857-861B-0CB8DF22B5D7}"u8.ToArray();

    private readonly NamingContextCounters _contexts = new();
    private readonly List<DumpEntry> _crossRefs = [];
    private readonly List<DumpEntry> _exchangeServers = [];
    private readonly List<DumpEntry> _rusInstances = [];
    private readonly List<DumpEntry> _organizations = [];
    private readonly List<DumpEntry> _adminGroups = [];
    private readonly List<DumpEntry> _siteServers = [];
    private readonly List<DumpEntry> _ntdsSettings = [];
    private readonly Dictionary<DnKey, DumpEntry> _domainHeads = [];
    private readonly Dictionary<DnKey, DumpEntry> _exchangeSystemObjects = [];
    private string? _rootDseConfiguration;
    private bool _sawPartitions;
    private bool _sawSites;
    private bool _sawExchangeServices;
    private readonly Recipients.IUnstampedRecipientSink? _unstamped;

    /// <param name="unstamped">Receives each unstamped recipient as it is read (<c>--recipients</c>); null to only count them.</param>
    public ForestModelBuilder(Recipients.IUnstampedRecipientSink? unstamped = null) => _unstamped = unstamped;

    /// <summary>Entries looked at.</summary>
    public long Entries { get; private set; }

    /// <summary>Deleted objects (<c>isDeleted: TRUE</c>) skipped.</summary>
    public long DeletedObjects { get; private set; }

    /// <summary>Adds one record (non-entry records are ignored).</summary>
    public void Add(DumpRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Kind != DumpRecordKind.Entry)
        {
            return;
        }

        Entries++;
        var dn = record.DnUtf8;
        if (dn.IsEmpty)
        {
            // The rootDSE (ldapsearch -s base -b ""): it names the Configuration NC authoritatively (MS-ADTS 3.1.1.3.2: configurationNamingContext).
            _rootDseConfiguration ??= record.FirstString("configurationNamingContext"u8);
            return;
        }

        if (DnKey.IsDeletedDn(dn))
        {
            DeletedObjects++;
            return; // tombstones and recycled objects: neither configuration nor recipients (MS-ADTS 3.1.1.5.5.6.1)
        }

        if (!DnBytes.TrailingDcRun(dn, out var run, out var previous))
        {
            return; // not under a DC= naming context (X.500-style names): nothing RUS-related
        }

        if (DnBytes.IsRdn(dn, previous, run, "CN=Configuration"u8))
        {
            AddConfigurationObject(record, dn, run, previous);
            return;
        }

        var counter = _contexts.For(dn[run..]);
        counter.Entries++;

        if (run == 0)
        {
            _domainHeads.TryAdd(counter.Key, record.ToEntry());
            return;
        }

        if (previous == 0 && DnBytes.IsRdn(dn, 0, run, "CN=Microsoft Exchange System Objects"u8))
        {
            _exchangeSystemObjects.TryAdd(counter.Key, record.ToEntry());
            return;
        }

        CountRecipient(record, counter);
    }

    /// <summary>
    /// Takes in what <paramref name="later"/> was given, as if its records had been added to this builder after this
    /// one's: for a file read in parts, each part into a builder of its own, joined in file order. First-seen wins as it
    /// does within one builder (a domain head, the Configuration NC's spelling, the first of two copies of a DN); counts
    /// add up. <paramref name="lineOffset"/> moves the positions of the entries <paramref name="later"/> kept (its part
    /// counted lines from where it starts). Recipients handed to an <see cref="Recipients.IUnstampedRecipientSink"/> are
    /// handed on as they come: a caller that lists them gives each part a sink of its own and copies them in file order
    /// (<see cref="Recipients.RecipientPartSpools"/>).
    /// </summary>
    public void Append(ForestModelBuilder later, long lineOffset)
    {
        ArgumentNullException.ThrowIfNull(later);
        Entries += later.Entries;
        DeletedObjects += later.DeletedObjects;
        _rootDseConfiguration ??= later._rootDseConfiguration;
        _sawPartitions |= later._sawPartitions;
        _sawSites |= later._sawSites;
        _sawExchangeServices |= later._sawExchangeServices;
        _contexts.Append(later._contexts);
        foreach (var (key, root) in later._configurationRoots)
        {
            if (_configurationRoots.TryGetValue(key, out var mine))
            {
                mine.Objects += root.Objects;
            }
            else
            {
                _configurationRoots.Add(key, root);
            }
        }

        foreach (var (key, head) in later._domainHeads)
        {
            _domainHeads.TryAdd(key, head.ShiftedBy(lineOffset));
        }

        foreach (var (key, meso) in later._exchangeSystemObjects)
        {
            _exchangeSystemObjects.TryAdd(key, meso.ShiftedBy(lineOffset));
        }

        // Kept in order; Build keeps the first copy of a DN.
        foreach (var (mine, theirs) in new[]
        {
            (_crossRefs, later._crossRefs), (_exchangeServers, later._exchangeServers), (_rusInstances, later._rusInstances),
            (_organizations, later._organizations), (_adminGroups, later._adminGroups), (_siteServers, later._siteServers),
            (_ntdsSettings, later._ntdsSettings),
        })
        {
            mine.AddRange(theirs.Select(e => e.ShiftedBy(lineOffset)));
        }
    }

    /// <summary>How this builder spells the naming context that <paramref name="written"/> names: as first written in what it was given.</summary>
    internal string NamingContextSpelling(string written) => _contexts.Find(DnKey.Of(written))?.Dn ?? written;

    /// <summary>Builds the model from everything added.</summary>
    public ForestModel Build()
    {
        var configDn = ChooseConfigurationDn();
        var configKey = configDn is null ? (DnKey?)null : DnKey.Of(configDn);
        var rootKey = configKey?.Parent;

        // Only this forest's Configuration partition counts; the same DN seen twice (appended ldapsearch runs) is one object.
        KeepOnly(_crossRefs, configKey);
        KeepOnly(_exchangeServers, configKey);
        KeepOnly(_rusInstances, configKey);
        KeepOnly(_organizations, configKey);
        KeepOnly(_adminGroups, configKey);
        KeepOnly(_siteServers, configKey);
        KeepOnly(_ntdsSettings, configKey);

        var crossRefsByKey = new Dictionary<DnKey, DumpEntry>();
        foreach (var c in _crossRefs)
        {
            crossRefsByKey.TryAdd(DnKey.Of(c.Dn), c);
        }

        // Domain crossRefs by the NC they name: parents are found by walking up a DN's keys, never by comparing pairs.
        var domainCrossRefs = new Dictionary<DnKey, (string Nc, DumpEntry CrossRef)>();
        foreach (var crossRef in _crossRefs.OrderBy(c => c.GetString("nCName"), StringComparer.OrdinalIgnoreCase))
        {
            if (IsDomainCrossRef(crossRef) && crossRef.GetString("nCName") is { Length: > 0 } nc)
            {
                domainCrossRefs.TryAdd(DnKey.Of(nc), (nc, crossRef));
            }
        }

        var domains = new List<DomainInfo>();
        var matched = new HashSet<NamingContextCounter>();
        foreach (var (key, (nc, crossRef)) in domainCrossRefs)
        {
            var counter = _contexts.Find(key);
            if (counter is not null)
            {
                matched.Add(counter);
            }

            string? parentDn = null;
            if (DnKey.OfValue(crossRef.GetString("trustParent")) is { } parentCrossRefKey && crossRefsByKey.TryGetValue(parentCrossRefKey, out var parent))
            {
                parentDn = parent.GetString("nCName");
            }
            else if (crossRef.Get("rootTrust") is null)
            {
                // Without trustParent: a child's nCName ends with ",<parent nCName>" (MS-ADTS 6.1.1.2.1.1.4 fallback); the nearest wins.
                for (var up = key.Parent; !up.IsEmpty && parentDn is null; up = up.Parent)
                {
                    parentDn = domainCrossRefs.TryGetValue(up, out var p) ? p.Nc : null;
                }
            }

            domains.Add(MakeDomain(nc, key, counter) with
            {
                CrossRef = crossRef,
                DnsName = crossRef.GetString("dnsRoot"),
                NetbiosName = crossRef.GetString("nETBIOSName"),
                Enabled = !string.Equals(crossRef.GetString("Enabled"), "FALSE", StringComparison.OrdinalIgnoreCase),
                ParentDn = parentDn,
                IsForestRoot = rootKey is { } root && key == root,
            });
        }

        // Domains whose partition is in the dump but whose crossRef is not: only when the dump has no crossRefs at all,
        // since with crossRefs a head they do not name as a domain is an application partition (DomainDnsZones...).
        if (_crossRefs.Count == 0)
        {
            foreach (var (key, head) in _domainHeads.OrderBy(h => h.Value.Dn, StringComparer.OrdinalIgnoreCase))
            {
                var counter = _contexts.Find(key);
                if (counter is not null)
                {
                    matched.Add(counter);
                }

                domains.Add(MakeDomain(head.Dn, key, counter) with { DnsName = DnsNameOf(head.Dn) });
            }
        }

        var dcsByDomain = DomainControllers().Where(dc => dc.DomainKey is not null).ToLookup(dc => dc.DomainKey!.Value);
        domains = [.. domains.OrderBy(d => d.Dn, StringComparer.OrdinalIgnoreCase).Select(d => d with { DomainControllers = [.. dcsByDomain[d.Key]] })];

        var unassigned = _contexts.All.Where(c => !matched.Contains(c)).ToList();
        var newest = _crossRefs.Concat(_exchangeServers).Concat(_rusInstances).Concat(_organizations).Concat(_adminGroups)
            .Concat(_domainHeads.Values).Concat(_exchangeSystemObjects.Values)
            .Select(e => (Entry: e, When: GeneralizedTime(e.GetString("whenChanged"))))
            .Where(x => x.When is not null)
            .OrderByDescending(x => x.When)
            .ThenBy(x => x.Entry.Dn, StringComparer.Ordinal)
            .FirstOrDefault();
        return new ForestModel
        {
            Time = new DumpTime(null, null, newest.When, newest.Entry),
            ConfigurationDn = configDn,
            ForeignConfigurationObjects = _foreignConfigurationObjects,
            Domains = [.. domains],
            Organization = _organizations.OrderBy(o => o.Dn, StringComparer.OrdinalIgnoreCase).Select(o => new ExchangeOrganizationInfo(o.Dn, RdnValue(o.Dn), o)).FirstOrDefault(),
            AdministrativeGroups = [.. _adminGroups.Select(a => RdnValue(a.Dn)).Order(StringComparer.OrdinalIgnoreCase)],
            Servers = [.. _exchangeServers.OrderBy(s => s.Dn, StringComparer.OrdinalIgnoreCase).Select(ToServer)],
            RusInstances = [.. _rusInstances.OrderBy(r => r.Dn, StringComparer.OrdinalIgnoreCase).Select(ToRus)],
            Completeness = new DumpCompleteness
            {
                HasPartitions = _sawPartitions || _crossRefs.Count > 0,
                HasSites = _sawSites,
                HasExchangeServices = _sawExchangeServices || _organizations.Count > 0,
            },
            UnassignedRecipients = new RecipientCounts(
                unassigned.Sum(c => c.MailEnabled), unassigned.Sum(c => c.Stamped), unassigned.Sum(c => c.Unstamped),
                unassigned.Sum(c => c.OptedOut), unassigned.Sum(c => c.Mailboxes)),
        };
    }

    private long _foreignConfigurationObjects;

    /// <summary>
    /// The Configuration NC: the rootDSE's configurationNamingContext when the dump has it; else, when objects of
    /// several forests are mixed, the one the user most likely meant: the Configuration that holds an Exchange
    /// organisation, then the one a crossRef names, then the one most objects live under.
    /// </summary>
    private string? ChooseConfigurationDn()
    {
        if (_rootDseConfiguration is not null)
        {
            return _rootDseConfiguration;
        }

        var named = _crossRefs.Select(c => c.GetString("nCName"))
            .Where(n => n is not null && n.StartsWith("CN=Configuration,", StringComparison.OrdinalIgnoreCase))
            .Select(n => DnKey.Of(n!))
            .ToHashSet();
        var withOrganization = _organizations.Select(o => DnKey.Of(o.Dn)).ToList();
        return _configurationRoots
            .OrderByDescending(r => withOrganization.Any(o => o.IsUnder(r.Key)))
            .ThenByDescending(r => named.Contains(r.Key))
            .ThenByDescending(r => r.Value.Objects)
            .ThenBy(r => r.Key.Canonical, StringComparer.Ordinal)
            .Select(r => r.Value.Dn)
            .FirstOrDefault();
    }

    private void KeepOnly(List<DumpEntry> entries, DnKey? configKey)
    {
        var foreign = configKey is not { } config ? 0 : entries.RemoveAll(e => !DnKey.Of(e.Dn).IsUnder(config));
        _foreignConfigurationObjects += foreign;
        var seen = new HashSet<DnKey>();
        entries.RemoveAll(e => !seen.Add(DnKey.Of(e.Dn)));
    }

    private static bool IsDomainCrossRef(DumpEntry crossRef) =>
        int.TryParse(crossRef.GetString("systemFlags"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var flags) && (flags & 3) == 3;

    private DomainInfo MakeDomain(string nc, DnKey key, NamingContextCounter? counter)
    {
        _domainHeads.TryGetValue(key, out var head);
        _exchangeSystemObjects.TryGetValue(key, out var meso);
        return new DomainInfo
        {
            Dn = nc,
            Head = head,
            ExchangeSystemObjects = meso,
            PartitionInDump = head is not null || counter is { Entries: > 0 } || meso is not null,
            Recipients = counter is null
                ? RecipientCounts.None
                : new RecipientCounts(counter.MailEnabled, counter.Stamped, counter.Unstamped, counter.OptedOut, counter.Mailboxes),
        };
    }

    /// <summary>A Configuration NC seen in the dump and how many objects live under it.</summary>
    private sealed class ConfigurationRoot(string dn)
    {
        public string Dn { get; } = dn;

        public long Objects { get; set; }
    }

    private void CountRecipient(DumpRecord record, NamingContextCounter counter)
    {
        bool nickname = false, recipientClass = false, publicFolder = false, proxy = false, legacyDn = false,
            showIn = false, hidden = false, optedOut = false, mailbox = false, deleted = false;
        int nicknameAt = -1, samAt = -1;
        for (var i = 0; i < record.Count; i++)
        {
            var name = record.NameAt(i);
            switch (name.Length)
            {
                case 7 when Ascii("homeMDB"u8, name):
                case 20 when Ascii("msExchHomeServerName"u8, name):
                    mailbox = true;
                    break;
                case 9 when Ascii("isDeleted"u8, name):
                    deleted = IsTrue(record.ValueAt(i));
                    break;
                case 11 when Ascii("objectClass"u8, name):
                    var v = record.ValueAt(i);
                    recipientClass |= Ascii("user"u8, v) || Ascii("contact"u8, v) || Ascii("group"u8, v) || Ascii("inetOrgPerson"u8, v);
                    publicFolder |= Ascii("publicFolder"u8, v);
                    break;
                case 12 when Ascii("mailNickname"u8, name):
                    nickname = true;
                    nicknameAt = i;
                    break;
                case 14 when Ascii("proxyAddresses"u8, name):
                    proxy = true;
                    break;
                case 14 when Ascii("sAMAccountName"u8, name):
                    samAt = i;
                    break;
                case 16 when Ascii("legacyExchangeDN"u8, name):
                    legacyDn = true;
                    break;
                case 17 when Ascii("showInAddressBook"u8, name):
                    showIn = true;
                    break;
                case 22 when Ascii("msExchPoliciesExcluded"u8, name):
                    optedOut |= ContainsIgnoreCase(record.ValueAt(i), AddressPolicyOptOut);
                    break;
                case 26 when Ascii("msExchHideFromAddressLists"u8, name):
                    hidden = IsTrue(record.ValueAt(i));
                    break;
            }
        }

        // KB253838: without mailNickname an object is not mail-enabled. Public folders are RUS's too, but are not users' recipients.
        if (!nickname || !recipientClass || publicFolder || deleted)
        {
            return;
        }

        counter.MailEnabled++;
        if (mailbox)
        {
            counter.Mailboxes++;
        }

        if (optedOut)
        {
            counter.OptedOut++;
        }
        else if (!proxy || !legacyDn || (!showIn && !hidden))
        {
            counter.Unstamped++;
            if (_unstamped is not null)
            {
                // Strings only for the recipients listed, and handed on at once: nothing is kept.
                var missing = (proxy ? Recipients.StampedAttributes.None : Recipients.StampedAttributes.ProxyAddresses)
                    | (legacyDn ? Recipients.StampedAttributes.None : Recipients.StampedAttributes.LegacyExchangeDn)
                    | (showIn || hidden ? Recipients.StampedAttributes.None : Recipients.StampedAttributes.ShowInAddressBook);
                _unstamped.Add(new Recipients.UnstampedRecipient(
                    counter.Dn, record.Dn, samAt < 0 ? null : record.ValueStringAt(samAt), record.ValueStringAt(nicknameAt), missing, record.Position));
            }
        }
        else
        {
            counter.Stamped++;
        }
    }

    /// <summary>Each Configuration NC seen (normally one), with how many objects live under it.</summary>
    private readonly Dictionary<DnKey, ConfigurationRoot> _configurationRoots = [];

    private void AddConfigurationObject(DumpRecord record, ReadOnlySpan<byte> dn, int run, int previous)
    {
        var rootKey = DnKey.Of(dn[previous..]);
        if (!_configurationRoots.TryGetValue(rootKey, out var root))
        {
            root = new ConfigurationRoot("CN=Configuration," + Encoding.UTF8.GetString(dn[run..]));
            _configurationRoots.Add(rootKey, root);
        }

        root.Objects++;
        bool crossRef = false, crossRefContainer = false, exchangeServer = false, rus = false, org = false, adminGroup = false,
            exchangeServices = false, sites = false, server = false, ntds = false, deleted = false;
        for (var i = 0; i < record.Count; i++)
        {
            if (record.NameIs(i, "isDeleted"u8))
            {
                deleted = IsTrue(record.ValueAt(i));
                continue;
            }

            if (!record.NameIs(i, "objectClass"u8))
            {
                continue;
            }

            var v = record.ValueAt(i);
            crossRef |= Ascii("crossRef"u8, v);
            crossRefContainer |= Ascii("crossRefContainer"u8, v);
            exchangeServer |= Ascii("msExchExchangeServer"u8, v);
            rus |= Ascii("msExchAddressListService"u8, v);
            org |= Ascii("msExchOrganizationContainer"u8, v);
            adminGroup |= Ascii("msExchAdminGroup"u8, v);
            exchangeServices |= Ascii("msExchConfigurationContainer"u8, v);
            sites |= Ascii("sitesContainer"u8, v);
            server |= Ascii("server"u8, v);
            ntds |= Ascii("nTDSDSA"u8, v);
        }

        if (deleted)
        {
            DeletedObjects++;
            return;
        }

        _sawPartitions |= crossRefContainer;
        _sawSites |= sites;
        _sawExchangeServices |= exchangeServices;
        List<DumpEntry>? keep = crossRef ? _crossRefs
            : exchangeServer ? _exchangeServers
            : rus ? _rusInstances
            : org ? _organizations
            : adminGroup ? _adminGroups
            : server ? _siteServers
            : ntds ? _ntdsSettings
            : null;
        keep?.Add(record.ToEntry());
    }

    private ImmutableArray<DomainControllerInfo> DomainControllers()
    {
        // NTDS Settings objects by the server they sit under: one look-up per server, not a scan.
        var ntdsByServer = _ntdsSettings.ToLookup(n => DnKey.Of(n.Dn).Parent);
        var result = new List<DomainControllerInfo>();
        foreach (var server in _siteServers.OrderBy(s => s.Dn, StringComparer.OrdinalIgnoreCase))
        {
            var reference = server.GetString("serverReference");
            var domain = reference is null ? null : DomainOf(reference);
            var ntds = ntdsByServer[DnKey.Of(server.Dn)].FirstOrDefault();

            // Fall back to the NTDS Settings child's domain NC (msDS-HasDomainNCs).
            domain ??= ntds?.GetString("msDS-HasDomainNCs");
            if (domain is null && ntds is null && server.Get("dNSHostName") is null)
            {
                continue; // a server object that is not a DC (no NTDS Settings, no host name)
            }

            result.Add(new DomainControllerInfo(server.Dn, server.GetString("dNSHostName"), domain, server));
        }

        return [.. result];
    }

    private static ExchangeServerInfo ToServer(DumpEntry e) => new()
    {
        Dn = e.Dn,
        Name = e.GetString("cn") ?? RdnValue(e.Dn),
        Version = ExchangeVersion.From(e.GetString("serialNumber"), e.GetString("versionNumber")),
        IsFrontEnd = e.GetString("serverRole") == "1" || e.GetString("msExchServerRole") == "1",
        AdministrativeGroup = AdminGroupOf(e.Dn),
        Entry = e,
    };

    private static RusInstanceInfo ToRus(DumpEntry e) => new()
    {
        Dn = e.Dn,
        Name = e.GetString("cn") ?? RdnValue(e.Dn),
        DomainLink = NullIfEmpty(e.GetString("msExchDomainLink")),
        ServerLink = NullIfEmpty(e.GetString("msExchAddressListServiceLink")),
        DomainController = NullIfEmpty(e.GetString("msExchServer1NetworkAddress")),
        Entry = e,
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>An LDAP GeneralizedTime as AD writes it (<c>20221201004941.0Z</c>), or null.</summary>
    internal static DateTimeOffset? GeneralizedTime(string? value) =>
        value is { Length: >= 15 } v
        && DateTime.TryParseExact(v[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
        && v.EndsWith('Z')
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;

    private static string? AdminGroupOf(string serverDn)
    {
        if (!DistinguishedName.TryParse(serverDn, out var dn))
        {
            return null;
        }

        var rdns = dn.Rdns;
        for (var i = 1; i < rdns.Count; i++)
        {
            if (string.Equals(rdns[i].Value, "Administrative Groups", StringComparison.OrdinalIgnoreCase))
            {
                return rdns[i - 1].Value;
            }
        }

        return null;
    }

    private static string? DomainOf(string dn)
    {
        var bytes = Encoding.UTF8.GetBytes(dn);
        return DnBytes.TrailingDcRun(bytes, out var run, out _) ? dn[Encoding.UTF8.GetCharCount(bytes.AsSpan(0, run))..] : null;
    }

    /// <summary>The value of the first RDN (unescaped), or the text itself when it is not a DN.</summary>
    private static string RdnValue(string dn) =>
        DistinguishedName.TryParse(dn, out var parsed) && parsed.Rdn is { } rdn ? rdn.Value : dn;

    private static string DnsNameOf(string domainDn) =>
        DistinguishedName.TryParse(domainDn, out var parsed)
            ? string.Join(".", parsed.Rdns.Select(r => r.Value)).ToLowerInvariant()
            : domainDn.ToLowerInvariant();

    private static bool Ascii(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        actual.Length == expected.Length && System.Text.Ascii.EqualsIgnoreCase(actual, expected);

    private static bool IsTrue(ReadOnlySpan<byte> v) => Ascii("TRUE"u8, v);

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(haystack.Slice(i, needle.Length), needle))
            {
                return true;
            }
        }

        return false;
    }
}
