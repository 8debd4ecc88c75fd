using System.Text;
using RusSnapshot.Dumps.SetupLog;

namespace RusSnapshot.Dumps.Tests.SetupLog;

/// <summary>The setup-log reader on logs written the way SETUPLOG.md shows them (Exchange 2016/2019 setup logs).</summary>
public sealed class SetupLogReaderTests
{
    /// <summary>One run with the RusMissing block of ExchangeSetup_DomainPrepRequired.log (condensed), CRLF like setup writes.</summary>
    internal const string OneRun =
        "[12/01/2022 00:48:02.0117] [0] **********************************************\r\n" +
        "[12/01/2022 00:48:02.0117] [0] Starting Microsoft Exchange Server 2019 Setup\r\n" +
        "[12/01/2022 00:48:02.0117] [0] **********************************************\r\n" +
        "[12/01/2022 00:48:02.0132] [0] Local time zone: (UTC-05:00) Eastern Time (US & Canada).\r\n" +
        "[12/01/2022 00:48:02.0132] [0] Operating system version: Microsoft Windows NT 6.2.9200.0.\r\n" +
        "[12/01/2022 00:48:02.0148] [0] Setup version: 15.2.1118.7.\r\n" +
        "[12/01/2022 00:48:02.0148] [0] Logged on user: CHILD\\Administrator.\r\n" +
        "[12/01/2022 00:48:02.0273] [0] Command Line Parameter Name='mode', Value='Install'.\r\n" +
        "[12/01/2022 00:49:41.0665] [1] Started [Rule:RusMissing] [Parent:RootAnalysisMember] [RuleType:Warning]\r\n" +
        "[12/01/2022 00:49:41.0680] [1] Evaluated [Setting:DomainNCName] [HasException:False] [Value:\"DC=Child,DC=Solo,DC=local\"] [ParentValue:\"<NULL>\"] [Thread:6] [Duration:00:00:00]\r\n" +
        "[12/01/2022 00:49:41.0711] [1] Evaluated [Setting:MicrosoftExchangeSystemObjectsCN] [HasException:False] [Value:\"Microsoft Exchange System Objects\"] [ParentValue:\"<NULL>\"] [Thread:6] [Duration:00:00:00.0312525]\r\n" +
        "[12/01/2022 00:49:41.0711] [1] Evaluated [Setting:RusName] [HasException:False] [Value:\"\"] [ParentValue:\"<NULL>\"] [Thread:6] [Duration:00:00:00.0467689]\r\n" +
        "[12/01/2022 00:49:41.0711] [1] Evaluated [Setting:ExchangeSerialNumber] [HasException:False] [Value:\"Version 15.2 (Build 30922.7)\"] [ParentValue:\"<NULL>\"] [Thread:6] [Duration:00:00:00]\r\n" +
        "[12/01/2022 00:49:41.0711] [1] Evaluated [Setting:Exchange200x] [HasException:False] [Value:\"False\"] [ParentValue:\"Version 15.2 (Build 30922.7)\"] [Thread:6] [Duration:00:00:00]\r\n" +
        "[12/01/2022 00:49:41.0711] [1] Evaluated [Rule:RusMissing] [HasException:False] [Value:\"False\"] [ParentValue:\"<NULL>\"] [Thread:6] [Duration:00:00:00.0467689]\r\n" +
        "[12/01/2022 00:49:41.0711] [1] Finished [Rule:RusMissing] [Duration:00:00:00.0467689]\r\n" +
        "[12/01/2022 00:52:10.0001] [0] The Exchange Server setup operation completed successfully.\r\n" +
        "[12/01/2022 00:52:10.0002] [0] End of Setup\r\n" +
        "[12/01/2022 00:52:10.0003] [0] **********************************************\r\n";

