//! The Word package (a zip) read within bounds: only the main document part is inflated,
//! with limits on the entry count and on each size, and a part named outside the package
//! is refused.

use std::io::{Cursor, Read};

/// A .docx larger than this is refused before it is opened (a dossier is a few MB).
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// A package with more entries is not a Word document a school wrote.
const MAX_ENTRIES: usize = 5_000;
/// The largest inflated part read (ldm's own 40-page annex makes 0.7 MB).
const MAX_PART: u64 = 48 * 1024 * 1024;
/// The largest total of the sizes the package declares.
const MAX_TOTAL: u64 = 256 * 1024 * 1024;

/// Why a file cannot be read as a Word document; messages are the user's.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("le fichier fait {0} Mo : au-delà de {max} Mo, ldm ne l'ouvre pas (un dossier Word en fait quelques-uns)", max = MAX_FILE / (1024 * 1024))]
    TooLarge(u64),
    #[error("ce fichier n'est pas un document Word (.docx) lisible : {0}")]
    NotZip(String),
    #[error("le document contient {0} éléments : au-delà de {MAX_ENTRIES}, ldm ne le lit pas")]
    TooManyEntries(usize),
    #[error(
        "la partie « {0} » du document dépasse la taille admise une fois décompressée (fichier piégé ou endommagé)"
    )]
    PartTooLarge(String),
    #[error("les parties du document totalisent plus de {} Mo une fois décompressées (fichier piégé ou endommagé)", MAX_TOTAL / (1024 * 1024))]
    TotalTooLarge,
    #[error("le document désigne une partie hors de lui-même (« {0} ») : ldm refuse de la suivre")]
    Outside(String),
    #[error("le document ne contient pas de texte Word (partie « {0} » absente)")]
    Missing(String),
}

/// The main document part's XML, found through the package relationships.
pub fn document_xml(bytes: &[u8]) -> Result<String, PackageError> {
    if bytes.len() as u64 > MAX_FILE {
        return Err(PackageError::TooLarge(bytes.len() as u64 / (1024 * 1024)));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| PackageError::NotZip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(PackageError::TooManyEntries(zip.len()));
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| PackageError::NotZip(e.to_string()))?;
        total = total.saturating_add(f.size());
        if f.size() > MAX_PART && wanted(f.name()) {
            return Err(PackageError::PartTooLarge(f.name().to_string()));
        }
    }
    if total > MAX_TOTAL {
        return Err(PackageError::TotalTooLarge);
    }
    let main = match read_part(&mut zip, "_rels/.rels") {
        Ok(rels) => main_target(&rels)?,
        Err(PackageError::Missing(_)) => "word/document.xml".to_string(),
        Err(e) => return Err(e),
    };
    read_part(&mut zip, &main)
}

/// The parts ldm reads: a huge part it never opens does no harm.
fn wanted(name: &str) -> bool {
    name.ends_with(".xml") || name.ends_with(".rels")
}

/// One part, inflated at most to `MAX_PART` whatever its header declares.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, PackageError> {
    let f = zip
        .by_name(name)
        .map_err(|_| PackageError::Missing(name.to_string()))?;
    let mut out = Vec::new();
    f.take(MAX_PART + 1)
        .read_to_end(&mut out)
        .map_err(|e| PackageError::NotZip(e.to_string()))?;
    if out.len() as u64 > MAX_PART {
        return Err(PackageError::PartTooLarge(name.to_string()));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The target of the officeDocument relationship, checked to stay inside the package.
fn main_target(rels: &str) -> Result<String, PackageError> {
    let mut reader = quick_xml::Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                let attr = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| a.value.to_string())
                };
                let is_main = attr("Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if let (true, Some(target)) = (is_main, attr("Target")) {
                    return inside(&target);
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    Ok("word/document.xml".to_string())
}

/// A part name relative to the package root, or the refusal of one that leaves it.
fn inside(target: &str) -> Result<String, PackageError> {
    let t = target.trim_start_matches('/');
    let outside = target.contains("://")
        || target.contains('\\')
        || t.split('/').any(|s| s == "..")
        || t.is_empty();
    if outside {
        return Err(PackageError::Outside(target.to_string()));
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_leaving_the_package_is_refused() {
        assert!(matches!(
            inside("../../etc/passwd"),
            Err(PackageError::Outside(_))
        ));
        assert!(matches!(
            inside("file:///etc/passwd"),
            Err(PackageError::Outside(_))
        ));
        assert_eq!(inside("/word/document.xml").unwrap(), "word/document.xml");
    }
}
