using System.Collections.Frozen;
using System.Globalization;
using RusSnapshot.Analysis.Rules;

namespace RusSnapshot.Analysis.Text;

/// <summary>
/// Every text a rule shows, in every language: title, explanation, remediation steps and finding messages,
/// keyed by rule id (<c>RSN2001.title</c>, <c>RSN2001.fail</c>...). French follows the wording of the French
/// Exchange readiness articles (« service de mise à jour de destinataire »).
/// </summary>
/// <remarks>A catalog test checks that every key exists in every language and that placeholders match.</remarks>
public static class RuleTexts
{
    private static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RSN1001.title"] = "The dump is incomplete",
        ["RSN1001.explanation"] = "Rules can only judge what the dump holds. When the Configuration partition, a domain partition or the Exchange organisation is missing, when an ldapsearch run stopped early, or when records could not be read, the rules that need the missing part report 'not applicable' instead of passing, and this rule reports the gap, so that an incomplete dump never looks healthy.",
        ["RSN1001.remediation"] = "Export again the partitions named in the finding (see README: ldifde/csvde command lines for the Configuration partition and each domain partition).\nFor ldapsearch, use paging (-E pr=1000/noprompt) and keep the default output, so that the final 'result:' line shows the search finished.\nRun 'russnap validate' on the new dump: it must report no errors.",
        ["RSN1001.noConfiguration"] = "The dump holds no crossRef objects (CN=Partitions of the Configuration partition): the forest's domains are unknown, and the rules that need them are not applicable.",
        ["RSN1001.noExchange"] = "The dump holds no Exchange organisation (CN=Microsoft Exchange,CN=Services in the Configuration partition): RUS coverage cannot be judged.",
        ["RSN1001.partitionMissing"] = "The partition of domain '{0}' is not in the dump: its recipients, its domain preparation and its domain controllers are unknown.",
        ["RSN1001.searchFailed"] = "{3} ldapsearch search(es) in '{0}' ended with a result other than 0 Success, the first with {1} ({2}): the search stopped early and the dump misses entries.",
        ["RSN1001.ldapsearchUnfinished"] = "The ldapsearch output '{0}' has no final search result: the search did not finish or the file was cut off.",
        ["RSN1001.readErrors"] = "{1} record(s) of '{0}' could not be read ({2} error(s)): the analysis ran without them.",
        ["RSN1001.unreadable"] = "The input '{0}' could not be read: {1}",
        ["RSN1001.foreignConfiguration"] = "{0} configuration object(s) belong to another forest's Configuration partition than '{1}' and were left out: the inputs mix forests.",

        ["RSN1002.title"] = "The same entry differs between two inputs",
        ["RSN1002.explanation"] = "When several exports are analysed together, an entry may appear in more than one (exports of overlapping partitions, or dumps taken at different times). RusSnapshot uses the first copy. If the copies differ, the dumps were taken at different times or from different domain controllers, and findings may reflect either state.",
        ["RSN1002.remediation"] = "Export all partitions at the same time from domain controllers that have replicated.\nOr analyse each input on its own and compare the two JSON reports' findings by their fingerprints, to see which copy the difference changes.",
        ["RSN1002.fail"] = "'{0}' is read at {1} and again, with other content, at {2}; the first copy is used.",