    [Fact]
    public void Reads_a_run_its_header_and_the_rus_missing_block_with_lines_and_times()
    {
        var (entries, reader) = ReadAll(OneRun);

        Assert.Empty(reader.Diagnostics);
        Assert.True(reader.Complete);
        Assert.Equal(19, reader.Lines);
        Assert.Equal(
            [
                SetupLogEntryKind.RunStart, SetupLogEntryKind.TimeZone, SetupLogEntryKind.SetupVersion, SetupLogEntryKind.LoggedOnUser,
                SetupLogEntryKind.CommandLineParameter, SetupLogEntryKind.Started, SetupLogEntryKind.Evaluated, SetupLogEntryKind.Evaluated,
                SetupLogEntryKind.Evaluated, SetupLogEntryKind.Evaluated, SetupLogEntryKind.Evaluated, SetupLogEntryKind.Evaluated,
                SetupLogEntryKind.Finished, SetupLogEntryKind.Succeeded, SetupLogEntryKind.RunEnd,
            ],
            entries.Select(e => e.Kind));

        var start = entries[0];
        Assert.Equal("2019", start.Name);
        Assert.Equal(2, start.Line);
        Assert.Equal(new DateTime(2022, 12, 1, 0, 48, 2, 117), start.Time);
        Assert.Equal(0, start.Level);
        Assert.Equal(TimeSpan.FromHours(-5), entries[1].UtcOffset);
        Assert.Equal("(UTC-05:00) Eastern Time (US & Canada).", entries[1].Value);
        Assert.Equal("15.2.1118.7", entries[2].Value);
        Assert.Equal("CHILD\\Administrator", entries[3].Value);
        Assert.Equal(("mode", "Install"), (entries[4].Name, entries[4].Value));

        var started = entries[5];
        Assert.Equal((SetupLogSubject.Rule, "RusMissing", "RootAnalysisMember", "Warning"), (started.Subject, started.Name, started.Parent, started.RuleType));
        var domain = entries[6];
        Assert.Equal((SetupLogSubject.Setting, "DomainNCName", "DC=Child,DC=Solo,DC=local", "<NULL>", false), (domain.Subject, domain.Name, domain.Value, domain.ParentValue, domain.HasException));
        Assert.Equal(10, domain.Line);
        Assert.Equal(1, domain.Level);
        Assert.Equal(string.Empty, entries[8].Value);
        Assert.Equal("Version 15.2 (Build 30922.7)", entries[10].ParentValue);
        var rule = entries[11];
        Assert.Equal((SetupLogSubject.Rule, "RusMissing", "False", 15L), (rule.Subject, rule.Name, rule.Value, rule.Line));
        Assert.Equal(new DateTime(2022, 12, 1, 0, 49, 41, 711), rule.Time);
    }

    [Fact]
    public void A_value_holding_quotes_and_brackets_and_running_over_continuation_lines_is_read_whole()
    {
        var log = Run(
            "[01/29/2024 03:33:01.0100] [1] Evaluated [Setting:Odd] [HasException:True] [Value:\"a \"quoted\"] [x] value\r\n" +
            "that goes on] here\r\n" +
            "\r\n" +
            "and ends\"] [ParentValue:\"p]\"] [Thread:3] [Duration:00:00:00]\r\n" +
            "[01/29/2024 03:33:01.0200] [1] Failed [Rule:LangPackBundleCheck] [Message:The language pack bundle could not be found or is corrupt.]\r\n" +
            "[01/29/2024 03:33:01.0300] [1] [REQUIRED] The language pack bundle could not be found or is corrupt.\r\n" +
            "[01/29/2024 03:33:01.0300] [1] Help URL: https://example.test/ms.exch.setupreadiness.LangPackBundleCheck.aspx\r\n" +
            "[01/29/2024 03:33:01.0400] [1] [RECOMENDED] Cannot find the Recipient Update Service responsible for domain 'DC=child,DC=corp,DC=test'.\r\n" +
            "   New and existing users may not be properly Exchange-enabled.\r\n");

        var (entries, reader) = ReadAll(log);

        Assert.Empty(reader.Diagnostics);
        var odd = Assert.Single(entries, e => e.Name == "Odd");
        Assert.Equal("a \"quoted\"] [x] value\nthat goes on] here\n\nand ends", odd.Value);
        Assert.Equal("p]", odd.ParentValue);
        Assert.True(odd.HasException);
        Assert.Equal(3, odd.Line);
        var failed = Assert.Single(entries, e => e.Kind == SetupLogEntryKind.Failed);
        Assert.Equal(("LangPackBundleCheck", "The language pack bundle could not be found or is corrupt."), (failed.Name, failed.Value));
        Assert.Contains(entries, e => e.Kind == SetupLogEntryKind.Required && e.Value == "The language pack bundle could not be found or is corrupt.");
        Assert.Contains(entries, e => e.Kind == SetupLogEntryKind.HelpUrl);
        var warning = Assert.Single(entries, e => e.Kind == SetupLogEntryKind.Recommended);
        Assert.StartsWith("Cannot find the Recipient Update Service responsible for domain 'DC=child,DC=corp,DC=test'.\n", warning.Value, StringComparison.Ordinal);
        Assert.Equal(10, warning.Line);
    }

