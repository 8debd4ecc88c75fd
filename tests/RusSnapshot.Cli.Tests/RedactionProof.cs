using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RusSnapshot.Analysis.Redaction;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Cli.Tests;

/// <summary>
/// The proof that a redaction is sound (issue 12, item 2): the redacted dump analyses to the same findings for the
/// renamed subjects, and no identifying value of the input survives anywhere in the output.
/// </summary>
internal static partial class RedactionProof
{
    /// <summary>The test key: fixed, so that a failure reproduces.</summary>
    public const string Key = "russnap redaction tests: a fixed key of more than 16 bytes";

    /// <summary>Tokens shorter than this are searched as whole tokens only; longer ones also as substrings of every text.</summary>
    private const int SubstringSearchLength = 8;

    /// <summary>Redacts <paramref name="inputs"/> into <paramref name="folder"/>/out with the test key and a mapping file, and returns the run.</summary>
    public static Redaction Redact(IReadOnlyList<string> inputs, string folder, string? encoding = null)
    {
        var keyFile = Path.Combine(folder, "test.key");
        File.WriteAllText(keyFile, Key);
        var output = Path.Combine(folder, "out");
        var map = Path.Combine(folder, "map.json");
        var args = new List<string> { "redact" };
        args.AddRange(inputs);
        args.AddRange(["-o", output, "--key", keyFile, "--map", map]);
        if (encoding is not null)
        {
            args.AddRange(["--encoding", encoding]);
        }

        var run = CliRunner.Run([.. args]);
        Assert.True(run.ExitCode == 0, $"redact exited {run.ExitCode}\n{run.Output}\n{run.Error}");
        return new Redaction(inputs, output, keyFile, map);
    }

    /// <summary>Asserts that the original and the redacted dump give the same analysis, names aside.</summary>
    public static void AssertSameFindings(Redaction redaction, string folder, string? encoding = null)
    {
        var before = Analyze(redaction.Inputs, Path.Combine(folder, "before"), encoding);
        var after = Analyze(redaction.Outputs, Path.Combine(folder, "after"), encoding);
        using var pseudonyms = redaction.OpenPseudonyms();
        var values = new ValueRedactor(pseudonyms);
        var files = redaction.Files();

        string Rename(string? subject)
        {
            if (string.IsNullOrEmpty(subject))
            {
                return string.Empty;
            }

            // RSN1001 names an input by its path or file name: the redacted input's.
            if (files.TryGetValue(subject, out var output))
            {
                return output;
            }

            var byName = files.Where(f => string.Equals(Path.GetFileName(f.Key), subject, StringComparison.Ordinal)).Select(f => Path.GetFileName(f.Value)).ToList();
            return byName.Count == 1 ? byName[0] : values.Text(subject);
        }

        var expected = Findings(before, Rename);
        var actual = Findings(after, s => s ?? string.Empty);
        Assert.True(expected.SequenceEqual(actual, StringComparer.Ordinal),
            $"findings differ:\n  expected (original, renamed):\n    {string.Join("\n    ", expected)}\n  actual (redacted):\n    {string.Join("\n    ", actual)}");

        // Counts, coverage and verdict: the summary, each domain's recipients and coverage, the servers and RUS instances.
        var summaryBefore = before.GetProperty("summary");
        var summaryAfter = after.GetProperty("summary");
        foreach (var counter in new[] { "errors", "warnings", "infos", "notApplicable", "suppressed", "verdict", "domainsKnown" })
        {
            Assert.Equal(summaryBefore.GetProperty(counter).ToString(), summaryAfter.GetProperty(counter).ToString());
        }

        foreach (var list in new[] { "domainsCovered", "domainsMissing", "domainsNotJudged" })
        {
            Assert.Equal(summaryBefore.GetProperty(list).EnumerateArray().Select(d => Rename(d.GetString())).Order(StringComparer.Ordinal),
                summaryAfter.GetProperty(list).EnumerateArray().Select(d => d.GetString() ?? string.Empty).Order(StringComparer.Ordinal));
        }

        Assert.Equal(Domains(before, Rename), Domains(after, s => s ?? string.Empty));
        Assert.Equal(before.GetProperty("forest").GetProperty("unassignedRecipients").ToString(), after.GetProperty("forest").GetProperty("unassignedRecipients").ToString());
        Assert.Equal(Servers(before), Servers(after));
        Assert.Equal(before.GetProperty("exchange").GetProperty("rusInstances").GetArrayLength(), after.GetProperty("exchange").GetProperty("rusInstances").GetArrayLength());

        // Each input read back in the same format, dialect and encoding (an AD Explorer snapshot as the ldifde export of
        // the same objects), with as many entries, duplicates, errors and warnings.
        Assert.Equal(Inputs(before, p => files.TryGetValue(p, out var o) ? o : p).Select(i => i.Replace(" adexplorer adexplorer binary ", " ldif ldifde utf-8 ", StringComparison.Ordinal)),
            Inputs(after, p => p));
    }

