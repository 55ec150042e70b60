//! A teacher's loop (issue 11): the check of one criterion or one file from anywhere
//! inside the dossier, the académie's one-line-per-dossier view, `init` that never adds
//! to finished work, messages a teacher can act on.

use crate::common::*;

/// A fresh `ldm init` dossier in a temporary folder.
fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026"]).success();
    let d = tmp.path().join("d");
    (tmp, d)
}

fn critere_dir(d: &std::path::Path, n: u32) -> std::path::PathBuf {
    std::fs::read_dir(d.join("criteres"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&format!("{n}-"))
        })
        .unwrap()
}

#[test]
fn check_of_one_criterion_from_inside_its_folder() {
    let (_tmp, d) = fresh();
    let five = critere_dir(&d, 5);
    let out = run(&five, &["check", "--critere", "5"]);
    let out = out.code(1);
    let lines = out.stdout.lines().count();
    // Paths open from where the teacher is: the dossier is two folders up.
    out.stdout_has("../../criteres/5-")
        .stdout_lacks("criteres/4-")
        .stdout_lacks("critère  4 :")
        .stdout_has("critère  5 :")
        .stdout_has("hors champ : ");
    let whole = run(&d, &["check"]).stdout;
    assert!(whole.lines().count() > lines, "the scope hides nothing");
}

#[test]
fn check_of_one_file_shows_its_findings_only() {
    let (tmp, d) = fresh();
    let five = critere_dir(&d, 5);
    let fiche = five.join("actions/premiere-action.md");
    assert!(fiche.is_file());
    let rel = fiche.strip_prefix(tmp.path()).unwrap();
    let out = run(
        tmp.path(),
        &["check", "--format", "short", rel.to_str().unwrap()],
    );
    out.code(1);
    assert!(!out.stdout.is_empty(), "{out}");
    for line in out.stdout.lines() {
        assert!(
            line.starts_with(rel.to_str().unwrap()),
            "out of scope: {line}"
        );
    }
}

#[test]
fn a_scope_without_finding_passes() {
    let d = TempDossier::copy(&example(), "ex");
    run(d.path(), &["check", "--critere", "3"])
        .success()
        .stdout_has("critère  3 :")
        .stdout_lacks("critère  4 :");
}

#[test]
fn a_folder_outside_any_dossier_is_still_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["check"]);
    out.code(2);
}

#[test]
fn every_verb_finds_the_dossier_upward() {
    let d = TempDossier::copy(&example(), "ex");
    let inner = d.join("criteres/5-actions-culturelles");
    run(&inner, &["progress", "--format", "json"]).success();
    run(&inner, &["new", "action", "5", "Atelier théâtre"])
        .success()
        .stdout_has("atelier-theatre.md");
    assert!(inner.join("actions/atelier-theatre.md").is_file());
}

#[test]
fn resume_is_one_line_per_dossier_and_a_total() {
    let root = root();
    let out = run(
        &root,
        &[
            "check",
            "--format",
            "resume",
            "examples/lycee-marie-marvingt",
            "examples/lycee-marie-marvingt-2021",
        ],
    );
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("examples/lycee-marie-marvingt · "),
        "{out}"
    );
    assert!(lines[0].contains("UAI "), "{out}");
    assert!(lines[0].contains("exigences couvertes "), "{out}");
    assert!(lines[2].starts_with("total : 2 dossiers"), "{out}");
    insta::assert_snapshot!("resume_two_examples", out.stdout);
}

#[test]
fn init_ci_on_a_finished_dossier_adds_only_the_ci_file_and_the_schemas() {
    let d = TempDossier::copy(&example(), "ex");
    let before: Vec<_> = walkdir::WalkDir::new(d.path())
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .collect();
    let out = run(d.path(), &["init", ".", "--force", "--ci", "gitlab"]);
    out.success().stdout_has("fichiers créés :\n  ");
    let added: Vec<String> = walkdir::WalkDir::new(d.path())
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .filter(|p| p.is_file() && !before.contains(p))
        .map(|p| {
            p.strip_prefix(d.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(added.contains(&".gitlab-ci.yml".to_string()), "{added:?}");
    for f in &added {
        assert!(
            f == ".gitlab-ci.yml" || f.starts_with(".ldm/schema/"),
            "added {f}"
        );
        assert!(
            out.stdout.contains(&format!("\n  {f}")),
            "unnamed {f}:\n{out}"
        );
    }
    run(d.path(), &["check"]).success();
}

#[test]
fn init_force_never_adds_fiches_to_a_criterion_that_has_some() {
    let d = TempDossier::copy(&example(), "ex");
    std::fs::remove_dir_all(d.join("criteres/3-parcours-adaptes")).unwrap();
    run(d.path(), &["init", ".", "--force"]).success();
    assert!(
        !d.join("criteres/4-partenariats/actions/premiere-action.md")
            .exists()
    );
    assert!(!d.join("README.md").exists());
    assert!(
        d.join("criteres/3-parcours-adaptes/actions/premiere-action.md")
            .is_file()
    );
}

#[test]
fn new_in_a_criterion_the_edition_lacks_says_so() {
    let d = TempDossier::copy(&example(), "ex");
    run(d.path(), &["new", "action", "9", "Atelier"])
        .code(2)
        .stderr_has("le critère 9 n'existe pas dans l'édition national-2026 (critères 1 à 8)")
        .stderr_has("ldm referentiel");
}

#[test]
fn progress_refuses_a_year_outside_the_campaign() {
    let d = TempDossier::copy(&example(), "ex");
    run(d.path(), &["progress", "--annee", "1990"])
        .code(2)
        .stderr_has("l'année 1990 est hors de la campagne");
}

#[test]
fn bare_ldm_prints_the_help_and_help_verb_works() {
    let out = run(root(), &[]);
    out.code(2)
        .stderr_has("Commandes\u{a0}:")
        .stderr_has("check");
    let check = run(root(), &["help", "check"]);
    check
        .success()
        .stdout_has("Usage : ldm check")
        .stdout_has("--critere");
    let args = check.stdout.find("Arguments\u{a0}:").unwrap();
    let opts = check.stdout.find("Options\u{a0}:").unwrap();
    assert!(args < opts, "{check}");
    run(root(), &["aide", "format"])
        .success()
        .stdout_has("# Le format du dossier");
    run(root(), &["aide", "chek"])
        .code(2)
        .stderr_has("vouliez-vous dire « check »");
}

#[test]
fn placeholders_are_french() {
    let init = run(root(), &["init", "--help"]);
    init.success().stdout_has("--type <TYPE>");
    run(root(), &["completions", "--help"])
        .success()
        .stdout_has("<INTERPRETEUR>")
        .stdout_lacks("SHELL");
}
