using System.Security.Cryptography;
using System.Text;
using RusSnapshot.Analysis.Building;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Analysis.Recipients;

/// <summary>
/// The unstamped recipients of a file read in parts (<c>--recipients</c> on two cores). Each part's model builder hands its
/// recipients to a spool file of its own; once the read in parts has succeeded, the spools are copied into the caller's
/// sink in file order, their lines moved by their part's offset and each naming context spelt as the joined model spells
/// it. The caller's sink so gets what one builder over the whole file would have handed it, in the same order, while a
/// part that is dropped (and read again) hands it nothing. Memory stays flat: the spools are files.
/// </summary>
internal sealed class RecipientPartSpools : IDisposable
{
    private readonly string _folder;
    private readonly Queue<PartSpool> _ready = new();
    private readonly List<PartSpool> _all = [];
    private readonly Dictionary<ForestModelBuilder, PartSpool> _byBuilder = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    /// <summary>How the spools write strings: UTF-8, and a lone surrogate (none comes from a text dump) replaced, not thrown.</summary>
    private static readonly UTF8Encoding SpoolText = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Creates the two spools a read in parts needs, so that a folder that cannot take them fails here, before reading.</summary>
    /// <exception cref="IOException">A spool cannot be created in <paramref name="folder"/>.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public RecipientPartSpools(string folder)
    {
        _folder = folder;
        try
        {
            _ready.Enqueue(Create());
            _ready.Enqueue(Create());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A builder for one part (called on either part's thread), listing its recipients in a spool of its own.</summary>
    public ForestModelBuilder NewBuilder()
    {
        lock (_lock)
        {
            var spool = _ready.Count > 0 ? _ready.Dequeue() : Create(); // a part read again needs a third
            var builder = new ForestModelBuilder(spool);
            _byBuilder.Add(builder, spool);
            return builder;
        }
    }

    /// <summary>
    /// Hands every part's recipients to <paramref name="target"/>, the parts in file order: positions moved by the part's
    /// line offset, naming contexts spelt by <paramref name="whole"/> (the parts joined), where the first spelling in
    /// the file wins as it does in one builder.
    /// </summary>
    public void CopyInto(IReadOnlyList<DumpPart<ForestModelBuilder>> parts, ForestModelBuilder whole, IUnstampedRecipientSink target)
    {
        var spelling = new Dictionary<string, string>(StringComparer.Ordinal); // few naming contexts, many recipients
        foreach (var part in parts)
        {
            PartSpool spool;
            lock (_lock)
            {
                spool = _byBuilder[part.Sink];
            }

            spool.CopyTo(target, part.LineOffset, nc =>
            {
                if (!spelling.TryGetValue(nc, out var spelt))
                {
                    spelt = whole.NamingContextSpelling(nc);
                    spelling.Add(nc, spelt);
                }

                return spelt;
            });
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var spool in _all)
            {
                spool.Dispose();
            }

            _all.Clear();
        }
    }

    private PartSpool Create()
    {
        var path = Path.Combine(_folder, $".russnap-recipients-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.part");
        var spool = new PartSpool(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose));
        _all.Add(spool);
        return spool;
    }

    /// <summary>One part's recipients, written as they come (binary, in the order given) and read back once.</summary>
    private sealed class PartSpool(FileStream file) : IUnstampedRecipientSink, IDisposable
    {
        private readonly BinaryWriter _writer = new(file, SpoolText, leaveOpen: true);
        private long _count;

        public void Add(UnstampedRecipient recipient)
        {
            ArgumentNullException.ThrowIfNull(recipient);
            _writer.Write(recipient.NamingContext);
            _writer.Write(recipient.Dn);
            WriteOptional(recipient.SamAccountName);
            WriteOptional(recipient.MailNickname);
            _writer.Write((int)recipient.Missing);
            var position = recipient.Position;
            _writer.Write(position.Source);
            _writer.Write(position.Line);
            _writer.Write(position.RecordStartLine);
            _writer.Write(position.Offset.HasValue);
            _writer.Write(position.Offset.GetValueOrDefault());
            _count++;
        }

        public void CopyTo(IUnstampedRecipientSink target, long lineOffset, Func<string, string> namingContext)
        {
            _writer.Flush();
            file.Position = 0;
            using var reader = new BinaryReader(file, SpoolText, leaveOpen: true);
            for (var i = 0L; i < _count; i++)
            {
                var nc = reader.ReadString();
                var dn = reader.ReadString();
                var sam = ReadOptional(reader);
                var nickname = ReadOptional(reader);
                var missing = (StampedAttributes)reader.ReadInt32();
                var source = reader.ReadString();
                var line = reader.ReadInt64();
                var recordStart = reader.ReadInt64();
                var hasOffset = reader.ReadBoolean();
                var offset = reader.ReadInt64();
                var position = new DumpPosition(source, line, recordStart) { Offset = hasOffset ? offset : null };
                target.Add(new UnstampedRecipient(namingContext(nc), dn, sam, nickname, missing, position.ShiftedBy(lineOffset)));
            }
        }

        public void Dispose()
        {
            _writer.Dispose();
            file.Dispose();
        }

        private void WriteOptional(string? value)
        {
            _writer.Write(value is not null);
            if (value is not null)
            {
                _writer.Write(value);
            }
        }

        private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
    }
}
