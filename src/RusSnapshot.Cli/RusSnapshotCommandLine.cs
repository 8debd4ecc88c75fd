using System.CommandLine;

namespace RusSnapshot.Cli;

/// <summary>Builds the <c>russnap</c> command tree; tests call <see cref="Run"/> with their own writers.</summary>
public static class RusSnapshotCommandLine
{
    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("RusSnapshot: offline analysis of Active Directory / Exchange dumps for Recipient Update Service problems.");
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Create(output, error);
        var config = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).Invoke(config);
    }
}
