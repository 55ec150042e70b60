//! `progress`'s request decided once for the command line and `serve`: the reference
//! year (asked, else the dossier's own), kept within the campaign's window, and the
//! criterion asked for, which must exist.

use super::bytes::{Bytes, Stamp};
use super::output::Kind;
use crate::progress::{self, Progress};
use crate::workspace::Workspace;
use std::fmt;

/// Why the indicators cannot be computed as asked; each is one French sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No year asked and none readable in `ldm.toml`.
    YearUnknown,
    /// The year is outside the campaign's window.
    OutOfWindow {
        annee: i64,
        campagne: i64,
        debut: i64,
        fin: i64,
    },
    /// The dossier and its edition have no such criterion.
    NoCritere(u32),
}

impl std::error::Error for Refusal {}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::YearUnknown => f.write_str(
                "année de référence inconnue (ldm.toml illisible)\u{a0}; indiquez-la avec --annee, ou lancez «\u{a0}ldm check\u{a0}» pour corriger ldm.toml",
            ),
            Refusal::OutOfWindow {
                annee,
                campagne,
                debut,
                fin,
            } => write!(
                f,
                "l'année {annee} est hors de la campagne {campagne}\u{a0}; choisissez --annee de {debut} (deux labels plus tôt) à {fin} (la fin du label)"
            ),
            Refusal::NoCritere(n) => write!(f, "le dossier n'a pas de critère {n}"),
        }
    }
}

/// The years a reference year may take for a campaign: two labels of five years back
/// (the measures' baselines), the new label ahead.
pub fn window(campagne: i64) -> (i64, i64) {
    (campagne.saturating_sub(10), campagne.saturating_add(5))
}

/// The reference year: `annee` asked, else the dossier's own, within the campaign's
/// window (`progress`, `bilan` and `serve`'s tableau de bord alike).
pub fn year(dossier: &crate::model::Dossier, annee: Option<i64>) -> Result<i64, Refusal> {
    let annee = annee
        .or_else(|| progress::default_year(dossier))
        .ok_or(Refusal::YearUnknown)?;
    if let Some(campagne) = dossier.annee() {
        let (debut, fin) = window(campagne);
        if !(debut..=fin).contains(&annee) {
            return Err(Refusal::OutOfWindow {
                annee,
                campagne,
                debut,
                fin,
            });
        }
    }
    Ok(annee)
}

/// The tableau de bord in a paged format (PDF, Word) as bytes, from the one document
/// its HTML and Markdown come from too.
pub fn paged(p: &Progress, kind: Kind, stamp: &Stamp) -> anyhow::Result<Bytes> {
    let doc = progress::document::document(p);
    super::bytes::of_document(&doc, kind, stamp, "le tableau de bord")
}

/// The indicators at the reference year `annee` (else the dossier's own), for one
/// criterion or all.
pub fn compute(
    ws: &Workspace,
    annee: Option<i64>,
    critere: Option<u32>,
) -> Result<Progress, Refusal> {
    let dossier = &ws.dossier;
    let annee = year(dossier, annee)?;
    if let Some(n) = critere
        && ws.edition.critere(n).is_none()
        && !dossier.criteres.iter().any(|c| c.numero == n)
    {
        return Err(Refusal::NoCritere(n));
    }
    Ok(progress::compute(dossier, &ws.edition, annee, critere))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_year_is_the_dossiers_own_within_the_campaigns_window() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lycee-marie-marvingt");
        let ws = Workspace::load(&root).unwrap();
        assert_eq!(compute(&ws, None, None).unwrap().annee, 2026);
        assert_eq!(compute(&ws, Some(2016), Some(4)).unwrap().annee, 2016);
        let late = compute(&ws, Some(2032), None).unwrap_err();
        assert_eq!(
            late.to_string(),
            "l'année 2032 est hors de la campagne 2026\u{a0}; choisissez --annee de 2016 (deux labels plus tôt) à 2031 (la fin du label)"
        );
        assert_eq!(
            compute(&ws, None, Some(42)).unwrap_err(),
            Refusal::NoCritere(42)
        );
    }
}