        ["RSN2001.title"] = "Domain without a Recipient Update Service",
        ["RSN2001.explanation"] = "Exchange 2000/2003 needs one Recipient Update Service (RUS) instance for each domain of the organisation: a domain prepared for Exchange (it has the Microsoft Exchange System Objects container) or holding mail-enabled recipients. Without one, new recipients in the domain receive no e-mail addresses, and Exchange 2007/2010 setup stops with the readiness error RUSMissing ('setup cannot continue because the Recipient Update Service (RUS) responsible for a domain in the existing Exchange organization cannot be found'). A RUS serves the domain its msExchDomainLink names. This is an error while an Exchange 2000/2003 server remains, the condition under which Exchange setup checks it; with no such server left, RUS is no longer used and the finding is only informational. (The domain selection follows ExBPA's 'RUS Instance does not exist for the domain' and is RusSnapshot's derivation.)",
        ["RSN2001.remediation"] = "On an Exchange 2003 server, open Exchange System Manager.\nExpand Recipients, then Recipient Update Services.\nRight-click Recipient Update Services, click New, then Recipient Update Service.\nClick Browse, choose the domain named in this finding, click OK, then Next.\nChoose the Exchange server that will run it (an Exchange 2000/2003 back-end server), click Next, then Finish.\nWait for replication, take a new dump and run the analysis again.",
        ["RSN2001.fail"] = "Domain '{0}' has no Recipient Update Service: new recipients in it get no e-mail addresses, and Exchange 2007/2010 setup stops with RUSMissing.",
        ["RSN2001.noLegacyServer"] = "Domain '{0}' has no Recipient Update Service; no Exchange 2000/2003 server remains, so RUS is not used any more.",
        ["RSN2001.noPartitions"] = "The forest's domains are unknown (no crossRef objects in the dump): RUS coverage of domains cannot be judged.",
        ["RSN2001.noExchange"] = "The dump holds no Exchange organisation: RUS coverage of domains cannot be judged.",
        ["RSN2001.partitionMissing"] = "Domain '{0}' has no Recipient Update Service, but its partition is not in the dump: whether it is prepared for Exchange or holds recipients cannot be told.",

        ["RSN2002.title"] = "No Enterprise Configuration Recipient Update Service",
        ["RSN2002.explanation"] = "One RUS instance, 'Recipient Update Service (Enterprise Configuration)', processes the Configuration partition: it stamps addresses on objects stored there (such as the Exchange system mailboxes and public folder hierarchy objects). It is the instance whose msExchDomainLink names the Configuration partition. Microsoft warns never to delete or disable it (KB296479).",
        ["RSN2002.remediation"] = "In Exchange System Manager, expand Recipients, then Recipient Update Services.\nIf an Enterprise Configuration instance exists but points elsewhere, correct it; otherwise restore it from a system state backup of a domain controller, or open a case with Microsoft support: ESM does not offer to create the Enterprise instance.\nTake a new dump and run the analysis again.",
        ["RSN2002.fail"] = "No Recipient Update Service serves the Configuration partition '{0}' (the Enterprise Configuration RUS is missing).",
        ["RSN2002.noLegacyServer"] = "No Recipient Update Service serves the Configuration partition '{0}'; no Exchange 2000/2003 server remains, so RUS is not used any more.",
        ["RSN2002.noConfiguration"] = "The Configuration partition is not in the dump: the Enterprise Configuration RUS cannot be looked for.",
        ["RSN2002.noExchange"] = "The dump holds no Exchange organisation: the Enterprise Configuration RUS cannot be looked for.",

        ["RSN2003.title"] = "Recipient Update Service without a working server",
        ["RSN2003.explanation"] = "Each RUS instance runs on the Exchange server its msExchAddressListServiceLink names. When that link is empty, the instance runs nowhere (ExBPA 'Recipient Update Service is missing or is not configured'); when it names a deleted object (a name with '\\0ADEL:'), the server was removed without moving the RUS first (ExBPA 'Recipient Update Service deleted'); when it names no Exchange server of the dump, the server is gone or the dump is incomplete. In each case recipients of the domain are no longer stamped.",
        ["RSN2003.remediation"] = "In Exchange System Manager, expand Recipients, Recipient Update Services, and open the properties of the instance named in this finding.\nNext to 'Exchange server', click Browse and choose a running Exchange 2000/2003 back-end server.\nClick OK, right-click the instance and choose Update Now.",
        ["RSN2003.noLink"] = "Recipient Update Service '{0}' has no Exchange server (msExchAddressListServiceLink is empty): it runs nowhere.",
        ["RSN2003.deleted"] = "Recipient Update Service '{0}' runs on a deleted server ('{1}').",
        ["RSN2003.notFound"] = "Recipient Update Service '{0}' runs on '{1}', which matches no Exchange server in the dump.",
        ["RSN2003.noExchange"] = "The dump holds no Exchange servers container: the servers that run RUS cannot be checked.",

