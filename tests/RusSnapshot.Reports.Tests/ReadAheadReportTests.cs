using RusSnapshot.Analysis;
using RusSnapshot.Analysis.Options;
using RusSnapshot.Analysis.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Reports.Tests;

/// <summary>
/// Analysis with the read-ahead thread (AnalysisOptions.ReadAhead) and without it gives byte-identical reports in every
/// format, on the bundled sample and every support case.
/// </summary>
public sealed class ReadAheadReportTests
{
    public static TheoryData<string> Folders()
    {
        var root = FindRepository();
        var data = new TheoryData<string> { Path.Combine(root, "fixtures", "sample") };
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(root, "fixtures", "cases")).Order(StringComparer.Ordinal))
        {
            data.Add(folder);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Reports_are_byte_identical_with_and_without_read_ahead(string folder)
    {
        var sources = DumpSource.Expand([folder]);
        var single = Render(ForestAnalyzer.Analyze(sources, Options(readAhead: false)));
        var parallel = Render(ForestAnalyzer.Analyze(sources, Options(readAhead: true)));

        Assert.Equal(single.Count, parallel.Count);
        for (var i = 0; i < single.Count; i++)
        {
            Assert.Equal(single[i], parallel[i]);
        }
    }

    private static AnalysisOptions Options(bool readAhead) => new() { Today = new DateOnly(2026, 11, 24), ReadAhead = readAhead };

    private static List<string> Render(AnalysisResult result)
    {
        var document = ReportBuilder.Build(result, TestReport.Options(ReportLanguage.En));
        return [.. ReportWriters.All.Select(w => w.Render(document))];
    }

    internal static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RusSnapshot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
