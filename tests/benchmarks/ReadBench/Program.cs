using System.Diagnostics;
using System.Globalization;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Benchmarks.ReadBench;

/// <summary>
/// Times the layers under <c>russnap validate</c> on one file, each as a separate pass over it:
/// <c>raw</c> (read the bytes), <c>lines</c> (read + vectorised line-end search), <c>reader</c> (LdifReader.Read),
/// <c>values</c> (reader + DN and every value decoded), <c>set</c> (DumpOpener + DumpSetReader, what validate runs); and
/// a reference for CSV: <c>csvhelper</c> (CsvHelper's UTF-8 span reader handing out every field of every record).
/// <c>lines</c> is the "managed floor" of the benchmark's ratios (DESIGN.md section 7): a line scan that parses nothing.
/// Usage: <c>readbench FILE [MODE...]</c>; no mode runs the first five in that order. One line per mode:
/// <c>mode bytes entries seconds MB/s</c>.
/// </summary>
internal static class Program
{
    private const int BufferSize = 1 << 20;

    private static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: readbench FILE [raw|lines|reader|values|set|csvhelper]...");
            return 2;
        }

        var path = args[0];
        var modes = args.Length > 1 ? args[1..] : ["raw", "lines", "reader", "values", "set"];
        foreach (var mode in modes)
        {
            var clock = Stopwatch.StartNew();
            var (bytes, entries) = mode switch
            {
                "raw" => Raw(path),
                "lines" => Lines(path),
                "reader" => Reader(path, touch: false),
                "values" => Reader(path, touch: true),
                "set" => Set(path),
                "csvhelper" => CsvHelperSpans(path),
                _ => throw new ArgumentException($"unknown mode {mode}"),
            };
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode,-7} {bytes,14} {entries,10} {seconds,8:F3} {bytes / seconds / 1e6,8:F0}"));
        }

        return 0;
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    private static (long, long) Raw(string path)
    {
        using var stream = Open(path);
        var buffer = new byte[BufferSize];
        long total = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            total += n;
        }

        return (total, 0);
    }

    private static (long, long) Lines(string path)
    {
        using var stream = Open(path);
        var buffer = new byte[BufferSize];
        long total = 0, lines = 0;
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            total += n;
            var span = buffer.AsSpan(0, n);
            int at;
            while ((at = span.IndexOf((byte)'\n')) >= 0)
            {
                lines++;
                span = span[(at + 1)..];
            }
        }

        return (total, lines);
    }

    private static (long, long) Reader(string path, bool touch)
    {
        using var reader = new LdifReader(Open(path), path);
        long entries = 0, sink = 0;
        while (reader.Read())
        {
            entries++;
            if (touch)
            {
                var record = reader.Current;
                sink += record.DnUtf8.Length;
                for (var i = 0; i < record.Count; i++)
                {
                    sink += record.ValueAt(i).Length;
                }
            }
        }

        if (sink < 0)
        {
            Console.WriteLine(sink);
        }

        return (reader.Statistics.Bytes, entries);
    }

    /// <summary>CsvHelper 34 reading the file as UTF-8, every field of every record touched as a span (no strings).</summary>
    private static (long, long) CsvHelperSpans(string path)
    {
        using var csv = CsvHelper.CsvReader.FromFile(path);
        long records = 0, sink = 0;
        while (csv.Read())
        {
            records++;
            var fields = csv.FieldCount;
            for (var i = 0; i < fields; i++)
            {
                sink += csv.GetSpan(i).Length;
            }
        }

        if (sink < 0)
        {
            Console.WriteLine(sink);
        }

        return (new FileInfo(path).Length, records);
    }

    private static (long, long) Set(string path)
    {
        using var set = new DumpSetReader(DumpSource.Expand([path]));
        long entries = 0;
        while (set.Read())
        {
            entries++;
        }

        var bytes = set.Inputs.Sum(i => i.Statistics?.Bytes ?? 0);
        return (bytes, entries);
    }
}
