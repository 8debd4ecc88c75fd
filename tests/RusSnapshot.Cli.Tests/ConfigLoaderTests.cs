using System.Text.Json.Nodes;
using NJsonSchema;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Cli.Configuration;
using RusSnapshot.Cli.Options;
using YamlDotNet.RepresentationModel;

namespace RusSnapshot.Cli.Tests;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Example_configuration_loads()
    {
        var config = ConfigLoader.Load(Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "rusnapshot.example.yaml"));

        Assert.Equal(Severity.Error, config.SeverityOverrides["RSN2007"]);
        Assert.Equal(Severity.Info, config.SeverityOverrides["RSN2006"]);
        var s = Assert.Single(config.Suppressions);
        Assert.Equal(("RSN2001", "DC=lab,DC=contoso,DC=test", new DateOnly(2027, 3, 31)), (s.RuleId, s.Subject, s.Expires));
        Assert.Equal(new[] { "test.contoso.test" }, config.ExcludedDomains.ToArray());
        Assert.Equal(new[] { ReportFormat.Markdown, ReportFormat.Json, ReportFormat.Html }, config.Formats.ToArray());
    }

    [Fact]
    public async Task Example_configuration_validates_against_the_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RulesCommandTests.RepoRoot(), "schemas", "config.schema.json"));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RulesCommandTests.RepoRoot(), "fixtures", "rusnapshot.example.yaml"))));

        var errors = schema.Validate(ToJson(yaml.Documents[0].RootNode)!.ToJsonString());

        Assert.Empty(errors);
        Assert.NotEmpty(schema.Validate("""{"bogus": 1}"""));
    }

    [Theory]
    [InlineData("severity:\n  RSN9999: error\n", 2, 3, "unknown rule 'RSN9999'")]
    [InlineData("severity:\n  RSN2001: fatal\n", 2, 12, "unknown severity 'fatal'")]
    [InlineData("suppressions:\n  - rule: RSN2001\n", 2, 5, "needs a 'reason'")]
    [InlineData("suppressions:\n  - rule: RSN2001\n    reason: ok\n    expires: tomorrow\n", 4, 14, "is not a date")]
    [InlineData("reprot:\n  lang: fr\n", 1, 1, "unknown setting 'reprot'")]
    [InlineData("report:\n  formats: [pdf]\n", 2, 13, "unknown report format 'pdf'")]
    [InlineData("severity: [a\n", 2, 1, "")]
    [InlineData("severity:\n  RSN2001: error\n  DomainWithoutRus: info\n", 3, 3, "given twice")]
    [InlineData("encoding: klingon\n", 1, 11, "unknown encoding 'klingon'")]
    [InlineData("suppressions:\n  - rule: RSN2001\n    reason: ~\n", 3, 13, "needs a 'reason'")]
    [InlineData("suppressions:\n  - rule: RSN2001\n    reason: \"  \"\n", 3, 13, "needs a 'reason'")]
    [InlineData("suppressions:\n  - rule: RSN2001\n    reason:\n", 3, 12, "needs a 'reason'")]
    [InlineData("report:\n  lang: fr\n---\nreport:\n  lang: en\n", 3, 1, "second YAML document")]
    [InlineData("a: &x [1]\nb: *x\n", 2, 4, "aliases")]
    [InlineData("report:\n  failOn: sometimes\n", 2, 11, "unknown failOn 'sometimes': expected error, warning or never")]
    public void Errors_name_file_line_and_column(string yaml, int line, int column, string message)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "rusnapshot.yaml"));

        Assert.Equal((line, column), ((int)ex.Line, (int)ex.Column));
        Assert.StartsWith($"rusnapshot.yaml:{line}:{column}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Billion_laughs_is_refused_at_once()
    {
        var yaml = new System.Text.StringBuilder("a0: &a0 [lol]\n");
        for (var i = 1; i < 30; i++)
        {
            yaml.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        yaml.Append("? *a29\n: x\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml.ToString(), "x.yaml"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal((2, 10), ((int)ex.Line, (int)ex.Column));
        Assert.Contains("aliases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_overflowing_the_stack()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("severity: " + new string('[', 60_000), "x.yaml"));

        Assert.StartsWith("x.yaml:1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_values_are_refused_and_never_echoed_whole()
    {
        var huge = new string('x', 900_000);

        var scalar = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("severity:\n  RSN2001: " + huge + "\n", "x.yaml"));
        var key = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("severity:\n  " + new string('y', 200) + ": error\n", "x.yaml"));

        Assert.True(scalar.Message.Length < 300, scalar.Message);
        Assert.StartsWith("x.yaml:2:12: ", scalar.Message, StringComparison.Ordinal);
        Assert.True(key.Message.Length < 300, key.Message);
        Assert.Contains("unknown rule 'yyyy", key.Message, StringComparison.Ordinal);
        Assert.Contains("…'", key.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"russnap-big-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "# " + new string('x', 1024 * 1024) + "\n");
        try
        {
            var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

            Assert.Contains("larger than 1 MiB", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Empty_file_is_an_empty_configuration()
    {
        Assert.Empty(ConfigLoader.Parse("", "x.yaml").Suppressions);
        Assert.Empty(ConfigLoader.Parse("# nothing\n", "x.yaml").Suppressions);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(ToJson).ToArray()),
        YamlScalarNode v => JsonValue.Create(v.Value),
        _ => null,
    };
}
