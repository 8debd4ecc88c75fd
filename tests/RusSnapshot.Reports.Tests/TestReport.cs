using System.Collections.Immutable;
using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Model;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.SetupLogs;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Dumps;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Reports.Tests;

/// <summary>
/// One hand-built forest that every writer renders: a covered domain, a domain without a RUS (RSN2001), a domain
/// whose partition is missing; an Exchange 2003 and an Exchange 2007 server; RUS instances including one on a
/// deleted server; and hostile values everywhere (markup, pipes, emphasis, backticks, LF/CR/NUL/bidi controls,
/// <c>\0ADEL:</c>, non-ASCII, very long DNs).
/// </summary>
internal static class TestReport
{
    public const string Script = "<script>alert(1)</script>";

    public static readonly DateTimeOffset Timestamp = new(2026, 11, 24, 10, 30, 0, TimeSpan.Zero);

    public const string Config = "CN=Configuration,DC=contoso,DC=test";
    public const string RootDn = "DC=contoso,DC=test";
    public const string MissingDn = "DC=emea\\<script\\>,DC=contoso,DC=test";
    public const string AbsentDn = "DC=Ren\u00e9e\\, `tick`,DC=fabrikam,DC=test";
    public const string Org = "CN=First Organization,CN=Microsoft Exchange,CN=Services," + Config;
    public const string AdminGroup = "CN=First Administrative Group,CN=Administrative Groups," + Org;
    public const string Ex2003Dn = "CN=EX2003,CN=Servers," + AdminGroup;
    public const string Ex2007Dn = "CN=EX2007 | pipe,CN=Servers," + AdminGroup;
    public const string DeletedServerDn = "CN=EX2000\\0ADEL:6f1c7c1e-0f0b-4b6e-9a59-1d2b3c4d5e6f,CN=Deleted Objects," + Config;
    public const string RusContainer = "CN=Recipient Update Services,CN=Address Lists Container," + Org;
    public const string LdifName = "exports/contoso <script>.ldif";
    public const string CsvName = "exports/ren\u00e9e | `x`.csv";

    /// <summary>An RDN of 300 characters: DNs far longer than a screen is wide.</summary>
    public static readonly string LongRdn = "CN=Recipient Update Service (" + new string('x', 150) + " **bold** " + new string('y', 130) + ")";

    private static readonly Lazy<AnalysisResult> LazyResult = new(MakeResult);

    public static AnalysisResult Result => LazyResult.Value;

    public static ReportOptions Options(ReportLanguage language) => new()
    {
        Language = language,
        Timestamp = Timestamp,
        ToolVersion = "0.1.0-test",
        CommandLine = "russnap analyze \"exports/*\" --format md,json,html --lang " + language.ToCode() + " --timestamp 2026-11-24T10:30:00Z",
    };

    public static ReportDocument Document(ReportLanguage language) => ReportBuilder.Build(Result, Options(language));

    private static AnalysisResult MakeResult()
    {
        var model = Model();
        var options = new AnalysisOptions
        {
            Today = new DateOnly(2026, 11, 24),
            HashInputs = false,
            SeverityOverrides = ImmutableDictionary<string, Severity>.Empty.Add(RuleIds.ConflictingDuplicate, Severity.Info),
            Suppressions = [new Suppression(RuleIds.RusForUnknownDomain, null, "Known leftover <b>bold</b> | pipe\nsecond line `code`")],
        };
        return new AnalysisResult
        {
            Forest = model,
            Findings = ForestAnalyzer.Evaluate(model, options),
            Rules = RuleCatalog.Descriptors,
            Inputs =
            [
                new InputReport
                {
                    Path = LdifName,
                    Format = "ldif",
                    Dialect = "ldifde",
                    Encoding = "utf-8",
                    Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    Entries = 1234,
                    Duplicates = 1,
                    Errors = 3,
                    Warnings = 2,
                    Complete = false,
                },
                new InputReport
                {
                    Path = CsvName,
                    Format = "csv",
                    Dialect = "csvde",
                    Encoding = "windows-1252",
                    Sha256 = null,
                    Entries = 56,
                    Complete = true,
                    CollectedBy = "russnap-collect 0.1.0, 2026-11-20T10:00:00Z, dc1.contoso.test\r\n# **evil** | [link](http://example.invalid) \0 \u202Egnp.exe",
                },
            ],
            Entries = 1289,
        };
    }

