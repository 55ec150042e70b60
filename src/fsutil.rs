//! Safe writes: atomic (temp file then rename) and never over an existing file.

use std::io::Write;
use std::path::Path;

/// A temporary file beside its destination, readable like any file the user writes
/// (tempfile's default is private to the owner).
fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o644));
    }
    b.prefix(".ldm-").tempfile_in(dir)
}

/// What happened to a file `write_new` was asked to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Created,
    /// The file existed and was left byte-identical.
    Kept,
}

/// Writes `content` to `path` unless it exists. The content goes to a temporary file
/// in the same folder, then is linked into place without replacing anything, so a
/// crash never leaves a half-written file and a file created meanwhile is kept.
pub fn write_new(path: &Path, content: &str) -> std::io::Result<Written> {
    if path.exists() {
        return Ok(Written::Kept);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = temp_in(dir)?;
    tmp.write_all(content.as_bytes())?;
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
    // PDF: the XMP metadata typst writes from the document's creator (`render::pdf`).
    "<xmp:CreatorTool>ldm</xmp:CreatorTool>",
];

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "« {0} » existe et n'a pas été produit par ldm : il n'est pas remplacé (--force pour le remplacer)"
    )]
    Foreign(std::path::PathBuf),
    #[error("écriture impossible de « {path} » : {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
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
    if path.exists() && !force {
        let old = std::fs::read(path).map_err(io)?;
        let old = String::from_utf8_lossy(&old);
        if !MARKERS.iter().any(|m| old.contains(m)) {
            return Err(OutputError::Foreign(path.to_path_buf()));
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
}
