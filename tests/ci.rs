//! `ldm init --ci`: the GitLab and GitHub files parse and call ldm commands that exist;
//! `ldm completions` and `ldm schema` on the command line.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn ldm() -> Command {
    let mut c = Command::cargo_bin("ldm").unwrap();
    c.env("NO_COLOR", "1").env_remove("GITHUB_STEP_SUMMARY");
    c
}

/// Runs ldm in `dir`: (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = ldm().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

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
        let (code, out, err) = run(tmp.path(), &refs);
        assert_eq!(code, 0, "ldm {args:?}: {out}{err}");
        assert!(out.contains("Usage : ldm "), "{out}");
    }
}

fn init(ci: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = run(tmp.path(), &["init", "d", "--annee", "2026", "--ci", ci]);
    assert_eq!(code, 0, "{out}{err}");
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
    let (code, report, _) = run(&dir, &["check", "--format", "gitlab"]);
    assert_eq!(code, 1);
    assert!(serde_json::from_str::<Vec<Value>>(&report).unwrap().len() > 10);
    let (code, out, err) = run(&dir, &["render"]);
    assert_eq!(code, 0, "{out}{err}");
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
    let (code, out, _) = run(tmp.path(), &["init", "d", "--force", "--ci", "gitlab"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("conservé (existant) : .gitlab-ci.yml"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap(),
        ours
    );
    let (code, _, err) = run(tmp.path(), &["init", "e", "--ci", "jenkins"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("erreur : "), "{err}");
}

#[test]
fn shell_completions_name_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, err) = run(tmp.path(), &["completions", shell]);
        assert_eq!(code, 0, "{err}");
        for sub in [
            "init",
            "check",
            "render",
            "referentiel",
            "schema",
            "completions",
        ] {
            assert!(out.contains(sub), "{shell} lacks {sub}");
        }
        let option = if shell == "fish" {
            "-l format"
        } else {
            "--format"
        };
        assert!(out.contains(option), "{shell}");
    }
    let (code, _, err) = run(tmp.path(), &["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("tcsh"), "{err}");
}

#[test]
fn schema_prints_each_schema_and_refuses_an_unknown_name() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "ldm.toml",
        "etablissement",
        "critere",
        "action",
        "engagement",
        "referentiel",
    ] {
        let (code, out, _) = run(tmp.path(), &["schema", name]);
        assert_eq!(code, 0);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        let file = root.join(format!("schema/{name}.schema.json"));
        assert_eq!(out, fs::read_to_string(file).unwrap(), "{name}");
    }
    let (code, out, err) = run(tmp.path(), &["schema", "engagment"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("schéma inconnu « engagment »")
            && err.contains("vouliez-vous dire « engagement »")
            && err.contains("ldm.toml, etablissement, critere, action, engagement, referentiel"),
        "{err}"
    );
}
