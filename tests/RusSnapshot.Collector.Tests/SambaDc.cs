using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;

namespace RusSnapshot.Collector.Tests;

/// <summary>A test that needs the Samba AD DC: skipped (not passed) where Samba is not installed or we are not root.</summary>
public sealed class SambaFactAttribute : FactAttribute
{
    public SambaFactAttribute()
    {
        if (SambaDc.WhyUnavailable() is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>
/// One Samba AD DC for the whole test run (tests/samba/start-samba-dc.sh), on 127.0.0.1, stopped (and waited for) at the
/// end. Tests that change it put it back as it was.
/// </summary>
public sealed class SambaDc : IDisposable
{
    public const string User = "Administrator@corp.test";
    public const string Password = "Rs-Test-Pw!7731x";
    public const string DomainDn = "DC=corp,DC=test";
    public const string ConfigurationDn = "CN=Configuration,DC=corp,DC=test";
    public const int Recipients = 10000;

    public SambaDc()
    {
        if (WhyUnavailable() is not null)
        {
            return;
        }

        Folder = Path.Combine(Path.GetTempPath(), "russnap-samba-" + Environment.ProcessId);
        var watch = Stopwatch.StartNew();
        var (code, output) = Run(Path.Combine(RepoPaths.Root, "tests", "samba", "start-samba-dc.sh"), Folder, Recipients.ToString(System.Globalization.CultureInfo.InvariantCulture));
        StartSeconds = watch.Elapsed.TotalSeconds;
        if (code != 0)
        {
            Run(Path.Combine(RepoPaths.Root, "tests", "samba", "stop-samba-dc.sh"), Folder);
            throw new InvalidOperationException($"start-samba-dc.sh failed ({code}): {output}");
        }

        StartLog = output;
    }

    public string Folder { get; } = string.Empty;

    public double StartSeconds { get; }

    public string StartLog { get; } = string.Empty;

    public string CaFile => Path.Combine(Folder, "tls", "ca.pem");

    public string OtherCaFile => Path.Combine(Folder, "tls", "other-ca.pem");

    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "The Samba DC tests run on Linux.";
        }

        if (!File.Exists("/usr/sbin/samba") || !File.Exists("/usr/bin/samba-tool"))
        {
            return "Samba is not installed (tests/prerequisites.sh installs it).";
        }

        return Environment.UserName == "root" ? null : "The Samba DC needs root (ports 389, 636, 88).";
    }

    /// <summary>An administrative connection for tests that change the DC (never the collector's).</summary>
    public LdapConnection Admin()
    {
        var c = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", 389), new NetworkCredential(User, Password), AuthType.Basic);
        c.SessionOptions.ProtocolVersion = 3;
        c.Bind();
        return c;
    }

    public void Dispose()
    {
        if (Folder.Length > 0)
        {
            Run(Path.Combine(RepoPaths.Root, "tests", "samba", "stop-samba-dc.sh"), Folder);
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static (int Code, string Output) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["RUSSNAP_SAMBA_PASSWORD"] = Password;
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }
}

[CollectionDefinition(Name)]
public sealed class SambaCollection : ICollectionFixture<SambaDc>
{
    public const string Name = "Samba DC";
}

internal static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RusSnapshot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RusSnapshot.sln not found above " + AppContext.BaseDirectory);
    }
}
