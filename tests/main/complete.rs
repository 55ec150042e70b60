//! Nothing the school wrote is lost: the annex of the example, of `tests/fixtures/reel`
//! and of `tests/fixtures/complet` (measures from N−1 to N+7, school and calendar years
//! mixed, a seven-year action, an engagement measured at N−2, misspelt and unknown
//! headings), in HTML, Markdown, PDF and Word, carries every measure of every indicator
//! inside its fiche, every line of text (under any heading, or none) and every person's
//! name.

use crate::common::*;

use ldm::model::{Doc, Dossier};
use scraper::Html;
use std::path::Path;

/// The four forms of the annex of `dir` as text a reader sees.
pub(crate) fn annexes(dir: &Path) -> Vec<(&'static str, String)> {
    let tmp = tempfile::tempdir().unwrap();
    let md = run(dir, &["render", ".", "--format", "md", "-o", "-"]);
    let html = run(dir, &["render", ".", "--format", "html", "-o", "-"]);
    let html = Html::parse_document(&html.success().stdout)
        .root_element()
        .text()
        .collect::<Vec<_>>()
        .join(" ");
    let docx = tmp.path().join("annexe.docx");
    run(dir, &["render", ".", "-o", docx.to_str().unwrap()]).success();
    let docx = std::fs::read(&docx).unwrap();
    let docx = crate::docx::read_body(&crate::docx::part(&docx, "word/document.xml")).text;
    // Mutable only where the PDF engine is built.
    #[cfg_attr(not(feature = "pdf"), allow(unused_mut))]
    let mut out = vec![
        ("md", md.success().stdout.clone()),
        ("html", html),
        ("docx", docx),
    ];
    #[cfg(feature = "pdf")]
    {
        let pdf = tmp.path().join("annexe.pdf");
        run(dir, &["render", ".", "-o", pdf.to_str().unwrap()]).success();
        // poppler's pdftotext (poppler-utils, installed in CI) reads hyphenated words
        // back whole where lopdf splits them.
        let text = std::process::Command::new("pdftotext")
            .args([pdf.as_os_str(), "-".as_ref()])
            .output()
            .expect("pdftotext (poppler-utils) reads the PDF back");
        assert!(text.status.success(), "pdftotext: {text:?}");
        out.push(("pdf", String::from_utf8(text.stdout).unwrap()));
    }
    out
}

