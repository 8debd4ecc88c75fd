using RusSnapshot.Analysis.Text;

namespace RusSnapshot.Reports.Diff;

/// <summary>The fixed words of the comparison page, in English and French; severities and yes/no come from <see cref="ReportLabels"/>.</summary>
public sealed record DiffLabels
{
    public required string Title { get; init; }

    public required string Subtitle { get; init; }

    public required string Before { get; init; }

    public required string After { get; init; }

    public required string Summary { get; init; }

    public required string Fixed { get; init; }

    public required string New { get; init; }

    public required string Unchanged { get; init; }

    public required string Changes { get; init; }

    public required string NoChanges { get; init; }

    public required string None { get; init; }

    public required string Rule { get; init; }

    public required string Severity { get; init; }

    public required string Subject { get; init; }

    public required string Message { get; init; }

    public required string ExplainedBy { get; init; }

    public required string Change { get; init; }

    public required string Name { get; init; }

    public required string Was { get; init; }

    public required string Now { get; init; }

    public required string Inputs { get; init; }

    public required string GeneratedAt { get; init; }

    public required string SeverityWas { get; init; }

    public required Func<ForestChangeKind, string> ChangeName { get; init; }

    public static DiffLabels For(ReportLanguage language) => language == ReportLanguage.Fr ? French : English;

    private static readonly DiffLabels English = new()
    {
        Title = "RusSnapshot comparison",
        Subtitle = "Findings fixed, new and unchanged between two analyses, and the forest changes that explain them",
        Before = "Before",
        After = "After",
        Summary = "Summary",
        Fixed = "Fixed",
        New = "New",
        Unchanged = "Unchanged",
        Changes = "Forest changes",
        NoChanges = "No change in domains, RUS instances, Exchange servers or unstamped recipients.",
        None = "None.",
        Rule = "Rule",
        Severity = "Severity",
        Subject = "Subject",
        Message = "Message",
        ExplainedBy = "Explained by",
        Change = "Change",
        Name = "Name",
        Was = "Before",
        Now = "After",
        Inputs = "Inputs",
        GeneratedAt = "Generated",
        SeverityWas = "was",
        ChangeName = kind => kind switch
        {
            ForestChangeKind.DomainAdded => "domain added",
            ForestChangeKind.DomainRemoved => "domain removed",
            ForestChangeKind.DomainCovered => "domain now covered by a RUS",
            ForestChangeKind.DomainUncovered => "domain no longer covered by a RUS",
            ForestChangeKind.RusAdded => "RUS instance added",
            ForestChangeKind.RusRemoved => "RUS instance removed",
            ForestChangeKind.RusRepointed => "RUS instance pointed elsewhere",
            ForestChangeKind.ServerAdded => "Exchange server added",
            ForestChangeKind.ServerRemoved => "Exchange server removed",
            ForestChangeKind.ServerVersionChanged => "Exchange server version changed",
            _ => "unstamped recipients",
        },
    };

    private static readonly DiffLabels French = new()
    {
        Title = "Comparaison RusSnapshot",
        Subtitle = "Constats corrigés, nouveaux et inchangés entre deux analyses, et les changements de la forêt qui les expliquent",
        Before = "Avant",
        After = "Après",
        Summary = "Synthèse",
        Fixed = "Corrigés",
        New = "Nouveaux",
        Unchanged = "Inchangés",
        Changes = "Changements de la forêt",
        NoChanges = "Aucun changement de domaine, d’instance du service de mise à jour de destinataire, de serveur Exchange ni de destinataires non renseignés.",
        None = "Aucun.",
        Rule = "Règle",
        Severity = "Gravité",
        Subject = "Objet",
        Message = "Message",
        ExplainedBy = "Expliqué par",
        Change = "Changement",
        Name = "Nom",
        Was = "Avant",
        Now = "Après",
        Inputs = "Entrées",
        GeneratedAt = "Généré le",
        SeverityWas = "auparavant",
        ChangeName = kind => kind switch
        {
            ForestChangeKind.DomainAdded => "domaine ajouté",
            ForestChangeKind.DomainRemoved => "domaine retiré",
            ForestChangeKind.DomainCovered => "domaine désormais couvert par un service de mise à jour de destinataire",
            ForestChangeKind.DomainUncovered => "domaine qui n’est plus couvert par un service de mise à jour de destinataire",
            ForestChangeKind.RusAdded => "instance du service de mise à jour de destinataire ajoutée",
            ForestChangeKind.RusRemoved => "instance du service de mise à jour de destinataire supprimée",
            ForestChangeKind.RusRepointed => "instance du service de mise à jour de destinataire redirigée",
            ForestChangeKind.ServerAdded => "serveur Exchange ajouté",
            ForestChangeKind.ServerRemoved => "serveur Exchange retiré",
            ForestChangeKind.ServerVersionChanged => "version du serveur Exchange modifiée",
            _ => "destinataires non renseignés",
        },
    };
}