        ["RSN2004.title"] = "Recipient Update Service on a server that cannot run it",
        ["RSN2004.explanation"] = "The Recipient Update Service is an Exchange 2000/2003 component. An Exchange 2007 or later server cannot run it: 'the legacy Recipient Update Service will not process updates if running on an Exchange 2007 server' (ExBPA 'Invalid Recipient Update Service Server Designated'). An Exchange 2003 front-end server should not run it either (ExBPA 'This front-end server is configured with the recipient update service'). The server's version is read from serialNumber and versionNumber, its front-end role from serverRole.",
        ["RSN2004.remediation"] = "In Exchange System Manager, open the properties of the Recipient Update Service named in this finding.\nNext to 'Exchange server', click Browse and choose an Exchange 2000/2003 back-end server.\nIf no such server remains, RUS is no longer needed: apply e-mail address policies with Exchange 2007/2010 tools instead.",
        ["RSN2004.laterVersion"] = "Recipient Update Service '{0}' is set to run on '{1}' ({2}), which cannot run it.",
        ["RSN2004.frontEnd"] = "Recipient Update Service '{0}' is set to run on '{1}', an Exchange 2003 front-end server.",

        ["RSN2005.title"] = "Recipient Update Service for a domain the forest does not have",
        ["RSN2005.explanation"] = "A RUS serves the naming context its msExchDomainLink names: the Configuration partition (the Enterprise instance) or a domain of the forest. When the link names a domain that was removed (a deleted-object name, or no enabled domain crossRef), the instance is left over and does nothing useful; it also hides the fact that the domain meant to be served may have none.",
        ["RSN2005.remediation"] = "In Exchange System Manager, expand Recipients, Recipient Update Services.\nIf the domain was removed, delete this instance.\nIf it should serve an existing domain, create a new instance for that domain and delete this one.",
        ["RSN2005.noLink"] = "Recipient Update Service '{0}' names no domain (msExchDomainLink is empty).",
        ["RSN2005.fail"] = "Recipient Update Service '{0}' serves '{1}', which is neither the Configuration partition nor an enabled domain of the forest.",
        ["RSN2005.noPartitions"] = "The forest's domains are unknown (no crossRef objects in the dump): the domains RUS instances serve cannot be checked.",

        ["RSN2006.title"] = "Recipient Update Service uses an unknown domain controller",
        ["RSN2006.explanation"] = "Each RUS instance reads and writes the directory through the domain controller named in msExchServer1NetworkAddress ('Windows domain controller' in its properties). It must be a domain controller of the domain the instance serves (for the Enterprise instance, any domain controller of the forest). When the named host is no domain controller of that domain in the Sites container, the DC was decommissioned or belongs elsewhere, and the instance fails. (Derived rule; the attribute mapping comes from OpenChange's provisioning of an Exchange 2003 organisation.)",
        ["RSN2006.remediation"] = "In Exchange System Manager, open the properties of the Recipient Update Service named in this finding.\nNext to 'Windows domain controller', click Browse and choose a domain controller of the domain it serves.\nClick OK, right-click the instance and choose Update Now.",
        ["RSN2006.fail"] = "Recipient Update Service '{0}' uses domain controller '{1}', which is not a domain controller of '{2}' in the dump's Sites container.",
        ["RSN2006.noSites"] = "The dump holds no Sites container: the domain controllers RUS instances use cannot be checked.",

