using RusSnapshot.Cli.Commands;
using RusSnapshot.Synth;

namespace RusSnapshot.Cli.Tests;

/// <summary><c>russnap case new</c>: a dump becomes a case that <c>russnap case check</c> (and so the test suite) runs.</summary>
public sealed class CaseCommandTests
{
    [Fact]
    public void Case_new_turns_a_dump_into_a_case_that_case_check_passes()
    {
        using var temp = new TempFolder();
        var cases = Path.Combine(temp.Path, "cases");
        Directory.CreateDirectory(cases);
        var forest = Path.Combine(temp.Path, "customer");
        new ForestGenerator(new ForestSpec
        {
            Domains = 2, Users = 20, Groups = 2, Seed = 21, SplitByPartition = true, Encoding = SynthEncoding.Utf16LittleEndian,
            Faults = [SynthFault.Parse("missing-rus:child1")],
        }).Generate(forest);

        var run = CliRunner.Run("case", "new", "child-without-rus", forest, "--cases", cases, "--title", "child1.contoso.test has no RUS",
            "--description", "The customer's child domain child1 lost its Recipient Update Service.");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var dir = Path.Combine(cases, "child-without-rus");
        var spec = CaseSpec.Load(Path.Combine(dir, SupportCases.SpecFile));
        Assert.Equal(1, spec.ExitCode);
        Assert.Equal(["en", "fr"], spec.Languages);
        Assert.Single(spec.Findings, f => f.StartsWith("RSN2001 fail error DC=", StringComparison.Ordinal));
        Assert.Equal(3, spec.Inputs.Count);
        foreach (var ext in new[] { "md", "json", "html" })
        {
            Assert.True(File.Exists(Path.Combine(dir, $"report.en.verified.{ext}")));
            Assert.True(File.Exists(Path.Combine(dir, $"report.fr.verified.{ext}")));
        }

        // No name of the customer anywhere in the case: not in the dump, case.yaml (title and description included) or reports.
        foreach (var file in Directory.GetFiles(dir))
        {
            var text = File.ReadAllText(file).ToLowerInvariant() + System.Text.Encoding.Unicode.GetString(File.ReadAllBytes(file)).ToLowerInvariant();
            Assert.DoesNotContain("contoso", text, StringComparison.Ordinal);
            Assert.DoesNotContain("child1", text, StringComparison.Ordinal);
        }

        var yaml = File.ReadAllText(Path.Combine(dir, SupportCases.SpecFile));
        Assert.Contains("has no RUS", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(temp.Path, yaml, StringComparison.Ordinal);

        var check = CliRunner.Run("case", "check", cases);
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
        Assert.Contains("ok    child-without-rus", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetDirectories(cases), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void Case_new_refuses_an_id_that_is_not_one_folder_name(string id)
    {
        using var temp = new TempFolder();
        var input = Path.Combine(SupportCaseTests.CasesRoot, "healthy-ldapsearch", "configuration.ldif");
        var run = CliRunner.Run("case", "new", id, input, "--cases", temp.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Case_new_refuses_an_existing_case_and_a_missing_cases_folder()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(Path.Combine(temp.Path, "taken"));
        var input = Path.Combine(SupportCaseTests.CasesRoot, "healthy-ldapsearch", "configuration.ldif");

        var taken = CliRunner.Run("case", "new", "taken", input, "--cases", temp.Path);
        Assert.Equal(2, taken.ExitCode);
        Assert.Contains("exists already", taken.Error, StringComparison.Ordinal);

        var missing = CliRunner.Run("case", "new", "fresh", input, "--cases", Path.Combine(temp.Path, "nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such folder", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_scalars_read_back_as_written()
    {
        foreach (var value in new[] { "plain", "CN=A\\, B,DC=x", "a: b", "#x", "- y", "true", "12", "x #y", "quote \" and \\", "tab\tnew\nline", "[x]" })
        {
            var yaml = new YamlDotNet.RepresentationModel.YamlStream();
            yaml.Load(new StringReader("k: " + CaseCommand.Yaml(value) + "\nl: [" + CaseCommand.Yaml(value, flow: true) + "]\n"));
            var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
            Assert.Equal(value, ((YamlDotNet.RepresentationModel.YamlScalarNode)root.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("k")]).Value);
            var list = (YamlDotNet.RepresentationModel.YamlSequenceNode)root.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("l")];
            Assert.Equal(value, ((YamlDotNet.RepresentationModel.YamlScalarNode)list.Children[0]).Value);
        }
    }
}
