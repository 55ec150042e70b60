//! End-to-end tests of the verbs other than the rule checks: init, new, explain,
//! referentiel, and the example dossier.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn ldm() -> Command {
    let mut c = Command::cargo_bin("ldm").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// Runs ldm in `dir`; returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = ldm().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Every file under `dir` with its bytes, to prove nothing changed.
fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lycee-marie-marvingt")
}

#[test]
fn init_then_check_lists_what_remains_criterion_by_criterion() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, _) = run(tmp.path(), &["init", "d", "--annee", "2026"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("fichiers créés pour l'édition national-2026 (8 critères)"),
        "{out}"
    );

    let (code, out, _) = run(tmp.path(), &["check", "d", "--format", "short"]);
    assert_eq!(code, 1);
    // Each item is located file:line:column, and the criteria come in order.
    let mut last_critere = 0;
    for line in out.lines() {
        let (place, _) = line.split_once(": ").unwrap();
        let parts: Vec<&str> = place.split(':').collect();
        assert!(
            parts.len() == 3 || place.starts_with("d/preuves"),
            "unlocated: {line}"
        );
        if let Some(rest) = place.strip_prefix("d/criteres/") {
            let n: u32 = rest.split('-').next().unwrap().parse().unwrap();
            assert!(n >= last_critere, "criteria out of order at {line}");
            last_critere = n;
        }
    }
    assert_eq!(last_critere, 8);
    assert!(
        out.contains("d/criteres/4-partenariats/actions/premiere-action.md:"),
        "{out}"
    );
    insta::assert_snapshot!("init_check_short", out);

    let (_, human, _) = run(tmp.path(), &["check", "d"]);
    for n in 1..=8 {
        assert!(
            human.contains(&format!("  critère  {n} : ")),
            "summary lacks criterion {n}"
        );
    }
    assert!(human.contains("à reprendre avant le dépôt"));
}

#[test]
fn init_refuses_a_folder_that_holds_a_file_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("notes.txt"), "brouillon de l'équipe\n").unwrap();
    let before = snapshot_tree(&d);
    let (code, _, err) = run(tmp.path(), &["init", "d"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("n'est pas vide") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(snapshot_tree(&d), before);
}

#[test]
fn init_force_adds_missing_files_and_keeps_existing_ones_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    fs::create_dir_all(d.join("criteres/4-partenariats")).unwrap();
    let mine = "---\ncoordonnateur: {nom: Roux, prenom: Léa, fonction: DDFPT}\n---\n\n# État des lieux\n\nNotre texte.\r\n";
    fs::write(d.join("criteres/4-partenariats/critere.md"), mine).unwrap();
    fs::write(d.join("ldm.toml"), "# le nôtre\n").unwrap();
    let (code, out, _) = run(tmp.path(), &["init", "d", "--force"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("conservé (existant) : criteres/4-partenariats/critere.md"),
        "{out}"
    );
    assert!(out.contains("conservé (existant) : ldm.toml"), "{out}");
    assert_eq!(
        fs::read_to_string(d.join("criteres/4-partenariats/critere.md")).unwrap(),
        mine
    );
    assert_eq!(
        fs::read_to_string(d.join("ldm.toml")).unwrap(),
        "# le nôtre\n"
    );
    assert!(
        d.join("criteres/4-partenariats/actions/premiere-action.md")
            .is_file()
    );
    assert!(d.join("criteres/1-offre-de-formation/critere.md").is_file());
    // A second run adds nothing.
    let before = snapshot_tree(&d);
    let (code, out, _) = run(tmp.path(), &["init", "d", "--force"]);
    assert_eq!(code, 0);
    assert!(out.contains(": 0 fichiers créés"), "{out}");
    assert_eq!(snapshot_tree(&d), before);
}

#[test]
fn init_writes_the_identity_given_and_a_renewal_gets_its_previous_year() {
    let tmp = tempfile::tempdir().unwrap();
    let args = [
        "init",
        "d",
        "--etablissement",
        "Lycée \"Jean\" Prouvé",
        "--uai",
        "0271234V",
        "--academie",
        "Normandie",
        "--nature",
        "renouvellement",
        "--annee",
        "2026",
        "--type",
        "LPO",
    ];
    assert_eq!(run(tmp.path(), &args).0, 0);
    let toml = fs::read_to_string(tmp.path().join("d/ldm.toml")).unwrap();
    for want in [
        r#"nom = "Lycée \"Jean\" Prouvé""#,
        r#"uai = "0271234V""#,
        "annee = 2026",
        "precedente = 2021",
        r#"type = "LPO""#,
    ] {
        assert!(toml.contains(want), "{want} missing in:\n{toml}");
    }
    let (_, out, _) = run(tmp.path(), &["check", "d", "--format", "short"]);
    assert!(
        !out.contains("ldm.toml:5:") && !out.contains("uai-"),
        "{out}"
    );
}

#[test]
fn academic_edition_asks_for_its_two_extra_criteria() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(run(tmp.path(), &["init", "d", "--annee", "2026"]).0, 0);
    let toml_path = tmp.path().join("d/ldm.toml");
    let toml = fs::read_to_string(&toml_path)
        .unwrap()
        .replace("\"national-2026\"", "\"aix-marseille-2026\"");
    fs::write(&toml_path, toml).unwrap();
    let (code, out, _) = run(tmp.path(), &["check", "d", "--format", "short"]);
    assert_eq!(code, 1);
    let missing: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[critere-manquant]"))
        .collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing[0].contains("critère 9") && missing[0].contains("développement durable"));
    assert!(missing[1].contains("critère 10") && missing[1].contains("vie du lycéen"));
    assert!(
        missing.iter().all(|l| l.starts_with("d/ldm.toml:")),
        "{missing:?}"
    );

    // And a dossier created for that edition has the ten folders.
    assert_eq!(
        run(
            tmp.path(),
            &["init", "e", "--edition", "aix-marseille-2026"]
        )
        .0,
        0
    );
    assert!(
        tmp.path()
            .join("e/criteres/10-vie-lyceenne/critere.md")
            .is_file()
    );
}

