//! Safe writes: atomic (temp file then rename) and never over an existing file.

use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Temporary files are named `.ldm-XXXXXX` beside their destination.
const TEMP_PREFIX: &str = ".ldm-";

/// A temporary file this old was left by a killed run (a write takes milliseconds).
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// How much of an existing output is read to find ldm's marker (all markers are in
/// the first lines of the documents ldm writes; a DOCX's, in `core.xml`, is its first
/// zip file).
const MARKER_WINDOW: u64 = 8 * 1024;
/// A PDF carries its marker in its XMP metadata, which typst writes near the end, after
/// the pages: the whole file is read, still bounded, and only when it is regular.
const PDF_MARKER_WINDOW: u64 = 64 * 1024 * 1024;

/// A temporary file beside its destination, readable like any file the user writes
/// (tempfile's default is private to the owner).
fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o644));
    }
    remove_stale_temps(dir);
    b.prefix(TEMP_PREFIX).tempfile_in(dir)
}

/// Removes the temporary files a killed run left in `dir`: regular files (never
/// links) named `.ldm-…`, old enough that no running write can own them.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.filter_map(Result::ok) {
        let stale = e.file_name().to_string_lossy().starts_with(TEMP_PREFIX)
            && e.metadata().is_ok_and(|m| {
                m.file_type().is_file()
                    && m.modified()
                        .is_ok_and(|t| now.duration_since(t).is_ok_and(|age| age > STALE_AFTER))
            });
        if stale {
            // Best effort: a file another process removed meanwhile is fine.
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// What happened to a file `write_new` was asked to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Created,
    /// The file existed and was left byte-identical.
    Kept,
}

/// A path as messages show it: `/`-separated whatever the OS, like diagnostics (on
/// Windows `\\` is a separator; elsewhere it may be part of a name, so it stays).
pub fn shown(p: &Path) -> String {
    let s = p.display().to_string();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s
    }
}

/// An I/O error in French: the OS's own wording is English (« Permission denied (os
/// error 13) »), and a teacher must read what went wrong.
pub fn io_french(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "dossier ou fichier introuvable",
        K::PermissionDenied => "permission refusée",
        K::ReadOnlyFilesystem => "emplacement en lecture seule",
        K::AlreadyExists => "existe déjà",
        K::StorageFull | K::QuotaExceeded => "disque plein",
        K::NotADirectory => "un élément du chemin n'est pas un dossier",
        K::IsADirectory => "c'est un dossier",
        K::DirectoryNotEmpty => "le dossier n'est pas vide",
        K::InvalidFilename => "nom de fichier invalide",
        K::Interrupted => "opération interrompue",
        _ => "le système a refusé l'opération",
    };
    match e.raw_os_error() {
        Some(code) => format!("{what} (code système {code})"),
        None => what.to_string(),
    }
}

/// Writes `content` to `path` unless it exists. The content goes to a temporary file
/// in the same folder, then is linked into place without replacing anything, so a
/// crash never leaves a half-written file and a file created meanwhile is kept.
pub fn write_new(path: &Path, content: &str) -> std::io::Result<Written> {
    write_new_bytes(path, content.as_bytes())
}

/// [`write_new`] for any bytes (an evidence file copied by a renewal).
pub fn write_new_bytes(path: &Path, content: &[u8]) -> std::io::Result<Written> {
    if path.exists() {
        return Ok(Written::Kept);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = temp_in(dir)?;
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(Written::Created),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(Written::Kept),
        Err(e) => Err(e.error),
    }
}

/// Marks ldm's own output files, so that they can be written again: a file without
/// it was written by someone else and is not replaced without `--force`.
pub const MARKERS: &[&str] = &[
    "<meta name=\"generator\" content=\"ldm\">",
    "<!-- généré par ldm",
    "\"generateur\": \"ldm\"",
    // PDF: the XMP metadata typst writes from the document's creator (`typeset`).
    "<xmp:CreatorTool>ldm</xmp:CreatorTool>",
    // DOCX: its core properties, its first zip file, stored uncompressed (`render::docx`).
    "<cp:lastModifiedBy>ldm</cp:lastModifiedBy>",
];

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "« {0} » existe et n'a pas été produit par ldm : il n'est pas remplacé (--force pour le remplacer)"
    )]
    Foreign(std::path::PathBuf),
    #[error(
        "« {0} » n'est pas un fichier ordinaire (tube nommé, périphérique ou lien hors de son dossier) : il n'est pas remplacé"
    )]
    NotRegular(std::path::PathBuf),
    #[error("écriture impossible de « {path} » : {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(
        "« {0} » mènerait hors du dossier (un de ses dossiers est un lien symbolique vers l'extérieur) : rien n'est écrit ; remplacez le lien par un vrai dossier, ou indiquez le fichier à écrire avec -o"
    )]
    Outside(std::path::PathBuf),
}

