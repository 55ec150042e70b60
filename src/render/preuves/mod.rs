//! The evidence annex (guide, section E.IV): every evidence item under the number the
//! annex's « Liste des preuves » gives it and its name, with the fiches that cite it, then
//! the evidence itself (Markdown read into the document, CSV as tables, in the PDF
//! pictures and PDF pages placed) — one `doc::Document` (`document.rs`) rendered as
//! Markdown, HTML or PDF — or a zip holding the files under their numbers (`012-nom.csv`)
//! with the index. Every read goes through the dossier's file source (bounded, contained).

mod archive;
mod content;
mod document;
#[cfg(feature = "pdf")]
mod place;

pub use archive::zip;
pub use document::{TITLE, document, index_document};
#[cfg(feature = "pdf")]
pub use place::pdf;

use crate::model::Dossier;
use crate::render::view::{Annexe, Preuve};

/// The name of evidence `p` in the zip: its number on three digits, then its file name.
pub fn file_name(p: &Preuve) -> String {
    let name = p.chemin.rsplit('/').next().unwrap_or(&p.chemin);
    format!("{:03}-{name}", p.numero)
}

/// How an evidence item is referred to everywhere: « preuve 12 ».
pub fn reference(p: &Preuve) -> String {
    format!("preuve {}", p.numero)
}

/// What evidence `p` is called: a Markdown file's title, a page's text, else its file
/// name made readable (« suivi-sortants-2025.csv » → « Suivi sortants 2025 »).
pub fn name(d: &Dossier, p: &Preuve) -> String {
    if p.adresse.is_some() {
        return p.texte.clone().unwrap_or_else(|| p.chemin.clone());
    }
    let markdown = matches!(content::extension(&p.chemin).as_str(), "md" | "markdown");
    if markdown
        && let content::Content::Markdown(md) = content::read(d, &p.chemin)
        && let Some(t) = content::title(&md)
    {
        return t;
    }
    readable(&p.chemin)
}

/// A file name as words: extension dropped, dashes and underscores as spaces (a dash
/// between digits kept, « 2024-2025 »), the first letter capitalised.
fn readable(chemin: &str) -> String {
    let file = chemin.rsplit('/').next().unwrap_or(chemin);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let chars: Vec<char> = stem.chars().collect();
    let words: String = chars
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let digits = k > 0
                && chars[k - 1].is_ascii_digit()
                && chars.get(k + 1).is_some_and(char::is_ascii_digit);
            if c == '_' || (c == '-' && !digits) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut c = words.chars();
    c.next()
        .map_or_else(|| file.to_string(), |f| f.to_uppercase().chain(c).collect())
}

/// The evidence annex in Markdown.
pub fn markdown(d: &Dossier, a: &Annexe) -> String {
    crate::doc::md::render(&document(d, a, &mut |_, _| None))
}

/// The evidence annex as one HTML page.
pub fn html(d: &Dossier, a: &Annexe) -> String {
    crate::doc::html::render(&document(d, a, &mut |_, _| None))
}

/// The index alone as HTML, each file linked under its name in the zip (links to files
/// beside it: the one thing the page requests, and only when opened from the archive).
pub fn index_html(d: &Dossier, a: &Annexe) -> String {
    crate::doc::html::render(&index_document(d, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_the_number_on_three_digits() {
        let p = Preuve {
            numero: 12,
            chemin: "preuves/4-partenariats/convention.pdf".to_string(),
            adresse: None,
            texte: None,
            citee_par: Vec::new(),
        };
        assert_eq!(file_name(&p), "012-convention.pdf");
        assert_eq!(reference(&p), "preuve 12");
    }

    #[test]
    fn a_file_name_reads_as_words() {
        assert_eq!(
            readable("preuves/7/absenteisme_mensuel-2024-2025.csv"),
            "Absenteisme mensuel 2024-2025"
        );
        assert_eq!(readable("preuves/a/-.pdf"), "-.pdf");
        assert_eq!(readable("preuves/a/été.png"), "Été");
    }
}
