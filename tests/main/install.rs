//! Installation without Rust and the machine formats read whole by their consumers: the
//! static Linux binary of dist/, the release pipeline and the schools' CI files against
//! the forges' published schemas, JUnit against the strict Ant schema and read by
//! junitparser, SARIF fields, repository-relative paths and dossiers given twice.

use crate::common::*;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::Command;

/// `ldm check ARGS` run in `dir`: (exit code, stdout).
fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Ldm::new().current_dir(dir).arg("check").args(args).run();
    (out.code, out.stdout)
}

/// Runs a program; panics with its output unless it succeeds.
fn succeeds(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?}: {text}");
    text
}

#[test]
fn junit_is_valid_against_the_strict_ant_schema() {
    if program(&["xmllint"], "libxml2-utils").is_none() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dirs = ["tout-en-un", "valide", "avertissements"];
    let (code, xml) = check(&fixture(""), &[&dirs[..], &["--format", "junit"]].concat());
    assert_eq!(code, 1);
    let file = tmp.path().join("junit.xml");
    fs::write(&file, xml).unwrap();
    let xsd = root().join("tests/vendor/junit/JUnit.xsd");
    let out = succeeds(
        Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(&xsd)
            .arg(&file),
    );
    assert!(out.contains("validates"), "{out}");
}

#[test]
fn junit_is_the_same_bytes_on_every_run_without_a_clock() {
    let dir = fixture("tout-en-un");
    let junit = |epoch: Option<&str>| {
        let mut cmd = Ldm::new()
            .current_dir(&dir)
            .args(["check", "--format", "junit"])
            .command();
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let first = junit(None);
    // Over a second apart, so a clock in the report would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(junit(None), first);
    assert!(
        first.contains("timestamp=\"1970-01-01T00:00:00\""),
        "{first}"
    );
    // SOURCE_DATE_EPOCH, when set, is the date.
    let dated = junit(Some("1767225600"));
    assert!(
        dated.contains("timestamp=\"2026-01-01T00:00:00\""),
        "{dated}"
    );
}

#[test]
fn junitparser_reads_every_error_of_the_all_in_one_fixture() {
    if program(&["python3"], "python3").is_none() {
        return;
    }
    let has = Command::new("python3")
        .args(["-c", "import junitparser"])
        .status()
        .is_ok_and(|s| s.success());
    if !has {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install junitparser (.ci/run does)"
        );
        eprintln!("junitparser absent : test sauté hors CI");
        return;
    }
    let (code, xml) = check(&fixture("tout-en-un"), &["--format", "junit"]);
    assert_eq!(code, 1);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("junit.xml");
    fs::write(&file, xml).unwrap();
    // Each failure counted through the consumer's own API: one per error of the fixture.
    let script = "import sys\nfrom junitparser import JUnitXml, Failure\n\
        n = sum(1 for s in JUnitXml.fromfile(sys.argv[1]) for c in s \
        for r in c.result if isinstance(r, Failure))\nprint(n)";
    let out = succeeds(Command::new("python3").args(["-c", script]).arg(&file));
    assert_eq!(out.trim(), "9");
}

