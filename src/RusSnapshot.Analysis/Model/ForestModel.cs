using System.Collections.Immutable;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Analysis.Model;

/// <summary>Recipients of one domain, counted while streaming (never stored).</summary>
public sealed record RecipientCounts(long MailEnabled, long Stamped, long Unstamped, long OptedOut, long Mailboxes)
{
    public static RecipientCounts None { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>A domain of the forest, from its crossRef and (when the dump holds its partition) its head.</summary>
public sealed record DomainInfo
{
    private readonly string _dn = string.Empty;
    private readonly string? _parentDn;

    /// <summary>The domain naming context (<c>nCName</c>), as written.</summary>
    public required string Dn { get => _dn; init => (_dn, Key) = (value, DnKey.Of(value)); }

    /// <summary>The identity of <see cref="Dn"/>: what every comparison with this domain uses (set with it).</summary>
    public DnKey Key { get; private init; }

    public string? DnsName { get; init; }

    public string? NetbiosName { get; init; }

    /// <summary>The crossRef under CN=Partitions (null when the domain is known only from its partition).</summary>
    public DumpEntry? CrossRef { get; init; }

    /// <summary>False when the crossRef says <c>Enabled: FALSE</c> (pre-created; the NC does not exist yet).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The parent domain's DN for a child domain; null for a tree root.</summary>
    public string? ParentDn { get => _parentDn; init => (_parentDn, ParentKey) = (value, DnKey.OfValue(value)); }

    /// <summary>The identity of <see cref="ParentDn"/> (set with it).</summary>
    public DnKey? ParentKey { get; private init; }

    /// <summary>True for the forest root domain.</summary>
    public bool IsForestRoot { get; init; }

    /// <summary>True when the dump holds this domain's partition (its head, or entries under it).</summary>
    public bool PartitionInDump { get; init; }

    /// <summary>The domain head entry, when present.</summary>
    public DumpEntry? Head { get; init; }

    /// <summary>The Microsoft Exchange System Objects container (the DomainPrep marker), when present.</summary>
    public DumpEntry? ExchangeSystemObjects { get; init; }

    public bool IsPrepared => ExchangeSystemObjects is not null;

    public RecipientCounts Recipients { get; init; } = RecipientCounts.None;

    /// <summary>Domain controllers of this domain found in the Sites container (DNS host names).</summary>
    public ImmutableArray<DomainControllerInfo> DomainControllers { get; init; } = [];
}

/// <summary>A domain controller from <c>CN=Sites</c>: a server object with a <c>dNSHostName</c>.</summary>
public sealed record DomainControllerInfo(string Dn, string? DnsHostName, string? DomainDn, DumpEntry Entry)
{
    /// <summary>The identity of <see cref="DomainDn"/>.</summary>
    public DnKey? DomainKey => DnKey.OfValue(DomainDn);
}

/// <summary>The Exchange organisation object.</summary>
public sealed record ExchangeOrganizationInfo(string Dn, string Name, DumpEntry Entry);

/// <summary>An Exchange server (<c>msExchExchangeServer</c>).</summary>
public sealed record ExchangeServerInfo
{
    private readonly string _dn = string.Empty;

    public required string Dn { get => _dn; init => (_dn, Key) = (value, DnKey.Of(value)); }

    /// <summary>The identity of <see cref="Dn"/> (set with it).</summary>
    public DnKey Key { get; private init; }

    public required string Name { get; init; }

    public required ExchangeVersion Version { get; init; }

    /// <summary>Exchange 2003 front-end (<c>serverRole</c> or <c>msExchServerRole</c> = 1).</summary>
    public bool IsFrontEnd { get; init; }

    public string? AdministrativeGroup { get; init; }

    public required DumpEntry Entry { get; init; }
}

/// <summary>A Recipient Update Service instance (<c>msExchAddressListService</c>).</summary>
public sealed record RusInstanceInfo
{
    public required string Dn { get; init; }

    public required string Name { get; init; }

    private readonly string? _domainLink;
    private readonly string? _serverLink;

    /// <summary><c>msExchDomainLink</c>: the NC it serves (a domain, or the Configuration NC for the Enterprise RUS).</summary>
    public string? DomainLink { get => _domainLink; init => (_domainLink, DomainLinkKey) = (value, DnKey.OfValue(value)); }

    /// <summary>The identity of <see cref="DomainLink"/> (set with it).</summary>
    public DnKey? DomainLinkKey { get; private init; }

    /// <summary><c>msExchAddressListServiceLink</c>: the Exchange server that runs it.</summary>
    public string? ServerLink { get => _serverLink; init => (_serverLink, ServerLinkKey) = (value, DnKey.OfValue(value)); }

    /// <summary>The identity of <see cref="ServerLink"/> (set with it).</summary>
    public DnKey? ServerLinkKey { get; private init; }

    /// <summary>True when this instance serves <paramref name="nc"/> (a domain, or the Configuration NC).</summary>
    public bool Serves(DnKey? nc) => nc is { } key && DomainLinkKey == key;

    /// <summary><c>msExchServer1NetworkAddress</c>: the domain controller it uses.</summary>
    public string? DomainController { get; init; }

    public required DumpEntry Entry { get; init; }
}

/// <summary>What the dump lacks or got wrong, for RSN1001/RSN1002.</summary>
public sealed record DumpCompleteness
{
    /// <summary>True when the dump holds the Configuration partition's CN=Partitions (crossRefs).</summary>
    public bool HasPartitions { get; init; }

    /// <summary>True when the Sites container was in the dump (so domain controllers are known).</summary>
    public bool HasSites { get; init; }

    /// <summary>True when <c>CN=Microsoft Exchange,CN=Services</c> was in the dump.</summary>
    public bool HasExchangeServices { get; init; }

    /// <summary>What reading each input showed (filled by the analyzer from the readers; RSN1001 judges it).</summary>
    public ImmutableArray<InputReading> Inputs { get; init; } = [];

    /// <summary>DNs that two inputs hold with different content.</summary>
    public ImmutableArray<DuplicateConflict> Conflicts { get; init; } = [];
}

/// <summary>What reading one input showed: facts from the readers, with no judgement (RSN1001 makes it).</summary>
/// <param name="Name">The input's file name without its folder, so that fingerprints do not change with where a dump was unpacked.</param>
/// <param name="OpenError">Why the input could not be read at all, or null when it was read.</param>
/// <param name="Errors">Errors of every kind, counted (not only those kept in <paramref name="Diagnostics"/>).</param>
/// <param name="Complete">Whether the reader reached the end of the input.</param>
/// <param name="Diagnostics">The diagnostics kept (up to the readers' cap).</param>
/// <param name="FailedSearchCount">ldapsearch result trailers other than 0 Success.</param>
/// <param name="FailedSearches">A sample of those trailers.</param>
/// <param name="SearchUnfinished">Whether ldapsearch output ended without its trailer.</param>
public sealed record InputReading(
    string Name, string? OpenError, long RejectedRecords, long Errors, bool Complete, ImmutableArray<DumpDiagnostic> Diagnostics,
    long FailedSearchCount, ImmutableArray<SearchOutcome> FailedSearches, bool SearchUnfinished)
{
    /// <summary>What the collector's manifest beside the input says it could not read (empty without a manifest).</summary>
    public ImmutableArray<Dumps.Manifest.ManifestUnread> Unread { get; init; } = [];

    /// <summary>Errors other than "the search stopped early" (a gap of its own, not a format error).</summary>
    public long ReadErrors => Errors - FailedSearchCount - (SearchUnfinished ? 1 : 0);
}

/// <summary>
/// When the dump was taken, as far as it tells: the collection interval from the collector's manifests, and the newest
/// <c>whenChanged</c> of the objects the model keeps (the dump is at least that new).
/// </summary>
/// <param name="CollectedFrom">The earliest start of a collection (manifests), or null.</param>
/// <param name="CollectedTo">The latest end of a collection (manifests), or null.</param>
/// <param name="NewestChange">The newest <c>whenChanged</c> of the configuration objects, domain heads and Exchange system objects kept.</param>
/// <param name="NewestChangeEntry">The entry that carries it (for evidence).</param>
public sealed record DumpTime(DateTimeOffset? CollectedFrom, DateTimeOffset? CollectedTo, DateTimeOffset? NewestChange, DumpEntry? NewestChangeEntry)
{
    public static DumpTime Unknown { get; } = new(null, null, null, null);
}

/// <summary>The forest as far as the dump tells: everything the rules look at.</summary>
public sealed record ForestModel
{
    private readonly string? _configurationDn;

    /// <summary>The Configuration NC DN (from crossRefs, or the DN suffix holding CN=Partitions); null when unknown.</summary>
    public string? ConfigurationDn { get => _configurationDn; init => (_configurationDn, ConfigurationKey) = (value, DnKey.OfValue(value)); }

    /// <summary>The identity of <see cref="ConfigurationDn"/> (set with it).</summary>
    public DnKey? ConfigurationKey { get; private init; }

    public ImmutableArray<DomainInfo> Domains { get; init; } = [];

    /// <summary>Domains the configuration left out (<c>excludedDomains</c>): not in <see cref="Domains"/>, their recipients counted nowhere.</summary>
    public ImmutableArray<string> ExcludedDomains { get; init; } = [];

    /// <summary>Configuration objects of another forest's Configuration NC found in the dump, and left out.</summary>
    public long ForeignConfigurationObjects { get; init; }

    public ExchangeOrganizationInfo? Organization { get; init; }

    public ImmutableArray<string> AdministrativeGroups { get; init; } = [];

    public ImmutableArray<ExchangeServerInfo> Servers { get; init; } = [];

    public ImmutableArray<RusInstanceInfo> RusInstances { get; init; } = [];

    public required DumpCompleteness Completeness { get; init; }

    /// <summary>Mail-enabled recipients in naming contexts that match no domain of the dump.</summary>
    public RecipientCounts UnassignedRecipients { get; init; } = RecipientCounts.None;

    /// <summary>When the dump was taken, as far as it tells (filled by the builder and, from manifests, by the analyzer).</summary>
    public DumpTime Time { get; init; } = DumpTime.Unknown;

    /// <summary>The Exchange setup logs given beside the dump (<c>--setup-log</c>), as read: a second source of evidence (RSN2008).</summary>
    public ImmutableArray<SetupLogs.SetupLogEvidence> SetupLogs { get; init; } = [];

    /// <summary>The domain whose naming context is <paramref name="key"/>, if the forest has it.</summary>
    public DomainInfo? DomainOf(DnKey? key) => key is { } k ? Domains.FirstOrDefault(d => d.Key == k) : null;

    /// <summary>The Exchange server whose DN is <paramref name="key"/>, if the dump holds it.</summary>
    public ExchangeServerInfo? ServerOf(DnKey? key) => key is { } k ? Servers.FirstOrDefault(s => s.Key == k) : null;

    /// <summary>The RUS instances that serve <paramref name="nc"/>.</summary>
    public IEnumerable<RusInstanceInfo> RusServing(DnKey? nc) => RusInstances.Where(r => r.Serves(nc));

    /// <summary>Any Exchange 2000/2003 server: while one exists, RUS is required (the EX15 RusMissing gate).</summary>
    public bool HasLegacyServer => Servers.Any(s => s.Version.IsLegacy);
}
