//! Dossiers received from someone else, second series (issue 32): a received git
//! repository cannot make `ldm diff --git` run a program or fetch anything.

use crate::common::*;
use std::fs;
use std::path::{Path, PathBuf};

/// The example as a git repository of two commits, `etablissement.md` changed by the
/// second; the first version's blob is then removed, as in a partial clone.
fn received_repo(tmp: &Path) -> (PathBuf, PathBuf) {
    let repo = tmp.join("depot");
    copy_dir(&example(), &repo);
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "avant"]);
    let old = git(&repo, &["rev-parse", "HEAD:etablissement.md"]);
    let old = old.trim();
    let path = repo.join("etablissement.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}\nUne ligne de plus.\n")).unwrap();
    git(&repo, &["commit", "-q", "-am", "après"]);
    fs::remove_file(repo.join(".git/objects").join(&old[..2]).join(&old[2..])).unwrap();
    (repo, tmp.join("PWNED"))
}

/// `ldm diff --git HEAD~1 HEAD` in `repo`, with `settings` written to its `.git/config`
/// (`MARKER` replaced by the file a command would create): the file never appears.
fn diff_never_runs(settings: &[(&str, &str)]) {
    let tmp = tempfile::tempdir().unwrap();
    let (repo, marker) = received_repo(tmp.path());
    for (key, value) in settings {
        let value = value.replace("MARKER", &marker.to_string_lossy());
        git(&repo, &["config", key, &value]);
    }
    let out = Ldm::new()
        .current_dir(&repo)
        .args(["diff", "--git", "HEAD~1", "HEAD"])
        .run();
    out.code(2).stderr_has("absent du dépôt");
    assert!(
        !marker.exists(),
        "a command configured by the repository ran"
    );
}

const PROMISOR: [(&str, &str); 3] = [
    ("remote.origin.promisor", "true"),
    ("extensions.partialClone", "origin"),
    ("remote.origin.url", "ssh://example.invalid/depot"),
];

#[test]
fn a_promisor_remote_with_an_ssh_command_never_runs_it() {
    let mut settings = PROMISOR.to_vec();
    settings.push(("core.sshCommand", "touch MARKER; false"));
    diff_never_runs(&settings);
}

#[test]
fn a_promisor_remote_with_an_ext_url_never_runs_it() {
    let mut settings = PROMISOR.to_vec();
    settings[2] = ("remote.origin.url", "ext::sh -c touch% MARKER");
    settings.push(("protocol.ext.allow", "always"));
    diff_never_runs(&settings);
}

#[test]
fn a_promisor_remote_with_a_proxy_or_credential_helper_never_runs_them() {
    let mut settings = PROMISOR.to_vec();
    settings[2] = ("remote.origin.url", "git://example.invalid/depot");
    settings.push(("core.gitProxy", "/bin/sh -c 'touch MARKER'"));
    settings.push(("credential.helper", "!touch MARKER"));
    diff_never_runs(&settings);
}

#[test]
fn a_smudge_filter_of_the_repository_never_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("depot");
    copy_dir(&example(), &repo);
    let marker = tmp.path().join("PWNED");
    fs::write(repo.join(".gitattributes"), "* filter=piege diff=piege\n").unwrap();
    git(&repo, &["init", "-q"]);
    let command = format!("touch '{}'; cat", marker.display());
    for key in [
        "filter.piege.smudge",
        "filter.piege.clean",
        "diff.piege.textconv",
    ] {
        git(&repo, &["config", key, &command]);
    }
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "un"]);
    git(&repo, &["commit", "-q", "--allow-empty", "-m", "deux"]);
    let _ = fs::remove_file(&marker); // `git add` itself ran the clean filter
    Ldm::new()
        .current_dir(&repo)
        .args(["diff", "--git", "HEAD~1", "HEAD"])
        .run()
        .code(0);
    assert!(!marker.exists(), "a filter of the repository ran");
}
