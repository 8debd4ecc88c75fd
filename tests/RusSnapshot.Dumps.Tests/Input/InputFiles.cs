using System.IO.Compression;
using System.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>Temporary files and folders for the input tests, and a reader that collects what a set of inputs gave.</summary>
internal sealed class InputFiles : IDisposable
{
    public InputFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "russnap-input-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An ldifde-like dump of <paramref name="count"/> entries named <paramref name="prefix"/>N.</summary>
    public static byte[] Ldif(string prefix, int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append("dn: CN=").Append(prefix).Append(i).Append(",DC=contoso,DC=test\nchangetype: add\nobjectClass: user\ncn: ")
                .Append(prefix).Append(i).Append("\n\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    public static byte[] Zip(params (string Name, byte[] Data)[] members)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in members)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(data);
            }
        }

        return ms.ToArray();
    }

    /// <summary>Reads every source of <paramref name="paths"/> with errors collected.</summary>
    public static SetResult Read(IEnumerable<string> paths, bool sha256 = false) => Read(DumpSource.Expand(paths), sha256);

    public static SetResult Read(IReadOnlyList<DumpSource> sources, bool sha256 = false, DumpReaderOptions? reader = null)
    {
        var options = new DumpOpenOptions { Reader = reader ?? new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect }, ComputeSha256 = sha256 };
        using var set = new DumpSetReader(sources, options);
        var names = new List<string>();
        while (set.Read())
        {
            if (set.Current.Kind == DumpRecordKind.Entry)
            {
                names.Add(set.Current.Dn);
            }
        }

        return new SetResult(names, set.Inputs);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal sealed record SetResult(List<string> Entries, IReadOnlyList<DumpInputSummary> Inputs)
    {
        public long Errors => Inputs.Sum(i => i.Errors);

        public IEnumerable<DumpDiagnostic> Diagnostics => Inputs.SelectMany(i => i.Diagnostics);
    }
}
