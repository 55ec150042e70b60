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
        .stdout_lacks("critère  4\u{a0}:")
        .stdout_has("critère  5\u{a0}:")
        .stdout_has("hors champ\u{a0}: ");
    let whole = run(&d, &["check", "--tout"]).stdout;
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
        .stdout_has("critère  3\u{a0}:")
        .stdout_lacks("critère  4\u{a0}:");
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
    assert!(lines[2].starts_with("total\u{a0}: 2 dossiers"), "{out}");
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
        .stdout_has("Usage\u{a0}: ldm check")
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

/// Words clap writes in English when a text or heading is not given in French.
const ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "<COMMAND>",
    "Print ",
    "help information",
    "possible values",
    "default:",
    "[aliases",
    "[env:",
    "Subcommands",
    " the ",
    " of ",
];

#[test]
fn every_verb_helps_in_french() {
    let bare = run(root(), &[]);
    let mut shown = format!("$ ldm\n{}\n", bare.code(2).stderr);
    let verbs = [
        "init",
        "new",
        "import",
        "check",
        "progress",
        "diff",
        "render",
        "serve",
        "referentiel",
        "schema",
        "completions",
        "aide",
    ];
    for verb in verbs {
        let out = run(root(), &[verb, "--help"]);
        let out = out.success();
        shown.push_str(&format!("$ ldm {verb} --help\n{}\n", out.stdout));
    }
    for line in shown.lines() {
        for word in ENGLISH {
            assert!(!line.contains(word), "English « {word} » left in: {line}");
        }
        // French typography: a no-break space before every « : » of a heading.
        for heading in ["Usage :", "Options :", "Arguments :", "Commandes :"] {
            assert!(!line.contains(heading), "ordinary space in: {line}");
        }
    }
    insta::assert_snapshot!("help_of_every_verb", shown);
}

const JOB: &str = "criteres/2-partenariats/actions/job-dating.md";

/// The findings of `ldm check --format short` on a fixture, one line each.
fn short(d: &TempDossier) -> (i32, Vec<String>) {
    let out = d.ldm().args(["check", ".", "--format", "short"]).run();
    (out.code, out.stdout.lines().map(str::to_string).collect())
}

#[test]
fn a_toml_text_without_quotes_asks_for_quotes() {
    let d = TempDossier::fixture("valide");
    d.edit("ldm.toml", "uai = \"0131234W\"", "uai = 0131234W");
    let (code, lines) = short(&d);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with(&fr("ldm.toml:5:7: erreur[syntaxe-invalide]\u{a0}: ")),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains(&fr(
            "le texte « 0131234W » de « uai » n'est pas entre guillemets"
        )),
        "{}",
        lines[0]
    );
    let human = d.ldm().args(["check", "."]).run().stdout;
    assert!(
        human.contains(&fr(
            "= aide\u{a0}: ajoutez des guillemets droits : « uai = \"0131234W\" »"
        )),
        "{human}"
    );
}

#[test]
fn a_misspelled_section_title_gets_a_suggestion() {
    let d = TempDossier::fixture("valide");
    d.edit(JOB, "# Points forts", "# Points fort");
    let (code, lines) = short(&d);
    assert_eq!(code, 1);
    assert_eq!(
        lines,
        [fr(&format!(
            "{JOB}:44:1: erreur[section-manquante]\u{a0}: section « Points forts » absente"
        ))]
    );
    d.ldm()
        .args(["check", "."])
        .run()
        .stdout_has("= aide\u{a0}: vouliez-vous dire « # Points forts » ? Le titre « # Points fort » n'est pas reconnu");
}

#[test]
fn an_unclosed_front_matter_is_one_finding() {
    let d = TempDossier::fixture("valide");
    let text = d
        .read(JOB)
        .replacen("---\n\n# Description", "\n# Description", 1);
    let text = text.replacen(
        "---\n",
        "---\n# yaml-language-server: $schema=../../../.ldm/schema/action.schema.json\n",
        1,
    );
    d.write(JOB, &text);
    let (code, lines) = short(&d);
    assert_eq!(code, 1);
    let here: Vec<&String> = lines.iter().filter(|l| l.starts_with(JOB)).collect();
    assert_eq!(here.len(), 1, "{lines:#?}");
    assert!(
        here[0].contains(&fr("l'en-tête YAML ouvert par « --- » n'est jamais fermé")),
        "{}",
        here[0]
    );
    assert!(
        lines.iter().all(|l| !l.contains("inattendue")),
        "{lines:#?}"
    );
}

