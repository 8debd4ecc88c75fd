namespace RusSnapshot.Analysis.Rules;

/// <summary>How sure and how serious a finding is; ordered, so thresholds compare.</summary>
/// <remarks>Defined by confidence, as roslyn-analyzers' RuleLevel is: <see cref="Error"/> means certainly broken.</remarks>
public enum Severity
{
    /// <summary>Worth knowing; nothing is broken.</summary>
    Info = 0,

    /// <summary>Probably wrong, or wrong with limited impact.</summary>
    Warning = 1,

    /// <summary>Broken: recipients are not stamped, or Exchange setup stops.</summary>
    Error = 2,
}

/// <summary>What a finding says (SARIF's result kind): separate from severity.</summary>
public enum FindingKind
{
    /// <summary>The rule's condition holds: something is wrong.</summary>
    Fail,

    /// <summary>The rule could not be evaluated: the dump lacks what it needs. Never counts as passed.</summary>
    NotApplicable,

    /// <summary>A fact the rule reports without judging it.</summary>
    Info,
}

/// <summary>Lower-case names used in JSON and in the configuration file.</summary>
public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static string ToName(this FindingKind kind) => kind switch
    {
        FindingKind.Fail => "fail",
        FindingKind.NotApplicable => "notApplicable",
        _ => "info",
    };

    public static bool TryParse(string text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error": severity = Severity.Error; return true;
            case "warning": severity = Severity.Warning; return true;
            case "info": severity = Severity.Info; return true;
            default: severity = Severity.Info; return false;
        }
    }
}
