using System.Security.Cryptography;
using System.Text;

namespace RusSnapshot.Cli;

/// <summary>
/// A report written to a new temporary file beside its final name and renamed over it when complete. Creating a
/// new file never follows a link planted at the final name, and a rename replaces the link itself, so nothing is
/// ever written outside the output folder; a report is never seen half-written under its final name (full disk,
/// Ctrl-C, SIGTERM): until <see cref="Commit"/>, the final name keeps what it held, and disposing deletes the temporary.
/// </summary>
internal sealed class ReportFile : IDisposable
{
    private readonly string _temporary;
    private readonly FileStream _stream;
    private bool _done;

    private ReportFile(string path, string temporary, FileStream stream)
    {
        FinalPath = path;
        _temporary = temporary;
        _stream = stream;
        Writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
    }

    /// <summary>The name the report has once committed.</summary>
    public string FinalPath { get; }

    /// <summary>UTF-8 without a BOM, LF line ends.</summary>
    public TextWriter Writer { get; }

    /// <summary>Creates <c>.NAME.RANDOM.tmp</c> in <paramref name="folder"/>; fails rather than open anything that exists.</summary>
    public static ReportFile Create(string folder, string name)
    {
        var temporary = Path.Combine(folder, $".{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        return new ReportFile(Path.Combine(folder, name), temporary, stream);
    }

    /// <summary>Flushes the report to disk and renames it to <see cref="FinalPath"/>, replacing whatever is there.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        Writer.Flush();
        _stream.Flush(flushToDisk: true);
        Writer.Dispose();
        File.Move(_temporary, FinalPath, overwrite: true);
        _done = true;
    }

    /// <summary>Deletes the temporary unless committed.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            Writer.Dispose();
        }
        catch (IOException)
        {
            // A full disk fails the last flush; the file is closed anyway and goes below.
        }

        try
        {
            File.Delete(_temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the final name was never touched.
        }
    }
}
