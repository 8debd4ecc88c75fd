using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Redaction;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Cli.Options;
using RusSnapshot.Dumps;

namespace RusSnapshot.Cli.Commands;

/// <summary>
/// <c>russnap case new</c>: a customer's dump redacted into a support case with its expected findings and approved
/// reports; <c>russnap case check</c>: every case run and compared, as the test suite does (<see cref="SupportCases"/>).
/// </summary>
internal static class CaseCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var command = new Command("case", "Support cases as regression fixtures: create one from a dump (redacted), or check them all");
        command.Subcommands.Add(CreateNew(output, error, cancel));
        command.Subcommands.Add(CreateCheck(output, error, cancel));
        return command;
    }

    private static Command CreateNew(TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var id = new Argument<string>("case-id") { Description = "The case's folder name: letters, digits, '-', '_', '.' (no path separators, no '..')" };
        var inputs = CommonOptions.Inputs();
        var title = new Option<string?>("--title") { Description = "One line saying what the case is (default: the case id)", HelpName = "T" };
        var description = new Option<string?>("--description") { Description = "What the case is about, for the next engineer (written to case.yaml)", HelpName = "TEXT" };
        var generatedWith = new Option<string?>("--generated-with") { Description = "How the dump was made (the export command line, or the russnap-synth command)", HelpName = "TEXT" };
        var cases = new Option<string>("--cases") { Description = "The folder of the cases", HelpName = "DIR", DefaultValueFactory = _ => SupportCases.DefaultRoot };
        var failOn = TypedOptions.FailOn();
        var languages = new Option<string>("--lang") { Description = "Report languages to approve, comma-separated: en, fr", HelpName = "en,fr", DefaultValueFactory = _ => "en,fr" };
        var key = RedactCommand.KeyOption();
        var map = RedactCommand.MapOption();
        var encoding = CommonOptions.Encoding();
        var command = new Command("new", "Redact a dump into <cases>/<case-id>/ with case.yaml (the current findings as the expected ones) and the approved reports")
        {
            id, inputs, title, description, generatedWith, cases, failOn, languages, key, map, encoding,
        };
        command.SetAction(parse => RunNew(
            new NewArguments(
                parse.GetValue(id)!, parse.GetValue(inputs) ?? [], parse.GetValue(title), parse.GetValue(description), parse.GetValue(generatedWith),
                parse.GetValue(cases) ?? SupportCases.DefaultRoot, parse.GetValue(failOn) ?? FailOn.Error, parse.GetValue(languages) ?? "en,fr",
                parse.GetValue(key), parse.GetValue(map), parse.GetValue(encoding)),
            output,
            error,
            cancel));
        return command;
    }

    private static Command CreateCheck(TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var dir = new Argument<string>("dir")
        {
            Description = "The folder of the cases, or one case's folder",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => SupportCases.DefaultRoot,
        };
        var command = new Command("check", "Run every support case and print what differs from its expected findings and approved reports (exit 1 on any difference)") { dir };
        command.SetAction(parse => RunCheck(parse.GetValue(dir) ?? SupportCases.DefaultRoot, output, error, cancel));
        return command;
    }

    internal sealed record NewArguments(
        string Id, IReadOnlyList<string> Inputs, string? Title, string? Description, string? GeneratedWith, string Cases, FailOn FailOn,
        string Languages, string? KeyFile, string? MapFile, string? Encoding);

    internal static int RunCheck(string dir, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var folders = SupportCases.CaseFolders(dir);
        if (folders.Count == 0)
        {
            ConsoleText.Line(error, $"russnap: {dir}: no support case there (a case is a folder with a {SupportCases.SpecFile})");
            return ExitCodes.UsageError;
        }

        var failed = 0;
        foreach (var folder in folders)
        {
            cancel.ThrowIfCancellationRequested();
            var outcome = SupportCases.Check(folder, cancel: cancel);
            if (outcome.Passed)
            {
                ConsoleText.Line(output, $"ok    {outcome.Id}");
                continue;
            }

            failed++;
            ConsoleText.Line(output, $"FAIL  {outcome.Id}");
            foreach (var difference in outcome.Differences)
            {
                ConsoleText.Line(output, $"      {difference}");
            }
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"{(folders.Count - failed).ToString(c)} case(s) passed, {failed.ToString(c)} failed");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Findings;
    }

    internal static int RunNew(NewArguments args, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        if (!SupportCases.IsValidId(args.Id))
        {
            ConsoleText.Line(error, $"russnap: case id {ConsoleText.Quote(args.Id)} must be one folder name: letters, digits, '-', '_', '.', not starting with '.', without '..' or path separators");
            return ExitCodes.UsageError;
        }

        var languages = args.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (languages.Count == 0 || languages.Any(l => !Vocabulary.TryLanguage(l, out _)))
        {
            ConsoleText.Line(error, $"russnap: --lang {ConsoleText.Quote(args.Languages)}: expected {Vocabulary.LanguageNames}, comma-separated");
            return ExitCodes.UsageError;
        }

        if (!Directory.Exists(args.Cases))
        {
            ConsoleText.Line(error, $"russnap: {args.Cases}: no such folder; run from the repository root (cases live in {SupportCases.DefaultRoot}) or pass --cases DIR");
            return ExitCodes.UsageError;
        }

        var target = Path.Combine(args.Cases, args.Id);
        if (Directory.Exists(target) || File.Exists(target))
        {
            ConsoleText.Line(error, $"russnap: {target} exists already: choose another case id (or remove the old case first)");
            return ExitCodes.UsageError;
        }

        var problem = RedactCommand.CheckOutput(target, args.Inputs, args.KeyFile, args.MapFile);
        if (problem is not null)
        {
            ConsoleText.Line(error, $"russnap: {problem}");
            return ExitCodes.UsageError;
        }

        var settings = RunSettings.Resolve(new RunArguments(new DirectoryInfo(target), null, null, null, args.FailOn, null, args.Encoding), error);
        if (settings is null)
        {
            return ExitCodes.UsageError;
        }

        using var pseudonyms = RedactCommand.OpenPseudonyms(args.KeyFile, args.MapFile, error);
        if (pseudonyms is null)
        {
            return ExitCodes.UsageError;
        }

        var sources = CommonOptions.ExpandInputs(args.Inputs, error);
        if (sources is null)
        {
            return ExitCodes.InvalidInput;
        }

        // The original's findings, to prove the redacted dump says the same (rule, kind and severity of each).
        var original = ForestAnalyzer.Analyze(sources, settings.Analysis, (_, _) => cancel.ThrowIfCancellationRequested());
        if (original.HasInvalidInput)
        {
            ConsoleText.Line(error, "russnap: an input could not be read completely: a case needs a complete dump (run 'russnap validate' on it)");
            return ExitCodes.InvalidInput;
        }

        var staging = Path.Combine(args.Cases, $".{args.Id}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.new");
        var redacted = RedactCommand.Redact(sources, staging, pseudonyms, settings.Analysis.Open, error, cancel);
        if (redacted is null)
        {
            return ExitCodes.InvalidInput;
        }

        var moved = false;
        try
        {
            Directory.Move(staging, target);
            moved = true;
            var spec = new CaseSpec(args.Id, [.. redacted.Select(r => r.OutputName)], languages, args.FailOn.ToString().ToLowerInvariant(), 0, null, args.Encoding, []);
            var run = SupportCases.Run(target, spec, languages[0], cancel);
            if (run.ExitCode is not (ExitCodes.Success or ExitCodes.Findings))
            {
                ConsoleText.Line(error, $"russnap: the redacted dump could not be analysed (exit {run.ExitCode.ToString(CultureInfo.InvariantCulture)}): {run.Error.Trim()}");
                return ExitCodes.InternalError;
            }

            var before = Signature(original.Findings.Select(f => (f.RuleId, f.Kind.ToName(), f.Severity.ToName())));
            var after = Signature(run.Findings.Select(f => f.Split(' ', 4)).Select(p => (p[0], p[1], p[2])));
            if (before != after)
            {
                ConsoleText.Line(error, $"russnap: the redacted dump does not analyse as the original (a bug, please report it): before {before}, after {after}; no case written");
                return ExitCodes.InternalError;
            }

            // The engineer's title and description may name the customer's objects: the names the dump held are replaced as in it.
            var names = new ValueRedactor(pseudonyms);
            var described = args with { Title = args.Title is null ? null : names.KnownNames(args.Title), Description = args.Description is null ? null : names.KnownNames(args.Description) };
            File.WriteAllText(Path.Combine(target, SupportCases.SpecFile), CaseYaml(described, redacted, languages, run, pseudonyms.Key.IsRandom));
            var approved = SupportCases.Check(target, approve: true, cancel);
            var verified = SupportCases.Check(target, cancel: cancel);
            if (!approved.Passed || !verified.Passed)
            {
                foreach (var d in approved.Differences.Concat(verified.Differences))
                {
                    ConsoleText.Line(error, $"russnap: {d}");
                }

                return ExitCodes.InternalError;
            }

            if (args.MapFile is not null)
            {
                MappingFile.Write(args.MapFile, pseudonyms, redacted);
            }

            var c = CultureInfo.InvariantCulture;
            ConsoleText.Line(output, $"case {args.Id}: {redacted.Count.ToString(c)} input(s), {redacted.Sum(r => r.Entries).ToString(c)} entries, redacted into {target}");
            ConsoleText.Line(output, $"expected: exit {run.ExitCode.ToString(c)}, {run.Findings.Count.ToString(c)} finding(s); reports approved for {string.Join(", ", languages)}");
            foreach (var f in run.Findings)
            {
                ConsoleText.Line(output, $"  {f}");
            }

            ConsoleText.Line(output, $"review {Path.Combine(target, SupportCases.SpecFile)} (the dump's names in the title and description were replaced as in the dump; generatedWith is kept as given), then commit the folder; 'russnap case check' runs it");
            moved = false; // kept
            return ExitCodes.Success;
        }
        finally
        {
            if (moved || Directory.Exists(staging))
            {
                var leftover = moved ? target : staging;
                try
                {
                    Directory.Delete(leftover, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    ConsoleText.Line(error, $"russnap: could not remove {leftover}: {ex.Message}");
                }
            }
        }
    }

    private static string Signature(IEnumerable<(string Rule, string Kind, string Severity)> findings) =>
        string.Join(", ", findings.GroupBy(f => $"{f.Rule} {f.Kind} {f.Severity}", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} x{g.Count().ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The case file, in the shape of the existing cases.</summary>
    private static string CaseYaml(NewArguments args, IReadOnlyList<RedactedInput> inputs, IReadOnlyList<string> languages, CaseRun run, bool randomKey)
    {
        var c = CultureInfo.InvariantCulture;
        var made = string.Join("; ", inputs.GroupBy(i => $"{i.Format.ToName()} {i.Dialect.ToName()} {i.Encoding}", StringComparer.Ordinal)
            .Select(g => $"{g.Count().ToString(c)} x {g.Key}"));
        var description = args.Description
            ?? $"Made with 'russnap case new' from {inputs.Count.ToString(c)} input(s) ({made}), redacted by russnap redact ({(randomKey ? "random key" : "keyed")}): names are pseudonyms.";
        var yaml = new StringBuilder();
        yaml.Append("id: ").Append(Yaml(args.Id)).Append('\n');
        yaml.Append("title: ").Append(Yaml(args.Title ?? args.Id)).Append('\n');
        yaml.Append("description: ").Append(Folded(description)).Append('\n');
        if (args.GeneratedWith is not null)
        {
            yaml.Append("generatedWith: ").Append(Yaml(args.GeneratedWith)).Append('\n');
        }

        yaml.Append("redactedWith: ").Append(Yaml($"russnap {AnalyzeCommand.ToolVersion} redact ({(randomKey ? "random key, forgotten" : "keyed")}); inputs: {made}")).Append('\n');
        yaml.Append("inputs: [").AppendJoin(", ", inputs.Select(i => Yaml(i.OutputName, flow: true))).Append("]\n");
        yaml.Append("options:\n");
        yaml.Append("  languages: [").AppendJoin(", ", languages.Select(l => l.ToLowerInvariant())).Append("]\n");
        yaml.Append("  failOn: ").Append(args.FailOn.ToString().ToLowerInvariant()).Append('\n');
        if (args.Encoding is not null)
        {
            yaml.Append("  encoding: ").Append(Yaml(args.Encoding)).Append('\n');
        }

        yaml.Append("expected:\n");
        yaml.Append("  exitCode: ").Append(run.ExitCode.ToString(c)).Append('\n');
        if (run.Findings.Count == 0)
        {
            yaml.Append("  findings: []\n");
            return yaml.ToString();
        }

        yaml.Append("  findings:\n");
        foreach (var f in run.Findings)
        {
            var p = f.Split(' ', 4);
            yaml.Append("    - rule: ").Append(Yaml(p[0])).Append('\n');
            yaml.Append("      kind: ").Append(Yaml(p[1])).Append('\n');
            yaml.Append("      severity: ").Append(Yaml(p[2])).Append('\n');
            yaml.Append("      subject: ").Append(Yaml(p.Length > 3 ? p[3] : string.Empty)).Append('\n');
        }

        return yaml.ToString();
    }

    /// <summary>A YAML scalar: plain when that reads back as the same text, else double-quoted.</summary>
    internal static string Yaml(string value, bool flow = false)
    {
        var plain = value.Length > 0
            && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
            && "-?:,[]{}#&*!|>'\"%@`~".IndexOf(value[0], StringComparison.Ordinal) < 0
            && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal) && !value.EndsWith(':')
            && !value.Any(ch => char.IsControl(ch) || (flow && ch is ',' or '[' or ']' or '{' or '}'))
            && value.ToLowerInvariant() is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "~")
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (plain)
        {
            return value;
        }

        var quoted = new StringBuilder("\"");
        foreach (var ch in value)
        {
            quoted.Append(ch switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(ch) => "\\u" + ((int)ch).ToString("X4", CultureInfo.InvariantCulture),
                _ => ch.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>A folded block scalar (<c>&gt;</c>) wrapped at about 110 columns, or a quoted scalar when the text has line breaks.</summary>
    private static string Folded(string text)
    {
        if (text.Contains('\n', StringComparison.Ordinal) || text.Length == 0 || char.IsWhiteSpace(text[0]))
        {
            return Yaml(text);
        }

        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > 110)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        lines.Add(line.ToString());
        return ">\n" + string.Join("\n", lines.Select(l => "  " + l));
    }
}
