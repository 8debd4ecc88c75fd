using System.Collections.Immutable;
using System.Globalization;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RusSnapshot.Cli.Configuration;

/// <summary>
/// Reads the YAML configuration with YamlDotNet's representation model, so every node keeps its position and
/// every error reads <c>rusnapshot.yaml:14:3: ...</c>. Unknown keys are errors: a typo must not silently do nothing.
/// </summary>
public static class ConfigLoader
{
    private static readonly string[] TopLevel = ["severity", "suppressions", "excludeDomains", "report", "encoding"];
    private static readonly string[] SuppressionKeys = ["rule", "subject", "reason", "expires"];
    private static readonly string[] ReportKeys = ["formats", "lang", "failOn"];
    private static readonly string[] KnownFormats = ["md", "markdown", "json", "html"];

    public static RusSnapshotConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, 0, $"cannot read the configuration: {ex.Message}");
        }

        return Parse(text, path);
    }

    public static RusSnapshotConfig Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException(file, ex.Start.Line, ex.Start.Column, ex.InnerException?.Message ?? ex.Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new RusSnapshotConfig();
        }

        var root = Expect<YamlMappingNode>(stream.Documents[0].RootNode, file, "a mapping of settings (severity, suppressions, excludeDomains, report)");
        CheckKeys(root, TopLevel, file);
        var config = new RusSnapshotConfig();
        foreach (var (keyNode, value) in root.Children)
        {
            switch (((YamlScalarNode)keyNode).Value)
            {
                case "severity":
                    config = config with { SeverityOverrides = ParseSeverities(value, file) };
                    break;
                case "suppressions":
                    config = config with { Suppressions = [.. Expect<YamlSequenceNode>(value, file, "a list of suppressions").Children.Select(n => ParseSuppression(n, file))] };
                    break;
                case "excludeDomains":
                    config = config with { ExcludedDomains = [.. Expect<YamlSequenceNode>(value, file, "a list of domains (DNS names or DNs)").Children.Select(n => Scalar(n, file, "a domain"))] };
                    break;
                case "encoding":
                    config = config with { Encoding = Scalar(value, file, "an encoding name such as windows-1252") };
                    break;
                case "report":
                    config = ParseReport(config, value, file);
                    break;
            }
        }

        return config;
    }

    private static ImmutableDictionary<string, Severity> ParseSeverities(YamlNode node, string file)
    {
        var map = Expect<YamlMappingNode>(node, file, "a mapping from rule id or name to error, warning or info");
        var result = ImmutableDictionary.CreateBuilder<string, Severity>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in map.Children)
        {
            var rule = Scalar(key, file, "a rule id or name");
            var descriptor = RuleCatalog.Find(rule) ?? throw At(key, file, $"unknown rule '{rule}' (run 'russnap rules' for the list)");
            if (result.ContainsKey(descriptor.Id))
            {
                throw At(key, file, $"rule {descriptor.Id} ({descriptor.Name}) is given twice");
            }

            var text = Scalar(value, file, "error, warning or info");
            if (!SeverityNames.TryParse(text, out var severity))
            {
                throw At(value, file, $"unknown severity '{text}': expected error, warning or info");
            }

            result[descriptor.Id] = severity;
        }

        return result.ToImmutable();
    }

    private static Suppression ParseSuppression(YamlNode node, string file)
    {
        var map = Expect<YamlMappingNode>(node, file, "a suppression: rule, reason, and optionally subject and expires");
        CheckKeys(map, SuppressionKeys, file);
        string? rule = null, subject = null, reason = null;
        DateOnly? expires = null;
        foreach (var (key, value) in map.Children)
        {
            switch (((YamlScalarNode)key).Value)
            {
                case "rule":
                    rule = Scalar(value, file, "a rule id or name");
                    if (RuleCatalog.Find(rule) is null)
                    {
                        throw At(value, file, $"unknown rule '{rule}' (run 'russnap rules' for the list)");
                    }

                    break;
                case "subject":
                    subject = Scalar(value, file, "the DN of the finding's subject");
                    break;
                case "reason":
                    reason = Scalar(value, file, "why the finding is accepted");
                    break;
                case "expires":
                    var text = Scalar(value, file, "a date (YYYY-MM-DD)");
                    if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        throw At(value, file, $"'{text}' is not a date: expected YYYY-MM-DD");
                    }

                    expires = date;
                    break;
            }
        }

        if (rule is null)
        {
            throw At(node, file, "a suppression needs 'rule'");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw At(node, file, "a suppression needs a 'reason': suppressed findings stay in the report with it");
        }

        return new Suppression(RuleCatalog.Find(rule)!.Id, subject, reason, expires);
    }

    private static RusSnapshotConfig ParseReport(RusSnapshotConfig config, YamlNode node, string file)
    {
        var map = Expect<YamlMappingNode>(node, file, "report options: formats, lang, failOn");
        CheckKeys(map, ReportKeys, file);
        foreach (var (key, value) in map.Children)
        {
            switch (((YamlScalarNode)key).Value)
            {
                case "formats":
                    var formats = Expect<YamlSequenceNode>(value, file, "a list of formats (md, json, html)").Children
                        .Select(n => (Node: n, Value: Scalar(n, file, "md, json or html"))).ToList();
                    foreach (var (n, f) in formats)
                    {
                        if (!KnownFormats.Contains(f, StringComparer.OrdinalIgnoreCase))
                        {
                            throw At(n, file, $"unknown report format '{f}': expected md, json or html");
                        }
                    }

                    config = config with { Formats = [.. formats.Select(f => f.Value.ToLowerInvariant())] };
                    break;
                case "lang":
                    var lang = Scalar(value, file, "en or fr");
                    if (!Analysis.Text.ReportLanguages.TryParse(lang, out _))
                    {
                        throw At(value, file, $"unknown language '{lang}': expected en or fr");
                    }

                    config = config with { Language = lang };
                    break;
                case "failOn":
                    var failOn = Scalar(value, file, "error, warning or never");
                    if (failOn is not ("error" or "warning" or "never"))
                    {
                        throw At(value, file, $"unknown failOn '{failOn}': expected error, warning or never");
                    }

                    config = config with { FailOn = failOn };
                    break;
            }
        }

        return config;
    }

    private static void CheckKeys(YamlMappingNode map, string[] allowed, string file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in map.Children.Keys)
        {
            var name = Scalar(key, file, "a setting name");
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw At(key, file, $"unknown setting '{name}': expected one of {string.Join(", ", allowed)}");
            }

            if (!seen.Add(name))
            {
                throw At(key, file, $"'{name}' is given twice");
            }
        }
    }

    private static T Expect<T>(YamlNode node, string file, string expected)
        where T : YamlNode =>
        node as T ?? throw At(node, file, $"expected {expected}");

    private static string Scalar(YamlNode node, string file, string expected) =>
        node is YamlScalarNode { Value: { } v } ? v : throw At(node, file, $"expected {expected}");

    private static ConfigException At(YamlNode node, string file, string message) =>
        new(file, node.Start.Line, node.Start.Column, message);
}
