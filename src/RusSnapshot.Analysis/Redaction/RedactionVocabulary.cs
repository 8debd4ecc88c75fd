using System.Collections.Frozen;

namespace RusSnapshot.Analysis.Redaction;

/// <summary>
/// What redaction keeps because it identifies nobody, and what it drops because it is free text: the words of the
/// names that Active Directory and Exchange give their own objects, the GUIDs the analysis matches on, and the
/// attributes that are kept as written or dropped. Everything else that is a name is replaced.
/// </summary>
/// <remarks>
/// Decisions are made per token (a run of letters and digits), never per attribute, so that one name maps to one
/// pseudonym wherever it occurs: in DN components, references, addresses and host names alike (DESIGN.md section 6).
/// A keep word is kept everywhere: a customer group called "Exchange Admins" keeps both words, which are generic;
/// a domain called "corp" does not, since "corp" is not a word of any default object.
/// </remarks>
public static class RedactionVocabulary
{
    /// <summary>Tokens shorter than this (in characters) are kept: they name nobody (<c>CN</c>, <c>ou</c>, X.400's <c>c=US</c>).</summary>
    public const int MinimumTokenLength = 3;

    /// <summary>
    /// Words of the default names of Active Directory and Exchange objects, address types, protocols and product
    /// words (ASCII case-insensitive). Kept wherever they occur, so that structural names the analysis and the readers
    /// recognise (<c>CN=Configuration</c>, <c>CN=Microsoft Exchange System Objects</c>, <c>CN=Deleted Objects</c>, the
    /// <c>DEL</c> of a delete-mangled RDN) stay as they are.
    /// </summary>
    public static FrozenSet<string> KeepWords { get; } = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,

        // Active Directory: naming contexts, containers, default accounts and groups (MS-ADTS 6.1, 7.1.1).
        "Configuration", "Schema", "Partitions", "Enterprise", "Sites", "Site", "Default", "First", "Name", "Servers", "Server",
        "NTDS", "Settings", "Services", "Service", "Inter", "Transports", "Transport", "Subnets", "Subnet", "Windows", "Directory",
        "Users", "User", "Computers", "Computer", "Builtin", "System", "Domain", "Domains", "Controllers", "Controller",
        "ForeignSecurityPrincipals", "Foreign", "Security", "Principals", "Principal", "Program", "Data", "Microsoft",
        "LostAndFound", "Infrastructure", "Quotas", "Managed", "Accounts", "Account", "Deleted", "Objects", "Object", "DEL",
        "Cross", "Ref", "Container", "Containers", "Policies", "Policy", "Global", "DomainDnsZones", "ForestDnsZones",
        "MicrosoftDNS", "RootDNSServers", "Admins", "Admin", "Administrators", "Administrator", "Guest", "Guests", "krbtgt",
        "Cert", "Publishers", "Creator", "Owners", "Owner", "DnsAdmins", "DnsUpdateProxy", "RAS", "IAS", "Operators",
        "Operator", "Print", "Backup", "Replicator", "Remote", "Desktop", "Network", "Pre", "Windows2000", "Compatible", "Access",
        "Incoming", "Forest", "Trust", "Builders", "Authorization", "Terminal", "License", "Distributed", "Event", "Log",
        "Readers", "Cryptographic", "Performance", "Monitor", "Certificate", "Read", "Only", "Protected", "Cloneable", "Key",
        "Replication", "Password", "Allowed", "Denied", "Well", "Known", "WellKnown", "Everyone", "Anonymous", "Authenticated",
        "Interactive", "Batch", "Self", "Authority", "Dfs", "DFSR", "File", "Meta", "AdminSDHolder", "ComPartitions",
        "ComPartitionSets", "RpcServices", "Winsock", "IP", "SMTP", "Physical", "Locations", "Extended", "Rights",
        "DisplaySpecifiers", "ForestUpdates", "Operations", "Query", "Display", "Specifiers", "TRUE", "FALSE",

