//! A dossier as it was at a git revision, read into memory with git's plumbing
//! (`rev-parse`, `ls-tree`, one `cat-file --batch`): nothing is written anywhere, and
//! the working tree and the index are never touched.

use super::{MAX_READ, Memory};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("le programme git est introuvable ou ne peut pas être lancé : {0}")]
    NoGit(std::io::Error),
    #[error("« {0} » n'est pas dans un dépôt git")]
    NotARepo(PathBuf),
    #[error(
        "révision inconnue « {0} » (vérifiez le nom de la branche, de l'étiquette ou du commit : « git log --oneline »)"
    )]
    UnknownRevision(String),
    #[error("le dossier « {path} » n'existe pas à la révision « {rev} »")]
    NoDossier { path: String, rev: String },
    #[error("git a échoué ({what}) : {stderr}")]
    Failed { what: &'static str, stderr: String },
    #[error(
        "l'objet git {0} est absent du dépôt (clone partiel ou dépôt incomplet) : ldm ne télécharge rien, récupérez le dépôt complet"
    )]
    MissingObject(String),
    #[error("lecture impossible de la réponse de git : {0}")]
    Io(#[from] std::io::Error),
}

/// Settings given on git's command line: they win over the repository's own
/// configuration, so a received `.git/config` cannot make git run a program.
const OVERRIDES: &[&str] = &[
    "protocol.allow=never",
    "core.sshCommand=false",
    "core.gitProxy=",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.askPass=",
    "credential.helper=",
    "diff.external=",
    "uploadpack.packObjectsHook=",
    "fetch.recurseSubmodules=false",
    "safe.bareRepository=explicit",
];

/// git with nothing that could execute or fetch: the machine's and the user's git
/// configuration are not read (`GIT_CONFIG_NOSYSTEM`, `GIT_CONFIG_GLOBAL=/dev/null`), every
/// `GIT_*` variable of the environment is dropped (no `GIT_SSH_COMMAND`, `GIT_DIR`,
/// `GIT_CONFIG_PARAMETERS`…), a missing object of a partial clone is never fetched
/// (`GIT_NO_LAZY_FETCH`, and no transport is allowed anyway), nothing prompts, and the
/// [`OVERRIDES`] beat the repository's configuration. ldm's commands apply no filter,
/// textconv or pager of their own (`cat-file --batch` gives the stored bytes).
pub(crate) fn command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(key);
        }
    }
    cmd.env_remove("SSH_ASKPASS")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_ALLOW_PROTOCOL", "")
        .env("GIT_PROTOCOL_FROM_USER", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_PAGER", "cat")
        .arg("--no-pager")
        .arg("--no-replace-objects");
    for setting in OVERRIDES {
        cmd.args(["-c", setting]);
    }
    cmd.arg("-C").arg(dir).stdin(Stdio::null());
    cmd
}