#[test]
fn new_adds_one_file_named_after_its_title_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(run(tmp.path(), &["init", "d", "--annee", "2026"]).0, 0);
    let new_job_dating = [
        "new",
        "action",
        "4",
        "Job dating des métiers",
        "--dossier",
        "d",
    ];
    let (code, out, _) = run(tmp.path(), &new_job_dating);
    assert_eq!(code, 0, "{out}");
    let file = tmp
        .path()
        .join("d/criteres/4-partenariats/actions/job-dating-des-metiers.md");
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("denomination: \"Job dating des métiers\""),
        "{text}"
    );
    assert!(text.contains("periode: {debut: 2023, fin: 2026}"), "{text}");
    fs::write(&file, "le travail de l'équipe").unwrap();
    let (code, _, err) = run(tmp.path(), &new_job_dating);
    assert_eq!(code, 2);
    assert!(err.contains("existe déjà"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "le travail de l'équipe");

    let (code, _, _) = run(
        tmp.path(),
        &[
            "new",
            "engagement",
            "7",
            "Veille absentéisme",
            "--dossier",
            "d",
        ],
    );
    assert_eq!(code, 0);
    let e = fs::read_to_string(
        tmp.path()
            .join("d/criteres/7-decrochage-scolaire/engagements/veille-absenteisme.md"),
    )
    .unwrap();
    assert!(e.contains("animateur:") && e.contains("periode: {debut: 2026, fin: 2031}"));
    let (code, _, err) = run(
        tmp.path(),
        &["new", "action", "12", "Rien", "--dossier", "d"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("critère 12"), "{err}");
}

#[test]
fn every_rule_is_explained_in_french() {
    let (code, list, _) = run(Path::new("."), &["check", "--explain"]);
    assert_eq!(code, 0);
    let names: Vec<&str> = list
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.len() >= 40, "{list}");
    for name in names {
        let (code, out, _) = run(Path::new("."), &["check", "--explain", name]);
        assert_eq!(code, 0, "{name}");
        assert!(out.starts_with(name), "{out}");
        // French prose, more than a one-liner: accented letters or French function words.
        let words = [
            " le ", " la ", " les ", " un ", " une ", " des ", " est ", " de ", " du ",
        ];
        let french = out.contains(['é', 'è', 'à', 'ê'])
            || words.iter().filter(|w| out.contains(*w)).count() >= 3;
        assert!(french && out.len() > 150, "not a French explanation? {out}");
    }
    let (code, _, err) = run(
        Path::new("."),
        &["check", "--explain", "mesure-non-chifree"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("vouliez-vous dire « mesure-non-chiffree »"),
        "{err}"
    );
}

#[test]
fn referentiel_lists_and_details_criteria() {
    let (code, out, _) = run(Path::new("."), &["referentiel"]);
    assert_eq!(code, 0);
    for n in 1..=8 {
        assert!(out.contains(&format!("{n:>2}. ")), "criterion {n} missing");
    }
    assert!(!out.contains(" 9. "));
    let (_, out, _) = run(Path::new("."), &["referentiel", "4"]);
    assert!(
        out.contains("4.7")
            && out.contains("EXEMPLES D'ACTIONS")
            && out.contains("stratégie commune"),
        "{out}"
    );
    let (_, out, _) = run(
        Path::new("."),
        &["referentiel", "--edition", "aix-marseille-2026"],
    );
    assert!(
        out.contains("10. Des actions en faveur de la vie du lycéen"),
        "{out}"
    );
    let (code, _, err) = run(Path::new("."), &["referentiel", "12"]);
    assert_eq!(code, 2);
    assert!(err.contains("pas de critère 12"));
    let (code, _, err) = run(Path::new("."), &["referentiel", "--edition", "nationale"]);
    assert_eq!(code, 2);
    assert!(err.contains("national-2026"), "{err}");
}

#[test]
fn example_dossier_passes_and_output_is_deterministic() {
    let (code, out, _) = run(&example(), &["check", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 erreur"), "{out}");
    let (_, again, _) = run(&example(), &["check", "."]);
    assert_eq!(out, again);
    insta::assert_snapshot!("example_check", out);
    let (_, json, _) = run(&example(), &["check", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["dossiers"][0]["total"]["erreurs"], 0);
    assert_eq!(v["dossiers"][0]["criteres"].as_array().unwrap().len(), 8);
}

#[test]
fn missing_folder_and_non_dossier_exit_2_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = run(tmp.path(), &["check", "absent"]);
    assert_eq!(code, 2);
    assert!(err.contains("n'existe pas"), "{err}");
    let (code, _, err) = run(tmp.path(), &["check", "."]);
    assert_eq!(code, 2);
    assert!(
        err.contains("ldm.toml est introuvable") && err.contains("ldm init"),
        "{err}"
    );
}

#[test]
fn human_report_of_a_broken_dossier() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tout-en-un");
    let (code, out, _) = run(&dir, &["check", "."]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("tout_en_un_human", out);
    let (_, short, _) = run(&dir, &["check", ".", "--format", "short"]);
    insta::assert_snapshot!("tout_en_un_short", short);
}

#[test]
fn help_is_french_for_every_verb() {
    for verb in [&[][..], &["init"], &["new"], &["check"], &["referentiel"]] {
        let mut args: Vec<&str> = verb.to_vec();
        args.push("--help");
        let (code, out, _) = run(Path::new("."), &args);
        assert_eq!(code, 0, "{args:?}");
        assert!(
            out.contains("Usage : ldm") && out.contains("Afficher l'aide"),
            "{out}"
        );
        for english in [
            "Possible values",
            "[default:",
            "Print help",
            "Print version",
        ] {
            assert!(
                !out.contains(english),
                "{english} in help of {args:?}:\n{out}"
            );
        }
    }
    let (code, _, err) = run(Path::new("."), &["chek"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("commande inconnue « chek »") && err.contains("« check »"),
        "{err}"
    );
    let (code, _, err) = run(Path::new("."), &["check", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("valeurs possibles : human, short, json"),
        "{err}"
    );
}