        ["RSN2007.title"] = "Mail-enabled recipients that RUS never stamped",
        ["RSN2007.explanation"] = "RUS stamps every mail-enabled recipient (an object with mailNickname) with its e-mail addresses (proxyAddresses), its legacyExchangeDN and its address-list membership (showInAddressBook). Recipients without them were never processed: this is what users see when a domain has no working RUS. Recipients whose automatic address update was turned off (msExchPoliciesExcluded) are counted apart, and hidden recipients are not expected to have showInAddressBook. (Derived heuristic, from KB253770 and KB253838.)",
        ["RSN2007.remediation"] = "First fix any other RUS finding for this domain (missing instance, server, domain controller).\nThen, in Exchange System Manager, right-click the domain's Recipient Update Service and choose Update Now (or Rebuild to reprocess every recipient).\nTake a new dump and check that the count dropped to zero.",
        ["RSN2007.fail"] = "Domain '{0}' has {1} mail-enabled recipient(s) that RUS never stamped (of {2} mail-enabled).",
        ["RSN2007.unassigned"] = "{0} mail-enabled recipient(s) that RUS never stamped lie in naming contexts that match no domain of the dump.",

        ["RSN4001.title"] = "Domain with recipients but not prepared for Exchange",
        ["RSN4001.explanation"] = "Exchange setup /domainprep creates the Microsoft Exchange System Objects container in each domain that holds Exchange recipients, and the groups RUS relies on. A domain holding mail-enabled recipients without that container was never prepared: RUS cannot manage it properly, and Exchange 2007/2010 setup expects every such domain to be prepared.",
        ["RSN4001.remediation"] = "Run Exchange 2003 setup with /domainprep in the domain named in this finding (as a Domain Admin of that domain).\nThen create a Recipient Update Service for it if none exists.",
        ["RSN4001.fail"] = "Domain '{0}' holds {1} mail-enabled recipient(s) but has no Microsoft Exchange System Objects container: it was not prepared for Exchange (/domainprep).",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> French = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RSN1001.title"] = "L'export est incomplet",
        ["RSN1001.explanation"] = "Les règles ne peuvent juger que ce que l'export contient. S'il manque la partition de configuration, une partition de domaine ou l'organisation Exchange, si une recherche ldapsearch s'est arrêtée trop tôt, ou si des enregistrements n'ont pas pu être lus, les règles qui en ont besoin indiquent « non applicable » au lieu de réussir, et cette règle signale le manque : un export incomplet ne paraît jamais sain.",
        ["RSN1001.remediation"] = "Exportez de nouveau les partitions citées (voir le README : commandes ldifde/csvde pour la partition de configuration et chaque partition de domaine).\nAvec ldapsearch, utilisez la pagination (-E pr=1000/noprompt) et gardez la sortie par défaut, pour que la ligne « result: » finale montre que la recherche s'est terminée.\nExécutez « russnap validate » sur le nouvel export : il ne doit signaler aucune erreur.",
        ["RSN1001.noConfiguration"] = "L'export ne contient aucun objet crossRef (CN=Partitions de la partition de configuration) : les domaines de la forêt sont inconnus et les règles qui en ont besoin ne sont pas applicables.",
        ["RSN1001.noExchange"] = "L'export ne contient aucune organisation Exchange (CN=Microsoft Exchange,CN=Services dans la partition de configuration) : la couverture du service de mise à jour de destinataire ne peut pas être jugée.",
        ["RSN1001.partitionMissing"] = "La partition du domaine « {0} » n'est pas dans l'export : ses destinataires, sa préparation et ses contrôleurs de domaine sont inconnus.",
        ["RSN1001.searchFailed"] = "{3} recherche(s) ldapsearch de « {0} » se sont terminées avec un résultat autre que 0 Success, la première avec {1} ({2}) : la recherche s'est arrêtée trop tôt et l'export est incomplet.",
        ["RSN1001.ldapsearchUnfinished"] = "La sortie ldapsearch « {0} » n'a pas de résultat de recherche final : la recherche ne s'est pas terminée ou le fichier a été tronqué.",
        ["RSN1001.readErrors"] = "{1} enregistrement(s) de « {0} » n'ont pas pu être lus ({2} erreur(s)) : l'analyse s'est faite sans eux.",
        ["RSN1001.unreadable"] = "L'entrée « {0} » n'a pas pu être lue : {1}",
        ["RSN1001.foreignConfiguration"] = "{0} objet(s) de configuration appartiennent à une autre partition de configuration que « {1} » et ont été ignorés : les exports mélangent des forêts.",