#[test]
fn sarif_names_rules_and_places_every_result() {
    let (_, out) = check(&fixture("identite"), &["--format", "sarif"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let driver = &v["runs"][0]["tool"]["driver"];
    // The tool's page only when the build was told where ldm is published.
    match ldm::release::repository() {
        Some(repo) => assert_eq!(driver["informationUri"], repo.as_str()),
        None => assert!(driver.get("informationUri").is_none(), "{driver}"),
    }
    for r in driver["rules"].as_array().unwrap() {
        let name = r["name"].as_str().unwrap();
        assert_ne!(r["name"], r["id"]);
        assert!(name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.contains('-'));
    }
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for res in results {
        let region = &res["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1, "{res}");
    }
}

/// The files a GitLab report names.
fn gitlab_paths(out: &str) -> Vec<String> {
    let v: Vec<Value> = serde_json::from_str(out).unwrap();
    v.iter()
        .map(|e| e["location"]["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ci_paths_are_relative_to_the_repository_whatever_the_dossier_argument() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("depot");
    fs::create_dir_all(repo.join(".git")).unwrap();
    copy_dir(&fixture("tout-en-un"), &repo.join("dossier"));
    let sub = repo.join("dossier/criteres");
    let abs = repo.join("dossier");
    let (_, from_root) = check(&repo, &["dossier", "--format", "gitlab"]);
    let want = gitlab_paths(&from_root);
    assert!(!want.is_empty());
    assert!(want.iter().all(|p| p.starts_with("dossier/")), "{want:?}");
    let (_, absolute) = check(&repo, &[abs.to_str().unwrap(), "--format", "gitlab"]);
    assert_eq!(gitlab_paths(&absolute), want);
    let (_, parent) = check(&sub, &["..", "--format", "gitlab"]);
    assert_eq!(gitlab_paths(&parent), want);
    // Run from inside the dossier with no argument: found upward, named from the root.
    let (_, upward) = check(&sub, &["--format", "gitlab"]);
    assert_eq!(gitlab_paths(&upward), want);
    let (_, sarif) = check(&sub, &["..", "--format", "sarif"]);
    assert!(sarif.contains("\"uri\": \"dossier/"), "{sarif}");
    let (_, github) = check(&sub, &["..", "--format", "github"]);
    assert!(
        github.contains("::error file=dossier/") && !github.contains("file=../"),
        "{github}"
    );
    let (_, junit) = check(&sub, &["..", "--format", "junit"]);
    assert!(junit.contains("name=\"dossier/ldm.toml:"), "{junit}");
    // The human report keeps the path as typed: it is read from where ldm ran.
    let (_, short) = check(&sub, &["..", "--format", "short"]);
    assert!(short.contains("../ldm.toml:"), "{short}");
}

#[test]
fn a_dossier_given_twice_is_checked_once() {
    let dir = fixture("tout-en-un");
    let abs = dir.to_str().unwrap();
    let (_, once) = check(&dir, &[".", "--format", "gitlab"]);
    let (code, twice) = check(&dir, &[".", abs, "./", "--format", "gitlab"]);
    assert_eq!(code, 1);
    assert_eq!(twice, once);
    let (_, json) = check(&dir, &[".", abs, "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["dossiers"].as_array().unwrap().len(), 1, "{json}");
}

/// Validates a YAML file with check-jsonschema's copy of a forge's published schema.
fn forge_schema(schema: &str, file: &Path) {
    let out = succeeds(
        Command::new("check-jsonschema")
            .args(["--builtin-schema", schema])
            .arg(file),
    );
    assert!(out.contains("ok"), "{out}");
}

#[test]
fn ci_files_pass_the_forges_schemas() {
    if program(&["check-jsonschema"], "check-jsonschema (pip)").is_none() {
        return;
    }
    forge_schema(
        "vendor.github-workflows",
        &root().join(".github/workflows/release.yml"),
    );
    let tmp = tempfile::tempdir().unwrap();
    for ci in ["gitlab", "github"] {
        run(tmp.path(), &["init", ci, "--annee", "2026", "--ci", ci]).success();
    }
    forge_schema(
        "vendor.gitlab-ci",
        &tmp.path().join("gitlab/.gitlab-ci.yml"),
    );
    forge_schema(
        "vendor.github-workflows",
        &tmp.path().join("github/.github/workflows/ldm.yml"),
    );
}

/// The generated files' variables: the pinned version, the download address this build
/// knows (empty, for the school to fill, when it knows none).
fn assert_pinned(vars: &Value) {
    assert_eq!(vars["LDM_VERSION"], env!("CARGO_PKG_VERSION"));
    let base = ldm::release::download_base().unwrap_or_default();
    assert_eq!(vars["LDM_TELECHARGEMENT"], base.as_str());
}

#[test]
fn school_ci_downloads_the_pinned_release_and_checks_its_sum() {
    let tmp = tempfile::tempdir().unwrap();
    run(
        tmp.path(),
        &["init", "d", "--annee", "2026", "--ci", "gitlab"],
    )
    .success()
    .stdout_has("LDM_TELECHARGEMENT");
    let text = fs::read_to_string(tmp.path().join("d/.gitlab-ci.yml")).unwrap();
    let ci: Value = serde_saphyr::from_str(&text).unwrap();
    assert_pinned(&ci["variables"]);
    let script = ci[".ldm"]["before_script"][1].as_str().unwrap();
    assert!(script.contains("sha256sum -c -"), "{script}");
    assert!(script.contains("cargo install --locked --path"), "{script}");
    assert_eq!(ci[".ldm"]["cache"]["paths"][0], ".cargo/bin/");

    run(
        tmp.path(),
        &["init", "g", "--annee", "2026", "--ci", "github"],
    )
    .success();
    let text = fs::read_to_string(tmp.path().join("g/.github/workflows/ldm.yml")).unwrap();
    let wf: Value = serde_saphyr::from_str(&text).unwrap();
    assert_pinned(&wf["env"]);
    let steps = wf["jobs"]["ldm"]["steps"].as_array().unwrap();
    let install = steps
        .iter()
        .find(|s| s["id"] == "installer")
        .and_then(|s| s["run"].as_str())
        .unwrap();
    assert!(install.contains("sha256sum -c -"), "{install}");
}

/// The release binaries dist/ holds, built by scripts/dist.sh. Outside CI their absence
/// skips a test; under CI=true it fails (.ci/run builds dist/ first).
pub fn dist(name: &str) -> Option<std::path::PathBuf> {
    let bin = root().join("dist").join(name);
    if !bin.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must build dist/ first (.ci/run runs scripts/dist.sh)"
        );
        eprintln!("dist/{name} absent : test sauté hors CI");
        return None;
    }
    Some(bin)
}

#[test]
fn the_linux_release_binary_is_statically_linked() {
    let version = env!("CARGO_PKG_VERSION");
    let Some(bin) = dist(&format!("ldm-{version}-x86_64-linux")) else {
        return;
    };
    let out = succeeds(Command::new("file").arg("-L").arg(&bin));
    assert!(
        out.contains("statically linked") || out.contains("static-pie linked"),
        "{out}"
    );
    let sums = fs::read_to_string(root().join("dist/SHA256SUMS")).unwrap();
    assert!(
        sums.contains(&format!("  ldm-{version}-x86_64-windows.exe\n")),
        "{sums}"
    );
    // The static binary runs here and is this version.
    let out = succeeds(Command::new(&bin).arg("--version"));
    assert_eq!(out.trim(), format!("ldm {version}"));
}
