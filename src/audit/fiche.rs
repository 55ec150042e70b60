//! `audit/audit.toml`: the school audited, the visit, the auditors and the proposed avis.

use serde::{Deserialize, Serialize};
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fiche {
    pub etablissement: Etablissement,
    pub visite: Visite,
    #[serde(default)]
    pub auditeurs: Vec<Auditeur>,
    pub avis: AvisEcrit,
}

/// The dossier audited, as `init` copies it from `ldm.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Etablissement {
    pub nom: String,
    pub uai: String,
    pub edition: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visite {
    /// « 2026-03-12 », or a span of days as the auditors write it.
    pub date: String,
    pub lieu: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Auditeur {
    pub nom: String,
    pub prenom: String,
    /// « inspecteur » or « professionnel » (the guide's pair of auditors), or another
    /// word the académie uses.
    pub role: String,
    #[serde(default)]
    pub fonction: String,
}

/// The `[avis]` section as written: an empty proposition is an avis not yet given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AvisEcrit {
    pub proposition: Spanned<String>,
    #[serde(default)]
    pub motivation: String,
}

/// The avis an audit proposes to the académie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Avis {
    Favorable,
    FavorableAvecReserves,
    Ajournement,
    Defavorable,
}

impl Avis {
    pub const ALL: [Avis; 4] = [
        Avis::Favorable,
        Avis::FavorableAvecReserves,
        Avis::Ajournement,
        Avis::Defavorable,
    ];

    /// As auditors write it in `audit.toml` and read it in the rapport.
    pub const fn label(self) -> &'static str {
        match self {
            Avis::Favorable => "favorable",
            Avis::FavorableAvecReserves => "favorable avec réserves",
            Avis::Ajournement => "ajournement",
            Avis::Defavorable => "défavorable",
        }
    }

    /// The avis written `text` (case and surrounding spaces aside).
    pub fn parse(text: &str) -> Option<Avis> {
        let t = text.trim().to_lowercase();
        Avis::ALL.into_iter().find(|a| a.label() == t)
    }
}

impl Fiche {
    /// The proposed avis, when one of the four is written.
    pub fn avis(&self) -> Option<Avis> {
        Avis::parse(self.avis.proposition.get_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avis_are_read_as_written_in_any_case() {
        for (text, want) in [
            ("favorable", Some(Avis::Favorable)),
            (
                " Favorable avec réserves ",
                Some(Avis::FavorableAvecReserves),
            ),
            ("AJOURNEMENT", Some(Avis::Ajournement)),
            ("défavorable", Some(Avis::Defavorable)),
            ("defavorable", None),
            ("", None),
        ] {
            assert_eq!(Avis::parse(text), want, "{text}");
        }
    }
}
