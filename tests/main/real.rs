//! Real dossiers fit the format (issue 12): the forms schools actually write —
//! several coordinators or animateurs — check clean and reach every output.

use crate::common::*;

use serde_json::Value;

const CRITERE_4: &str = "criteres/4-partenariats/critere.md";

/// `(rule, file, line)` of every finding of `ldm check --format json`, and the exit code.
fn findings(dossier: &TempDossier) -> (i32, Vec<(String, String, u64)>) {
    let out = dossier.ldm().args(["check", ".", "--format", "json"]).run();
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
    assert!(
        html.contains(
            "<th scope=\"row\" rowspan=\"2\">Coordonnateur critère 4</th><td>Delaunay</td>"
        )
    );
    assert!(html.contains("<td>Lemarchand</td><td>Olivier</td><td>DDFPT</td>"));
    // The engagement's animateur cell names both animateurs.
    // Documents carry French typography: a narrow no-break space before « ; ».
    assert!(html.contains(
        "François Delaunay, Chargé de mission bureau des entreprises\u{202f}; Nicolas Faure, Professeur de logistique"
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
        found
            .iter()
            .any(|(_, file, line)| file == CRITERE_4 && *line == 4),
        "{found:?}"
    );
}

/// Appends `text` to a file of the dossier; returns the line number of its first line.
fn append(d: &TempDossier, rel: &str, text: &str) -> u64 {
    let before = d.read(rel);
    let first = before.lines().count() as u64 + 1;
    d.write(rel, &format!("{before}{text}"));
    first
}

#[test]
fn a_completer_inside_a_sentence_is_prose_but_alone_in_a_cell_is_a_marker() {
    let d = TempDossier::copy(&example(), "lycee");
    let line = append(
        &d,
        "etablissement.md",
        "Le questionnaire était à compléter par les entreprises avant juin.\n\n| Bilan | À compléter |\n|---|---|\n\nÀ compléter.\n",
    );
    let (_, found) = findings(&d);
    let markers: Vec<u64> = found
        .iter()
        .filter(|(rule, file, _)| rule == "texte-a-completer" && file == "etablissement.md")
        .map(|(_, _, l)| *l)
        .collect();
    assert_eq!(markers, vec![line + 2, line + 5], "{found:?}");
}

#[test]
fn stand_in_names_are_incomplete_persons_at_their_line() {
    let d = TempDossier::copy(&example(), "lycee");
    d.edit(
        "etablissement.md",
        "ddfpt: {nom: \"Lemarchand\", prenom: \"Olivier\"",
        "ddfpt: {nom: \"Non communiqué\", prenom: \"Olivier\"",
    );
    d.edit(
        "etablissement.md",
        "{nom: \"Benali\", prenom: \"Karim\"",
        "{nom: \"Benali\", prenom: \"X\"",
    );
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    let incomplete: Vec<u64> = found
        .iter()
        .filter(|(rule, file, _)| rule == "personne-incomplete" && file == "etablissement.md")
        .map(|(_, _, l)| *l)
        .collect();
    assert_eq!(incomplete, vec![3, 6], "{found:?}");
}

#[test]
fn text_measures_stay_in_every_progress_output() {
    let d = TempDossier::copy(&example(), "lycee");
    d.edit(
        "criteres/8-communication/actions/plan-de-communication-annuel.md",
        "          2024: 96\n",
        "          2024: \"une centaine\"\n",
    );
    let out = |format: &str| {
        d.ldm()
            .args(["progress", ".", "--format", format, "-o", "-"])
            .run()
            .success()
            .stdout
            .clone()
    };
    let shown = "2024\u{a0}: «\u{a0}une centaine\u{a0}»";
    for format in ["term", "md", "html"] {
        let text = out(format);
        assert!(text.contains(shown), "{format}: {text}");
        assert!(text.contains("non chiffrées"), "{format}");
    }
    let json: Value = serde_json::from_str(&out("json")).unwrap();
    let ind = json["criteres"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["fiches"].as_array().unwrap())
        .flat_map(|f| f["objectifs"].as_array().unwrap())
        .flat_map(|o| o["indicateurs"].as_array().unwrap())
        .find(|i| {
            i["intitule"]
                .as_str()
                .unwrap()
                .starts_with("Nombre d'articles publiés")
        })
        .expect("the indicator is listed")
        .clone();
    assert_eq!(
        ind["mesures_texte"],
        serde_json::json!([{"annee": 2024, "texte": "une centaine"}])
    );
    // The numbers around it still make the history the progress is computed from.
    let years: Vec<i64> = ind["mesures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["annee"].as_i64().unwrap())
        .collect();
    assert_eq!(years, vec![2021, 2026]);
}
