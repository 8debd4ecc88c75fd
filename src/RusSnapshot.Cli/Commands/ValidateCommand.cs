using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RusSnapshot.Reports.Json;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Cli.Commands;

/// <summary><c>russnap validate</c>: parse only, and say per input what was found.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var inputs = CommonOptions.Inputs();
        var format = new Option<string>("--format")
        {
            Description = "Output format",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var encoding = CommonOptions.Encoding();

        var command = new Command("validate", "Parse dumps without analysing them: format, dialect, encoding, entry counts and every error with file:line")
        {
            inputs, format, encoding,
        };
        command.SetAction(parse => Run(
            parse.GetValue(inputs) ?? [],
            parse.GetValue(format) ?? "text",
            parse.GetValue(encoding),
            output,
            error,
            cancel));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string format, string? encodingName, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        var options = CommonOptions.ToOpenOptions(encodingName, error);
        if (options is null)
        {
            return ExitCodes.UsageError;
        }

        var sources = CommonOptions.ExpandInputs(paths, error);
        if (sources is null)
        {
            return ExitCodes.InvalidInput;
        }

        using var set = new DumpSetReader(sources, options);
        using var progress = Progress.ForStandardError(error);
        set.InputCompleted += s => progress.InputDone(s.Source.DisplayName);
        set.ReadToEnd((input, bytes) => progress.Tick(input.Source.DisplayName, bytes), cancel);

        progress.Done();

        var valid = set.Inputs.All(i => i.IsValid);
        if (string.Equals(format, "json", StringComparison.Ordinal))
        {
            WriteJson(set, output);
        }
        else
        {
            WriteText(set, output);
        }

        return valid ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static void WriteText(DumpSetReader set, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var input in set.Inputs)
        {
            var stats = input.Statistics;
            var what = input.Format is null
                ? "not read"
                : $"{input.Format.Value.ToName()} ({input.Dialect.ToName()}), {input.Encoding}";
            var extra = new List<string>();
            if (stats is { ChangeRecords: > 0 })
            {
                extra.Add($"{stats.ChangeRecords.ToString(c)} change records (not entries)");
            }

            if (stats is { SearchResults: > 0 } || stats is { SearchReferences: > 0 })
            {
                extra.Add($"{stats.SearchResults.ToString(c)} search results, {stats.SearchReferences.ToString(c)} references");
            }

            if (input.DuplicateEntries > 0)
            {
                extra.Add($"{input.DuplicateEntries.ToString(c)} duplicates of entries read before");
            }

            if (stats is { RejectedRecords: > 0 })
            {
                extra.Add($"{stats.RejectedRecords.ToString(c)} records rejected");
            }

            var errors = input.Errors;
            var warnings = stats?.Warnings ?? 0;
            ConsoleText.Line(output, $"{input.Source.DisplayName}: {what}: {(stats?.Entries ?? 0).ToString(c)} entries{string.Concat(extra.Select(e => ", " + e))}; {errors.ToString(c)} errors, {warnings.ToString(c)} warnings");
            foreach (var d in input.Diagnostics)
            {
                ConsoleText.Line(output, $"  {d}");
            }

            var listed = input.Diagnostics.Count;
            var total = errors + warnings;
            if (total > listed)
            {
                output.WriteLine($"  ... {(total - listed).ToString(c)} more not listed");
            }
        }

        var entries = set.Inputs.Sum(i => i.UniqueEntries);
        var bad = set.Inputs.Count(i => !i.IsValid);
        output.WriteLine($"{entries.ToString(c)} entries in {set.Inputs.Count.ToString(c)} input(s); {(bad == 0 ? "all valid" : $"{bad.ToString(c)} invalid")}");
    }

    private static void WriteJson(DumpSetReader set, TextWriter output)
    {
        output.Write(JsonOutput.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("entries", set.Inputs.Sum(i => i.UniqueEntries));
            json.WriteBoolean("valid", set.Inputs.All(i => i.IsValid));
            json.WriteStartArray("inputs");
            foreach (var input in set.Inputs)
            {
                var stats = input.Statistics;
                json.WriteStartObject();
                json.WriteString("path", input.Source.DisplayName);
                json.WriteStringOrNull("format", input.Format?.ToName());
                json.WriteString("dialect", input.Dialect.ToName());
                json.WriteStringOrNull("encoding", input.Encoding);
                json.WriteNumber("entries", stats?.Entries ?? 0);
                json.WriteNumber("duplicates", input.DuplicateEntries);
                json.WriteNumber("changeRecords", stats?.ChangeRecords ?? 0);
                json.WriteNumber("searchResults", stats?.SearchResults ?? 0);
                json.WriteNumber("searchReferences", stats?.SearchReferences ?? 0);
                json.WriteNumber("rejectedRecords", stats?.RejectedRecords ?? 0);
                json.WriteNumber("lines", stats?.Lines ?? 0);
                json.WriteNumber("bytes", stats?.Bytes ?? 0);
                json.WriteBoolean("complete", stats?.Complete ?? false);
                json.WriteBoolean("valid", input.IsValid);
                json.WriteNumber("errorCount", input.Errors);
                json.WriteNumber("warningCount", stats?.Warnings ?? 0);
                WriteDiagnostics(json, "errors", input.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
                WriteDiagnostics(json, "warnings", input.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("conflicts");
            foreach (var conflict in set.Conflicts)
            {
                json.WriteStartObject();
                json.WriteString("dn", conflict.Dn);
                json.WriteString("first", conflict.First.ToString());
                json.WriteString("second", conflict.Second.ToString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }

    private static void WriteDiagnostics(Utf8JsonWriter json, string name, IEnumerable<DumpDiagnostic> diagnostics)
    {
        json.WriteStartArray(name);
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteNumber("line", d.Position.Line);
            json.WriteNumber("recordLine", d.Position.RecordStartLine);
            if (d.Position.Offset is { } offset)
            {
                // A binary input (an AD Explorer snapshot): "line" is the object's index, this the byte offset.
                json.WriteNumber("offset", offset);
            }

            json.WriteString("code", d.Code);
            json.WriteString("message", d.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
