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
public sealed class ForestModelBuilder
{
    /// <summary>msExchPoliciesExcluded value that clears "Automatically update e-mail addresses" (KB318072).</summary>
    private static readonly byte[] AddressPolicyOptOut = "{26491CFC-9E50-4857-861B-0CB8DF22B5D7}"u8.ToArray();

    private readonly Dictionary<ulong, NamingContextCounter> _contexts = [];
    private readonly List<DumpEntry> _crossRefs = [];
    private readonly List<DumpEntry> _exchangeServers = [];
    private readonly List<DumpEntry> _rusInstances = [];
    private readonly List<DumpEntry> _organizations = [];
    private readonly List<DumpEntry> _adminGroups = [];
    private readonly List<DumpEntry> _siteServers = [];
    private readonly List<DumpEntry> _ntdsSettings = [];
    private readonly Dictionary<ulong, DumpEntry> _domainHeads = [];
    private readonly Dictionary<ulong, DumpEntry> _exchangeSystemObjects = [];
    private string? _rootDseConfiguration;
    private bool _sawPartitions;
    private bool _sawSites;
    private bool _sawExchangeServices;

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
            // The rootDSE (ldapsearch -s base -b ""): it names the Configuration NC authoritatively (DOMAIN.md section 2).
            _rootDseConfiguration ??= record.FirstString("configurationNamingContext"u8);
            return;
        }

        if (IsDeletedObject(dn))
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

        var counter = CounterFor(dn[run..]);
        counter.Entries++;

        if (run == 0)
        {
            _domainHeads.TryAdd(Key(dn), record.ToEntry());
            return;
        }

        if (previous == 0 && DnBytes.IsRdn(dn, 0, run, "CN=Microsoft Exchange System Objects"u8))
        {
            _exchangeSystemObjects.TryAdd(Key(dn[run..]), record.ToEntry());
            return;
        }

        CountRecipient(record, counter);
    }

    /// <summary>Builds the model from everything added.</summary>
    public ForestModel Build()
    {
        var configDn = ChooseConfigurationDn();
        var rootDn = configDn is null ? null : configDn[(configDn.IndexOf(',', StringComparison.Ordinal) + 1)..];

        // Only this forest's Configuration partition counts; the same DN seen twice (appended ldapsearch runs) is one object.
        KeepOnly(_crossRefs, configDn);
        KeepOnly(_exchangeServers, configDn);
        KeepOnly(_rusInstances, configDn);
        KeepOnly(_organizations, configDn);
        KeepOnly(_adminGroups, configDn);
        KeepOnly(_siteServers, configDn);
        KeepOnly(_ntdsSettings, configDn);

        var crossRefsByDn = new Dictionary<string, DumpEntry>(StringComparer.Ordinal);
        foreach (var c in _crossRefs)
        {
            crossRefsByDn.TryAdd(Dn.Key(c.Dn), c);
        }
        var domains = new List<DomainInfo>();
        var matched = new HashSet<NamingContextCounter>();
        foreach (var crossRef in _crossRefs.OrderBy(c => c.GetString("nCName"), StringComparer.OrdinalIgnoreCase))
        {
            if (!int.TryParse(crossRef.GetString("systemFlags"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var flags) || (flags & 3) != 3)
            {
                continue; // not a domain of this forest (configuration, schema, application partition, external)
            }

            var nc = crossRef.GetString("nCName");
            if (string.IsNullOrEmpty(nc))
            {
                continue;
            }

            var counter = FindCounter(nc);
            if (counter is not null)
            {
                matched.Add(counter);
            }

            var parentCrossRef = crossRef.GetString("trustParent");
            string? parentDn = null;
            if (parentCrossRef is not null && crossRefsByDn.TryGetValue(Dn.Key(parentCrossRef), out var parent))
            {
                parentDn = parent.GetString("nCName");
            }
            else if (crossRef.Get("rootTrust") is null)
            {
                // Without trustParent: a child's nCName ends with ",<parent nCName>" (DOMAIN.md section 2 fallback).
                parentDn = DomainNcs().Where(other => !Dn.Same(other, nc) && IsUnder(nc, other)).MaxBy(other => other.Length);
            }

            domains.Add(MakeDomain(nc, counter) with
            {
                CrossRef = crossRef,
                DnsName = crossRef.GetString("dnsRoot"),
                NetbiosName = crossRef.GetString("nETBIOSName"),
                Enabled = !string.Equals(crossRef.GetString("Enabled"), "FALSE", StringComparison.OrdinalIgnoreCase),
                ParentDn = parentDn,
                IsForestRoot = rootDn is not null && Dn.Same(nc, rootDn),
            });
        }

        // Domains whose partition is in the dump but whose crossRef is not: only when the dump has no crossRefs at all,
        // since with crossRefs a head they do not name as a domain is an application partition (DomainDnsZones...).
        foreach (var (key, head) in _domainHeads.OrderBy(h => h.Value.Dn, StringComparer.OrdinalIgnoreCase))
        {
            if (_crossRefs.Count > 0 || domains.Any(d => Dn.Same(d.Dn, head.Dn)))
            {
                continue;
            }

            var counter = _contexts.GetValueOrDefault(key);
            if (counter is not null)
            {
                matched.Add(counter);
            }

            domains.Add(MakeDomain(head.Dn, counter) with { DnsName = DnsNameOf(head.Dn) });
        }

        var dcs = DomainControllers();
        domains = domains.Select(d => d with
        {
            DomainControllers = [.. dcs.Where(dc => dc.DomainDn is not null && Dn.Same(dc.DomainDn, d.Dn))],
        }).ToList();

        var unassigned = _contexts.Values.Where(c => !matched.Contains(c)).ToList();
        return new ForestModel
        {
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
    /// The Configuration NC: the rootDSE's configurationNamingContext when the dump has it, else the nCName of the crossRef
    /// that names a Configuration NC, else the configuration root most objects live under.
    /// </summary>
    private string? ChooseConfigurationDn()
    {
        if (_rootDseConfiguration is not null)
        {
            return _rootDseConfiguration;
        }

        var named = _crossRefs.Select(c => c.GetString("nCName"))
            .Where(n => n is not null && n.StartsWith("CN=Configuration,", StringComparison.OrdinalIgnoreCase))
            .GroupBy(n => Dn.Key(n!), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First())
            .FirstOrDefault();
        if (named is not null)
        {
            return named;
        }

        return _configurationRoots.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).FirstOrDefault();
    }

    private void KeepOnly(List<DumpEntry> entries, string? configDn)
    {
        var foreign = configDn is null ? 0 : entries.RemoveAll(e => !IsUnder(e.Dn, configDn));
        _foreignConfigurationObjects += foreign;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        entries.RemoveAll(e => !seen.Add(Dn.Key(e.Dn)));
    }

    private IEnumerable<string> DomainNcs() => _crossRefs
        .Where(c => int.TryParse(c.GetString("systemFlags"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) && (f & 3) == 3)
        .Select(c => c.GetString("nCName")).OfType<string>();

    private static bool IsUnder(string dn, string ancestor) =>
        DistinguishedName.TryParse(dn, out var d) && DistinguishedName.TryParse(ancestor, out var a) ? d.IsUnder(a) : dn.EndsWith("," + ancestor, StringComparison.OrdinalIgnoreCase) || Dn.Same(dn, ancestor);

    /// <summary>AD's delete-mangled names (RDN + LF + "DEL:"; written <c>\0ADEL:</c> in string DNs) and the Deleted Objects container.</summary>
    private static bool IsDeletedObject(ReadOnlySpan<byte> dn)
    {
        var i = dn.IndexOf("DEL:"u8);
        if (i > 0 && (dn[i - 1] == (byte)'\n' || (i >= 3 && System.Text.Ascii.EqualsIgnoreCase(dn.Slice(i - 3, 3), "\\0A"u8))))
        {
            return true;
        }

        return dn.IndexOf("CN=Deleted Objects,"u8) >= 0 || dn.IndexOf("cn=deleted objects,"u8) >= 0;
    }

    private DomainInfo MakeDomain(string nc, NamingContextCounter? counter)
    {
        var key = FastHash.HashIgnoreAsciiCase(Encoding.UTF8.GetBytes(Dn.Compact(nc)));
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

    private NamingContextCounter? FindCounter(string nc) =>
        _contexts.GetValueOrDefault(FastHash.HashIgnoreAsciiCase(Encoding.UTF8.GetBytes(Dn.Compact(nc))));

    private static ulong Key(ReadOnlySpan<byte> dnRun) => FastHash.HashIgnoreAsciiCase(CompactBytes(dnRun));

    private NamingContextCounter CounterFor(ReadOnlySpan<byte> dnRun)
    {
        var key = Key(dnRun);
        if (!_contexts.TryGetValue(key, out var counter))
        {
            counter = new NamingContextCounter(Encoding.UTF8.GetString(dnRun));
            _contexts.Add(key, counter);
        }

        return counter;
    }

    /// <summary>The DC run without spaces around separators (AD never writes them; some tools do).</summary>
    private static ReadOnlySpan<byte> CompactBytes(ReadOnlySpan<byte> run) =>
        run.IndexOf((byte)' ') < 0 ? run : Encoding.UTF8.GetBytes(Dn.Compact(Encoding.UTF8.GetString(run)));

    private static void CountRecipient(DumpRecord record, NamingContextCounter counter)
    {
        bool nickname = false, recipientClass = false, publicFolder = false, proxy = false, legacyDn = false,
            showIn = false, hidden = false, optedOut = false, mailbox = false, deleted = false;
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
                    break;
                case 14 when Ascii("proxyAddresses"u8, name):
                    proxy = true;
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
        }
        else
        {
            counter.Stamped++;
        }
    }

    private readonly Dictionary<string, long> _configurationRoots = new(StringComparer.Ordinal);

    private void AddConfigurationObject(DumpRecord record, ReadOnlySpan<byte> dn, int run, int previous)
    {
        var root = "CN=Configuration," + Encoding.UTF8.GetString(dn[run..]);
        _configurationRoots[root] = _configurationRoots.GetValueOrDefault(root) + 1;
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
        var result = new List<DomainControllerInfo>();
        foreach (var server in _siteServers.OrderBy(s => s.Dn, StringComparer.OrdinalIgnoreCase))
        {
            var reference = server.GetString("serverReference");
            string? domain = reference is null ? null : DomainOf(reference);
            if (domain is null)
            {
                // Fall back to the NTDS Settings child's domain NC (msDS-HasDomainNCs, or hasMasterNCs minus config/schema).
                var ntds = _ntdsSettings.FirstOrDefault(n => Dn.Same(ParentOf(n.Dn), server.Dn));
                domain = ntds?.GetString("msDS-HasDomainNCs");
            }

            if (domain is null && _ntdsSettings.All(n => !Dn.Same(ParentOf(n.Dn), server.Dn)) && server.Get("dNSHostName") is null)
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

    private static string? AdminGroupOf(string serverDn)
    {
        var parts = Dn.SplitRdns(serverDn);
        var i = parts.FindIndex(p => p.StartsWith("CN=Administrative Groups", StringComparison.OrdinalIgnoreCase));
        return i > 0 ? Dn.ValueOf(parts[i - 1]) : null;
    }

    private static string? DomainOf(string dn)
    {
        var bytes = Encoding.UTF8.GetBytes(dn);
        return DnBytes.TrailingDcRun(bytes, out var run, out _) ? dn[Encoding.UTF8.GetCharCount(bytes.AsSpan(0, run))..] : null;
    }

    private static string ParentOf(string dn)
    {
        var parts = Dn.SplitRdns(dn);
        return string.Join(",", parts.Skip(1));
    }

    private static string RdnValue(string dn) => Dn.ValueOf(Dn.SplitRdns(dn).FirstOrDefault() ?? dn);

    private static string DnsNameOf(string domainDn) =>
        string.Join(".", Dn.SplitRdns(domainDn).Select(Dn.ValueOf)).ToLowerInvariant();

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
