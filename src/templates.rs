//! What a dossier's `templates/` folder may still change in a document — the annex's look,
//! `templates/annexe.css` — and the error naming that file when it cannot be used.
//!
//! The documents are no longer templates (they are `doc::Document`s, written once for the
//! four formats); `ldm init`'s files are `scaffold`'s own minijinja templates.

/// A file of the dossier's `templates/` that cannot be used: names the file and the line.
#[derive(Debug, thiserror::Error)]
#[error(
    "fichier « {file} »{} : {message}\naide : corrigez-le, ou retirez-le du dossier templates/ pour revenir à l'apparence de ldm",
    line.map_or(String::new(), |l| format!(", ligne {l}"))
)]
pub struct TemplateError {
    /// `templates/annexe.css`.
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}
