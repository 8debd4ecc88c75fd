using System.Globalization;
using System.Text;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Tests.Conformance;

namespace RusSnapshot.Dumps.Tests.Input;

/// <summary>
/// <see cref="DumpRecord.CopyTo"/> and <see cref="DumpSetReadAhead"/> against the single-threaded path: the same records
/// (every accessor), diagnostics, positions and statistics in the same order, on the conformance files, the repository's
/// dumps and the fuzz inputs (seeded mutations and truncations of the fuzz seeds, and of a csvde file).
/// </summary>
public sealed class ReadAheadTests
{
    private static readonly string Repository = FindRepository();

    /// <summary>Named inputs: every conformance file (when present), the bundled dumps, and the fuzz inputs.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Inputs()
    {
        if (ConformanceData.Directory is { } conformance)
        {
            foreach (var file in Directory.EnumerateFiles(conformance, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                yield return (Path.GetRelativePath(conformance, file), File.ReadAllBytes(file));
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository, "fixtures"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".ldf", StringComparison.Ordinal) || f.EndsWith(".ldif", StringComparison.Ordinal) || f.EndsWith(".csv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            yield return (Path.GetRelativePath(Repository, file), File.ReadAllBytes(file));
        }

        // Groups of hundreds of members (read ahead in the single large copy) between small entries, with folded DN values.
        var groups = new StringBuilder();
        for (var g = 0; g < 40; g++)
        {
            groups.Append(CultureInfo.InvariantCulture, $"dn: CN=Group {g},OU=Groups,DC=x\r\nchangetype: add\r\nobjectClass: group\r\n");
            for (var m = 0; m < 200 + (g * 37 % 400); m++)
            {
                groups.Append(CultureInfo.InvariantCulture, $"member: CN=User {m},OU=A Long Organisational Unit Name,OU=Another One For Folding,DC=x\r\n 0,DC=y\r\n");
            }

            groups.Append(CultureInfo.InvariantCulture, $"\r\ndn: CN=User {g},DC=x\r\nchangetype: add\r\ncn:: VXNlcg==\r\n\r\n");
        }

        yield return ("large groups", Encoding.UTF8.GetBytes(groups.ToString()));

        var csv = Encoding.UTF8.GetBytes("DN,objectClass,cn,member,objectGUID\r\n\"CN=a,DC=x\",top;group,a,\"CN=b,DC=x;CN=c,DC=x\",X'0102'\r\n" +
            "\"CN=\"\"q\"\",DC=x\",user,\"q \"\"quoted\"\"\",,\r\n\"CN=b,DC=x\",user,b,,X'0A0B'\r\n");
        var seeds = LdifFuzzTests.Seeds.Select(s => (Name: "seed", Bytes: Encoding.UTF8.GetBytes(s))).Append(("csv", csv)).ToList();
        var random = new Random(15);
        for (var n = 0; n < 400; n++)
        {
            var (name, seed) = seeds[random.Next(seeds.Count)];
            var bytes = seed.ToList();
            for (var m = random.Next(1, 5); m > 0 && bytes.Count > 0; m--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.Insert(at, "\n\r :#-,\";"u8[random.Next(9)]); break;
                    default: bytes.RemoveAt(at); break;
                }
            }

            yield return ($"{name} mutation {n.ToString(CultureInfo.InvariantCulture)}", [.. bytes]);
        }

        foreach (var (name, seed) in seeds)
        {
            for (var length = 0; length <= seed.Length; length += 7)
            {
                yield return ($"{name} truncated to {length.ToString(CultureInfo.InvariantCulture)}", seed[..length]);
            }
        }
    }

    [Fact]
    public void A_copy_answers_every_question_as_the_record_does()
    {
        var checkedRecords = 0;
        foreach (var (name, bytes) in Inputs())
        {
            foreach (var bufferSize in new[] { 64, 1 << 20 })
            {
                using var opened = DumpOpener.Open(Source(name, bytes), Options(bufferSize, BadRecordHandling.Collect));
                var reused = new DumpRecord();
                while (opened.Reader.Read())
                {
                    var record = opened.Reader.Current;

                    // Copied before anything is decoded (the copy decodes on its own), into a record reused across
                    // records of every size; then copied again after the original decoded its values.
                    record.CopyTo(reused);
                    var copy = Describe(reused);
                    var original = Describe(record);
                    Assert.True(original == copy, $"{name}, buffer {bufferSize}: the copy differs\n{original}\n---\n{copy}");
                    var fresh = new DumpRecord();
                    record.CopyTo(fresh);
                    Assert.Equal(original, Describe(fresh));
                    checkedRecords++;
                }
            }
        }

        Assert.True(checkedRecords > 1000, $"only {checkedRecords} records checked");
    }

    [Fact]
    public void Read_ahead_hands_out_the_same_records_diagnostics_and_statistics_in_the_same_order()
    {
        foreach (var (name, bytes) in Inputs())
        {
            foreach (var bufferSize in new[] { 64, 1 << 20 })
            {
                var options = Options(bufferSize, BadRecordHandling.Collect);

                // Two inputs: the second repeats the first, so duplicate detection and its diagnostics take part too.
                var sources = new[] { Source(name, bytes), Source(name + " again", bytes) };
                var expected = new List<string>();
                using (var set = new DumpSetReader(sources, options))
                {
                    while (set.Read())
                    {
                        expected.Add(set.CurrentInput.Source.DisplayName + " " + set.CurrentInput.Statistics!.Bytes.ToString(CultureInfo.InvariantCulture) + "\n" + Describe(set.Current));
                    }

                    expected.Add(Summaries(set));
                }

                var actual = new List<string>();
                using (var set = new DumpSetReader(sources, options))
                {
                    DumpSetReadAhead.ForEach(set, (record, input, read) =>
                        actual.Add(input.Source.DisplayName + " " + read.ToString(CultureInfo.InvariantCulture) + "\n" + Describe(record)));
                    actual.Add(Summaries(set));
                }

                Assert.True(expected.SequenceEqual(actual), $"{name}, buffer {bufferSize}: read-ahead differs");
            }
        }
    }

    [Fact]
    public void A_reader_exception_arrives_after_the_records_read_before_it()
    {
        foreach (var (name, bytes) in Inputs().Where(i => i.Name.Contains("mutation", StringComparison.Ordinal)).Take(200))
        {
            var options = Options(64, BadRecordHandling.Throw);
            var expected = new List<string>();
            Exception? expectedError = null;
            using (var set = new DumpSetReader([Source(name, bytes)], options))
            {
                try
                {
                    while (set.Read())
                    {
                        expected.Add(Describe(set.Current));
                    }
                }
                catch (DumpFormatException ex)
                {
                    expectedError = ex;
                }
            }

            var actual = new List<string>();
            Exception? actualError = null;
            using (var set = new DumpSetReader([Source(name, bytes)], options))
            {
                try
                {
                    DumpSetReadAhead.ForEach(set, (record, _, _) => actual.Add(Describe(record)));
                }
                catch (DumpFormatException ex)
                {
                    actualError = ex;
                }
            }

            Assert.Equal(expected, actual);
            Assert.Equal(expectedError?.Message, actualError?.Message);
            Assert.Equal((expectedError as DumpFormatException)?.Position, (actualError as DumpFormatException)?.Position);
        }
    }

    [Fact]
    public void A_handler_exception_stops_the_reader_and_reaches_the_caller()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dn: cn=u{i},dc=x\ncn: u{i}\n\n");
        }

