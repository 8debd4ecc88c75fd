using System.Diagnostics;
using System.Security.Cryptography;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>Pipes and FIFOs read once (hashed while read), archives opened once, every archive error naming its file.</summary>
public sealed class PipedAndArchiveInputTests : IDisposable
{
    private readonly InputFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Fifo(string name)
    {
        var path = Path.Combine(_files.Root, name);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>Writes <paramref name="bytes"/> into a FIFO from another thread (the open blocks until the reader opens it).</summary>
    private static Thread Writer(string fifo, byte[] bytes)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using var s = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                for (var i = 0; i < bytes.Length; i += 4096)
                {
                    s.Write(bytes, i, Math.Min(4096, bytes.Length - i));
                }
            }
            catch (IOException)
            {
                // the reader refused the input and closed its end
            }
        }) { IsBackground = true };
        thread.Start();
        return thread;
    }

    [PosixFact]
    public void A_fifo_is_read_whole_once_and_its_hash_is_that_of_the_bytes() =>
        ReadsWholeThroughAFifo("piped.ldf", InputFiles.Ldif("u", 5000), 5000);

    [PosixFact]
    public void A_fifo_named_gz_is_streamed() =>
        ReadsWholeThroughAFifo("piped.ldf.gz", InputFiles.Gzip(InputFiles.Ldif("u", 3000)), 3000);

    /// <summary>Every entry arrives, and the hash and size are those of the bytes written into the FIFO.</summary>
    private void ReadsWholeThroughAFifo(string name, byte[] bytes, int entries)
    {
        var fifo = Fifo(name);
        var writer = Writer(fifo, bytes);

        var result = InputFiles.Read([fifo], sha256: true);
        writer.Join();

        Assert.Equal(0, result.Errors);
        Assert.Equal(entries, result.Entries.Count);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Inputs[0].Sha256);
        Assert.Equal(bytes.Length, result.Inputs[0].FileBytes);
    }

    [PosixFact]
    public void A_fifo_named_zip_is_refused_with_its_name()
    {
        var fifo = Fifo("piped.zip");
        var writer = Writer(fifo, InputFiles.Zip(("a.ldf", InputFiles.Ldif("a", 3))));

        var ex = Assert.Throws<InvalidDataException>(() => DumpSource.Expand([fifo]));
        writer.Join();

        Assert.Contains(fifo, ex.Message, StringComparison.Ordinal);
        Assert.Contains("regular file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_hashed_while_read_and_its_size_is_the_size_on_disk()
    {
        var bytes = InputFiles.Ldif("u", 100);
        var path = _files.Write("plain.ldf", bytes);
        var gz = InputFiles.Gzip(bytes);
        var gzPath = _files.Write("packed.ldf.gz", gz);

        var result = InputFiles.Read([path, gzPath], sha256: true);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Inputs[0].Sha256);
        Assert.Equal(bytes.Length, result.Inputs[0].FileBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(gz)), result.Inputs[1].Sha256);
        Assert.Equal(gz.Length, result.Inputs[1].FileBytes);
        Assert.True(result.Inputs[1].Statistics!.Bytes > gz.Length); // the decoded size is another figure
    }

    [Fact]
    public void Without_the_option_nothing_is_hashed()
    {
        var path = _files.Write("plain.ldf", InputFiles.Ldif("u", 3));

        var result = InputFiles.Read([path]);

        Assert.Null(result.Inputs[0].Sha256);
    }

    [Fact]
    public void Zip_members_carry_the_archive_hash_and_their_compressed_size()
    {
        var zip = InputFiles.Zip(("a.ldf", InputFiles.Ldif("a", 50)), ("b.ldf", InputFiles.Ldif("b", 60)));
        var path = _files.Write("two.zip", zip);

        var result = InputFiles.Read([path], sha256: true);

        Assert.Equal(110, result.Entries.Count);
        var hash = Convert.ToHexStringLower(SHA256.HashData(zip));
        Assert.All(result.Inputs, i => Assert.Equal(hash, i.Sha256));
        Assert.All(result.Inputs, i => Assert.True(i.FileBytes is > 0 and < 4000));
    }

    [Fact]
    public void A_zip_of_20000_members_is_read_with_one_open_and_every_member_counted()
    {
        // Took minutes when every member re-opened the archive (measured by hand: see the commit message).
        var members = Enumerable.Range(0, 20_000)
            .Select(i => ($"part{i:D5}.ldf", InputFiles.Ldif($"m{i}-", 1)))
            .Append(("part00007.ldf", InputFiles.Ldif("again", 1))) // a name twice: both read, labelled by index
            .ToArray();
        var path = _files.Write("many.zip", InputFiles.Zip(members));

        var sources = DumpSource.Expand([path]);
        var result = InputFiles.Read(sources);

        Assert.Equal(20_001, sources.Count);
        Assert.Equal(2, sources.Count(s => s.DisplayName.Contains("part00007.ldf#", StringComparison.Ordinal)));
        Assert.Equal(0, result.Errors);
        Assert.Equal(20_001, result.Entries.Count);
    }

    [Fact]
    public void A_zip_with_a_corrupt_directory_names_the_file()
    {
        var zip = InputFiles.Zip(("a.ldf", InputFiles.Ldif("a", 3)));
        zip[^22] ^= 0xFF; // the end-of-central-directory signature
        var path = _files.Write("broken.zip", zip);

        var ex = Assert.Throws<InvalidDataException>(() => DumpSource.Expand([path]));

        Assert.StartsWith(path + ":", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_member_with_bad_deflate_data_names_the_member()
    {
        var zip = InputFiles.Zip(("a.ldf", InputFiles.Ldif("a", 300)));
        zip[60] ^= 0xFF; // inside the member's compressed data
        zip[61] ^= 0xFF;
        var path = _files.Write("bad.zip", zip);

        var result = InputFiles.Read([path]);

        Assert.True(result.Errors > 0);
        Assert.All(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.Contains("bad.zip!/a.ldf", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_set_reader_disposed_early_closes_the_archive()
    {
        var path = _files.Write("two.zip", InputFiles.Zip(("a.ldf", InputFiles.Ldif("a", 5)), ("b.ldf", InputFiles.Ldif("b", 5))));
        var sources = DumpSource.Expand([path]);
        using (var set = new DumpSetReader(sources))
        {
            Assert.True(set.Read());
        }

        // Closed: the file can be replaced (Windows would refuse while it is open), and read again from the start.
        File.Move(path, path + ".moved");
        File.Move(path + ".moved", path);
        Assert.Equal(10, InputFiles.Read(sources).Entries.Count);
    }
}

/// <summary>A test that needs POSIX (FIFOs, symbolic links without privileges): skipped on Windows.</summary>
internal sealed class PosixFactAttribute : FactAttribute
{
    public PosixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "needs POSIX FIFOs and links";
        }
    }
}
