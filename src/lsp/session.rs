//! One dossier open in the editor: its unsaved buffers over the disk, its latest check,
//! and the files that were last given findings (so the findings that disappear are
//! cleared). No protocol here: `server` turns it into messages.

use crate::diagnostic::Diagnostic;
use crate::vfs::{Disk, FileSource, Overlay};
use crate::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Session {
    pub root: PathBuf,
    overlay: Overlay,
    /// The latest check's workspace; `None` before the first check, or when the folder
    /// is no dossier any more (its `ldm.toml` removed).
    pub ws: Option<Workspace>,
    /// The latest findings, by file (`diagnostic::by_file`: findings without a file are
    /// put on `ldm.toml`).
    pub findings: BTreeMap<String, Vec<Diagnostic>>,
}

impl Session {
    pub fn new(root: PathBuf) -> Self {
        Session {
            overlay: Overlay::new(Arc::new(Disk::new(&root))),
            root,
            ws: None,
            findings: BTreeMap::new(),
        }
    }

    /// The dossier path of `file`, `None` outside the dossier.
    pub fn rel(&self, file: &Path) -> Option<String> {
        file.strip_prefix(&self.root)
            .ok()
            .map(|_| crate::load::rel_path(&self.root, file))
            .filter(|r| !r.is_empty())
    }

    /// The editor's text of `rel` is now `text`. Returns whether the findings may
    /// change: not when the text is the one already checked (a file opened as it is on
    /// disk, a save), nor for evidence under `preuves/`, which ldm lists but never reads.
    pub fn edit(&mut self, rel: &str, text: &str) -> bool {
        let same = self.overlay.read(rel).is_ok_and(|b| b == text.as_bytes());
        self.overlay.open(rel, text);
        !same && !unread(rel)
    }

    /// The editor closed `rel`: the disk's copy counts again. Returns whether the
    /// findings may change (the buffer held unsaved changes).
    pub fn close(&mut self, rel: &str) -> bool {
        let before = self.overlay.read(rel).ok();
        self.overlay.close(rel);
        before != self.overlay.read(rel).ok() && !unread(rel)
    }

    /// The text of `rel` as the editor has it (its buffer, else the disk's copy).
    pub fn text(&self, rel: &str) -> Option<String> {
        let bytes = self.overlay.read(rel).ok()?;
        String::from_utf8(bytes).ok()
    }

    /// Checks the dossier as the editor has it. Returns the files whose findings
    /// changed since the last check, with their findings now: an empty list for a file
    /// whose findings are gone.
    pub fn check(&mut self) -> Vec<(String, Vec<Diagnostic>)> {
        let files: Arc<dyn FileSource> = Arc::new(self.overlay.clone());
        let mut now: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        self.ws = crate::load::load_from(files, &self.root)
            .ok()
            .map(Workspace::new);
        if let Some(ws) = &mut self.ws {
            let report = crate::ops::check::check(ws);
            for (file, found) in crate::diagnostic::by_file(&report.diagnostics) {
                now.insert(file.to_string(), found.into_iter().cloned().collect());
            }
        }
        let files: BTreeSet<&String> = self.findings.keys().chain(now.keys()).collect();
        let out = files
            .into_iter()
            .filter(|f| self.findings.get(*f) != now.get(*f))
            .map(|f| (f.clone(), now.get(f).cloned().unwrap_or_default()))
            .collect();
        self.findings = now;
        out
    }
}

/// Files whose text no rule reads: evidence is listed (its name and kind), never read.
fn unread(rel: &str) -> bool {
    rel.starts_with("preuves/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::Rule;

    fn example() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lycee-marie-marvingt")
    }

    #[test]
    fn an_unsaved_buffer_is_checked_and_its_findings_cleared_once_fixed() {
        let root = example();
        let file = root.join("criteres/4-partenariats/critere.md");
        assert_eq!(crate::ops::scope::find_root(&file), Some(root.clone()));
        let mut s = Session::new(root.clone());
        let rel = s.rel(&file).unwrap();
        assert_eq!(s.check(), []);
        let text = s.text(&rel).unwrap();
        assert!(!s.edit(&rel, &text), "the text on disk is the one checked");
        assert!(s.edit(
            &rel,
            &text.replacen("# État des lieux", "# Etat des lieu", 1)
        ));
        let broken = s.check();
        let (file, found) = broken.iter().find(|(f, _)| *f == rel).unwrap();
        assert_eq!(file, &rel);
        assert!(
            found.iter().any(|d| d.rule == Rule::SectionManquante),
            "{found:?}"
        );
        assert_eq!(s.check(), [], "nothing changed since");
        assert!(s.close(&rel));
        assert_eq!(s.check(), [(rel.clone(), Vec::new())]);
        assert!(!s.edit("preuves/a.md", "jamais lu"));
        assert!(s.rel(Path::new("/tmp/ailleurs.md")).is_none());
    }
}
