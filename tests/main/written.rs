//! Material as schools write it, and messages that point where the mistake is (issue
//! 31): criterion folders named after another edition, label periods, dashes of school
//! years, « oui », the UAI given to init, unclosed quotes and brackets, a new dossier's
//! first check on one screen.

use crate::common::*;

use serde_json::Value;

const JOB: &str = "criteres/4-partenariats/actions/job-dating.md";

/// Every finding of `ldm check --format json` on `d`, with the exit code.
fn diagnostics(d: &TempDossier) -> (i32, Vec<Value>) {
    let out = d.ldm().args(["check", ".", "--format", "json"]).run();
    let list = out.json()["dossiers"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics is a list")
        .clone();
    (out.code, list)
}

/// The findings of one rule.
fn of_rule<'a>(all: &'a [Value], rule: &str) -> Vec<&'a Value> {
    all.iter().filter(|d| d["rule"] == rule).collect()
}

/// The `reel` fixture with one text of `rel` replaced.
fn reel_edited(rel: &str, from: &str, to: &str) -> TempDossier {
    let d = TempDossier::fixture("reel");
    d.edit(rel, from, to);
    d
}

/// The findings of `rule` on `d`, whose check must fail, and all its findings.
fn failing(d: &TempDossier, rule: &str) -> (Vec<Value>, Vec<Value>) {
    let (code, all) = diagnostics(d);
    assert_eq!(code, 1, "{all:?}");
    let found = of_rule(&all, rule).into_iter().cloned().collect();
    (found, all)
}

/// An edition numbering criteria 4 and 8 otherwise than the folders (national-2026's
/// 4 « partenariats » and 8 « communication »).
const OTHER_EDITION: &str = r#"id: ancien-cahier
titre: "Ancien cahier des charges"
etend: national-2026
criteres:
  - numero: 4
    slug: validation-des-acquis
    intitule: "Validation des acquis de l'expérience"
    exigences:
      - id: "4.1"
        texte: "L'établissement accompagne la VAE."
  - numero: 8
    slug: hebergement
    intitule: "Services d'hébergement"
    exigences:
      - id: "8.1"
        texte: "L'internat accueille les apprentis."
"#;

#[test]
fn a_folder_named_after_another_criterion_is_one_finding_per_folder() {
    let d = reel_edited("ldm.toml", "\"national-2026\"", "\"ancien.yaml\"");
    d.write("ancien.yaml", OTHER_EDITION);
    let (found, _) = failing(&d, "critere-nom-different");
    let folders: Vec<&str> = found.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(
        folders,
        ["criteres/4-partenariats", "criteres/8-communication"]
    );
    assert_eq!(
        found[0]["message"],
        fr(
            "le dossier « criteres/4-partenariats » porte le numéro 4, qui est dans l'édition ancien-cahier le critère « Validation des acquis de l'expérience »"
        )
    );
    let help = found[1]["help"].as_str().unwrap();
    assert!(help.contains(&fr("« criteres/8-hebergement »")), "{help}");
    // A folder of the same criterion under a longer or singular name is not one.
    d.rename(
        "criteres/4-partenariats",
        "criteres/4-validation-des-acquis-vae",
    );
    let (_, all) = diagnostics(&d);
    assert_eq!(of_rule(&all, "critere-nom-different").len(), 1);
}

#[test]
fn a_label_period_is_the_previous_label_and_a_wrong_one_proposes_its_year() {
    // The fixture writes `precedente = "2021-2026"` and checks clean (real.rs).
    let d = reel_edited("ldm.toml", "\"2021-2026\"", "\"2021-2025\"");
    let (found, all) = failing(&d, "type-invalide");
    assert_eq!(found.len(), 1, "{all:?}");
    assert_eq!(
        (&found[0]["file"], &found[0]["line"]),
        (&"ldm.toml".into(), &16.into())
    );
    assert_eq!(
        found[0]["message"],
        fr("« 2021-2025 » ne convient pas : un label dure 5 ans, et non 4")
    );
    assert_eq!(
        found[0]["help"],
        fr("indiquez l'année où le label en cours a été obtenu, « precedente = 2021 »")
    );
}

#[test]
fn a_follow_up_year_after_the_label_names_both() {
    let d = TempDossier::fixture("reel");
    let toml = d.read("ldm.toml");
    d.write("ldm.toml", &format!("{toml}\n[suivi]\nannee = 2033\n"));
    let (code, all) = diagnostics(&d);
    assert_eq!(code, 0, "a warning only");
    let found = of_rule(&all, "suivi-hors-label");
    assert_eq!(found.len(), 1, "{all:?}");
    let line = toml.lines().count() as u64 + 3;
    assert_eq!(
        (&found[0]["line"], &found[0]["column"]),
        (&line.into(), &9.into())
    );
    assert_eq!(
        found[0]["message"],
        fr("le bilan annuel 2033 est après la fin du label 2026-2031")
    );
}

