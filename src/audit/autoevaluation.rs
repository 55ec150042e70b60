//! The school's self-assessment: `autoevaluation/criteres/<n>-<slug>.md`, the audit's
//! criterion files judged by the school on the auditors' scales, read and checked by the
//! audit's own machinery and rules (there is no avis, no visit, no plan).

use super::{Audit, echelles};
use crate::diagnostic::{self, Diagnostic};
use crate::workspace::Workspace;

/// The self-assessment's folder inside the dossier.
pub const DIR: &str = "autoevaluation";

/// The self-assessment, read once per workspace (`Workspace::autoevaluation`); `None`
/// when the dossier has no `autoevaluation/` folder.
pub fn load(ws: &Workspace) -> Option<&Audit> {
    ws.autoevaluation
        .get_or_init(|| Box::new(super::read::load_criteres(ws, DIR)))
        .downcast_ref::<Option<Audit>>()
        .and_then(Option::as_ref)
}

/// Every finding of the self-assessment: every requirement judged on the edition's
/// scales, every gap described, every evidence number in the annex's list.
pub fn check(ws: &Workspace, auto: &Audit) -> Vec<Diagnostic> {
    let mut out = super::check::check_criteres(ws, auto, &echelles(ws), DIR);
    diagnostic::sort(&mut out);
    out.dedup();
    out
}

/// The files of a new self-assessment: one per criterion, its requirements to judge.
pub fn skeleton(ws: &Workspace) -> Vec<(String, String)> {
    super::init::criteres(ws, &echelles(ws), DIR)
}

#[cfg(test)]
mod tests {
    use crate::workspace::Workspace;

    #[test]
    fn the_self_assessment_is_read_once_per_workspace() {
        let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/lycee-marie-marvingt");
        let ws = Workspace::load(std::path::Path::new(example)).unwrap();
        // The annex, the check and the audit all ask; the second gets the one already read.
        let (first, again) = (super::load(&ws), super::load(&ws));
        assert!(first.is_some_and(|a| !a.criteres.is_empty()));
        assert!(std::ptr::eq(first.unwrap(), again.unwrap()));
    }
}
