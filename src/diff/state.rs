//! The states a diff reports, serialised to the JSON words of `ldm diff --format json`
//! and named in French for the terminal, Markdown and HTML forms by one `label` each.

use crate::model::Kind;
use serde::Serialize;

/// What happened to an action or engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FicheEtat {
    Ajoutee,
    Retiree,
    Renommee,
    Deplacee,
    Modifiee,
    Identique,
}

impl FicheEtat {
    pub const ALL: [FicheEtat; 6] = [
        FicheEtat::Ajoutee,
        FicheEtat::Retiree,
        FicheEtat::Renommee,
        FicheEtat::Deplacee,
        FicheEtat::Modifiee,
        FicheEtat::Identique,
    ];

    /// The participle, agreeing with the kind: « action ajoutée », « engagement ajouté ».
    pub fn label(self, kind: Kind) -> &'static str {
        let fem = kind == Kind::Action;
        match self {
            FicheEtat::Ajoutee if fem => "ajoutée",
            FicheEtat::Ajoutee => "ajouté",
            FicheEtat::Retiree if fem => "retirée",
            FicheEtat::Retiree => "retiré",
            FicheEtat::Renommee if fem => "renommée",
            FicheEtat::Renommee => "renommé",
            FicheEtat::Deplacee if fem => "déplacée",
            FicheEtat::Deplacee => "déplacé",
            FicheEtat::Modifiee if fem => "modifiée",
            FicheEtat::Modifiee => "modifié",
            FicheEtat::Identique => "identique",
        }
    }
}

/// Whether a criterion is in both dossiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CritereEtat {
    Ajoute,
    Retire,
    Commun,
}

impl CritereEtat {
    /// The note after the criterion's title; a common criterion has none.
    pub fn label(self) -> Option<&'static str> {
        match self {
            CritereEtat::Ajoute => Some("nouveau critère"),
            CritereEtat::Retire => Some("critère retiré"),
            CritereEtat::Commun => None,
        }
    }
}

/// The fate of an old engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Fate {
    /// Carried out by a new action.
    Tenu,
    /// Still an engagement.
    Reconduit,
    Abandonne,
}

impl Fate {
    pub const ALL: [Fate; 3] = [Fate::Tenu, Fate::Reconduit, Fate::Abandonne];

    pub fn label(self) -> &'static str {
        match self {
            Fate::Tenu => "tenu",
            Fate::Reconduit => "reconduit",
            Fate::Abandonne => "abandonné",
        }
    }
}

/// How the follower of an old engagement was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Par {
    SuiteDe,
    Identifiant,
    Similarite,
}

impl Par {
    pub const ALL: [Par; 3] = [Par::SuiteDe, Par::Identifiant, Par::Similarite];

    /// Said after the fate: « (la nouvelle fiche se déclare sa suite) ».
    pub fn label(self) -> &'static str {
        match self {
            Par::SuiteDe => "la nouvelle fiche se déclare sa suite",
            Par::Identifiant => "même fiche",
            Par::Similarite => "d'après la dénomination",
        }
    }
}

/// A piece of a word-level diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Nature {
    Egal,
    Ajout,
    Retrait,
}

/// What happened to an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum IndicateurEtat {
    Ajoute,
    Retire,
    Modifie,
    Identique,
}

impl IndicateurEtat {
    pub const ALL: [IndicateurEtat; 4] = [
        IndicateurEtat::Ajoute,
        IndicateurEtat::Retire,
        IndicateurEtat::Modifie,
        IndicateurEtat::Identique,
    ];

    /// What the line about the indicator starts with.
    pub fn label(self) -> &'static str {
        match self {
            IndicateurEtat::Ajoute => "nouvel indicateur",
            IndicateurEtat::Retire => "indicateur retiré",
            IndicateurEtat::Modifie | IndicateurEtat::Identique => "indicateur",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn json_words_are_those_of_version_1() {
        assert_eq!(word(FicheEtat::Deplacee), "deplacee");
        assert_eq!(word(CritereEtat::Commun), "commun");
        assert_eq!(word(Fate::Abandonne), "abandonne");
        assert_eq!(word(Par::SuiteDe), "suite_de");
        assert_eq!(word(Nature::Retrait), "retrait");
        assert_eq!(word(IndicateurEtat::Modifie), "modifie");
    }

    #[test]
    fn participles_agree_with_the_kind() {
        assert_eq!(FicheEtat::Retiree.label(Kind::Action), "retirée");
        assert_eq!(FicheEtat::Retiree.label(Kind::Engagement), "retiré");
    }
}
