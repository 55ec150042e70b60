//! The disk as a file source: a folder, with every path kept inside it.
//!
//! A symbolic link is followed only when it resolves inside the root; one that leads
//! out is reported as [`Kind::Outside`] and never opened. Only regular files are read,
//! opened without blocking (a FIFO swapped in at the last moment cannot hang a read)
//! and read up to a bound ([`MAX_READ`](super::MAX_READ) unless the caller says).

use super::{Entry, FileSource, Kind, ReadError};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Disk {
    root: PathBuf,
    /// The root with every link resolved, to tell where a path really leads.
    canonical: Option<PathBuf>,
}

impl Disk {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let canonical = root.canonicalize().ok();
        Disk { root, canonical }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The on-disk path of `rel`, and whether a name on the way below the root is a
    /// symbolic link. A name written decomposed (NFD, as macOS writes accents) is found
    /// by its NFC spelling.
    fn real(&self, rel: &str) -> Option<(PathBuf, bool)> {
        let rel = super::normalize(rel)?;
        let mut cur = self.root.clone();
        let mut linked = false;
        for part in rel.split('/').filter(|p| !p.is_empty()) {
            let direct = cur.join(part);
            cur = match fs::symlink_metadata(&direct) {
                Ok(meta) => {
                    linked |= meta.file_type().is_symlink();
                    direct
                }
                Err(_) => match fs::read_dir(&cur)
                    .ok()?
                    .filter_map(Result::ok)
                    .find(|e| nfc_name(&e.file_name()) == part)
                {
                    Some(e) => {
                        linked |= e.file_type().map_or(true, |t| t.is_symlink());
                        e.path()
                    }
                    None => direct,
                },
            };
        }
        Some((cur, linked))
    }

    /// What `rel` is, with the path it was found at.
    fn found(&self, rel: &str) -> Option<(PathBuf, Kind)> {
        let (path, linked) = self.real(rel)?;
        let kind = if linked {
            self.classify(&path)?
        } else {
            // No link below the root: the path cannot lead out, no need to resolve it.
            kind_of(&fs::symlink_metadata(&path).ok()?)
        };
        Some((path, kind))
    }

    /// What `path` is, following links only while they stay inside the root.
    fn classify(&self, path: &Path) -> Option<Kind> {
        fs::symlink_metadata(path).ok()?;
        // A broken link or a loop: there is nothing to read.
        let Ok(resolved) = path.canonicalize() else {
            return Some(Kind::Special);
        };
        if self
            .canonical
            .as_ref()
            .is_some_and(|r| !resolved.starts_with(r))
        {
            return Some(Kind::Outside {
                target: resolved.display().to_string(),
            });
        }
        Some(kind_of(&fs::metadata(path).ok()?))
    }
}

/// The kind of what `meta` (of the file itself, or of where a link leads) describes.
fn kind_of(meta: &fs::Metadata) -> Kind {
    if meta.is_file() {
        Kind::File { size: meta.len() }
    } else if meta.is_dir() {
        Kind::Dir
    } else {
        Kind::Special
    }
}

fn nfc_name(name: &std::ffi::OsStr) -> String {
    super::nfc(&name.to_string_lossy())
}

impl FileSource for Disk {
    fn kind(&self, rel: &str) -> Option<Kind> {
        self.found(rel).map(|(_, kind)| kind)
    }

    fn list(&self, rel_dir: &str) -> std::io::Result<Vec<Entry>> {
        let (dir, kind) = self.found(rel_dir).ok_or(std::io::ErrorKind::NotFound)?;
        if kind != Kind::Dir {
            return Err(std::io::ErrorKind::NotADirectory.into());
        }
        let mut out = Vec::new();
        for e in fs::read_dir(&dir)? {
            let e = e?;
            // The folder is inside: an entry that is not a link is too.
            let kind = match e.file_type()?.is_symlink() {
                false => e.metadata().ok().map(|m| kind_of(&m)),
                true => self.classify(&e.path()),
            };
            if let Some(kind) = kind {
                out.push(Entry {
                    name: nfc_name(&e.file_name()),
                    kind,
                });
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn read_up_to(&self, rel: &str, max: u64) -> Result<Vec<u8>, ReadError> {
        let (path, kind) = self.found(rel).ok_or(ReadError::NotFound)?;
        match kind {
            Kind::Outside { target } => Err(ReadError::Outside { target }),
            Kind::Dir | Kind::Special => Err(ReadError::NotRegular),
            Kind::File { size } if size > max => Err(ReadError::TooLarge { size, max }),
            Kind::File { .. } => read_bounded(&path, max),
        }
    }

    fn link_target(&self, rel: &str) -> Option<String> {
        let (path, _) = self.real(rel)?;
        if !fs::symlink_metadata(&path).ok()?.file_type().is_symlink() {
            return None;
        }
        let inside = path.canonicalize().ok()?;
        let parts = inside.strip_prefix(self.canonical.as_ref()?).ok()?;
        let names: Vec<String> = parts.iter().map(nfc_name).collect();
        Some(names.join("/"))
    }
}

/// Reads a regular file, at most `max` bytes, without ever blocking on a FIFO.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            max,
        });
    }
    Ok(bytes)
}

/// Opens for reading; on Unix with `O_NONBLOCK`, so opening a FIFO returns at once
/// (the type check that follows then refuses it). Regular files ignore the flag.
pub fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    opts.open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::vfs::MAX_READ;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_out_of_the_root_are_never_followed() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.md"), "secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "a").unwrap();
        symlink(outside.path().join("secret.md"), dir.path().join("lien.md")).unwrap();
        symlink(dir.path().join("a.md"), dir.path().join("interne.md")).unwrap();
        let disk = Disk::new(dir.path());
        assert!(
            matches!(disk.kind("lien.md"), Some(Kind::Outside { target }) if target.ends_with("secret.md"))
        );
        assert!(matches!(
            disk.read("lien.md"),
            Err(ReadError::Outside { .. })
        ));
        assert_eq!(disk.read("interne.md").unwrap(), b"a");
        let names: Vec<_> = disk.list("").unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["a.md", "interne.md", "lien.md"]);
    }

    #[test]
    fn a_fifo_is_special_and_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("tube.md");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let disk = Disk::new(dir.path());
        assert_eq!(disk.kind("tube.md"), Some(Kind::Special));
        assert!(matches!(disk.read("tube.md"), Err(ReadError::NotRegular)));
        assert!(matches!(
            read_bounded(&fifo, MAX_READ),
            Err(ReadError::NotRegular)
        ));
    }

    #[test]
    fn big_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let f = fs::File::create(dir.path().join("gros.md")).unwrap();
        f.set_len(MAX_READ + 1).unwrap();
        let disk = Disk::new(dir.path());
        assert!(
            matches!(disk.read("gros.md"), Err(ReadError::TooLarge { size, .. }) if size == MAX_READ + 1)
        );
    }
}
