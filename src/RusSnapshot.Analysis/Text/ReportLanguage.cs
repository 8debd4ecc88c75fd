namespace RusSnapshot.Analysis.Text;

/// <summary>Languages reports are written in.</summary>
public enum ReportLanguage
{
    /// <summary>English.</summary>
    En,

    /// <summary>French, in the wording of the French Exchange readiness articles.</summary>
    Fr,
}

/// <summary>Parsing of <c>--lang</c> values.</summary>
public static class ReportLanguages
{
    public static bool TryParse(string? text, out ReportLanguage language)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "en": language = ReportLanguage.En; return true;
            case "fr": language = ReportLanguage.Fr; return true;
            default: language = ReportLanguage.En; return false;
        }
    }

    public static string ToCode(this ReportLanguage language) => language == ReportLanguage.Fr ? "fr" : "en";
}
