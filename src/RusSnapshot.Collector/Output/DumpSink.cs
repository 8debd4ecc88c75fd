using System.Text;
using RusSnapshot.Collector.Collection;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Csv;
using RusSnapshot.Dumps.Ldif;

namespace RusSnapshot.Collector.Output;

/// <summary>The dump formats the collector writes.</summary>
internal enum DumpFormat
{
    /// <summary>LDIF as <c>ldifde</c> writes it (<c>changetype: add</c> records, CRLF; UTF-8).</summary>
    Ldif,

    /// <summary>CSV as <c>csvde</c> writes it (one header, <c>;</c>-joined values, <c>X'hex'</c> binaries; UTF-8).</summary>
    Csv,
}

/// <summary>
/// Streams collected entries into a dump through the dump library's writers. Entries are written as they arrive and
/// nothing is kept, so memory does not grow with the number of recipients. The file is written under a temporary
/// name and renamed by <see cref="Complete"/>, so a run that fails leaves no half dump behind.
/// </summary>
internal abstract class DumpSink : IDisposable
{
    private readonly string _temporary;
    private bool _completed;

    protected DumpSink(string path)
    {
        Path = path;
        _temporary = path + ".partial";
        Stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public string Path { get; }

    public long Entries { get; protected set; }

    protected FileStream Stream { get; }

    public static DumpSink Create(DumpFormat format, string path) => format == DumpFormat.Csv ? new CsvSink(path) : new LdifSink(path);

    /// <summary>Writes the rootDSE (LDIF only: csvde cannot hold an entry with an empty DN).</summary>
    public abstract void WriteRootDse(CollectedEntry rootDse);

    public abstract void Write(CollectedEntry entry);

    /// <summary>Flushes, closes and renames the dump to its final name.</summary>
    public void Complete()
    {
        CloseWriter();
        Stream.Dispose();
        File.Move(_temporary, Path, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        try
        {
            CloseWriter();
        }
        catch (IOException)
        {
            // the temporary file is removed below anyway
        }

        Stream.Dispose();
        File.Delete(_temporary);
    }

    protected abstract void CloseWriter();

    private sealed class LdifSink : DumpSink
    {
        private readonly LdifWriter _writer;
        private readonly Dictionary<string, byte[]> _names = new(StringComparer.Ordinal);

        public LdifSink(string path)
            : base(path)
        {
            _writer = new LdifWriter(Stream, LdifWriterOptions.For(LdifDialect.Ldifde) with { Encoding = LdifTextEncoding.Utf8 }, leaveOpen: true);
        }

        public override void WriteRootDse(CollectedEntry rootDse) => Write(rootDse);

        public override void Write(CollectedEntry entry)
        {
            _writer.BeginEntry(entry.Dn);
            foreach (var attribute in entry.Attributes)
            {
                if (!_names.TryGetValue(attribute.Name, out var name))
                {
                    _names[attribute.Name] = name = Encoding.ASCII.GetBytes(attribute.Name);
                }

                // ldifde writes octet-string attributes (GUIDs, SIDs) as base64 whatever their bytes.
                var binary = CsvdeConventions.DefaultBinaryAttributes.Contains(attribute.Name);
                foreach (var value in attribute.Values)
                {
                    _writer.WriteValue(name, value, forceBase64: binary);
                }
            }

            _writer.EndEntry();
            Entries++;
        }

        protected override void CloseWriter() => _writer.Dispose();
    }

    private sealed class CsvSink : DumpSink
    {
        private readonly CsvDumpWriter _writer;

        public CsvSink(string path)
            : base(path)
        {
            _writer = new CsvDumpWriter(Stream, QuerySet.AllEntryAttributes(), CsvDumpWriterOptions.Default, leaveOpen: true);
        }

        public override void WriteRootDse(CollectedEntry rootDse)
        {
            // csvde has no row for the rootDSE; the analyzer finds the Configuration NC from the crossRefs.
        }

        public override void Write(CollectedEntry entry)
        {
            var attributes = new DumpAttribute[entry.Attributes.Count];
            for (var i = 0; i < attributes.Length; i++)
            {
                var a = entry.Attributes[i];
                var values = new DumpValue[a.Values.Count];
                for (var v = 0; v < values.Length; v++)
                {
                    values[v] = new DumpValue(a.Values[v]);
                }

                attributes[i] = new DumpAttribute(a.Name, values);
            }

            _writer.Write(new DumpEntry(entry.Dn, attributes));
            Entries++;
        }

        protected override void CloseWriter() => _writer.Dispose();
    }
}
