using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Cli.Options;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Cli.Configuration;

/// <summary>
/// Reads the YAML configuration from YamlDotNet's event stream (<see cref="ConfigYaml"/>: no aliases, bounded depth
/// and size), so every node keeps its position and every error reads <c>rusnapshot.yaml:14:3: ...</c>. Unknown keys
/// are errors: a typo must not silently do nothing. Values in messages are quoted short (<see cref="ConsoleText.Quote"/>).
/// </summary>
internal static class ConfigLoader
{
    private static readonly string[] TopLevel = ["severity", "suppressions", "excludeDomains", "report", "encoding"];
    private static readonly string[] SuppressionKeys = ["rule", "subject", "reason", "expires"];
    private static readonly string[] ReportKeys = ["formats", "lang", "failOn"];

    public static RusSnapshotConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = ReadBounded(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, 0, $"cannot read the configuration: {ex.Message}");
        }

        return Parse(text, path);
    }

    public static RusSnapshotConfig Parse(string yaml, string file)
    {
        var rootNode = ConfigYaml.Read(yaml, file);
        if (rootNode is null or ConfigScalar { Value: null or "" })
        {
            return new RusSnapshotConfig();
        }

        var root = Expect<ConfigMapping>(rootNode, file, "a mapping of settings (severity, suppressions, excludeDomains, report)");
        CheckKeys(root, TopLevel, file);
        var config = new RusSnapshotConfig();
        foreach (var (keyNode, value) in root.Entries)
        {
            switch (((ConfigScalar)keyNode).Value)
            {
                case "severity":
                    config = config with { SeverityOverrides = ParseSeverities(value, file) };
                    break;
                case "suppressions":
                    config = config with { Suppressions = [.. Expect<ConfigSequence>(value, file, "a list of suppressions").Items.Select(n => ParseSuppression(n, file))] };
                    break;
                case "excludeDomains":
                    config = config with { ExcludedDomains = [.. Expect<ConfigSequence>(value, file, "a list of domains (DNS names or DNs)").Items.Select(n => Scalar(n, file, "a domain"))] };
                    break;
                case "encoding":
                    config = config with { Encoding = ParseEncoding(value, file) };
                    break;
                case "report":
                    config = ParseReport(config, value, file);
                    break;
            }
        }

        return config;
    }

    /// <summary>The file as text, refused past <see cref="ConfigYaml.MaxLength"/> bytes without reading further (a FIFO, /dev/zero).</summary>
    private static string ReadBounded(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[ConfigYaml.MaxLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > ConfigYaml.MaxLength)
        {
            throw ConfigYaml.TooLarge(path);
        }

        // As File.ReadAllText: UTF-8 unless a byte order mark says UTF-16 or UTF-32.
        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static ImmutableDictionary<string, Severity> ParseSeverities(ConfigNode node, string file)
    {
        var map = Expect<ConfigMapping>(node, file, "a mapping from rule id or name to error, warning or info");
        var result = ImmutableDictionary.CreateBuilder<string, Severity>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in map.Entries)
        {
            var rule = Scalar(key, file, "a rule id or name");
            var descriptor = RuleCatalog.Find(rule) ?? throw At(key, file, $"unknown rule {ConsoleText.Quote(rule)} (run 'russnap rules' for the list)");
            if (result.ContainsKey(descriptor.Id))
            {
                throw At(key, file, $"rule {descriptor.Id} ({descriptor.Name}) is given twice");
            }

            var text = Scalar(value, file, "error, warning or info");
            if (!SeverityNames.TryParse(text, out var severity))
            {
                throw At(value, file, $"unknown severity {ConsoleText.Quote(text)}: expected error, warning or info");
            }

            result[descriptor.Id] = severity;
        }

        return result.ToImmutable();
    }

    private static Suppression ParseSuppression(ConfigNode node, string file)
    {
        var map = Expect<ConfigMapping>(node, file, "a suppression: rule, reason, and optionally subject and expires");
        CheckKeys(map, SuppressionKeys, file);
        string? rule = null, subject = null, reason = null;
        DateOnly? expires = null;
        foreach (var (key, value) in map.Entries)
        {
            switch (((ConfigScalar)key).Value)
            {
                case "rule":
                    rule = Scalar(value, file, "a rule id or name");
                    if (RuleCatalog.Find(rule) is null)
                    {
                        throw At(value, file, $"unknown rule {ConsoleText.Quote(rule)} (run 'russnap rules' for the list)");
                    }

                    break;
                case "subject":
                    subject = Scalar(value, file, "the DN of the finding's subject");
                    break;
                case "reason":
                    // "reason: ~" or "reason:" is YAML's null, not a reason; nor is a blank one.
                    reason = value is ConfigScalar { Value: { } r } && !string.IsNullOrWhiteSpace(r)
                        ? r
                        : throw At(value, file, "a suppression needs a 'reason' (text): suppressed findings stay in the report with it");
                    break;
                case "expires":
                    var text = Scalar(value, file, "a date (YYYY-MM-DD)");
                    if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        throw At(value, file, $"{ConsoleText.Quote(text)} is not a date: expected YYYY-MM-DD");
                    }

                    expires = date;
                    break;
            }
        }

        if (rule is null)
        {
            throw At(node, file, "a suppression needs 'rule'");
        }

        if (reason is null)
        {
            throw At(node, file, "a suppression needs a 'reason': suppressed findings stay in the report with it");
        }

        return new Suppression(RuleCatalog.Find(rule)!.Id, subject, reason, expires);
    }

    private static string ParseEncoding(ConfigNode node, string file)
    {
        var name = Scalar(node, file, "an encoding name such as windows-1252");
        try
        {
            DumpEncodings.Resolve(name);
            return name;
        }
        catch (ArgumentException)
        {
            throw At(node, file, $"unknown encoding {ConsoleText.Quote(name)}: use a name such as utf-8, utf-16le or windows-1252");
        }
    }

    private static RusSnapshotConfig ParseReport(RusSnapshotConfig config, ConfigNode node, string file)
    {
        var map = Expect<ConfigMapping>(node, file, "report options: formats, lang, failOn");
        CheckKeys(map, ReportKeys, file);
        foreach (var (key, value) in map.Entries)
        {
            switch (((ConfigScalar)key).Value)
            {
                case "formats":
                    var formats = ImmutableArray.CreateBuilder<ReportFormat>();
                    foreach (var item in Expect<ConfigSequence>(value, file, "a list of formats (md, json, html)").Items)
                    {
                        var name = Scalar(item, file, Vocabulary.FormatNames);
                        if (!Vocabulary.TryFormat(name, out var format))
                        {
                            throw At(item, file, $"unknown report format {ConsoleText.Quote(name)}: expected {Vocabulary.FormatNames}");
                        }

                        if (!formats.Contains(format))
                        {
                            formats.Add(format);
                        }
                    }

                    config = config with { Formats = formats.ToImmutable() };
                    break;
                case "lang":
                    var lang = Scalar(value, file, Vocabulary.LanguageNames);
                    config = config with
                    {
                        Language = Vocabulary.TryLanguage(lang, out var language)
                            ? language
                            : throw At(value, file, $"unknown language {ConsoleText.Quote(lang)}: expected {Vocabulary.LanguageNames}"),
                    };
                    break;
                case "failOn":
                    var text = Scalar(value, file, Vocabulary.FailOnNames);
                    config = config with
                    {
                        FailOn = Vocabulary.TryFailOn(text, out var failOn)
                            ? failOn
                            : throw At(value, file, $"unknown failOn {ConsoleText.Quote(text)}: expected {Vocabulary.FailOnNames}"),
                    };
                    break;
            }
        }

        return config;
    }

    private static void CheckKeys(ConfigMapping map, string[] allowed, string file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in map.Entries.Select(e => e.Key))
        {
            var name = Scalar(key, file, "a setting name");
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw At(key, file, $"unknown setting {ConsoleText.Quote(name)}: expected one of {string.Join(", ", allowed)}");
            }

            if (!seen.Add(name))
            {
                throw At(key, file, $"{ConsoleText.Quote(name)} is given twice");
            }
        }
    }

    private static T Expect<T>(ConfigNode node, string file, string expected)
        where T : ConfigNode =>
        node as T ?? throw At(node, file, $"expected {expected}");

    private static string Scalar(ConfigNode node, string file, string expected) =>
        node is ConfigScalar { Value: { } v } ? v : throw At(node, file, $"expected {expected}");

    private static ConfigException At(ConfigNode node, string file, string message) =>
        new(file, node.Start.Line, node.Start.Column, message);
}
