//! Safe writes: atomic (temp file then rename) and never over an existing file.

use std::io::Write;
use std::path::Path;

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
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(content.as_bytes())?;
    tmp.as_file().sync_all()?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(Written::Created),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(Written::Kept),
        Err(e) => Err(e.error),
    }
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
