using System.Diagnostics;
using System.Text;

namespace RusSnapshot.Cli.Tests;

/// <summary>Issue 10 item 7: Ctrl-C and SIGTERM stop a long run cleanly, in the real process (signal handlers are Program's).</summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_stops_a_run_between_records_with_one_line_and_no_report(string signal, int expected)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempFolder();
        var outDir = Path.Combine(dir.Path, "out");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "russnap"), ["analyze", "/dev/stdin", "-o", outDir])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();

        // An endless dump: once a megabyte went through the pipe, the run is reading (and its handlers are set).
        var written = 0L;
        var feeder = Task.Run(() =>
        {
            var input = process.StandardInput.BaseStream;
            try
            {
                input.Write("version: 1\n\n"u8);
                for (var i = 0; !process.HasExited; i++)
                {
                    var record = Encoding.ASCII.GetBytes($"dn: CN=u{i},CN=Users,DC=contoso,DC=test\nobjectClass: user\ncn: u{i}\nmailNickname: u{i}\n\n");
                    input.Write(record);
                    Interlocked.Add(ref written, record.Length);
                }
            }
            catch (IOException)
            {
                // The process stopped reading: expected.
            }
        });
        var clock = Stopwatch.StartNew();
        while (Interlocked.Read(ref written) < 1024 * 1024 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.Equal(expected, process.ExitCode);
        Assert.Equal("russnap: interrupted: no report written\n", await error);
        Assert.Empty(await output);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
        await feeder.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
