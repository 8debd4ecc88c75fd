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
    }

    [Fact]
    public void Documentation_pages_match_the_catalog()
    {
        // Regenerate with: for id in $(russnap rules | grep -o '^RSN[0-9]*'); do russnap rules $id --format md > docs/rules/$id.md; done
        foreach (var d in RuleCatalog.Descriptors)
        {
            var page = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "rules", d.Id + ".md"));
            Assert.Equal(RulesCommand.Explain(d, ReportLanguage.En), page);
        }
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
