//! `ldm diff`: folders and git revisions, renames, engagements kept or dropped.

use crate::common::*;

use serde_json::Value;
use std::fs;
use std::path::Path;

const ENG: &str =
    "criteres/1-offre-de-formation/engagements/mention-complementaire-aeronautique.md";
const JOB: &str = "criteres/2-partenariats/actions/job-dating.md";

/// The renewal of the `valide` fixture: the job dating file renamed, the engagement of
/// criterion 1 carried out as an action (found by `suite_de` or, without it, by its title).
fn renewal(dir: &Path, with_suite_de: bool) {
    fs::rename(
        dir.join(JOB),
        dir.join("criteres/2-partenariats/actions/job-dating-annuel.md"),
    )
    .unwrap();
    let eng = fs::read_to_string(dir.join(ENG)).unwrap();
    let suite = if with_suite_de {
        "suite_de: \"1-offre-de-formation/engagements/mention-complementaire-aeronautique\"\n"
    } else {
        ""
    };
    let action = eng
        .replace(
            "denomination: \"Ouvrir une mention complémentaire aéronautique\"",
            "denomination: \"Ouverture d'une mention complémentaire aéronautique\"",
        )
        .replace(
            "animateur: {nom: \"Benali\", prenom: \"Karim\", fonction: \"DDFPT\"}\n",
            &format!("perenne: true\n{suite}"),
        );
    fs::write(
        dir.join("criteres/1-offre-de-formation/actions/mention-complementaire.md"),
        action,
    )
    .unwrap();
    fs::remove_file(dir.join(ENG)).unwrap();
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    run(dir, &all).success().json()
}

fn fiches(v: &Value) -> Vec<Value> {
    v["criteres"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["fiches"].as_array().unwrap().clone())
        .collect()
}

fn devenirs(v: &Value) -> Vec<Value> {
    v["criteres"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["engagements"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn a_dossier_diffed_with_itself_has_no_difference() {
    let ex = example();
    run(&ex, &["diff", ".", "."])
        .success()
        .stdout_has("Aucune différence entre les deux dossiers.");
    let v = json(&ex, &[".", "."]);
    assert!(fiches(&v).iter().all(|f| f["etat"] == "identique"));
}

#[test]
fn renamed_file_and_engagements_carried_out() {
    for with_suite_de in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
        copy_dir(&fixture("valide"), &old);
        copy_dir(&old, &new);
        renewal(&new, with_suite_de);
        let v = json(tmp.path(), &["old", "new"]);
        let f = fiches(&v);
        let job = f
            .iter()
            .find(|f| f["id"] == "2-partenariats/actions/job-dating-annuel")
            .unwrap();
        assert_eq!(
            job["etat"], "renommee",
            "a rename, not a removal and an addition"
        );
        assert_eq!(job["ancien_id"], "2-partenariats/actions/job-dating");
        assert!(
            !f.iter()
                .any(|f| f["etat"] == "retiree" && f["id"] == "2-partenariats/actions/job-dating")
        );
        let d = devenirs(&v);
        let eng = d
            .iter()
            .find(|e| {
                e["engagement"]
                    == "1-offre-de-formation/engagements/mention-complementaire-aeronautique"
            })
            .unwrap();
        assert_eq!(eng["devenir"], "tenu");
        assert_eq!(
            eng["suite"],
            "1-offre-de-formation/actions/mention-complementaire"
        );
        assert_eq!(
            eng["par"],
            if with_suite_de {
                "suite_de"
            } else {
                "similarite"
            }
        );
        // The other engagement is still one: reconduit.
        let other = d
            .iter()
            .find(|e| e["engagement"] == "2-partenariats/engagements/bureau-des-entreprises")
            .unwrap();
        assert_eq!(other["devenir"], "reconduit");
    }
}

#[test]
fn prose_changes_are_word_diffs_and_measures_are_compared() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    copy_dir(&fixture("valide"), &old);
    copy_dir(&old, &new);
    let p = new.join("criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md");
    edit(
        &p,
        "mesures: {2023: 22, 2026: 35}",
        "mesures: {2023: 22, 2025: 30, 2026: 35}",
    );
    edit(
        &p,
        "le dispositif réunit les élèves",
        "le dispositif rassemble les élèves",
    );
    run(tmp.path(), &["diff", "old", "new"])
        .stdout_has("[-réunit-]{+rassemble+}")
        .stdout_has("2023 : 22 %, 2026 : 35 % → 2023 : 22 %, 2025 : 30 %, 2026 : 35 %");
    let md = run(tmp.path(), &["diff", "old", "new", "--format", "md"]).stdout;
    assert!(
        md.contains("~~réunit~~**rassemble**") || md.contains("~~réunit~~ **rassemble**"),
        "{md}"
    );
}

#[test]
fn git_revisions_give_the_same_result_as_folders_and_touch_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("depot");
    let d = repo.join("dossier");
    copy_dir(&fixture("valide"), &d);
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "label 2021"]);
    git(&repo, &["tag", "v2021"]);
    renewal(&d, true);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "renouvellement"]);
    // An uncommitted edit, to show the working tree is read as it is and left alone.
    edit(
        &d.join("criteres/2-partenariats/critere.md"),
        "Construire avec",
        "Construire ensemble avec",
    );
    let status_before = git(&repo, &["status", "--porcelain"]);
    let index_before = fs::read(repo.join(".git/index")).unwrap();

    let by_git = json(&d, &["--git", "v2021", "HEAD"]);
    // The same two states as folders.
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    copy_dir(&fixture("valide"), &old);
    copy_dir(&old, &new);
    renewal(&new, true);
    let by_folders = json(tmp.path(), &["old", "new"]);
    let strip = |mut v: Value| {
        v["ancien"]["source"] = Value::Null;
        v["nouveau"]["source"] = Value::Null;
        v
    };
    assert_eq!(strip(by_git.clone()), strip(by_folders));
    assert_eq!(by_git["ancien"]["source"], "v2021 (git)");

    // One revision: compared with the files as they are now.
    let now = json(&d, &["--git", "HEAD"]);
    assert_eq!(now["nouveau"]["source"], "fichiers actuels");
    assert!(fiches(&now).iter().all(|f| f["etat"] == "identique"));
    assert_eq!(now["resume"]["fiches_modifiees"], 0);

    assert_eq!(
        git(&repo, &["status", "--porcelain"]),
        status_before,
        "working tree changed"
    );
    assert_eq!(
        fs::read(repo.join(".git/index")).unwrap(),
        index_before,
        "index changed"
    );
}

