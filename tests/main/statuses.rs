//! The statuses at their edges, as a conseil d'administration reads them in every output
//! (terminal, JSON, bilan, HTML and PDF tableau de bord), and the lists of statuses and
//! reasons in README.md and docs/json.md against the code's enums.

use crate::common::*;

use ldm::progress::eval::{Cause, Statut};
use serde_json::Value;

/// The edge cases of issue 35, one action each: title, period, target and direction,
/// measures, then what every output must say: the status, the progression and expected
/// share printed (`None`: not computed) and a note (reason, year as written).
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<(i64, i64)>,
    &'static str,
);

#[rustfmt::skip]
const CASES: &[Case] = &[
    ("Cas A", "{debut: 2021, fin: 2026}", "cible: 8\n        sens: baisse", "{2021: 12.6, 2026: 8.46}", "proche de la cible", Some((90, 100)), ""),
    ("Cas B", "{debut: 2023, fin: 2028}", "cible: 0.9", "{2023: 0.4, 2026: 0.7}", "en bonne voie", Some((60, 60)), ""),
    ("Cas C", "{debut: 2021, fin: 2026}", "cible: 10", "{2021: 12, 2026: 8}", "en recul", None, "cible atteinte au départ, dernière mesure moins bonne que la première"),
    ("Cas D", "{debut: 2021, fin: 2026}", "cible: 100", "{2021: 100, 2026: 100}", "atteint", None, "cible atteinte dès le départ, et tenue"),
    ("Cas E", "{debut: 2021, fin: 2026}", "cible: 30", "{2021: 10, 2024: 19, 2026: \"une vingtaine\"}", "non mesurable", None, "dernière mesure non chiffrée (2026 : « une vingtaine »)"),
    ("Cas F", "{debut: 2022-2023, fin: 2025-2026}", "cible: 6", "{2022-2023: 2, 2025-2026: 5}", "en retard", Some((75, 100)), "2022-2023"),
];

/// The cases as the only fiches of a dossier (campaign 2026).
fn dossier() -> TempDossier {
    let d = crate::statuses_spec::without_fiches();
    for (n, (title, periode, cible, mesures, ..)) in CASES.iter().enumerate() {
        d.write(
            format!("criteres/1-offre-de-formation/actions/cas-{n}.md"),
            &format!(
                "---\ndenomination: \"Action {title}\"\nperiode: {periode}\nobjectifs:\n  - intitule: \"Objectif\"\n    indicateurs:\n      - intitule: \"{title}\"\n        {cible}\n        mesures: {mesures}\n---\n\n# Description\n\nUn cas limite.\n"
            ),
        );
    }
    d
}

/// The text of `all` from the first `title` to the next case's title (or the end), with
/// every kind of space made plain.
fn segment(all: &str, n: usize) -> String {
    let all = flat(all);
    let from = all
        .find(CASES[n].0)
        .unwrap_or_else(|| panic!("{} absent:\n{all}", CASES[n].0));
    let rest = &all[from..];
    let to = CASES
        .get(n + 1)
        .and_then(|c| rest.find(c.0))
        .unwrap_or(rest.len());
    rest[..to].to_string()
}

