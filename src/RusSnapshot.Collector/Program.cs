using System.Runtime.InteropServices;

namespace RusSnapshot.Collector;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
        {
            c.Cancel = true;
            cancel.Cancel();
        });
        try
        {
            return CollectorCommandLine.Run(args, Console.Out, Console.Error, cancel.Token);
        }
#pragma warning disable CA1031 // The last resort: anything else is a bug, reported in one line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"russnap-collect: internal error (a bug, please report it): {ex.GetType().FullName}: {ex.Message}");
            return ExitCodes.InternalError;
        }
    }
}
