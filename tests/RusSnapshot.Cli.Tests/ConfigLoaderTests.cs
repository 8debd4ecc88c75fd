using System.Text.Json.Nodes;
using NJsonSchema;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Cli.Configuration;
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
        Assert.Equal(new[] { "md", "json", "html" }, config.Formats.ToArray());
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
    public void Errors_name_file_line_and_column(string yaml, int line, int column, string message)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "rusnapshot.yaml"));

        Assert.Equal((line, column), ((int)ex.Line, (int)ex.Column));
        Assert.StartsWith($"rusnapshot.yaml:{line}:{column}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
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
