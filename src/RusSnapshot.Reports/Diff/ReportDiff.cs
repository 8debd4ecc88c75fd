using System.Collections.Immutable;
using System.Globalization;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Dumps;

namespace RusSnapshot.Reports.Diff;

/// <summary>
/// Compares two analyses: failures fixed, new and unchanged by fingerprint (rule id and canonical subject, so a
/// severity or wording change is not a fix), and the forest changes that explain them, matched by DN key.
/// </summary>
public static class ReportDiff
{
    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static DiffDocument Compare(DiffSide before, DiffSide after, ReportTool tool, ReportLanguage language, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = ForestChanges(before, after);

        // A fingerprint is unique within one analysis; the first copy wins should a hand-edited report repeat one.
        var was = Active(before);
        var now = Active(after);
        var fixedOnes = was.Values.Where(f => !now.ContainsKey(f.Fingerprint)).Select(f => Entry(f, null, changes));
        var newOnes = now.Values.Where(f => !was.ContainsKey(f.Fingerprint)).Select(f => Entry(f, null, changes));
        var unchanged = now.Values.Where(f => was.ContainsKey(f.Fingerprint))
            .Select(f => Entry(f, was[f.Fingerprint].Severity is var s && s != f.Severity ? s : null, changes));

        return new DiffDocument
        {
            Tool = tool,
            GeneratedAt = generatedAt,
            Language = language,
            Before = before,
            After = after,
            Fixed = Ordered(fixedOnes),
            New = Ordered(newOnes),
            Unchanged = Ordered(unchanged),
            Changes = changes,
        };
    }

    private static Dictionary<string, DiffFinding> Active(DiffSide side)
    {
        var map = new Dictionary<string, DiffFinding>(StringComparer.Ordinal);
        foreach (var f in side.Findings.Where(f => f.IsActive))
        {
            map.TryAdd(f.Fingerprint, f);
        }

        return map;
    }

    private static ImmutableArray<DiffEntry> Ordered(IEnumerable<DiffEntry> entries) =>
        [.. entries.OrderBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Fingerprint, StringComparer.Ordinal)];

    private static DiffEntry Entry(DiffFinding f, Analysis.Rules.Severity? previous, ImmutableArray<ForestChange> changes)
    {
        var subject = DnKey.Of(f.Subject);
        var explaining = ImmutableArray.CreateBuilder<int>();
        for (var i = 0; i < changes.Length; i++)
        {
            var c = changes[i];
            if (!subject.IsEmpty && (DnKey.Of(c.Subject) == subject || c.Related.Any(r => DnKey.Of(r) == subject)))
            {
                explaining.Add(i);
            }
        }

        return new DiffEntry(f.Fingerprint, f.RuleId, f.Name, f.Severity, previous, f.Subject, f.Message, explaining.ToImmutable());
    }

    private static ImmutableArray<ForestChange> ForestChanges(DiffSide before, DiffSide after)
    {
        var changes = new List<ForestChange>();

        Match(before.Domains, after.Domains, d => d.Dn, changes,
            added: d => new(ForestChangeKind.DomainAdded, d.Dn, d.Label, null, null, []),
            removed: d => new(ForestChangeKind.DomainRemoved, d.Dn, d.Label, null, null, []),
            both: (b, a) =>
            {
                var found = new List<ForestChange>();
                if (b.Covered != a.Covered)
                {
                    found.Add(new(a.Covered ? ForestChangeKind.DomainCovered : ForestChangeKind.DomainUncovered, a.Dn, a.Label, null, null, []));
                }

                if (b.Unstamped is { } u0 && a.Unstamped is { } u1 && u0 != u1)
                {
                    found.Add(new(ForestChangeKind.UnstampedChanged, a.Dn, a.Label, Count(u0), Count(u1), []));
                }

                return found;
            });

        Match(before.RusInstances, after.RusInstances, r => r.Dn, changes,
            added: r => new(ForestChangeKind.RusAdded, r.Dn, r.Name, null, Target(r), Related(r)),
            removed: r => new(ForestChangeKind.RusRemoved, r.Dn, r.Name, Target(r), null, Related(r)),
            both: (b, a) => SameKey(b.DomainLink, a.DomainLink) && SameKey(b.ServerLink, a.ServerLink)
                ? []
                : [new(ForestChangeKind.RusRepointed, a.Dn, a.Name, Target(b), Target(a), [.. Related(b).Concat(Related(a)).Distinct(StringComparer.Ordinal)])]);

        Match(before.Servers, after.Servers, s => s.Dn, changes,
            added: s => new(ForestChangeKind.ServerAdded, s.Dn, s.Name, null, s.Version, []),
            removed: s => new(ForestChangeKind.ServerRemoved, s.Dn, s.Name, s.Version, null, []),
            both: (b, a) => string.Equals(b.Version, a.Version, StringComparison.Ordinal)
                ? []
                : [new(ForestChangeKind.ServerVersionChanged, a.Dn, a.Name, b.Version, a.Version, [])]);

        return [.. changes.OrderBy(c => c.Kind).ThenBy(c => DnKey.Of(c.Subject).Canonical, StringComparer.Ordinal)];
    }

    /// <summary>Pairs the items of both sides by DN key and reports what was added, removed or changed.</summary>
    private static void Match<T>(
        ImmutableArray<T> before, ImmutableArray<T> after, Func<T, string> dn, List<ForestChange> changes,
        Func<T, ForestChange> added, Func<T, ForestChange> removed, Func<T, T, IEnumerable<ForestChange>> both)
    {
        var old = new Dictionary<DnKey, T>();
        foreach (var item in before)
        {
            old.TryAdd(DnKey.Of(dn(item)), item);
        }

        var seen = new HashSet<DnKey>();
        foreach (var item in after)
        {
            var key = DnKey.Of(dn(item));
            if (!seen.Add(key))
            {
                continue;
            }

            if (old.TryGetValue(key, out var previous))
            {
                changes.AddRange(both(previous, item));
            }
            else
            {
                changes.Add(added(item));
            }
        }

        changes.AddRange(old.Where(o => !seen.Contains(o.Key)).Select(o => removed(o.Value)));
    }

    private static bool SameKey(string? a, string? b) =>
        a is null ? b is null : b is not null && DnKey.Of(a) == DnKey.Of(b);

    /// <summary>What a RUS instance serves and where it runs, as one readable value.</summary>
    private static string Target(DiffRus r) =>
        $"{(r.Enterprise ? "Enterprise" : r.DomainLink ?? "-")} @ {r.ServerName ?? r.ServerLink ?? "-"}";

    private static ImmutableArray<string> Related(DiffRus r) =>
        [.. new[] { r.DomainLink, r.ServerLink }.OfType<string>()];

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