#[test]
fn a_missing_option_value_and_an_unwritable_folder_are_told_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(tmp.path(), &["init", "d", "--uai"]);
    out.code(2)
        .stderr_has("erreur\u{a0}: valeur manquante pour --uai <UAI>");
    let out = run(tmp.path(), &["init", "/proc/ldm-essai"]);
    out.code(2).stderr_has("erreur\u{a0}: ");
    for english in ["os error", "Permission denied", "No such file", "Read-only"] {
        assert!(!out.stderr.contains(english), "{out}");
    }
}

/// Every indicator of a `progress --format json` report.
fn indicators(v: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for c in v["criteres"].as_array().unwrap() {
        for f in c["fiches"].as_array().unwrap() {
            for o in f["objectifs"].as_array().unwrap() {
                out.extend(o["indicateurs"].as_array().unwrap().iter().cloned());
            }
        }
    }
    out
}

#[test]
fn progress_states_the_near_band_and_averages_over_the_measurable() {
    let v = run(example(), &["progress", ".", "--format", "json"])
        .success()
        .json();
    let inds = indicators(&v);
    let near: Vec<f64> = inds
        .iter()
        .filter(|i| i["statut"] == "proche-de-la-cible")
        .map(|i| i["progression"].as_f64().unwrap())
        .collect();
    assert!(
        !near.is_empty(),
        "the example has an indicator at 94 % of its target"
    );
    assert!(near.iter().all(|p| (0.9..1.0).contains(p)), "{near:?}");
    for i in &inds {
        let p = i["progression"].as_f64();
        if i["statut"] == "en-retard" {
            assert!(p.unwrap() < 0.9, "{i}");
        }
    }
    let measurable = inds.iter().filter(|i| !i["progression"].is_null()).count();
    assert_eq!(v["resume"]["mesurables"], measurable);
    let term = run(example(), &["progress", "."]).success().stdout.clone();
    assert!(
        term.contains(&format!("sur {measurable} indicateurs mesurables")),
        "{term}"
    );
    assert!(
        term.contains(&fr("« proche de la cible » : au moins 90 % du chemin")),
        "{term}"
    );
    let md = run(example(), &["progress", ".", "--format", "md"]).stdout;
    assert!(md.contains("| Proches de la cible |"), "{md}");
    assert!(
        md.contains(&fr("« proche de la cible » : au moins 90 %")),
        "{md}"
    );
}

#[test]
fn a_fresh_dossier_says_how_few_indicators_its_average_counts() {
    let (_tmp, d) = fresh();
    let v = run(&d, &["progress", "--format", "json"]).success().json();
    let n = v["resume"]["mesurables"].as_u64().unwrap();
    let all = v["resume"]["indicateurs"].as_u64().unwrap();
    assert!(n < all, "{v}");
    let term = run(&d, &["progress"]).success().stdout.clone();
    let unit = if n > 1 {
        "indicateurs mesurables"
    } else {
        "indicateur mesurable"
    };
    if n > 0 {
        assert!(term.contains(&format!("sur {n} {unit}")), "{term}");
    } else {
        assert!(!term.contains("progression moyenne"), "{term}");
    }
}

/// (criterion 4's requirements asked, whether 4.7 is reported uncovered) of a dossier.
fn network_requirement(d: &std::path::Path) -> (u64, bool) {
    let v = run(d, &["check", "--format", "json"]).json();
    let dossier = &v["dossiers"][0];
    let four = dossier["criteres"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["numero"] == 4)
        .unwrap();
    let uncovered = dossier["diagnostics"].as_array().unwrap().iter().any(|x| {
        x["rule"] == "exigence-non-couverte" && x["message"].as_str().unwrap().contains("4.7")
    });
    (four["exigences_total"].as_u64().unwrap(), uncovered)
}

#[test]
fn network_requirements_are_asked_of_networks_only() {
    run(root(), &["referentiel", "4"])
        .success()
        .stdout_has("4.7   Dans le cas de candidatures en réseau, les établissements co-candidats mettent en place une stratégie partenariale commune. (réseau)")
        .stdout_lacks("4.6   L'établissement est adhérent à un Campus des métiers et des qualifications lorsqu'il existe pour sa ou ses filière(s). (réseau)");
    for (n, id) in [(5, "5.7"), (6, "6.3"), (8, "8.6")] {
        let out = run(root(), &["referentiel", &n.to_string()]);
        let line = out
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap();
        assert!(line.ends_with("(réseau)"), "{line}");
    }
    let (_tmp, d) = fresh();
    assert_eq!(network_requirement(&d), (6, false));
    edit(
        &d.join("ldm.toml"),
        "reseau = []",
        "reseau = [\"0270001E\"]",
    );
    assert_eq!(network_requirement(&d), (7, true));
}
