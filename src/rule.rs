//! The catalogue of rules of `ldm check`: each rule declared once (stable French name,
//! family, severity, title, `--explain` text), as the `Rule` enum.
//!
//! A firing site names `Rule::ChampInconnu`, so a misspelled rule does not compile and
//! every finding has its catalogue entry. Foundation module: `diagnostic` builds on it.

use serde::{Serialize, Serializer};
use std::fmt;

/// How serious a finding is. `Erreur` blocks submission.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Erreur,
    Avertissement,
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Erreur => "erreur",
            Severity::Avertissement => "avertissement",
            Severity::Info => "info",
        })
    }
}

/// Rule family, as in the product brief (§4); `--explain` lists rules under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Famille {
    Structure,
    Equipe,
    Actions,
    CahierDesCharges,
    Preuves,
    Identite,
    /// The rules of `ldm audit check`, over the auditors' files.
    Audit,
}

impl Famille {
    /// The family's French name.
    pub const fn label(self) -> &'static str {
        match self {
            Famille::Structure => "structure",
            Famille::Equipe => "équipe",
            Famille::Actions => "actions et engagements",
            Famille::CahierDesCharges => "cahier des charges",
            Famille::Preuves => "preuves",
            Famille::Identite => "identité",
            Famille::Audit => "audit",
        }
    }
}

impl fmt::Display for Famille {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.label())
    }
}

/// Declares every rule once and generates `Rule` with its accessors; the order of the
/// table is the catalogue's order (`--explain`, SARIF rule indexes).
macro_rules! rules {
    ($(
        $variant:ident {
            name: $name:literal,
            famille: $famille:ident,
            severity: $severity:ident,
            titre: $titre:literal,
            explication: $explication:literal $(,)?
        }
    )*) => {
        /// A rule of `ldm check`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(#[doc = $titre] $variant,)*
        }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// Stable French kebab-case name, e.g. `mesure-non-chiffree`.
            pub const fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            /// The rule's identifier in PascalCase (`MesureNonChiffree`): the readable
            /// `name` SARIF viewers show beside the id.
            pub const fn pascal_name(self) -> &'static str {
                match self { $(Rule::$variant => stringify!($variant),)* }
            }

            /// Default severity of the rule's findings.
            pub const fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// The family `--explain` lists the rule under.
            pub const fn famille(self) -> Famille {
                match self { $(Rule::$variant => Famille::$famille,)* }
            }

            /// One-line French title.
            pub const fn titre(self) -> &'static str {
                match self { $(Rule::$variant => $titre,)* }
            }

            /// The `--explain` text: what the rule checks, why, how to fix it.
            pub const fn explication(self) -> &'static str {
                match self { $(Rule::$variant => $explication,)* }
            }
        }
    };
}

impl Rule {
    /// Position of the rule in `Rule::ALL` (the table lists variants in declaration order).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The rule named `name` (as `ldm check` prints it), for `--explain`.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.name() == name)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Reports name a rule by its stable name.
impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A rule's name in the JSON outputs' schemas: a kebab-case word, not an enumeration,
/// since a new rule is not a change of the outputs' shape.
pub fn name_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" })
}

