//! `ldm.toml`: the établissement's identity, the campaign and the referential edition.
//! Its JSON Schema (`schema/ldm.toml.schema.json`) is derived from these types, with
//! French descriptions for editors.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub etablissement: Etablissement,
    pub candidature: Candidature,
    #[serde(default)]
    pub referentiel: Option<ReferentielChoice>,
    /// Follow-up after the label: the year of the bilan annuel being prepared.
    #[schemars(
        description = "Suivi après l'obtention du label : l'année du bilan annuel en préparation."
    )]
    pub suivi: Option<Suivi>,
}

/// `[suivi]`: after the label is granted, measures of the following years are added
/// for the bilan annuel; this year is the last one they may carry.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "[suivi] : après l'obtention du label, les mesures des années suivantes s'ajoutent pour le bilan annuel."
)]
pub struct Suivi {
    #[schemars(
        with = "i64",
        description = "Année du bilan annuel : les mesures jusqu'à cette année sont acceptées."
    )]
    pub annee: Spanned<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "Statut de l'établissement.")]
pub enum Statut {
    Public,
    PriveSousContrat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "Type d'établissement.")]
pub enum TypeEtablissement {
    #[serde(rename = "LP")]
    Lp,
    #[serde(rename = "LPO")]
    Lpo,
    #[serde(rename = "EREA")]
    Erea,
    #[serde(rename = "LEA")]
    Lea,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "Nature de la candidature.")]
pub enum Nature {
    PremiereDemande,
    Renouvellement,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Identité de l'établissement.")]
pub struct Etablissement {
    #[schemars(with = "String", description = "Nom de l'établissement.")]
    pub nom: Spanned<String>,
    #[schemars(
        with = "String",
        description = "UAI : 7 chiffres et la lettre de contrôle, ex. 0271234V."
    )]
    pub uai: Spanned<String>,
    #[schemars(with = "String", description = "Académie.")]
    pub academie: Spanned<String>,
    #[schemars(with = "Option<String>", description = "Ville.")]
    pub ville: Option<Spanned<String>>,
    #[schemars(with = "Statut")]
    pub statut: Spanned<Statut>,
    #[serde(rename = "type")]
    #[schemars(with = "TypeEtablissement")]
    pub type_etablissement: Spanned<TypeEtablissement>,
    #[schemars(
        with = "String",
        description = "Dénomination du label, ex. « Lycée des métiers de l'aéronautique »."
    )]
    pub denomination: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "La candidature : nature, année de la campagne, réseau.")]
pub struct Candidature {
    #[schemars(with = "Nature")]
    pub nature: Spanned<Nature>,
    #[schemars(with = "i64", description = "Année de la campagne, ex. 2026.")]
    pub annee: Spanned<i64>,
    #[schemars(
        with = "Option<i64>",
        description = "Renouvellement : année du label en cours (label de 5 ans)."
    )]
    pub precedente: Option<Spanned<i64>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<String>",
        description = "Candidature en réseau : UAI des établissements co-candidats."
    )]
    pub reseau: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "L'édition du cahier des charges à laquelle le dossier répond.")]
pub struct ReferentielChoice {
    #[schemars(
        with = "String",
        description = "national-2026 (par défaut), aix-marseille-2026, ou le chemin d'un fichier .yaml du dossier."
    )]
    pub edition: Spanned<String>,
}

/// The edition of a dossier whose ldm.toml names none.
pub const DEFAULT_EDITION: &str = "national-2026";

impl Config {
    /// The edition asked for, `national-2026` when the section is absent.
    pub fn edition(&self) -> &str {
        self.referentiel
            .as_ref()
            .map_or(DEFAULT_EDITION, |r| r.edition.get_ref())
    }
}
