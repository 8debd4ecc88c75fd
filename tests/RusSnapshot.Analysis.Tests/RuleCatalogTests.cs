using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Analysis.Tests;

/// <summary>Invariants of the catalog (roslyn-analyzers' habit): ids, ranges, texts, fixtures, docs.</summary>
public sealed class RuleCatalogTests
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
    public void Every_rule_type_in_the_assembly_is_in_the_catalog_in_id_order()
    {
        var types = typeof(IRule).Assembly.GetTypes().Where(t => typeof(IRule).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface).ToList();
        Assert.Equal(types.Count, RuleCatalog.All.Length);
        Assert.Equal(RuleCatalog.Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal), RuleCatalog.Descriptors.Select(d => d.Id));
        foreach (var rule in RuleCatalog.All)
        {
            var file = rule.GetType().Name;
            Assert.Equal(rule.Descriptor.Name, file);
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
}
