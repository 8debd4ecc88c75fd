namespace RusSnapshot.Dumps;

/// <summary>What a dump says about how it was made: the header of an AD Explorer snapshot.</summary>
/// <param name="Tool">The program that wrote it, as reports name it (<c>AD Explorer</c>).</param>
/// <param name="Time">When the capture started (UTC); null when the file does not say.</param>
/// <param name="Server">The domain controller it was taken from, as the user gave it; null when empty.</param>
/// <param name="Description">The free-text description typed when saving; null when empty. Customer text: shown, never interpreted.</param>
public sealed record DumpCapture(string Tool, DateTimeOffset? Time, string? Server, string? Description)
{
    /// <summary><c>AD Explorer, 2021-11-30T21:48:42Z, dc.windomain.local</c>: tool, time and server, the parts known.</summary>
    public string Summary()
    {
        var parts = new List<string> { Tool };
        if (Time is { } time)
        {
            parts.Add(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (Server is { Length: > 0 } server)
        {
            parts.Add(server);
        }

        return string.Join(", ", parts);
    }
}