    private static ForestModel Model()
    {
        var line = 10L;
        DumpEntry Entry(string dn, params (string Attribute, string Value)[] attributes)
        {
            var start = line;
            var attrs = attributes.Select(a => new DumpAttribute(a.Attribute, [new DumpValue(System.Text.Encoding.UTF8.GetBytes(a.Value), Line: ++line)])).ToList();
            line += 2;
            return new DumpEntry(dn, attrs, new DumpPosition(LdifName, start, start));
        }

        DomainInfo Domain(string dn, string dns, string netbios, bool inDump, bool prepared, RecipientCounts counts, bool root = false, string? parent = null) => new()
        {
            Dn = dn,
            DnsName = dns,
            NetbiosName = netbios,
            CrossRef = Entry($"CN={netbios},CN=Partitions,{Config}", ("nCName", dn), ("dnsRoot", dns), ("nETBIOSName", netbios)),
            Enabled = true,
            IsForestRoot = root,
            ParentDn = parent,
            PartitionInDump = inDump,
            Head = inDump ? Entry(dn, ("objectClass", "domainDNS")) : null,
            ExchangeSystemObjects = prepared ? Entry("CN=Microsoft Exchange System Objects," + dn, ("objectClass", "msExchSystemObjectsContainer")) : null,
            Recipients = counts,
        };

        var domains = ImmutableArray.Create(
            Domain(AbsentDn, "ren\u00e9e.fabrikam.test", "REN\u00c9E`", inDump: false, prepared: false, RecipientCounts.None),
            Domain(MissingDn, "emea<script>alert(1)</script>.contoso.test", "EMEA | pipe **bold**", inDump: true, prepared: true,
                new RecipientCounts(MailEnabled: 40, Stamped: 10, Unstamped: 28, OptedOut: 2, Mailboxes: 35), parent: RootDn),
            Domain(RootDn, "contoso.test", "CONTOSO", inDump: true, prepared: true,
                new RecipientCounts(MailEnabled: 1200, Stamped: 1190, Unstamped: 0, OptedOut: 10, Mailboxes: 1100), root: true));

        ExchangeServerInfo Server(string dn, string name, string attribute, string value, bool frontEnd = false) => new()
        {
            Dn = dn,
            Name = name,
            Version = attribute == "serialNumber" ? ExchangeVersion.From(value, null) : ExchangeVersion.From(null, value),
            IsFrontEnd = frontEnd,
            AdministrativeGroup = "First Administrative Group",
            Entry = Entry(dn, (attribute, value)),
        };

        RusInstanceInfo Rus(string rdn, string name, string? domainLink, string? serverLink, string? dc = null)
        {
            var dn = rdn + "," + RusContainer;
            var attributes = new List<(string, string)> { ("cn", name) };
            if (domainLink is not null)
            {
                attributes.Add(("msExchDomainLink", domainLink));
            }

            if (serverLink is not null)
            {
                attributes.Add(("msExchAddressListServiceLink", serverLink));
            }

            if (dc is not null)
            {
                attributes.Add(("msExchServer1NetworkAddress", dc));
            }

            return new RusInstanceInfo
            {
                Dn = dn,
                Name = name,
                DomainLink = domainLink,
                ServerLink = serverLink,
                DomainController = dc,
                Entry = Entry(dn, [.. attributes]),
            };
        }

        return new ForestModel
        {
            ConfigurationDn = Config,
            Domains = domains,
            Organization = new ExchangeOrganizationInfo(Org, "First Organization", Entry(Org, ("objectClass", "msExchOrganizationContainer"))),
            AdministrativeGroups = ["First Administrative Group", "AG | `two` *it*"],
            Servers =
            [
                Server(Ex2007Dn, "EX2007 | pipe", "versionNumber", "1912832083"),
                Server(Ex2003Dn, "EX2003", "serialNumber", "Version 6.5 (Build 7638.2: Service Pack 2)"),
            ],
            RusInstances =
            [
                Rus("CN=Recipient Update Service (Enterprise Configuration)", "Recipient Update Service (Enterprise Configuration)", Config, Ex2003Dn),
                Rus("CN=Recipient Update Service (CONTOSO)", "Recipient Update Service (CONTOSO)", RootDn, Ex2003Dn, "dc1.contoso.test"),
                Rus("CN=Recipient Update Service (OLD)", "Recipient Update Service (OLD) on a deleted server", RootDn, DeletedServerDn),
                Rus("CN=RUS\\0ALF", "RUS E2007 **bold**\nsecond line\rCR `tick` " + Script, "DC=gone,DC=contoso,DC=test", Ex2007Dn),
                Rus(LongRdn, LongRdn[3..], RootDn, Ex2003Dn),
            ],
            Completeness = new DumpCompleteness
            {
                HasPartitions = true,
                HasSites = false,
                HasExchangeServices = true,
                Inputs =
                [
                    new InputReading(LdifName, null, RejectedRecords: 2, Errors: 3, Complete: true,
                        [new DumpDiagnostic(new DumpPosition(LdifName, 77, 77), DiagnosticSeverity.Error, "LDIF-BASE64", "bad base64 in 'description' " + Script)],
                        0, [], false),
                ],
                Conflicts =
                [
                    new DuplicateConflict("CN=Dup | `x`,OU=Users," + RootDn, new DumpPosition(LdifName, 100, 100), new DumpPosition(CsvName, 7, 7)),
                ],
            },
            UnassignedRecipients = new RecipientCounts(MailEnabled: 5, Stamped: 3, Unstamped: 2, OptedOut: 0, Mailboxes: 1),
            Time = new DumpTime(null, null, new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), null),
            SetupLogs = [FiredForMissingDomain(), CutAndDisagreeing()],
        };
    }

    public const string SetupLogName = "logs/ExchangeSetup <script>.log";

    /// <summary>A run whose RusMissing fired for the domain without a RUS (it agrees with the dump), with hostile values in its header.</summary>
    private static SetupLogEvidence FiredForMissingDomain()
    {
        var settings = new RusMissingEvaluation
        {
            Rule = new SetupRuleValue("RusMissing", "True", false, 215, new DateTime(2026, 11, 18, 14, 2, 3, 250)),
            RuleType = "Warning",
            DomainNcName = new SetupSetting("DomainNCName", MissingDn, "<NULL>", false, 210),
            RusName = new SetupSetting("RusName", string.Empty, "<NULL>", false, 212),
            Exchange200x = [new SetupSetting("Exchange200x", "True", "Version 6.5 (Build 7638.2: Service Pack 2)", false, 214)],
            SerialNumbers = [new SetupSetting("ExchangeSerialNumber", "Version 6.5 (Build 7638.2: Service Pack 2)", "<NULL>", false, 213)],
        };
        var run = new SetupRun
        {
            Number = 2,
            Line = 120,
            LastLine = 400,
            Started = new DateTime(2026, 11, 18, 14, 0, 0, 125),
            TimeZone = "(UTC+01:00) Brussels | **Paris** `x`",
            UtcOffset = TimeSpan.FromHours(1),
            Product = "2016",
            SetupVersion = "15.1.2507.6",
            Mode = "Install",
            User = "CONTOSO\\admin " + Script,
            ReadinessEvaluations = 112,
            RusMissing = settings,
            Exchange2000Or2003PresentInOrg = new SetupRuleValue("Exchange2000or2003PresentInOrg", "True", false, 190, null),
            Fired =
            [
                new SetupFiredRule(SetupFiredLevel.Required, "Exchange2000or2003PresentInOrg", "One or more servers ... | removed " + Script, 230),
                new SetupFiredRule(SetupFiredLevel.Recommended, "RusMissing", "Cannot find the Recipient Update Service responsible for domain '" + MissingDn + "'.\nNew and existing users may not be properly Exchange-enabled.", 232),
            ],
        };
        return new SetupLogEvidence
        {
            Path = SetupLogName,
            RunCount = 2,
            Runs =
            [
                new SetupRunSummary(1, 2, new DateTime(2026, 10, 1, 9, 0, 0), TimeSpan.FromHours(2), "2016", "15.1.2507.6", "PrepareSchema", true),
                new SetupRunSummary(2, 120, run.Started, run.UtcOffset, "2016", "15.1.2507.6", "Install", false),
            ],
            Run = run,
            Lines = 400,
            Complete = true,
        };
    }

    /// <summary>A cut log, without its zone, whose RusMissing fired for the forest root the dump shows served: a disagreement.</summary>
    private static SetupLogEvidence CutAndDisagreeing() => new()
    {
        Path = "logs/second | `log`.log",
        RunCount = 1,
        Runs = [new SetupRunSummary(1, 1, new DateTime(2026, 11, 21, 8, 0, 0), null, "2019", "15.2.1118.7", "Upgrade", false)],
        Run = new SetupRun
        {
            Number = 1,
            Line = 1,
            LastLine = 99,
            Started = new DateTime(2026, 11, 21, 8, 0, 0),
            Product = "2019",
            SetupVersion = "15.2.1118.7",
            Mode = "Upgrade",
            ReadinessEvaluations = 3,
            RusMissing = new RusMissingEvaluation
            {
                Rule = new SetupRuleValue("RusMissing", "True", false, 98, new DateTime(2026, 11, 21, 8, 1, 0)),
                DomainNcName = new SetupSetting("DomainNCName", RootDn, "<NULL>", false, 90),
                RusName = new SetupSetting("RusName", string.Empty, "<NULL>", false, 91),
            },
        },
        Lines = 99,
        Complete = false,
        Errors = 1,
        Warnings = 1,
        Diagnostics =
        [
            new DumpDiagnostic(new DumpPosition("logs/second | `log`.log", 1, 1), DiagnosticCodes.SetupLogNoZone, "the setup run read does not state its time zone: its times are the server's local time"),
            new DumpDiagnostic(new DumpPosition("logs/second | `log`.log", 100, 100), DiagnosticCodes.SetupLogTruncated, "the log ends in the middle of a line (no line break after it): it was cut off, and its last entry is not read"),
        ],
    };
}

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "RusSnapshot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("RusSnapshot.sln not found above " + AppContext.BaseDirectory);
    }
}
