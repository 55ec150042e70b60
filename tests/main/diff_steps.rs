//! `ldm diff` at the scale of a renewal where every fiche was renamed, and a fiche moved
//! to another criterion: what each step of the comparison reports.

use crate::common::*;

use serde_json::Value;
use std::fs;
use std::path::Path;

const JOB: &str = "criteres/2-partenariats/actions/job-dating.md";
const CRITERES: [&str; 2] = ["1-offre-de-formation", "2-partenariats"];

/// A dénomination with a shared vocabulary and a distinctive partner name.
fn title(i: usize) -> String {
    let verbs = [
        "Organiser",
        "Développer",
        "Consolider",
        "Proposer",
        "Animer",
    ];
    let objects = [
        "des visites d'entreprises",
        "un forum des métiers",
        "un club de robotique",
    ];
    let syl = ["ka", "lo", "mi", "ru", "ze", "ta", "no", "vi"];
    format!(
        "{} {} pour les élèves avec {}{}{}",
        verbs[i % 5],
        objects[i % 3],
        syl[i % 8].to_uppercase(),
        syl[i / 8 % 8],
        syl[i / 64 % 8]
    )
}

/// `n` actions in each dossier; in the renewal every file is renamed and its title reworded.
fn renamed(old: &Path, new: &Path, n: usize) {
    let template = fs::read_to_string(old.join(JOB)).unwrap();
    let line = template
        .lines()
        .find(|l| l.starts_with("denomination:"))
        .unwrap();
    for i in 0..n {
        let dir = format!("criteres/{}/actions", CRITERES[i % 2]);
        let fiche = |t: &str| template.replace(line, &format!("denomination: \"{t}\""));
        fs::write(
            old.join(&dir).join(format!("action-{i}.md")),
            fiche(&title(i)),
        )
        .unwrap();
        let reworded = format!("{}, reconduit", title(i));
        fs::write(
            new.join(&dir).join(format!("fiche-{i}.md")),
            fiche(&reworded),
        )
        .unwrap();
    }
}

fn diff_json(dir: &Path) -> Value {
    let Output {
        code,
        stdout: out,
        stderr: err,
    } = run(dir, &["diff", "old", "new", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

fn fiches(v: &Value) -> Vec<Value> {
    (v["criteres"].as_array().unwrap().iter())
        .flat_map(|c| c["fiches"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn every_renamed_fiche_is_found_under_its_new_name() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    copy_dir(&root().join("tests/fixtures/valide"), &old);
    copy_dir(&old, &new);
    renamed(&old, &new, 120);
    let v = diff_json(tmp.path());
    assert_eq!(v["resume"]["fiches_renommees"], 120);
    assert_eq!(v["resume"]["fiches_ajoutees"], 0);
    assert_eq!(v["resume"]["fiches_retirees"], 0);
    for f in fiches(&v).iter().filter(|f| f["etat"] == "renommee") {
        let id = f["id"].as_str().unwrap();
        let n = id.rsplit('-').next().unwrap();
        assert!(
            f["ancien_id"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/action-{n}")),
            "{id} paired with {}",
            f["ancien_id"]
        );
    }
    let Output {
        code: _,
        stdout: term,
        stderr: _,
    } = run(tmp.path(), &["diff", "old", "new"]);
    assert!(
        term.contains("120 renommés ou déplacés"),
        "{}",
        &term[..term.len().min(600)]
    );
}

#[test]
fn a_fiche_moved_to_another_criterion_is_moved_not_removed_and_added() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    copy_dir(&root().join("tests/fixtures/valide"), &old);
    copy_dir(&old, &new);
    fs::rename(
        new.join(JOB),
        new.join("criteres/1-offre-de-formation/actions/job-dating.md"),
    )
    .unwrap();
    let v = diff_json(tmp.path());
    let f = fiches(&v);
    let moved = f
        .iter()
        .find(|f| f["id"] == "1-offre-de-formation/actions/job-dating")
        .unwrap();
    assert_eq!(moved["etat"], "deplacee");
    assert_eq!(moved["ancien_id"], "2-partenariats/actions/job-dating");
    assert!(
        !f.iter()
            .any(|f| f["etat"] == "retiree" || f["etat"] == "ajoutee")
    );
    let Output {
        code: _,
        stdout: md,
        stderr: _,
    } = run(tmp.path(), &["diff", "old", "new", "--format", "md"]);
    assert!(
        md.contains("**déplacée** (critère 2 du dossier précédent)"),
        "{md}"
    );
    let Output {
        code: _,
        stdout: html,
        stderr: _,
    } = run(
        tmp.path(),
        &["diff", "old", "new", "--format", "html", "-o", "-"],
    );
    assert!(
        html.contains("<strong>déplacée</strong></span> (critère 2 du dossier précédent)"),
        "{html}"
    );
}