/// Refuses a file ldm writes by default in a dossier (its annex, a new fiche, an
/// `init` file) when a folder on its way is a link that leads outside the dossier:
/// the deepest existing folder of `path`, links resolved, must lie inside `root`.
pub fn check_inside(root: &Path, path: &Path) -> Result<(), OutputError> {
    let outside = || OutputError::Outside(path.to_path_buf());
    let root = root.canonicalize().map_err(|_| outside())?;
    let existing = path.ancestors().skip(1).find_map(|d| {
        if d.as_os_str().is_empty() {
            Path::new(".")
        } else {
            d
        }
        .canonicalize()
        .ok()
    });
    match existing {
        Some(real) if real.starts_with(&root) => Ok(()),
        _ => Err(outside()),
    }
}

/// Writes an output file atomically, replacing an earlier ldm output but never a file
/// someone else wrote (unless `force`).
pub fn write_output(
    path: &Path,
    content: impl AsRef<[u8]>,
    force: bool,
) -> Result<(), OutputError> {
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !force && std::fs::symlink_metadata(path).is_ok() {
        match written_by_ldm(path) {
            Ok(true) => {}
            Ok(false) => return Err(OutputError::Foreign(path.to_path_buf())),
            Err(Refused::NotRegular) => return Err(OutputError::NotRegular(path.to_path_buf())),
            Err(Refused::Io(e)) => return Err(io(e)),
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = temp_in(dir).map_err(io)?;
    tmp.write_all(content.as_ref()).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

enum Refused {
    NotRegular,
    Io(std::io::Error),
}

/// Whether the existing file at `path` carries ldm's marker, reading at most its
/// first [`MARKER_WINDOW`] bytes. Only a regular file is opened (without blocking, so
/// a FIFO cannot hang the check), and a link only when it stays in its folder.
fn written_by_ldm(path: &Path) -> Result<bool, Refused> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let meta = std::fs::symlink_metadata(path).map_err(Refused::Io)?;
    if meta.file_type().is_symlink() {
        let inside = match (path.canonicalize(), dir.canonicalize()) {
            (Ok(target), Ok(dir)) => target.parent() == Some(dir.as_path()),
            _ => false,
        };
        if !inside {
            return Err(Refused::NotRegular);
        }
    }
    let file = crate::vfs::disk::open_nonblocking(path).map_err(Refused::Io)?;
    if !file.metadata().map_err(Refused::Io)?.is_file() {
        return Err(Refused::NotRegular);
    }
    let is_pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let window = if is_pdf {
        PDF_MARKER_WINDOW
    } else {
        MARKER_WINDOW
    };
    let mut head = Vec::new();
    file.take(window)
        .read_to_end(&mut head)
        .map_err(Refused::Io)?;
    let head = String::from_utf8_lossy(&head);
    Ok(MARKERS.iter().any(|m| head.contains(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_files_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.md");
        assert_eq!(write_new(&p, "un").unwrap(), Written::Created);
        assert_eq!(write_new(&p, "deux").unwrap(), Written::Kept);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "un");
        assert_eq!(
            std::fs::read_dir(p.parent().unwrap()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn outputs_replace_ldm_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("annexe.md");
        std::fs::write(&p, "écrit à la main").unwrap();
        assert!(matches!(
            write_output(&p, "x", false),
            Err(OutputError::Foreign(_))
        ));
        std::fs::write(&p, "<!-- généré par ldm -->\nancien").unwrap();
        write_output(&p, "<!-- généré par ldm -->\nnouveau", false).unwrap();
        assert!(std::fs::read_to_string(&p).unwrap().ends_with("nouveau"));
        // A marker far down a big file is not looked for.
        let far = format!("{}<!-- généré par ldm", " ".repeat(MARKER_WINDOW as usize));
        std::fs::write(&p, far).unwrap();
        assert!(matches!(
            write_output(&p, "x", false),
            Err(OutputError::Foreign(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_links_out_of_the_folder_are_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("tube.html");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let started = std::time::Instant::now();
        assert!(matches!(
            write_output(&fifo, "x", false),
            Err(OutputError::NotRegular(_))
        ));
        assert!(started.elapsed() < Duration::from_secs(1));
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("page.html");
        std::fs::write(&target, "<meta name=\"generator\" content=\"ldm\">").unwrap();
        let link = dir.path().join("lien.html");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            write_output(&link, "x", false),
            Err(OutputError::NotRegular(_))
        ));
        let zero = dir.path().join("zero.html");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            write_output(&zero, "x", false),
            Err(OutputError::NotRegular(_))
        ));
        assert!(std::fs::read_to_string(&target).unwrap().contains("ldm"));
    }

    #[test]
    fn temp_files_of_a_killed_run_are_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".ldm-AbC123");
        let f = std::fs::File::create(&old).unwrap();
        f.set_modified(SystemTime::now() - 2 * STALE_AFTER).unwrap();
        let fresh = dir.path().join(".ldm-XyZ789");
        std::fs::write(&fresh, "").unwrap();
        write_output(&dir.path().join("annexe.md"), "x", false).unwrap();
        assert!(!old.exists(), "stale temp file kept");
        assert!(fresh.exists(), "a running write's temp file was removed");
    }
}
