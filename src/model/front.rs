//! Front matter of the dossier's Markdown files, as written by the school (YAML).
//!
//! Every value a rule can point at is `Sp` (spanned), so findings carry line and column;
//! `load::decode` builds these types field by field from the YAML tree. The JSON Schemas of `schema/` are derived from these types (`crate::schema`): a
//! `Spanned<T>` field is described as a plain `T`, and descriptions are French because
//! editors show them to the dossier's writers.

use crate::diagnostic::Pos;
use schemars::JsonSchema;

/// A value and its place in the file (the value as written: a key, a scalar, a flow
/// collection).
#[derive(Debug, Clone, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub pos: Pos,
}

/// Serialized as its value alone (schemars writes `default` values through it).
impl<T: serde::Serialize> serde::Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// A person of the dossier: coordinator, team member, animateur, pilot.
#[derive(Debug, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Une personne : nom, prénom et fonction dans l'établissement.")]
pub struct Personne {
    #[schemars(with = "String", description = "Nom de famille.")]
    pub nom: Sp<String>,
    #[schemars(with = "String", description = "Prénom.")]
    pub prenom: Sp<String>,
    #[schemars(
        with = "String",
        description = "Fonction dans l'établissement, ex. « DDFPT », « professeur d'économie-gestion »."
    )]
    pub fonction: Sp<String>,
    /// The year the person took this place in the team: the bilan of that year says so.
    #[schemars(
        with = "Option<AnneeEcrite>",
        description = "Année où la personne a pris cette place dans l'équipe, ex. 2025 : le bilan annuel de cette année le dit."
    )]
    pub depuis: Option<Sp<i64>>,
    /// In `anciens`: the year the person left the team.
    #[schemars(
        with = "Option<AnneeEcrite>",
        description = "Dans « anciens » : année où la personne a quitté l'équipe, ex. 2025 : le bilan annuel de cette année le dit."
    )]
    pub jusqu_a: Option<Sp<i64>>,
}

/// One person or a list: a criterion may have co-coordinators, an engagement two
/// animateurs. Written `{nom: …}` or `[{nom: …}, {nom: …}]`; each person keeps the
/// errors and positions of a single `Personne` (no untagged enum, whose error names
/// neither the field nor the line).
#[derive(Debug, Clone, Default)]
pub struct Personnes(pub Vec<Personne>);

impl std::ops::Deref for Personnes {
    type Target = [Personne];
    fn deref(&self) -> &[Personne] {
        &self.0
    }
}

impl JsonSchema for Personnes {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Personnes".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let one = generator.subschema_for::<Personne>();
        schemars::json_schema!({
            "description": "Une personne, ou une liste de personnes (co-coordonnateurs, deux animateurs).",
            "anyOf": [one, { "type": "array", "items": one, "minItems": 1 }],
        })
    }
}

/// `etablissement.md`: the people who lead the démarche.
#[derive(Debug, Clone, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EtablissementFront {
    #[schemars(description = "Le chef d'établissement.")]
    pub chef_etablissement: Option<Personne>,
    #[schemars(description = "Le directeur délégué aux formations (DDFPT).")]
    pub ddfpt: Option<Personne>,
    #[serde(default)]
    #[schemars(description = "Les membres du comité de pilotage de la démarche.")]
    pub comite_pilotage: Vec<Personne>,
    #[serde(default)]
    #[schemars(
        description = "Les personnes qui ont quitté le comité de pilotage, chacune avec « jusqu_a », l'année de son départ (le bilan annuel de cette année le dit ; l'annexe ne les montre pas)."
    )]
    pub anciens: Vec<Personne>,
}

/// The « Transversalité de la démarche qualité » table of a criterion.
#[derive(Debug, Clone, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Tableau « Transversalité de la démarche qualité » : liens du critère avec les autres démarches (supprimez une ligne sans objet)."
)]
pub struct Transversalite {
    #[schemars(
        with = "Option<String>",
        description = "Lien avec l'auto-évaluation de l'établissement."
    )]
    pub auto_evaluation: Option<Sp<String>>,
    #[schemars(
        with = "Option<String>",
        description = "Lien avec le projet d'établissement."
    )]
    pub projet_etablissement: Option<Sp<String>>,
    #[schemars(
        with = "Option<String>",
        description = "Lien avec le contrat d'objectifs tripartite."
    )]
    pub contrat_objectifs: Option<Sp<String>>,
    #[schemars(
        with = "Option<String>",
        description = "Lien avec le campus des métiers et des qualifications."
    )]
    pub campus_metiers: Option<Sp<String>>,
}

/// `critere.md`: the « Équipe critère X » and transversalité tables.
#[derive(Debug, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CritereFront {
    #[schemars(
        description = "Le coordonnateur de l'équipe du critère, ou la liste des co-coordonnateurs."
    )]
    pub coordonnateur: Option<Personnes>,
    #[serde(default)]
    #[schemars(description = "Les membres de l'équipe du critère.")]
    pub membres: Vec<Personne>,
    #[serde(default)]
    pub transversalite: Transversalite,
    #[serde(default)]
    #[schemars(
        description = "Les personnes qui ont quitté l'équipe du critère, chacune avec « jusqu_a », l'année de son départ (le bilan annuel de cette année le dit ; l'annexe ne les montre pas)."
    )]
    pub anciens: Vec<Personne>,
}

