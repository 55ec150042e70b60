//! The file source a dossier is read through: the disk, a git revision held in memory,
//! or an in-memory tree (tests, fuzzing), or an editor's unsaved buffers over the disk.
//!
//! Paths are relative to the source's root, `/`-separated and Unicode NFC; the empty
//! path is the root. The same files give the same answers from every source, so a
//! dossier gives the same diagnostics wherever it is read from.

pub mod disk;
// git runs a process: not in the WebAssembly build, which has none.
#[cfg(not(target_arch = "wasm32"))]
pub mod git;
pub mod memory;
pub mod overlay;

pub use disk::Disk;
pub use memory::Memory;
pub use overlay::Overlay;

use unicode_normalization::UnicodeNormalization;

/// The largest file ldm reads (a fiche, `ldm.toml`, a referential, a template): a
/// bigger one is refused before any allocation.
pub const MAX_READ: u64 = 4 * 1024 * 1024;

/// The largest evidence file ldm reads to join it to the evidence annex: scans of
/// signed conventions weigh several megabytes.
pub const MAX_EVIDENCE: u64 = 64 * 1024 * 1024;

/// What a path is, as far as a reader may know without opening it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    File {
        size: u64,
    },
    Dir,
    /// A symbolic link resolving outside the source's root: never followed.
    /// `target` is where it resolves.
    Outside {
        target: String,
    },
    /// A FIFO, socket, device or broken link: never opened (opening a FIFO blocks).
    Special,
}

/// One name in a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name alone, in NFC.
    pub name: String,
    pub kind: Kind,
}

/// Why a file was not read. The messages complete « lecture impossible de « x » : ».
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("le fichier n'existe pas")]
    NotFound,
    #[error("c'est un lien vers « {target} », hors du dossier")]
    Outside { target: String },
    #[error("ce n'est pas un fichier ordinaire (dossier, tube nommé ou périphérique)")]
    NotRegular,
    #[error("le fichier fait {size} octets, plus que la limite de {} Mio", max / 1024 / 1024)]
    TooLarge { size: u64, max: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Read access to a tree of files. Object-safe, so the loader takes `&dyn FileSource`.
pub trait FileSource: Send + Sync + std::fmt::Debug {
    /// What `rel` is, or `None` when nothing is there.
    fn kind(&self, rel: &str) -> Option<Kind>;
    /// The entries of folder `rel_dir`, sorted by name (hidden names included).
    fn list(&self, rel_dir: &str) -> std::io::Result<Vec<Entry>>;
    /// The bytes of regular file `rel`, at most [`MAX_READ`] of them.
    fn read(&self, rel: &str) -> Result<Vec<u8>, ReadError> {
        self.read_up_to(rel, MAX_READ)
    }
    /// The bytes of regular file `rel`, at most `max` of them: a bigger file is refused
    /// before any allocation.
    fn read_up_to(&self, rel: &str, max: u64) -> Result<Vec<u8>, ReadError>;
    /// Where `rel` leads when it is a symbolic link resolving inside the root, as a
    /// path of this source: two names of one file are then read as one. `None` for
    /// anything else, and in sources without links.
    fn link_target(&self, _rel: &str) -> Option<String> {
        None
    }
}

/// `dir/name`, or `name` at the root.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// `name` in Unicode NFC; an ASCII name (most of a dossier's) is NFC already.
pub fn nfc(name: &str) -> String {
    if name.is_ascii() {
        name.to_string()
    } else {
        name.nfc().collect()
    }
}

/// A relative path in the sources' form: `/`-separated, NFC, without `.` or empty parts.
/// `None` when it would leave the root (`..`) or is absolute.
pub fn normalize(rel: &str) -> Option<String> {
    if rel.starts_with('/') {
        return None;
    }
    let mut parts = Vec::new();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(nfc(p)),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_keeps_paths_inside_the_root() {
        assert_eq!(normalize("./a//b/").as_deref(), Some("a/b"));
        assert_eq!(normalize("e\u{301}te\u{301}.md").as_deref(), Some("été.md"));
        assert_eq!(normalize("a/../b"), None);
        assert_eq!(normalize("/etc/passwd"), None);
    }
}
