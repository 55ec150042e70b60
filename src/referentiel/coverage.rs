//! Coverage of an edition's requirements by a dossier, shared by `check` (its summary)
//! and `render` (the annex's synopsis).

use super::Edition;
use crate::model::Dossier;
use std::collections::BTreeSet;

/// Requirement ids answered by at least one action or engagement.
pub type Covered = BTreeSet<String>;

/// The requirement ids of `ed` that some action or engagement of `d` cites.
pub fn covered(d: &Dossier, ed: &Edition) -> Covered {
    d.entities()
        .filter_map(|(_, _, e)| e.front.as_ref())
        .flat_map(|f| f.exigences.iter().map(|x| x.value.trim()))
        .filter(|id| ed.exigence(id).is_some())
        .map(str::to_string)
        .collect()
}

/// Whether `d` is a network application (`reseau` lists co-applicants in ldm.toml): the
/// network-only requirements are asked of it alone.
pub fn en_reseau(d: &Dossier) -> bool {
    d.config
        .as_ref()
        .is_some_and(|c| !c.candidature.reseau.is_empty())
}

/// What the dossier holds for one criterion of the edition.
#[derive(Debug, Clone)]
pub struct CritereCoverage {
    pub numero: u32,
    pub intitule: String,
    /// Folder of the criterion, when it exists.
    pub dossier: Option<String>,
    pub actions: usize,
    pub engagements: usize,
    pub exigences_couvertes: usize,
    pub exigences_total: usize,
}

/// One line per criterion of `ed`, in the edition's order.
pub fn per_critere(d: &Dossier, ed: &Edition, covered: &Covered) -> Vec<CritereCoverage> {
    let reseau = en_reseau(d);
    ed.criteres
        .iter()
        .map(|c| {
            let dir = d.criteres.iter().find(|dir| dir.numero == c.numero);
            CritereCoverage {
                numero: c.numero,
                intitule: c.intitule.clone(),
                dossier: dir.map(|dir| dir.dir.clone()),
                actions: dir.map_or(0, |dir| dir.actions.len()),
                engagements: dir.map_or(0, |dir| dir.engagements.len()),
                exigences_couvertes: c
                    .exigences_demandees(reseau)
                    .filter(|e| covered.contains(e.id.as_str()))
                    .count(),
                exigences_total: c.exigences_demandees(reseau).count(),
            }
        })
        .collect()
}
