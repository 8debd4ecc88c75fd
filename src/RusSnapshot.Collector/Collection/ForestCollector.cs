using System.Globalization;
using System.Reflection;
using System.Text;
using RusSnapshot.Collector.Ldap;
using RusSnapshot.Collector.Output;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Collector.Collection;

/// <summary>The outcome of a run that got as far as writing a dump.</summary>
internal sealed record CollectionResult(int ExitCode, CollectionManifest Manifest, string DumpPath, string ManifestPath);

/// <summary>
/// One run: bind to the first DC, read its rootDSE and the Configuration partition, then every enabled domain of the
/// forest from a DC of that domain (its crossRef's <c>dnsRoot</c>, or <c>--domain-server</c>), writing one dump and its
/// manifest. A domain that cannot be reached is listed as unread (exit 6), never skipped in silence.
/// </summary>
internal sealed class ForestCollector(CollectorOptions options, TextWriter error, CancellationToken cancel)
{
    private readonly List<ManifestUnread> _unread = [];
    private readonly List<NamingContextStats> _contexts = [];
    private readonly RunClock _clock = new(options.RequestTimeout, options.RunTimeout, cancel);
    private readonly ProgressLine _progress = new(error, options.Progress && !options.Quiet);

    public static string ToolVersion =>
        typeof(ForestCollector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <exception cref="ConnectException">The first DC could not be reached or bound to: nothing was written (exit 5).</exception>
    public CollectionResult Run()
    {
        var started = DateTimeOffset.UtcNow;
        using var main = new LdapSession(options.Server, options.Credentials, options.Trust, _clock, options.Retries);
        main.Open();

        var rootStats = new NamingContextStats(string.Empty, "rootDse", null, options.Server.ToString());
        CollectedEntry? rootDse = null;
        var rootFailure = new SearchReader(main, options.PageSize, options.RangeSize).Read(QuerySet.RootDse(), rootStats, e => rootDse = e);
        var configurationDn = rootDse is null ? null : First(rootDse, "configurationNamingContext");
        if (rootFailure is not null || configurationDn is null)
        {
            throw new ConnectException(ConnectFailure.Bind,
                $"{options.Server} did not return its rootDSE (configurationNamingContext): {rootFailure?.Message ?? "no such attribute"}; is it a domain controller?");
        }

        var defaultDn = First(rootDse!, "defaultNamingContext");
        var dnsHostName = First(rootDse!, "dnsHostName");
        rootStats.Entries = 1;
        _contexts.Add(rootStats);

        var manifestPath = CollectionManifestFile.PathFor(options.OutputPath);
        var crossRefs = new List<CollectedEntry>();
        using (var sink = DumpSink.Create(options.Format, options.OutputPath))
        {
            sink.WriteRootDse(rootDse!);

            // ---- Configuration partition, from the first DC
            var config = new NamingContextStats(configurationDn, "configuration", null, options.Server.ToString());
            _contexts.Add(config);
            foreach (var query in QuerySet.Configuration(configurationDn))
            {
                ReadInto(main, query, config, sink, query.Name == "partitions" ? crossRefs : null);
            }

            // ---- every enabled domain, from a DC of that domain
            if (options.FullScope)
            {
                foreach (var (nc, dnsRoot) in Domains(crossRefs))
                {
                    ReadDomain(main, defaultDn, nc, dnsRoot, sink);
                }
            }

            _progress.Clear();
            sink.Complete();
            var ended = DateTimeOffset.UtcNow;
            var manifest = new CollectionManifest
            {
                SchemaVersion = CollectionManifest.CurrentSchemaVersion,
                Tool = new ManifestTool("russnap-collect", ToolVersion),
                Server = new ManifestServer(options.Server.Host, options.Server.Port, options.Server.TransportName, dnsHostName),
                Bind = new ManifestBind(options.Credentials.IsSimple ? "simple" : "negotiate", main.Identity),
                StartedAt = started,
                EndedAt = ended,
                Scope = options.FullScope ? "full" : "config",
                Dump = new ManifestDump(Path.GetFileName(options.OutputPath), options.Format == DumpFormat.Csv ? "csv" : "ldif", sink.Entries),
                Complete = _unread.Count == 0,
                NamingContexts = [.. _contexts.Select(c => c.ToManifest())],
                Unread = [.. _unread],
            };
            CollectionManifestFile.WriteFile(manifest, manifestPath);
            return new CollectionResult(_unread.Count == 0 ? ExitCodes.Complete : ExitCodes.Partial, manifest, options.OutputPath, manifestPath);
        }
    }

    /// <summary>The enabled domain crossRefs (systemFlags bits 0x1|0x2, MS-ADTS 6.1.1.2.1.1), in NC order.</summary>
    private static IEnumerable<(string Nc, string? DnsRoot)> Domains(List<CollectedEntry> crossRefs)
    {
        foreach (var crossRef in crossRefs.OrderBy(c => First(c, "nCName"), StringComparer.OrdinalIgnoreCase))
        {
            if (!int.TryParse(First(crossRef, "systemFlags"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var flags) || (flags & 3) != 3)
            {
                continue;
            }

            if (string.Equals(First(crossRef, "Enabled"), "FALSE", StringComparison.OrdinalIgnoreCase) || First(crossRef, "nCName") is not { } nc)
            {
                continue;   // pre-created, no partition behind it
            }

            yield return (nc, First(crossRef, "dnsRoot"));
        }
    }

    private void ReadDomain(LdapSession main, string? defaultDn, string nc, string? dnsRoot, DumpSink sink)
    {
        LdapEndpoint endpoint;
        var own = false;
        if (dnsRoot is not null && options.DomainServers.TryGetValue(dnsRoot, out var given))
        {
            endpoint = new LdapEndpoint(given.Host, given.Port ?? options.Server.Port, options.Server.Transport);
            own = true;
        }
        else if (string.Equals(nc, defaultDn, StringComparison.OrdinalIgnoreCase))
        {
            endpoint = options.Server;   // the first DC holds this domain in full
        }
        else
        {
            // The domain's DNS name resolves to its DCs (AD registers an A record for each DC under it).
            endpoint = new LdapEndpoint(dnsRoot ?? nc, options.Server.Port, options.Server.Transport);
            own = true;
        }

        var stats = new NamingContextStats(nc, "domain", dnsRoot, endpoint.ToString());
        _contexts.Add(stats);
        LdapSession? session = own ? new LdapSession(endpoint, options.Credentials, options.Trust, _clock, options.Retries) : null;
        try
        {
            if (session is not null)
            {
                try
                {
                    session.Open();
                }
                catch (ConnectException ex)
                {
                    stats.Unread = true;
                    _unread.Add(new ManifestUnread(nc, UnreadReason.Unreachable, endpoint.ToString(),
                        $"no domain controller of {dnsRoot ?? nc} could be used: {ex.Message} (--domain-server {dnsRoot ?? "DNSNAME"}=HOST[:PORT] names one)", ex.ResultCode));
                    Warn($"domain {dnsRoot ?? nc} not read: {ex.Message}");
                    return;
                }
            }

            foreach (var query in QuerySet.Domain(nc))
            {
                ReadInto(session ?? main, query, stats, sink, keep: null);
            }
        }
        finally
        {
            session?.Dispose();
        }
    }

    private void ReadInto(LdapSession session, Query query, NamingContextStats stats, DumpSink sink, List<CollectedEntry>? keep)
    {
        var label = stats.Kind == "configuration" ? "Configuration" : stats.DnsName ?? stats.Dn;
        var reconnects = stats.Requests.Reconnects;
        SearchFailure? failure;
        try
        {
            failure = new SearchReader(session, options.PageSize, options.RangeSize, m => Warn($"{label}: {m}")).Read(query, stats, entry =>
            {
                sink.Write(entry);
                stats.Entries++;
                keep?.Add(entry);
                _progress.Report(label, stats.Entries, stats.Pages, _clock.Elapsed);
            }, () => _progress.Report(label, stats.Entries, stats.Pages, _clock.Elapsed));
        }
        catch (RunTimeoutException ex)
        {
            failure = new SearchFailure(query.Base, UnreadReason.Timeout, $"{query.Name}: {ex.Message}", null);
        }
        catch (System.DirectoryServices.Protocols.LdapException ex)
        {
            failure = new SearchFailure(query.Base, UnreadReason.ServerError, $"{query.Name}: {LdapSession.Describe(ex)}", ex.ErrorCode);
        }
        catch (System.DirectoryServices.Protocols.DirectoryOperationException ex)
        {
            failure = new SearchFailure(query.Base, UnreadReason.ServerError, $"{query.Name}: {LdapSession.Describe(ex)}", LdapSession.CodeOf(ex));
        }

        if (stats.Requests.Reconnects > reconnects)
        {
            Warn($"{label}: {query.Name}: the connection to {session.Endpoint} dropped {stats.Requests.Reconnects - reconnects} time(s) and was re-established"
                + (failure is null ? "; nothing is missing" : string.Empty));
        }

        if (failure is not null)
        {
            stats.Failed = true;
            _unread.Add(new ManifestUnread(failure.Subject, failure.Reason, session.Endpoint.ToString(), failure.Message, failure.ResultCode));
            Warn($"{label}: {failure.Message}");
        }
    }

    private void Warn(string message)
    {
        _progress.Clear();
        error.WriteLine("russnap-collect: warning: " + message);
    }

    private static string? First(CollectedEntry entry, string name) =>
        entry.Attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)) is { Values.Count: > 0 } a
            ? Encoding.UTF8.GetString(a.Values[0])
            : null;
}
