//! An editor's unsaved buffers over another source (the disk): an open file is read from
//! its buffer, every other file from the source below, so the dossier is checked as the
//! person sees it in the editor.

use super::{Entry, FileSource, Kind, Memory, ReadError};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Overlay {
    base: Arc<dyn FileSource>,
    buffers: Memory,
}

impl Overlay {
    pub fn new(base: Arc<dyn FileSource>) -> Self {
        Overlay {
            base,
            buffers: Memory::new(),
        }
    }

    /// Puts the buffer of `rel` over the file below; `false` for a path leaving the root.
    pub fn open(&mut self, rel: &str, text: impl Into<Vec<u8>>) -> bool {
        self.buffers.insert(rel, text)
    }

    /// Drops the buffer of `rel`: the file below shows again.
    pub fn close(&mut self, rel: &str) -> bool {
        self.buffers.remove(rel)
    }
}

impl FileSource for Overlay {
    fn kind(&self, rel: &str) -> Option<Kind> {
        match self.buffers.kind(rel) {
            Some(k @ Kind::File { .. }) => Some(k),
            // A folder holding only unsaved files exists for the buffers' sake.
            Some(Kind::Dir) => self.base.kind(rel).or(Some(Kind::Dir)),
            _ => self.base.kind(rel),
        }
    }

    fn list(&self, rel_dir: &str) -> std::io::Result<Vec<Entry>> {
        let below = self.base.list(rel_dir);
        let Ok(above) = self.buffers.list(rel_dir) else {
            return below;
        };
        let mut entries = below.unwrap_or_default();
        for e in above {
            match entries.binary_search_by(|b| b.name.cmp(&e.name)) {
                Ok(i) if matches!(e.kind, Kind::File { .. }) => entries[i] = e,
                Ok(_) => {}
                Err(i) => entries.insert(i, e),
            }
        }
        Ok(entries)
    }

    fn read_up_to(&self, rel: &str, max: u64) -> Result<Vec<u8>, ReadError> {
        match self.buffers.kind(rel) {
            Some(Kind::File { .. }) => self.buffers.read_up_to(rel, max),
            _ => self.base.read_up_to(rel, max),
        }
    }

    fn link_target(&self, rel: &str) -> Option<String> {
        match self.buffers.kind(rel) {
            Some(Kind::File { .. }) => None,
            _ => self.base.link_target(rel),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_hide_the_files_below_until_closed() {
        let mut disk = Memory::new();
        disk.insert("ldm.toml", "a");
        disk.insert("criteres/1-x/critere.md", "disque");
        let mut o = Overlay::new(Arc::new(disk));
        assert!(o.open("criteres/1-x/critere.md", "tampon"));
        assert!(o.open("criteres/1-x/actions/neuve.md", "nouvelle"));
        assert_eq!(o.read("criteres/1-x/critere.md").unwrap(), b"tampon");
        assert_eq!(o.read("ldm.toml").unwrap(), b"a");
        assert_eq!(o.kind("criteres/1-x/actions"), Some(Kind::Dir));
        let names: Vec<String> = o
            .list("criteres/1-x")
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["actions", "critere.md"]);
        assert_eq!(
            o.list("criteres/1-x/actions").unwrap()[0].kind,
            Kind::File { size: 8 }
        );
        assert!(o.close("criteres/1-x/critere.md"));
        assert_eq!(o.read("criteres/1-x/critere.md").unwrap(), b"disque");
        assert!(!o.open("../dehors.md", "x"));
    }
}
