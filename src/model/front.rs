//! Front matter of the dossier's Markdown files, as written by the school (YAML).
//!
//! Every value a rule can point at is `Spanned`, so findings carry line and column.

use serde::Deserialize;
use serde_saphyr::Spanned;

pub type Sp<T> = Spanned<T>;

/// A person of the dossier: coordinator, team member, animateur, pilot.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Personne {
    pub nom: Sp<String>,
    pub prenom: Sp<String>,
    pub fonction: Sp<String>,
}

/// `etablissement.md`: the people who lead the démarche.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EtablissementFront {
    pub chef_etablissement: Option<Personne>,
    pub ddfpt: Option<Personne>,
    #[serde(default)]
    pub comite_pilotage: Vec<Personne>,
}

/// The « Transversalité de la démarche qualité » table of a criterion.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transversalite {
    pub auto_evaluation: Option<Sp<String>>,
    pub projet_etablissement: Option<Sp<String>>,
    pub contrat_objectifs: Option<Sp<String>>,
    pub campus_metiers: Option<Sp<String>>,
}

/// `critere.md`: the « Équipe critère X » and transversalité tables.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CritereFront {
    pub coordonnateur: Option<Personne>,
    #[serde(default)]
    pub membres: Vec<Personne>,
    #[serde(default)]
    pub transversalite: Transversalite,
}

/// « Durée action »: first and last year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Periode {
    pub debut: Sp<i64>,
    pub fin: Sp<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unite {
    Nombre,
    Pourcentage,
    Euros,
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sens {
    Hausse,
    Baisse,
}

/// A measure as written: a number, or text (allowed in actions, with a warning).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Valeur {
    Nombre(f64),
    Texte(String),
}

/// `mesures:` — year → value, in the order written, each side with its position.
#[derive(Debug, Clone, Default)]
pub struct Mesures(pub Vec<(Sp<i64>, Sp<Valeur>)>);

impl<'de> Deserialize<'de> for Mesures {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Mesures;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map year: value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Mesures, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = m.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Mesures(pairs))
            }
        }
        d.deserialize_map(Visitor)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicateur {
    pub intitule: Sp<String>,
    pub unite: Option<Sp<Unite>>,
    pub sens: Option<Sp<Sens>>,
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objectif {
    pub intitule: Sp<String>,
    /// « Plus-value »: actions only (an engagement has no results yet).
    pub plus_value: Option<Sp<String>>,
    #[serde(default)]
    pub indicateurs: Vec<Indicateur>,
}

/// An action (done) or an engagement (to come): they share most of their fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityFront {
    pub denomination: Sp<String>,
    pub periode: Option<Periode>,
    /// Action only: « Action pérenne OUI/NON ».
    pub perenne: Option<Sp<bool>>,
    /// Engagement only: « Animateur engagement ».
    pub animateur: Option<Personne>,
    /// Engagement only: id of the action or engagement it continues.
    pub suite_de: Option<Sp<String>>,
    #[serde(default)]
    pub exigences: Vec<Sp<String>>,
    #[serde(default)]
    pub objectifs: Vec<Objectif>,
    #[serde(default)]
    pub preuves: Vec<Sp<String>>,
}
