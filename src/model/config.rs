//! `ldm.toml`: the établissement's identity, the campaign and the referential edition.

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub etablissement: Etablissement,
    pub candidature: Candidature,
    #[serde(default)]
    pub referentiel: Option<ReferentielChoice>,
    /// Follow-up after the label: the year of the bilan annuel being prepared.
    pub suivi: Option<Suivi>,
}

/// `[suivi]`: after the label is granted, measures of the following years are added
/// for the bilan annuel; this year is the last one they may carry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suivi {
    pub annee: Spanned<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Statut {
    Public,
    PriveSousContrat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nature {
    PremiereDemande,
    Renouvellement,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Etablissement {
    pub nom: Spanned<String>,
    pub uai: Spanned<String>,
    pub academie: Spanned<String>,
    pub ville: Option<Spanned<String>>,
    pub statut: Spanned<Statut>,
    #[serde(rename = "type")]
    pub type_etablissement: Spanned<TypeEtablissement>,
    pub denomination: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidature {
    pub nature: Spanned<Nature>,
    pub annee: Spanned<i64>,
    pub precedente: Option<Spanned<i64>>,
    #[serde(default)]
    pub reseau: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferentielChoice {
    pub edition: Spanned<String>,
}

impl Config {
    /// The edition asked for, `national-2026` when the section is absent.
    pub fn edition(&self) -> &str {
        self.referentiel
            .as_ref()
            .map_or(crate::referentiel::DEFAULT_EDITION, |r| r.edition.get_ref())
    }
}
