//! `ldm check`: runs every rule on a loaded dossier and returns the findings.

pub mod coverage;
pub mod entities;
pub mod evidence;
pub mod identity;
pub mod measures;
pub mod structure;
pub mod team;
pub mod text;

use crate::diagnostic::{self, Counts, Diagnostic, Pos};
use crate::model::Dossier;
use crate::referentiel::{self, Edition};
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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
pub fn check(dossier: &Dossier) -> CheckReport {
    let mut diags = dossier.diagnostics.clone();
    let edition = select_edition(dossier, &mut diags);
    let mut ctx = Ctx {
        dossier,
        edition,
        diags,
    };
    identity::check(&mut ctx);
    structure::check(&mut ctx);
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

/// The edition a dossier answers (national-2026 when it names none or an unknown one);
/// a finding explains a failed lookup.
pub fn select_edition(dossier: &Dossier, diags: &mut Vec<Diagnostic>) -> Edition {
    let fallback = || {
        referentiel::embedded(referentiel::DEFAULT_EDITION)
            .and_then(Result::ok)
            .expect("the default edition is embedded and tested")
    };
    let Some(config) = &dossier.config else {
        // ldm.toml has a mistake (already reported): use the edition it names if readable.
        let named = dossier
            .campaign
            .edition
            .as_deref()
            .map(|e| referentiel::resolve(e, &dossier.root));
        return named.and_then(Result::ok).unwrap_or_else(fallback);
    };
    match referentiel::resolve(config.edition(), &dossier.root) {
        Ok(ed) => ed,
        Err(mut d) => {
            if d.file.is_none() {
                let pos = config.referentiel.as_ref().map_or(Pos::start(), |r| {
                    let s = r.edition.span();
                    dossier.sources["ldm.toml"].pos_of_byte(s.start, s.end)
                });
                d = d.at("ldm.toml", pos);
            }
            diags.push(d);
            fallback()
        }
    }
}

/// The per-criterion summary of `dossier` against `edition`, counting `diags`.
pub fn summarize(
    dossier: &Dossier,
    edition: &Edition,
    covered: &coverage::Covered,
    diags: &[Diagnostic],
) -> Vec<CritereSummary> {
    edition
        .criteres
        .iter()
        .map(|c| {
            let dir = dossier.criteres.iter().find(|d| d.numero == c.numero);
            CritereSummary {
                numero: c.numero,
                intitule: c.intitule.clone(),
                dossier: dir.map(|d| d.dir.clone()),
                actions: dir.map_or(0, |d| d.actions.len()),
                engagements: dir.map_or(0, |d| d.engagements.len()),
                exigences_couvertes: c
                    .exigences
                    .iter()
                    .filter(|e| covered.contains(e.id.as_str()))
                    .count(),
                exigences_total: c.exigences.len(),
                counts: Counts::of(diags.iter().filter(|d| d.critere() == Some(c.numero))),
            }
        })
        .collect()
}
