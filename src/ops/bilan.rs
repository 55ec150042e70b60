//! `bilan`'s request decided once: the dossier as it is or at a git revision, the year
//! (`ops::progress::year`: asked, else the dossier's own, within the campaign's window),
//! the document in the format chosen, and the committee's file prepared without
//! overwriting.

use super::bytes::{Bytes, Stamp};
use super::output::Kind;
use crate::bilan::{self, Bilan};
use crate::fsutil::Written;
use crate::workspace::Workspace;
use std::path::Path;

/// What `ldm bilan` is asked for.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The dossier's root.
    pub dossier: &'a Path,
    /// The dossier as it was at this git revision, rather than its files as they are.
    pub git: Option<&'a str>,
    pub annee: Option<i64>,
}

/// The bilan of the year asked; a year outside the campaign is refused.
pub fn build(req: &Request) -> anyhow::Result<Bilan> {
    let ws = match req.git {
        Some(rev) => super::revision::workspace(req.dossier, rev)?,
        None => Workspace::load(req.dossier)?,
    };
    let annee = super::progress::year(&ws.dossier, req.annee)?;
    Ok(bilan::build(&ws, annee))
}

/// The warning when the committee has not written the year's text: the bilan then has
/// only the figures.
pub fn without_comite(b: &Bilan) -> Option<String> {
    let annee = b.progress.annee;
    b.comite.is_none().then(|| {
        format!(
            "{} n'existe pas : le bilan n'a que les chiffres (« ldm bilan --annee {annee} --nouveau » prépare le texte du comité de pilotage)",
            bilan::file(annee)
        )
    })
}

/// The bilan in `kind`: one document, laid out once, through the backend of the format.
pub fn write(b: &Bilan, kind: Kind, stamp: &Stamp) -> anyhow::Result<Bytes> {
    super::bytes::of_document(&bilan::document(b), kind, stamp, "le bilan")
}

/// Writes `bilans/<annee>.md` inside `root` for the committee, never over an existing
/// file; the line to tell the school.
pub fn nouveau(root: &Path, b: &Bilan) -> anyhow::Result<String> {
    let annee = b.progress.annee;
    let rel = bilan::file(annee);
    let path = root.join(&rel);
    crate::fsutil::check_inside(root, &path).map_err(|e| anyhow::anyhow!("{e}"))?;
    match crate::fsutil::write_new(&path, &bilan::modele::modele(b)) {
        Ok(Written::Created) => Ok(format!(
            "écrit : {rel} — le comité de pilotage y remplace les « À compléter » ; « ldm bilan --annee {annee} » produit le bilan."
        )),
        Ok(Written::Kept) => anyhow::bail!("{rel} existe déjà : ldm n'écrase jamais un fichier"),
        Err(e) => anyhow::bail!(
            "écriture impossible de « {rel} » : {}",
            crate::fsutil::io_french(&e)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_kept_within_the_campaign_and_the_missing_text_told() {
        let root = crate::ops::example();
        let ask = |annee| Request {
            dossier: &root,
            git: None,
            annee,
        };
        let b = build(&ask(Some(2024))).unwrap();
        assert_eq!(without_comite(&b), None, "the example has bilans/2024.md");
        let late = build(&ask(Some(2040))).err().unwrap().to_string();
        assert!(late.contains("hors de la campagne 2026"), "{late}");
        let early = build(&ask(Some(2017))).unwrap();
        let told = without_comite(&early).unwrap();
        assert!(told.starts_with("bilans/2017.md n'existe pas"), "{told}");
    }
}