fn git(dir: &Path, args: &[&str], what: &'static str) -> Result<Vec<u8>, GitError> {
    let out = command(dir).args(args).output().map_err(GitError::NoGit)?;
    if !out.status.success() {
        return Err(GitError::Failed {
            what,
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(out.stdout)
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes)
        .trim_end_matches('\n')
        .to_string()
}

/// The commit id `rev` names, in the repository holding `dossier`. A name that git
/// could take for an option (`--output=x`) or that holds control characters is
/// refused; the others are passed after `--end-of-options`.
pub fn resolve(dossier: &Path, rev: &str) -> Result<String, GitError> {
    if git(dossier, &["rev-parse", "--show-toplevel"], "rev-parse").is_err() {
        return Err(GitError::NotARepo(dossier.to_path_buf()));
    }
    if rev.is_empty() || rev.starts_with('-') || rev.chars().any(char::is_control) {
        return Err(GitError::UnknownRevision(rev.to_string()));
    }
    let spec = format!("{rev}^{{commit}}");
    let args = [
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        &spec,
    ];
    git(dossier, &args, "rev-parse")
        .map(text)
        .map_err(|_| GitError::UnknownRevision(rev.to_string()))
}

/// One file of the revision's tree.
struct Blob {
    object: String,
    size: u64,
    rel: String,
}

/// The dossier at `dossier` as it was at `rev`, as an in-memory tree. Files bigger
/// than [`MAX_READ`] are recorded by their size only.
pub fn revision(dossier: &Path, rev: &str) -> Result<Memory, GitError> {
    let commit = resolve(dossier, rev)?;
    let top = PathBuf::from(text(git(
        dossier,
        &["rev-parse", "--show-toplevel"],
        "rev-parse",
    )?));
    let prefix = text(git(dossier, &["rev-parse", "--show-prefix"], "rev-parse")?);
    let blobs = list_tree(&top, &commit, &prefix)?;
    if !blobs.iter().any(|b| b.rel == "ldm.toml") {
        let shown = if prefix.is_empty() {
            ".".to_string()
        } else {
            prefix.trim_end_matches('/').to_string()
        };
        return Err(GitError::NoDossier {
            path: shown,
            rev: rev.to_string(),
        });
    }
    let (small, big): (Vec<&Blob>, Vec<&Blob>) = blobs.iter().partition(|b| b.size <= MAX_READ);
    let contents = cat_files(&top, small.iter().map(|b| b.object.as_str()))?;
    let mut tree = Memory::new();
    // Paths come from git's tree; `insert` refuses any that would leave the root.
    for (b, bytes) in small.iter().zip(contents) {
        tree.insert(&b.rel, bytes);
    }
    for b in big {
        tree.insert_oversized(&b.rel, b.size);
    }
    Ok(tree)
}

/// The regular files under `prefix` at `commit` (`ls-tree -r -z -l`), relative to it.
fn list_tree(top: &Path, commit: &str, prefix: &str) -> Result<Vec<Blob>, GitError> {
    let mut args = vec!["ls-tree", "-r", "-z", "-l", "--full-tree", commit];
    if !prefix.is_empty() {
        args.extend(["--", prefix]);
    }
    let listing = git(top, &args, "ls-tree")?;
    // Entries: "<mode> <type> <object> <size>\t<path>\0"; links (120000) and
    // submodules are not files of the dossier.
    let mut blobs = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let parts: Vec<&str> = meta.split_whitespace().collect();
        let [mode, "blob", object, size] = parts.as_slice() else {
            continue;
        };
        // A missing object (a partial clone's) is listed with the size `BAD`.
        let Ok(size) = size.parse() else {
            return Err(GitError::MissingObject(object.to_string()));
        };
        if *mode != "120000" {
            blobs.push(Blob {
                object: object.to_string(),
                size,
                rel: path.strip_prefix(prefix).unwrap_or(path).to_string(),
            });
        }
    }
    Ok(blobs)
}

/// The contents of several blobs through one `git cat-file --batch`.
fn cat_files<'a>(
    top: &Path,
    objects: impl Iterator<Item = &'a str>,
) -> Result<Vec<Vec<u8>>, GitError> {
    let mut child = command(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(GitError::NoGit)?;
    let request: String = objects.map(|o| format!("{o}\n")).collect();
    let mut stdin = child.stdin.take().ok_or_else(|| GitError::Failed {
        what: "cat-file",
        stderr: "stdin".into(),
    })?;
    // Write from a thread: git answers while reading, and a full pipe would block both.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let out = child.wait_with_output()?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(GitError::Failed {
            what: "cat-file",
            stderr: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    parse_batch(&out.stdout)
}

/// Splits `cat-file --batch` output: each answer is "<object> <type> <size>\n<content>\n".
fn parse_batch(data: &[u8]) -> Result<Vec<Vec<u8>>, GitError> {
    let truncated = |stderr: String| GitError::Failed {
        what: "cat-file",
        stderr,
    };
    let mut pos = 0;
    let mut blobs = Vec::new();
    while pos < data.len() {
        let nl = data[pos..]
            .iter()
            .position(|b| *b == b'\n')
            .map(|i| pos + i)
            .ok_or_else(|| truncated("réponse tronquée".into()))?;
        let header = String::from_utf8_lossy(&data[pos..nl]);
        if let Some(object) = header.strip_suffix(" missing") {
            return Err(GitError::MissingObject(object.to_string()));
        }
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| truncated(header.to_string()))?;
        let start = nl + 1;
        let end = start.saturating_add(size).min(data.len());
        blobs.push(data[start..end].to_vec());
        pos = end + 1;
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_answers_are_split_by_their_sizes() {
        let data = b"aaa blob 3\nx\ny\nbbb blob 0\n\n";
        assert_eq!(parse_batch(data).unwrap(), [b"x\ny".to_vec(), Vec::new()]);
        assert!(parse_batch(b"aaa blob").is_err());
        let missing = parse_batch(b"aaa missing\n").unwrap_err().to_string();
        assert!(missing.contains("aaa est absent du dépôt"), "{missing}");
    }

    /// A repository whose configuration names a program that would leave `marker`.
    fn hostile_repo(setting: &str, value: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("PWNED");
        let repo = dir.path().join("r");
        std::fs::create_dir(&repo).unwrap();
        let run = |args: &[&str]| {
            let ok = Command::new("git")
                .current_dir(&repo)
                .args(args)
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .status()
                .unwrap();
            assert!(ok.success(), "git {args:?}");
        };
        run(&["init", "-q"]);
        let value = value.replace("MARKER", &marker.to_string_lossy());
        run(&["config", setting, &value]);
        (dir, marker)
    }

    #[test]
    fn a_configured_fsmonitor_never_runs() {
        let (dir, marker) = hostile_repo("core.fsmonitor", "touch MARKER; false");
        // `status` asks the fsmonitor; ldm's own commands do not, so this is the worst case.
        let _ = command(&dir.path().join("r"))
            .arg("status")
            .output()
            .unwrap();
        assert!(!marker.exists(), "core.fsmonitor ran");
    }

    #[test]
    fn a_configured_hook_never_runs() {
        let (dir, marker) = hostile_repo("core.hooksPath", "hooks");
        let hooks = dir.path().join("r/hooks");
        std::fs::create_dir(&hooks).unwrap();
        let hook = hooks.join("pre-commit");
        std::fs::write(&hook, format!("#!/bin/sh\ntouch '{}'\n", marker.display())).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let _ = command(&dir.path().join("r"))
            .args(["commit", "-q", "--allow-empty", "-m", "x"])
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@t")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@t")
            .output()
            .unwrap();
        assert!(!marker.exists(), "the pre-commit hook ran");
    }
}