        // Exchange: organisation layout, default objects, roles (OpenChange oc_provision_configuration_org.ldif).
        "Exchange", "Exch", "Address", "Addresses", "List", "Lists", "All", "Book", "Books", "Offline", "Recipient", "Recipients",
        "Update", "Updates", "Administrative", "Group", "Groups", "Routing", "Connections", "Connector", "Connectors",
        "Protocols", "Protocol", "Information", "Store", "Stores", "InformationStore", "Storage", "Mailbox", "Mailboxes",
        "Public", "Folder", "Folders", "Private", "MDB", "MTA", "Database", "Databases", "Hierarchies", "Hierarchy",
        "Message", "Delivery", "Formats", "Format", "Internet", "Templates", "Template", "Details", "Search", "One", "Off",
        "Organization", "Organizations", "Management", "Trusted", "Subsystem", "Permissions", "View", "Install",
        "Attendant", "SystemMailbox", "Federated", "Contacts", "Contact", "Roles", "Role", "Client", "Hub", "Edge",
        "Unified", "Messaging", "Approval", "Arbitration", "Discovery", "Migration", "Availability", "Calendar", "Free",
        "Busy", "Schedule", "Legacy", "Dynamic", "Distribution", "Based", "Application", "Applications", "Global",
        "Settings", "Agent", "Agents", "Classification", "Classifications", "Gateway", "Gateways", "Config", "Virtual",
        "Directories", "Accepted", "Remote", "Domains", "Internal", "External", "Relay", "Mobile", "ActiveSync", "OWA",
        "Autodiscover", "Outlook", "Web", "Anywhere", "Replica", "Replicas",

        // The fixed suffixes of the Exchange 2007+ administrative and routing groups.
        "FYDIBOHF23SPDLT", "DWBGZMFD01QNBJR", "FYDIBOHF25SPDLT",

        // Address types, protocols and network address schemes (proxyAddresses, networkAddress, LDAP URLs).
        "X400", "X500", "CCMAIL", "NOTES", "GWISE", "SIP", "EUM", "MAPI", "FAX", "MSMAIL", "HTTP", "HTTPS", "IMAP4", "POP3",
        "NNTP", "LDAP", "LDAPS", "ncacn", "tcp", "udp", "spx", "ncalrpc", "netbios", "mailto",

