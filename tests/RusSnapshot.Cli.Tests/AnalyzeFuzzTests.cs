using System.IO.Compression;
using System.Text;

namespace RusSnapshot.Cli.Tests;

/// <summary>
/// The whole <c>analyze</c> path (expansion, archives, readers, model, rules, reports, exit code), not only the
/// readers, fed with mutated dumps, archives and folders: every run ends with 0-3 and no stack trace.
/// </summary>
public sealed class AnalyzeFuzzTests
{
    private const string Specials = "\r\n :<=,\\\0#";

    private static readonly string SampleFolder = Path.Combine(RepoRoot(), "fixtures", "sample");

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_dumps_archives_and_folders_end_with_a_documented_exit_code(int seed)
    {
        var random = new Random(seed);
        using var temp = new TempFolder();
        var files = Directory.GetFiles(SampleFolder, "*.ldf").Order(StringComparer.Ordinal).ToArray();
        var inputs = new List<string>();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var name = Path.GetFileName(file);
            switch (random.Next(5))
            {
                case 0: // flipped and inserted bytes
                    inputs.Add(temp.Write($"m/{name}", Mutate(bytes, random)));
                    break;
                case 1: // cut anywhere
                    inputs.Add(temp.Write($"m/{name}", bytes[..random.Next(bytes.Length)]));
                    break;
                case 2: // a gzip, maybe cut or flipped
                    var gz = Gzip(bytes);
                    inputs.Add(temp.Write($"m/{name}.gz", random.Next(2) == 0 ? gz[..random.Next(gz.Length)] : Mutate(gz, random)));
                    break;
                case 3: // a zip holding the file and a mutated copy
                    inputs.Add(temp.Write($"m/{name}.zip", Zip((name, bytes), ("copy-" + name, Mutate(bytes, random)))));
                    break;
                default:
                    inputs.Add(temp.Write($"m/{name}", bytes));
                    break;
            }
        }

        // Also the folder as a whole, with a stray non-dump file and a zip that is not one.
        temp.Write("m/notes.txt", "not a dump");
        temp.Write("m/broken.zip", Mutate(Zip(("x.ldf", File.ReadAllBytes(files[0]))), random));
        var asFolder = random.Next(2) == 0;

        var result = CliRunner.Run([
            "analyze", .. asFolder ? [Path.Combine(temp.Path, "m")] : inputs,
            "-o", Path.Combine(temp.Path, "out"), "--timestamp", "2026-12-01T00:00:00Z"]);

        Assert.InRange(result.ExitCode, 0, 3);
        Assert.NotEqual(2, result.ExitCode); // the arguments are valid: a usage error would mean nothing was read
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var copy = new List<byte>(bytes);
        for (var i = random.Next(1, 40); i > 0 && copy.Count > 0; i--)
        {
            var at = random.Next(copy.Count);
            switch (random.Next(3))
            {
                case 0:
                    copy[at] = (byte)random.Next(256);
                    break;
                case 1:
                    copy.Insert(at, (byte)Specials[random.Next(Specials.Length)]);
                    break;
                default:
                    copy.RemoveAt(at);
                    break;
            }
        }

        return [.. copy];
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] members)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var (name, bytes) in members)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return output.ToArray();
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "RusSnapshot.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        return dir;
    }
}
