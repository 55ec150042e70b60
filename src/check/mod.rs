//! `ldm check`: runs every rule on a loaded dossier and returns the findings.

pub mod coverage;
pub mod entities;
pub mod evidence;
pub mod folder_names;
pub mod identity;
pub mod measures;
pub mod structure;
pub mod team;
pub mod text;

use crate::diagnostic::{self, Counts, Diagnostic, Pos};
use crate::model::Dossier;
use crate::referentiel::Edition;
use crate::referentiel::coverage::{Covered, per_critere};
use crate::workspace::Workspace;
use serde::Serialize;

/// Shared state of one check run.
pub struct Ctx<'a> {
    pub dossier: &'a Dossier,
    /// The edition the dossier answers; national-2026 when ldm.toml names none or an unknown one.
    pub edition: Edition,
    pub diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Position in ldm.toml of a TOML value.
    pub fn toml_pos<T>(&self, v: &toml::Spanned<T>) -> Pos {
        let span = v.span();
        self.dossier
            .sources
            .get("ldm.toml")
            .map_or(Pos::start(), |s| s.pos_of_byte(span.start, span.end))
    }
}

/// One line of the per-criterion summary.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CritereSummary {
    pub numero: u32,
    pub intitule: String,
    /// Folder of the criterion, when it exists.
    pub dossier: Option<String>,
    pub actions: usize,
    pub engagements: usize,
    pub exigences_couvertes: usize,
    pub exigences_total: usize,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Everything `ldm check` found on one dossier.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CheckReport {
    pub edition: String,
    pub diagnostics: Vec<Diagnostic>,
    pub criteres: Vec<CritereSummary>,
    pub total: Counts,
    /// Action and engagement files to fix first: ldm could not read them fully, so the
    /// requirements they answer and the evidence they cite are not checked yet.
    pub a_corriger: Vec<String>,
}

/// Runs all rules. Never fails: every problem is a diagnostic.
pub fn check(ws: &Workspace) -> CheckReport {
    let dossier = &ws.dossier;
    let mut ctx = Ctx {
        dossier,
        edition: ws.edition.clone(),
        diags: ws.findings().cloned().collect(),
    };
    identity::check(&mut ctx);
    structure::check(&mut ctx);
    folder_names::check(&mut ctx);
    text::check(&mut ctx);
    team::check(&mut ctx);
    entities::check(&mut ctx);
    measures::check(&mut ctx);
    let covered = coverage::check(&mut ctx);
    evidence::check(&mut ctx);

    let mut diags = ctx.diags;
    diagnostic::sort(&mut diags);
    diags.dedup();
    let criteres = summarize(dossier, &ctx.edition, &covered, &diags);
    CheckReport {
        edition: ctx.edition.id.clone(),
        total: Counts::of(&diags),
        a_corriger: dossier
            .fiches_a_corriger()
            .into_iter()
            .map(str::to_string)
            .collect(),
        diagnostics: diags,
        criteres,
    }
}

/// The per-criterion summary of `dossier` against `edition`, counting `diags`.
pub fn summarize(
    dossier: &Dossier,
    edition: &Edition,
    covered: &Covered,
    diags: &[Diagnostic],
) -> Vec<CritereSummary> {
    per_critere(dossier, edition, covered)
        .into_iter()
        .map(|c| CritereSummary {
            counts: Counts::of(diags.iter().filter(|d| d.critere() == Some(c.numero))),
            numero: c.numero,
            intitule: c.intitule,
            dossier: c.dossier,
            actions: c.actions,
            engagements: c.engagements,
            exigences_couvertes: c.exigences_couvertes,
            exigences_total: c.exigences_total,
        })
        .collect()
}
