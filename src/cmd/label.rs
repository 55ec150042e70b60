//! How `ldm check` names a dossier in its reports: as the user typed it, or, for the CI
//! formats, relative to the repository root, where the forges run the job and look for
//! the files a finding names.

use ldm::report::Format;
use std::path::Path;

/// The dossier's label for `format`: repository-relative for GitLab, GitHub, SARIF and
/// JUnit; as typed (`/`-separated) for the others.
pub fn dossier_label(dir: &Path, format: Format) -> String {
    match format {
        Format::Gitlab | Format::Github | Format::Sarif | Format::Junit => repo_label(dir),
        _ => typed_label(dir),
    }
}

/// The dossier as the user typed it, with `/` separators and no trailing one.
fn typed_label(dir: &Path) -> String {
    let label = super::shown(dir);
    match label.trim_end_matches('/') {
        "" => ".".into(),
        l => l.to_string(),
    }
}

/// The dossier relative to the repository root: the current folder when the dossier
/// lies inside it (an absolute path or `./x` is written from there); else the root of
/// the git work tree holding it (a dossier given as `..` from one of its subfolders).
/// As typed when neither applies.
fn repo_label(dir: &Path) -> String {
    let (Ok(abs), Ok(cwd)) = (dir.canonicalize(), std::env::current_dir()) else {
        return typed_label(dir);
    };
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    let root = if abs.starts_with(&cwd) {
        Some(cwd)
    } else {
        abs.ancestors()
            .find(|a| a.join(".git").exists())
            .map(Path::to_path_buf)
    };
    match root.as_deref().and_then(|r| abs.strip_prefix(r).ok()) {
        Some(rel) => typed_label(rel),
        None => typed_label(dir),
    }
}
