//! The human report: rustc-like snippets (annotate-snippets), then a summary per criterion.

use super::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::{count, quoted_path, visible};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt::Write;

pub fn write(out: &mut String, checked: &[Checked], opts: super::Options) {
    let short = opts.format == super::Format::Short;
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for c in checked {
        if short {
            for d in &c.report.diagnostics {
                short_line(out, &c.label, d);
            }
        } else if super::overview::applies(c) {
            super::overview::write(out, c, |f| shown_path(&c.label, f));
        } else {
            for (d, repeats) in crate::diagnostic::repeats(&c.report.diagnostics) {
                snippet(out, &renderer, c, d, &repeats);
            }
        }
        if !short {
            summary(out, c);
        }
    }
    if checked.len() > 1 {
        let bad: Vec<String> = checked
            .iter()
            .filter(|c| opts.fails(c))
            .map(|c| quoted_path(&c.label).into_owned())
            .collect();
        let what = if opts.deny_warnings {
            "en échec (erreurs ou avertissements)"
        } else {
            "avec des erreurs"
        };
        let _ = writeln!(
            out,
            "{} vérifiés, {} {what}{}",
            count(checked.len(), "dossier", "dossiers"),
            bad.len(),
            if bad.is_empty() {
                String::new()
            } else {
                format!("{NBSP}: {}", bad.join(", "))
            }
        );
    }
}

/// Path shown to the user: the dossier as typed, then the file inside it; quoted when
/// it holds a control character, so it stays on its line.
fn shown_path(label: &str, file: &str) -> String {
    let path = if label == "." || label.is_empty() {
        file.to_string()
    } else {
        format!("{}/{}", label.trim_end_matches('/'), file)
    };
    quoted_path(&path).into_owned()
}

/// The title's level, named with the rule: annotate-snippets writes « name: », so the
/// rule and the no-break space French puts before « : » are part of the name
/// (« erreur[type-invalide] : »).
fn level(d: &Diagnostic) -> Level<'static> {
    let level = match d.severity {
        Severity::Erreur => Level::ERROR,
        Severity::Avertissement => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    level.with_name(format!("{}[{}]{NBSP}", d.severity, d.rule))
}

/// The no-break space French typography puts before « : » in every terminal line.
const NBSP: char = '\u{a0}';
/// The narrow no-break space French puts before « ; ».
const NNBSP: char = '\u{202f}';

fn short_line(out: &mut String, label: &str, d: &Diagnostic) {
    let place = match (&d.file, d.pos) {
        (Some(f), Some(p)) => format!("{}:{}:{}: ", shown_path(label, f), p.line, p.column),
        (Some(f), None) => format!("{}: ", shown_path(label, f)),
        _ => format!("{}: ", quoted_path(label)),
    };
    let _ = writeln!(
        out,
        "{place}{}[{}]{NBSP}: {}",
        d.severity,
        d.rule,
        visible(&d.message)
    );
}

const FICHIER: &str = "fichier\u{a0}";
const MEME: &str = "même constat\u{a0}";
const AIDE: &str = "aide\u{a0}";

/// Bytes of a line quoted around a finding: a finding deep inside a very long line
/// (a minified list, a hostile file) is located without quoting the line, so that
/// thousands of findings on one line stay linear.
const EXCERPT_MARGIN: usize = 2048;

fn snippet(
    out: &mut String,
    renderer: &Renderer,
    c: &Checked,
    d: &Diagnostic,
    repeats: &[&Diagnostic],
) {
    let message = visible(&d.message);
    let title = level(d).primary_title(message.as_ref());
    let src = d.file.as_ref().and_then(|f| c.sources.get(f));
    let path = d.file.as_ref().map(|f| shown_path(&c.label, f));
    let mut group = Group::with_title(title);
    let pos = d.pos.filter(|p| !src.is_some_and(|s| whole_file(s, *p)));
    let excerpt = src
        .zip(pos)
        .and_then(|(s, p)| Some((s.excerpt(p, EXCERPT_MARGIN)?, p)));
    match (excerpt, pos, &path) {
        (Some(((line, range), pos)), _, Some(path)) => {
            let mut first = Snippet::source(line)
                .path(path.as_str())
                .line_start(pos.line as usize)
                .annotation(AnnotationKind::Primary.span(range));
            let second = d.secondary.as_ref().and_then(|sec| {
                let (text, range) = src?.excerpt(sec.pos, EXCERPT_MARGIN)?;
                let label = AnnotationKind::Context
                    .span(range)
                    .label(sec.message.as_str());
                Some((sec.pos.line, text, label))
            });
            match second {
                Some((l, _, label)) if l == pos.line => first = first.annotation(label),
                Some((l, text, label)) => {
                    group = group.element(first);
                    first = Snippet::source(text)
                        .path(path.as_str())
                        .line_start(l as usize)
                        .annotation(label);
                }
                None => {}
            }
            group = group.element(first);
        }
        (None, Some(pos), Some(path)) => {
            let place = format!("{path}:{}:{}", pos.line, pos.column);
            group = group.element(Level::NOTE.with_name(FICHIER).message(place));
        }
        (_, _, Some(path)) => {
            group = group.element(Level::NOTE.with_name(FICHIER).message(path.as_str()));
        }
        _ => {}
    }
    if !repeats.is_empty() {
        let also = crate::diagnostic::repeats_note(d, repeats);
        group = group.element(Level::NOTE.with_name(MEME).message(also));
    }
    if let Some(h) = &d.help {
        group = group.element(Level::HELP.with_name(AIDE).message(visible(h)));
    }
    let _ = writeln!(out, "{}\n", renderer.render(&[group]));
}