        ["RSN1002.title"] = "La même entrée diffère entre deux exports",
        ["RSN1002.explanation"] = "Quand plusieurs exports sont analysés ensemble, une entrée peut figurer dans plusieurs d'entre eux. RusSnapshot garde la première copie. Si les copies diffèrent, les exports ont été faits à des moments ou sur des contrôleurs de domaine différents, et les constats peuvent refléter l'un ou l'autre état.",
        ["RSN1002.remediation"] = "Exportez toutes les partitions au même moment depuis des contrôleurs de domaine répliqués.\nOu analysez chaque export séparément et comparez les constats des deux rapports JSON par leur empreinte, pour voir ce que la différence change.",
        ["RSN1002.fail"] = "« {0} » est lu en {1} puis de nouveau, avec un autre contenu, en {2} ; la première copie est utilisée.",

        ["RSN2001.title"] = "Domaine sans service de mise à jour de destinataire",
        ["RSN2001.explanation"] = "Exchange 2000/2003 exige une instance du service de mise à jour de destinataire (RUS) pour chaque domaine de l'organisation : un domaine préparé pour Exchange (il contient le conteneur Microsoft Exchange System Objects) ou contenant des destinataires à extension messagerie. Sans instance, les nouveaux destinataires du domaine ne reçoivent pas d'adresse de messagerie, et l'installation d'Exchange 2007/2010 s'arrête sur l'erreur de préparation RUSMissing (« le programme d'installation ne peut pas continuer car le service de mise à jour de destinataire responsable d'un domaine de l'organisation Exchange existante est introuvable »). Une instance sert le domaine que nomme son attribut msExchDomainLink. C'est une erreur tant qu'il reste un serveur Exchange 2000/2003, condition sous laquelle l'installation d'Exchange le vérifie ; sinon le RUS n'est plus utilisé et le constat n'est qu'informatif. (Le choix des domaines suit la règle ExBPA « RUS Instance does not exist for the domain » et est une dérivation de RusSnapshot.)",
        ["RSN2001.remediation"] = "Sur un serveur Exchange 2003, ouvrez le Gestionnaire système Exchange.\nDéveloppez Destinataires, puis Services de mise à jour de destinataire.\nCliquez avec le bouton droit sur Services de mise à jour de destinataire, cliquez sur Nouveau, puis sur Service de mise à jour de destinataire.\nCliquez sur Parcourir, choisissez le domaine cité dans ce constat, cliquez sur OK, puis sur Suivant.\nChoisissez le serveur Exchange qui l'exécutera (un serveur principal Exchange 2000/2003), cliquez sur Suivant, puis sur Terminer.\nAttendez la réplication, refaites un export et relancez l'analyse.",
        ["RSN2001.fail"] = "Le domaine « {0} » n'a pas de service de mise à jour de destinataire : ses nouveaux destinataires ne reçoivent pas d'adresse de messagerie, et l'installation d'Exchange 2007/2010 s'arrête sur RUSMissing.",
        ["RSN2001.noLegacyServer"] = "Le domaine « {0} » n'a pas de service de mise à jour de destinataire ; il ne reste aucun serveur Exchange 2000/2003, le RUS n'est donc plus utilisé.",
        ["RSN2001.noPartitions"] = "Les domaines de la forêt sont inconnus (aucun objet crossRef dans l'export) : la couverture des domaines ne peut pas être jugée.",
        ["RSN2001.noExchange"] = "L'export ne contient aucune organisation Exchange : la couverture des domaines ne peut pas être jugée.",
        ["RSN2001.partitionMissing"] = "Le domaine « {0} » n'a pas de service de mise à jour de destinataire, mais sa partition n'est pas dans l'export : on ne peut pas savoir s'il est préparé pour Exchange ni s'il contient des destinataires.",

