//! End-to-end tests of the verbs other than the rule checks: init, new, explain,
//! referentiel, and the example dossier.

use crate::common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every file under `dir` with its bytes, to prove nothing changed.
fn snapshot_tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn init_then_check_lists_what_remains_criterion_by_criterion() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026"])
        .success()
        .stdout_has("édition national-2026 (8 critères) : ")
        .stdout_has("fichiers créés :\n  ldm.toml\n");

    let out = run(tmp.path(), &["check", "d", "--format", "short"]);
    let out = &out.code(1).stdout;
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

    let human = run(tmp.path(), &["check", "d"]).stdout;
    for n in 1..=8 {
        assert!(
            human.contains(&format!("  critère  {n}\u{a0}: ")),
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
    run(tmp.path(), &["init", "d"])
        .code(2)
        .stderr_has("n'est pas vide")
        .stderr_has("--force");
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
    run(tmp.path(), &["init", "d", "--force"])
        .success()
        .stdout_has("conservé (existant) : criteres/4-partenariats/critere.md")
        .stdout_has("conservé (existant) : ldm.toml");
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
    run(tmp.path(), &["init", "d", "--force"])
        .success()
        .stdout_has("\u{a0}: 0 fichier créé.");
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
    run(tmp.path(), &args).success();
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
    run(tmp.path(), &["check", "d", "--format", "short"])
        .stdout_lacks("ldm.toml:5:")
        .stdout_lacks("uai-");
}

#[test]
fn academic_edition_asks_for_its_two_extra_criteria() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026"]).success();
    let toml_path = tmp.path().join("d/ldm.toml");
    let toml = fs::read_to_string(&toml_path)
        .unwrap()
        .replace("\"national-2026\"", "\"aix-marseille-2026\"");
    fs::write(&toml_path, toml).unwrap();
    let out = run(tmp.path(), &["check", "d", "--format", "short"]);
    let missing: Vec<&str> = out
        .code(1)
        .stdout
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
    run(
        tmp.path(),
        &["init", "e", "--edition", "aix-marseille-2026"],
    )
    .success();
    assert!(
        tmp.path()
            .join("e/criteres/10-vie-lyceenne/critere.md")
            .is_file()
    );
}

#[test]
fn new_adds_one_file_named_after_its_title_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026"]).success();
    let new_job_dating = [
        "new",
        "action",
        "4",
        "Job dating des métiers",
        "--dossier",
        "d",
    ];
    run(tmp.path(), &new_job_dating).success();
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
    run(tmp.path(), &new_job_dating)
        .code(2)
        .stderr_has("existe déjà");
    assert_eq!(fs::read_to_string(&file).unwrap(), "le travail de l'équipe");

    run(
        tmp.path(),
        &[
            "new",
            "engagement",
            "7",
            "Veille absentéisme",
            "--dossier",
            "d",
        ],
    )
    .success();
    let e = fs::read_to_string(
        tmp.path()
            .join("d/criteres/7-decrochage-scolaire/engagements/veille-absenteisme.md"),
    )
    .unwrap();
    assert!(e.contains("animateur:") && e.contains("periode: {debut: 2026, fin: 2031}"));
    run(
        tmp.path(),
        &["new", "action", "12", "Rien", "--dossier", "d"],
    )
    .code(2)
    .stderr_has("critère 12");
}

#[test]
fn every_rule_is_explained_in_french() {
    let list = run(Path::new("."), &["check", "--explain"]);
    let list = &list.success().stdout;
    let names: Vec<&str> = list
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.len() >= 40, "{list}");
    for name in names {
        let out = run(Path::new("."), &["check", "--explain", name]);
        let out = &out.success().stdout;
        assert!(out.starts_with(name), "{out}");
        // French prose, more than a one-liner: accented letters or French function words.
        let words = [
            " le ", " la ", " les ", " un ", " une ", " des ", " est ", " de ", " du ",
        ];
        let french = out.contains(['é', 'è', 'à', 'ê'])
            || words.iter().filter(|w| out.contains(*w)).count() >= 3;
        assert!(french && out.len() > 150, "not a French explanation? {out}");
    }
}

#[test]
fn referentiel_lists_and_details_criteria() {
    let out = run(Path::new("."), &["referentiel"]);
    out.success();
    for n in 1..=8 {
        out.stdout_has(&format!("{n:>2}. "));
    }
    out.stdout_lacks(" 9. ");
    run(Path::new("."), &["referentiel", "4"])
        .stdout_has("4.7")
        .stdout_has("EXEMPLES D'ACTIONS")
        .stdout_has("stratégie commune");
    run(
        Path::new("."),
        &["referentiel", "--edition", "aix-marseille-2026"],
    )
    .stdout_has("10. Des actions en faveur de la vie du lycéen");
}

