using System.Globalization;

namespace RusSnapshot.Cli.Options;

/// <summary><c>--timestamp</c> and <c>SOURCE_DATE_EPOCH</c>: ISO 8601 or Unix seconds.</summary>
internal static class Timestamps
{
    /// <summary>The largest Unix second a <see cref="DateTimeOffset"/> holds (9999-12-31T23:59:59Z).</summary>
    private const long MaxUnixSeconds = 253402300799;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why, naming <paramref name="origin"/>.</summary>
    public static bool TryParse(string text, string origin, out DateTimeOffset when, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;

        // Unix seconds (SOURCE_DATE_EPOCH's form); "@" is System.CommandLine's response-file prefix, so it is optional here.
        var digits = text.StartsWith('@') ? text[1..] : text;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxUnixSeconds)
            {
                when = DateTimeOffset.FromUnixTimeSeconds(seconds);
                return true;
            }

            when = default;
            problem = $"{origin} {ConsoleText.Quote(text)} is out of range: Unix seconds up to {MaxUnixSeconds.ToString(CultureInfo.InvariantCulture)} (year 9999)";
            return false;
        }

        if (text.Length > 0 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out when))
        {
            return true;
        }

        when = default;
        problem = $"{origin} {ConsoleText.Quote(text)} is not a timestamp: expected ISO 8601 (2026-11-24T12:00:00Z) or Unix seconds";
        return false;
    }

    /// <summary>SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else null; false when it is set but wrong.</summary>
    public static bool TryFromEnvironment(out DateTimeOffset? when, out string? problem)
    {
        when = null;
        problem = null;
        if (Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is not { Length: > 0 } epoch)
        {
            return true;
        }

        if (!TryParse(epoch, "SOURCE_DATE_EPOCH", out var parsed, out problem))
        {
            return false;
        }

        when = parsed;
        return true;
    }
}
