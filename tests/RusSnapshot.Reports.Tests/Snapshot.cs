using System.Runtime.CompilerServices;
using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Reporters;

namespace RusSnapshot.Reports.Tests;

/// <summary>
/// ApprovalTests with Verify's conventions: the approved file is <c>{Class}.{Method}.verified.{ext}</c> next to the
/// test file, a mismatch writes <c>{Class}.{Method}.received.{ext}</c> beside it (git-ignored) and fails. To approve,
/// review the received file and rename it to <c>.verified.</c>.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string text, string extension, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        var directory = System.IO.Path.GetDirectoryName(sourceFile);
        if (directory is null || !Directory.Exists(directory))
        {
            // Builds with a path map (ContinuousIntegrationBuild) hide the source path: fall back to the project folder.
            directory = RepoRoot.File("tests", "RusSnapshot.Reports.Tests");
        }

        var name = System.IO.Path.GetFileNameWithoutExtension(sourceFile) + "." + method;
        Approvals.Verify(new VerifiedFileWriter(text, extension), new Namer(directory, name), QuietReporter.INSTANCE);
    }

    private sealed class Namer(string sourcePath, string name) : IApprovalNamer
    {
        public string SourcePath { get; } = sourcePath;

        public string Name { get; } = name;
    }

    /// <summary>Names files <c>.verified.</c>/<c>.received.</c> and writes the exact text (UTF-8, no BOM, LF as given).</summary>
    private sealed class VerifiedFileWriter(string text, string extension) : IApprovalWriter
    {
        public string GetApprovalFilename(string baseName) => $"{baseName}.verified.{extension}";

        public string GetReceivedFilename(string baseName) => $"{baseName}.received.{extension}";

        public string WriteReceivedFile(string received)
        {
            File.WriteAllText(received, text, ReportWriters.Utf8);
            return received;
        }
    }
}