    [Fact]
    public void A_cut_log_says_so_with_the_line_and_does_not_read_the_cut_entry()
    {
        var cut = OneRun[..OneRun.IndexOf("[Value:\"False\"] [ParentValue:\"<NULL>\"] [Thread:6] [Duration:00:00:00.0467689]", StringComparison.Ordinal)];

        var (entries, reader) = ReadAll(cut);

        Assert.False(reader.Complete);
        var d = Assert.Single(reader.Diagnostics);
        Assert.Equal(DiagnosticCodes.SetupLogTruncated.Id, d.Code);
        Assert.Equal(15, d.Position.Line);
        Assert.Equal("test.log", d.Position.Source);
        Assert.DoesNotContain(entries, e => e is { Subject: SetupLogSubject.Rule, Kind: SetupLogEntryKind.Evaluated });
        Assert.Equal("Exchange200x", entries[^1].Name); // the whole entry before the cut line is read
    }

    [Fact]
    public void A_cut_continuation_line_drops_the_entry_it_continues()
    {
        var (entries, reader) = ReadAll(Run("[01/29/2024 03:33:01.0400] [1] [RECOMENDED] Cannot find the Recipient Update Service\r\nresponsible for dom"));

        Assert.DoesNotContain(entries, e => e.Kind == SetupLogEntryKind.Recommended);
        var d = Assert.Single(reader.Diagnostics);
        Assert.Equal((DiagnosticCodes.SetupLogTruncated.Id, 4L, 3L), (d.Code, d.Position.Line, d.Position.RecordStartLine));
    }

    [Fact]
    public void Several_runs_appended_are_each_started_and_lf_only_lines_read_alike()
    {
        var (entries, reader) = ReadAll((OneRun + OneRun.Replace("2019", "2016", StringComparison.Ordinal)).Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Empty(reader.Diagnostics);
        var starts = entries.Where(e => e.Kind == SetupLogEntryKind.RunStart).ToList();
        Assert.Equal(["2019", "2016"], starts.Select(s => s.Name));
        Assert.Equal([2L, 21L], starts.Select(s => s.Line));
        Assert.Equal(38, reader.Lines);
    }

    [Fact]
    public void Dates_written_with_the_culture_separator_are_read_and_an_impossible_date_is_a_warning()
    {
        var (entries, reader) = ReadAll(
            "[11.14.2022 17:13:08.0074] [0] Starting Microsoft Exchange Server Subscription Edition Setup\r\n" +
            "[13/45/2022 17:13:08.0078] [0] Local time zone: (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna.\r\n" +
            "[11-14-2022 17:13:08.0081] [0] Setup version: 15.2.1118.7.\r\n");

        Assert.Equal("Subscription Edition", entries[0].Name);
        Assert.Equal(new DateTime(2022, 11, 14, 17, 13, 8, 74), entries[0].Time);
        Assert.Null(entries[1].Time);
        Assert.Equal(TimeSpan.FromHours(1), entries[1].UtcOffset);
        Assert.Equal(new DateTime(2022, 11, 14, 17, 13, 8, 81), entries[2].Time);
        var d = Assert.Single(reader.Diagnostics);
        Assert.Equal((DiagnosticCodes.SetupLogTime.Id, 2L, DiagnosticSeverity.Warning), (d.Code, d.Position.Line, d.Severity));
    }

    [Fact]
    public void A_readiness_line_without_its_fields_is_an_error_with_its_line_and_reading_goes_on()
    {
        var (entries, reader) = ReadAll(Run(
            "[01/29/2024 03:33:01.0100] [1] Evaluated [Rule:RusMissing] [HasException:Maybe] [Value:\"True\"] [ParentValue:\"<NULL>\"]\r\n" +
            "[01/29/2024 03:33:01.0200] [1] Evaluated [Rule:RusMissing] [Value:\"True\"]\r\n" +
            "[01/29/2024 03:33:01.0300] [1] Evaluated [Rule:RusMissing] [HasException:False] [Value:\"True\"] [ParentValue:\"<NULL>\"] [Thread:1] [Duration:00:00:00]\r\n"));

        Assert.Equal([3L, 4L], reader.Diagnostics.Select(d => d.Position.Line));
        Assert.All(reader.Diagnostics, d => Assert.Equal(DiagnosticCodes.SetupLogReadiness.Id, d.Code));
        Assert.All(reader.Diagnostics, d => Assert.DoesNotContain("RusMissing", d.Message, StringComparison.Ordinal)); // no log content in messages
        var rule = Assert.Single(entries, e => e.Kind == SetupLogEntryKind.Evaluated);
        Assert.Equal(5, rule.Line);
        Assert.Equal(2, reader.Errors);
    }

    [Fact]
    public void A_file_that_is_not_a_setup_log_says_so()
    {
        var (entries, reader) = ReadAll("dn: CN=x,DC=test\r\nobjectClass: top\r\n");

        Assert.Empty(entries);
        Assert.Equal(DiagnosticCodes.SetupLogNoRun.Id, Assert.Single(reader.Diagnostics).Code);
        Assert.True(reader.Complete);
    }

    [Fact]
    public void An_empty_log_says_so()
    {
        var (entries, reader) = ReadAll(string.Empty);

        Assert.Empty(entries);
        var d = Assert.Single(reader.Diagnostics);
        Assert.Equal((DiagnosticCodes.SetupLogNoRun.Id, 0L), (d.Code, d.Position.Line));
    }

    [Fact]
    public void An_entry_over_the_limit_is_skipped_without_being_kept_and_the_next_is_read()
    {
        var huge = "[01/29/2024 03:33:01.0100] [2] " + new string('x', 5000) + "\r\n" + new string('y', 5000) + "\r\n";
        var (entries, reader) = ReadAll(Run(huge + "[01/29/2024 03:33:02.0100] [0] End of Setup\r\n"), maxEntryChars: 4096);

        var d = Assert.Single(reader.Diagnostics);
        Assert.Equal((DiagnosticCodes.SetupLogEntryTooLong.Id, 3L), (d.Code, d.Position.Line));
        Assert.Equal(SetupLogEntryKind.RunEnd, entries[^1].Kind);
        Assert.Equal(5, entries[^1].Line);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_decoded()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(OneRun.Replace("Administrator", "Adminé", StringComparison.Ordinal))).ToArray();

        using var reader = new SetupLogReader(new MemoryStream(bytes), "u16.log");
        var entries = Drain(reader);

        Assert.Contains(entries, e => e.Kind == SetupLogEntryKind.LoggedOnUser && e.Value == "CHILD\\Adminé");
        Assert.Empty(reader.Diagnostics);
    }

