using System.Globalization;
using System.Text;

namespace RusSnapshot.Cli;

/// <summary>An unexpected exception (a bug): its full text goes to a file in the temp folder, never to the console.</summary>
internal static class CrashReport
{
    /// <summary>Writes the details; returns the file's path, or null when even that failed.</summary>
    public static string? Write(Exception exception)
    {
        var name = $"russnap-crash-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
        var text = new StringBuilder()
            .Append("russnap ").Append(Commands.AnalyzeCommand.ToolVersion).Append(" on ").Append(Environment.OSVersion.VersionString)
            .Append(", .NET ").Append(Environment.Version.ToString()).Append('\n')
            .Append(exception).Append('\n')
            .ToString();

        // The temp folder is shared: create a new file (never follow a link planted at a guessable name).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var path = Path.Combine(Path.GetTempPath(), attempt == 0 ? name + ".txt" : $"{name}-{Path.GetRandomFileName()}.txt");
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(Encoding.UTF8.GetBytes(text));
                return path;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Taken or not writable: try another name.
            }
        }

        return null;
    }
}
