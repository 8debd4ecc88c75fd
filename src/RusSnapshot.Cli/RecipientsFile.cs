using System.Security.Cryptography;
using System.Text;
using RusSnapshot.Reports.Recipients;

namespace RusSnapshot.Cli;

/// <summary>
/// The affected-recipients list of <c>--recipients FILE.csv</c>: created before any input is read (a bad path costs
/// nothing), spooled while the dump is read into a temporary file beside it that deletes itself when closed, written from
/// the spool into another temporary once the domains are known, and renamed into place like the reports
/// (<see cref="ReportFile"/>): never seen half-written, never written through a link planted at its name.
/// </summary>
internal sealed class RecipientsFile : IDisposable
{
    private readonly ReportFile _list;
    private readonly FileStream _spoolStream;
    private readonly StreamWriter _spoolWriter;

    private RecipientsFile(ReportFile list, FileStream spoolStream, string folder)
    {
        Folder = folder;
        _list = list;
        _spoolStream = spoolStream;
        _spoolWriter = new StreamWriter(spoolStream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        Spool = new RecipientListSpool(_spoolWriter);
    }

    /// <summary>Receives the recipients while the dump is read.</summary>
    public RecipientListSpool Spool { get; }

    /// <summary>The folder of the list and its spools (an analysis that reads in parts spools there too).</summary>
    public string Folder { get; }

    /// <summary>The path the list has once committed, as the user wrote it.</summary>
    public string FinalPath => _list.FinalPath;

    /// <summary>Creates the list's folder (if needed), its temporary, and the spool.</summary>
    /// <exception cref="OutputFolderException">The folder or a file cannot be created.</exception>
    public static RecipientsFile Open(FileInfo path)
    {
        var folder = Path.GetDirectoryName(path.ToString()) is { Length: > 0 } d ? d : ".";
        ReportFile? list = null;
        try
        {
            Directory.CreateDirectory(folder);
            list = ReportFile.Create(folder, path.Name);
            var spool = new FileStream(
                Path.Combine(folder, $".{path.Name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.spool"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            return new RecipientsFile(list, spool, folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            list?.Dispose();
            throw new OutputFolderException($"{path}: cannot write the recipients list there: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the list from the spool (not yet renamed into place); returns the recipients listed.</summary>
    /// <param name="domainOf">The domain of a naming context as RSN2007 names it, or null to leave its recipients out.</param>
    /// <exception cref="OutputFolderException">The disk is full or the file cannot be written.</exception>
    public long Write(Func<string, string?> domainOf)
    {
        try
        {
            Spool.Flush();
            _spoolWriter.Flush();
            _spoolStream.Position = 0;
            using var reader = new StreamReader(_spoolStream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
            var count = RecipientList.Write(reader, _list.Writer, domainOf);
            _list.Writer.Flush();
            return count;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"{FinalPath}: cannot write the recipients list: {ex.Message}", ex);
        }
    }

    /// <summary>Renames the list into place.</summary>
    /// <exception cref="OutputFolderException">The rename fails.</exception>
    public void Commit()
    {
        try
        {
            _list.Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"{FinalPath}: cannot write the recipients list: {ex.Message}", ex);
        }
    }

    /// <summary>Deletes the spool, and the list's temporary unless committed.</summary>
    public void Dispose()
    {
        try
        {
            Spool.Dispose();
            _spoolWriter.Dispose();
        }
        catch (IOException)
        {
            // A full disk fails the last flush of the spool; it is deleted below anyway.
        }

        _spoolStream.Dispose();
        _list.Dispose();
    }
}
