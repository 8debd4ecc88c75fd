namespace RusSnapshot.Synth.Writing;

/// <summary>
/// The type AD Explorer records for each attribute the generator writes: its syntax id and ADSTYPE, as the real
/// snapshot's property table joined to AD's schema gives them (ADEXPLORER.md, section 4). Text attributes not listed
/// are Unicode strings, binary ones octet strings.
/// </summary>
internal static class AdExplorerSchema
{
    /// <summary>How a value of a property is encoded.</summary>
    public enum Encoding : byte
    {
        String,
        Boolean,
        Integer,
        LargeInteger,
        Time,
        Octets,
    }

    /// <summary>A property: AD Explorer's syntax id, the ADSTYPE, and how its values are encoded.</summary>
    public readonly record struct Type(int Syntax, uint AdsType, Encoding Encoding);

    public static readonly Type Dn = new(18, 1, Encoding.String);
    public static readonly Type Unicode = new(7, 3, Encoding.String);
    public static readonly Type Oid = new(12, 3, Encoding.String);
    public static readonly Type Printable = new(13, 4, Encoding.String);
    public static readonly Type Boolean = new(1, 6, Encoding.Boolean);
    public static readonly Type Integer = new(3, 7, Encoding.Integer);
    public static readonly Type LargeInteger = new(4, 10, Encoding.LargeInteger);
    public static readonly Type GeneralizedTime = new(15, 9, Encoding.Time);
    public static readonly Type Octets = new(11, 8, Encoding.Octets);
    public static readonly Type Sid = new(14, 8, Encoding.Octets);
    public static readonly Type SecurityDescriptor = new(9, 25, Encoding.Octets);

    private static readonly Dictionary<string, Type> Known = Build();

    /// <summary>The type of <paramref name="name"/>, given whether the generator writes it as binary.</summary>
    public static Type Of(string name, bool binary) =>
        Known.TryGetValue(name, out var type) && (type.Encoding == Encoding.Octets) == binary ? type : binary ? Octets : Unicode;

    private static Dictionary<string, Type> Build()
    {
        var map = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        void Add(Type type, params string[] names)
        {
            foreach (var n in names)
            {
                map.Add(n, type);
            }
        }

        Add(Dn, "distinguishedName", "objectCategory", "dMDLocation", "fSMORoleOwner", "hasMasterNCs", "homeMDB", "homeMTA", "member",
            "memberOf", "msDS-HasDomainNCs", "msDS-hasMasterNCs", "msExchAddressListServiceBL", "msExchAddressListServiceLink", "msExchDomainLink",
            "msExchOwningServer", "msExchServerSite", "nCName", "serverReference", "serverReferenceBL", "showInAddressBook", "trustParent",
            "rootTrust", "managedBy", "msExchHomeServerBL");
        Add(Oid, "objectClass");
        Add(Printable, "serialNumber");
        Add(Boolean, "isCriticalSystemObject", "mAPIRecipient", "mDBUseDefaults", "msExchMixedMode", "msExchDoFullReplication",
            "msExchReplicateNow", "reportToOriginator", "showInAdvancedViewOnly", "Enabled", "msExchHideFromAddressLists", "isDeleted");
        Add(Integer, "instanceType", "groupType", "systemFlags", "userAccountControl", "badPwdCount", "logonCount", "minPwdLength",
            "msDS-Behavior-Version", "nTMixedDomain", "objectVersion", "primaryGroupID", "pwdProperties", "sAMAccountType", "versionNumber",
            "msExchUserAccountControl", "options", "msExchPolicyOrder", "msExchPollInterval", "msExchServer1PageSize", "msExchALObjectVersion",
            "internetEncoding", "msExchCurrentServerRoles", "serverRole", "activationStyle");
        Add(LargeInteger, "accountExpires", "lastLogon", "lastLogonTimestamp", "lockoutDuration", "maxPwdAge", "pwdLastSet", "uSNChanged",
            "uSNCreated", "badPasswordTime", "lockoutTime");
        Add(GeneralizedTime, "whenCreated", "whenChanged", "dSCorePropagationData");
        Add(Octets, "objectGUID", "invocationId", "msExchMailboxGuid", "msExchDomainGlobalGroupGuid", "msExchDomainLocalGroupGuid");
        Add(Sid, "objectSid");
        Add(SecurityDescriptor, "nTSecurityDescriptor", "msExchMailboxSecurityDescriptor");
        return map;
    }
}
