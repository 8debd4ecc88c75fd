using RusSnapshot.Analysis.Verdict;
using RusSnapshot.Analysis.Rules;
using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports;

/// <summary>
/// The fixed words of the Markdown and HTML reports (headings, column names, states), per language. The French
/// follows the French Exchange wording: « service de mise à jour de destinataire », « Gestionnaire système
/// Exchange », « destinataire à extension messagerie », « serveur frontal », « groupe d'administration ».
/// </summary>
public sealed record ReportLabels
{
    /// <summary>Between a label and its value: ": " in English, " : " (no-break space first) in French.</summary>
    public required string Colon { get; init; }

    public required string Title { get; init; }

    public required string Subtitle { get; init; }

    public required string GeneratedAt { get; init; }

    public required string Tool { get; init; }

    public required string RuleCatalog { get; init; }

    public required string CommandLine { get; init; }

    public required string Summary { get; init; }

    public required string Verdict { get; init; }

    public required string VerdictPass { get; init; }

    public required string VerdictWarning { get; init; }

    public required string VerdictIncomplete { get; init; }

    public required string VerdictFail { get; init; }

    public required string Count { get; init; }

    public required string Errors { get; init; }

    public required string Warnings { get; init; }

    public required string Infos { get; init; }

    public required string NotApplicable { get; init; }

    public required string SuppressedCount { get; init; }

    public required string DomainsCovered { get; init; }

    public required string DomainsMissing { get; init; }

    public required string DomainsNotJudged { get; init; }

    public required string Findings { get; init; }

    public required string NoFindings { get; init; }

    public required string GroupErrors { get; init; }

    public required string GroupWarnings { get; init; }

    public required string GroupInfos { get; init; }

    public required string GroupNotApplicable { get; init; }

    public required string GroupSuppressed { get; init; }

    public required string Rule { get; init; }

    public required string Severity { get; init; }

    public required string SeverityError { get; init; }

    public required string SeverityWarning { get; init; }

    public required string SeverityInfo { get; init; }

    public required string KindFail { get; init; }

    public required string KindNotApplicable { get; init; }

    public required string KindInfo { get; init; }

    public required string Subject { get; init; }

    public required string ForestWide { get; init; }

    public required string Evidence { get; init; }

    public required string Remediation { get; init; }

    public required string Fingerprint { get; init; }

    public required string SuppressedBecause { get; init; }

    /// <summary>Shown when a suppression matched but had expired, so the finding counts again.</summary>
    public required string SuppressionExpired { get; init; }

    public required string Documentation { get; init; }

    /// <summary>Shown for evidence about an attribute the entry does not have.</summary>
    public required string NotSet { get; init; }

    public required string Inputs { get; init; }

    public required string NoInputs { get; init; }

    public required string File { get; init; }

    public required string Format { get; init; }

    public required string Dialect { get; init; }

    public required string Encoding { get; init; }

    public required string Sha256 { get; init; }

    public required string Entries { get; init; }

    public required string Duplicates { get; init; }

    public required string ReadErrors { get; init; }

    public required string ReadWarnings { get; init; }

    public required string Complete { get; init; }

    public required string CollectedBy { get; init; }

    public required string Coverage { get; init; }

    public required string CoverageChart { get; init; }

    public required string ConfigurationPartition { get; init; }

    public required string Domain { get; init; }

    public required string NetbiosName { get; init; }

    public required string DistinguishedName { get; init; }

    public required string Enabled { get; init; }

    public required string ForestRoot { get; init; }

    public required string PartitionInDump { get; init; }

    public required string Prepared { get; init; }

    public required string NotPrepared { get; init; }

    public required string PartitionNotInDump { get; init; }

    public required string Disabled { get; init; }

    public required string RusCoverage { get; init; }

    public required string Covered { get; init; }

    public required string Missing { get; init; }

    public required string NotJudged { get; init; }

    public required string NotRequired { get; init; }

    public required string NoDomains { get; init; }

    public required string Recipients { get; init; }

    public required string MailEnabled { get; init; }

    public required string Stamped { get; init; }

    public required string Unstamped { get; init; }

    public required string OptedOut { get; init; }

    public required string OptedOutShort { get; init; }

    /// <summary>"of" as in "28 unstamped (of 40)".</summary>
    public required string Of { get; init; }