    /// <summary>Asserts that nothing identifying of the inputs is in the output folder, in any encoding the inputs used, or inside decoded values.</summary>
    public static void AssertNothingLeaks(Redaction redaction, params string[] mustBeIdentifying)
    {
        var secrets = Identifying.Collect(redaction.Inputs);
        using (var pseudonyms = redaction.OpenPseudonyms())
        {
            // A token of the input that is also another token's pseudonym is a pseudonym in the output, not a leak.
            secrets.Tokens.ExceptWith(pseudonyms.Tokens.Values.Select(p => p.Replace("\0", string.Empty, StringComparison.Ordinal)));
        }

        foreach (var name in mustBeIdentifying)
        {
            Assert.True(secrets.Tokens.Contains(name.ToLowerInvariant()), $"'{name}' should be an identifying token of the input; tokens: {string.Join(", ", secrets.Tokens.Order(StringComparer.Ordinal))}");
        }

        Assert.NotEmpty(secrets.Tokens);
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(redaction.Output))
        {
            var raw = File.ReadAllBytes(file);
            var read = DumpSource.IsDumpFileName(file) ? ReadValues(file) : []; // a collector manifest is searched as text
            var values = read.Select(v => v.Bytes).ToList();

            // Whole tokens are looked for in the file as text (in each encoding of the inputs) and in every decoded text
            // value; binary values (random bytes, where any short token turns up by chance) are searched for the longer
            // tokens, the addresses, SIDs and GUIDs, as UTF-8 and UTF-16 text and as bytes.
            var texts = secrets.Encodings.Select(e => e.GetString(raw)).Concat(read.Where(v => !v.Binary).Select(v => Encoding.UTF8.GetString(v.Bytes)))
                .Select(t => t.ToLowerInvariant()).ToList();
            var binaries = read.Where(v => v.Binary).SelectMany(v => new[] { Encoding.UTF8.GetString(v.Bytes), v.Bytes.Length % 2 == 0 ? Encoding.Unicode.GetString(v.Bytes) : string.Empty })
                .Select(t => t.ToLowerInvariant()).ToList();
            var lower = texts.Concat(binaries).ToList();
            var tokens = texts.SelectMany(Tokens).ToHashSet(StringComparer.Ordinal);
            var name = Path.GetFileName(file);

            found.AddRange(secrets.Tokens.Where(t => tokens.Contains(t) || (t.Length >= SubstringSearchLength && lower.Any(x => x.Contains(t, StringComparison.Ordinal))))
                .Select(t => $"{name}: name token '{t}'"));
            found.AddRange(secrets.Strings.Where(s => lower.Any(x => x.Contains(s, StringComparison.Ordinal))).Select(s => $"{name}: '{s}'"));
            foreach (var (label, bytes) in secrets.Binaries)
            {
                if (raw.AsSpan().IndexOf(bytes) >= 0 || values.Any(v => v.AsSpan().IndexOf(bytes) >= 0))
                {
                    found.Add($"{name}: binary {label}");
                }
            }

            Assert.DoesNotContain(secrets.FileNameTokens, t => Tokens(name.ToLowerInvariant()).Contains(t, StringComparer.Ordinal));
        }

