using System.Runtime.InteropServices;
using RusSnapshot.Dumps;

namespace RusSnapshot.Analysis.Building;

/// <summary>What streaming saw of one naming context: entries and recipients, counted.</summary>
internal sealed class NamingContextCounter(string dn, DnKey key)
{
    /// <summary>The NC as first written in the dump.</summary>
    public string Dn { get; } = dn;

    public DnKey Key { get; } = key;

    public long Entries;
    public long MailEnabled;
    public long Stamped;
    public long Unstamped;
    public long OptedOut;
    public long Mailboxes;
}

/// <summary>
/// The counters of every naming context, keyed by <see cref="DnKey"/>. Every recipient's NC suffix passes through
/// <see cref="For"/>, so the bytes as written are remembered beside the key: a suffix seen before (nearly all of
/// them: a dump writes an NC one way) costs a hash and a compare, not a string.
/// </summary>
internal sealed class NamingContextCounters
{
    private readonly Dictionary<DnKey, NamingContextCounter> _byKey = [];
    private readonly Dictionary<int, List<(byte[] Written, NamingContextCounter Counter)>> _byWrittenBytes = [];
    private byte[] _lastWritten = [];
    private NamingContextCounter? _last;

    public IEnumerable<NamingContextCounter> All => _byKey.Values;

    /// <summary>The counter of the NC whose suffix is <paramref name="written"/> (created on first sight).</summary>
    public NamingContextCounter For(ReadOnlySpan<byte> written)
    {
        if (_last is not null && written.SequenceEqual(_lastWritten))
        {
            return _last;
        }

        var hasher = default(HashCode); // seeded per process: a dump cannot aim collisions at this table
        hasher.AddBytes(written);
        var hash = hasher.ToHashCode();
        ref var variants = ref CollectionsMarshal.GetValueRefOrAddDefault(_byWrittenBytes, hash, out _);
        variants ??= [];
        foreach (var (bytes, counter) in variants)
        {
            if (written.SequenceEqual(bytes))
            {
                return Remember(bytes, counter);
            }
        }

        // A spelling not seen before: its key decides which NC it is (hex escapes, case, spacing).
        var key = DnKey.Of(written);
        if (!_byKey.TryGetValue(key, out var found))
        {
            found = new NamingContextCounter(System.Text.Encoding.UTF8.GetString(written), key);
            _byKey.Add(key, found);
        }

        var copy = written.ToArray();
        variants.Add((copy, found));
        return Remember(copy, found);
    }

    public NamingContextCounter? Find(DnKey key) => _byKey.GetValueOrDefault(key);

    /// <summary>Adds the counts of <paramref name="later"/> (the next part of a file), NC by NC; an NC seen first there keeps its spelling.</summary>
    public void Append(NamingContextCounters later)
    {
        foreach (var theirs in later.All)
        {
            if (!_byKey.TryGetValue(theirs.Key, out var mine))
            {
                _byKey.Add(theirs.Key, theirs); // For() finds it by its key when a spelling is new to this table
                continue;
            }

            mine.Entries += theirs.Entries;
            mine.MailEnabled += theirs.MailEnabled;
            mine.Stamped += theirs.Stamped;
            mine.Unstamped += theirs.Unstamped;
            mine.OptedOut += theirs.OptedOut;
            mine.Mailboxes += theirs.Mailboxes;
        }
    }

    private NamingContextCounter Remember(byte[] written, NamingContextCounter counter)
    {
        _lastWritten = written;
        _last = counter;
        return counter;
    }
}
