namespace RusSnapshot.Dumps.Tests.Conformance;

/// <summary>
/// Finds the shared conformance data (peer parsers' test files, RFC 2849), which lives beside the repository as
/// <c>../shared/conformance</c> and is never copied into it. Set <c>RUSSNAPSHOT_CONFORMANCE_DIR</c> to point elsewhere.
/// </summary>
internal static class ConformanceData
{
    public const string EnvironmentVariable = "RUSSNAPSHOT_CONFORMANCE_DIR";

    private const string Marker = "EXPECTATIONS.md";

    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The conformance folder, or null when it is not there.</summary>
    public static string? Directory => Root.Value;

    public static string MissingReason =>
        $"conformance data not found: expected a folder 'shared/conformance' holding {Marker} beside the repository (or set {EnvironmentVariable})";

    public static string PathOf(string relative) =>
        Path.Combine(Directory ?? throw new InvalidOperationException(MissingReason), relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, Marker)) ? Path.GetFullPath(configured) : null;
        }

        // Walk up from the test assembly: <root>/<repo>/tests/<project>/bin/<config>/<tfm> finds <root>/shared/conformance.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (File.Exists(Path.Combine(candidate, Marker)))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the shared conformance data; reported as skipped (not passed) when it is absent.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (ConformanceData.Directory is null)
        {
            Skip = ConformanceData.MissingReason;
        }
    }
}

/// <summary>A theory that needs the shared conformance data; reported as skipped (not passed) when it is absent.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (ConformanceData.Directory is null)
        {
            Skip = ConformanceData.MissingReason;
        }
    }
}