    [Fact]
    public void Line_numbers_stay_right_across_read_buffer_boundaries()
    {
        var sb = new StringBuilder();
        sb.Append("[01/29/2024 03:32:36.0265] [0] Starting Microsoft Exchange Server 2016 Setup\r\n");
        for (var i = 0; i < 20_000; i++)
        {
            sb.Append("[01/29/2024 03:32:36.0265] [2] Some task detail line number ").Append(i).Append("\r\n");
        }

        sb.Append("[01/29/2024 03:34:07.0890] [0] End of Setup\r\n");
        var (entries, reader) = ReadAll(sb.ToString());

        Assert.Equal(20_002, reader.Lines);
        Assert.Equal([1L, 20_002L], entries.Select(e => e.Line));
        Assert.Empty(reader.Diagnostics);
    }

    [Fact]
    public void Hostile_input_never_throws()
    {
        // Pieces of real lines, shuffled: prefixes, brackets, quotes, field names, line breaks at random places.
        string[] pieces =
        [
            "[12/01/2022 00:49:41.0711] [1] ", "Evaluated [", "Rule:", "Setting:", "RusMissing", "] [HasException:", "False", "True",
            "] [Value:\"", "\"] [ParentValue:\"", "\"] [Thread:", "]", "[", "\"", "\r\n", "\n", "\r", "Started [", "Failed [",
            "[Message:", "Starting Microsoft Exchange Server ", " Setup", "Local time zone: (UTC", "+", "-", "05:00)", "Command Line Parameter Name='",
            "', Value='", "'", "[99/99/9999 99:99:99.9999]", "\u0000", "\uFFFD", "x",
        ];
        var random = new Random(14);
        for (var i = 0; i < 3000; i++)
        {
            var sb = new StringBuilder();
            for (var n = random.Next(1, 40); n > 0; n--)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }

            var (_, reader) = ReadAll(sb.ToString(), maxEntryChars: 64);
            Assert.True(reader.Lines >= 0);
        }
    }

    internal static string Run(string body) =>
        "[01/29/2024 03:32:36.0265] [0] Starting Microsoft Exchange Server 2016 Setup\r\n" +
        "[01/29/2024 03:32:36.0266] [0] Local time zone: (UTC) Coordinated Universal Time.\r\n" + body;

    private static (List<SetupLogEntry> Entries, SetupLogReader Reader) ReadAll(string text, int maxEntryChars = SetupLogReader.DefaultMaxEntryChars)
    {
        var reader = new SetupLogReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.log", maxEntryChars);
        return (Drain(reader), reader);
    }

    private static List<SetupLogEntry> Drain(SetupLogReader reader)
    {
        var entries = new List<SetupLogEntry>();
        while (reader.Read() is { } e)
        {
            entries.Add(e);
        }

        return entries;
    }
}