        Assert.True(found.Count == 0, $"{found.Count} identifying value(s) survived:\n  {string.Join("\n  ", found.Take(40))}");
    }

    /// <summary>Every value of every record of a dump file, decoded (base64 and hex included), and whether it is binary.</summary>
    private static List<(byte[] Bytes, bool Binary)> ReadValues(string file)
    {
        var values = new List<(byte[] Bytes, bool Binary)>();
        var options = new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } };
        using var opened = DumpOpener.Open(DumpSource.Expand([file])[0], options);
        while (opened.Reader.Read())
        {
            var r = opened.Reader.Current;
            values.Add((r.DnUtf8.ToArray(), false));
            for (var i = 0; i < r.Count; i++)
            {
                values.Add((r.ValueAt(i).ToArray(), EntryRedactor.IsBinary(Encoding.ASCII.GetString(r.NameAt(i)), r.ValueAt(i), r.EncodingAt(i))));
            }
        }

        // An error that only says the dump is incomplete (a search stopped at a size limit) is the input's, reproduced.
        var bad = opened.Reader.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && DiagnosticCodes.Find(d.Code)?.Effect != DiagnosticEffect.DumpIncomplete).ToList();
        Assert.True(bad.Count == 0 && opened.Reader.Statistics.RejectedRecords == 0, $"{file}: the redacted dump does not read back cleanly: {string.Join("; ", bad)}");
        return values;
    }

    private static JsonElement Analyze(IReadOnlyList<string> inputs, string folder, string? encoding)
    {
        var args = new List<string> { "analyze" };
        args.AddRange(inputs);
        args.AddRange(["-o", folder, "--format", "json", "--timestamp", "2026-01-01T00:00:00Z", "--fail-on", "never"]);
        if (encoding is not null)
        {
            args.AddRange(["--encoding", encoding]);
        }

        var run = CliRunner.Run([.. args]);
        Assert.True(run.ExitCode is 0 or 3, $"analyze exited {run.ExitCode}\n{run.Output}\n{run.Error}");
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "russnap-report.json")));
        return document.RootElement.Clone();
    }

    private static List<string> Findings(JsonElement report, Func<string?, string> rename) =>
        [.. report.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("kind").GetString()} {f.GetProperty("severity").GetString()} {f.GetProperty("messageId").GetString()} {rename(f.GetProperty("subject").GetString())} evidence={f.GetProperty("evidence").GetArrayLength()}")
            .Order(StringComparer.Ordinal)];

    private static List<string> Domains(JsonElement report, Func<string?, string> rename) =>
        [.. report.GetProperty("forest").GetProperty("domains").EnumerateArray()
            .Select(d => $"{rename(d.GetProperty("dn").GetString())} parent={rename(d.GetProperty("parentDn").ValueKind == JsonValueKind.Null ? null : d.GetProperty("parentDn").GetString())} enabled={d.GetProperty("enabled")} root={d.GetProperty("isForestRoot")} inDump={d.GetProperty("partitionInDump")} prepared={d.GetProperty("prepared")} coverage={d.GetProperty("coverage")} rus={d.GetProperty("rusInstances").GetArrayLength()} recipients={d.GetProperty("recipients")}")
            .Order(StringComparer.Ordinal)];

    private static List<string> Servers(JsonElement report) =>
        [.. report.GetProperty("exchange").GetProperty("servers").EnumerateArray()
            .Select(s => $"{s.GetProperty("version")} {s.GetProperty("build")} {s.GetProperty("generation")} frontEnd={s.GetProperty("frontEnd")}")
            .Order(StringComparer.Ordinal)];

    private static List<string> Inputs(JsonElement report, Func<string, string> rename) =>
        [.. report.GetProperty("inputs").EnumerateArray()
            .Select(i => $"{Path.GetFileName(rename(i.GetProperty("path").GetString()!))} {i.GetProperty("format")} {i.GetProperty("dialect")} {i.GetProperty("encoding")} entries={i.GetProperty("entries")} duplicates={i.GetProperty("duplicates")} errors={i.GetProperty("errors")} warnings={i.GetProperty("warnings")} complete={i.GetProperty("complete")}")
            .Order(StringComparer.Ordinal)];

    /// <summary>Runs of letters and digits (combining marks join the letter before them).</summary>
    internal static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inToken = i < text.Length && (char.IsLetterOrDigit(text, i) || char.IsSurrogate(text[i])
                || char.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark);
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    /// <summary>One redaction run: its inputs, output folder, key and mapping.</summary>
    internal sealed record Redaction(IReadOnlyList<string> Inputs, string Output, string KeyFile, string MapFile)
    {
        public IReadOnlyList<string> Outputs => [.. Directory.GetFiles(Output).Where(DumpSource.IsDumpFileName).Order(StringComparer.Ordinal)];

        /// <summary>The name map of the run, rebuilt from its key and mapping file.</summary>
        public Pseudonyms OpenPseudonyms()
        {
            var pseudonyms = new Pseudonyms(RedactionKey.FromFile(KeyFile));
            Commands.MappingFile.Load(MapFile, pseudonyms);
            return pseudonyms;
        }

        /// <summary>Each input's display name to the path of its redacted file.</summary>
        public Dictionary<string, string> Files()
        {
            using var document = JsonDocument.Parse(File.ReadAllText(MapFile));
            return document.RootElement.GetProperty("files").EnumerateArray()
                .ToDictionary(f => f.GetProperty("input").GetString()!, f => Path.Combine(Output, f.GetProperty("output").GetString()!), StringComparer.Ordinal);
        }
    }

    /// <summary>What identifies the customer in a dump, collected independently of the redactor's own tokenizer.</summary>
    private sealed partial class Identifying
    {
        public HashSet<string> Tokens { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Strings { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, byte[]> Binaries { get; } = new(StringComparer.Ordinal);

        public HashSet<string> FileNameTokens { get; } = new(StringComparer.Ordinal);

        public List<Encoding> Encodings { get; } = [];

        private readonly HashSet<string> _kept = new(StringComparer.Ordinal);

        /// <summary>
        /// Attributes whose values name no one (class names, product and version strings, schema identifiers): the
        /// test's own list, not the redactor's, so that an attribute wrongly kept by the redactor shows as a leak.
        /// </summary>
        private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
        {
            "objectClass", "structuralObjectClass", "serialNumber", "operatingSystem", "operatingSystemVersion", "operatingSystemServicePack",
            "lDAPDisplayName", "attributeID", "governsID", "attributeSyntax", "oMSyntax", "subClassOf", "rightsGuid",
        };

        public static Identifying Collect(IReadOnlyList<string> inputs)
        {
            var result = new Identifying();
            var encodings = new HashSet<int>();
            foreach (var source in DumpSource.Expand(inputs))
            {
                var options = new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } };
                using var opened = DumpOpener.Open(source, options);
                while (opened.Reader.Read())
                {
                    result.Add(opened.Reader.Current);
                }

                var encoding = opened.EncodingName.Split(' ')[0];
                var e = encoding.StartsWith("utf-16le", StringComparison.Ordinal) ? Encoding.Unicode
                    : encoding.StartsWith("utf-16be", StringComparison.Ordinal) ? Encoding.BigEndianUnicode
                    : encoding is "utf-8" or "utf-8-bom" or "ascii" ? Encoding.UTF8
                    : encoding == "binary" ? Encoding.Unicode // an AD Explorer snapshot holds its strings as UTF-16LE
                    : DumpEncodings.Resolve(encoding);
                if (encodings.Add(e.CodePage))
                {
                    result.Encodings.Add(e);
                }

                if (Dumps.Manifest.CollectionManifestFile.ReadBeside(source.Path) is { } manifest)
                {
                    result.Add(manifest);
                }

                var file = Path.GetFileName(source.Path).ToLowerInvariant();
                foreach (var t in RedactionProof.Tokens(file).Where(t => IsName(t) && !RedactionVocabulary.KeepWords.Contains(t) && t is not ("ldf" or "ldif" or "csv" or "zip" or "dat")))
                {
                    result.FileNameTokens.Add(t);
                }
            }

            result.Encodings.Add(Encoding.UTF8);
            result.Tokens.ExceptWith(result._kept);
            return result;
        }

        private void Add(DumpRecord record)
        {
            var vocabulary = DistinguishedName.TryParse(record.Dn, out var dn) && ValueRedactor.InVocabularyContainer(dn);
            AddDn(record.Dn);
            for (var i = 0; i < record.Count; i++)
            {
                var type = Encoding.ASCII.GetString(record.NameAt(i));
                var value = record.ValueAt(i);
                if (EntryRedactor.IsBinary(type, value, record.EncodingAt(i)))
                {
                    AddBinary(type, value);
                    continue;
                }

                var text = Encoding.UTF8.GetString(value);
                if (record.Kind is DumpRecordKind.SearchResult && type is "search" or "result" or "control" or "pagedresults")
                {
                    continue;
                }

                if (NotNames.Contains(type) || (vocabulary && !(DistinguishedName.TryParse(text, out var v) && v.Depth >= 2)))
                {
                    Keep(text);
                    continue;
                }

                if (DistinguishedName.TryParse(text, out var parsed) && parsed.Depth >= 2)
                {
                    AddDn(text);
                    continue;
                }

                if (text.StartsWith('(') && text.EndsWith(')') && FilterItem().IsMatch(text))
                {
                    // An LDAP filter: attribute names and class names are structure; the asserted values are what may name things.
                    foreach (Match m in FilterItem().Matches(text))
                    {
                        Keep(m.Groups[1].Value);
                        if (m.Groups[1].Value.Equals("objectClass", StringComparison.OrdinalIgnoreCase) || m.Groups[1].Value.Equals("objectCategory", StringComparison.OrdinalIgnoreCase))
                        {
                            Keep(m.Groups[2].Value);
                        }
                        else
                        {
                            AddText(m.Groups[2].Value);
                        }
                    }

                    continue;
                }

                AddText(text);
                if (type.Equals("mail", StringComparison.OrdinalIgnoreCase) || type.Equals("userPrincipalName", StringComparison.OrdinalIgnoreCase)
                    || type.Equals("proxyAddresses", StringComparison.OrdinalIgnoreCase) || type.Equals("targetAddress", StringComparison.OrdinalIgnoreCase))
                {
                    var address = text.Contains(':', StringComparison.Ordinal) && !text.StartsWith('/') ? text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..] : text;
                    if (address.Contains('@', StringComparison.Ordinal) && address.Length > 3)
                    {
                        Strings.Add(address.ToLowerInvariant());
                    }
                }
            }
        }

        /// <summary>What a collector's manifest names: servers, the bound identity, naming contexts, referrals, what was not read.</summary>
        private void Add(Dumps.Manifest.CollectionManifest m)
        {
            AddText(m.Server.Host);
            AddText(m.Server.DnsHostName ?? string.Empty);
            AddText(m.Bind.Identity ?? string.Empty);
            foreach (var nc in m.NamingContexts)
            {
                AddDn(nc.Dn);
                AddText(nc.DnsName ?? string.Empty);
                AddText(nc.Server);
                nc.Referrals.ToList().ForEach(AddText);
            }

            foreach (var unread in m.Unread)
            {
                AddText(unread.Subject);
                AddText(unread.Server ?? string.Empty);
                AddText(unread.Message);
            }

            // The manifest's own words (its kinds, statuses, reasons, transport...) name nothing.
            Keep(string.Join(" ", m.Unread.Select(u => u.Reason switch
            {
                Dumps.Manifest.UnreadReason.ServerError => "serverError",
                Dumps.Manifest.UnreadReason.AccessDenied => "accessDenied",
                var other => other.ToString(),
            })));
            Keep($"{m.Tool.Name} {m.Tool.Version} {m.Server.Transport} {m.Bind.Method} {m.Scope} {m.Dump.Format}");
            m.NamingContexts.ToList().ForEach(nc => Keep($"{nc.Kind} {nc.Status}"));
            if (System.Net.IPAddress.TryParse(m.Server.Host, out _))
            {
                Strings.Add(m.Server.Host);
            }
        }

        private void AddDn(string text)
        {
            if (!DistinguishedName.TryParse(text, out var dn))
            {
                AddText(text);
                return;
            }

            var inVocabulary = ValueRedactor.InVocabularyContainer(dn);
            var rdns = dn.Rdns;
            var keptBefore = 0;
            if (inVocabulary)
            {
                // The RDNs above the vocabulary container name product objects (schema classes, rights).
                for (var i = 1; i < rdns.Count; i++)
                {
                    if (RedactionVocabulary.VocabularyContainers.Contains(rdns[i].Value))
                    {
                        keptBefore = i;
                        break;
                    }
                }
            }

            for (var i = 0; i < rdns.Count; i++)
            {
                foreach (var pair in rdns[i].Pairs)
                {
                    if (i < keptBefore)
                    {
                        Keep(pair.Value);
                    }
                    else
                    {
                        AddText(pair.Value);
                    }
                }
            }
        }

        private void AddText(string text)
        {
            // GUIDs and SIDs are secrets as a whole, not as hex or digit tokens (and the well-known GUIDs are kept).
            foreach (Match m in GuidText().Matches(text))
            {
                var guid = Guid.Parse(m.Value);
                if (!RedactionVocabulary.WellKnownGuids.Contains(guid))
                {
                    AddGuid(guid);
                }
            }

            foreach (Match m in SidText().Matches(text))
            {
                Strings.Add(m.Value.ToLowerInvariant());
            }

            var rest = SidText().Replace(GuidText().Replace(text, " "), " ");
            foreach (var token in RedactionProof.Tokens(rest))
            {
                if (IsName(token) && !RedactionVocabulary.KeepWords.Contains(token))
                {
                    Tokens.Add(token.ToLowerInvariant());
                }
            }
        }

        private void Keep(string text)
        {
            foreach (var token in RedactionProof.Tokens(text))
            {
                _kept.Add(token.ToLowerInvariant());
            }
        }

        private void AddBinary(string type, ReadOnlySpan<byte> value)
        {
            if (RedactionVocabulary.IsGuidAttribute(type) && value.Length == 16)
            {
                var guid = new Guid(value);
                if (!RedactionVocabulary.WellKnownGuids.Contains(guid))
                {
                    AddGuid(guid);
                }

                return;
            }

            // Domain SIDs, alone or inside security descriptors: S-1-5-21-a-b-c, as text and as their 12 bytes.
            for (var i = 0; i + 24 <= value.Length; i++)
            {
                if (value[i] == 1 && value[i + 1] is >= 4 and <= 15 && value.Slice(i + 2, 10).SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 0, 0, 5, 21, 0, 0, 0]))
                {
                    var domain = value.Slice(i + 12, 12).ToArray();
                    var text = $"s-1-5-21-{BitConverter.ToUInt32(domain, 0)}-{BitConverter.ToUInt32(domain, 4)}-{BitConverter.ToUInt32(domain, 8)}";
                    Strings.Add(text);
                    Binaries[text] = domain;
                }
            }
        }

        private void AddGuid(Guid guid)
        {
            var bytes = guid.ToByteArray();
            Strings.Add(guid.ToString("D"));
            Strings.Add(Convert.ToHexStringLower(bytes));   // csvde's X'...' and <GUID=...> forms hold the bytes in order
            Binaries["guid " + guid.ToString("D")] = bytes;
        }

        /// <summary>A token that can name something: three characters or more, with a letter.</summary>
        private static bool IsName(string token) =>
            token.Count(c => !char.IsLowSurrogate(c)) >= RedactionVocabulary.MinimumTokenLength && token.Any(char.IsLetter);

        [GeneratedRegex(@"\b[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\b")]
        private static partial Regex GuidText();

        [GeneratedRegex(@"\bS-1-5-21-\d+-\d+-\d+", RegexOptions.IgnoreCase)]
        private static partial Regex SidText();

        [GeneratedRegex(@"\(\s*([A-Za-z0-9][A-Za-z0-9;.:\-]*?)\s*(?:~=|>=|<=|:=|=)([^()]*)\)")]
        private static partial Regex FilterItem();
    }
}
