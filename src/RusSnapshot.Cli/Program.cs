using System.Runtime.InteropServices;

namespace RusSnapshot.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        var signal = 0;

        // Cancel instead of dying, so the run stops between records and deletes its temporary reports.
        void Stop(PosixSignalContext context, int code)
        {
            context.Cancel = true;
            Interlocked.CompareExchange(ref signal, code, 0);
            cancel.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, ExitCodes.Interrupted));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, ExitCodes.Terminated));
        var code = RusSnapshotCommandLine.Run(args, Console.Out, Console.Error, cancel.Token);
        return code == ExitCodes.Interrupted && signal != 0 ? signal : code;
    }
}
