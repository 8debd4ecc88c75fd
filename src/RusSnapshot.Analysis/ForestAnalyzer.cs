using System.Collections.Immutable;
using System.Globalization;
using RusSnapshot.Analysis.Building;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Analysis;

/// <summary>Reads dumps, builds the model, runs the rule catalog and applies the configuration.</summary>
public static class ForestAnalyzer
{
    /// <summary>Analyses <paramref name="sources"/> as one forest dump.</summary>
    /// <param name="onRecord">Called every record with the current input's name and bytes read (progress).</param>
    /// <param name="unstamped">Receives each recipient behind RSN2007 as it is read (<c>--recipients</c>); what domain each
    /// one belongs to is known once the model is built (<see cref="AnalysisResult.RecipientDomain"/>).</param>
    public static AnalysisResult Analyze(
        IReadOnlyList<DumpSource> sources, AnalysisOptions options, Action<string, long>? onRecord = null, Recipients.IUnstampedRecipientSink? unstamped = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);

        // Inputs are hashed as they are read: a pipe in the same pass (a second read would steal part of it), a file
        // read in parts by a read of its own.
        using var set = new DumpSetReader(sources, options.Open with { ComputeSha256 = options.HashInputs });
        var (builder, inParts) = Read(set, options, onRecord, unstamped);

        var manifests = set.Inputs.Select(Manifest).ToList();
        var readings = set.Inputs.Zip(manifests, (input, manifest) => Reading(input) with { Unread = [.. manifest.Manifest?.Unread ?? []] }).ToImmutableArray();
        var model = builder.Build();
        model = Exclude(model, options.ExcludedDomains);
        var collected = manifests.Select(m => m.Manifest).OfType<CollectionManifest>().ToList();
        model = model with
        {
            Completeness = model.Completeness with
            {
                Inputs = readings,
                Conflicts = [.. set.Conflicts],
            },
            Time = model.Time with
            {
                CollectedFrom = collected.Count == 0 ? null : collected.Min(m => m.StartedAt),
                CollectedTo = collected.Count == 0 ? null : collected.Max(m => m.EndedAt),
            },

            // The setup logs are read after the dump, each streamed once (SETUPLOG.md: they can be hundreds of MB).
            SetupLogs = [.. options.SetupLogs.Select(path => SetupLogs.SetupLogReading.Read(path, options.SetupRun))],
        };

        var findings = Evaluate(model, options);
        var inputs = set.Inputs.Zip(readings, manifests).Select(t => (i: t.First, reading: t.Second, manifest: t.Third)).Select(x => new InputReport
        {
            Path = x.i.Source.DisplayName,
            Format = x.i.Format?.ToName(),
            Dialect = x.i.Dialect.ToName(),
            Encoding = x.i.Encoding,
            Sha256 = x.i.Sha256,
            Bytes = x.i.FileBytes,
            Entries = x.i.Statistics?.Entries ?? 0,
            Duplicates = x.i.DuplicateEntries,
            Errors = x.i.Errors,
            ReadErrors = x.reading.ReadErrors,
            Warnings = (x.i.Statistics?.Warnings ?? 0) + (x.manifest.Problem is null ? 0 : 1),
            Complete = x.i.Statistics?.Complete ?? false,
            Diagnostics = [.. x.i.Diagnostics, .. x.manifest.Problem is { } p ? [p] : Array.Empty<DumpDiagnostic>()],
            Collection = x.manifest.Manifest,
            Capture = x.i.Capture,
            CollectedBy = x.manifest.Manifest is { } m ? InputReport.Describe(m) : x.i.Capture?.Summary(),
        }).ToImmutableArray();

