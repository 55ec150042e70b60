//! Measures as schools write them (issue 31, item 3): any short unit, a value with its
//! unit, a range, « NC » with its reason, a measure dated to the day. The real fixture
//! holds each form; it checks clean, and every output shows each value as written.

use crate::common::*;
use crate::complete::{annexes, words};

const IMMERSION: &str =
    "criteres/4-partenariats/actions/immersion-professeurs-et-intervenants-professionnels.md";

/// Each form of the fixture, as the documents show it.
const WRITTEN: &[&str] = &[
    "13,70 M€",
    "17,50 M€",
    "8 750 m²",
    "9 100 m²",
    "240 heures",
    "262 heures",
    "70 à 80 %",
    "NC (pas d'enquête cette année)",
    "3 (le 12 mars 2026)",
];

/// The spaces French typography puts in (no-break, narrow) read as plain spaces, and
/// HTML's escaped apostrophe as one.
fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
        .replace("&#x27;", "'")
}

#[test]
fn every_written_form_checks_clean() {
    let out = run(fixture("reel"), &["check", ".", "--format", "json"]);
    out.success();
    let json = out.json();
    let rules: Vec<&str> = json["dossiers"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["mesure-qualitative"], "{json}");
}

#[test]
fn the_annex_shows_each_value_as_written_in_every_format() {
    for (format, text) in annexes(&fixture("reel")) {
        let text = plain(&text);
        for v in WRITTEN {
            // Markdown and HTML keep the text whole; PDF and Word are compared by words.
            let found = match format {
                "md" | "html" => text.contains(v),
                _ => words(&text).contains(&words(v)),
            };
            assert!(found, "{format} lacks « {v} »");
        }
    }
}

#[test]
fn progress_shows_each_value_as_written_and_judges_a_range_by_its_lower_bound() {
    let d = fixture("reel");
    for format in ["term", "md", "html"] {
        let out = run(&d, &["progress", ".", "--format", format, "-o", "-"]);
        let text = plain(&out.success().stdout);
        for v in [
            "13,70 M€",
            "17,50 M€",
            "8 750 m²",
            "70 à 80 %",
            "3 (le 12 mars 2026)",
        ] {
            assert!(text.contains(v), "progress {format} lacks « {v} »");
        }
        assert!(
            text.contains("2025 (pas d'enquête cette année)"),
            "progress {format} lacks the NC year and its reason"
        );
    }
    let json = run(&d, &["progress", ".", "--format", "json", "-o", "-"]).json();
    let fiche = json["criteres"][3]["fiches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["id"] == "4-partenariats/actions/immersion-professeurs-et-intervenants-professionnels"
        })
        .unwrap()
        .clone();
    let satisfaction = &fiche["objectifs"][2]["indicateurs"][2];
    assert_eq!(satisfaction["unite"], "pourcentage");
    // « 70 à 80 % » toward a rising target counts as 70: 15 of the 20 points to 90.
    assert_eq!(satisfaction["depart"]["valeur"], 70.0);
    assert_eq!(satisfaction["progression_pourcent"], 75);
    assert_eq!(satisfaction["mesures_ecrites"][0]["texte"], "70 à 80 %");
    // « NC » is not a measure: listed apart with its reason, never the latest value.
    assert_eq!(satisfaction["non_mesurees"][0]["annee"], 2025);
    assert_eq!(
        satisfaction["non_mesurees"][0]["texte"],
        "pas d'enquête cette année"
    );
    assert_eq!(satisfaction["derniere"]["annee"], 2026);
    let surface = &fiche["objectifs"][2]["indicateurs"][1];
    assert_eq!(surface["unite"], "m²");
    assert_eq!(surface["depart"]["valeur"], 8750.0);
}

#[cfg(feature = "pdf")]
#[test]
fn the_tableau_de_bord_pdf_shows_each_value_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("tableau.pdf");
    run(
        fixture("reel"),
        &["progress", ".", "-o", pdf.to_str().unwrap()],
    )
    .success();
    let text = std::process::Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF back");
    let text = words(&String::from_utf8(text.stdout).unwrap());
    for v in [
        "13,70 M€",
        "8 750 m²",
        "70 à 80 %",
        "NC (pas d'enquête cette année)",
    ] {
        assert!(text.contains(&words(v)), "tableau PDF lacks « {v} »");
    }
}

