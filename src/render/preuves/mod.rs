//! The evidence annex (guide, section E.IV): every evidence item under the number the
//! annex's « Liste des preuves » gives it, with the fiches that cite it, then the evidence
//! itself (Markdown shown, CSV as tables, in the PDF form pictures and PDF pages placed);
//! as Markdown, as HTML, as PDF, or as a zip holding the files under their numbers
//! (`012-nom.csv`) with the index. Every read goes through the
//! dossier's file source (bounded, contained).

mod archive;
mod content;
#[cfg(feature = "pdf")]
mod pdf;

pub use archive::zip;
#[cfg(feature = "pdf")]
pub use pdf::pdf;

use crate::model::Dossier;
use crate::render::view::{Annexe, Preuve};
use std::fmt::Write;

/// The name of evidence `p` in the zip: its number on three digits, then its file name.
pub fn file_name(p: &Preuve) -> String {
    let name = p.chemin.rsplit('/').next().unwrap_or(&p.chemin);
    format!("{:03}-{name}", p.numero)
}

/// How an evidence item is referred to everywhere: « preuve 12 ».
pub fn reference(p: &Preuve) -> String {
    format!("preuve {}", p.numero)
}

/// The evidence annex in Markdown: the numbered index, then each item's content.
pub fn markdown(d: &Dossier, a: &Annexe) -> String {
    let mut out = index_md(a);
    for p in &a.preuves {
        let _ = writeln!(
            out,
            "\n## {} — {}\n",
            capitalised(&reference(p)),
            md_text(&p.chemin)
        );
        match &p.adresse {
            // A page on line is named, never fetched: the reader follows the address.
            Some(url) => {
                let _ = writeln!(
                    out,
                    "Page en ligne : <{url}> (non jointe : ouvrez l'adresse)."
                );
            }
            None => out.push_str(&content::read(d, &p.chemin).markdown()),
        }
    }
    crate::typo::french(&out)
}

/// The evidence annex as one HTML page (the Markdown form, made safe by `markup`).
pub fn html(d: &Dossier, a: &Annexe) -> String {
    page(a, &crate::markup::to_html(&strip_marker(&markdown(d, a))))
}

fn strip_marker(md: &str) -> String {
    md.lines().skip(1).collect::<Vec<_>>().join("\n")
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn md_text(s: &str) -> String {
    crate::markup::md_field(s)
}

/// The numbered list: number, file, who cites it.
fn index_md(a: &Annexe) -> String {
    let mut out = String::from("<!-- généré par ldm : annexe des preuves -->\n");
    let _ = writeln!(
        out,
        "# Annexe des preuves — {}\n\nDossier de labellisation « Lycée des métiers », campagne {}. \
         Les numéros sont ceux de la liste des preuves de l'annexe.\n",
        md_text(&a.identite.nom),
        a.identite.annee
    );
    out.push_str("| N° | Preuve | Citée par |\n|---|---|---|\n");
    for p in &a.preuves {
        let file = md_text(&p.chemin);
        let cited = if p.citee_par.is_empty() {
            "—".to_string()
        } else {
            p.citee_par
                .iter()
                .map(|c| md_text(c))
                .collect::<Vec<_>>()
                // `markup` escapes raw HTML: the fiches of one cell are separated by « ; ».
                .join(" ; ")
        };
        let _ = writeln!(out, "| {} | {file} | {cited} |", p.numero);
    }
    out
}

/// A standalone HTML page with ldm's generator mark, in French typography.
fn page(a: &Annexe, body: &str) -> String {
    let title = crate::markup::md_field(&format!("Annexe des preuves — {}", a.identite.nom));
    crate::typo::french_html(&format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"generator\" content=\"ldm\">\n<title>{title}</title>\n<style>\n\
         body {{ font-family: sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.4 }}\n\
         table {{ border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; font-size: .85em }}\n\
         td, th {{ overflow-wrap: anywhere }}\n\
         th, td {{ border: 1px solid #999; padding: .2rem .4rem; vertical-align: top }}\n\
         th {{ background: #e7ecf2 }} tr {{ break-inside: avoid }}\n\
         h2 {{ break-before: page; border-bottom: 1px solid #999 }}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    ))
}

/// The index alone as HTML, each file linked under its name in the zip (links to files
/// beside it: the one thing the page requests, and only when opened from the archive).
pub fn index_html(a: &Annexe) -> String {
    use quick_xml::escape::escape;
    let mut rows = String::new();
    for p in &a.preuves {
        let cited = if p.citee_par.is_empty() {
            "—".to_string()
        } else {
            p.citee_par
                .iter()
                .map(|c| escape(c.as_str()).into_owned())
                .collect::<Vec<_>>()
                .join("<br>")
        };
        let _ = writeln!(
            rows,
            "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{cited}</td></tr>",
            p.numero,
            escape(file_name(p).as_str()),
            escape(p.chemin.as_str())
        );
    }
    let intro = escape(format!(
        "Dossier de labellisation « Lycée des métiers », campagne {}. Les numéros sont ceux de la liste des preuves de l'annexe.",
        a.identite.annee
    ))
    .into_owned();
    page(
        a,
        &format!(
            "<h1>Annexe des preuves — {}</h1>\n<p>{intro}</p>\n<table>\n<thead><tr><th>N°</th><th>Preuve</th><th>Citée par</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>",
            escape(a.identite.nom.as_str())
        ),
    )
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
}