fn flat(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each case's part of a document says its status, its figures as `figures` writes
/// them, and its note.
fn says_every_case(what: &str, doc: &str, figures: fn(i64, i64) -> String) {
    for (n, (title, .., statut, pa, note)) in CASES.iter().enumerate() {
        let part = segment(doc, n);
        let shown = pa.map(|(p, a)| figures(p, a));
        for want in [Some(statut.to_string()), shown, Some(note.to_string())]
            .iter()
            .flatten()
        {
            assert!(
                part.contains(&flat(want)),
                "{what}, {title}: no « {want} » in\n{part}"
            );
        }
    }
}

#[test]
fn the_edges_are_judged_as_printed_in_the_terminal_bilan_and_html() {
    let d = dossier();
    let term = run(d.path(), &["progress", "."]).success().stdout.clone();
    says_every_case("terminal", &term, |p, a| format!("{p} % (attendu {a} %)"));
    let md = run(d.path(), &["progress", ".", "--format", "md"])
        .stdout
        .clone();
    says_every_case("bilan", &md, |p, a| format!("| {p} % (attendu {a} %) |"));
    let html = run(d.path(), &["progress", ".", "--format", "html"])
        .stdout
        .clone();
    says_every_case("html", &html, |p, a| {
        format!("<td>{p} % (attendu {a} %)</td>")
    });
}

#[test]
fn the_edges_in_json() {
    let d = dossier();
    let v = run(d.path(), &["progress", ".", "--format", "json"])
        .success()
        .json();
    let inds: Vec<&Value> = (v["criteres"][0]["fiches"].as_array().unwrap().iter())
        .flat_map(|f| f["objectifs"][0]["indicateurs"].as_array().unwrap())
        .collect();
    let get = |t: &str| *inds.iter().find(|i| i["intitule"] == t).unwrap();
    assert_eq!(
        (
            get("Cas A")["statut"].as_str(),
            get("Cas A")["progression_pourcent"].as_i64()
        ),
        (Some("proche-de-la-cible"), Some(90))
    );
    assert_eq!(get("Cas A")["progression"], 0.9);
    assert_eq!(
        (
            get("Cas B")["progression_pourcent"].as_i64(),
            get("Cas B")["attendu_pourcent"].as_i64()
        ),
        (Some(60), Some(60))
    );
    assert_eq!(get("Cas B")["statut"], "en-bonne-voie");
    assert_eq!(
        (
            get("Cas C")["statut"].as_str(),
            get("Cas C")["raison"].as_str()
        ),
        (Some("en-recul"), None)
    );
    assert_eq!(get("Cas D")["statut"], "atteint");
    assert_eq!(get("Cas E")["cause"], "derniere-non-chiffree");
    assert_eq!(get("Cas E")["derniere"]["annee"], 2024);
    assert_eq!(get("Cas F")["calendrier"], "scolaire");
}

#[cfg(feature = "pdf")]
#[test]
fn the_edges_in_the_pdf_with_years_as_written() {
    let d = dossier();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("tableau.pdf");
    Ldm::new()
        .current_dir(d.path())
        .args(["progress", ".", "-o"])
        .arg(&out)
        .run()
        .success();
    let doc = lopdf::Document::load(&out).unwrap();
    let text = crate::pdf::pages_text(&doc).join("\n");
    says_every_case("pdf", &text, |p, a| format!("{p} % (attendu {a} %)"));
    // The key as written, never the year it counts as (« 2023 : 2 »).
    let text = flat(&text);
    assert!(text.contains("2022-2023 : 2"), "{text}");
    assert_eq!(
        text.matches("2023 : 2").count(),
        text.matches("2022-2023 : 2").count()
    );
}

/// A list in a document: every `*label*` or `` `code` `` of the enum is there, with
/// spaces made plain.
fn lists(doc: &str, items: &[String], what: &str) {
    let doc = flat(doc);
    for i in items {
        assert!(doc.contains(&flat(i)), "{what} does not list {i}");
    }
}

#[test]
fn readme_and_json_docs_list_every_status_and_reason() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let json = std::fs::read_to_string(root().join("docs/json.md")).unwrap();
    let spec = std::fs::read_to_string(root().join("docs/format.md")).unwrap();
    let labels: Vec<String> = Statut::ALL
        .iter()
        .map(|s| format!("*{}*", s.label()))
        .collect();
    let reasons: Vec<String> = Cause::ALL
        .iter()
        .map(|c| format!("*{}*", c.modele()))
        .collect();
    lists(&readme, &labels, "README.md");
    lists(&readme, &reasons, "README.md");
    let codes: Vec<String> = Statut::ALL
        .iter()
        .map(|s| format!("`{}`", s.code()))
        .collect();
    let causes: Vec<String> = (Cause::ALL.iter())
        .map(|c| format!("| `{}` | {} |", c.code(), c.modele()))
        .collect();
    lists(&json, &codes, "docs/json.md");
    lists(&json, &causes, "docs/json.md");
    lists(&spec, &codes, "docs/format.md");
    // README's list has as many items as the enum: nothing more either.
    let statuts = readme
        .split("D'où un statut")
        .nth(1)
        .unwrap()
        .split("La règle complète")
        .next()
        .unwrap();
    assert_eq!(statuts.matches("\n- *").count(), Statut::ALL.len());
}
