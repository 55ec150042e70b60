//! `referentiel`'s request decided once: the edition named (embedded, or a `.yaml` file
//! read through the front end's file source), the whole list or one criterion, as text in
//! French typography.

use crate::referentiel::{self, display};
use crate::vfs::FileSource;

/// An edition's criteria (`critere: None`) or one criterion in detail; an edition that
/// cannot be read, or a criterion it lacks, is refused in French (with its help line).
pub fn show(edition: &str, critere: Option<u32>, files: &dyn FileSource) -> anyhow::Result<String> {
    let ed = referentiel::resolve(edition, files).map_err(|d| match d.help {
        Some(h) => anyhow::anyhow!("{}\naide\u{a0}: {h}", d.message),
        None => anyhow::anyhow!("{}", d.message),
    })?;
    let text = match critere {
        None => display::list(&ed),
        Some(n) => match ed.critere(n) {
            Some(c) => display::show(&ed, c),
            None => {
                let nums: Vec<String> = ed.criteres.iter().map(|c| c.numero.to_string()).collect();
                anyhow::bail!(
                    "l'édition {} n'a pas de critère {n} (critères : {})",
                    ed.id,
                    nums.join(", ")
                );
            }
        },
    };
    Ok(crate::typo::french(&text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Memory;

    #[test]
    fn an_edition_its_criterion_or_a_french_refusal() {
        let none = Memory::new();
        let one = show("national-2026", Some(4), &none).unwrap();
        assert!(one.contains("4.1"), "{one}");
        let missing = show("national-2026", Some(42), &none).err().unwrap();
        assert!(
            missing
                .to_string()
                .starts_with("l'édition national-2026 n'a pas de critère 42 (critères : 1, 2"),
            "{missing}"
        );
        let unknown = show("lune-2099", None, &none).err().unwrap().to_string();
        assert!(unknown.contains("lune-2099"), "{unknown}");
    }
}