        return new AnalysisResult
        {
            Forest = model,
            Findings = findings,
            Rules = RuleCatalog.Descriptors,
            Inputs = inputs,
            Entries = set.Inputs.Sum(i => i.UniqueEntries),
            ReadInParts = inParts,
        };
    }

    /// <summary>Reads the set into a model builder: in two parts on two cores when it is one large file, else in order.</summary>
    private static (ForestModelBuilder Builder, bool InParts) Read(DumpSetReader set, AnalysisOptions options, Action<string, long>? onRecord,
        Recipients.IUnstampedRecipientSink? unstamped)
    {
        // A builder per part, joined in file order: the same model as one builder over the file. The recipients listed
        // (--recipients) go to a spool per part and reach the caller's sink in file order once the parts are joined.
        var spools = unstamped is null ? null : OpenPartSpools(options);
        try
        {
            if ((unstamped is null || spools is not null)
                && set.TryReadInParts(() => spools?.NewBuilder() ?? new ForestModelBuilder(), out var parts,
                    (input, bytes) => onRecord?.Invoke(input.Source.DisplayName, bytes), cutAt: options.PartsCutAt))
            {
                var whole = parts[0].Sink;
                foreach (var part in parts.Skip(1))
                {
                    whole.Append(part.Sink, part.LineOffset);
                }

                spools?.CopyInto(parts, whole, unstamped!);
                return (whole, true);
            }
        }
        finally
        {
            spools?.Dispose();
        }

        return ReadInOrder(set, options, onRecord, unstamped);
    }

    /// <summary>The spools of a read in parts that lists recipients; null (read in one piece) where they cannot be created.</summary>
    private static Recipients.RecipientPartSpools? OpenPartSpools(AnalysisOptions options)
    {
        try
        {
            return new Recipients.RecipientPartSpools(options.SpoolFolder ?? Path.GetTempPath());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (ForestModelBuilder Builder, bool InParts) ReadInOrder(DumpSetReader set, AnalysisOptions options, Action<string, long>? onRecord,
        Recipients.IUnstampedRecipientSink? unstamped)
    {
        var builder = new ForestModelBuilder(unstamped);

        // With a core to spare, one parses (DumpSetReadAhead) while this one builds the model: the same records in the same order.
        if (options.UsesReadAhead && DumpSetReadAhead.IsUseful)
        {
            DumpSetReadAhead.ForEach(set, (record, input, bytes) =>
            {
                builder.Add(record);
                onRecord?.Invoke(input.Source.DisplayName, bytes);
            });
        }
        else
        {
            while (set.Read())
            {
                builder.Add(set.Current);
                onRecord?.Invoke(set.CurrentInput.Source.DisplayName, set.CurrentInput.Statistics?.Bytes ?? 0);
            }
        }

        return (builder, false);
    }

    /// <summary>Runs every rule over a model and applies overrides and suppressions (also used by tests on hand-built models).</summary>
    public static ImmutableArray<Finding> Evaluate(ForestModel model, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var context = new RuleContext();
        var findings = new List<Finding>();
        foreach (var rule in RuleCatalog.All)
        {
            foreach (var finding in rule.Evaluate(model, context))
            {
                findings.Add(Configure(finding, rule.Descriptor, options));
            }
        }

        return [.. findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Subject, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.MessageId, StringComparer.Ordinal)
            .ThenBy(f => string.Join("\u0001", f.Arguments), StringComparer.Ordinal)];
    }

    private static Finding Configure(Finding finding, RuleDescriptor rule, AnalysisOptions options)
    {
        if (finding.Kind == FindingKind.Fail
            && (options.SeverityOverrides.TryGetValue(rule.Id, out var severity) || options.SeverityOverrides.TryGetValue(rule.Name, out severity)))
        {
            finding = finding with { Severity = severity };
        }

        var subject = DnKey.Of(finding.Subject);
        var matching = options.Suppressions.Where(s =>
            (string.Equals(s.RuleId, rule.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(s.RuleId, rule.Name, StringComparison.OrdinalIgnoreCase))
            && (s.Subject is null || DnKey.Of(s.Subject) == subject)).ToList();
        var active = matching.FirstOrDefault(s => s.Expires is null || s.Expires.Value >= options.Today);
        if (active is not null)
        {
            return finding with { SuppressedBecause = active.Reason };
        }

        // An expired suppression no longer applies; say so, so nobody wonders why a suppressed finding is back.
        var expired = matching.Where(s => s.Expires is not null).MaxBy(s => s.Expires);
        return expired is null ? finding : finding with { SuppressionExpired = expired.Expires };
    }

    private static ForestModel Exclude(ForestModel model, ImmutableArray<string> excluded)
    {
        if (excluded.IsEmpty)
        {
            return model;
        }

        var keys = excluded.Select(DnKey.Of).ToHashSet();
        bool IsExcluded(DomainInfo d) => keys.Contains(d.Key)
            || excluded.Any(x => string.Equals(x, d.DnsName, StringComparison.OrdinalIgnoreCase) || string.Equals(x, d.NetbiosName, StringComparison.OrdinalIgnoreCase));
        var kept = model.Domains.Where(d => !IsExcluded(d)).ToImmutableArray();
        var gone = model.Domains.Where(IsExcluded).Select(d => d.Key).ToHashSet();
        return model with
        {
            Domains = kept,
            ExcludedDomains = [.. model.Domains.Where(IsExcluded).Select(d => d.Dn)],
            RusInstances = [.. model.RusInstances.Where(r => r.DomainLinkKey is not { } link || !gone.Contains(link))],
        };
    }

    /// <summary>The collector's manifest beside a plain file input (<c>FILE.manifest.json</c>); a broken one is a warning on the input.</summary>
    private static (CollectionManifest? Manifest, DumpDiagnostic? Problem) Manifest(DumpInputSummary input)
    {
        var source = input.Source;
        if (!string.Equals(source.DisplayName, source.Path, StringComparison.Ordinal) || !File.Exists(source.Path))
        {
            return (null, null); // an archive member or a stream: no manifest beside it
        }

        try
        {
            return (CollectionManifestFile.ReadBeside(source.Path), null);
        }
        catch (Exception ex) when (ex is ManifestFormatException or IOException or UnauthorizedAccessException)
        {
            return (null, new DumpDiagnostic(new DumpPosition(CollectionManifestFile.PathFor(source.DisplayName), 0, 0), DiagnosticCodes.InputManifestInvalid,
                $"the collector's manifest beside this dump cannot be read, so what the collection missed is unknown: {ex.Message}"));
        }
    }

    private static InputReading Reading(DumpInputSummary input) => new(
        Path.GetFileName(input.Source.DisplayName.Replace("!/", "/", StringComparison.Ordinal)),
        input.Statistics is null ? input.Diagnostics.FirstOrDefault()?.Message ?? "unknown error" : null,
        input.Statistics?.RejectedRecords ?? 0,
        input.Errors,
        input.Statistics?.Complete ?? false,
        [.. input.Diagnostics],
        input.Statistics?.FailedSearchCount ?? 0,
        [.. input.Statistics?.FailedSearches ?? []],
        input.Statistics?.SearchUnfinished ?? false);
}
