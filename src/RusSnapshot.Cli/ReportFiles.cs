using RusSnapshot.Cli.Options;

namespace RusSnapshot.Cli;

/// <summary>
/// The output files of one run (<c>analyze</c>, <c>diff</c>): created in the output folder before any input is read,
/// so a bad <c>-o</c> costs nothing; written to temporaries and renamed only when all are written, so a cancelled or
/// failed run leaves none. Disposing deletes the temporaries of those not committed.
/// </summary>
internal sealed class ReportFiles : IDisposable
{
    private readonly List<(ReportFormat Format, ReportFile File)> _files = [];
    private readonly DirectoryInfo _folder;

    private ReportFiles(DirectoryInfo folder) => _folder = folder;

    /// <summary>The final paths, as the user wrote the folder (relative stays relative).</summary>
    public IEnumerable<string> Paths => _files.Select(f => f.File.FinalPath);

    /// <summary>Creates the folder and one temporary per file.</summary>
    /// <exception cref="OutputFolderException">The folder or a file cannot be created.</exception>
    public static ReportFiles Open(DirectoryInfo folder, IEnumerable<(ReportFormat Format, string Name)> files)
    {
        var set = new ReportFiles(folder);
        try
        {
            var path = folder.ToString();
            Directory.CreateDirectory(path);
            foreach (var (format, name) in files)
            {
                set._files.Add((format, ReportFile.Create(path, name)));
            }

            return set;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            set.Dispose();
            throw set.CannotWrite(ex);
        }
    }

    /// <summary>Writes every file with <paramref name="write"/>, then renames them all into place.</summary>
    public void WriteAll(Action<ReportFormat, TextWriter> write, CancellationToken cancel)
    {
        try
        {
            foreach (var (format, file) in _files)
            {
                cancel.ThrowIfCancellationRequested();
                write(format, file.Writer);
                file.Writer.Flush();
            }

            cancel.ThrowIfCancellationRequested();
            foreach (var (_, file) in _files)
            {
                file.Commit();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(ex);
        }
    }

    public void Dispose()
    {
        foreach (var (_, file) in _files)
        {
            file.Dispose();
        }
    }

    private OutputFolderException CannotWrite(Exception ex) => new($"{_folder}: cannot write the reports there: {ex.Message}", ex);
}
