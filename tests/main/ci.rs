//! `ldm init --ci`: the GitLab and GitHub files parse and call ldm commands that exist;
//! `ldm completions` and `ldm schema` on the command line.

use crate::common::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn yaml(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The ldm invocations of a shell line: each command of `a || b && c ; d | e` whose
/// first word is `ldm`, as its arguments, without redirections.
fn ldm_calls(line: &str) -> Vec<Vec<String>> {
    line.split(['|', '&', ';'])
        .filter_map(|cmd| {
            let words: Vec<&str> = cmd.split_whitespace().collect();
            (words.first() == Some(&"ldm")).then(|| {
                words[1..]
                    .iter()
                    .take_while(|w| !w.starts_with('>') && !w.starts_with('<'))
                    .map(|w| w.to_string())
                    .collect()
            })
        })
        .collect()
}

/// Asserts that each ldm call exists with its options: `ldm ARGS --help` succeeds only if
/// clap accepts every argument before `--help`.
fn assert_calls_exist(calls: &[Vec<String>]) {
    let tmp = tempfile::tempdir().unwrap();
    for args in calls {
        let mut args = args.clone();
        args.push("--help".into());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        run(tmp.path(), &refs)
            .success()
            .stdout_has("Usage\u{a0}: ldm ");
    }
}

fn init(ci: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026", "--ci", ci]).success();
    let dir = tmp.path().join("d");
    (tmp, dir)
}

#[test]
fn gitlab_ci_parses_and_its_jobs_call_existing_commands() {
    let (_tmp, dir) = init("gitlab");
    assert!(!dir.join(".github").exists());
    let ci = yaml(&dir.join(".gitlab-ci.yml"));
    let check = &ci["check"];
    assert_eq!(
        check["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    assert_eq!(check["artifacts"]["when"], "always");
    assert_eq!(ci["render"]["artifacts"]["paths"][0], "annexe/");
    // Jobs inherit the installation from the hidden `.ldm` job, in a Rust image.
    let install = &ci[".ldm"];
    assert_eq!(install["image"], "rust:1");
    let install_lines: Vec<&str> = install["before_script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        install_lines
            .iter()
            .any(|l| l.contains("cargo install --locked --path ")),
        "{install_lines:?}"
    );
    let mut calls = Vec::new();
    for job in ["check", "render"] {
        assert_eq!(ci[job]["extends"], ".ldm");
        for line in ci[job]["script"].as_array().unwrap() {
            calls.extend(ldm_calls(line.as_str().unwrap()));
        }
    }
    for l in &install_lines {
        assert!(ldm_calls(l).is_empty(), "{l}");
    }
    let subs: Vec<&str> = calls.iter().map(|c| c[0].as_str()).collect();
    assert_eq!(subs, ["check", "check", "render"]);
    assert!(calls.contains(&vec!["check".into(), "--format".into(), "gitlab".into()]));
    assert_calls_exist(&calls);

    // Run the jobs' commands in the new dossier: the Code Quality report is written
    // (and fails the job: the dossier is still to be filled), the annex is produced.
    let report = run(&dir, &["check", "--format", "gitlab"]);
    assert!(report.code(1).json().as_array().unwrap().len() > 10);
    run(&dir, &["render"]).success();
    assert!(dir.join("annexe").read_dir().unwrap().next().is_some());
}

#[test]
fn github_workflow_parses_and_calls_existing_commands() {
    let (_tmp, dir) = init("github");
    assert!(!dir.join(".gitlab-ci.yml").exists());
    let wf = yaml(&dir.join(".github/workflows/ldm.yml"));
    assert_eq!(wf["name"], "ldm");
    let steps = wf["jobs"]["ldm"]["steps"].as_array().unwrap();
    assert!(
        steps[0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/checkout@")
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-artifact@"))
        })
        .expect("an upload-artifact step");
    assert_eq!(upload["with"]["path"], "annexe/");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs[0].contains("cargo install --locked --path "),
        "{runs:?}"
    );
    let calls: Vec<Vec<String>> = runs
        .iter()
        .flat_map(|r| r.lines())
        .flat_map(ldm_calls)
        .collect();
    let subs: Vec<&str> = calls.iter().map(|c| c[0].as_str()).collect();
    assert_eq!(subs, ["check", "render"]);
    assert_eq!(calls[0], ["check", "--format", "github"]);
    assert_calls_exist(&calls);
}

#[test]
fn init_writes_no_ci_by_default_and_never_replaces_one() {
    let (tmp, dir) = init("none");
    assert!(!dir.join(".gitlab-ci.yml").exists() && !dir.join(".github").exists());
    let ours = "# notre CI\nstages: [test]\n";
    fs::write(dir.join(".gitlab-ci.yml"), ours).unwrap();
    run(tmp.path(), &["init", "d", "--force", "--ci", "gitlab"])
        .success()
        .stdout_has("conservé (existant) : .gitlab-ci.yml");
    assert_eq!(
        fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap(),
        ours
    );
    let out = run(tmp.path(), &["init", "e", "--ci", "jenkins"]);
    assert!(out.code(2).stderr.starts_with("erreur\u{a0}: "), "{out}");
}

#[test]
fn shell_completions_name_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run(tmp.path(), &["completions", shell]);
        out.success();
        for sub in [
            "init",
            "check",
            "render",
            "referentiel",
            "schema",
            "completions",
            "import",
            "bilan",
        ] {
            out.stdout_has(sub);
        }
        let option = if shell == "fish" {
            "-l format"
        } else {
            "--format"
        };
        out.stdout_has(option);
    }
    // `ldm schema <TAB>` offers the schema names (bash and zsh complete positional
    // values; clap_complete's fish and PowerShell scripts do not).
    let names = "ldm.toml etablissement critere action engagement referentiel \
                 sortie-check sortie-progress sortie-diff sortie-audit-resume sortie-audit-comparer sortie-import";
    run(tmp.path(), &["completions", "bash"]).stdout_has(&format!("opts=\"-h --help {names}\""));
    run(tmp.path(), &["completions", "zsh"]).stdout_has(&format!(":({names})'"));
    run(tmp.path(), &["completions", "tcsh"])
        .code(2)
        .stderr_has("tcsh");
}

#[test]
fn schema_prints_each_schema_and_refuses_an_unknown_name() {
    let tmp = tempfile::tempdir().unwrap();
    for name in [
        "ldm.toml",
        "etablissement",
        "critere",
        "action",
        "engagement",
        "referentiel",
        "sortie-check",
        "sortie-progress",
        "sortie-diff",
        "sortie-audit-resume",
    ] {
        let out = run(tmp.path(), &["schema", name]);
        let v = out.success().json();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        let file = root().join(format!("schema/{name}.schema.json"));
        assert_eq!(out.stdout, fs::read_to_string(file).unwrap(), "{name}");
    }
    let out = run(tmp.path(), &["schema", "engagment"]);
    assert_eq!((out.code, out.stdout.as_str()), (2, ""));
    out.stderr_has("schéma inconnu « engagment »")
        .stderr_has("vouliez-vous dire « engagement »")
        .stderr_has(
            "ldm.toml, etablissement, critere, action, engagement, referentiel, sortie-check",
        );
}