/// « Durée action »: first and last year (a school year counts as the year it ends,
/// `model::annee`).
#[derive(Debug, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Durée de l'action : première et dernière année.")]
pub struct Periode {
    #[schemars(
        with = "AnneeEcrite",
        description = "Première année, ex. 2023, ou année scolaire, ex. « 2022-2023 »."
    )]
    pub debut: Sp<i64>,
    #[schemars(
        with = "AnneeEcrite",
        description = "Dernière année, ex. 2026, ou année scolaire, ex. « 2025-2026 »."
    )]
    pub fin: Sp<i64>,
    /// How `fin` was written (`debut` is shown the same way).
    #[schemars(skip)]
    pub calendrier: Calendrier,
}

impl Periode {
    /// A year of this period as the school writes them.
    pub fn show(&self, y: i64) -> String {
        self.calendrier.show(y)
    }
}

/// A year as the schema accepts it: a number, or a school year written `2023-2024`.
pub struct AnneeEcrite;

impl JsonSchema for AnneeEcrite {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Annee".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Une année, ex. 2024, ou une année scolaire, ex. « 2023-2024 » (comptée comme l'année où elle se termine).",
            "anyOf": [
                { "type": "integer" },
                { "type": "string", "pattern": YEAR_PATTERN }
            ],
        })
    }
}

/// A yes/no value as the schema accepts it: a boolean, or « oui » / « non » (read in
/// any case by `load::decode`).
#[derive(JsonSchema)]
#[serde(untagged)]
#[schemars(description = "oui ou non (true ou false).")]
pub enum OuiNon {
    Booleen(bool),
    Mot(Mot),
}

/// « oui » or « non », as the official table writes them.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "oui ou non, comme dans le tableau officiel.")]
pub enum Mot {
    Oui,
    Non,
}

/// A year or a school year, as a key of `mesures` or a quoted value: the separators
/// of `annee::DASHES`, spaces (also no-break) around.
pub const YEAR_PATTERN: &str =
    "^[0-9]{4}([ \u{a0}\u{202f}]*[-/\u{2010}-\u{2014}\u{2212}][ \u{a0}\u{202f}]*[0-9]{4})?$";

/// A measure dated to the day, as a key of `mesures`: `2005-04-06`.
pub const DAY_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

pub use super::annee::Calendrier;

/// Formatting values needs the unit below the model (see `numfmt`).
pub use crate::numfmt::Unite;

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(
    description = "Sens dans lequel l'indicateur s'améliore (par défaut : hausse ; un absentéisme doit baisser)."
)]
pub enum Sens {
    Hausse,
    Baisse,
}

pub use super::valeur::{Chiffree, Valeur};

/// `mesures:` — year → value, in the order written, each side with its position; then
/// how each year was written (same order), a school year counting as the year it ends;
/// then the day of each measure dated to the day (`2005-04-06: 3`), as an ISO date.
#[derive(Debug, Clone, Default)]
pub struct Mesures(
    pub Vec<(Sp<i64>, Sp<Valeur>)>,
    pub Vec<Calendrier>,
    pub Vec<Option<String>>,
);

impl Mesures {
    /// The day of the `k`-th measure, when it is dated to the day.
    pub fn jour(&self, k: usize) -> Option<&str> {
        self.2.get(k).and_then(|j| j.as_deref())
    }

    /// The `k`-th measure as every output shows it (`valeur::ecrite`).
    pub fn ecrite(&self, k: usize, unite: Unite) -> String {
        self.0.get(k).map_or_else(String::new, |(_, v)| {
            super::valeur::ecrite(&v.value, unite, self.jour(k))
        })
    }

    /// How the indicator's years are written (its first year's way; mixing them is a
    /// finding of `check`).
    pub fn calendrier(&self) -> Calendrier {
        self.1.first().copied().unwrap_or_default()
    }
}

impl JsonSchema for Mesures {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Mesures".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Les mesures de l'indicateur, année : valeur, ex. {2023: 12, 2026: 25} ; une année scolaire s'écrit « 2023-2024 », une mesure datée au jour « 2005-04-06 ».",
            "type": "object",
            "propertyNames": { "anyOf": [{ "pattern": YEAR_PATTERN }, { "pattern": DAY_PATTERN }] },
            "additionalProperties": generator.subschema_for::<Valeur>(),
        })
    }
}

#[derive(Debug, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un indicateur de l'objectif, sa cible et ses mesures.")]
pub struct Indicateur {
    #[schemars(with = "String", description = "Ce que mesure l'indicateur.")]
    pub intitule: Sp<String>,
    #[schemars(with = "Option<Unite>")]
    pub unite: Option<Sp<Unite>>,
    #[schemars(with = "Option<Sens>")]
    pub sens: Option<Sp<Sens>>,
    #[schemars(with = "Option<f64>", description = "Valeur visée, ex. 40.")]
    pub cible: Option<Sp<f64>>,
    #[serde(default)]
    pub mesures: Mesures,
}

