using System.Text.Json;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Cli.Commands;

namespace RusSnapshot.Cli.Tests;

public sealed class RulesCommandTests
{
    [Fact]
    public void Lists_every_rule()
    {
        var r = CliRunner.Run("rules");

        Assert.Equal(0, r.ExitCode);
        foreach (var d in RuleCatalog.Descriptors)
        {
            Assert.Contains(d.Id, r.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Explains_one_rule_by_id_or_name_in_french_too()
    {
        var byId = CliRunner.Run("rules", "RSN2001");
        var byName = CliRunner.Run("rules", "domainwithoutrus");
        var fr = CliRunner.Run("rules", "RSN2001", "--lang", "fr");

        Assert.Equal(byId.Output, byName.Output);
        Assert.Contains("Recipient Update Services", byId.Output, StringComparison.Ordinal);
        Assert.Contains("derived", byId.Output, StringComparison.Ordinal);
        Assert.Contains("service de mise à jour de destinataire", fr.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_rule_is_a_usage_error()
    {
        var r = CliRunner.Run("rules", "RSN9999");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no rule 'RSN9999'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_catalog_names_every_rule_with_its_help_page()
    {
        var r = CliRunner.Run("rules", "--format", "json");

        using var doc = JsonDocument.Parse(r.Output);
        var rules = doc.RootElement.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.Descriptors.Length, rules.Count);
        Assert.All(rules, x => Assert.StartsWith("docs/rules/RSN", x.GetProperty("helpUri").GetString(), StringComparison.Ordinal));
        Assert.All(rules, x => Assert.NotEmpty(x.GetProperty("summary").GetString()!));
    }

    [Fact]
    public void Generated_docs_are_current()
    {
        var stale = RuleDocs.Changes(RepoRoot());

        Assert.True(stale.Count == 0,
            $"Not what the rule catalog generates: {string.Join(", ", stale.Select(c => c.Path))}. From the repository root, run: {RuleDocs.Command}");
    }

    [Fact]
    public void A_rule_page_is_what_rules_ID_format_md_prints()
    {
        foreach (var d in RuleCatalog.Descriptors)
        {
            var r = CliRunner.Run("rules", d.Id, "--format", "md");

            Assert.Equal(0, r.ExitCode);
            Assert.Equal(File.ReadAllText(Path.Combine(RepoRoot(), "docs", "rules", d.Id + ".md")), r.Output);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(RepoRoot(), "docs", "rules", "README.md")), CliRunner.Run("rules", "--format", "md").Output);
    }

    [Fact]
    public void Write_docs_regenerates_pages_index_and_readme_table_and_nothing_else()
    {
        using var repo = new TempFolder();
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        var stale = readme.Replace("| [RSN2001]", "| [RSN2001] hand-edited", StringComparison.Ordinal);
        repo.Write("README.md", stale);
        repo.Write("docs/rules/RSN2001.md", "out of date\n");
        repo.Write("docs/rules/RSN9999.md", "a rule the catalog does not have\n");
        var ranges = repo.Write("docs/rules/id-ranges.txt", "kept as it is\n");
        var notes = repo.Write("docs/rules/notes.md", "not generated\n");

        var r = CliRunner.Run("rules", "--write-docs", repo.Path);

        Assert.Equal(0, r.ExitCode);
        Assert.Empty(RuleDocs.Changes(repo.Path));
        Assert.Equal(readme, File.ReadAllText(Path.Combine(repo.Path, "README.md")));
        Assert.False(File.Exists(Path.Combine(repo.Path, "docs", "rules", "RSN9999.md")));
        Assert.Equal("kept as it is\n", File.ReadAllText(ranges));
        Assert.Equal("not generated\n", File.ReadAllText(notes));
        Assert.Contains("deleted docs/rules/RSN9999.md", r.Output, StringComparison.Ordinal);
        Assert.Contains("wrote README.md", r.Output, StringComparison.Ordinal);
        Assert.Contains("The rule docs are current.", CliRunner.Run("rules", "--write-docs", repo.Path).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_docs_needs_a_readme_with_the_markers_and_writes_nothing_without()
    {
        using var repo = new TempFolder();
        repo.Write("README.md", "# A README without the rule table markers\n");

        var r = CliRunner.Run("rules", "--write-docs", repo.Path);
        var withId = CliRunner.Run("rules", "RSN2001", "--write-docs", repo.Path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(RuleDocs.Begin, r.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(repo.Path, "docs")));
        Assert.Equal(2, withId.ExitCode);
    }

    [Fact]
    public void Readme_table_links_each_rule_to_its_page_with_what_it_finds()
    {
        var table = RuleDocs.ReadmeTable();

        Assert.Contains("| [RSN2001](docs/rules/RSN2001.md) | DomainWithoutRus | error | a prepared domain,", table, StringComparison.Ordinal);
        Assert.Equal(RuleCatalog.Descriptors.Length + 2, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RusSnapshot.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
