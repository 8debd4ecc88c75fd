using System.CommandLine;
using RusSnapshot.Cli.Commands;

namespace RusSnapshot.Cli;

/// <summary>Builds the <c>russnap</c> command tree; tests call <see cref="Run"/> with their own writers.</summary>
internal static class RusSnapshotCommandLine
{
    public static RootCommand Create(TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return new RootCommand(
            "RusSnapshot: offline analysis of Active Directory / Exchange dumps for Recipient Update Service problems.\n"
            + "Exit codes: 0 no finding at or above --fail-on (validate: all valid), 1 findings (diff: new ones), 2 usage or configuration error, "
            + "3 unreadable or invalid input, 4 internal error (a bug; details in a file in the temp folder), 130 Ctrl-C, 143 SIGTERM.")
        {
            AnalyzeCommand.Create(output, error, cancel),
            ValidateCommand.Create(output, error, cancel),
            DiffCommand.Create(output, error, cancel),
            RedactCommand.Create(output, error, cancel), CaseCommand.Create(output, error, cancel),
            RulesCommand.Create(output, error),
        };
    }

    /// <summary>
    /// Parses and runs a command line; usage errors give exit code 2 (System.CommandLine's own default is 1).
    /// <paramref name="cancel"/> (Ctrl-C, SIGTERM) stops the reading between records: exit 130, no report written.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Guard(() => Invoke(args, output, error, cancel), error, cancel);
    }

    /// <summary>
    /// The exit policy for what a command throws: an input problem is exit 3, a bad output folder exit 2, a
    /// cancellation exit 130, and anything else is a bug: exit 4 with one line naming the file the details went
    /// to (README.md, exit codes), never a stack trace on the console.
    /// </summary>
    internal static int Guard(Func<int> command, TextWriter error, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return command();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            ConsoleText.Line(error, "russnap: interrupted: no report written");
            return ExitCodes.Interrupted;
        }
        catch (OutputFolderException ex)
        {
            ConsoleText.Line(error, $"russnap: {ex.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or Dumps.DumpFormatException)
        {
            ConsoleText.Line(error, $"russnap: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
#pragma warning disable CA1031 // The last resort: every other exception is a bug, reported as one.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var details = CrashReport.Write(ex);
            ConsoleText.Line(error, details is null
                ? $"russnap: internal error (a bug, please report it): {ex.GetType().FullName}; the details could not be written to {Path.GetTempPath()}"
                : $"russnap: internal error (a bug, please report it): {ex.GetType().FullName}; details in {details}");
            return ExitCodes.InternalError;
        }
    }

    private static int Invoke(string[] args, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var parse = Create(output, error, cancel).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                ConsoleText.Line(error, $"russnap: {e.Message}");
            }

            error.WriteLine("Run 'russnap --help' for usage.");
            return ExitCodes.UsageError;
        }

        // Our handlers say which input failed and exit 3 (or 2), instead of a stack trace and exit 1, which would
        // read as "findings". Signals are ours too (Program), so that the reports' temporaries are cleaned up.
        return parse.Invoke(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        });
    }
}
