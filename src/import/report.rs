//! What `ldm import` tells the user: the refusal of a file that is not a .docx, the
//! counts and every note, in text or in JSON.

use super::Imported;

/// The French message for a file that is not a .docx, by its extension; `None` for one.
pub fn not_docx(path: &std::path::Path) -> Option<String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    match ext.as_str() {
        "docx" => None,
        "doc" | "odt" | "rtf" => Some(format!(
            "ldm lit les fichiers Word au format .docx, pas .{ext} : ouvrez-le dans LibreOffice ou Word et enregistrez-le au format .docx"
        )),
        "pdf" => Some(
            "un PDF ne garde pas les tableaux du dossier : reprenez le fichier Word (.docx) d'origine, ou ouvrez le PDF dans Word et enregistrez-le au format .docx"
                .into(),
        ),
        "" => Some("ldm ne sait importer qu'un fichier Word au format .docx".into()),
        _ => Some(format!(
            "ldm ne sait importer qu'un fichier Word au format .docx (pas .{ext})"
        )),
    }
}

impl Imported {
    /// The report as text lines: the counts, the files kept, then every note.
    pub fn lines(&self, dossier: &str, kept: &[&str]) -> Vec<String> {
        let c = &self.counts;
        let mut out = vec![format!(
            "Dossier {dossier} : {} critères, {} actions, {} engagements, {} objectifs, {} indicateurs, {} mesures, {} personnes ({} fichiers écrits).",
            c.criteres,
            c.actions,
            c.engagements,
            c.objectifs,
            c.indicateurs,
            c.mesures,
            c.personnes,
            self.files.len() - kept.len()
        )];
        out.extend(kept.iter().map(|k| format!("conservé (existant) : {k}")));
        if !self.notes.is_empty() {
            out.push(format!("Non repris ou à vérifier ({}) :", self.notes.len()));
        }
        for n in &self.notes {
            let texte = if n.texte.is_empty() {
                String::new()
            } else {
                format!("« {} » ", n.texte)
            };
            out.push(format!("  {} : {texte}{}", n.endroit, n.motif));
        }
        out
    }

    /// The same report for tools (`ldm import --format json`, schema `sortie-import`).
    pub fn sortie<'a>(&'a self, dossier: &'a str, kept: &'a [&'a str]) -> Sortie<'a> {
        Sortie {
            dossier,
            fichiers: self.files.iter().map(|f| f.path.as_str()).collect(),
            conserves: kept,
            comptes: &self.counts,
            non_repris: &self.notes,
        }
    }
}

/// `ldm import --format json`: the folder written, its files (those kept included), the
/// files that existed and were kept, the counts, and what was not imported.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct Sortie<'a> {
    pub dossier: &'a str,
    pub fichiers: Vec<&'a str>,
    pub conserves: &'a [&'a str],
    pub comptes: &'a super::Counts,
    pub non_repris: &'a [super::Note],
}

/// The version of `ldm import --format json` (docs/json.md keeps the changelog).
pub const JSON_VERSION: u32 = 1;