/// Line and column (1-based) of `needle` in the fixture's immersion fiche.
fn at(d: &TempDossier, needle: &str) -> String {
    let text = d.read(IMMERSION);
    let (n, line) = (text.lines().enumerate())
        .find(|(_, l)| l.contains(needle))
        .unwrap();
    let col = line[..line.find(needle).unwrap()].chars().count() + 1;
    format!("{IMMERSION}:{}:{col}", n + 1)
}

/// The real fixture with two lines of the immersion fiche rewritten, and its check.
fn checked(edits: [(&str, &str); 2]) -> (TempDossier, Output) {
    let d = TempDossier::fixture("reel");
    for (from, to) in edits {
        d.edit(IMMERSION, from, to);
    }
    let out = d.ldm().args(["check", "."]).run();
    (d, out)
}

#[test]
fn a_value_in_another_unit_is_a_warning_at_the_value_with_what_to_write() {
    let (d, out) = checked([
        ("2025: 16 M€", "2025: 16 000 k€"),
        ("2026: 85 %", "2026: 36 heures"),
    ]);
    out.code(0)
        .stdout_has(&format!(
            "avertissement[unite-differente] : la mesure « 16 000 k€ » est en k€, l'indicateur « Investissements des entreprises partenaires dans le plateau technique » en M€\n  --> {}",
            at(&d, "16 000 k€")
        ))
        .stdout_has("ldm la lit comme 16\u{a0}M€ ; écrivez « 16\u{a0}M€ » pour être clair, ou « unite: k€ » si tout l'indicateur est en k€")
        .stdout_has(&format!(
            "la mesure « 36 heures » est en heures, l'indicateur « Part des entreprises d'accueil satisfaites des stagiaires » en pourcentage\n  --> {}",
            at(&d, "36 heures")
        ))
        .stdout_has("écrivez la valeur en pourcentage (l'unité de l'indicateur), ou « unite: heures »");
    run(d.path(), &["check", "--explain", "unite-differente"])
        .success()
        .stdout_has("Entre unités monétaires (€, k€, M€), ldm convertit");
}

#[test]
fn an_unfinished_range_and_a_unit_with_digits_are_refused_where_they_are() {
    let (d, out) = checked([
        ("2022: 70 à 80 %", "2022: 70 à"),
        ("unite: m2", "unite: m2 2024"),
    ]);
    out.code(1)
        .stdout_has("erreur[type-invalide] : « 70 à » ne convient pas pour « 2022 »")
        .stdout_has(&format!("--> {}", at(&d, "70 à")))
        .stdout_has(
            "un intervalle s'écrit avec ses deux bornes, « 70 à 80 % » : la borne haute manque",
        )
        .stdout_has("« m2 2024 » ne convient pas pour « unite » : une unité courte est attendue")
        .stdout_has(&format!("--> {}", at(&d, "m2 2024")));
}

#[test]
fn nc_in_an_engagement_is_a_state_and_text_there_still_an_error() {
    let d = TempDossier::fixture("reel");
    let f = "criteres/4-partenariats/engagements/tableau-de-bord-bureau-des-entreprises.md";
    d.edit(
        f,
        "mesures: {2026: 148}",
        "mesures: {2026: non mesuré (base en cours de constitution)}",
    );
    let out = d.ldm().args(["check", ".", "--format", "json"]).run();
    out.success();
    d.edit(
        f,
        "{2026: non mesuré (base en cours de constitution)}",
        "{2026: en cours}",
    );
    d.ldm()
        .args(["check", "."])
        .run()
        .code(1)
        .stdout_has("erreur[mesure-non-chiffree]")
        .stdout_has("ou « NC (raison) » si elle n'a pas pu être prise");
}

#[test]
fn a_label_period_is_shown_as_written_and_a_network_requirement_is_named() {
    let d = TempDossier::fixture("reel");
    d.edit(
        "ldm.toml",
        "precedente = \"2021-2026\"",
        "precedente = \"2002-2007\"",
    );
    let md = d
        .ldm()
        .args(["render", ".", "--format", "md", "-o", "-"])
        .run();
    md.success()
        .stdout_has("| Nature de la candidature | Renouvellement (label obtenu en 2002-2007) |");
    d.edit(
        IMMERSION,
        "exigences: [\"4.4\", \"4.1\"]",
        "exigences: [\"4.4\", \"4.1\", \"4.9\"]",
    );
    d.ldm()
        .args(["check", "."])
        .run()
        .code(1)
        .stdout_has("le critère 4 a les exigences 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7 (réseau)");
}
