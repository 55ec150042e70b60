//! `ldm audit`: the auditors' side — their grid, écarts and avis as plain-text files in
//! the dossier's `audit/` folder, checked, rendered as the rapport d'audit, summed up.
//!
//! The layout: `audit/audit.toml` (the school, the visit, the auditors, the avis),
//! `audit/plan.md` (the plan of the day), `audit/criteres/<n>-<slug>.md` (one per
//! criterion of the edition: a front matter judging each requirement, the écarts, the
//! strengths; the body holds the criterion's conclusion). The scales come from the
//! edition (`referentiel::Echelles`).

pub mod autoevaluation;
pub mod check;
pub mod comparer;
pub mod document;
pub mod fiche;
pub mod init;
pub mod rapport;
mod read;
pub mod resume;
pub mod synthese;

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::Doc;
use crate::model::front::Sp;
use crate::referentiel::{Echelles, Niveau};
use crate::source::Source;
use crate::workspace::Workspace;
use std::collections::BTreeMap;

pub use fiche::{Avis, Fiche};
pub use read::load;

/// The audit's folder inside the dossier.
pub const DIR: &str = "audit";

/// One requirement as the auditor judged it.
#[derive(Debug, Clone)]
pub struct Jugement {
    pub id: Sp<String>,
    pub conformite: Option<Sp<String>>,
    pub efficacite: Option<Sp<String>>,
    pub constats: Option<String>,
    /// Evidence consulted, by the annex's numbers.
    pub preuves: Vec<Sp<i64>>,
}

/// A gap between the requirement and what the auditor saw (a « fiche d'écart »).
#[derive(Debug, Clone)]
pub struct Ecart {
    /// Where the écart's entry starts.
    pub pos: Pos,
    pub niveau: Sp<String>,
    pub exigence: Sp<String>,
    pub constat: Option<String>,
    pub correction: Option<String>,
    pub echeance: Option<Sp<String>>,
    pub preuves: Vec<Sp<i64>>,
}

/// The front matter of `audit/criteres/<n>-<slug>.md`.
#[derive(Debug, Clone)]
pub struct CritereFront {
    pub critere: Sp<i64>,
    pub exigences: Vec<Jugement>,
    pub ecarts: Vec<Ecart>,
    pub points_forts: Vec<String>,
}

/// The audit of one dossier, as read from its files.
#[derive(Debug)]
pub struct Audit {
    /// `audit/audit.toml`, when it could be read.
    pub fiche: Option<Fiche>,
    /// `audit/plan.md`'s text, without its comments.
    pub plan: Option<String>,
    /// The criterion files, by criterion number (first file of a number).
    pub criteres: BTreeMap<u32, Doc<CritereFront>>,
    /// Every audit file read, for reports to quote.
    pub sources: BTreeMap<String, Source>,
    /// What reading found wrong (unreadable files, YAML and TOML mistakes).
    pub diagnostics: Vec<Diagnostic>,
}

/// The scales of the workspace's edition, else national-2026's (ldm's proposal).
pub fn echelles(ws: &Workspace) -> Echelles {
    ws.edition
        .audit
        .clone()
        .or_else(Echelles::national)
        .unwrap_or(Echelles {
            conformite: Vec::new(),
            efficacite: Vec::new(),
            ecarts: Vec::new(),
        })
}

/// Whether the dossier applies in a network (`reseau` of ldm.toml): only then are the
/// network's requirements asked.
pub fn en_reseau(ws: &Workspace) -> bool {
    ws.dossier
        .config
        .as_ref()
        .is_some_and(|c| !c.candidature.reseau.is_empty())
}

/// The file of criterion `numero` (`audit/criteres/4-partenariats.md`).
pub fn critere_file(numero: u32, slug: &str) -> String {
    critere_file_in(DIR, numero, slug)
}

/// The file of criterion `numero` in `folder` (`audit`, `autoevaluation`).
pub fn critere_file_in(folder: &str, numero: u32, slug: &str) -> String {
    format!("{folder}/criteres/{numero}-{slug}.md")
}

/// The values of a scale that `keep` accepts, quoted: « conforme », « non conforme ».
pub fn quoted(scale: &[Niveau], keep: impl Fn(&Niveau) -> bool) -> String {
    scale
        .iter()
        .filter(|n| keep(n))
        .map(|n| format!("« {} »", n.valeur))
        .collect::<Vec<_>>()
        .join(", ")
}
