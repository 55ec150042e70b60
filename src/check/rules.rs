//! The catalogue of rules: stable French names, severities, and `--explain` texts.

use crate::diagnostic::Severity;
use Severity::{Avertissement as W, Erreur as E, Info as I};

/// A rule of `ldm check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub name: &'static str,
    pub severity: Severity,
    /// Rule family, as in the product brief (§4).
    pub famille: &'static str,
    pub titre: &'static str,
    pub explication: &'static str,
}

const fn r(
    name: &'static str,
    severity: Severity,
    famille: &'static str,
    titre: &'static str,
    explication: &'static str,
) -> Rule {
    Rule {
        name,
        severity,
        famille,
        titre,
        explication,
    }
}

const STRUCTURE: &str = "structure";
const EQUIPE: &str = "équipe";
const ACTIONS: &str = "actions et engagements";
const CDC: &str = "cahier des charges";
const PREUVES: &str = "preuves";
const IDENTITE: &str = "identité";

pub const RULES: &[Rule] = &[
    r(
        "syntaxe-invalide",
        E,
        STRUCTURE,
        "Le YAML ou le TOML ne peut pas être lu",
        "L'en-tête YAML d'un fichier .md (entre les deux lignes « --- ») ou le fichier ldm.toml contient une faute de syntaxe : indentation incohérente, tabulation, guillemet ou crochet non fermé, deux-points dans un texte sans guillemets. Tant que l'en-tête ne peut pas être lu, les autres règles ne peuvent pas examiner ce fichier.\n\nCorrigez la ligne indiquée. Dans le doute, mettez les textes entre guillemets droits : denomination: \"Atelier : découverte des métiers\".",
    ),
    r(
        "champ-inconnu",
        E,
        STRUCTURE,
        "Un champ n'existe pas dans le format",
        "Chaque fichier a une liste fermée de champs (docs/format.md). Un champ inconnu est le plus souvent une faute de frappe (« cibel » pour « cible ») : il serait ignoré en silence et l'information perdue. ldm propose le champ le plus proche (« vouliez-vous dire »).",
    ),
    r(
        "champ-manquant",
        E,
        STRUCTURE,
        "Un champ obligatoire est absent",
        "Certains champs sont indispensables au tableau officiel : la dénomination d'une action, la période, « perenne » pour une action, nom/prénom/fonction d'une personne, l'identité de l'établissement dans ldm.toml. Ajoutez le champ indiqué.",
    ),
    r(
        "type-invalide",
        E,
        STRUCTURE,
        "Une valeur n'a pas la forme attendue",
        "Une valeur ne correspond pas au type du champ : du texte là où un nombre est attendu (« cible: quarante » au lieu de « cible: 40 »), « oui » au lieu de true, une valeur hors de la liste permise (unite: nombre | pourcentage | euros ; sens: hausse | baisse).\n\nLes nombres s'écrivent sans unité ni signe % et avec un point décimal : 85.5.",
    ),
    r(
        "cle-en-double",
        E,
        STRUCTURE,
        "Une clé est écrite deux fois",
        "Une même clé apparaît deux fois au même niveau, par exemple deux mesures pour la même année. Une seule des deux valeurs serait retenue : gardez-en une.",
    ),
    r(
        "front-matter-absent",
        E,
        STRUCTURE,
        "Un fichier .md n'a pas d'en-tête YAML",
        "Les fichiers critere.md, d'action et d'engagement commencent par un en-tête YAML délimité par deux lignes « --- ». Sans lui, ldm ne trouve ni l'équipe, ni les objectifs, ni les indicateurs.",
    ),
    r(
        "fichier-manquant",
        E,
        STRUCTURE,
        "Un fichier attendu est absent",
        "etablissement.md à la racine et critere.md dans chaque dossier de critère sont obligatoires. « ldm init --force » recrée les fichiers manquants sans toucher aux autres.",
    ),
    r(
        "fichier-illisible",
        E,
        STRUCTURE,
        "Un fichier ne peut pas être lu",
        "Le fichier n'est pas un texte UTF-8 (par exemple enregistré en Windows-1252) ou ne peut pas être ouvert. Réenregistrez-le en UTF-8.",
    ),
    r(
        "lien-hors-dossier",
        E,
        STRUCTURE,
        "Un lien symbolique mène hors du dossier",
        "Une fiche, un dossier de critère, une preuve, le fichier du référentiel ou un modèle de templates/ est un lien symbolique vers un fichier situé hors du dossier. ldm ne le lit pas et n'en montre rien : un dossier transmis à quelqu'un d'autre ne doit rien contenir d'extérieur, et ldm ne lit que ce qui appartient au dossier. Remplacez le lien par une copie du fichier dans le dossier.",
    ),
    r(
        "fichier-ignore",
        W,
        STRUCTURE,
        "Un fichier est à un endroit où ldm ne le lit pas",
        "Un critère contient critere.md, un dossier actions/ et un dossier engagements/, avec des fichiers .md. Tout autre fichier y est ignoré : une preuve se range dans preuves/, une action mal placée n'apparaîtrait pas dans le dossier.",
    ),
    r(
        "edition-inconnue",
        E,
        STRUCTURE,
        "L'édition du cahier des charges est inconnue",
        "[referentiel] edition dans ldm.toml désigne une édition intégrée (« ldm referentiel » les liste) ou le chemin d'un fichier .yaml de référentiel placé dans le dossier. Sans référentiel, ldm vérifie le dossier avec l'édition national-2026.",
    ),
    r(
        "critere-manquant",
        E,
        STRUCTURE,
        "Un critère du cahier des charges n'a pas de dossier",
        "Le dossier de labellisation répond à chaque critère de l'édition choisie. Créez le dossier criteres/<numéro>-<nom>/ avec son critere.md (« ldm init --force » le fait sans rien écraser).",
    ),
    r(
        "critere-inconnu",
        E,
        STRUCTURE,
        "Un dossier de critère ne correspond à aucun critère",
        "Le nom d'un dossier de criteres/ commence par le numéro d'un critère de l'édition (« 4-partenariats »). Un numéro absent de l'édition, ou un nom sans numéro, n'est rattaché à rien.",
    ),
    r(
        "critere-en-double",
        E,
        STRUCTURE,
        "Deux dossiers portent le même numéro de critère",
        "Chaque critère a un seul dossier. Regroupez les actions et engagements dans l'un des deux.",
    ),
    r(
        "section-manquante",
        E,
        STRUCTURE,
        "Une section attendue est absente",
        "Chaque fichier a des sections Markdown qui remplissent les cases des tableaux officiels : « # État des lieux » et « # Objectif général » pour un critère ; « # Description », « # Mise en œuvre » (avec « ## Moyens engagés », « ## Calendrier », « ## Lieux », « ## Modalités d'organisation »), « # Points forts », « # Axes de progrès », « # Conclusion » pour une action. Les titres sont comparés sans tenir compte des majuscules ni des accents.",
    ),
    r(
        "section-vide",
        E,
        STRUCTURE,
        "Une section attendue est vide",
        "La section existe mais ne contient aucun texte (les commentaires <!-- … --> ne comptent pas). La case correspondante du tableau officiel serait vide : écrivez sous le titre le texte de l'équipe.",
    ),
    r(
        "section-inconnue",
        W,
        STRUCTURE,
        "Un titre de section n'est pas attendu",
        "Un titre de premier niveau (« # … ») ne correspond à aucune case du tableau officiel : souvent une faute de frappe (« # Point fort »). Son texte n'apparaîtrait nulle part dans l'annexe. Pour structurer un texte, utilisez des titres de niveau 3 (« ### »).",
    ),
    r(
        "texte-a-completer",
        E,
        STRUCTURE,
        "Un texte « À compléter » est resté",
        "ldm init écrit « À compléter » partout où l'équipe doit écrire. Chaque occurrence restante est une case vide du dossier. Remplacez-la par le texte de l'équipe. Les commentaires <!-- … --> ne sont pas concernés.",
    ),
    r(
        "consigne-du-guide",
        E,
        STRUCTURE,
        "Le texte d'aide du guide a été laissé",
        "Le modèle officiel contient des consignes (« Choisir un titre représentatif de l'action », « Décrire de manière narrative et rapide… », « Donner une mesure chiffrée »…). Restées dans le dossier, elles montrent à l'auditeur une case non remplie.",
    ),
    r(
        "champ-hors-contexte",
        W,
        STRUCTURE,
        "Un champ n'a pas de sens pour ce type de fiche",
        "Une action (réalisée) a « perenne » et des plus-values ; un engagement (à venir) a un « animateur » et peut avoir « suite_de ». Le champ signalé n'apparaîtra pas dans le tableau officiel de cette fiche.",
    ),
    r(
        "coordonnateur-manquant",
        E,
        EQUIPE,
        "Un critère n'a pas de coordonnateur",
        "Le tableau « Équipe critère X » commence par le coordonnateur du critère (nom, prénom, fonction). Ajoutez « coordonnateur: {nom: …, prenom: …, fonction: …} » dans critere.md.",
    ),
    r(
        "personne-incomplete",
        E,
        EQUIPE,
        "Une personne n'a pas de nom, de prénom ou de fonction",
        "Chaque personne citée (coordonnateur, membre, animateur, pilotage) a un nom, un prénom et une fonction non vides : l'annexe les présente dans des tableaux.",
    ),
    r(
        "equipe-sans-membre",
        I,
        EQUIPE,
        "Un critère n'a pas de membre d'équipe",
        "Le guide demande de « valoriser le collectif de travail » : le tableau « Équipe critère X » présente les membres autour du coordonnateur.",
    ),
    r(
        "fonction-incoherente",
        W,
        EQUIPE,
        "Une même personne a deux fonctions différentes",
        "Une personne (même nom et prénom) est citée avec des fonctions différentes selon les fichiers. L'annexe présenterait deux fonctions pour une même personne : harmonisez.",
    ),
    r(
        "animateur-manquant",
        E,
        EQUIPE,
        "Un engagement n'a pas d'animateur",
        "Le tableau « Planification » d'un engagement nomme l'animateur, porteur de l'action : « animateur: {nom: …, prenom: …, fonction: …} ».",
    ),
    r(
        "action-manquante",
        E,
        ACTIONS,
        "Un critère n'a aucune action",
        "Chaque critère présente au moins une action réalisée, avec ses objectifs, indicateurs et mesures. « ldm new action <critère> \"Titre\" » en crée une.",
    ),
    r(
        "engagement-manquant",
        E,
        ACTIONS,
        "Un critère n'a aucun engagement",
        "Chaque critère présente au moins un engagement : une action à venir et ses attendus. « ldm new engagement <critère> \"Titre\" » en crée un.",
    ),
    r(
        "objectif-manquant",
        E,
        ACTIONS,
        "Une action ou un engagement n'a pas d'objectif",
        "Le tableau « Objectifs indicateurs évaluation » part d'au moins un objectif opérationnel : « objectifs: - intitule: … ».",
    ),
    r(
        "objectif-sans-indicateur",
        E,
        ACTIONS,
        "Un objectif n'a pas d'indicateur",
        "Chaque objectif est suivi par au moins un indicateur d'évaluation, sans quoi sa réussite ne peut pas être mesurée.",
    ),
    r(
        "indicateur-sans-mesure",
        E,
        ACTIONS,
        "Un indicateur n'a aucune mesure",
        "Un indicateur a au moins une mesure : pour une action la mesure de début (année N), pour un engagement la « mesure à N », chiffrée.",
    ),
    r(
        "indicateur-sans-cible",
        I,
        ACTIONS,
        "Un indicateur n'a pas de cible",
        "Sans cible, la progression de l'indicateur ne peut pas être calculée (ldm progress le dira « non mesurable »). Ajoutez « cible: <valeur visée> ».",
    ),
    r(
        "mesure-non-chiffree",
        E,
        ACTIONS,
        "La mesure d'un engagement n'est pas un nombre",
        "Le guide demande pour un engagement de « donner une mesure chiffrée » à l'année de référence. Écrivez un nombre (0 si rien n'existe encore).",
    ),
    r(
        "mesure-qualitative",
        W,
        ACTIONS,
        "La mesure d'une action n'est pas un nombre",
        "Une mesure en texte ne permet pas de suivre la progression de l'indicateur d'année en année. Si possible, chiffrez-la (par exemple 0 / 1 pour « inexistant » / « en place »).",
    ),
    r(
        "mesure-hors-periode",
        W,
        ACTIONS,
        "Une mesure est datée hors de la période",
        "Les mesures d'un indicateur sont prises pendant la période de l'action ou de l'engagement ; la mesure de départ peut dater de l'année précédant le début. Vérifiez l'année ou la période.",
    ),
    r(
        "mesure-future",
        E,
        ACTIONS,
        "Une mesure est datée après l'année de la candidature",
        "Une mesure ne peut pas être postérieure à l'année de la campagne (candidature.annee dans ldm.toml) : elle n'a pas encore été prise. Après l'obtention du label, pour le bilan annuel, indiquez l'année suivie dans ldm.toml (section [suivi], annee = 2028) : les mesures vont alors jusqu'à cette année.",
    ),
    r(
        "mesure-de-suivi-manquante",
        W,
        ACTIONS,
        "Il manque la mesure de suivi (N+3) ou de fin (N+5)",
        "Une action commencée il y a au moins 3 ans présente sa mesure de suivi (N+3) ; commencée il y a au moins 5 ans, sa mesure de fin (N+5). Ce sont les colonnes du tableau officiel.",
    ),
    r(
        "pourcentage-hors-bornes",
        E,
        ACTIONS,
        "Un pourcentage n'est pas entre 0 et 100",
        "Une valeur d'un indicateur en pourcentage est comprise entre 0 et 100. Un taux de 140 est une erreur de saisie ou un indicateur qui est en fait un nombre.",
    ),
    r(
        "valeur-negative",
        E,
        ACTIONS,
        "Un nombre ou un montant est négatif",
        "Un indicateur en nombre ou en euros ne peut pas être négatif : une évolution se lit entre deux mesures, pas dans une mesure.",
    ),
    r(
        "annee-invalide",
        E,
        ACTIONS,
        "Une année est impossible",
        "Les années (période, mesures, candidature) s'écrivent sur quatre chiffres, entre 1990 et 2100.",
    ),
    r(
        "periode-invalide",
        E,
        ACTIONS,
        "La période finit avant de commencer",
        "Dans « periode: {debut: …, fin: …} », l'année de fin est égale ou postérieure à l'année de début.",
    ),
    r(
        "cible-incoherente",
        W,
        ACTIONS,
        "La cible est déjà atteinte au départ",
        "La cible d'un indicateur est égale à sa mesure de départ, ou déjà dépassée par elle dans le sens voulu (une cible de 40 pour un indicateur en hausse qui partait de 50). La progression vers la cible ne peut pas être calculée (ldm progress le dira « non mesurable ») : vérifiez la cible, la mesure de départ et le sens.",
    ),
    r(
        "sens-contradictoire",
        W,
        ACTIONS,
        "Le sens d'un indicateur contredit son intitulé",
        "« sens » dit dans quelle direction l'indicateur s'améliore. Un absentéisme, un décrochage, des exclusions ou des abandons s'améliorent en baissant : « sens: baisse ». Un sens erroné inverse la progression calculée.",
    ),
    r(
        "exigence-inconnue",
        E,
        CDC,
        "Une exigence citée n'existe pas",
        "« exigences » cite les identifiants des exigences du cahier des charges auxquelles répond l'action (« 4.3 »). « ldm referentiel <critère> » liste les identifiants du critère.",
    ),
    r(
        "exigence-non-couverte",
        W,
        CDC,
        "Une exigence du critère n'est couverte par aucune fiche",
        "Aucune action ni aucun engagement du dossier ne cite cette exigence dans « exigences ». L'auditeur vérifie chaque exigence : montrez par quelle action l'établissement y répond, ou engagez-vous à y répondre.",
    ),
    r(
        "strategie-reseau-manquante",
        E,
        CDC,
        "La stratégie commune du réseau manque",
        "Pour une candidature en réseau (candidature.reseau dans ldm.toml), les critères 4, 5, 6 et 8 demandent une stratégie commune aux établissements co-candidats : section « # Stratégie commune du réseau » de critere.md.",
    ),
    r(
        "preuve-introuvable",
        E,
        PREUVES,
        "Une preuve citée n'existe pas",
        "Un chemin de « preuves » ne désigne aucun fichier. Les chemins partent de la racine du dossier : « preuves/4-partenariats/convention.pdf ».",
    ),
    r(
        "preuve-hors-dossier",
        E,
        PREUVES,
        "Une preuve pointe hors du dossier",
        "Une preuve est un fichier du dossier : pas de chemin absolu, pas de « .. », pas de lien symbolique vers l'extérieur. Sinon elle manquerait à l'envoi du dossier et ldm lirait des fichiers qui ne lui appartiennent pas.",
    ),
    r(
        "preuve-non-citee",
        I,
        PREUVES,
        "Un fichier de preuves/ n'est cité par aucune fiche",
        "L'annexe liste les preuves avec les actions qui les citent. Un fichier que personne ne cite n'y serait rattaché à rien : citez-le ou retirez-le.",
    ),
    r(
        "uai-invalide",
        E,
        IDENTITE,
        "L'UAI n'a pas la bonne forme",
        "L'UAI (ex-RNE) s'écrit avec 7 chiffres et une lettre de contrôle, par exemple 0271234V.",
    ),
    r(
        "uai-cle-incorrecte",
        E,
        IDENTITE,
        "La lettre de contrôle de l'UAI est fausse",
        "La lettre d'un UAI se calcule : c'est la lettre de rang (nombre formé par les 7 chiffres) modulo 23 dans « ABCDEFGHJKLMNPRSTUVWXYZ ». Une lettre fausse signale une faute de frappe dans les chiffres ou la lettre.",
    ),
    r(
        "label-precedent-incoherent",
        W,
        IDENTITE,
        "L'année du label précédent ne correspond pas",
        "Le label est accordé pour 5 ans : un renouvellement en année N suit un label obtenu en N-5. Une première demande n'a pas de label précédent.",
    ),
    r(
        "label-precedent-manquant",
        E,
        IDENTITE,
        "Un renouvellement sans année du label précédent",
        "Pour un renouvellement, indiquez dans ldm.toml « precedente = <année du label en cours> ».",
    ),
];

/// The rule named `name`.
pub fn rule(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name)
}

/// Default severity of a rule; unknown names are a programming error caught by tests.
pub fn severity_of(name: &str) -> Severity {
    rule(name).map_or(Severity::Erreur, |r| r.severity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_explained() {
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        for r in RULES {
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.name
            );
            assert!(
                r.explication.len() > 80,
                "{} needs a real explanation",
                r.name
            );
        }
    }
}