    public required string Mailboxes { get; init; }

    public required string RecipientsUnknown { get; init; }

    public required string UnassignedRecipients { get; init; }

    public required string Exchange { get; init; }

    public required string Organization { get; init; }

    public required string NoOrganization { get; init; }

    public required string AdministrativeGroups { get; init; }

    public required string Servers { get; init; }

    public required string NoServers { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }

    public required string Build { get; init; }

    public required string FrontEnd { get; init; }

    public required string AdministrativeGroup { get; init; }

    public required string RusInstances { get; init; }

    public required string NoRusInstances { get; init; }

    public required string Serves { get; init; }

    public required string ExchangeServer { get; init; }

    public required string DomainController { get; init; }

    public required string Enterprise { get; init; }

    public required string NotInDump { get; init; }

    public required string Yes { get; init; }

    public required string No { get; init; }

    public required string None { get; init; }

    public required string Unknown { get; init; }

    public required string Readiness { get; init; }

    public required string ReadinessIntro { get; init; }

    public required string Derived { get; init; }

    public required string Exchange2007Setup { get; init; }

    public required string Exchange2010Setup { get; init; }

    public required string Exchange2013Setup { get; init; }

    public required string Exchange2013ForestWide { get; init; }

    public required string Stops { get; init; }

    public required string Continues { get; init; }

    public required string Warns { get; init; }

    public required string NoWarning { get; init; }

    public required string Blocked { get; init; }

    public required string NotBlocked { get; init; }

    public required string LegacyServers { get; init; }

    public required string UnknownNoExchangeServices { get; init; }

    public required string UnknownNoServers { get; init; }

    public required string UnknownServerVersions { get; init; }

    public required string NotApplicableDisabled { get; init; }

    public required string Sources { get; init; }

    public required string SetupLogs { get; init; }

    public required string RunRead { get; init; }

    public required string RunLast { get; init; }

    public required string RunAsked { get; init; }

    public required string NoRunRead { get; init; }

    public required string Started { get; init; }

    public required string TimeZone { get; init; }

    public required string Product { get; init; }

    public required string SetupVersion { get; init; }

    public required string Mode { get; init; }

    public required string User { get; init; }

    public required string Succeeded { get; init; }

    public required string Ended { get; init; }

    public required string ReadinessEvaluations { get; init; }

    public required string RusMissingSeen { get; init; }

    public required string LocalDomain { get; init; }

    public required string RusFound { get; init; }

    public required string LegacySeen { get; init; }

    public required string ServerVersionsRead { get; init; }

    public required string LegacyRule { get; init; }

    public required string Fired { get; init; }

    public required string NotFired { get; init; }

    public required string NotEvaluated { get; init; }

    public required string FiredRules { get; init; }

    public required string Level { get; init; }

    public required string LevelRequired { get; init; }

    public required string LevelRecommended { get; init; }

    public required string Message { get; init; }

    public required string Line { get; init; }

    public required string Value { get; init; }

    public required string AgainstTheDump { get; init; }

    public required string Agrees { get; init; }

    public required string Disagrees { get; init; }

    public required string NoRunInLog { get; init; }

    public required string NoEvaluationInRun { get; init; }

    public required string DomainNotInDump { get; init; }

    public required string DumpCannotTell { get; init; }

    public required string DumpView { get; init; }

    public required string WouldFire { get; init; }

    public required string WouldNotFire { get; init; }

    public required string Newer { get; init; }

    public required string LogNewer { get; init; }

    public required string DumpNewer { get; init; }

    public required string SameTime { get; init; }

    public required string RunsInLog { get; init; }

    public required string Run { get; init; }

    public required string LogProblems { get; init; }

    public required string Footer { get; init; }

