//! `ldm check`'s findings, the same for every front end: the dossier's, then those of the
//! files beside it that the dossier's own check does not read.

use crate::check::CheckReport;
use crate::workspace::Workspace;

/// Checks the dossier, its self-assessment (`autoevaluation/`, the audit's rules) and the
/// comité de pilotage's bilans (`bilans/`); their files join the dossier's sources so
/// every report can quote them.
pub fn check(ws: &mut Workspace) -> CheckReport {
    let mut report = crate::check::check(ws);
    let (mut found, mut sources) = crate::bilan::check::check(ws);
    if let Some(auto) = crate::audit::autoevaluation::load(ws) {
        found.extend(crate::audit::autoevaluation::check(ws, auto));
        sources.extend(auto.sources.clone());
    }
    if found.is_empty() && sources.is_empty() {
        return report;
    }
    report.diagnostics.extend(found);
    crate::diagnostic::sort(&mut report.diagnostics);
    report.total = crate::diagnostic::Counts::of(&report.diagnostics);
    ws.dossier.sources.extend(sources);
    report
}
