using System.Reflection;

namespace RusSnapshot.Cli.Tests;

/// <summary>DESIGN.md section 2: no assembly the analyzer loads references LDAP or opens a socket.</summary>
public sealed class OfflineGuaranteeTests
{
    private static readonly string[] Forbidden =
    [
        "System.DirectoryServices",
        "System.DirectoryServices.Protocols",
        "System.Net.Sockets",
        "System.Net.Http",
        "System.Net.Requests",
        "System.Net.WebClient",
        "Novell.Directory.Ldap",
        "russnap-collect",   // the collector (src/RusSnapshot.Collector): the analyzer never loads it
    ];

    [Fact]
    public void The_analyzer_and_its_libraries_reference_no_ldap_or_network_assembly()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>([typeof(RusSnapshotCommandLine).Assembly]);
        var offending = new List<string>();
        while (queue.Count > 0)
        {
            var assembly = queue.Dequeue();
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (Forbidden.Contains(reference.Name, StringComparer.Ordinal))
                {
                    offending.Add($"{assembly.GetName().Name} -> {reference.Name}");
                }

                // Follow our own assemblies (and the packages they bring); the framework's own graph is not ours to police.
                if (reference.Name is { } name && !name.StartsWith("System.", StringComparison.Ordinal) && name != "System"
                    && !name.StartsWith("Microsoft.", StringComparison.Ordinal) && name != "netstandard" && seen.Add(name))
                {
                    queue.Enqueue(Assembly.Load(reference));
                }
            }
        }

        Assert.Empty(offending);
        Assert.Contains("RusSnapshot.Analysis", seen);
        Assert.Contains("RusSnapshot.Reports", seen);
        Assert.Contains("RusSnapshot.Dumps", seen);
    }
}
