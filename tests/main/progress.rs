//! `ldm progress`: snapshots on the example, past years, broken measures, the HTML
//! tableau de bord in a real browser.

use crate::common::*;

use serde_json::Value;
use std::path::Path;

fn json(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["progress", ".", "--format", "json"];
    args.extend_from_slice(extra);
    run(dir, &args).success().json()
}

/// Every indicator of a JSON report: (title, status).
fn statuses(v: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in v["criteres"].as_array().unwrap() {
        for f in c["fiches"].as_array().unwrap() {
            for o in f["objectifs"].as_array().unwrap() {
                for i in o["indicateurs"].as_array().unwrap() {
                    out.push((
                        i["intitule"].as_str().unwrap().to_string(),
                        i["statut"].as_str().unwrap().to_string(),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn snapshots_of_the_example() {
    let term = run(example(), &["progress", "."]).success().stdout.clone();
    assert!(
        !term.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    insta::assert_snapshot!("progress_term", term);
    let md = run(example(), &["progress", ".", "--format", "md"]).stdout;
    insta::assert_snapshot!("progress_md", md);
    let js = run(example(), &["progress", ".", "--format", "json"]).stdout;
    insta::assert_snapshot!("progress_json", js);
    let again = run(example(), &["progress", ".", "--format", "md"]).stdout;
    assert_eq!(md, again, "same input, same bytes");
}

#[test]
fn a_past_year_gives_that_years_bilan() {
    let now = json(&example(), &[]);
    let past = json(&example(), &["--annee", "2024"]);
    assert_eq!(now["annee"], 2026);
    assert_eq!(past["annee"], 2024);
    // The job dating action: 2024 was the last measure known that year.
    let job = |v: &Value| {
        v["criteres"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["fiches"].as_array().unwrap().clone())
            .find(|f| f["id"] == "4-partenariats/actions/job-dating")
            .unwrap()
    };
    let ind = |v: &Value| job(v)["objectifs"][0]["indicateurs"][0].clone();
    assert_eq!(ind(&past)["derniere"]["annee"], 2024);
    assert_eq!(ind(&now)["derniere"]["annee"], 2026);
    assert!(
        ind(&past)["mesures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["annee"].as_i64().unwrap() <= 2024)
    );
    // Before any measure, nothing is measurable.
    let before = json(&example(), &["--annee", "2019"]);
    assert!(statuses(&before).iter().all(|(_, s)| s == "non-mesurable"));
    assert_eq!(
        before["resume"]["non_mesurable"],
        before["resume"]["indicateurs"]
    );
}

#[test]
fn one_criterion_only() {
    let v = json(&example(), &["--critere", "7"]);
    let nums: Vec<i64> = v["criteres"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["numero"].as_i64().unwrap())
        .collect();
    assert_eq!(nums, [7]);
    run(example(), &["progress", ".", "--critere", "12"])
        .code(2)
        .stderr_has("pas de critère 12");
}

#[test]
fn broken_measures_are_located_by_check_and_skipped_by_progress() {
    let dir = fixture("progression");
    let out = run(&dir, &["check", ".", "--format", "short"]);
    out.code(1);
    let passerelle = "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md";
    for want in [
        format!("{passerelle}:19:34: avertissement[mesure-qualitative]"),
        format!("{passerelle}:24:28: erreur[annee-invalide]"),
        "criteres/2-partenariats/engagements/bureau-des-entreprises.md:12:16: erreur[type-invalide]".to_string(),
    ] {
        out.stdout_has(&want);
    }
    let v = json(&dir, &[]);
    let st = statuses(&v);
    let get = |name: &str| st.iter().find(|(n, _)| n == name).map(|(_, s)| s.as_str());
    // The other indicators are still followed.
    assert_eq!(get("Taux de poursuite d'études en BTS"), Some("en-retard"));
    assert_eq!(get("Nombre d'entreprises participantes"), Some("en-retard"));
    // The text measure and the impossible year leave one usable measure each.
    assert_eq!(
        get("Dispositif de tutorat par les étudiants de BTS"),
        Some("non-mesurable")
    );
    assert_eq!(
        get("Nombre de bacheliers accueillis en BTS"),
        Some("non-mesurable")
    );
    // The engagement whose header cannot be read is absent, not fatal.
    assert!(!v.to_string().contains("bureau-des-entreprises"));
}

#[test]
fn output_files_never_replace_what_someone_else_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("bilan.md");
    std::fs::write(&target, "compte rendu du CA, à garder\n").unwrap();
    let t = target.to_str().unwrap();
    run(example(), &["progress", ".", "--format", "md", "-o", t])
        .code(2)
        .stderr_has("n'a pas été produit par ldm");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "compte rendu du CA, à garder\n"
    );
    run(
        example(),
        &["progress", ".", "--format", "md", "-o", t, "--force"],
    )
    .success();
    // Its own output is replaced without --force.
    run(
        example(),
        &[
            "progress", ".", "--format", "md", "-o", t, "--annee", "2024",
        ],
    )
    .success();
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("# Tableau de bord des indicateurs — 2024")
    );
}

#[test]
fn tableau_de_bord_prints_in_a_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("tableau-de-bord.html");
    run(
        example(),
        &[
            "progress",
            ".",
            "--format",
            "html",
            "-o",
            html.to_str().unwrap(),
        ],
    )
    .success();
    let text = std::fs::read_to_string(&html).unwrap();
    // One chart per measurable indicator, nothing fetched, nothing run.
    let v = json(&example(), &[]);
    let measurable = statuses(&v)
        .iter()
        .filter(|(_, s)| s != "non-mesurable")
        .count();
    assert!(measurable > 10);
    assert_eq!(text.matches("<svg class=\"graphe\"").count(), measurable);
    let external = text.replace("http://www.w3.org/2000/svg", ""); // the SVG namespace is a name, not a request
    assert!(
        !text.contains("<script")
            && !external.contains("http://")
            && !external.contains("https://")
    );
    let Some(browser) = chromium() else { return };
    let pages = print_to_pdf(browser, &html, &tmp.path().join("tdb.pdf"));
    assert!(pages >= 1, "{pages} pages");
}