        using var set = new DumpSetReader([Source("many.ldif", Encoding.UTF8.GetBytes(text.ToString()))], Options(1 << 16, BadRecordHandling.Collect));
        var seen = 0;
        var error = Assert.Throws<InvalidOperationException>(() => DumpSetReadAhead.ForEach(set, (_, _, _) =>
        {
            if (++seen == 100)
            {
                throw new InvalidOperationException("stop here");
            }
        }));

        Assert.Equal("stop here", error.Message);
        Assert.Equal(100, seen);
    }

    private static DumpSource Source(string name, byte[] bytes) => DumpSource.FromStream(name, () => new MemoryStream(bytes));

    private static DumpOpenOptions Options(int bufferSize, BadRecordHandling handling) =>
        new() { ComputeSha256 = false, Reader = new DumpReaderOptions { BufferSize = bufferSize, OnBadRecord = handling } };

    /// <summary>Everything a record tells, in order.</summary>
    private static string Describe(DumpRecord r)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{r.Kind} {r.Position} add={r.IsChangeAdd} dn={Convert.ToHexString(r.DnUtf8)} {r.Dn} count={r.Count} controls={r.ControlCount}\n");
        for (var i = 0; i < r.Count; i++)
        {
            s.Append(CultureInfo.InvariantCulture, $"  {r.DescriptionStringAt(i)} [{Encoding.ASCII.GetString(r.NameAt(i))}] line {r.LineAt(i)} {r.EncodingAt(i)} {Convert.ToHexString(r.ValueAt(i))}\n");
        }

        for (var i = 0; i < r.ControlCount; i++)
        {
            var c = r.ControlAt(i);
            s.Append(CultureInfo.InvariantCulture, $"  control {c.Oid} {c.IsCritical} {(c.Value is null ? "-" : Convert.ToHexString(c.Value))} {c.ValueIsUrl} {c.Line}\n");
        }

        s.Append(CultureInfo.InvariantCulture, $"  duplicates={r.CountDuplicateValues()} entry={r.ToEntry()}");
        return s.ToString();
    }

    private static string Summaries(DumpSetReader set)
    {
        var s = new StringBuilder();
        foreach (var i in set.Inputs)
        {
            var st = i.Statistics;
            s.Append(CultureInfo.InvariantCulture, $"{i.Source.DisplayName} {i.Format} {i.Dialect} {i.Encoding} dup={i.DuplicateEntries} unique={i.UniqueEntries} errors={i.Errors} valid={i.IsValid}\n");
            if (st is not null)
            {
                s.Append(CultureInfo.InvariantCulture, $"  {st.Entries} {st.ChangeRecords} {st.SearchResults} {st.SearchReferences} {st.RejectedRecords} {st.Lines} {st.Bytes} {st.Errors} {st.Warnings} {st.FailedSearchCount} {st.SearchUnfinished} {st.Complete} {string.Join("|", st.FailedSearches)}\n");
            }

            foreach (var d in i.Diagnostics)
            {
                s.Append(CultureInfo.InvariantCulture, $"  {d}\n");
            }
        }

        s.Append(string.Join("\n", set.Conflicts));
        return s.ToString();
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RusSnapshot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
