//! Where a dossier is and what part of it the user asked about: the root found upward
//! from any folder or file inside (as git does) — for the command line and the editor
//! alike —, and the scope of `ldm check` (criteria, files).

use crate::check::CheckReport;
use crate::diagnostic::Counts;
use std::path::{Path, PathBuf};

/// The dossier holding `start`: the nearest folder from `start` upward with an
/// `ldm.toml`, written relative to `start` (`..`, `../..`) so that paths shown from it
/// still open from where ldm ran. `start` itself when no folder above has one: the
/// loader's message then names what the user typed.
pub fn dossier_root(start: &Path) -> PathBuf {
    if start.is_dir() || start.is_file() {
        find_root(start).unwrap_or_else(|| start.to_path_buf())
    } else {
        start.to_path_buf()
    }
}

/// The nearest folder with an `ldm.toml` from `start` upward — from the folder holding
/// `start` when it is not a folder (a file, or an editor's buffer not saved yet) —,
/// written from `start` as `dossier_root` writes it; `None` when there is none.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let here = if start.is_dir() {
        start.to_path_buf()
    } else {
        up(start)
    };
    let real = here.canonicalize().ok()?;
    let found = nearest(
        (here, real),
        |(here, real)| Some((up(here), real.parent()?.to_path_buf())),
        |(_, real)| real.join(crate::diagnostic::DOSSIER_FILE).is_file(),
    );
    found.map(|(here, _)| here)
}

/// `find_root` over a listing instead of the disk: the nearest folder from the folder
/// `start` upward whose `ldm.toml` `listed` knows, paths `/`-separated from the top of
/// the listing (`""`). The WebAssembly page finds the dossier in a chosen folder with it
/// (`start` is that folder: a browser shows nothing above it); `None` when there is none.
pub fn find_root_listed(start: &str, listed: impl Fn(&str) -> bool) -> Option<String> {
    let start = start.trim_matches('/').to_string();
    nearest(
        start,
        |here| (!here.is_empty()).then(|| here.rsplit_once('/').map_or("", |(a, _)| a).to_string()),
        |here| {
            let file = crate::diagnostic::DOSSIER_FILE;
            listed(&if here.is_empty() {
                file.to_string()
            } else {
                format!("{here}/{file}")
            })
        },
    )
}

/// The one rule of every front end: from `start` upward (`above`, `None` past the top),
/// the first folder that `holds` says has the dossier's file.
fn nearest<P>(start: P, above: impl Fn(&P) -> Option<P>, holds: impl Fn(&P) -> bool) -> Option<P> {
    let mut here = start;
    loop {
        if holds(&here) {
            return Some(here);
        }
        here = above(&here)?;
    }
}

/// The folder above `p`, written lexically when `p` names a folder, with `..` otherwise.
fn up(p: &Path) -> PathBuf {
    if p.as_os_str().is_empty() || p == Path::new(".") {
        return PathBuf::from("..");
    }
    match (p.file_name(), p.parent()) {
        (Some(_), Some(parent)) if parent.as_os_str().is_empty() => PathBuf::from("."),
        (Some(_), Some(parent)) => parent.to_path_buf(),
        _ => p.join(".."),
    }
}

/// The dossiers `ldm check` checks, each found upward from what the user named, with the part of
/// it to show: a path inside a dossier narrows that dossier's scope.
pub fn targets(paths: &[PathBuf], criteres: &[u32]) -> Vec<(PathBuf, Scope)> {
    let named = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut groups: Vec<(PathBuf, Scope)> = Vec::new();
    // Each root is resolved once and looked up by its real path: comparing every new
    // root with every earlier one made a batch of 1,000 dossiers quadratic in syscalls.
    let mut index: std::collections::HashMap<PathBuf, usize> = Default::default();
    for path in &named {
        let root = dossier_root(path);
        let inner = (!paths.is_empty()).then(|| inside(&root, path)).flatten();
        let key = root.canonicalize().unwrap_or_else(|_| root.clone());
        let at = *index.entry(key).or_insert_with(|| {
            let scope = Scope {
                criteres: criteres.to_vec(),
                paths: Vec::new(),
            };
            groups.push((root, scope));
            groups.len() - 1
        });
        if let Some(rel) = inner {
            groups[at].1.paths.push(rel);
        }
    }
    groups
}

