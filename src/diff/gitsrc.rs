//! A dossier as it was at a git revision, read with git's plumbing (`rev-parse`,
//! `ls-tree`, `cat-file --batch`) into a temporary folder: the working tree and the
//! index are never touched.

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
    #[error("écriture impossible dans le dossier temporaire : {0}")]
    Io(#[from] std::io::Error),
}

fn git(dir: &Path, args: &[&str], what: &'static str) -> Result<Vec<u8>, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(GitError::NoGit)?;
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

/// The commit id `rev` names, in the repository holding `dossier`.
pub fn resolve(dossier: &Path, rev: &str) -> Result<String, GitError> {
    if git(dossier, &["rev-parse", "--show-toplevel"], "rev-parse").is_err() {
        return Err(GitError::NotARepo(dossier.to_path_buf()));
    }
    git(
        dossier,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
        "rev-parse",
    )
    .map(text)
    .map_err(|_| GitError::UnknownRevision(rev.to_string()))
}

/// Writes the dossier at `dossier` as it was at `rev` into a new temporary folder.
pub fn export(dossier: &Path, rev: &str) -> Result<tempfile::TempDir, GitError> {
    let commit = resolve(dossier, rev)?;
    let top = PathBuf::from(text(git(
        dossier,
        &["rev-parse", "--show-toplevel"],
        "rev-parse",
    )?));
    let prefix = text(git(dossier, &["rev-parse", "--show-prefix"], "rev-parse")?);
    let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", commit.as_str()];
    if !prefix.is_empty() {
        args.extend(["--", prefix.as_str()]);
    }
    let listing = git(&top, &args, "ls-tree")?;
    // Entries: "<mode> <type> <object>\t<path>\0"; only regular files are read back.
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let parts: Vec<&str> = meta.split(' ').collect();
        if parts.len() == 3 && parts[1] == "blob" && parts[0] != "120000" {
            let rel = path
                .strip_prefix(prefix.as_str())
                .unwrap_or(path)
                .to_string();
            files.push((parts[2].to_string(), rel));
        }
    }
    if !files.iter().any(|(_, p)| p == "ldm.toml") {
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
    let contents = cat_files(&top, files.iter().map(|(o, _)| o.as_str()))?;
    let tmp = tempfile::Builder::new().prefix("ldm-diff-").tempdir()?;
    for ((_, rel), bytes) in files.iter().zip(contents) {
        // Paths come from git's tree: refuse anything that would leave the folder.
        if rel.split('/').any(|c| c == ".." || c.is_empty()) {
            continue;
        }
        let path = tmp.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    Ok(tmp)
}

/// The contents of several blobs through one `git cat-file --batch`.
fn cat_files<'a>(
    top: &Path,
    objects: impl Iterator<Item = &'a str>,
) -> Result<Vec<Vec<u8>>, GitError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
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
    // Each answer: "<object> <type> <size>\n<content>\n".
    let data = out.stdout;
    let mut pos = 0;
    let mut blobs = Vec::new();
    while pos < data.len() {
        let nl = data[pos..]
            .iter()
            .position(|b| *b == b'\n')
            .map(|i| pos + i)
            .ok_or_else(|| GitError::Failed {
                what: "cat-file",
                stderr: "réponse tronquée".into(),
            })?;
        let header = String::from_utf8_lossy(&data[pos..nl]);
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| GitError::Failed {
                what: "cat-file",
                stderr: header.to_string(),
            })?;
        let start = nl + 1;
        let end = (start + size).min(data.len());
        blobs.push(data[start..end].to_vec());
        pos = end + 1;
    }
    Ok(blobs)
}
