//! The CI formats of `ldm check` (gitlab, github, sarif, junit): snapshots on the
//! all-in-one broken fixture, the fields each tool requires, stable GitLab fingerprints,
//! GitHub's escaping and step summary, and several dossiers at once.

use crate::common::*;

use ldm::rule::Rule;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const FORMATS: [&str; 4] = ["gitlab", "github", "sarif", "junit"];

/// The folder of all fixtures, to check several at once.
fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// Runs `ldm check ARGS --format FORMAT` in `dir`: (exit code, stdout). The JUnit
/// timestamp is fixed by `SOURCE_DATE_EPOCH` (2026-01-01), whatever the caller's.
fn check(dir: &Path, args: &[&str], format: &str) -> (i32, String) {
    let out = Ldm::new()
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args(["--format", format])
        .run();
    (out.code, out.stdout)
}

fn gitlab(dir: &Path) -> Vec<Value> {
    let (_, out) = check(dir, &["."], "gitlab");
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    v.as_array().expect("a JSON array").clone()
}

#[test]
fn snapshots_of_each_format_on_the_all_in_one_fixture() {
    let dir = fixture("tout-en-un");
    for format in FORMATS {
        let (code, out) = check(&dir, &["."], format);
        assert_eq!(code, 1, "{format}");
        let out = out.replace(
            &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
            "\"version\": \"[version]\"",
        );
        insta::assert_snapshot!(format!("tout_en_un_{format}"), out);
    }
}

#[test]
fn every_gitlab_entry_has_the_required_fields() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026"]).success();
    let mut seen = std::collections::HashSet::new();
    for dir in [fixture("tout-en-un"), tmp.path().join("d")] {
        let entries = gitlab(&dir);
        assert!(!entries.is_empty());
        for e in &entries {
            for field in ["description", "check_name", "fingerprint"] {
                assert!(
                    e[field].as_str().is_some_and(|s| !s.is_empty()),
                    "{field}: {e}"
                );
            }
            let severity = e["severity"].as_str().unwrap();
            assert!(
                ["info", "minor", "major", "critical", "blocker"].contains(&severity),
                "{e}"
            );
            let path = e["location"]["path"].as_str().unwrap();
            assert!(
                !path.starts_with("./") && !path.starts_with('/') && !path.is_empty(),
                "{path}"
            );
            assert!(
                e["location"]["lines"]["begin"].as_u64().unwrap() >= 1,
                "{e}"
            );
            // Identical findings (the same « À compléter » line twice in a file) still
            // get distinct fingerprints.
            assert!(seen.insert(e["fingerprint"].as_str().unwrap().to_string()));
        }
    }
}

#[test]
fn gitlab_fingerprint_survives_lines_inserted_above() {
    let d = TempDossier::copy(&fixture("tout-en-un"), "d");
    let dir = d.path();
    let file = "criteres/1-offre-de-formation/actions/mini-stages.md";
    let find = |entries: &[Value]| {
        entries
            .iter()
            .find(|e| e["check_name"] == "type-invalide" && e["location"]["path"] == file)
            .cloned()
            .expect("the type-invalide finding")
    };
    let before = gitlab(dir);
    let old = find(&before);

    d.edit(
        file,
        "---\n",
        "---\n# Relu par l'équipe le 12 mars\n# et complété\n",
    );

    let after = gitlab(dir);
    let new = find(&after);
    assert_eq!(
        new["location"]["lines"]["begin"].as_u64().unwrap(),
        old["location"]["lines"]["begin"].as_u64().unwrap() + 2
    );
    assert_eq!(new["fingerprint"], old["fingerprint"]);
    // Nothing else moved identity either.
    let prints = |v: &[Value]| {
        let mut p: Vec<String> = v.iter().map(|e| e["fingerprint"].to_string()).collect();
        p.sort();
        p
    };
    assert_eq!(prints(&before), prints(&after));
}

