namespace RusSnapshot.Synth;

internal static class Program
{
    private static int Main(string[] args) => SynthCommandLine.Run(args, Console.Out, Console.Error);
}
