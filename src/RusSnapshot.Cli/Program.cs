namespace RusSnapshot.Cli;

internal static class Program
{
    private static int Main(string[] args) => RusSnapshotCommandLine.Run(args, Console.Out, Console.Error);
}
