//! `audit`'s requests decided once: the dossier found upward with its `audit/` folder,
//! the skeleton written without overwriting, the audit's findings, the rapport in its
//! format, the comparison with the self-assessment, the summary of several audits.

use super::bytes::{Bytes, Stamp};
use super::output::Kind;
use crate::audit::{self, Audit, rapport, resume};
use crate::check::CheckReport;
use crate::diagnostic::Counts;
use crate::fsutil::Written;
use crate::report::Checked;
use crate::workspace::Workspace;
use anyhow::Context;
use std::path::Path;

/// `audit comparer`'s formats, the default first.
pub const COMPARER: &[Kind] = &[Kind::Term, Kind::Json];
/// `audit resume`'s formats, the default first.
pub const RESUME: &[Kind] = &[Kind::Term, Kind::Csv, Kind::Json];

/// The dossier found upward from `path` and its audit; `Err` when there is none.
pub fn open(path: &Path) -> anyhow::Result<(Workspace, Audit)> {
    let root = super::scope::dossier_root(path);
    let ws = Workspace::load(&root)?;
    let audit = audit::load(&ws).with_context(|| {
        format!(
            "«\u{a0}{}\u{a0}» n'a pas de dossier audit/\u{a0}: «\u{a0}ldm audit init\u{a0}» l'écrit",
            crate::fsutil::shown(&root)
        )
    })?;
    Ok((ws, audit))
}

/// Writes the auditors' files (or the self-assessment's) into the dossier found upward
/// from `path`, never over an existing file: each file and what became of it.
pub fn init(path: &Path, autoevaluation: bool) -> anyhow::Result<Vec<(String, Written)>> {
    let root = super::scope::dossier_root(path);
    let ws = Workspace::load(&root)?;
    let files = if autoevaluation {
        audit::autoevaluation::skeleton(&ws)
    } else {
        audit::init::skeleton(&ws, &audit::echelles(&ws))
    };
    let mut done = Vec::with_capacity(files.len());
    for (rel, text) in files {
        let at = root.join(&rel);
        crate::fsutil::check_inside(&root, &at).map_err(|e| anyhow::anyhow!("{e}"))?;
        match crate::fsutil::write_new(&at, &text) {
            Ok(w) => done.push((rel, w)),
            Err(e) => {
                let why = crate::fsutil::io_french(&e);
                anyhow::bail!("écriture impossible de «\u{a0}{rel}\u{a0}»\u{a0}: {why}");
            }
        }
    }
    Ok(done)
}

/// The audit's findings as a check report on the dossier named `label` (no
/// per-criterion summary), with the lines of the audit's files they quote.
pub fn check(ws: &Workspace, audit: &Audit, label: String) -> Checked {
    let diagnostics = audit::check::check(ws, audit, &audit::echelles(ws));
    let report = CheckReport {
        edition: ws.edition.id.clone(),
        total: Counts::of(&diagnostics),
        diagnostics,
        criteres: Vec::new(),
        a_corriger: Vec::new(),
    };
    let etablissement = crate::report::etablissement(&ws.dossier);
    Checked::of(label, &audit.sources, etablissement, report)
}

/// The rapport d'audit in `kind`: one document, laid out once, through the backend of
/// the format.
pub fn rapport(ws: &Workspace, audit: &Audit, kind: Kind, stamp: &Stamp) -> anyhow::Result<Bytes> {
    let echelles = audit::echelles(ws);
    let doc = audit::document::document(&rapport::build(ws, audit, &echelles));
    super::bytes::of_document(&doc, kind, stamp, "le rapport")
}

/// The self-assessment and the audit of the dossier found upward from `path`, compared,
/// as text (French typography) or JSON.
pub fn comparer(path: &Path, kind: Kind) -> anyhow::Result<String> {
    let (ws, audit) = open(path)?;
    let auto = audit::autoevaluation::load(&ws).with_context(|| {
        format!(
            "«\u{a0}{}\u{a0}» n'a pas de dossier autoevaluation/\u{a0}: «\u{a0}ldm audit init --autoevaluation\u{a0}» l'écrit",
            crate::fsutil::shown(&ws.dossier.root)
        )
    })?;
    let c = audit::comparer::comparer(&ws, auto, &audit);
    Ok(match kind {
        Kind::Json => super::json::document(audit::comparer::JSON_VERSION, &c),
        _ => crate::typo::french(&audit::comparer::term(&c)),
    })
}

/// `audit resume`'s output: the summary of the audited dossiers, and a sentence for each
/// dossier left out (no `audit/`, or unreadable), so one school not yet audited does not
/// stop the académie's summary of the others.
pub struct Resume {
    pub text: String,
    pub left_out: Vec<String>,
}

/// One line per audited dossier of `paths`, as text, CSV or JSON.
pub fn resume(paths: &[impl AsRef<Path>], kind: Kind) -> Resume {
    let mut lignes = Vec::with_capacity(paths.len());
    let mut left_out = Vec::new();
    for p in paths {
        match open(p.as_ref()) {
            Ok((ws, audit)) => {
                let label = crate::fsutil::shown(p.as_ref());
                lignes.push(resume::ligne(&label, &ws, &audit, &audit::echelles(&ws)));
            }
            Err(e) => left_out.push(format!("{e:#}\u{a0}; dossier laissé de côté")),
        }
    }
    let text = match kind {
        Kind::Csv => resume::csv(&lignes),
        Kind::Json => {
            let doc = super::json::AuditResume { audits: &lignes };
            super::json::document(super::json::AUDIT_RESUME_VERSION, &doc)
        }
        _ => crate::typo::french(&resume::term(&lignes)),
    };
    Resume { text, left_out }
}
