//! The school's self-assessment: `autoevaluation/criteres/<n>-<slug>.md`, the audit's
//! criterion files judged by the school on the auditors' scales, read and checked by the
//! audit's own machinery and rules (there is no avis, no visit, no plan).

use super::{Audit, echelles};
use crate::diagnostic::{self, Diagnostic};
use crate::workspace::Workspace;

/// The self-assessment's folder inside the dossier.
pub const DIR: &str = "autoevaluation";

/// Reads the self-assessment; `None` when the dossier has no `autoevaluation/` folder.
pub fn load(ws: &Workspace) -> Option<Audit> {
    super::read::load_criteres(ws, DIR)
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