    public static ReportLabels English { get; } = new()
    {
        Colon = ": ",
        Title = "RusSnapshot report",
        Subtitle = "Recipient Update Service (RUS) coverage of the forest",
        GeneratedAt = "Generated",
        Tool = "Tool",
        RuleCatalog = "Rule catalog",
        CommandLine = "Command line",
        Summary = "Summary",
        Verdict = "Verdict",
        VerdictPass = "Pass: no problem found",
        VerdictWarning = "Warnings: review the findings",
        VerdictIncomplete = "Incomplete: the dump lacks what some rules need",
        VerdictFail = "Fail: errors found",
        Count = "Count",
        Errors = "Errors",
        Warnings = "Warnings",
        Infos = "Information",
        NotApplicable = "Not applicable",
        SuppressedCount = "Suppressed",
        DomainsCovered = "Domains served by a Recipient Update Service",
        DomainsMissing = "Domains without a Recipient Update Service",
        DomainsNotJudged = "Domains not judged",
        Findings = "Findings",
        NoFindings = "No findings.",
        GroupErrors = "Errors",
        GroupWarnings = "Warnings",
        GroupInfos = "Information",
        GroupNotApplicable = "Not applicable (the dump lacks what the rule needs)",
        GroupSuppressed = "Suppressed by the configuration",
        Rule = "Rule",
        Severity = "Severity",
        SeverityError = "error",
        SeverityWarning = "warning",
        SeverityInfo = "info",
        KindFail = "fail",
        KindNotApplicable = "not applicable",
        KindInfo = "information",
        Subject = "Subject",
        ForestWide = "(the whole forest)",
        Evidence = "Evidence",
        Remediation = "Remediation",
        Fingerprint = "Fingerprint",
        SuppressedBecause = "Suppressed because",
        SuppressionExpired = "A suppression of this finding expired on (it counts again)",
        Documentation = "Documentation",
        NotSet = "(not set)",
        Inputs = "Inputs",
        NoInputs = "No inputs.",
        File = "File",
        Format = "Format",
        Dialect = "Dialect",
        Encoding = "Encoding",
        Sha256 = "SHA-256",
        Entries = "Entries",
        Duplicates = "Duplicates",
        ReadErrors = "Read errors",
        ReadWarnings = "Read warnings",
        Complete = "Complete",
        CollectedBy = "Collected by",
        Coverage = "Domain coverage",
        CoverageChart = "Recipient Update Service coverage and recipients per domain",
        ConfigurationPartition = "Configuration partition",
        Domain = "Domain",
        NetbiosName = "NetBIOS name",
        DistinguishedName = "DN",
        Enabled = "Enabled",
        ForestRoot = "Forest root",
        PartitionInDump = "Partition in dump",
        Prepared = "Prepared (/domainprep)",
        NotPrepared = "not prepared (/domainprep)",
        PartitionNotInDump = "partition not in the dump",
        Disabled = "disabled",
        RusCoverage = "RUS coverage",
        Covered = "covered",
        Missing = "missing",
        NotJudged = "not judged",
        NotRequired = "not required",
        NoDomains = "No domains are known.",
        Recipients = "Recipients",
        MailEnabled = "Mail-enabled",
        Stamped = "Stamped",
        Unstamped = "Unstamped",
        OptedOut = "Excluded from policies",
        OptedOutShort = "Excluded",
        Of = "of",
        Mailboxes = "Mailboxes",
        RecipientsUnknown = "unknown (partition not in the dump)",
        UnassignedRecipients = "Recipients outside every domain of the dump",
        Exchange = "Exchange organisation",
        Organization = "Organisation",
        NoOrganization = "No Exchange organisation in the dump.",
        AdministrativeGroups = "Administrative groups",
        Servers = "Exchange servers",
        NoServers = "No Exchange servers in the dump.",
        Name = "Name",
        Version = "Version",
        Build = "Build",
        FrontEnd = "Front-end",
        AdministrativeGroup = "Administrative group",
        RusInstances = "Recipient Update Services",
        NoRusInstances = "No Recipient Update Service in the dump.",
        Serves = "Serves (msExchDomainLink)",
        ExchangeServer = "Exchange server",
        DomainController = "Windows domain controller",
        Enterprise = "Enterprise Configuration",
        NotInDump = "not in the dump",
        Yes = "yes",
        No = "no",
        None = "none",
        Unknown = "unknown",
        Readiness = "Readiness per Exchange version",
        ReadinessIntro = "What Exchange setup would say if run now in each domain: its readiness checks applied to the dump (setup itself was not run). RUSMissing is checked for the domain setup runs in; Exchange 2007 and 2010 setup stop on it, Exchange 2013 and later only warn, but refuse to install at all while an Exchange 2000/2003 server remains (Exchange2000or2003PresentInOrg).",
        Derived = "Derived from the documented logic",
        Exchange2007Setup = "Exchange 2007 setup",
        Exchange2010Setup = "Exchange 2010 setup",
        Exchange2013Setup = "Exchange 2013 or later setup",
        Exchange2013ForestWide = "Exchange 2013 or later setup, whole forest",
        Stops = "stops (RUSMissing)",
        Continues = "continues",
        Warns = "warns (RUSMissing)",
        NoWarning = "no warning",
        Blocked = "blocked: Exchange 2000/2003 servers remain (Exchange2000or2003PresentInOrg)",
        NotBlocked = "not blocked by Exchange 2000/2003 servers",
        LegacyServers = "Exchange 2000/2003 servers",
        UnknownNoExchangeServices = "unknown (the dump lacks CN=Microsoft Exchange,CN=Services)",
        UnknownNoServers = "unknown (no Exchange server in the dump)",
        UnknownServerVersions = "unknown (a server's version is not in the dump)",
        NotApplicableDisabled = "not applicable (pre-created domain)",
        Sources = "Sources",
        SetupLogs = "Exchange setup logs",
        RunRead = "Run read",
        RunLast = "the last",
        RunAsked = "asked for with --setup-run",
        NoRunRead = "No run read.",
        Started = "Started",
        TimeZone = "Time zone",
        Product = "Exchange version",
        SetupVersion = "Setup version",
        Mode = "Mode",
        User = "Logged on user",
        Succeeded = "Completed successfully",
        Ended = "Reached End of Setup",
        ReadinessEvaluations = "Readiness rules evaluated",
        RusMissingSeen = "RusMissing as setup evaluated it",
        LocalDomain = "Domain (DomainNCName)",
        RusFound = "RUS found (RusName)",
        LegacySeen = "Exchange 2000/2003 server seen (Exchange200x)",
        ServerVersionsRead = "Server versions read (ExchangeSerialNumber)",
        LegacyRule = "Exchange2000or2003PresentInOrg",
        Fired = "fired",
        NotFired = "did not fire",
        NotEvaluated = "not evaluated",
        FiredRules = "Rules that fired",
        Level = "Level",
        LevelRequired = "required (error)",
        LevelRecommended = "recommended (warning)",
        Message = "Message",
        Line = "Line",
        Value = "Value",
        AgainstTheDump = "Against the dump",
        Agrees = "agrees with the dump",
        Disagrees = "disagrees with the dump (RSN2008)",
        NoRunInLog = "not compared: the log holds no setup run",
        NoEvaluationInRun = "not compared: the run holds no RusMissing evaluation",
        DomainNotInDump = "not compared: its domain is not in the dump",
        DumpCannotTell = "not compared: the dump cannot tell what setup would find",
        DumpView = "The dump, by the same logic",
        WouldFire = "RusMissing would fire",
        WouldNotFire = "RusMissing would not fire",
        Newer = "Newer",
        LogNewer = "the log",
        DumpNewer = "the dump",
        SameTime = "taken at the same time",
        RunsInLog = "Runs in the log",
        Run = "Run",
        LogProblems = "Problems reading the log",
        Footer = "Times are UTC. Values are shown as written in the dump; control characters are shown as symbols (␊ for a line feed).",
    };

