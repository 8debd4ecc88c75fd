using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using RusSnapshot.Analysis.Redaction;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Manifest;

namespace RusSnapshot.Cli.Commands;

/// <summary>
/// <c>russnap redact</c>: writes the dump again with every name that identifies the customer replaced by a consistent
/// pseudonym (DESIGN.md section 6), input by input, in the same format, dialect and encoding, into a new folder.
/// </summary>
internal static class RedactCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var inputs = CommonOptions.Inputs();
        var outputDir = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Folder for the redacted dump: new or empty (one file per input, each under its redacted name)",
            HelpName = "OUT",
            Required = true,
        };
        var key = KeyOption();
        var map = MapOption();
        var encoding = CommonOptions.Encoding();
        var command = new Command("redact", "Replace every name that identifies the customer by a consistent pseudonym, keeping structure, references and findings")
        {
            inputs, outputDir, key, map, encoding,
        };
        command.SetAction(parse => Run(
            new RedactArguments(parse.GetValue(inputs) ?? [], parse.GetValue(outputDir)!, parse.GetValue(key), parse.GetValue(map), parse.GetValue(encoding)),
            output,
            error,
            cancel));
        return command;
    }

    public static Option<string?> KeyOption() => new("--key")
    {
        Description = "File holding the secret key (16 bytes or more, e.g. head -c 32 /dev/urandom > customer.key): the same key redacts two dumps alike. Default: a random key, forgotten",
        HelpName = "KEYFILE",
    };

    public static Option<string?> MapOption() => new("--map")
    {
        Description = "Write the name -> pseudonym mapping to this file (never inside the output folder); an existing mapping of the same key is read first and extended",
        HelpName = "MAPFILE",
    };

    internal sealed record RedactArguments(IReadOnlyList<string> Inputs, DirectoryInfo Output, string? KeyFile, string? MapFile, string? Encoding);

    internal static int Run(RedactArguments args, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var open = CommonOptions.ToOpenOptions(args.Encoding, error);
        if (open is null)
        {
            return ExitCodes.UsageError;
        }

        var problem = CheckOutput(args.Output.ToString(), args.Inputs, args.KeyFile, args.MapFile);
        if (problem is not null)
        {
            ConsoleText.Line(error, $"russnap: {problem}");
            return ExitCodes.UsageError;
        }

        using var pseudonyms = OpenPseudonyms(args.KeyFile, args.MapFile, error);
        if (pseudonyms is null)
        {
            return ExitCodes.UsageError;
        }

        var sources = CommonOptions.ExpandInputs(args.Inputs, error);
        if (sources is null)
        {
            return ExitCodes.InvalidInput;
        }

        var result = Redact(sources, args.Output.ToString(), pseudonyms, open, error, cancel);
        if (result is null)
        {
            return ExitCodes.InvalidInput;
        }

        if (args.MapFile is not null)
        {
            MappingFile.Write(args.MapFile, pseudonyms, result);
        }

        WriteSummary(result, args.Output.ToString(), pseudonyms, args.MapFile, output);
        return ExitCodes.Success;
    }

    /// <summary>Why the output folder (or the key or mapping file) cannot be used, or null.</summary>
    internal static string? CheckOutput(string folder, IEnumerable<string> inputs, string? keyFile, string? mapFile)
    {
        if (string.IsNullOrWhiteSpace(folder) || folder.Contains('\0', StringComparison.Ordinal))
        {
            return "--output needs a folder: the path is empty";
        }

        if (File.Exists(folder))
        {
            return $"--output {ConsoleText.Quote(folder)} is a file, not a folder";
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            return $"--output {ConsoleText.Quote(folder)} is not empty: redact into a new or empty folder, so that nothing of the original dump ends up beside the redacted one";
        }

        var full = Path.GetFullPath(folder);
        foreach (var input in inputs.Where(Directory.Exists))
        {
            if (IsInside(full, Path.GetFullPath(input)))
            {
                return $"--output {ConsoleText.Quote(folder)} is inside the input folder {ConsoleText.Quote(input)}: a later analysis of that folder would read both dumps";
            }
        }

        foreach (var (option, file) in new[] { ("--key", keyFile), ("--map", mapFile) })
        {
            if (file is not null && (string.IsNullOrWhiteSpace(file) || IsInside(Path.GetFullPath(file), full)))
            {
                return $"{option} {ConsoleText.Quote(file)} must be outside the output folder: the redacted dump is shared, the key and the mapping are not";
            }
        }

        return null;
    }

    /// <summary>The name map for a run: keyed by the key file or a fresh random key, seeded by an existing mapping file; null after saying why not.</summary>
    internal static Pseudonyms? OpenPseudonyms(string? keyFile, string? mapFile, TextWriter error)
    {
        RedactionKey key;
        try
        {
            key = keyFile is null ? RedactionKey.Random() : RedactionKey.FromFile(keyFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            ConsoleText.Line(error, $"russnap: --key: {ex.Message}");
            return null;
        }

        var pseudonyms = new Pseudonyms(key);
        if (mapFile is not null && File.Exists(mapFile))
        {
            try
            {
                MappingFile.Load(mapFile, pseudonyms);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                ConsoleText.Line(error, $"russnap: --map: {ex.Message}");
                pseudonyms.Dispose();
                return null;
            }
        }

        return pseudonyms;
    }

    /// <summary>
    /// Redacts every source into <paramref name="folder"/> (created if missing), each written to a temporary file and
    /// renamed only when all are written and read without error; null (nothing left behind) after reporting the
    /// inputs' reading errors.
    /// </summary>
    internal static IReadOnlyList<RedactedInput>? Redact(
        IReadOnlyList<DumpSource> sources, string folder, Pseudonyms pseudonyms, DumpOpenOptions open, TextWriter error, CancellationToken cancel)
    {
        var created = !Directory.Exists(folder);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"{folder}: cannot write the redacted dump there: {ex.Message}", ex);
        }

        var redactor = new DumpRedactor(pseudonyms);
        var pending = new List<(string Temporary, string Final)>();
        var results = new List<RedactedInput>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var committed = false;
        try
        {
            foreach (var source in sources)
            {
                cancel.ThrowIfCancellationRequested();
                var name = Unique(redactor.OutputName(source), names);
                var temporary = Path.Combine(folder, $".{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
                pending.Add((temporary, Path.Combine(folder, name)));
                RedactedInput result;
                using (var stream = CreateTemporary(temporary, folder))
                {
                    try
                    {
                        result = redactor.Redact(source, open, stream, name, cancel);
                    }
                    catch (DumpFormatException ex)
                    {
                        result = new RedactedInput(source.DisplayName, name, DumpFormat.Ldif, DumpDialect.Unknown, "unknown", 0, 0, 0, 0,
                            [new DumpDiagnostic(ex.Position, DiagnosticSeverity.Error, "INPUT", ex.Message)]);
                    }

                    stream.Flush(flushToDisk: true);
                }

                results.Add(result);
                if (result.Errors.Count == 0 && Manifest(source, error) is { } manifest)
                {
                    // The collector's manifest says what the collection missed: the analysis reads it beside the dump.
                    var manifestName = name + CollectionManifestFile.Suffix;
                    var manifestTemporary = Path.Combine(folder, $".{manifestName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
                    pending.Add((manifestTemporary, Path.Combine(folder, manifestName)));
                    using var stream = CreateTemporary(manifestTemporary, folder);
                    CollectionManifestFile.Write(redactor.Redact(manifest, name), stream);
                    stream.Flush(flushToDisk: true);
                }
            }

            var failed = results.Where(r => r.Errors.Count > 0).ToList();
            if (failed.Count > 0)
            {
                foreach (var input in failed)
                {
                    ConsoleText.Line(error, $"russnap: {input.Source}: cannot be redacted faithfully: it has reading errors (run 'russnap validate' on it)");
                    foreach (var d in input.Errors.Take(20))
                    {
                        ConsoleText.Line(error, d.ToString());
                    }
                }

                error.WriteLine("russnap: nothing written");
                return null;
            }

            foreach (var (temporary, final) in pending)
            {
                File.Move(temporary, final, overwrite: false);
            }

            committed = true;
            return results;
        }
        finally
        {
            if (!committed)
            {
                foreach (var (temporary, final) in pending)
                {
                    TryDelete(temporary);
                    TryDelete(final);
                }

                if (created)
                {
                    try
                    {
                        Directory.Delete(folder);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // Not empty, or gone: left as it is.
                    }
                }
            }
        }
    }

    private static void WriteSummary(IReadOnlyList<RedactedInput> results, string folder, Pseudonyms pseudonyms, string? mapFile, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"{results.Sum(r => r.Entries).ToString(c)} entries from {results.Count.ToString(c)} input(s) redacted into {folder}; {pseudonyms.Tokens.Count.ToString(c)} name(s) and {pseudonyms.DomainSids.Count().ToString(c)} domain SID(s) replaced");
        foreach (var r in results)
        {
            var extra = r.ChangeRecords > 0 ? $", {r.ChangeRecords.ToString(c)} change record(s) left out" : string.Empty;
            ConsoleText.Line(output, $"  {r.Source} -> {r.OutputName} ({r.Format.ToName()}, {r.Dialect.ToName()}, {r.Encoding}, {r.Entries.ToString(c)} entries, {r.DroppedValues.ToString(c)} free-text value(s) dropped{extra})");
        }

        ConsoleText.Line(output, mapFile is null
            ? pseudonyms.Key.IsRandom ? "key: random, forgotten (no mapping written)" : $"key: {pseudonyms.Key.Fingerprint} (no mapping written)"
            : $"mapping: {mapFile} (keep it with the key, away from the dump)");
    }

    /// <summary>The collector's manifest beside a file input, or null (none, or one that cannot be read: said, and not copied).</summary>
    private static CollectionManifest? Manifest(DumpSource source, TextWriter error)
    {
        if (!string.Equals(source.DisplayName, source.Path, StringComparison.Ordinal) || !File.Exists(source.Path))
        {
            return null;
        }

        try
        {
            return CollectionManifestFile.ReadBeside(source.Path);
        }
        catch (Exception ex) when (ex is ManifestFormatException or IOException or UnauthorizedAccessException)
        {
            ConsoleText.Line(error, $"russnap: {CollectionManifestFile.PathFor(source.Path)}: the collector's manifest cannot be read, so it is not copied: {ex.Message}");
            return null;
        }
    }

    private static FileStream CreateTemporary(string path, string folder)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 256 * 1024);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"{folder}: cannot write the redacted dump there: {ex.Message}", ex);
        }
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        if (taken.Add(name))
        {
            return name;
        }

        var gz = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? ".gz" : string.Empty;
        var bare = name[..^gz.Length];
        var dot = bare.LastIndexOf('.');
        var (stem, extension) = dot > 0 ? (bare[..dot], bare[dot..]) : (bare, string.Empty);
        for (var n = 2; ; n++)
        {
            var candidate = $"{stem}-{n.ToString(CultureInfo.InvariantCulture)}{extension}{gz}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private static bool IsInside(string path, string folder)
    {
        var f = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return string.Equals(Path.TrimEndingDirectorySeparator(path), Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal)
            || path.StartsWith(f, StringComparison.Ordinal);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}
