//! Dossiers in temporary folders: a copy of a fixture or of the example that a test may
//! change (write, edit, rename or remove a file) without touching the committed one.

use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example() -> PathBuf {
    root().join("examples/lycee-marie-marvingt")
}

/// `tests/fixtures/<name>`, the committed fixture (read only: copy it to change it).
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A copy of a dossier at `<temporary folder>/<name>`, removed with the value.
pub struct TempDossier {
    tmp: TempDir,
    dir: PathBuf,
}

impl TempDossier {
    /// A copy of `tests/fixtures/<name>`, under the same name.
    pub fn fixture(name: &str) -> Self {
        Self::copy(&fixture(name), name)
    }

    /// A copy of any folder (the example, a fixture under another name), as
    /// `<temporary folder>/<name>`.
    pub fn copy(from: &Path, name: &str) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(name);
        copy_dir(from, &dir);
        TempDossier { tmp, dir }
    }

    /// The dossier.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The temporary folder that holds the dossier, for files that must be outside it.
    pub fn outside(&self) -> &Path {
        self.tmp.path()
    }

    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.dir.join(rel)
    }

    pub fn read(&self, rel: impl AsRef<Path>) -> String {
        fs::read_to_string(self.join(rel)).unwrap()
    }

    /// Writes (or replaces) a file, creating its folders.
    pub fn write(&self, rel: impl AsRef<Path>, text: &str) -> &Self {
        let path = self.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Replaces the first `from` with `to` in a file, which must contain it.
    pub fn edit(&self, rel: impl AsRef<Path>, from: &str, to: &str) -> &Self {
        edit(&self.join(rel), from, to);
        self
    }

    pub fn rename(&self, from: impl AsRef<Path>, to: impl AsRef<Path>) -> &Self {
        fs::rename(self.join(from), self.join(to)).unwrap();
        self
    }

    pub fn remove(&self, rel: impl AsRef<Path>) -> &Self {
        fs::remove_file(self.join(rel)).unwrap();
        self
    }

    /// ldm, run inside the dossier.
    pub fn ldm(&self) -> super::Ldm {
        super::Ldm::new().current_dir(&self.dir)
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Replaces the first `from` with `to` in a file, which must contain it.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}