#[test]
fn init_writes_the_school_year_and_refuses_a_wrong_uai_key() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2025\u{2013}2026"]).success();
    let toml = std::fs::read_to_string(tmp.path().join("d/ldm.toml")).unwrap();
    assert!(toml.contains("\nannee = \"2025-2026\"\n"), "{toml}");
    run(tmp.path().join("d"), &["check"]).code(1);

    // 141234 mod 23 = 14: « R ».
    let out = run(tmp.path(), &["init", "e", "--uai", "0141234A"]);
    out.code(2)
        .stderr_has("la lettre de contrôle de l'UAI « 0141234A » est fausse")
        .stderr_has("pour les chiffres 0141234, la lettre est « R »");
    assert!(!tmp.path().join("e").exists(), "nothing written");
    run(tmp.path(), &["init", "f", "--uai", "0141234R"]).success();
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opened() {
    let d = reel_edited(JOB, "de la logistique\"\n", "de la logistique\n");
    let (found, all) = failing(&d, "syntaxe-invalide");
    assert_eq!(found.len(), 1, "{all:?}");
    let f = &found[0];
    assert_eq!(
        (&f["file"], &f["line"], &f["column"]),
        (&JOB.into(), &2.into(), &15.into())
    );
    assert_eq!(
        f["message"],
        fr("syntaxe YAML invalide : le guillemet ouvert ici n'est jamais fermé")
    );
    // The parser noticed it at the next quote, line 5.
    assert_eq!(f["secondary"]["line"], 5);
    assert_eq!(f["secondary"]["message"], fr("la lecture a échoué ici"));
    d.ldm()
        .args(["check", JOB])
        .run()
        .code(1)
        .stdout_has("--> criteres/4-partenariats/actions/job-dating.md:2:15")
        .stdout_has("::: criteres/4-partenariats/actions/job-dating.md:5:")
        .stdout_has("- la lecture a échoué ici");
    // The second place in the machine formats too: SARIF's related location, the
    // editor's related information (0-based lines).
    let sarif = d.ldm().args(["check", "--format", "sarif"]).run().json();
    let related = &sarif["runs"][0]["results"][0]["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 5);
    assert_eq!(related["message"]["text"], fr("la lecture a échoué ici"));
    #[cfg(feature = "lsp")]
    {
        let mut c = crate::lsp::Client::start(d);
        let text = c.dossier.read(JOB);
        c.open(JOB, &text);
        let found = c.diagnostics(JOB);
        let info = &found[0]["relatedInformation"][0];
        assert_eq!(info["location"]["range"]["start"]["line"], 4);
        assert_eq!(info["message"], fr("la lecture a échoué ici"));
        c.stop();
    }
}

#[test]
fn an_unclosed_bracket_is_reported_where_it_opened() {
    let d = reel_edited(JOB, "\"8.1\"]", "\"8.1\"");
    let (found, all) = failing(&d, "syntaxe-invalide");
    assert_eq!(found.len(), 1, "{all:?}");
    assert_eq!(
        (&found[0]["line"], &found[0]["column"]),
        (&6.into(), &12.into())
    );
    assert_eq!(
        found[0]["message"],
        fr("syntaxe YAML invalide : le crochet « [ » ouvert ici n'est jamais fermé")
    );
}

#[test]
fn the_syntax_rule_explains_its_common_causes() {
    run(root(), &["check", "--explain", "syntaxe-invalide"])
        .success()
        .stdout_has("un guillemet ouvert et jamais fermé")
        .stdout_has("un crochet « [ » ou une accolade « { » non fermé")
        .stdout_has("Corrigez à l'endroit indiqué en premier");
}

#[test]
fn a_coordinator_written_nc_is_one_finding() {
    let d = TempDossier::fixture("reel");
    let critere = "criteres/4-partenariats/critere.md";
    let text = d.read(critere);
    let start = text.find("coordonnateur:").expect("a coordinator");
    let end = start + text[start..].find("\nmembres:").expect("members follow");
    d.write(
        critere,
        &format!("{}coordonnateur: NC{}", &text[..start], &text[end..]),
    );
    let (_, all) = diagnostics(&d);
    let found: Vec<&Value> = all.iter().filter(|f| f["file"] == critere).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["rule"], "type-invalide");
}

#[test]
fn a_whole_file_finding_quotes_no_front_matter_line() {
    let d = TempDossier::fixture("reel");
    let dir = "criteres/4-partenariats";
    d.edit(
        format!("{dir}/actions/immersion-professeurs-et-intervenants-professionnels.md"),
        "exigences: [\"4.4\", \"4.1\"]",
        "exigences: [\"4.1\"]",
    );
    d.edit(
        format!("{dir}/engagements/tableau-de-bord-bureau-des-entreprises.md"),
        "exigences: [\"4.3\", \"4.1\", \"4.4\"]",
        "exigences: [\"4.3\", \"4.1\"]",
    );
    d.ldm()
        .args(["check", dir])
        .run()
        .stdout_has("exigence 4.4 non couverte")
        .stdout_has("= fichier : criteres/4-partenariats/critere.md\n")
        .stdout_lacks("1 | ---");
}

#[test]
fn a_new_dossier_first_check_fits_a_screen_and_names_the_starters() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026"])
        .success()
        .stdout_has("Fiches de départ (16) : actions/premiere-action.md et engagements/premier-engagement.md dans chaque critère");
    let dir = tmp.path().join("d");
    let out = run(&dir, &["check"]);
    out.code(1)
        .stdout_has("Par où commencer")
        .stdout_has("« ldm check --tout »")
        .stdout_has("  ldm.toml:6 : 4 erreurs — d'abord : « À compléter » dans le champ « nom »")
        .stdout_has("  criteres/4-partenariats/critere.md:6 : ");
    let lines = out.stdout.lines().count();
    assert!(lines <= 60, "{lines} lines:\n{}", out.stdout);
    let all = run(&dir, &["check", "--tout"]);
    assert!(
        all.stdout.lines().count() > 300,
        "--tout shows every excerpt"
    );
    // One criterion asked for is shown in full.
    run(&dir, &["check", "--critere", "4"]).stdout_lacks("Par où commencer");

    run(&dir, &["new", "action", "4", "Job dating"])
        .success()
        .stdout_has("rappel : la fiche de départ criteres/4-partenariats/actions/premiere-action.md est toujours là");
}
