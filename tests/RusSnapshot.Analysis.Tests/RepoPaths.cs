namespace RusSnapshot.Analysis.Tests;

/// <summary>Finds the repository root (the folder holding RusSnapshot.sln) from the test assembly's folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "fixtures");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RusSnapshot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RusSnapshot.sln not found above " + AppContext.BaseDirectory);
    }
}
