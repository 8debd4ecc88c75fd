using System.CommandLine;
using RusSnapshot.Cli.Commands;

namespace RusSnapshot.Cli;

/// <summary>Builds the <c>russnap</c> command tree; tests call <see cref="Run"/> with their own writers.</summary>
public static class RusSnapshotCommandLine
{
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return new RootCommand("RusSnapshot: offline analysis of Active Directory / Exchange dumps for Recipient Update Service problems.")
        {
            AnalyzeCommand.Create(output, error),
            ValidateCommand.Create(output, error),
            RulesCommand.Create(output, error),
        };
    }

    /// <summary>Parses and runs a command line; usage errors give exit code 2 (System.CommandLine's own default is 1).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Create(output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"russnap: {e.Message}");
            }

            error.WriteLine("Run 'russnap --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            // Our own handler below says which input failed and exits 3 (or 2), instead of a stack trace and exit 1,
            // which would read as "findings" (DESIGN.md section 5: no input may crash the tool).
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (OutputFolderException ex)
        {
            error.WriteLine($"russnap: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or Dumps.DumpFormatException)
        {
            error.WriteLine($"russnap: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