    public static ReportLabels French { get; } = new()
    {
        Colon = "\u00A0: ",
        Title = "Rapport RusSnapshot",
        Subtitle = "Couverture de la forêt par le service de mise à jour de destinataire (RUS)",
        GeneratedAt = "Généré le",
        Tool = "Outil",
        RuleCatalog = "Catalogue de règles",
        CommandLine = "Ligne de commande",
        Summary = "Synthèse",
        Verdict = "Verdict",
        VerdictPass = "Conforme : aucun problème trouvé",
        VerdictWarning = "Avertissements : examinez les constats",
        VerdictIncomplete = "Incomplet : l'export ne contient pas tout ce dont certaines règles ont besoin",
        VerdictFail = "Échec : des erreurs ont été trouvées",
        Count = "Nombre",
        Errors = "Erreurs",
        Warnings = "Avertissements",
        Infos = "Informations",
        NotApplicable = "Non applicables",
        SuppressedCount = "Acceptés par la configuration",
        DomainsCovered = "Domaines servis par un service de mise à jour de destinataire",
        DomainsMissing = "Domaines sans service de mise à jour de destinataire",
        DomainsNotJudged = "Domaines non évalués",
        Findings = "Constats",
        NoFindings = "Aucun constat.",
        GroupErrors = "Erreurs",
        GroupWarnings = "Avertissements",
        GroupInfos = "Informations",
        GroupNotApplicable = "Non applicables (l'export ne contient pas ce dont la règle a besoin)",
        GroupSuppressed = "Acceptés par la configuration",
        Rule = "Règle",
        Severity = "Gravité",
        SeverityError = "erreur",
        SeverityWarning = "avertissement",
        SeverityInfo = "information",
        KindFail = "échec",
        KindNotApplicable = "non applicable",
        KindInfo = "information",
        Subject = "Objet",
        ForestWide = "(toute la forêt)",
        Evidence = "Éléments relevés",
        Remediation = "Résolution",
        Fingerprint = "Empreinte",
        SuppressedBecause = "Accepté pour la raison suivante",
        SuppressionExpired = "Une acceptation de ce constat a expiré le (il compte de nouveau)",
        Documentation = "Documentation",
        NotSet = "(absent)",
        Inputs = "Fichiers analysés",
        NoInputs = "Aucun fichier.",
        File = "Fichier",
        Format = "Format",
        Dialect = "Dialecte",
        Encoding = "Encodage",
        Sha256 = "SHA-256",
        Entries = "Entrées",
        Duplicates = "Doublons",
        ReadErrors = "Erreurs de lecture",
        ReadWarnings = "Avertissements de lecture",
        Complete = "Complet",
        CollectedBy = "Collecté par",
        Coverage = "Couverture des domaines",
        CoverageChart = "Couverture par le service de mise à jour de destinataire et destinataires par domaine",
        ConfigurationPartition = "Partition de configuration",
        Domain = "Domaine",
        NetbiosName = "Nom NetBIOS",
        DistinguishedName = "DN",
        Enabled = "Activé",
        ForestRoot = "Racine de la forêt",
        PartitionInDump = "Partition dans l'export",
        Prepared = "Préparé (/domainprep)",
        NotPrepared = "non préparé (/domainprep)",
        PartitionNotInDump = "partition absente de l'export",
        Disabled = "désactivé",
        RusCoverage = "Couverture RUS",
        Covered = "servi",
        Missing = "manquant",
        NotJudged = "non évalué",
        NotRequired = "non requis",
        NoDomains = "Aucun domaine n'est connu.",
        Recipients = "Destinataires",
        MailEnabled = "À extension messagerie",
        Stamped = "Traités",
        Unstamped = "Non traités",
        OptedOut = "Exclus des stratégies",
        OptedOutShort = "Exclus",
        Of = "sur",
        Mailboxes = "Boîtes aux lettres",
        RecipientsUnknown = "inconnu (partition absente de l'export)",
        UnassignedRecipients = "Destinataires hors de tout domaine de l'export",
        Exchange = "Organisation Exchange",
        Organization = "Organisation",
        NoOrganization = "Aucune organisation Exchange dans l'export.",
        AdministrativeGroups = "Groupes d'administration",
        Servers = "Serveurs Exchange",
        NoServers = "Aucun serveur Exchange dans l'export.",
        Name = "Nom",
        Version = "Version",
        Build = "Build",
        FrontEnd = "Serveur frontal",
        AdministrativeGroup = "Groupe d'administration",
        RusInstances = "Services de mise à jour de destinataire",
        NoRusInstances = "Aucun service de mise à jour de destinataire dans l'export.",
        Serves = "Sert (msExchDomainLink)",
        ExchangeServer = "Serveur Exchange",
        DomainController = "Contrôleur de domaine Windows",
        Enterprise = "Configuration d'entreprise",
        NotInDump = "absent de l'export",
        Yes = "oui",
        No = "non",
        None = "aucun",
        Unknown = "inconnu",
        Readiness = "Préparation par version d'Exchange",
        ReadinessIntro = "Ce que dirait l'installation d'Exchange lancée maintenant dans chaque domaine : ses vérifications de préparation appliquées à l'export (l'installation elle-même n'a pas été exécutée). RUSMissing est vérifiée pour le domaine où l'installation s'exécute ; l'installation d'Exchange 2007 et 2010 s'y arrête, celle d'Exchange 2013 et ultérieur ne fait qu'avertir, mais refuse de s'installer tant qu'il reste un serveur Exchange 2000/2003 (Exchange2000or2003PresentInOrg).",
        Derived = "Déduit de la logique documentée",
        Exchange2007Setup = "Installation d'Exchange 2007",
        Exchange2010Setup = "Installation d'Exchange 2010",
        Exchange2013Setup = "Installation d'Exchange 2013 ou ultérieur",
        Exchange2013ForestWide = "Installation d'Exchange 2013 ou ultérieur, toute la forêt",
        Stops = "s'arrête (RUSMissing)",
        Continues = "continue",
        Warns = "avertit (RUSMissing)",
        NoWarning = "aucun avertissement",
        Blocked = "bloquée : il reste des serveurs Exchange 2000/2003 (Exchange2000or2003PresentInOrg)",
        NotBlocked = "non bloquée par des serveurs Exchange 2000/2003",
        LegacyServers = "Serveurs Exchange 2000/2003",
        UnknownNoExchangeServices = "inconnu (l'export ne contient pas CN=Microsoft Exchange,CN=Services)",
        UnknownNoServers = "inconnu (aucun serveur Exchange dans l'export)",
        UnknownServerVersions = "inconnu (la version d'un serveur n'est pas dans l'export)",
        NotApplicableDisabled = "sans objet (domaine pré-créé)",
        Sources = "Sources",
        SetupLogs = "Journaux d'installation d'Exchange",
        RunRead = "Exécution lue",
        RunLast = "la dernière",
        RunAsked = "demandée par --setup-run",
        NoRunRead = "Aucune exécution lue.",
        Started = "Démarrée le",
        TimeZone = "Fuseau horaire",
        Product = "Version d'Exchange",
        SetupVersion = "Version de l'installation",
        Mode = "Mode",
        User = "Utilisateur connecté",
        Succeeded = "Terminée avec succès",
        Ended = "Arrivée à End of Setup",
        ReadinessEvaluations = "Règles de préparation évaluées",
        RusMissingSeen = "RusMissing telle que l'installation l'a évaluée",
        LocalDomain = "Domaine (DomainNCName)",
        RusFound = "RUS trouvé (RusName)",
        LegacySeen = "Serveur Exchange 2000/2003 vu (Exchange200x)",
        ServerVersionsRead = "Versions des serveurs lues (ExchangeSerialNumber)",
        LegacyRule = "Exchange2000or2003PresentInOrg",
        Fired = "déclenchée",
        NotFired = "non déclenchée",
        NotEvaluated = "non évaluée",
        FiredRules = "Règles déclenchées",
        Level = "Niveau",
        LevelRequired = "obligatoire (erreur)",
        LevelRecommended = "recommandé (avertissement)",
        Message = "Message",
        Line = "Ligne",
        Value = "Valeur",
        AgainstTheDump = "Comparaison avec l'export",
        Agrees = "concorde avec l'export",
        Disagrees = "contredit l'export (RSN2008)",
        NoRunInLog = "non comparé : le journal ne contient aucune exécution",
        NoEvaluationInRun = "non comparé : l'exécution ne contient aucune évaluation de RusMissing",
        DomainNotInDump = "non comparé : son domaine n'est pas dans l'export",
        DumpCannotTell = "non comparé : l'export ne permet pas de savoir ce que l'installation trouverait",
        DumpView = "L'export, selon la même logique",
        WouldFire = "RusMissing se déclencherait",
        WouldNotFire = "RusMissing ne se déclencherait pas",
        Newer = "Plus récent",
        LogNewer = "le journal",
        DumpNewer = "l'export",
        SameTime = "du même moment",
        RunsInLog = "Exécutions du journal",
        Run = "Exécution",
        LogProblems = "Problèmes de lecture du journal",
        Footer = "Heures en UTC. Les valeurs sont reproduites telles qu'écrites dans l'export ; les caractères de contrôle sont remplacés par des symboles (␊ pour un saut de ligne).",
    };

