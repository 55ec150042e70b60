//! An in-memory tree of files: for tests, fuzzing, an editor's unsaved buffers, and
//! the files of a git revision. Folders are implied by the files under them.

use super::{Entry, FileSource, Kind, ReadError};
use std::collections::BTreeMap;

#[derive(Clone, Default)]
pub struct Memory {
    files: BTreeMap<String, Vec<u8>>,
    /// Files known by their size only (too big to be held): listed, never read.
    sized: BTreeMap<String, u64>,
}

impl std::fmt::Debug for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memory({} files)", self.files.len() + self.sized.len())
    }
}

impl Memory {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a file; `rel` is normalised (NFC, `/`). A path that would
    /// leave the root is ignored and `false` returned.
    pub fn insert(&mut self, rel: &str, bytes: impl Into<Vec<u8>>) -> bool {
        let Some(rel) = super::normalize(rel).filter(|r| !r.is_empty()) else {
            return false;
        };
        self.sized.remove(&rel);
        self.files.insert(rel, bytes.into());
        true
    }

    /// Records a file by its size alone: it is listed, and reading it is refused.
    pub fn insert_oversized(&mut self, rel: &str, size: u64) -> bool {
        let Some(rel) = super::normalize(rel).filter(|r| !r.is_empty()) else {
            return false;
        };
        self.files.remove(&rel);
        self.sized.insert(rel, size);
        true
    }

    /// Forgets a file; `true` when it was there.
    pub fn remove(&mut self, rel: &str) -> bool {
        let Some(rel) = super::normalize(rel) else {
            return false;
        };
        self.files.remove(&rel).is_some() | self.sized.remove(&rel).is_some()
    }

    pub fn len(&self) -> usize {
        self.files.len() + self.sized.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every path with its size, files and size-only files together.
    fn all(&self) -> impl Iterator<Item = (&String, u64)> {
        let files = self.files.iter().map(|(k, v)| (k, v.len() as u64));
        files.chain(self.sized.iter().map(|(k, s)| (k, *s)))
    }

    fn is_dir(&self, rel: &str) -> bool {
        let prefix = format!("{rel}/");
        rel.is_empty() || has_prefix(&self.files, &prefix) || has_prefix(&self.sized, &prefix)
    }
}

/// Whether some key of `m` starts with `prefix` (the first key not below it tells).
fn has_prefix<V>(m: &BTreeMap<String, V>, prefix: &str) -> bool {
    m.range(prefix.to_string()..)
        .next()
        .is_some_and(|(k, _)| k.starts_with(prefix))
}

impl FileSource for Memory {
    fn kind(&self, rel: &str) -> Option<Kind> {
        let rel = super::normalize(rel)?;
        if let Some(b) = self.files.get(&rel) {
            return Some(Kind::File {
                size: b.len() as u64,
            });
        }
        if let Some(size) = self.sized.get(&rel) {
            return Some(Kind::File { size: *size });
        }
        self.is_dir(&rel).then_some(Kind::Dir)
    }

    fn list(&self, rel_dir: &str) -> std::io::Result<Vec<Entry>> {
        let dir = super::normalize(rel_dir).ok_or(std::io::ErrorKind::NotFound)?;
        if !self.is_dir(&dir) {
            return Err(std::io::ErrorKind::NotFound.into());
        }
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut out: BTreeMap<String, Kind> = BTreeMap::new();
        for (path, size) in self.all().filter(|(p, _)| p.starts_with(&prefix)) {
            let rest = &path[prefix.len()..];
            match rest.split_once('/') {
                Some((name, _)) => out.insert(name.to_string(), Kind::Dir),
                None => out.insert(rest.to_string(), Kind::File { size }),
            };
        }
        Ok(out
            .into_iter()
            .map(|(name, kind)| Entry { name, kind })
            .collect())
    }

    fn read_up_to(&self, rel: &str, max: u64) -> Result<Vec<u8>, ReadError> {
        let rel = super::normalize(rel).ok_or(ReadError::NotFound)?;
        if let Some(b) = self.files.get(&rel) {
            return match b.len() as u64 {
                size if size > max => Err(ReadError::TooLarge { size, max }),
                _ => Ok(b.clone()),
            };
        }
        if let Some(size) = self.sized.get(&rel) {
            return Err(ReadError::TooLarge { size: *size, max });
        }
        Err(if self.is_dir(&rel) {
            ReadError::NotRegular
        } else {
            ReadError::NotFound
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_implied_by_their_files() {
        let mut m = Memory::new();
        m.insert("b/c.md", "c");
        m.insert("a.md", "a");
        m.insert("b/d/e.md", "e");
        assert!(!m.insert("../x", "x"));
        assert_eq!(m.kind("b"), Some(Kind::Dir));
        assert_eq!(m.kind("b/c.md"), Some(Kind::File { size: 1 }));
        assert_eq!(m.kind("c"), None);
        let names = |d| -> Vec<(String, Kind)> {
            m.list(d)
                .unwrap()
                .into_iter()
                .map(|e| (e.name, e.kind))
                .collect()
        };
        assert_eq!(
            names(""),
            [
                ("a.md".into(), Kind::File { size: 1 }),
                ("b".into(), Kind::Dir)
            ]
        );
        assert_eq!(
            names("b"),
            [
                ("c.md".into(), Kind::File { size: 1 }),
                ("d".into(), Kind::Dir)
            ]
        );
        assert!(m.list("a.md").is_err());
        assert!(matches!(m.read("b"), Err(ReadError::NotRegular)));
        assert_eq!(m.read("b/d/e.md").unwrap(), b"e");
    }

    #[test]
    fn oversized_files_are_listed_but_never_read() {
        let mut m = Memory::new();
        m.insert_oversized("preuves/film.mp4", crate::vfs::MAX_READ * 10);
        assert_eq!(m.kind("preuves"), Some(Kind::Dir));
        assert!(matches!(
            m.read("preuves/film.mp4"),
            Err(ReadError::TooLarge { .. })
        ));
    }
}
