//! `ldm.toml`: the établissement's identity, the campaign and the referential edition.
//! Its JSON Schema (`schema/ldm.toml.schema.json`) is derived from these types, with
//! French descriptions for editors.

use super::annee::{self, Calendrier};
use super::front::AnneeEcrite;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use toml::Spanned;

/// A year-like value of `ldm.toml`: a number as it is, a string read by `text` (which
/// says in French why it refuses one).
fn written_year<'de, D: Deserializer<'de>>(
    d: D,
    text: impl Fn(&str) -> Result<i64, String>,
) -> Result<Spanned<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Number(i64),
        Text(String),
    }
    let written = Spanned::<Written>::deserialize(d)?;
    let span = written.span();
    let value = match written.into_inner() {
        Written::Number(n) => n,
        Written::Text(t) => text(&t).map_err(serde::de::Error::custom)?,
    };
    Ok(Spanned::new(span, value))
}

/// A year of `ldm.toml`: a number, or a school year as a string (`"2025-2026"`, the
/// calendar year it ends in, see `model::annee`).
fn year<'de, D: Deserializer<'de>>(d: D) -> Result<Spanned<i64>, D::Error> {
    written_year(d, |t| {
        annee::parse(t)
            .map(|(y, _)| y)
            .ok_or_else(|| format!("« {t} » ne convient pas : {}", annee::FORME))
    })
}

/// The previous label: a year as `year` reads it, or the label's period as dossiers
/// name it (`"2002-2007"`, any dash of `annee::DASHES`): the year it was granted.
fn previous_label<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<i64>>, D::Error> {
    written_year(d, label_period).map(Some)
}

/// Years a label lasts.
pub const LABEL_YEARS: i64 = 5;

/// `2021`, `2020-2021` (a school year) or a label's period `2016-2021`: the year the
/// label was granted, or why the text is refused.
pub fn label_period(text: &str) -> Result<i64, String> {
    if let Some((y, _)) = annee::parse(text) {
        return Ok(y);
    }
    let years: Vec<i64> = text
        .split(annee::DASHES)
        .map(|p| {
            p.trim()
                .parse::<i64>()
                .ok()
                .filter(|y| (1000..10000).contains(y))
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    match years[..] {
        [from, to] if to - from == LABEL_YEARS => Ok(from),
        [from, to] => Err(format!(
            "« {text} » ne convient pas : un label dure {LABEL_YEARS} ans, et non {} ; indiquez l'année où le label en cours a été obtenu, « precedente = {from} »",
            to - from
        )),
        _ => Err(format!(
            "« {text} » ne convient pas : {}, ou la période du label, « 2021-2026 »",
            annee::FORME
        )),
    }
}

/// How the campaign year is written in `ldm.toml` (a string there is a school year).
pub fn calendrier(table: &toml::Table) -> Calendrier {
    let annee = table.get("candidature").and_then(|c| c.get("annee"));
    match annee.and_then(|a| a.as_str()).and_then(annee::parse) {
        Some((_, c)) => c,
        None => Calendrier::Civil,
    }
}

/// How a year is written, from its TOML source text (`2026` or `"2025-2026"`).
pub fn calendrier_written(raw: &str) -> Calendrier {
    annee::parse(raw.trim().trim_matches('"').trim_matches('\''))
        .map_or(Calendrier::Civil, |(_, c)| c)
}

/// The campaign year, written as a number or a school year (for a lenient reading).
pub fn year_value(v: &toml::Value) -> Option<i64> {
    v.as_integer()
        .or_else(|| v.as_str().and_then(annee::parse).map(|(y, _)| y))
}

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
    #[serde(deserialize_with = "year")]
    #[schemars(
        with = "AnneeEcrite",
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
    #[serde(deserialize_with = "year")]
    #[schemars(
        with = "AnneeEcrite",
        description = "Année de la campagne, ex. 2026, ou année scolaire, ex. « 2025-2026 »."
    )]
    pub annee: Spanned<i64>,
    #[serde(default, deserialize_with = "previous_label")]
    #[schemars(
        with = "Option<AnneeEcrite>",
        description = "Renouvellement : année d'obtention du label en cours (label de 5 ans), ex. 2021, ou sa période, ex. « 2021-2026 »."
    )]
    pub precedente: Option<Spanned<i64>>,
    #[serde(default)]
    #[schemars(
        with = "Vec<Partenaire>",
        description = "Candidature en réseau : les établissements co-candidats, par leur UAI ou { uai, nom, ville }."
    )]
    pub reseau: Vec<Spanned<Partenaire>>,
}

/// A school of the network: its UAI alone (`"0270001E"`), or named with its town
/// (`{ uai = "0270001E", nom = "Lycée Aristide Briand", ville = "Évreux" }`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "Un établissement co-candidat : son UAI, ou { uai, nom, ville } pour le nommer dans l'annexe."
)]
pub enum Partenaire {
    Uai(String),
    Nomme(PartenaireNomme),
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartenaireNomme {
    #[schemars(description = "UAI de l'établissement, ex. 0270001E.")]
    pub uai: String,
    #[schemars(description = "Nom de l'établissement.")]
    pub nom: Option<String>,
    #[schemars(description = "Commune de l'établissement.")]
    pub ville: Option<String>,
}

impl Partenaire {
    pub fn uai(&self) -> &str {
        match self {
            Partenaire::Uai(u) => u,
            Partenaire::Nomme(p) => &p.uai,
        }
    }

    /// « Lycée Aristide Briand (Évreux, 0270001E) », or the UAI alone.
    pub fn shown(&self) -> String {
        let Partenaire::Nomme(p) = self else {
            return self.uai().to_string();
        };
        let nom = p.nom.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let ville = p.ville.as_deref().map(str::trim).filter(|v| !v.is_empty());
        match (nom, ville) {
            (Some(n), Some(v)) => format!("{n} ({v}, {})", p.uai),
            (Some(n), None) => format!("{n} ({})", p.uai),
            (None, Some(v)) => format!("{} ({v})", p.uai),
            (None, None) => p.uai.clone(),
        }
    }
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
