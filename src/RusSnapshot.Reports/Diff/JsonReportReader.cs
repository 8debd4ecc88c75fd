using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using RusSnapshot.Analysis.Rules;

namespace RusSnapshot.Reports.Diff;

/// <summary>Reads a JSON report written by <c>russnap analyze</c> back as one side of a comparison.</summary>
public static class JsonReportReader
{
    /// <summary>A report is larger than any dump's analysis needs; beyond this it is not a report.</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    /// <summary>Whether <paramref name="path"/> names a JSON report: a <c>.json</c> file (no dump format is JSON).</summary>
    public static bool IsReportPath(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(path);

    /// <summary>Reads the report at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidReportException">The file is not valid JSON or not a report of a schema version this tool reads.</exception>
    public static DiffSide Read(string path, string label)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
        {
            throw new InvalidReportException(path, $"larger than {MaxBytes / (1024 * 1024)} MiB: not a report");
        }

        JsonDocument json;
        try
        {
            using var stream = info.OpenRead();
            json = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {(line + 1).ToString(CultureInfo.InvariantCulture)}: " : string.Empty;
            throw new InvalidReportException(path, $"{where}not valid JSON ({ex.Message.Split(" Path:", 2)[0].TrimEnd('.')})");
        }

        using (json)
        {
            var root = json.RootElement;
            var version = Get(root, "schemaVersion", JsonValueKind.Number, path).GetInt32();
            if (version != ReportDocument.CurrentSchemaVersion)
            {
                throw new InvalidReportException(path, $"schemaVersion {version.ToString(CultureInfo.InvariantCulture)}: this tool reads reports of schema version {ReportDocument.CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture)}");
            }

            var forest = Get(root, "forest", JsonValueKind.Object, path);
            var exchange = Get(root, "exchange", JsonValueKind.Object, path);
            return new DiffSide
            {
                Label = label,
                GeneratedAt = DateTimeOffset.Parse(Text(root, "generatedAt", path), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Inputs = [.. Array(root, "inputs", path).Select(i => new DiffInput(Text(i, "path", path), OptionalText(i, "sha256"), Get(i, "entries", JsonValueKind.Number, path).GetInt64()))],
                Findings = [.. Array(root, "findings", path).Select(f => Finding(f, path))],
                Domains = [.. Array(forest, "domains", path).Select(d => Domain(d, path))],
                Servers = [.. Array(exchange, "servers", path).Select(s => new DiffServer(Text(s, "dn", path), Text(s, "name", path), Text(s, "version", path)))],
                RusInstances = [.. Array(exchange, "rusInstances", path).Select(r => new DiffRus(
                    Text(r, "dn", path), Text(r, "name", path), OptionalText(r, "domainLink"), OptionalText(r, "serverLink"), OptionalText(r, "serverName"),
                    Get(r, "enterprise", JsonValueKind.True, path).GetBoolean()))],
            };
        }
    }

    private static DiffFinding Finding(JsonElement f, string path)
    {
        var severityText = Text(f, "severity", path);
        if (!SeverityNames.TryParse(severityText, out var severity))
        {
            throw new InvalidReportException(path, $"finding severity '{severityText}' is not error, warning or info");
        }

        var kind = Text(f, "kind", path) switch
        {
            "fail" => FindingKind.Fail,
            "notApplicable" => FindingKind.NotApplicable,
            "info" => FindingKind.Info,
            var other => throw new InvalidReportException(path, $"finding kind '{other}' is not fail, notApplicable or info"),
        };
        return new DiffFinding(Text(f, "fingerprint", path), Text(f, "ruleId", path), Text(f, "name", path), severity, kind,
            Text(f, "subject", path), Text(f, "message", path), OptionalText(f, "suppressed") is not null);
    }

    private static DiffDomain Domain(JsonElement d, string path)
    {
        long? mailEnabled = null, unstamped = null;
        if (d.TryGetProperty("recipients", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            mailEnabled = Get(r, "mailEnabled", JsonValueKind.Number, path).GetInt64();
            unstamped = Get(r, "unstamped", JsonValueKind.Number, path).GetInt64();
        }

        return new DiffDomain(Text(d, "dn", path), OptionalText(d, "dnsName"), Get(d, "covered", JsonValueKind.True, path).GetBoolean(),
            [.. Array(d, "rusInstances", path).Select(x => x.GetString() ?? string.Empty)], mailEnabled, unstamped);
    }

    /// <summary>A required property of the given kind (<see cref="JsonValueKind.True"/> stands for either boolean).</summary>
    private static JsonElement Get(JsonElement parent, string name, JsonValueKind kind, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw new InvalidReportException(path, $"'{name}' is missing: not a russnap report");
        }

        var ok = kind == JsonValueKind.True ? value.ValueKind is JsonValueKind.True or JsonValueKind.False : value.ValueKind == kind;
        if (!ok)
        {
            throw new InvalidReportException(path, $"'{name}' is {value.ValueKind.ToString().ToLowerInvariant()}, expected {(kind == JsonValueKind.True ? "a boolean" : kind.ToString().ToLowerInvariant())}");
        }

        return value;
    }

    private static string Text(JsonElement parent, string name, string path) => Get(parent, name, JsonValueKind.String, path).GetString()!;

    private static string? OptionalText(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name, string path) =>
        Get(parent, name, JsonValueKind.Array, path).EnumerateArray();
}

/// <summary>A JSON report that cannot be read: the message names the file and what is wrong.</summary>
public sealed class InvalidReportException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
}