rules! {
    SyntaxeInvalide {
        name: "syntaxe-invalide",
        famille: Structure,
        severity: Erreur,
        titre: "Le YAML ou le TOML ne peut pas être lu",
        explication: "L'en-tête YAML d'un fichier .md (entre les deux lignes « --- ») ou le fichier ldm.toml contient une faute de syntaxe. Tant que l'en-tête ne peut pas être lu, les autres règles ne peuvent pas examiner ce fichier.\n\nLes causes les plus fréquentes :\n- un guillemet ouvert et jamais fermé (denomination: \"Job dating) : YAML continue le texte sur les lignes suivantes et ne s'aperçoit de l'erreur que plus bas, au guillemet suivant ; ldm montre le guillemet ouvert et, en second, la ligne où la lecture a échoué ;\n- un crochet « [ » ou une accolade « { » non fermé (exigences: [\"4.1\", \"4.3\") ;\n- un guillemet à l'intérieur d'un texte entre guillemets : écrivez \\\" ou mettez le texte entre guillemets simples ;\n- deux-points suivis d'une espace dans un texte sans guillemets (intitule: Atelier : découverte) : mettez le texte entre guillemets droits, intitule: \"Atelier : découverte\" ;\n- une tabulation ou une indentation incohérente : indentez avec des espaces, deux par niveau ;\n- dans ldm.toml, un texte sans guillemets (uai = 0271234V au lieu de uai = \"0271234V\").\n\nCorrigez à l'endroit indiqué en premier : c'est là que la faute a été faite.",
    }
    ChampInconnu {
        name: "champ-inconnu",
        famille: Structure,
        severity: Erreur,
        titre: "Un champ n'existe pas dans le format",
        explication: "Chaque fichier a une liste fermée de champs (ldm aide format les décrit tous). Un champ inconnu est le plus souvent une faute de frappe (« cibel » pour « cible ») : il serait ignoré en silence et l'information perdue. ldm propose le champ le plus proche (« vouliez-vous dire »).",
    }
    ChampManquant {
        name: "champ-manquant",
        famille: Structure,
        severity: Erreur,
        titre: "Un champ obligatoire est absent",
        explication: "Certains champs sont indispensables au tableau officiel : la dénomination d'une action, la période, « perenne » pour une action, nom/prénom/fonction d'une personne, l'identité de l'établissement dans ldm.toml. Ajoutez le champ indiqué.",
    }
    TypeInvalide {
        name: "type-invalide",
        famille: Structure,
        severity: Erreur,
        titre: "Une valeur n'a pas la forme attendue",
        explication: "Une valeur ne correspond pas au type du champ : du texte là où un nombre est attendu (« cible: quarante » au lieu de « cible: 40 »), « oui » au lieu de true, une valeur hors de la liste permise (sens: hausse | baisse), une unité qui n'en est pas une (unite: nombre, pourcentage, euros, ou une unité courte sans chiffre : M€, m², heures).\n\nUn nombre seul s'écrit avec un point décimal : 85.5. Une mesure peut s'écrire avec son unité (« 13,70 M€ », « 85 % ») ou en intervalle (« 70 à 80 % ») ; un intervalle inachevé (« 70 à ») est refusé.",
    }
    CleEnDouble {
        name: "cle-en-double",
        famille: Structure,
        severity: Erreur,
        titre: "Une clé est écrite deux fois",
        explication: "Une même clé apparaît deux fois au même niveau, par exemple deux mesures pour la même année. Une seule des deux valeurs serait retenue : gardez-en une.",
    }
    FrontMatterAbsent {
        name: "front-matter-absent",
        famille: Structure,
        severity: Erreur,
        titre: "Un fichier .md n'a pas d'en-tête YAML",
        explication: "Les fichiers critere.md, d'action et d'engagement commencent par un en-tête YAML délimité par deux lignes « --- ». Sans lui, ldm ne trouve ni l'équipe, ni les objectifs, ni les indicateurs.",
    }
    FichierManquant {
        name: "fichier-manquant",
        famille: Structure,
        severity: Erreur,
        titre: "Un fichier attendu est absent",
        explication: "etablissement.md à la racine et critere.md dans chaque dossier de critère sont obligatoires. « ldm init --force » recrée les fichiers manquants sans toucher aux autres.",
    }
    FichierIllisible {
        name: "fichier-illisible",
        famille: Structure,
        severity: Erreur,
        titre: "Un fichier ne peut pas être lu",
        explication: "Le fichier n'est pas un texte UTF-8 (par exemple enregistré en Windows-1252) ou ne peut pas être ouvert. Réenregistrez-le en UTF-8.",
    }
    CaractereDeControle {
        name: "caractere-de-controle",
        famille: Structure,
        severity: Erreur,
        titre: "Un texte contient un caractère de contrôle",
        explication: "Un caractère de contrôle (U+0000 à U+001F sauf la tabulation et les fins de ligne, U+007F à U+009F, U+FFFE, U+FFFF) ne s'écrit pas au clavier : il vient d'un copier-coller ou d'un fichier hostile, directement ou par un échappement YAML (« \\e », « \\x01 ») ou TOML (« \\u001b »). Word refuse un document qui en contient et un terminal peut l'exécuter (une séquence d'échappement qui cache du texte). ldm le remplace par « � » dans tout ce qu'il produit et le signale à sa ligne et à sa colonne : supprimez-le du fichier.",
    }
    ImbricationTropProfonde {
        name: "imbrication-trop-profonde",
        famille: Structure,
        severity: Avertissement,
        titre: "Une citation ou une liste est imbriquée trop profondément",
        explication: "Une citation (« > ») ou une liste a au plus 8 niveaux dans ce que ldm écrit : au-delà, ldm la ramène à 8 niveaux dès la lecture du fichier et le signale à sa ligne. Aucun texte de dossier n'en demande autant, et un fichier qui en a des centaines ferait échouer les documents (Word, PDF). Aplatissez le passage.",
    }
    LienHorsDossier {
        name: "lien-hors-dossier",
        famille: Structure,
        severity: Erreur,
        titre: "Un lien symbolique mène hors du dossier",
        explication: "Une fiche, un dossier de critère, une preuve, le fichier du référentiel ou un modèle de templates/ est un lien symbolique vers un fichier situé hors du dossier. ldm ne le lit pas et n'en montre rien : un dossier transmis à quelqu'un d'autre ne doit rien contenir d'extérieur, et ldm ne lit que ce qui appartient au dossier. Remplacez le lien par une copie du fichier dans le dossier.",
    }
    FichierIgnore {
        name: "fichier-ignore",
        famille: Structure,
        severity: Avertissement,
        titre: "Un fichier est à un endroit où ldm ne le lit pas",
        explication: "Un critère contient critere.md, un dossier actions/ et un dossier engagements/, avec des fichiers .md. Tout autre fichier y est ignoré : une preuve se range dans preuves/, une action mal placée n'apparaîtrait pas dans le dossier. Les modèles templates/annexe.html.j2 et templates/annexe.md.j2 ne sont plus lus : l'annexe est la même dans tous les formats, et son apparence en HTML se change par une feuille de style templates/annexe.css.",
    }
    EditionInconnue {
        name: "edition-inconnue",
        famille: Structure,
        severity: Erreur,
        titre: "L'édition du cahier des charges est inconnue",
        explication: "[referentiel] edition dans ldm.toml désigne une édition intégrée (« ldm referentiel » les liste) ou le chemin d'un fichier .yaml de référentiel placé dans le dossier. Sans référentiel, ldm vérifie le dossier avec l'édition national-2026.",
    }
    CritereManquant {
        name: "critere-manquant",
        famille: Structure,
        severity: Erreur,
        titre: "Un critère du cahier des charges n'a pas de dossier",
        explication: "Le dossier de labellisation répond à chaque critère de l'édition choisie. Créez le dossier criteres/<numéro>-<nom>/ avec son critere.md (« ldm init --force » le fait sans rien écraser).",
    }
    CritereInconnu {
        name: "critere-inconnu",
        famille: Structure,
        severity: Erreur,
        titre: "Un dossier de critère ne correspond à aucun critère",
        explication: "Le nom d'un dossier de criteres/ commence par le numéro d'un critère de l'édition (« 4-partenariats »). Un numéro absent de l'édition, ou un nom sans numéro, n'est rattaché à rien.",
    }
    CritereNomDifferent {
        name: "critere-nom-different",
        famille: Structure,
        severity: Erreur,
        titre: "Le nom d'un dossier de critère contredit le critère de ce numéro",
        explication: "Un dossier de criteres/ est rattaché au critère de l'édition qui porte son numéro. Quand son nom en désigne un autre (« 4-partenariats » alors que le critère 4 de l'édition est « Validation des acquis de l'expérience »), ses actions seraient présentées dans l'annexe sous le mauvais critère. Cela arrive avec une autre édition que celle des dossiers (un ancien cahier des charges, la liste d'une académie, un referentiel.yaml). Renommez le dossier au nom attendu s'il répond bien à ce critère ; sinon déplacez ses fiches dans le dossier du critère qu'elles servent, ou choisissez la bonne édition dans ldm.toml.",
    }
    CritereEnDouble {
        name: "critere-en-double",
        famille: Structure,
        severity: Erreur,
        titre: "Deux dossiers portent le même numéro de critère",
        explication: "Chaque critère a un seul dossier. Regroupez les actions et engagements dans l'un des deux.",
    }
    SectionManquante {
        name: "section-manquante",
        famille: Structure,
        severity: Erreur,
        titre: "Une section attendue est absente",
        explication: "Chaque fichier a des sections Markdown qui remplissent les cases des tableaux officiels : « # État des lieux » et « # Objectif général » pour un critère ; « # Description », « # Mise en œuvre » (avec « ## Moyens engagés », « ## Calendrier », « ## Lieux », « ## Modalités d'organisation »), « # Points forts », « # Axes de progrès », « # Conclusion » pour une action. Les titres sont comparés sans tenir compte des majuscules ni des accents.",
    }
    SectionVide {
        name: "section-vide",
        famille: Structure,
        severity: Erreur,
        titre: "Une section attendue est vide",
        explication: "La section existe mais ne contient aucun texte (les commentaires <!-- … --> ne comptent pas). La case correspondante du tableau officiel serait vide : écrivez sous le titre le texte de l'équipe.",
    }
    SectionInconnue {
        name: "section-inconnue",
        famille: Structure,
        severity: Avertissement,
        titre: "Un titre de section n'est pas attendu",
        explication: "Un titre de premier niveau (« # … ») ne correspond à aucune case du tableau officiel : souvent une faute de frappe (« # Point fort »). Son texte n'apparaîtrait nulle part dans l'annexe. Pour structurer un texte, utilisez des titres de niveau 3 (« ### »).",
    }
    TexteACompleter {
        name: "texte-a-completer",
        famille: Structure,
        severity: Erreur,
        titre: "Un texte « À compléter » est resté",
        explication: "ldm init écrit « À compléter » partout où l'équipe doit écrire. Chaque occurrence restante est une case vide du dossier. Remplacez-la par le texte de l'équipe. Seul le repère laissé seul est signalé (une ligne, une valeur de champ, un élément de liste ou une case de tableau qui ne contient que lui) : « était à compléter par les entreprises », dans une phrase, est du texte. Les commentaires <!-- … --> ne sont pas concernés.",
    }
    ConsigneDuGuide {
        name: "consigne-du-guide",
        famille: Structure,
        severity: Erreur,
        titre: "Le texte d'aide du guide a été laissé",
        explication: "Le modèle officiel contient des consignes (« Choisir un titre représentatif de l'action », « Décrire de manière narrative et rapide… », « Donner une mesure chiffrée »…). Restées dans le dossier, elles montrent à l'auditeur une case non remplie.",
    }
    ChampHorsContexte {
        name: "champ-hors-contexte",
        famille: Structure,
        severity: Avertissement,
        titre: "Un champ n'a pas de sens pour ce type de fiche",
        explication: "Une action (réalisée) a « perenne » et des plus-values ; un engagement (à venir) a un « animateur » et peut avoir « suite_de ». Le champ signalé n'apparaîtra pas dans le tableau officiel de cette fiche.",
    }
    CoordonnateurManquant {
        name: "coordonnateur-manquant",
        famille: Equipe,
        severity: Erreur,
        titre: "Un critère n'a pas de coordonnateur",
        explication: "Le tableau « Équipe critère X » commence par le coordonnateur du critère (nom, prénom, fonction). Ajoutez « coordonnateur: {nom: …, prenom: …, fonction: …} » dans critere.md.",
    }
    PersonneIncomplete {
        name: "personne-incomplete",
        famille: Equipe,
        severity: Erreur,
        titre: "Une personne n'a pas de nom, de prénom ou de fonction",
        explication: "Chaque personne citée (coordonnateur, membre, animateur, pilotage) a un nom, un prénom et une fonction non vides : l'annexe les présente dans des tableaux. Un nom ou un prénom mis pour un inconnu (« Non communiqué », « NC », « NN », « X ») compte comme vide.",
    }
    EquipeSansMembre {
        name: "equipe-sans-membre",
        famille: Equipe,
        severity: Info,
        titre: "Un critère n'a pas de membre d'équipe",
        explication: "Le guide demande de « valoriser le collectif de travail » : le tableau « Équipe critère X » présente les membres autour du coordonnateur.",
    }
    FonctionIncoherente {
        name: "fonction-incoherente",
        famille: Equipe,
        severity: Avertissement,
        titre: "Une même personne a deux fonctions différentes",
        explication: "ldm compare les fonctions écrites pour une même personne (même nom et même prénom, sans tenir compte des majuscules ni des accents) dans tous les fichiers. Deux fonctions sont compatibles quand elles sont identiques, quand l'une ajoute un rôle déclaré à l'autre (« CPE » et « CPE, référente décrochage ») ou quand elles sont datées d'années différentes (« CPE (2017) » et « Chargée de mission bureau des entreprises (2024) ») : une personne change de fonction au fil des années. Deux fonctions différentes sans date se contredisent : l'annexe présenterait deux fonctions pour une même personne ; harmonisez-les, ou datez-les.",
    }
    AnimateurManquant {
        name: "animateur-manquant",
        famille: Equipe,
        severity: Erreur,
        titre: "Un engagement n'a pas d'animateur",
        explication: "Le tableau « Planification » d'un engagement nomme l'animateur, porteur de l'action : « animateur: {nom: …, prenom: …, fonction: …} ».",
    }
    ActionManquante {
        name: "action-manquante",
        famille: Actions,
        severity: Erreur,
        titre: "Un critère n'a aucune action",
        explication: "Chaque critère présente au moins une action réalisée, avec ses objectifs, indicateurs et mesures. « ldm new action <critère> \"Titre\" » en crée une.",
    }
    EngagementManquant {
        name: "engagement-manquant",
        famille: Actions,
        severity: Erreur,
        titre: "Un critère n'a aucun engagement",
        explication: "Chaque critère présente au moins un engagement : une action à venir et ses attendus. « ldm new engagement <critère> \"Titre\" » en crée un.",
    }
    ObjectifManquant {
        name: "objectif-manquant",
        famille: Actions,
        severity: Erreur,
        titre: "Une action ou un engagement n'a pas d'objectif",
        explication: "Le tableau « Objectifs indicateurs évaluation » part d'au moins un objectif opérationnel : « objectifs: - intitule: … ».",
    }
    ObjectifSansIndicateur {
        name: "objectif-sans-indicateur",
        famille: Actions,
        severity: Erreur,
        titre: "Un objectif n'a pas d'indicateur",
        explication: "Chaque objectif est suivi par au moins un indicateur d'évaluation, sans quoi sa réussite ne peut pas être mesurée.",
    }
    IndicateurSansMesure {
        name: "indicateur-sans-mesure",
        famille: Actions,
        severity: Erreur,
        titre: "Un indicateur n'a aucune mesure",
        explication: "Un indicateur a au moins une mesure : pour une action la mesure de début (année N), pour un engagement la « mesure à N », chiffrée.",
    }
    IndicateurSansCible {
        name: "indicateur-sans-cible",
        famille: Actions,
        severity: Info,
        titre: "Un indicateur n'a pas de cible",
        explication: "Sans cible, la progression de l'indicateur ne peut pas être calculée (ldm progress le dira « non mesurable »). Ajoutez « cible: <valeur visée> ».",
    }
    MesureNonChiffree {
        name: "mesure-non-chiffree",
        famille: Actions,
        severity: Erreur,
        titre: "La mesure d'un engagement n'est pas un nombre",
        explication: "Le guide demande pour un engagement de « donner une mesure chiffrée » à l'année de référence. Écrivez un nombre (0 si rien n'existe encore).",
    }
    MesureQualitative {
        name: "mesure-qualitative",
        famille: Actions,
        severity: Avertissement,
        titre: "La mesure d'une action n'est pas un nombre",
        explication: "Une mesure en texte ne permet pas de suivre la progression de l'indicateur d'année en année. Si possible, chiffrez-la (par exemple 0 / 1 pour « inexistant » / « en place »).",
    }
    UniteDifferente {
        name: "unite-differente",
        famille: Actions,
        severity: Avertissement,
        titre: "Une mesure est écrite dans une autre unité que son indicateur",
        explication: "Une mesure peut s'écrire avec son unité (« 13,70 M€ », « 85 % », « 8 750 m² ») : elle est lue comme le nombre. Quand l'unité écrite n'est pas celle de l'indicateur (« unite »), la valeur ne se compare pas aux autres mesures ni à la cible. Entre unités monétaires (€, k€, M€), ldm convertit et le dit ; sinon la mesure n'entre pas dans le calcul de la progression. Écrivez la valeur dans l'unité de l'indicateur, ou changez « unite » pour tout l'indicateur.",
    }
    MesureHorsPeriode {
        name: "mesure-hors-periode",
        famille: Actions,
        severity: Avertissement,
        titre: "Une mesure est datée hors de la période",
        explication: "Les mesures d'un indicateur sont prises pendant la période de l'action ou de l'engagement ; la mesure de départ peut dater de l'année précédant le début. Vérifiez l'année ou la période.",
    }
    MesureFuture {
        name: "mesure-future",
        famille: Actions,
        severity: Erreur,
        titre: "Une mesure est datée après l'année de la candidature",
        explication: "Une mesure ne peut pas être postérieure à l'année de la campagne (candidature.annee dans ldm.toml) : elle n'a pas encore été prise. Après l'obtention du label, pour le bilan annuel, indiquez l'année suivie dans ldm.toml (section [suivi], annee = 2028) : les mesures vont alors jusqu'à cette année.",
    }
    MesureDeSuiviManquante {
        name: "mesure-de-suivi-manquante",
        famille: Actions,
        severity: Avertissement,
        titre: "Il manque la mesure de suivi (N+3) ou de fin (N+5)",
        explication: "Une action commencée il y a au moins 3 ans présente sa mesure de suivi (N+3) ; commencée il y a au moins 5 ans, sa mesure de fin (N+5). Ce sont les colonnes du tableau officiel.",
    }
    PourcentageHorsBornes {
        name: "pourcentage-hors-bornes",
        famille: Actions,
        severity: Erreur,
        titre: "Un pourcentage n'est pas entre 0 et 100",
        explication: "Une valeur d'un indicateur en pourcentage est comprise entre 0 et 100. Un taux de 140 est une erreur de saisie ou un indicateur qui est en fait un nombre.",
    }
    ValeurDemesuree {
        name: "valeur-demesuree",
        famille: Actions,
        severity: Erreur,
        titre: "Une valeur dépasse mille milliards",
        explication: "Une cible ou une mesure au-delà de mille milliards n'est pas une donnée d'établissement : c'est une faute de frappe (des zéros en trop, une écriture « 1e308 »). ldm ne la compte dans aucun calcul ni graphique tant qu'elle n'est pas corrigée.",
    }
    ValeurNegative {
        name: "valeur-negative",
        famille: Actions,
        severity: Erreur,
        titre: "Un nombre ou un montant est négatif",
        explication: "Un indicateur en nombre ou en euros ne peut pas être négatif : une évolution se lit entre deux mesures, pas dans une mesure.",
    }
    AnneeInvalide {
        name: "annee-invalide",
        famille: Actions,
        severity: Erreur,
        titre: "Une année est impossible",
        explication: "Les années (période, mesures, candidature) s'écrivent sur quatre chiffres, entre 1990 et 2100.",
    }
    PeriodeInvalide {
        name: "periode-invalide",
        famille: Actions,
        severity: Erreur,
        titre: "La période finit avant de commencer",
        explication: "Dans « periode: {debut: …, fin: …} », l'année de fin est égale ou postérieure à l'année de début.",
    }
    AnneesMelangees {
        name: "annees-melangees",
        famille: Actions,
        severity: Erreur,
        titre: "Un indicateur mélange années civiles et années scolaires",
        explication: "Les années d'un indicateur s'écrivent toutes de la même façon : en années civiles (2024) ou en années scolaires (2023-2024). Une année scolaire compte pour l'année où elle se termine : « 2023-2024 » et « 2024 » désigneraient la même colonne du tableau, et l'historique serait illisible. Choisissez une seule écriture pour toutes les mesures de l'indicateur.",
    }
    MesureANManquante {
        name: "mesure-a-n-manquante",
        famille: Actions,
        severity: Erreur,
        titre: "Un indicateur d'engagement n'a pas sa mesure à N",
        explication: "La seule colonne de mesure d'un engagement est la « Mesure à N », où N est l'année de la campagne (candidature.annee dans ldm.toml) : le point de départ chiffré de l'engagement. Une mesure d'une autre année serait imprimée sous « Mesure à N » avec une autre date. Ajoutez la mesure de l'année de la campagne (0 si le dispositif n'existe pas encore).",
    }
    FicheAnterieureAuLabel {
        name: "fiche-anterieure-au-label",
        famille: Actions,
        severity: Avertissement,
        titre: "Une fiche commence avant le label précédent",
        explication: "Dans un renouvellement, les actions présentent le travail mené pendant le label en cours, obtenu l'année « precedente » de ldm.toml. Une fiche dont la période commence avant cette année relève du dossier précédent, ou sa période est mal recopiée : vérifiez l'année de début.",
    }
    CibleIncoherente {
        name: "cible-incoherente",
        famille: Actions,
        severity: Avertissement,
        titre: "La cible est déjà atteinte au départ",
        explication: "La cible d'un indicateur est égale à sa mesure de départ, ou déjà dépassée par elle dans le sens voulu (une cible de 40 pour un indicateur en hausse qui partait de 50). La progression vers la cible ne peut pas être calculée : ldm progress juge seulement si la cible est tenue (« atteint » si la dernière mesure est au moins aussi bonne que la première, « en recul » sinon). Vérifiez la cible, la mesure de départ et le sens.",
    }
    SensContradictoire {
        name: "sens-contradictoire",
        famille: Actions,
        severity: Avertissement,
        titre: "Le sens d'un indicateur contredit son intitulé",
        explication: "« sens » dit dans quelle direction l'indicateur s'améliore. Un absentéisme, un décrochage, des exclusions ou des abandons s'améliorent en baissant : « sens: baisse ». Un sens erroné inverse la progression calculée.",
    }
    ExigenceInconnue {
        name: "exigence-inconnue",
        famille: CahierDesCharges,
        severity: Erreur,
        titre: "Une exigence citée n'existe pas",
        explication: "« exigences » cite les identifiants des exigences du cahier des charges auxquelles répond l'action (« 4.3 »). « ldm referentiel <critère> » liste les identifiants du critère.",
    }
    ExigenceHorsCritere {
        name: "exigence-hors-critere",
        famille: CahierDesCharges,
        severity: Erreur,
        titre: "Une fiche cite l'exigence d'un autre critère sans le déclarer",
        explication: "Une fiche répond aux exigences de son critère. Une action qui sert aussi un autre critère (un concours à la fois partenariat et communication) le déclare : « criteres_associes: [8] ». Elle reste dans son dossier, apparaît dans la synthèse de l'autre critère comme contribution, et peut alors citer ses exigences. Sans cette déclaration, l'exigence citée compterait en silence pour un critère qui n'a peut-être aucune action.",
    }
    ExigenceNonCouverte {
        name: "exigence-non-couverte",
        famille: CahierDesCharges,
        severity: Avertissement,
        titre: "Une exigence du critère n'est couverte par aucune fiche",
        explication: "Aucune action ni aucun engagement du dossier ne cite cette exigence dans « exigences ». L'auditeur vérifie chaque exigence : montrez par quelle action l'établissement y répond, ou engagez-vous à y répondre.",
    }
    StrategieReseauManquante {
        name: "strategie-reseau-manquante",
        famille: CahierDesCharges,
        severity: Erreur,
        titre: "La stratégie commune du réseau manque",
        explication: "Pour une candidature en réseau (candidature.reseau dans ldm.toml), les critères 4, 5, 6 et 8 demandent une stratégie commune aux établissements co-candidats : section « # Stratégie commune du réseau » de critere.md.",
    }
    PreuveIntrouvable {
        name: "preuve-introuvable",
        famille: Preuves,
        severity: Erreur,
        titre: "Une preuve citée n'existe pas",
        explication: "Un chemin de « preuves » ne désigne aucun fichier. Les chemins partent de la racine du dossier : « preuves/4-partenariats/convention.pdf ».",
    }
    PreuveHorsDossier {
        name: "preuve-hors-dossier",
        famille: Preuves,
        severity: Erreur,
        titre: "Une preuve pointe hors du dossier",
        explication: "Une preuve est un fichier du dossier : pas de chemin absolu, pas de « .. », pas de « \\ » (Windows le lit comme un séparateur : « preuves/..\\..\\x.bat » sortirait du dossier), pas de caractère de contrôle, ni dans le chemin cité ni dans le nom du fichier, pas de lien symbolique vers l'extérieur. Sinon elle manquerait à l'envoi du dossier et ldm lirait des fichiers qui ne lui appartiennent pas.",
    }
    PreuveAdresseInvalide {
        name: "preuve-adresse-invalide",
        famille: Preuves,
        severity: Erreur,
        titre: "Une preuve en ligne a une adresse mal formée",
        explication: "Une preuve peut être une page en ligne (un article de presse, la page de l'ENT) : son adresse commence par « https:// » ou « http:// », suivie d'un nom de site, sans espace. ldm ne l'ouvre jamais, il en vérifie seulement la forme. Une adresse comme « htp:/… », avec une espace, ou d'un autre type (« file: », « javascript: ») ne mène nulle part pour l'auditeur : recopiez-la depuis la barre d'adresse du navigateur.",
    }
    PreuveNonCitee {
        name: "preuve-non-citee",
        famille: Preuves,
        severity: Info,
        titre: "Un fichier de preuves/ n'est cité par aucune fiche",
        explication: "L'annexe liste les preuves avec les actions qui les citent. Un fichier que personne ne cite n'y serait rattaché à rien : citez-le ou retirez-le.",
    }
    PreuveHorsLimites {
        name: "preuve-hors-limites",
        famille: Preuves,
        severity: Avertissement,
        titre: "Une preuve dépasse ce que l'annexe des preuves reproduit",
        explication: "L'annexe des preuves reproduit les images, les PDF et les tableaux CSV dans des limites qui protègent la machine qui la fabrique : une image de 50 millions de pixels au plus (une photographie de 8 000 × 6 000 en a 48), un PDF dont le contenu décompressé ne dépasse pas 256 Mio et dont l'arbre des pages a 1 000 nœuds au plus, une image SVG sans filtre (flou, ombre) ni appel à un fichier ou une adresse hors d'elle-même, un tableau CSV de 500 lignes et 20 colonnes (10 000 cellules, une quinzaine de pages). Au-delà, l'annexe nomme le fichier et dit pourquoi il n'est pas reproduit (ou coupe le tableau) ; le fichier reste entier dans l'archive des preuves. Réduisez l'image ou le tableau, ou exportez le document de nouveau, si l'auditeur doit le lire dans l'annexe.",
    }
    UaiInvalide {
        name: "uai-invalide",
        famille: Identite,
        severity: Erreur,
        titre: "L'UAI n'a pas la bonne forme",
        explication: "L'UAI (ex-RNE) s'écrit avec 7 chiffres et une lettre de contrôle, par exemple 0271234V.",
    }
    UaiCleIncorrecte {
        name: "uai-cle-incorrecte",
        famille: Identite,
        severity: Erreur,
        titre: "La lettre de contrôle de l'UAI est fausse",
        explication: "La lettre d'un UAI se calcule : c'est la lettre de rang (nombre formé par les 7 chiffres) modulo 23 dans « ABCDEFGHJKLMNPRSTUVWXYZ ». Une lettre fausse signale une faute de frappe dans les chiffres ou la lettre.",
    }
    LabelPrecedentIncoherent {
        name: "label-precedent-incoherent",
        famille: Identite,
        severity: Avertissement,
        titre: "L'année du label précédent ne correspond pas",
        explication: "Le label est accordé pour 5 ans : un renouvellement en année N suit un label obtenu en N-5. Une première demande n'a pas de label précédent.",
    }
    LabelPrecedentManquant {
        name: "label-precedent-manquant",
        famille: Identite,
        severity: Erreur,
        titre: "Un renouvellement sans année du label précédent",
        explication: "Pour un renouvellement, indiquez dans ldm.toml « precedente = <année du label en cours> » (ou sa période, « precedente = \"2021-2026\" »).",
    }
    SuiviHorsLabel {
        name: "suivi-hors-label",
        famille: Identite,
        severity: Avertissement,
        titre: "Le bilan annuel est daté après la fin du label",
        explication: "Le label obtenu à la campagne N court cinq ans, jusqu'en N+5 : [suivi] annee, l'année du bilan annuel, est comprise dans cette période. Une année au-delà relève d'un nouveau label (un renouvellement, avec sa propre campagne) ou trahit une faute de frappe dans [suivi] annee ou [candidature] annee.",
    }
    AuditExigenceNonJugee {
        name: "audit-exigence-non-jugee",
        famille: Audit,
        severity: Erreur,
        titre: "Une exigence du critère n'est pas encore jugée",
        explication: "Dans audit/criteres/, chaque exigence de l'édition reçoit une conformité (autre que « non évalué ») et une efficacité, prises dans les échelles de l'édition (ldm referentiel). Une exigence absente du fichier, ou un fichier de critère absent, compte aussi : le rapport ne peut conclure sur une exigence que l'auditeur n'a pas examinée.",
    }
    AuditEcartManquant {
        name: "audit-ecart-manquant",
        famille: Audit,
        severity: Erreur,
        titre: "Une non-conformité n'a pas d'écart",
        explication: "Une exigence jugée « non conforme » ou « partiellement conforme » (les valeurs de l'échelle marquées « ecart ») est décrite par un écart, dans la liste « ecarts » du même fichier, qui la cite dans « exigence » : c'est la fiche d'écart que l'établissement recevra, avec la correction attendue et son échéance.",
    }
    AuditExigenceInconnue {
        name: "audit-exigence-inconnue",
        famille: Audit,
        severity: Erreur,
        titre: "Un jugement ou un écart cite une exigence qui n'existe pas",
        explication: "L'identifiant d'une exigence, dans « exigences » ou dans l'« exigence » d'un écart, est celui d'une exigence du critère dans l'édition du dossier, par exemple « 4.2 » dans audit/criteres/4-partenariats.md. « ldm referentiel <numéro> » liste les exigences d'un critère.",
    }
    AuditPreuveInconnue {
        name: "audit-preuve-inconnue",
        famille: Audit,
        severity: Erreur,
        titre: "Un audit cite une preuve que le dossier n'a pas",
        explication: "Les preuves consultées se citent par leur numéro dans la liste des preuves de l'annexe (ldm render) : un numéro plus grand que le nombre de preuves du dossier, ou nul, ne désigne rien. Renumérotez d'après l'annexe produite pour l'audit.",
    }
    AuditAvisIncoherent {
        name: "audit-avis-incoherent",
        famille: Audit,
        severity: Erreur,
        titre: "L'avis proposé ne s'accorde pas avec les écarts",
        explication: "Un écart majeur empêche de proposer le label : l'avis est alors « ajournement » ou « défavorable ». Un écart mineur laisse un avis favorable possible, mais avec réserves : « favorable avec réserves ». Un avis « favorable » sans réserve suppose donc un audit sans écart.",
    }
    AuditAvisManquant {
        name: "audit-avis-manquant",
        famille: Audit,
        severity: Erreur,
        titre: "L'avis de l'audit n'est pas rendu",
        explication: "La section [avis] de audit/audit.toml porte la proposition (« favorable », « favorable avec réserves », « ajournement » ou « défavorable ») et sa motivation, que le rapport d'audit reprend et que le groupe académique compare d'un établissement à l'autre.",
    }
    AuditEcartIncomplet {
        name: "audit-ecart-incomplet",
        famille: Audit,
        severity: Erreur,
        titre: "Un écart n'a pas de correction attendue ou d'échéance",
        explication: "Chaque écart dit ce que l'établissement doit corriger (« correction ») et pour quand (« echeance », une date « 2027-06-30 ») : sans eux, l'établissement ne sait pas comment lever la réserve et l'académie ne peut pas vérifier qu'elle l'est.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn names_are_unique_kebab_case_and_found_back() {
        let names: BTreeSet<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(names.len(), Rule::ALL.len());
        for &r in Rule::ALL {
            let n = r.name();
            assert!(
                !n.starts_with('-') && !n.ends_with('-') && !n.contains("--"),
                "{n}"
            );
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{n}");
            assert_eq!(Rule::from_name(n), Some(r));
            assert_eq!(Rule::ALL[r.index()], r);
            assert_eq!(serde_json::to_value(r).unwrap(), n);
        }
        assert_eq!(Rule::from_name("mesure-non-chifree"), None);
    }

    #[test]
    fn every_rule_has_a_french_title_and_explanation() {
        for &r in Rule::ALL {
            let (t, x) = (r.titre(), r.explication());
            assert!(t.chars().next().is_some_and(char::is_uppercase), "{r}: {t}");
            assert!(!t.ends_with('.'), "{r}: a title has no final stop");
            assert!(x.chars().count() > 80, "{r} needs a real explanation");
            // French, not English: French articles, no English ones.
            let words = |t: &str, ws: &[&str]| ws.iter().any(|w| t.contains(w));
            assert!(
                words(
                    &format!(" {x}").to_lowercase(),
                    &[
                        " le ", " la ", " les ", " un ", " une ", " des ", " et ", " d'", " l'"
                    ]
                ),
                "{r}: explanation not in French"
            );
            assert!(
                !words(&format!(" {t} {x} "), &[" the ", " is ", " of ", " and "]),
                "{r}: English text"
            );
        }
    }

    #[test]
    fn families_are_contiguous_in_catalogue_order() {
        let mut runs: Vec<Famille> = Vec::new();
        for r in Rule::ALL {
            if runs.last() != Some(&r.famille()) {
                runs.push(r.famille());
            }
        }
        let distinct: BTreeSet<Famille> = runs.iter().copied().collect();
        assert_eq!(runs.len(), distinct.len(), "{runs:?}");
    }

    #[test]
    fn severities_are_those_the_documentation_gives() {
        // docs/format.md (« ldm check distingue… ») and ARCHITECTURE.md (decisions).
        let cases = [
            (Rule::ChampInconnu, Severity::Erreur),
            (Rule::SectionManquante, Severity::Erreur),
            (Rule::TexteACompleter, Severity::Erreur),
            (Rule::MesureFuture, Severity::Erreur),
            (Rule::ExigenceInconnue, Severity::Erreur),
            (Rule::PreuveIntrouvable, Severity::Erreur),
            (Rule::MesureNonChiffree, Severity::Erreur),
            (Rule::MesureQualitative, Severity::Avertissement),
            (Rule::MesureHorsPeriode, Severity::Avertissement),
            (Rule::ExigenceNonCouverte, Severity::Avertissement),
            (Rule::SensContradictoire, Severity::Avertissement),
            (Rule::CibleIncoherente, Severity::Avertissement),
            (Rule::ChampHorsContexte, Severity::Avertissement),
            (Rule::IndicateurSansCible, Severity::Info),
            (Rule::PreuveNonCitee, Severity::Info),
        ];
        for (r, s) in cases {
            assert_eq!(r.severity(), s, "{r}");
        }
    }
}
