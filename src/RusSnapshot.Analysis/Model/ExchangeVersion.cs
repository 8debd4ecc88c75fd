using System.Globalization;
using System.Text.RegularExpressions;

namespace RusSnapshot.Analysis.Model;

/// <summary>Exchange product generations that matter to RUS.</summary>
public enum ExchangeGeneration
{
    Unknown,
    Exchange2000,
    Exchange2003,
    Exchange2007,
    Exchange2010,
    Exchange2013OrLater,
}

/// <summary>
/// An Exchange server's version, decoded from <c>serialNumber</c> ("Version 6.5 (Build 7638.2: Service Pack 2)")
/// and <c>versionNumber</c> (a build number before Exchange 2007, a packed major/minor/build after: EX15 ServerVersion).
/// </summary>
public sealed partial record ExchangeVersion(int Major, int Minor, int Build, ExchangeGeneration Generation, string Display)
{
    /// <summary>versionNumber at and above which a server is Exchange 2007 or later (0x72000000).</summary>
    public const int E2007MinVersionNumber = 1912602624;

    private const int E14MinVersionNumber = 1937768448;
    private const int E15MinVersionNumber = 1941962752;
    private const int E2003MinBuild = 6500;

    public static ExchangeVersion Unknown { get; } = new(0, 0, 0, ExchangeGeneration.Unknown, "unknown");

    /// <summary>Exchange 2000 or 2003: the versions that run RUS (EX15 tests serialNumber for "Version 6").</summary>
    public bool IsLegacy => Generation is ExchangeGeneration.Exchange2000 or ExchangeGeneration.Exchange2003;

    /// <summary>Exchange 2007 or later: cannot run the legacy RUS (ExBPA bb738134).</summary>
    public bool IsE2007OrLater => Generation >= ExchangeGeneration.Exchange2007;

    /// <summary>Decodes what a server object says; serialNumber wins where both speak, as EX15 does.</summary>
    public static ExchangeVersion From(string? serialNumber, string? versionNumber)
    {
        if (serialNumber is not null)
        {
            var m = SerialPattern().Match(serialNumber);
            if (m.Success
                && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                && TryGroup(m.Groups[2], out var minor) && TryGroup(m.Groups[3], out var build))
            {
                return new ExchangeVersion(major, minor, build, Classify(major, minor), Name(major, minor));
            }
        }

        if (versionNumber is not null && long.TryParse(versionNumber, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
        {
            if (v >= E2007MinVersionNumber)
            {
                var major = (int)((v >> 22) & 63);
                var minor = (int)((v >> 16) & 63);
                var build = (int)(v & 0x7FFF);
                var generation = v >= E15MinVersionNumber ? ExchangeGeneration.Exchange2013OrLater
                    : v >= E14MinVersionNumber ? ExchangeGeneration.Exchange2010
                    : ExchangeGeneration.Exchange2007;
                return new ExchangeVersion(major, minor, build, generation, Name(major, minor));
            }

            if (v > 0 && v < 1_000_000)
            {
                var build = (int)v;
                return build >= E2003MinBuild
                    ? new ExchangeVersion(6, 5, build, ExchangeGeneration.Exchange2003, "Exchange Server 2003")
                    : new ExchangeVersion(6, 0, build, ExchangeGeneration.Exchange2000, "Exchange 2000 Server");
            }
        }

        return Unknown;
    }

    private static bool TryGroup(Group group, out int value)
    {
        value = 0;
        return !group.Success || int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static ExchangeGeneration Classify(int major, int minor) => major switch
    {
        6 => minor >= 5 ? ExchangeGeneration.Exchange2003 : ExchangeGeneration.Exchange2000,
        8 => ExchangeGeneration.Exchange2007,
        14 => ExchangeGeneration.Exchange2010,
        >= 15 => ExchangeGeneration.Exchange2013OrLater,
        _ => ExchangeGeneration.Unknown,
    };

    private static string Name(int major, int minor) => major switch
    {
        6 => minor >= 5 ? "Exchange Server 2003" : "Exchange 2000 Server",
        8 => "Exchange Server 2007",
        14 => "Exchange Server 2010",
        15 => minor >= 2 ? "Exchange Server 2019" : minor == 1 ? "Exchange Server 2016" : "Exchange Server 2013",
        _ => string.Create(CultureInfo.InvariantCulture, $"Exchange {major}.{minor}"),
    };

    [GeneratedRegex(@"Version\s+(\d+)(?:\.(\d+))?(?:\s*\(Build\s+(\d+))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SerialPattern();
}