/// `target` relative to the dossier at `root`, with `/` separators; `None` when it is
/// the root itself (the whole dossier) or lies outside it.
pub fn inside(root: &Path, target: &Path) -> Option<String> {
    let root = root.canonicalize().ok()?;
    let target = target.canonicalize().ok()?;
    let rel = target.strip_prefix(&root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The part of a dossier whose findings are shown: some criteria, some files or folders.
/// Empty: the whole dossier.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    pub criteres: Vec<u32>,
    pub paths: Vec<String>,
}

impl Scope {
    pub fn is_whole(&self) -> bool {
        self.criteres.is_empty() && self.paths.is_empty()
    }

    fn holds_file(&self, file: Option<&str>) -> bool {
        let Some(file) = file else {
            return false;
        };
        let critere = crate::diagnostic::critere_of_path(file);
        critere.is_some_and(|n| self.criteres.contains(&n))
            || self.paths.iter().any(|p| under(file, p))
    }

    /// Whether the summary line of criterion `numero` (folder `dossier`) is shown.
    fn holds_critere(&self, numero: u32, dossier: Option<&str>) -> bool {
        self.criteres.contains(&numero)
            || dossier.is_some_and(|d| self.paths.iter().any(|p| under(p, d) || under(d, p)))
    }

    /// Keeps the findings and criteria in scope; returns how many findings were hidden.
    /// The totals, and so the verdict, are those of the scope.
    pub fn apply(&self, report: &mut CheckReport) -> usize {
        if self.is_whole() {
            return 0;
        }
        let before = report.diagnostics.len();
        report
            .diagnostics
            .retain(|d| self.holds_file(d.file.as_deref()));
        report
            .criteres
            .retain(|c| self.holds_critere(c.numero, c.dossier.as_deref()));
        report.total = Counts::of(&report.diagnostics);
        before - report.diagnostics.len()
    }
}

/// True when `file` is `dir` or lies under it (paths relative to the dossier).
fn under(file: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    file == dir || file.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_is_lexical_then_dotdot() {
        assert_eq!(up(Path::new(".")), PathBuf::from(".."));
        assert_eq!(up(Path::new("a/b")), PathBuf::from("a"));
        assert_eq!(up(Path::new("a")), PathBuf::from("."));
        assert_eq!(up(Path::new("..")), PathBuf::from("../.."));
    }

    #[test]
    fn the_root_is_found_from_a_folder_a_file_or_a_buffer_not_saved_yet() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lycee-marie-marvingt");
        let critere = root.join("criteres/4-partenariats");
        assert_eq!(find_root(&critere), Some(root.clone()));
        assert_eq!(find_root(&critere.join("critere.md")), Some(root.clone()));
        assert_eq!(
            find_root(&critere.join("actions/nouvelle.md")),
            Some(root.clone())
        );
        assert_eq!(
            dossier_root(&critere.join("absent")),
            critere.join("absent")
        );
        assert_eq!(find_root(Path::new("/")), None);
    }

    #[test]
    fn a_listing_gives_the_root_the_disk_gives_from_above_at_and_below_the_dossier() {
        let top = tempfile::tempdir().unwrap();
        let files = [
            "depot/LISEZMOI.md",
            "depot/dossier/ldm.toml",
            "depot/dossier/criteres/1-offre/critere.md",
            "depot/dossier/preuves/1-offre/ldm.toml",
        ];
        for f in files {
            let path = top.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let listed = |p: &str| files.contains(&p);
        let real = top.path().canonicalize().unwrap();
        for (start, root) in [
            ("depot", None),
            ("depot/dossier", Some("depot/dossier")),
            ("depot/dossier/criteres/1-offre", Some("depot/dossier")),
            (
                "depot/dossier/preuves/1-offre",
                Some("depot/dossier/preuves/1-offre"),
            ),
        ] {
            let on_disk = find_root(&real.join(start)).map(|r| {
                let r = r.canonicalize().unwrap();
                r.strip_prefix(&real)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            });
            assert_eq!(on_disk.as_deref(), root, "disk, from {start}");
            assert_eq!(
                find_root_listed(start, listed).as_deref(),
                root,
                "listing, from {start}"
            );
        }
        assert_eq!(find_root_listed("", listed), None);
    }

    #[test]
    fn under_needs_a_separator() {
        assert!(under("criteres/5-a/x.md", "criteres/5-a"));
        assert!(under("criteres/5-a", "criteres/5-a/"));
        assert!(!under("criteres/5-ab/x.md", "criteres/5-a"));
    }
}
