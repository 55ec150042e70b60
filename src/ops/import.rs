//! `import`'s request decided once: the Word file checked before it is read (a .docx,
//! within the size bound), the folder it becomes (new, or completed with `--force`), the
//! files written without overwriting, the report in text or JSON, and the check of the
//! dossier made.

use super::output::Kind;
use crate::fsutil::{Written, io_french, shown, write_new};
use crate::import::{self, Imported, PackageError};
use crate::report::Checked;
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// The report's formats, its default first.
pub const FORMATS: &[Kind] = &[Kind::Term, Kind::Json];

/// What `ldm import` is asked to do.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The Word file (.docx).
    pub fichier: &'a Path,
    /// The folder to make; by default the file's name without its extension.
    pub dossier: Option<&'a Path>,
    /// Complete a folder that is not empty, adding only the missing files.
    pub force: bool,
}

/// The dossier made: where, what was read, and the files already there that were kept.
#[derive(Debug)]
pub struct Made {
    pub dossier: PathBuf,
    pub imported: Imported,
    pub kept: Vec<String>,
}

/// Reads the Word file and writes the dossier's files, never over an existing one; every
/// refusal (not a .docx, too large, unreadable, a folder already filled) is one French
/// sentence.
pub fn import(req: &Request) -> anyhow::Result<Made> {
    if let Some(m) = import::not_docx(req.fichier) {
        anyhow::bail!(m);
    }
    match std::fs::metadata(req.fichier).map(|m| m.len()) {
        Err(e) => anyhow::bail!("{} : {}", shown(req.fichier), io_french(&e)),
        Ok(n) if n > import::MAX_FILE => {
            anyhow::bail!("{}", PackageError::TooLarge(n / (1024 * 1024)))
        }
        Ok(_) => {}
    }
    let dossier = match req.dossier {
        Some(d) => d.to_path_buf(),
        None => req.fichier.with_extension(""),
    };
    if !req.force && std::fs::read_dir(&dossier).is_ok_and(|mut d| d.next().is_some()) {
        anyhow::bail!(
            "le dossier {} n'est pas vide : choisissez un dossier neuf, ou « --force » pour n'ajouter que les fichiers manquants",
            shown(&dossier)
        );
    }
    let imported =
        import::import(&std::fs::read(req.fichier)?).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut kept = Vec::new();
    for f in &imported.files {
        if write_new(&dossier.join(&f.path), &f.content)? == Written::Kept {
            kept.push(f.path.clone());
        }
    }
    Ok(Made {
        dossier,
        imported,
        kept,
    })
}

impl Made {
    /// The report: JSON in the envelope, or the text's lines in French typography.
    pub fn report(&self, kind: Kind) -> String {
        let folder = shown(&self.dossier);
        let kept: Vec<&str> = self.kept.iter().map(String::as_str).collect();
        if kind == Kind::Json {
            let sortie = self.imported.sortie(&folder, &kept);
            return super::json::document(import::JSON_VERSION, &sortie);
        }
        let lines = self.imported.lines(&folder, &kept);
        crate::typo::french(&(lines.join("\n") + "\n"))
    }
}

/// The dossier made, checked as `ldm check` checks it; `label` names it in the report.
pub fn check(dossier: &Path, label: String) -> anyhow::Result<Checked> {
    let mut ws = Workspace::load(dossier)?;
    let report = super::check::check(&mut ws);
    Ok(Checked::new(label, &ws.dossier, report, 0))
}

/// What to do when the evidence the dossier cites is not beside it (a Word file carries
/// the paths, not the files): one sentence to read before the findings, one per file.
pub fn evidence_hint(checked: &Checked) -> Option<String> {
    let missing = (checked.report.diagnostics.iter())
        .filter(|d| d.rule == crate::rule::Rule::PreuveIntrouvable)
        .count();
    match missing {
        0 => None,
        1 => Some("1 preuve citée n'est pas dans le dossier : le fichier Word ne donne que son chemin ; copiez le fichier à ce chemin (« ldm check » le donne).".into()),
        n => Some(format!("{n} preuves citées ne sont pas dans le dossier : le fichier Word ne donne que leurs chemins ; copiez les fichiers à ces chemins (« ldm check » les donne).")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_comes_before_anything_is_written() {
        let dir = std::env::temp_dir().join(format!("ldm-ops-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let docx = dir.join("ancien.docx");
        std::fs::write(&docx, b"not a zip").unwrap();
        let cases: [(&Path, Option<&Path>, bool, &str); 4] = [
            (
                Path::new("dossier.pdf"),
                None,
                false,
                "un PDF ne garde pas les tableaux",
            ),
            (Path::new("absent.docx"), None, false, "absent.docx : "),
            (&docx, Some(&dir), false, "n'est pas vide"),
            (&docx, Some(&dir), true, "Word"),
        ];
        for (fichier, dossier, force, said) in cases {
            let req = Request {
                fichier,
                dossier,
                force,
            };
            let e = import(&req).expect_err("refused").to_string();
            assert!(e.contains(said), "{fichier:?}: « {e} » lacks « {said} »");
        }
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "nothing written"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
