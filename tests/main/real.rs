//! Real dossiers fit the format (issue 12): the forms schools actually write —
//! several coordinators or animateurs — check clean and reach every output.

use crate::common::*;

use serde_json::Value;

const CRITERE_4: &str = "criteres/4-partenariats/critere.md";

/// `(rule, file, line)` of every finding of `ldm check --format json`, and the exit code.
fn findings(dossier: &TempDossier) -> (i32, Vec<(String, String, u64)>) {
    let out = dossier
        .ldm()
        .args(["check", ".", "--format", "json"])
        .run();
    let json = out.json();
    let list = json["dossiers"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics is a list")
        .iter()
        .map(|d: &Value| {
            let text = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (text("rule"), text("file"), d["line"].as_u64().unwrap_or(0))
        })
        .collect();
    (out.code, list)
}

#[test]
fn co_coordinators_and_two_animateurs_reach_the_annex() {
    let html = run(example(), &["render", ".", "--format", "html", "-o", "-"])
        .success()
        .stdout
        .clone();
    // The synopsis names both co-coordinators of criterion 4.
    assert!(html.contains("<td>François Delaunay, Olivier Lemarchand</td>"));
    // The team table has one row per coordinator under one heading cell.
    assert!(html.contains(
        "<th scope=\"row\" rowspan=\"2\">Coordonnateur critère 4</th><td>Delaunay</td>"
    ));
    assert!(html.contains("<td>Lemarchand</td><td>Olivier</td><td>DDFPT</td>"));
    // The engagement's animateur cell names both animateurs.
    assert!(html.contains(
        "François Delaunay, Chargé de mission bureau des entreprises ; Nicolas Faure, Professeur de logistique"
    ));
    let md = run(example(), &["render", ".", "--format", "md", "-o", "-"])
        .success()
        .stdout
        .clone();
    assert!(md.contains("| Coordonnateur critère 4 | Delaunay | François |"));
    assert!(md.contains("|  | Lemarchand | Olivier | DDFPT |"));
}

#[test]
fn an_empty_coordinator_list_is_a_missing_coordinator() {
    let d = TempDossier::copy(&example(), "lycee");
    d.edit(
        CRITERE_4,
        "coordonnateur:  # deux co-coordonnateurs\n  - {nom: \"Delaunay\", prenom: \"François\", fonction: \"Chargé de mission bureau des entreprises\"}\n  - {nom: \"Lemarchand\", prenom: \"Olivier\", fonction: \"DDFPT\"}\n",
        "coordonnateur: []\n",
    );
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    assert!(
        found.contains(&("coordonnateur-manquant".into(), CRITERE_4.into(), 2)),
        "{found:?}"
    );
}

#[test]
fn a_person_of_a_list_missing_a_field_is_reported_at_its_line() {
    let d = TempDossier::copy(&example(), "lycee");
    d.edit(
        CRITERE_4,
        "  - {nom: \"Lemarchand\", prenom: \"Olivier\", fonction: \"DDFPT\"}\n",
        "  - {nom: \"Lemarchand\", fonction: \"DDFPT\"}\n",
    );
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    assert!(
        found.iter().any(|(_, file, line)| file == CRITERE_4 && *line == 4),
        "{found:?}"
    );
}