        // Product and version words (serialNumber, operatingSystem).
        "Version", "Build", "Pack", "Release", "Standard", "Datacenter", "Edition");

    /// <summary>
    /// GUIDs with a meaning of their own, the same in every forest, which rules match on: kept wherever they occur.
    /// </summary>
    public static FrozenSet<Guid> WellKnownGuids { get; } = FrozenSet.Create(
        // msExchPoliciesExcluded: "Automatically update e-mail addresses" cleared (KB318072); ForestModelBuilder matches on it.
        Guid.Parse("26491CFC-9E50-4857-861B-0CB8DF22B5D7"),

        // The Default Domain Policy and Default Domain Controllers Policy GPOs, named by these GUIDs in every domain.
        Guid.Parse("31B2F340-016D-11D2-945F-00C04FB984F9"),
        Guid.Parse("6AC1786C-016F-11D2-945F-00C04FB984F9"));

    /// <summary>
    /// Attributes dropped: free text, telephone and postal attributes, host-bound service names, certificates, photos,
    /// and replication metadata that carries host names (DESIGN.md section 6). None is read by the analysis.
    /// </summary>
    public static FrozenSet<string> DroppedAttributes { get; } = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "description", "info", "comment", "notes", "adminDescription", "wWWHomePage", "url", "title", "personalTitle",
        "telephoneNumber", "homePhone", "mobile", "pager", "facsimileTelephoneNumber", "ipPhone", "otherTelephone",
        "otherHomePhone", "otherMobile", "otherPager", "otherFacsimileTelephoneNumber", "otherIpPhone", "primaryTelexNumber",
        "telexNumber", "teletexTerminalIdentifier", "internationalISDNNumber", "streetAddress", "street", "postalAddress",
        "postalCode", "postOfficeBox", "physicalDeliveryOfficeName", "l", "st", "co", "c", "countryCode", "homePostalAddress",
        "employeeID", "employeeNumber", "employeeType", "servicePrincipalName", "userCertificate", "userSMIMECertificate",
        "cACertificate", "msExchMasterAccountHistory", "jpegPhoto", "thumbnailPhoto", "thumbnailLogo", "photo",
        "userParameters", "homeDirectory", "homeDrive", "scriptPath", "profilePath", "msExchAssistantName",
        "msExchExtensionAttribute", "msExchExtensionCustomAttribute1", "msExchExtensionCustomAttribute2",
        "msExchExtensionCustomAttribute3", "msExchExtensionCustomAttribute4", "msExchExtensionCustomAttribute5",
        "extensionAttribute1", "extensionAttribute2", "extensionAttribute3", "extensionAttribute4", "extensionAttribute5",
        "extensionAttribute6", "extensionAttribute7", "extensionAttribute8", "extensionAttribute9", "extensionAttribute10",
        "extensionAttribute11", "extensionAttribute12", "extensionAttribute13", "extensionAttribute14", "extensionAttribute15",
        "repsFrom", "repsTo", "replUpToDateVector", "dSASignature", "msDS-ReplAttributeMetaData", "msDS-ReplValueMetaData",
        "operatingSystemHotfix", "msTSProfilePath", "msTSHomeDirectory", "msExchLabeledURI", "labeledURI", "otherMailbox",
        "msExchPFDefaultAdminACL", "userPassword", "unicodePwd", "dBCSPwd", "ntPwdHistory", "lmPwdHistory", "supplementalCredentials",
        "msExchOmaAdminExtendedSettings", "msExchOmaAdminWirelessEnable", "msExchVoiceMailboxID", "msExchUMSpokenName",
        "msExchUMPinChecksum", "msExchUMServerWritableFlags");

    /// <summary>
    /// Attributes kept as written: class names, versions and product strings, schema and rights identifiers (which
    /// rules and readers match on; none names the customer).
    /// </summary>
    public static FrozenSet<string> VerbatimAttributes { get; } = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "objectClass", "structuralObjectClass", "serialNumber", "operatingSystem", "operatingSystemVersion",
        "operatingSystemServicePack", "schemaIDGUID", "attributeSecurityGUID", "rightsGuid", "lDAPDisplayName",
        "attributeID", "governsID", "attributeSyntax", "oMSyntax", "subClassOf", "systemPossSuperiors", "possSuperiors",
        "systemMayContain", "mayContain", "systemMustContain", "mustContain", "auxiliaryClass", "systemAuxiliaryClass",
        "appliesTo", "validAccesses");

    /// <summary>
    /// The Configuration partition's containers whose objects are named by the product (schema classes and attributes,
    /// control access rights, display specifiers, well-known security principals, forest updates): their RDNs and
    /// values are kept, only the forest's own names (the <c>DC=</c> components) and object GUIDs are replaced.
    /// </summary>
    public static FrozenSet<string> VocabularyContainers { get; } = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Schema", "Extended-Rights", "DisplaySpecifiers", "WellKnown Security Principals", "ForestUpdates");

    /// <summary>
    /// Octet-string attributes that csvde writes as <c>X'hex'</c> beyond the library's defaults
    /// (<see cref="Dumps.Csv.CsvdeConventions.DefaultBinaryAttributes"/>), so that redacted binaries stay hex.
    /// </summary>
    public static FrozenSet<string> ExtraBinaryAttributes { get; } = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "activationSchedule", "schedule", "msExchMailboxSecurityDescriptor", "msExchPolicyOptionList", "msExchDomainLocalGroupGuid",
        "msExchDomainGlobalGroupGuid", "msExchPolicyGuid", "msExchOrigMDB", "msExchEdgeSyncCredential", "mSMQDigests",
        "mSMQSignCertificates");

    /// <summary>True for attributes whose 16-byte binary values are GUIDs to replace (<c>objectGUID</c>, <c>*Guid</c>, <c>invocationId</c>), not schema or rights GUIDs.</summary>
    public static bool IsGuidAttribute(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return !VerbatimAttributes.Contains(type)
            && (type.EndsWith("guid", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "invocationId", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for attributes that hold SIDs (<c>objectSid</c>, <c>sIDHistory</c>, <c>msExchMasterAccountSid</c>, <c>*Sid</c>).</summary>
    public static bool IsSidAttribute(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.EndsWith("sid", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "sIDHistory", StringComparison.OrdinalIgnoreCase)
            || string.Equals(type, "tokenGroups", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "securityIdentifier", StringComparison.OrdinalIgnoreCase);
    }
}