/// Splits `::command props::data` into its parts.
fn workflow_command(line: &str) -> (&str, Vec<(&str, &str)>, &str) {
    let rest = line.strip_prefix("::").expect(line);
    let (head, data) = rest.split_once("::").expect(line);
    let (cmd, props) = head.split_once(' ').expect(line);
    let props = props
        .split(',')
        .map(|p| p.split_once('=').expect(p))
        .collect();
    (cmd, props, data)
}

#[test]
fn github_commands_escape_percent_colon_comma_and_line_breaks() {
    let d = TempDossier::copy(&fixture("tout-en-un"), "d");
    let actions = "criteres/1-offre-de-formation/actions";
    d.rename(
        format!("{actions}/visites-entreprises.md"),
        format!("{actions}/visites, entreprises: 100%.md"),
    );
    let (code, out) = check(d.path(), &["."], "github");
    assert_eq!(code, 1);
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 9, "{out}");
    for line in &commands {
        let (cmd, props, data) = workflow_command(line);
        assert_eq!(cmd, "error");
        let keys: Vec<&str> = props.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["file", "line", "col", "title"], "{line}");
        assert!(!data.contains('\n') && !data.contains('\r'));
    }
    let renamed = commands
        .iter()
        .find(|l| l.contains("title=champ-inconnu"))
        .unwrap();
    let (_, props, data) = workflow_command(renamed);
    assert_eq!(
        props[0].1,
        "criteres/1-offre-de-formation/actions/visites%2C entreprises%3A 100%25.md"
    );
    assert!(data.contains(&fr("%0Aaide : ")), "{data}");
    let percent = commands
        .iter()
        .find(|l| l.contains("title=pourcentage-hors-bornes"))
        .unwrap();
    assert!(percent.ends_with(&fr("::la mesure de 2026 vaut 140 %25, hors de 0–100%0Aaide : un pourcentage est compris entre 0 et 100 ; si c'est un effectif, écrivez « unite: nombre »")), "{percent}");
    assert_eq!(
        out.lines().last(),
        Some(fr(". : 9 erreurs, 0 avertissement, 0 info").as_str())
    );
}

#[test]
fn github_step_summary_is_appended() {
    let tmp = tempfile::tempdir().unwrap();
    let summary = tmp.path().join("resume.md");
    fs::write(&summary, "# Étape précédente\n").unwrap();
    for _ in 0..2 {
        Ldm::new()
            .current_dir(fixture("tout-en-un"))
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["check", ".", "--format", "github"])
            .run()
            .code(1);
    }
    let text = fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("# Étape précédente\n## ldm check\n"),
        "{text}"
    );
    assert_eq!(text.matches("## ldm check").count(), 2);
    assert_eq!(text.matches("\n| erreur | ").count(), 18, "{text}");
    assert!(
        text.contains(
            "| erreur | criteres/1-offre-de-formation/actions/mini-stages.md | 12 | type-invalide |"
        ),
        "{text}"
    );
    assert!(
        text.contains("| . | 9 erreurs, 0 avertissement, 0 info · à reprendre avant le dépôt |")
    );
    // Another format never writes the summary.
    Ldm::new()
        .current_dir(fixture("tout-en-un"))
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", ".", "--format", "gitlab"])
        .run()
        .code(1);
    assert_eq!(fs::read_to_string(&summary).unwrap(), text);
}

#[test]
fn sarif_describes_every_rule_and_results_point_at_theirs() {
    let (_, out) = check(&fixture("tout-en-un"), &["."], "sarif");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(
        v["$schema"]
            .as_str()
            .unwrap()
            .contains("sarif-schema-2.1.0")
    );
    let driver = &v["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "ldm");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), Rule::ALL.len());
    for (r, want) in rules.iter().zip(Rule::ALL) {
        assert_eq!(r["id"], want.name());
        assert_eq!(r["shortDescription"]["text"], fr(want.titre()));
        assert_eq!(r["fullDescription"]["text"], fr(want.explication()));
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
    }
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 9);
    for res in results {
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], res["ruleId"]);
        assert_eq!(res["level"], "error");
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with("./") && !uri.contains('\\'), "{uri}");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
}

