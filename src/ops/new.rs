//! `new`'s request decided once: the action or engagement added to a criterion of the
//! dossier's edition (the one `check` judges it by), dated by the campaign, and the
//! starter fiches still left beside it.

use crate::model::Kind;
use crate::workspace::Workspace;
use std::path::Path;

/// What `ldm new` is asked to add.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The dossier's root.
    pub dossier: &'a Path,
    pub kind: Kind,
    pub critere: u32,
    /// The fiche's dénomination; its file name comes from it.
    pub titre: &'a str,
}

/// The file written and the starter fiches (`ldm init`'s) the criterion still has, each
/// relative to the dossier's root.
#[derive(Debug, PartialEq, Eq)]
pub struct Created {
    pub path: String,
    pub starters: Vec<String>,
}

/// Writes the new fiche; a criterion neither the edition nor the dossier has is refused.
pub fn new(req: &Request) -> anyhow::Result<Created> {
    let ws = Workspace::load(req.dossier)?;
    let (dossier, edition) = (&ws.dossier, &ws.edition);
    if edition.critere(req.critere).is_none()
        && !dossier.criteres.iter().any(|c| c.numero == req.critere)
    {
        let last = edition.criteres.iter().map(|c| c.numero).max().unwrap_or(0);
        anyhow::bail!(
            "le critère {} n'existe pas dans l'édition {} (critères 1 à {last})\naide\u{a0}: « ldm referentiel » liste les critères de l'édition",
            req.critere,
            edition.id
        );
    }
    let annee = dossier
        .annee()
        .unwrap_or_else(crate::scaffold::current_year);
    let scaffold = crate::scaffold::new_entity;
    // The error's own sentence, without its causes: what the school reads.
    let path = scaffold(dossier, req.kind, req.critere, req.titre, edition, annee)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Created {
        path,
        starters: crate::scaffold::starters_left(dossier, req.critere),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_criterion_the_edition_lacks_is_refused_with_the_editions_range() {
        let root = crate::ops::example();
        let (kind, titre) = (Kind::Action, "Visite");
        let req = Request {
            dossier: &root,
            kind,
            critere: 42,
            titre,
        };
        let refused = new(&req).err().unwrap().to_string();
        assert!(
            refused.starts_with(
                "le critère 42 n'existe pas dans l'édition national-2026 (critères 1 à "
            ),
            "{refused}"
        );
    }
}