        ["RSN2002.title"] = "Pas de service de mise à jour de destinataire (Configuration d'entreprise)",
        ["RSN2002.explanation"] = "Une instance, « Recipient Update Service (Enterprise Configuration) », traite la partition de configuration : elle attribue les adresses des objets qui s'y trouvent (boîtes aux lettres système, objets de la hiérarchie des dossiers publics). C'est l'instance dont msExchDomainLink nomme la partition de configuration. Microsoft recommande de ne jamais la supprimer ni la désactiver (KB296479).",
        ["RSN2002.remediation"] = "Dans le Gestionnaire système Exchange, développez Destinataires, puis Services de mise à jour de destinataire.\nSi une instance Configuration d'entreprise existe mais pointe ailleurs, corrigez-la ; sinon restaurez-la depuis une sauvegarde de l'état du système d'un contrôleur de domaine, ou ouvrez un incident auprès du support Microsoft : le Gestionnaire système ne permet pas de recréer l'instance d'entreprise.\nRefaites un export et relancez l'analyse.",
        ["RSN2002.fail"] = "Aucun service de mise à jour de destinataire ne sert la partition de configuration « {0} » (l'instance Configuration d'entreprise manque).",
        ["RSN2002.noLegacyServer"] = "Aucun service de mise à jour de destinataire ne sert la partition de configuration « {0} » ; il ne reste aucun serveur Exchange 2000/2003, le RUS n'est donc plus utilisé.",
        ["RSN2002.noConfiguration"] = "La partition de configuration n'est pas dans l'export : l'instance Configuration d'entreprise ne peut pas être recherchée.",
        ["RSN2002.noExchange"] = "L'export ne contient aucune organisation Exchange : l'instance Configuration d'entreprise ne peut pas être recherchée.",

        ["RSN2003.title"] = "Service de mise à jour de destinataire sans serveur en état de marche",
        ["RSN2003.explanation"] = "Chaque instance s'exécute sur le serveur Exchange que nomme son attribut msExchAddressListServiceLink. Si ce lien est vide, l'instance ne s'exécute nulle part (ExBPA « Recipient Update Service is missing or is not configured ») ; s'il nomme un objet supprimé (nom contenant « \\0ADEL: »), le serveur a été retiré sans déplacer le RUS (ExBPA « Recipient Update Service deleted ») ; s'il ne nomme aucun serveur Exchange de l'export, le serveur a disparu ou l'export est incomplet. Dans tous les cas, les destinataires du domaine ne sont plus traités.",
        ["RSN2003.remediation"] = "Dans le Gestionnaire système Exchange, développez Destinataires, Services de mise à jour de destinataire, et ouvrez les propriétés de l'instance citée.\nEn regard de « Serveur Exchange », cliquez sur Parcourir et choisissez un serveur principal Exchange 2000/2003 en service.\nCliquez sur OK, puis cliquez avec le bouton droit sur l'instance et choisissez Mettre à jour maintenant.",
        ["RSN2003.noLink"] = "Le service de mise à jour de destinataire « {0} » n'a pas de serveur Exchange (msExchAddressListServiceLink est vide) : il ne s'exécute nulle part.",
        ["RSN2003.deleted"] = "Le service de mise à jour de destinataire « {0} » s'exécute sur un serveur supprimé (« {1} »).",
        ["RSN2003.notFound"] = "Le service de mise à jour de destinataire « {0} » s'exécute sur « {1} », qui ne correspond à aucun serveur Exchange de l'export.",
        ["RSN2003.noExchange"] = "L'export ne contient pas le conteneur des serveurs Exchange : les serveurs qui exécutent le RUS ne peuvent pas être vérifiés.",

