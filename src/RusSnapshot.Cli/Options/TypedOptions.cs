using System.CommandLine;
using System.CommandLine.Parsing;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Cli.Options;

/// <summary>
/// The options of <c>analyze</c>, typed: each value is parsed once, here, by the functions the configuration uses
/// too (<see cref="Vocabulary"/>), and a bad one is a parse error, so a usage error (exit 2) before any work.
/// </summary>
internal static class TypedOptions
{
    public static Option<DirectoryInfo> OutputFolder() => new("--output", "-o")
    {
        Description = "Folder for the reports (created if missing; must be writable: checked before the inputs are read)",
        HelpName = "DIR",
        DefaultValueFactory = _ => new DirectoryInfo("."),
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 0 ? "." : result.Tokens[^1].Value;
            if (string.IsNullOrWhiteSpace(text) || text.Contains('\0', StringComparison.Ordinal))
            {
                result.AddError("--output needs a folder: the path is empty");
                return new DirectoryInfo(".");
            }

            if (File.Exists(text))
            {
                result.AddError($"--output {ConsoleText.Quote(text)} is a file, not a folder");
            }

            return new DirectoryInfo(text);
        },
    };

    public static Option<ReportFormat[]> Formats() => new("--format", "-f")
    {
        Description = "Report formats, comma-separated or repeated: md, json, html (default: all three)",
        HelpName = "md,json,html",
        CustomParser = result =>
        {
            var formats = new List<ReportFormat>();
            foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!Vocabulary.TryFormat(part, out var format))
                {
                    result.AddError($"unknown report format {ConsoleText.Quote(part)}: expected {Vocabulary.FormatNames}");
                    return [];
                }

                if (!formats.Contains(format))
                {
                    formats.Add(format);
                }
            }

            if (formats.Count == 0)
            {
                result.AddError($"--format names no format: expected {Vocabulary.FormatNames}, comma-separated");
            }

            return [.. formats];
        },
    };

    public static Option<ReportLanguage?> Language() => new("--lang")
    {
        Description = "Report language: en or fr (default en)",
        HelpName = "en|fr",
        CustomParser = result => Single(result, Vocabulary.TryLanguage(result.Tokens[^1].Value, out var language), "language", Vocabulary.LanguageNames)
            ? language
            : null,
    };

    public static Option<FailOn?> FailOn() => new("--fail-on")
    {
        Description = "Exit 1 when a finding is at or above: error (default), warning, never",
        HelpName = "error|warning|never",
        CustomParser = result => Single(result, Vocabulary.TryFailOn(result.Tokens[^1].Value, out var failOn), "--fail-on", Vocabulary.FailOnNames)
            ? failOn
            : null,
    };

    public static Option<DateTimeOffset?> Timestamp() => new("--timestamp")
    {
        Description = "Pin the report timestamp (ISO 8601 such as 2026-11-24T12:00:00Z, or Unix seconds); SOURCE_DATE_EPOCH is honoured too, for reproducible reports",
        HelpName = "T",
        CustomParser = result =>
        {
            if (Timestamps.TryParse(result.Tokens[^1].Value, "--timestamp", out var when, out var problem))
            {
                return when;
            }

            result.AddError(problem!);
            return null;
        },
    };

    public static Option<string?> ConfigFile()
    {
        var option = new Option<string?>("--config", "-c") { Description = "YAML configuration (schemas/config.schema.json)", HelpName = "FILE" };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
            {
                result.AddError("--config needs a file: the path is empty");
            }
        });
        return option;
    }

    public static Option<string[]> SetupLogs()
    {
        var option = new Option<string[]>("--setup-log")
        {
            Description = "An Exchange setup log (ExchangeSetup.log, or .gz) to read beside the dump: what setup saw of RUS, compared with the dump (RSN2008); repeatable",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value) || t.Value.Contains('\0', StringComparison.Ordinal)))
            {
                result.AddError("--setup-log needs a file: the path is empty");
            }
            else if (result.Tokens.FirstOrDefault(t => Directory.Exists(t.Value)) is { } folder)
            {
                result.AddError($"--setup-log {ConsoleText.Quote(folder.Value)} is a folder, not a setup log");
            }
        });
        return option;
    }

    public static Option<int?> SetupRun() => new("--setup-run")
    {
        Description = "Which run of each setup log to read, 1 for the first (default: the last run, the one that counts)",
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                return n;
            }

            result.AddError($"--setup-run {ConsoleText.Quote(text)}: expected a run number, 1 or more");
            return null;
        },
    };

    public static Option<bool> NoSha256() => new("--no-sha256")
    {
        Description = "Do not compute each input's SHA-256 (the reports then show none): on a dump of several GB, hashing costs more CPU than parsing",
    };

    public static Option<FileInfo?> Recipients() => new("--recipients")
    {
        Description = "Write the recipients behind RSN2007 (unstamped: domain, DN, sAMAccountName, mailNickname, the stamped attributes missing) to this CSV file, streamed while the dump is read",
        HelpName = "FILE.csv",
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (string.IsNullOrWhiteSpace(text) || text.Contains('\0', StringComparison.Ordinal))
            {
                result.AddError("--recipients needs a file: the path is empty");
                return null;
            }

            if (Directory.Exists(text) || text.EndsWith('/') || text.EndsWith(Path.DirectorySeparatorChar))
            {
                result.AddError($"--recipients {ConsoleText.Quote(text)} is a folder, not a file");
                return null;
            }

            return new FileInfo(text);
        },
    };

    private static bool Single(ArgumentResult result, bool parsed, string what, string expected)
    {
        if (!parsed)
        {
            result.AddError($"unknown {what} {ConsoleText.Quote(result.Tokens[^1].Value)}: expected {expected}");
        }

        return parsed;
    }
}