    /// <summary>The labels of a language.</summary>
    public static ReportLabels For(ReportLanguage language) => language == ReportLanguage.Fr ? French : English;

    public string YesNo(bool value) => value ? Yes : No;

    public string SeverityName(Severity severity) => severity switch
    {
        Analysis.Rules.Severity.Error => SeverityError,
        Analysis.Rules.Severity.Warning => SeverityWarning,
        _ => SeverityInfo,
    };

    public string KindName(FindingKind kind) => kind switch
    {
        FindingKind.Fail => KindFail,
        FindingKind.NotApplicable => KindNotApplicable,
        _ => KindInfo,
    };

    public string GroupName(FindingGroup group) => group switch
    {
        FindingGroup.Error => GroupErrors,
        FindingGroup.Warning => GroupWarnings,
        FindingGroup.Info => GroupInfos,
        FindingGroup.NotApplicable => GroupNotApplicable,
        _ => GroupSuppressed,
    };

    public string CoverageName(DomainCoverage coverage) => coverage switch
    {
        DomainCoverage.Covered => Covered,
        DomainCoverage.Missing => Missing,
        DomainCoverage.NotJudged => NotJudged,
        _ => NotRequired,
    };

    /// <summary>"stops"/"continues" for Exchange 2007/2010 setup in a domain, or why it is unknown.</summary>
    public string StopsText(ReadinessAnswer answer, ReadinessUnknown unknown) =>
        answer == ReadinessAnswer.Yes ? Stops : answer == ReadinessAnswer.No ? Continues : UnknownText(unknown);

