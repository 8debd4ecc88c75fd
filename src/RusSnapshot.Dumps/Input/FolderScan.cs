namespace RusSnapshot.Dumps.Input;

/// <summary>
/// Lists the dump files under a folder, walking it by hand: a link to a folder is not followed (one link to
/// <c>..</c> made the runtime's recursive enumeration list a file 41 times; two made it endless), and a link to a
/// file already listed is not listed again. Each skip is a warning naming the link.
/// </summary>
internal static class FolderScan
{
    /// <summary>The dump files under <paramref name="root"/>, in ordinal order of their paths.</summary>
    /// <exception cref="UnauthorizedAccessException">A folder cannot be listed (never skipped in silence).</exception>
    public static List<string> Files(string root, List<DumpDiagnostic> notes)
    {
        var regular = new List<string>();
        var links = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var item in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                var path = Path.Join(folder, item.Name); // relative when the user gave a relative folder, as names in reports
                var isLink = item.LinkTarget is not null;
                if (item is DirectoryInfo)
                {
                    if (isLink)
                    {
                        notes.Add(Note(path, DiagnosticCodes.ScanLinkFolder, "a link to a folder is not followed (it could lead back into the scan); give its target as an input to read it"));
                    }
                    else
                    {
                        pending.Push(path);
                    }
                }
                else if (DumpSource.IsDumpFileName(item.Name))
                {
                    (isLink ? links : regular).Add(path);
                }
            }
        }

        // Plain files first, so that a link sorted before its target is the copy left out.
        var seen = new HashSet<string>(regular.Select(Path.GetFullPath), StringComparer.Ordinal);
        foreach (var link in links)
        {
            var target = Resolve(link);
            if (target is null)
            {
                regular.Add(link); // a dangling link: reading it says why it cannot be read
            }
            else if (seen.Add(target))
            {
                regular.Add(link);
            }
            else
            {
                notes.Add(Note(link, DiagnosticCodes.ScanLinkDuplicate, "a link to a file already listed is not read twice"));
            }
        }

        regular.Sort(StringComparer.Ordinal);
        return regular;
    }

    private static string? Resolve(string link)
    {
        try
        {
            var target = File.ResolveLinkTarget(link, returnFinalTarget: true);
            return target is { Exists: true } ? Path.GetFullPath(target.FullName) : null;
        }
        catch (IOException)
        {
            return null; // a link loop: reading it reports the error
        }
    }

    private static DumpDiagnostic Note(string path, DiagnosticCode code, string message) =>
        new(new DumpPosition(path, 0, 0), code, message);
}