/// Counts elements by name in a JUnit document, proving it is well-formed XML.
fn xml_counts(xml: &str) -> std::collections::BTreeMap<String, usize> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut counts = std::collections::BTreeMap::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                *counts.entry(name).or_insert(0) += 1;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    counts
}

#[test]
fn junit_has_a_case_per_error_and_per_sound_file() {
    let (_, out) = check(&fixture("tout-en-un"), &["."], "junit");
    let counts = xml_counts(&out);
    assert_eq!(counts["testsuite"], 1);
    assert_eq!(counts["testcase"], 15, "9 errors and 6 sound files");
    assert_eq!(counts["failure"], 9);
    // Warnings are output lines, unless --deny warnings makes them failures.
    let dir = fixture("avertissements");
    let (code, out) = check(&dir, &["."], "junit");
    assert_eq!(code, 0);
    assert!(!xml_counts(&out).contains_key("failure"));
    assert!(out.contains(&fr("<system-out>avertissement[section-inconnue] etablissement.md:25:1 : section « Remerciements » inattendue\n")), "{out}");
    let (code, out) = check(&dir, &[".", "--deny", "warnings"], "junit");
    assert_eq!(code, 1);
    assert_eq!(xml_counts(&out)["failure"], 2);
}

#[test]
fn several_dossiers_exit_1_and_each_format_names_the_broken_one() {
    let dirs = ["valide", "tout-en-un", "avertissements"];
    for format in FORMATS {
        let (code, out) = check(&fixtures(), &dirs, format);
        assert_eq!(code, 1, "{format}");
        match format {
            "gitlab" => {
                let v: Vec<Value> = serde_json::from_str(&out).unwrap();
                let broken: Vec<&Value> = v.iter().filter(|e| e["severity"] == "major").collect();
                assert_eq!(broken.len(), 9);
                assert!(broken.iter().all(|e| {
                    e["location"]["path"]
                        .as_str()
                        .unwrap()
                        .starts_with("tout-en-un/")
                }));
                assert_eq!(v.len(), 11, "the two warnings of avertissements too");
            }
            "github" => {
                assert_eq!(out.matches("::error file=tout-en-un/").count(), 9);
                assert!(out.contains(&fr("\ntout-en-un : 9 erreurs, 0 avertissement, 0 info\n")));
                assert!(
                    out.starts_with(&fr("valide : 0 erreur, 0 avertissement, 0 info\n")),
                    "{out}"
                );
            }
            "sarif" => {
                let v: Value = serde_json::from_str(&out).unwrap();
                let errors: Vec<&str> = v["runs"][0]["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|r| r["level"] == "error")
                    .map(|r| {
                        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                            .as_str()
                            .unwrap()
                    })
                    .collect();
                assert_eq!(errors.len(), 9);
                assert!(errors.iter().all(|u| u.starts_with("tout-en-un/")));
            }
            _ => {
                assert_eq!(xml_counts(&out)["testsuite"], 3);
                assert!(
                    out.contains(" tests=\"15\" failures=\"9\" errors=\"0\""),
                    "{out}"
                );
                for sound in ["valide", "avertissements"] {
                    let head = format!("  <testsuite name=\"{sound}\" ");
                    let line = out.lines().find(|l| l.starts_with(&head)).unwrap();
                    assert!(line.contains(" failures=\"0\" "), "{line}");
                }
            }
        }
    }
    // Only sound dossiers: success in every format.
    for format in FORMATS {
        let (code, _) = check(&fixtures(), &["valide", "avertissements"], format);
        assert_eq!(code, 0, "{format}");
    }
}
