using System.Diagnostics;
using System.Text.Json;
using RusSnapshot.Cli;

namespace RusSnapshot.Collector.Tests;

/// <summary>Runs the collector (in-process, or the built executable) and the analyzer on its dump.</summary>
internal static class Collect
{
    public const string PasswordVariable = "RUSSNAP_TEST_PW";

    public sealed record Result(int Code, string Output, string Error, TimeSpan Elapsed, long PeakRssKb = 0);

    /// <summary>The collector in this process; the password comes from <see cref="PasswordVariable"/>.</summary>
    public static Result InProcess(string password, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var watch = Stopwatch.StartNew();
        var code = CollectorCommandLine.Run(args, output, error, default, name => name == PasswordVariable ? password : null, _ => null, interactive: false);
        return new Result(code, output.ToString(), error.ToString(), watch.Elapsed);
    }

    /// <summary>The built russnap-collect executable (next to the tests), with its peak resident memory.</summary>
    public static Result Executable(string password, params string[] args) => Executable(password, [], new Dictionary<string, string>(), args);

    /// <summary>
    /// The executable run through <paramref name="wrapper"/> (a command and its arguments that end with the program to
    /// run, such as <c>unshare</c>), with <paramref name="environment"/> added: the native libraries (libldap, Kerberos)
    /// read the process environment, which an in-process test cannot change for them.
    /// </summary>
    public static Result Executable(string password, string[] wrapper, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "russnap-collect");
        var program = File.Exists(exe) ? new[] { exe } : ["dotnet", Path.Combine(AppContext.BaseDirectory, "russnap-collect.dll")];
        string[] command = [.. wrapper, .. program, .. args];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in command.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment[PasswordVariable] = password;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var watch = Stopwatch.StartNew();
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!p.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakRss(p.Id));
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result, watch.Elapsed, peak);
    }

    /// <summary>VmHWM of a running process (kB), 0 when it is gone.</summary>
    private static long PeakRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>Analyses a dump in-process; returns the findings (rule id, kind, subject) of the JSON report.</summary>
    public static List<(string RuleId, string Kind, string Subject, string Fingerprint)> Analyze(string dump)
    {
        var folder = Directory.CreateTempSubdirectory("russnap-report-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = RusSnapshotCommandLine.Run(["analyze", dump, "-o", folder, "--format", "json"], output, error);
            Assert.True(code is 0 or 1, $"analyze exited {code}: {error}");
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "russnap-report.json")));
            return [.. report.RootElement.GetProperty("findings").EnumerateArray().Select(f =>
                (f.GetProperty("ruleId").GetString()!, f.GetProperty("kind").GetString()!, f.GetProperty("subject").GetString() ?? string.Empty,
                f.GetProperty("fingerprint").GetString()!))];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