#[test]
fn bad_inputs_exit_2_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("depot");
    copy_dir(&fixture("valide"), &repo.join("dossier"));
    git(&repo, &["init", "-q"]);
    fs::write(repo.join("LISEZMOI.md"), "dépôt\n").unwrap();
    git(&repo, &["add", "LISEZMOI.md"]);
    git(&repo, &["commit", "-q", "-m", "avant le dossier"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "dossier"]);
    let d = repo.join("dossier");
    let cases: &[(&[&str], &str)] = &[
        (&["diff", "--git", "v1999"], "révision inconnue « v1999 »"),
        (
            &["diff", "--git", "HEAD~1"],
            "n'existe pas à la révision « HEAD~1 »",
        ),
        (&["diff", ".", "../.."], "n'est pas un dossier ldm"),
        (&["diff", ".", "absent"], "n'existe pas"),
        (&["diff", "."], "indiquez deux dossiers"),
    ];
    for (args, want) in cases {
        run(&d, args).code(2).stderr_has(want);
    }
    run(tmp.path(), &["diff", "--git", "HEAD"])
        .code(2)
        .stderr_has("n'est pas dans un dépôt git");
}

#[test]
fn snapshots_of_the_example_renewal() {
    let ex = root().join("examples");
    let args = ["diff", "lycee-marie-marvingt-2021", "lycee-marie-marvingt"];
    let md = run(&ex, &[&args[..], &["--format", "md"]].concat());
    insta::assert_snapshot!("diff_example_md", &md.success().stdout);
    let js = run(&ex, &[&args[..], &["--format", "json"]].concat());
    insta::assert_snapshot!("diff_example_json", &js.stdout);
    let v = js.json();
    // The story of the example: the edition grew a criterion; engagements were kept.
    assert_eq!(v["resume"]["criteres_ajoutes"], 1);
    assert_eq!(v["resume"]["engagements_tenus"], 10);
    assert_eq!(v["resume"]["engagements_abandonnes"], 2);
    assert_eq!(
        fiches(&v)
            .iter()
            .filter(|f| f["etat"] == "renommee")
            .count(),
        1
    );
    run(&ex, &[&args[..], &["--format", "html", "-o", "-"]].concat())
        // Deleted words struck through, inserted ones in bold, as in the Markdown form.
        .stdout_has("<del>De novembre à avril, selon les demandes des collèges\u{202f}; ")
        .stdout_has("<strong>Septembre\u{a0}: envoi du catalogue aux collèges.")
        .stdout_lacks("<script");
}

#[test]
fn the_renewal_speaks_to_auditors() {
    let ex = root().join("examples");
    let args = ["diff", "lycee-marie-marvingt-2021", "lycee-marie-marvingt"];
    for format in ["md", "html"] {
        let out = run(&ex, &[&args[..], &["--format", format, "-o", "-"]].concat());
        // The HTML escapes the dossier's apostrophes, not the template's.
        let text = &out.success().stdout.replace("&#x27;", "'");
        // Titles, not files; no YAML field names; real plurals.
        for unwanted in ["/actions/", "/engagements/", "suite_de", "(s)", "équipe « "] {
            assert!(
                !text.contains(unwanted),
                "{format}: « {unwanted} » is shown"
            );
        }
        for wanted in [
            "réalise l'engagement « Créer un comité annuel de l'offre de formation",
            "1 ajouté",
            "27 ajoutés",
            "équipe du critère 7 « La mise en place et le suivi d'actions pour prévenir le décrochage scolaire",
        ] {
            let wanted = ldm::typo::french(wanted);
            assert!(text.contains(&wanted), "{format}: « {wanted} » is missing");
        }
    }
    // A bulleted list changed word by word is still a list: one sub-item per line.
    run(&ex, &[&args[..], &["--format", "md"]].concat())
        .stdout_has(&ldm::typo::french(
            "- Moyens engagés : \n\n  - ~~des professeurs",
        ))
        .stdout_lacks("à la charge des collèges.~~**");
}
