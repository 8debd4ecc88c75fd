using System.Text.RegularExpressions;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Analysis.Tests;

/// <summary>Invariants of the catalog (roslyn-analyzers' habit): ids, ranges, texts, fixtures, docs.</summary>
public sealed partial class RuleCatalogTests
{
    [Fact]
    public void Ids_are_unique_well_formed_in_their_category_range_and_differ_from_names()
    {
        var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var d in RuleCatalog.Descriptors)
        {
            Assert.Matches("^RSN[1-4][0-9]{3}$", d.Id);
            Assert.NotEqual(d.Id, d.Name);
            var range = d.Category switch
            {
                RuleCategory.DumpHealth => '1',
                RuleCategory.Rus => '2',
                RuleCategory.ExchangeServers => '3',
                _ => '4',
            };
            Assert.Equal(range, d.Id[3]);
        }
    }

    [Fact]
    public void Every_id_lies_in_its_category_range_in_id_ranges_txt()
    {
        // The file records every id ever taken (so that a retired one is never reused): a new rule extends its range.
        var ranges = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "rules", "id-ranges.txt"))
            .Select(line => RangeLine().Match(line))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["category"].Value, m => (From: m.Groups["from"].Value, To: m.Groups["to"].Value), StringComparer.Ordinal);
        foreach (var d in RuleCatalog.Descriptors)
        {
            Assert.True(
                ranges.TryGetValue(d.Category.ToString(), out var range)
                    && string.CompareOrdinal(range.From, d.Id) <= 0 && string.CompareOrdinal(d.Id, range.To) <= 0,
                $"{d.Id} ({d.Category}) is outside its category's range in docs/rules/id-ranges.txt: extend the range to it.");
        }
    }

    [Fact]
    public void Catalog_holds_every_rule_class_of_the_assembly_once_in_id_order()
    {
        var types = typeof(IRule).Assembly.GetTypes().Where(t => typeof(IRule).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface).ToList();
        Assert.Equal(types.Order(Comparer<Type>.Create((x, y) => string.CompareOrdinal(x.FullName, y.FullName))),
            RuleCatalog.All.Select(r => r.GetType()).Order(Comparer<Type>.Create((x, y) => string.CompareOrdinal(x.FullName, y.FullName))));
        Assert.Equal(RuleCatalog.Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal), RuleCatalog.Descriptors.Select(d => d.Id));
        Assert.Equal(RuleCatalog.Descriptors.Length, RuleCatalog.Descriptors.Select(d => d.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var rule in RuleCatalog.All)
        {
            Assert.Equal(rule.Descriptor.Name, rule.GetType().Name);
            Assert.Same(rule.Descriptor, rule.GetType().GetField("Rule")?.GetValue(null));
        }
    }

    [Fact]
    public void Rule_texts_match_the_declared_messages_in_every_language()
    {
        Assert.Empty(RuleTexts.Problems);
        var problems = RuleTextChecks.Problems(RuleCatalog.Descriptors, RuleTextChecks.Loaded());

        Assert.True(problems.Count == 0, "Rule texts and declarations disagree:\n" + string.Join("\n", problems));
        foreach (var d in RuleCatalog.Descriptors)
        {
            Assert.NotEmpty(d.Sources);
        }

        Assert.Contains("service de mise à jour de destinataire", RuleTexts.Title(ReportLanguage.Fr, RuleIds.DomainWithoutRus), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_has_fixtures_and_a_documentation_page()
    {
        foreach (var d in RuleCatalog.Descriptors)
        {
            var dir = Path.Combine(RepoPaths.Fixtures, "rules", $"{d.Id}.{d.Name}");
            Assert.True(Directory.Exists(dir), $"missing {dir}");
            Assert.NotEmpty(Directory.GetFileSystemEntries(dir, "valid*"));
            Assert.NotEmpty(Directory.GetFileSystemEntries(dir, "invalid*"));
            Assert.True(File.Exists(Path.Combine(dir, "notes.md")), $"missing notes.md in {dir}");
            var doc = Path.Combine(RepoPaths.Root, d.HelpUri);
            Assert.True(File.Exists(doc), $"missing {doc}");
            Assert.Contains(d.Id, File.ReadAllText(doc), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^RSN[1-9]xxx\s+(?<category>\w+)\s+(?<from>RSN[0-9]{4})-(?<to>RSN[0-9]{4})\s")]
    private static partial Regex RangeLine();
}
