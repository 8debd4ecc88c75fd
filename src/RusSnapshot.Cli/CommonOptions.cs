using System.CommandLine;
using System.Text;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Cli;

/// <summary>Options shared by the commands that read dumps.</summary>
internal static class CommonOptions
{
    public static Argument<string[]> Inputs()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Dump files (LDIF from ldifde/ldapsearch/russnap-collect, CSV from csvde, AD Explorer snapshots .dat), folders, .gz or .zip",
            Arity = ArgumentArity.OneOrMore,
        };

        // System.CommandLine hands unknown "--options" to the argument; a usage error is the honest answer.
        inputs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.StartsWith('-') && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                {
                    result.AddError($"Unknown option '{token.Value}'.");
                }
            }
        });
        return inputs;
    }

    public static Option<string?> Encoding() => new("--encoding")
    {
        Description = "Text encoding of the inputs when detection is not enough (e.g. windows-1252, ibm850, utf-16le). Default: detect (BOM, UTF-16, UTF-8, else Windows-1252)",
    };

    /// <summary>Turns the shared options into open options; null and an error message when the encoding is unknown.</summary>
    public static DumpOpenOptions? ToOpenOptions(string? encodingName, TextWriter error)
    {
        Encoding? encoding = null;
        if (encodingName is not null)
        {
            try
            {
                encoding = DumpEncodings.Resolve(encodingName);
            }
            catch (ArgumentException ex)
            {
                ConsoleText.Line(error, $"russnap: {ex.Message.Split(" (Parameter", 2)[0]}");
                return null;
            }
        }

        return new DumpOpenOptions
        {
            Encoding = encoding,
            Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect },
        };
    }

    /// <summary>Expands the inputs (folders, archives); null after writing why to <paramref name="error"/> when none can be read.</summary>
    public static IReadOnlyList<DumpSource>? ExpandInputs(IReadOnlyList<string> paths, TextWriter error)
    {
        IReadOnlyList<DumpSource> sources;
        try
        {
            var expansion = DumpSource.ExpandAll(paths);
            sources = expansion.Sources;

            // What the folder scan skipped (links to folders, a second link to one file): said, never silent.
            foreach (var note in expansion.Notes)
            {
                ConsoleText.Line(error, $"russnap: {note}");
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            ConsoleText.Line(error, $"russnap: {ex.Message}");
            return null;
        }

        if (sources.Count == 0)
        {
            error.WriteLine("russnap: no dump files found in the given folders (looked for .ldf, .ldif, .csv, .dat, .gz, .zip)");
            return null;
        }

        return sources;
    }
}