#[test]
fn example_dossier_passes_and_output_is_deterministic() {
    let first = run(example(), &["check", "."]);
    let out = first.success().stdout_has("0 erreur").stdout.clone();
    let again = run(example(), &["check", "."]).stdout;
    assert_eq!(out, again);
    insta::assert_snapshot!("example_check", out);
    let v = run(example(), &["check", ".", "--format", "json"]).json();
    assert_eq!(v["dossiers"][0]["total"]["erreurs"], 0);
    assert_eq!(v["dossiers"][0]["criteres"].as_array().unwrap().len(), 8);
}

#[test]
fn missing_folder_and_non_dossier_exit_2_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["check", "absent"])
        .code(2)
        .stderr_has("n'existe pas");
    run(tmp.path(), &["check", "."])
        .code(2)
        .stderr_has("ldm.toml est introuvable")
        .stderr_has("ldm init");
}

#[test]
fn human_report_of_a_broken_dossier() {
    let dir = fixture("tout-en-un");
    let out = run(&dir, &["check", "."]).code(1).stdout.clone();
    insta::assert_snapshot!("tout_en_un_human", out);
    let short = run(&dir, &["check", ".", "--format", "short"]).stdout;
    insta::assert_snapshot!("tout_en_un_short", short);
}

#[test]
fn help_is_french_for_every_verb() {
    for verb in [&[][..], &["init"], &["new"], &["check"], &["referentiel"]] {
        let mut args: Vec<&str> = verb.to_vec();
        args.push("--help");
        let out = run(Path::new("."), &args);
        out.success()
            .stdout_has("Usage\u{a0}: ldm")
            .stdout_has("Afficher l'aide");
        for english in [
            "Possible values",
            "[default:",
            "Print help",
            "Print version",
        ] {
            out.stdout_lacks(english);
        }
    }
}

/// A mistyped command line: exit 2 and a French message that helps correct it.
#[test]
fn bad_arguments_exit_2_with_a_french_hint() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["chek"], &["commande inconnue « chek »", "« check »"]),
        (
            &["check", "--format", "xml"],
            &["valeurs possibles : humain, court, json"],
        ),
        (
            &["check", "--explain", "mesure-non-chifree"],
            &["vouliez-vous dire « mesure-non-chiffree »"],
        ),
        (&["referentiel", "12"], &["pas de critère 12"]),
        // The help to read is the one of the command typed, at any depth.
        (
            &["new", "action", "2", "--nom", "Visite"],
            &[
                "argument inattendu « --nom »",
                "« ldm new --help » décrit ses options",
            ],
        ),
        (
            &["audit", "render", ".", "--formt", "pdf"],
            &[
                "« --format »",
                "« ldm audit render --help » décrit ses options",
            ],
        ),
        (
            &["referentiel", "--edition", "nationale"],
            &["national-2026"],
        ),
    ];
    for (args, hints) in cases {
        let out = Ldm::new().args(*args).run();
        out.code(2);
        for hint in *hints {
            out.stderr_has(hint);
        }
    }
}

/// The files `init`, `new` and `audit init` write are French prose around YAML and TOML:
/// their comments and guidance have French typography, and the keys stay valid (the new
/// dossier still loads: `check` reports what to fill in, not a syntax error).
#[test]
fn scaffolded_files_have_french_typography_and_stay_valid() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026", "--reseau"]).success();
    let d = tmp.path().join("d");
    run(&d, &["new", "action", "4", "Un essai : premier jet"]).success();
    run(&d, &["audit", "init", "."]).success();
    let mut bad = Vec::new();
    for entry in walkdir::WalkDir::new(&d) {
        let path = entry.unwrap().into_path();
        let ext = path.extension().and_then(|e| e.to_str());
        if !matches!(ext, Some("md" | "toml")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // The school's own title keeps what was typed (`denomination`).
        let ours: String = text
            .lines()
            .filter(|l| !l.starts_with("denomination:"))
            .collect::<Vec<_>>()
            .join("\n");
        for spot in breakable_spaces(&ours) {
            bad.push(format!("{}: {spot:?}", path.display()));
        }
    }
    assert!(bad.is_empty(), "ordinary spaces:\n{}", bad.join("\n"));
    let out = run(&d, &["check", ".", "--format", "short"]);
    out.code(1).stdout_lacks("syntaxe-invalide");
    let essai =
        std::fs::read_to_string(d.join("criteres/4-partenariats/actions/un-essai-premier-jet.md"))
            .unwrap();
    assert!(
        essai.contains("denomination: \"Un essai : premier jet\""),
        "{essai}"
    );
}