/// A finding about a whole fiche (a requirement not covered, a missing strategy) is
/// placed at its start: the opening `---` says nothing, so the file is named instead.
fn whole_file(src: &crate::source::Source, pos: crate::diagnostic::Pos) -> bool {
    pos.line == 1 && pos.column == 1 && src.line(1).is_some_and(|l| l.trim_end() == "---")
}

fn summary(out: &mut String, c: &Checked) {
    let r = &c.report;
    let _ = writeln!(
        out,
        "Bilan de {} (édition {}){NBSP}:",
        quoted_path(&c.label),
        visible(&r.edition)
    );
    for s in &r.criteres {
        let state = if s.dossier.is_none() {
            "dossier absent".to_string()
        } else if s.counts.erreurs + s.counts.avertissements == 0 {
            "complet".to_string()
        } else {
            format!(
                "{}, {}",
                count(s.counts.erreurs, "erreur", "erreurs"),
                count(s.counts.avertissements, "avertissement", "avertissements")
            )
        };
        let _ = writeln!(
            out,
            "  critère {:>2}{NBSP}: {:<34} {} · {} · exigences couvertes {}/{}",
            s.numero,
            state,
            count(s.actions, "action", "actions"),
            count(s.engagements, "engagement", "engagements"),
            s.exigences_couvertes,
            s.exigences_total
        );
    }
    let covered: usize = r.criteres.iter().map(|s| s.exigences_couvertes).sum();
    let total: usize = r.criteres.iter().map(|s| s.exigences_total).sum();
    let t = r.total;
    let verdict = if t.erreurs == 0 {
        "prêt pour le dépôt"
    } else {
        "à reprendre avant le dépôt"
    };
    // A report without criteria (`ldm audit check`) has no coverage and no dépôt.
    let tail = if r.criteres.is_empty() {
        String::new()
    } else {
        format!(" · exigences couvertes {covered}/{total} · {verdict}")
    };
    let _ = writeln!(
        out,
        "  total     {NBSP}: {}, {}, {}{tail}",
        count(t.erreurs, "erreur", "erreurs"),
        count(t.avertissements, "avertissement", "avertissements"),
        count(t.infos, "info", "infos"),
    );
    fix_first(out, &r.a_corriger);
    if c.hidden > 0 {
        let _ = writeln!(
            out,
            "  hors champ{NBSP}: {} non {} (sans --critere ni chemin{NBSP}: tout le dossier)",
            count(c.hidden, "constat", "constats"),
            if c.hidden == 1 {
                "affiché"
            } else {
                "affichés"
            }
        );
    }
}

/// The fiches ldm could not read: the dossier-wide rules wait for them.
fn fix_first(out: &mut String, files: &[String]) {
    if files.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "  à corriger d'abord{NBSP}: {} (ldm n'a pas pu {} lire en entier{NNBSP}; les exigences couvertes et les preuves non citées seront vérifiées ensuite)",
        files
            .iter()
            .map(|f| quoted_path(f))
            .collect::<Vec<_>>()
            .join(", "),
        if files.len() == 1 { "le" } else { "les" }
    );
}

/// The académie's batch view: one line per dossier (folder, name, UAI, errors, warnings,
/// requirements covered), then a total line.
pub fn resume(out: &mut String, checked: &[Checked], opts: super::Options) {
    let (mut erreurs, mut avertissements, mut covered, mut total, mut failed) = (0, 0, 0, 0, 0);
    for c in checked {
        let r = &c.report;
        let cov: usize = r.criteres.iter().map(|s| s.exigences_couvertes).sum();
        let all: usize = r.criteres.iter().map(|s| s.exigences_total).sum();
        let etab = c.etablissement.as_ref();
        let nom = visible(etab.map_or("?", |e| e.0.as_str()));
        let uai = visible(etab.map_or("?", |e| e.1.as_str()));
        let _ = writeln!(
            out,
            "{} · {nom} · UAI {uai} · {}, {} · exigences couvertes {cov}/{all}",
            quoted_path(&c.label),
            count(r.total.erreurs, "erreur", "erreurs"),
            count(r.total.avertissements, "avertissement", "avertissements"),
        );
        erreurs += r.total.erreurs;
        avertissements += r.total.avertissements;
        covered += cov;
        total += all;
        failed += usize::from(opts.fails(c));
    }
    let _ = writeln!(
        out,
        "total{NBSP}: {}, {} en échec · {}, {} · exigences couvertes {covered}/{total}",
        count(checked.len(), "dossier", "dossiers"),
        failed,
        count(erreurs, "erreur", "erreurs"),
        count(avertissements, "avertissement", "avertissements"),
    );
}
