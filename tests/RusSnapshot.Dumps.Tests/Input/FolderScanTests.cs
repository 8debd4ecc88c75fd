using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>Folder scans do not follow links into folders, list a linked file once, and say what they skipped.</summary>
public sealed class FolderScanTests : IDisposable
{
    private readonly InputFiles _files = new();

    public void Dispose() => _files.Dispose();

    [PosixFact]
    public void Links_to_parent_folders_are_not_followed_and_are_reported()
    {
        _files.Write("dump/a.ldf", InputFiles.Ldif("a", 1));
        _files.Write("dump/sub/b.ldf", InputFiles.Ldif("b", 1));
        var dump = Path.Combine(_files.Root, "dump");
        Directory.CreateSymbolicLink(Path.Combine(dump, "sub", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(dump, "loop"), ".");

        var expansion = DumpSource.ExpandAll([dump]);

        Assert.Equal([Path.Join(dump, "a.ldf"), Path.Join(dump, "sub", "b.ldf")], expansion.Sources.Select(s => s.DisplayName));
        Assert.Equal(2, expansion.Notes.Count);
        Assert.All(expansion.Notes, n => Assert.Equal("SCAN-LINK-FOLDER", n.Code));
        Assert.Contains(expansion.Notes, n => n.Position.Source == Path.Join(dump, "sub", "up"));
        Assert.Equal(2, DumpSource.Expand([dump]).Count); // the old overload gives the same sources
    }

    [PosixFact]
    public void A_link_to_a_file_already_listed_is_listed_once()
    {
        var target = _files.Write("dump/z-real.ldf", InputFiles.Ldif("a", 1));
        var dump = Path.Combine(_files.Root, "dump");
        File.CreateSymbolicLink(Path.Combine(dump, "a-link.ldf"), target);
        var outside = _files.Write("elsewhere/other.ldf", InputFiles.Ldif("o", 1));
        File.CreateSymbolicLink(Path.Combine(dump, "b-other.ldf"), outside);

        var expansion = DumpSource.ExpandAll([dump]);

        Assert.Equal([Path.Join(dump, "b-other.ldf"), Path.Join(dump, "z-real.ldf")], expansion.Sources.Select(s => s.DisplayName));
        var note = Assert.Single(expansion.Notes);
        Assert.Equal("SCAN-LINK-DUPLICATE", note.Code);
        Assert.Equal(Path.Join(dump, "a-link.ldf"), note.Position.Source);
    }

    [Fact]
    public void Nested_folders_are_scanned_in_ordinal_order()
    {
        _files.Write("d/b/2.ldf", InputFiles.Ldif("x", 1));
        _files.Write("d/a/1.csv", "DN\r\n"u8.ToArray());
        _files.Write("d/readme.txt", [1]);
        var d = Path.Combine(_files.Root, "d");

        var expansion = DumpSource.ExpandAll([d]);

        Assert.Equal([Path.Join(d, "a", "1.csv"), Path.Join(d, "b", "2.ldf")], expansion.Sources.Select(s => s.DisplayName));
        Assert.Empty(expansion.Notes);
    }
}