/// Text reduced to its words, lowercased, between spaces: markup, typography, line
/// breaks and hyphens (a PDF's hyphenation, a school year's dash) do not count.
pub(crate) fn words(s: &str) -> String {
    // A word hyphenated at a line's end (a hyphen, or the PDF's soft hyphen) is one word.
    let s = s.replace("-\n", "-").replace("\u{ad}\n", "");
    let mut out = String::from(" ");
    for c in s.chars().flat_map(char::to_lowercase) {
        if matches!(c, '-' | '\u{ad}' | '\u{2010}' | '\u{2011}') {
            continue;
        }
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Every line of text of `doc` after its front matter, headings aside, as words (list
/// and quote marks off), with its file and line.
fn section_lines<F>(d: &Dossier, doc: &Doc<F>) -> Vec<(String, String)> {
    let text = d.sources.get(&doc.path).map_or("", |s| s.text.as_str());
    let mut body = text.splitn(3, "---\n");
    let body = match (body.next(), body.next(), body.next()) {
        (Some(""), Some(_), Some(rest)) => rest,
        _ => text,
    };
    ldm::markup::without_comments(body)
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.trim_start_matches(['-', '*', '+', '>', ' ']))
        .map(words)
        .filter(|w| w.trim().len() > 2)
        .map(|w| (doc.path.clone(), w))
        .collect()
}

/// Each fiche's marker (« critère 2 action 1 ») and its measures, in the annex's order.
fn fiches(d: &Dossier) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for c in &d.criteres {
        for (kind, list) in [("action", &c.actions), ("engagement", &c.engagements)] {
            for (i, e) in list.iter().enumerate() {
                let Some(f) = &e.front else { continue };
                let values = f
                    .objectifs
                    .iter()
                    .flat_map(|o| &o.indicateurs)
                    .flat_map(|ind| {
                        (0..ind.mesures.0.len()).map(|k| ind.mesures.ecrite(k, ind.unite()))
                    })
                    .map(|v| words(&v))
                    .collect();
                out.push((format!(" critère {} {kind} {} ", c.numero, i + 1), values));
            }
        }
    }
    out
}

/// What is missing from one form of the annex of `d`.
fn missing(d: &Dossier, text: &str) -> Vec<String> {
    let all = words(text);
    let mut lost = Vec::new();
    let docs = d.etablissement.iter().map(|e| section_lines(d, e));
    let docs = docs
        .chain(
            d.criteres
                .iter()
                .filter_map(|c| c.critere.as_ref())
                .map(|c| section_lines(d, c)),
        )
        .chain(d.entities().map(|(_, _, e)| section_lines(d, e)));
    for (at, line) in docs.flatten() {
        if !all.contains(&line) {
            lost.push(format!("text of {at}: «{line}»"));
        }
    }
    let fiches = fiches(d);
    let mut from = 0;
    let starts: Vec<Option<usize>> = fiches
        .iter()
        .map(|(marker, _)| {
            let at = all[from..].find(marker.as_str()).map(|p| p + from);
            from = at.map_or(from, |p| p + marker.len());
            at
        })
        .collect();
    for (k, (marker, values)) in fiches.iter().enumerate() {
        let Some(start) = starts[k] else {
            lost.push(format!("fiche{marker}"));
            continue;
        };
        let end = starts[k + 1..].iter().flatten().next().copied();
        let window = &all[start..end.unwrap_or(all.len())];
        for v in values.iter().filter(|v| !window.contains(v.as_str())) {
            lost.push(format!("measure «{v}» of{marker}"));
        }
    }
    for c in ldm::model::query::citations(d) {
        let p = c.personne;
        for name in [&p.nom.value, &p.prenom.value] {
            if !all.contains(&words(name)) {
                lost.push(format!("person «{name}»"));
            }
        }
    }
    lost
}

fn complete(dir: &Path) {
    let d = ldm::load::load(dir).unwrap();
    for (format, text) in annexes(dir) {
        let lost = missing(&d, &text);
        assert!(lost.is_empty(), "{format} of {}: {lost:#?}", dir.display());
        // Fiches are named by their title, never by their file.
        for (_, _, e) in d.entities() {
            assert!(!text.contains(&e.id()), "{format}: « {} » shown", e.id());
        }
    }
}

#[test]
fn every_measure_section_and_person_of_the_new_fixture_is_in_every_format() {
    complete(&fixture("complet"));
}

#[test]
fn every_measure_section_and_person_of_the_example_is_in_every_format() {
    complete(&example());
}

#[test]
fn every_measure_section_and_person_of_a_real_dossier_is_in_every_format() {
    complete(&fixture("reel"));
}

#[test]
fn measures_outside_the_columns_are_listed_under_their_indicator() {
    let md = run(
        fixture("complet"),
        &["render", ".", "--format", "md", "-o", "-"],
    );
    let md = &md.success().stdout;
    // A seven-year action keeps its last measure in the end column.
    md_row_has(
        md,
        "Nombre d'apprentis formés à l'atelier",
        "| 321 | 324 | 328 (2026) |",
    );
    md_row_has(
        md,
        "Nombre d'apprentis formés à l'atelier",
        "Autres relevés : 2018 : 320 ; 2020 : 322",
    );
    // School years in an action written in calendar years, and the reverse.
    md_row_has(
        md,
        "Taux de poursuite d'études en BTS",
        "| 302 % (2022-2023) |",
    );
    md_row_has(md, "Nombre d'entreprises participantes", "| 341 (2021) |");
    // An engagement measured two years before the campaign.
    md_row_has(
        md,
        "Nombre d'entreprises suivies dans le tableau de bord",
        "| 364 (2024) |",
    );
    // The source's line wraps are spaces, not <br>.
    assert!(md.contains(&fr("les partenaires autour d'un projet concret")));
}

/// The Markdown table row of indicator `name` contains `want` (in French typography).
fn md_row_has(md: &str, name: &str, want: &str) {
    let name = fr(name);
    let row = md
        .lines()
        .find(|l| l.starts_with('|') && l.contains(&name))
        .unwrap_or_else(|| panic!("no row for « {name} »"));
    assert!(row.contains(&fr(want)), "« {want} » not in {row}");
}

#[test]
fn misspelt_subheadings_are_findings_at_their_line() {
    let out = run(fixture("complet"), &["check", "."]);
    let path = "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md";
    for (line, written, title) in [
        (36, "Calendriers", "Calendrier"),
        (44, "Modalité d'organisation", "Modalités d'organisation"),
    ] {
        out.stdout_has(&format!("{path}:{line}:1"));
        out.stdout_has(&format!(
            "vouliez-vous dire « ## {title} » ? Le titre « ## {written} » n'est pas reconnu"
        ));
    }
}