    /// <summary>"warns"/"no warning" for Exchange 2013+ setup in a domain, or why it is unknown.</summary>
    public string WarnsText(ReadinessAnswer answer, ReadinessUnknown unknown) =>
        answer == ReadinessAnswer.Yes ? Warns : answer == ReadinessAnswer.No ? NoWarning : UnknownText(unknown);

    /// <summary>"blocked"/"not blocked" for Exchange 2013+ setup in the forest, or why it is unknown.</summary>
    public string BlockedText(ReadinessAnswer answer, ReadinessUnknown unknown) =>
        answer == ReadinessAnswer.Yes ? Blocked : answer == ReadinessAnswer.No ? NotBlocked : UnknownText(unknown);

    public string UnknownText(ReadinessUnknown unknown) => unknown switch
    {
        ReadinessUnknown.NoExchangeServices => UnknownNoExchangeServices,
        ReadinessUnknown.NoServers => UnknownNoServers,
        ReadinessUnknown.ServerVersionsUnknown => UnknownServerVersions,
        ReadinessUnknown.DomainDisabled => NotApplicableDisabled,
        _ => Unknown,
    };

    /// <summary>How a setup log compares with the dump.</summary>
    public string AgreementText(SetupLogAgreement agreement, SetupLogNotComparable reason) => agreement switch
    {
        SetupLogAgreement.Agrees => Agrees,
        SetupLogAgreement.Disagrees => Disagrees,
        _ => reason switch
        {
            SetupLogNotComparable.NoRun => NoRunInLog,
            SetupLogNotComparable.DomainNotInDump => DomainNotInDump,
            SetupLogNotComparable.DumpCannotTell => DumpCannotTell,
            _ => NoEvaluationInRun,
        },
    };

    public string OrderText(SourceOrder order) => order switch
    {
        SourceOrder.LogNewer => LogNewer,
        SourceOrder.DumpNewer => DumpNewer,
        SourceOrder.SameTime => SameTime,
        _ => Unknown,
    };

    /// <summary>"fired"/"did not fire"/"not evaluated".</summary>
    public string FiredText(bool? fired) => fired switch
    {
        true => Fired,
        false => NotFired,
        _ => NotEvaluated,
    };

    public string LevelText(Analysis.SetupLogs.SetupFiredLevel level) =>
        level == Analysis.SetupLogs.SetupFiredLevel.Required ? LevelRequired : LevelRecommended;

    public string VerdictText(AnalysisVerdict verdict) => verdict switch
    {
        AnalysisVerdict.Fail => VerdictFail,
        AnalysisVerdict.Incomplete => VerdictIncomplete,
        AnalysisVerdict.Warning => VerdictWarning,
        _ => VerdictPass,
    };
}