        ["RSN2004.title"] = "Service de mise à jour de destinataire sur un serveur qui ne peut pas l'exécuter",
        ["RSN2004.explanation"] = "Le service de mise à jour de destinataire est un composant d'Exchange 2000/2003. Un serveur Exchange 2007 ou ultérieur ne peut pas l'exécuter (ExBPA « Invalid Recipient Update Service Server Designated »). Un serveur frontal Exchange 2003 ne doit pas l'exécuter non plus (ExBPA « This front-end server is configured with the recipient update service »). La version du serveur est lue dans serialNumber et versionNumber, son rôle frontal dans serverRole.",
        ["RSN2004.remediation"] = "Dans le Gestionnaire système Exchange, ouvrez les propriétés du service de mise à jour de destinataire cité.\nEn regard de « Serveur Exchange », cliquez sur Parcourir et choisissez un serveur principal Exchange 2000/2003.\nS'il n'en reste aucun, le RUS n'est plus nécessaire : appliquez les stratégies d'adresses de messagerie avec les outils d'Exchange 2007/2010.",
        ["RSN2004.laterVersion"] = "Le service de mise à jour de destinataire « {0} » est configuré pour s'exécuter sur « {1} » ({2}), qui ne peut pas l'exécuter.",
        ["RSN2004.frontEnd"] = "Le service de mise à jour de destinataire « {0} » est configuré pour s'exécuter sur « {1} », un serveur frontal Exchange 2003.",

        ["RSN2005.title"] = "Service de mise à jour de destinataire pour un domaine que la forêt n'a pas",
        ["RSN2005.explanation"] = "Une instance sert le contexte de nommage que nomme msExchDomainLink : la partition de configuration (instance d'entreprise) ou un domaine de la forêt. Si le lien nomme un domaine retiré (nom d'objet supprimé, ou aucun crossRef de domaine activé), l'instance est un reste inutile, et elle masque le fait que le domaine visé n'en a peut-être aucune.",
        ["RSN2005.remediation"] = "Dans le Gestionnaire système Exchange, développez Destinataires, Services de mise à jour de destinataire.\nSi le domaine a été retiré, supprimez cette instance.\nSi elle doit servir un domaine existant, créez une instance pour ce domaine et supprimez celle-ci.",
        ["RSN2005.noLink"] = "Le service de mise à jour de destinataire « {0} » ne nomme aucun domaine (msExchDomainLink est vide).",
        ["RSN2005.fail"] = "Le service de mise à jour de destinataire « {0} » sert « {1} », qui n'est ni la partition de configuration ni un domaine activé de la forêt.",
        ["RSN2005.noPartitions"] = "Les domaines de la forêt sont inconnus (aucun objet crossRef dans l'export) : les domaines servis ne peuvent pas être vérifiés.",

        ["RSN2006.title"] = "Service de mise à jour de destinataire avec un contrôleur de domaine inconnu",
        ["RSN2006.explanation"] = "Chaque instance lit et écrit l'annuaire par le contrôleur de domaine nommé dans msExchServer1NetworkAddress (« Contrôleur de domaine Windows » dans ses propriétés). Ce doit être un contrôleur du domaine servi (pour l'instance d'entreprise, n'importe quel contrôleur de la forêt). Si l'hôte nommé n'est pas un contrôleur de ce domaine dans le conteneur Sites, il a été retiré ou appartient à un autre domaine, et l'instance échoue. (Règle dérivée ; la correspondance de l'attribut vient du provisionnement d'une organisation Exchange 2003 par OpenChange.)",
        ["RSN2006.remediation"] = "Dans le Gestionnaire système Exchange, ouvrez les propriétés du service de mise à jour de destinataire cité.\nEn regard de « Contrôleur de domaine Windows », cliquez sur Parcourir et choisissez un contrôleur du domaine servi.\nCliquez sur OK, puis cliquez avec le bouton droit sur l'instance et choisissez Mettre à jour maintenant.",
        ["RSN2006.fail"] = "Le service de mise à jour de destinataire « {0} » utilise le contrôleur de domaine « {1} », qui n'est pas un contrôleur de « {2} » dans le conteneur Sites de l'export.",
        ["RSN2006.noSites"] = "L'export ne contient pas le conteneur Sites : les contrôleurs de domaine utilisés ne peuvent pas être vérifiés.",