impl Indicateur {
    pub fn unite(&self) -> Unite {
        self.unite.as_ref().map_or(Unite::Nombre, |u| u.value)
    }
    pub fn sens(&self) -> Sens {
        self.sens.as_ref().map_or(Sens::Hausse, |s| s.value)
    }
}

#[derive(Debug, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Un objectif de l'action ou de l'engagement.")]
pub struct Objectif {
    #[schemars(with = "String", description = "L'objectif visé.")]
    pub intitule: Sp<String>,
    /// « Plus-value »: actions only (an engagement has no results yet).
    #[schemars(
        with = "Option<String>",
        description = "Plus-value constatée (action seulement : un engagement n'a pas encore de résultats)."
    )]
    pub plus_value: Option<Sp<String>>,
    #[serde(default)]
    #[schemars(description = "Les indicateurs qui mesurent l'objectif.")]
    pub indicateurs: Vec<Indicateur>,
}

/// An action (done) or an engagement (to come): they share most of their fields.
#[derive(Debug, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityFront {
    #[schemars(
        with = "String",
        description = "Dénomination de l'action ou de l'engagement."
    )]
    pub denomination: Sp<String>,
    pub periode: Option<Periode>,
    /// Action only: « Action pérenne OUI/NON ».
    #[schemars(
        with = "Option<OuiNon>",
        description = "Action seulement : action pérenne, oui ou non (true ou false)."
    )]
    pub perenne: Option<Sp<bool>>,
    /// Engagement only: « Animateur engagement ».
    #[schemars(
        description = "Engagement seulement : la personne qui anime l'engagement, ou la liste des animateurs."
    )]
    pub animateur: Option<Personnes>,
    /// Engagement only: id of the action or engagement it continues.
    #[schemars(
        with = "Option<String>",
        description = "L'action ou l'engagement que celui-ci prolonge, ex. « 4-partenariats/actions/job-dating »."
    )]
    pub suite_de: Option<Sp<String>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Les exigences du cahier des charges auxquelles la fiche répond, ex. [\"4.1\", \"4.3\"]."
    )]
    pub exigences: Vec<Sp<String>>,
    /// Other criteria this fiche also serves (it stays in its own folder).
    #[serde(default)]
    #[schemars(
        with = "Vec<u32>",
        description = "Les autres critères que la fiche sert aussi, ex. [8] : elle reste dans son dossier, apparaît dans la synthèse de ces critères et peut citer leurs exigences."
    )]
    pub criteres_associes: Vec<Sp<i64>>,
    #[serde(default)]
    pub objectifs: Vec<Objectif>,
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Les pièces justificatives : chemins depuis la racine du dossier, ex. [\"preuves/bilan.pdf\"], ou pages en ligne, \"https://…\" ou \"[texte](https://…)\"."
    )]
    pub preuves: Vec<Sp<String>>,
}

/// Evidence on line: `https://…` alone, or `[texte](https://…)` (a Markdown link, the
/// text shown in the annex). Anything that looks like an address attempt (a scheme,
/// `www.`) is one, so `htp:/…` is a malformed address, not a missing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lien<'a> {
    pub texte: Option<&'a str>,
    pub adresse: &'a str,
}

impl<'a> Lien<'a> {
    /// The link written in an evidence entry, if it is one.
    pub fn of(raw: &'a str) -> Option<Self> {
        let raw = raw.trim();
        if let Some(rest) = raw.strip_prefix('[')
            && let Some((texte, tail)) = rest.split_once("](")
            && let Some(adresse) = tail.strip_suffix(')')
        {
            let texte = Some(texte.trim()).filter(|t| !t.is_empty());
            return Some(Lien {
                texte,
                adresse: adresse.trim(),
            });
        }
        let scheme = raw
            .split_once(':')
            .is_some_and(|(s, _)| s.len() > 1 && s.chars().all(|c| c.is_ascii_alphabetic()));
        (scheme || raw.starts_with("www.")).then_some(Lien {
            texte: None,
            adresse: raw,
        })
    }

    /// The address is a well-formed http(s) URL with a host and no space; else why not.
    pub fn check(&self) -> Result<(), &'static str> {
        if self.adresse.chars().any(char::is_whitespace) {
            return Err("elle contient une espace");
        }
        let Ok(url) = url::Url::parse(self.adresse) else {
            return Err("ce n'est pas une adresse « https://… »");
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Err("seules les adresses « https:// » ou « http:// » sont des pages en ligne");
        }
        let slashes = self.adresse[url.scheme().len() + 1..].starts_with("//");
        match url.host_str() {
            Some(h) if slashes && h.contains('.') => Ok(()),
            _ => Err("il manque le nom du site après « https:// »"),
        }
    }

    /// « texte (adresse) », or the address alone.
    pub fn shown(&self) -> String {
        match self.texte {
            Some(t) => format!("{t} ({})", self.adresse),
            None => self.adresse.to_string(),
        }
    }
}