        ["RSN2007.title"] = "Destinataires à extension messagerie jamais traités par le RUS",
        ["RSN2007.explanation"] = "Le service de mise à jour de destinataire attribue à chaque destinataire à extension messagerie (un objet ayant mailNickname) ses adresses (proxyAddresses), son legacyExchangeDN et son appartenance aux listes d'adresses (showInAddressBook). Les destinataires qui n'en ont pas n'ont jamais été traités : c'est ce que voient les utilisateurs quand un domaine n'a pas de RUS en état de marche. Les destinataires dont la mise à jour automatique des adresses est désactivée (msExchPoliciesExcluded) sont comptés à part, et les destinataires masqués ne sont pas censés avoir showInAddressBook. (Heuristique dérivée de KB253770 et KB253838.)",
        ["RSN2007.remediation"] = "Corrigez d'abord tout autre constat RUS de ce domaine (instance, serveur ou contrôleur de domaine manquant).\nPuis, dans le Gestionnaire système Exchange, cliquez avec le bouton droit sur le service de mise à jour de destinataire du domaine et choisissez Mettre à jour maintenant (ou Reconstruire pour retraiter tous les destinataires).\nRefaites un export et vérifiez que le nombre est tombé à zéro.",
        ["RSN2007.fail"] = "Le domaine « {0} » a {1} destinataire(s) à extension messagerie jamais traité(s) par le RUS (sur {2}).",
        ["RSN2007.unassigned"] = "{0} destinataire(s) à extension messagerie jamais traité(s) par le RUS se trouvent dans des contextes de nommage qui ne correspondent à aucun domaine de l'export.",

        ["RSN4001.title"] = "Domaine avec des destinataires mais non préparé pour Exchange",
        ["RSN4001.explanation"] = "L'installation d'Exchange avec /domainprep crée le conteneur Microsoft Exchange System Objects dans chaque domaine qui contient des destinataires Exchange, ainsi que les groupes dont dépend le RUS. Un domaine qui contient des destinataires à extension messagerie sans ce conteneur n'a jamais été préparé : le RUS ne peut pas le gérer correctement, et l'installation d'Exchange 2007/2010 attend que chacun de ces domaines soit préparé.",
        ["RSN4001.remediation"] = "Exécutez l'installation d'Exchange 2003 avec /domainprep dans le domaine cité (en tant qu'administrateur de ce domaine).\nPuis créez un service de mise à jour de destinataire pour ce domaine s'il n'en a pas.",
        ["RSN4001.fail"] = "Le domaine « {0} » contient {1} destinataire(s) à extension messagerie mais pas de conteneur Microsoft Exchange System Objects : il n'a pas été préparé pour Exchange (/domainprep).",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>All keys of a language (for catalog tests).</summary>
    public static IEnumerable<string> Keys(ReportLanguage language) => Table(language).Keys;

    /// <summary>The text under <paramref name="key"/>, falling back to English.</summary>
    /// <exception cref="KeyNotFoundException">No language has the key (a catalog test prevents this).</exception>
    public static string Get(ReportLanguage language, string key) =>
        Table(language).TryGetValue(key, out var text) ? text
        : English.TryGetValue(key, out var english) ? english
        : throw new KeyNotFoundException($"No rule text '{key}'.");

    public static string Title(ReportLanguage language, string ruleId) => Get(language, ruleId + ".title");

    public static string Explanation(ReportLanguage language, string ruleId) => Get(language, ruleId + ".explanation");

    /// <summary>The remediation as numbered steps.</summary>
    public static IReadOnlyList<string> Remediation(ReportLanguage language, string ruleId) =>
        Get(language, ruleId + ".remediation").Split('\n');

    /// <summary>The finding's message in <paramref name="language"/>, arguments substituted.</summary>
    public static string Message(ReportLanguage language, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var args = finding.Arguments.Cast<object>().ToArray();
        return string.Format(CultureInfo.InvariantCulture, Get(language, finding.MessageId), args);
    }

    private static FrozenDictionary<string, string> Table(ReportLanguage language) => language == ReportLanguage.Fr ? French : English;
}
