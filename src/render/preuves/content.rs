//! What an evidence file shows in the annex: Markdown as written, CSV as a table, other
//! files named with their size. Read through the dossier's file source only.

use crate::model::Dossier;
use crate::vfs::Kind;

pub enum Content {
    Markdown(String),
    /// Its first rows and columns (`bounds::table`), with the size of the whole file.
    Csv(crate::bounds::Table),
    /// A file shown by name only (image, PDF, office document…), with its size in bytes.
    Other(u64),
    /// Why it could not be read (a link out of the dossier, too large, missing…).
    Unreadable(String),
}

/// Reads evidence `chemin` (relative to the dossier) through the dossier's file source.
pub fn read(d: &Dossier, chemin: &str) -> Content {
    if let Err(why) = crate::model::query::evidence_path(chemin) {
        return Content::Unreadable(format!("hors du dossier{}", why.detail()));
    }
    let ext = extension(chemin);
    match d.preuves.get(chemin) {
        Some(Kind::File { size }) if !matches!(ext.as_str(), "md" | "markdown" | "csv" | "txt") => {
            return Content::Other(*size);
        }
        Some(Kind::File { .. }) => {}
        _ => return Content::Unreadable("absent du dossier ou hors du dossier".to_string()),
    }
    let bytes = match d.files.read(chemin) {
        Ok(b) => b,
        Err(e) => return Content::Unreadable(e.to_string()),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Content::Unreadable("ce n'est pas du texte UTF-8".to_string());
    };
    let text =
        crate::load::control::scrub(text.trim_start_matches('\u{feff}')).replace("\r\n", "\n");
    if ext == "csv" {
        match crate::bounds::table(&text) {
            Ok(t) => Content::Csv(t),
            Err(e) => Content::Unreadable(format!("CSV illisible : {e}")),
        }
    } else {
        Content::Markdown(crate::load::nesting::flattened(&text))
    }
}

/// The extension of `chemin`, in lower case (`""` without one).
pub fn extension(chemin: &str) -> String {
    chemin
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

impl Content {
    /// The content in Markdown, under the item's heading.
    pub fn markdown(&self) -> String {
        match self {
            // The evidence's own headings go below the item's heading.
            Content::Markdown(md) => {
                let md = crate::markup::without_comments(md);
                let demoted: Vec<String> = md
                    .lines()
                    .map(|l| {
                        if l.starts_with('#') {
                            format!("##{l}")
                        } else {
                            l.to_string()
                        }
                    })
                    .collect();
                format!("{}\n", demoted.join("\n"))
            }
            Content::Csv(t) => table(t),
            Content::Other(size) => format!(
                "*Fichier joint tel quel ({}), à consulter dans l'archive des preuves.*\n",
                size_text(*size)
            ),
            Content::Unreadable(why) => {
                format!("*Lecture impossible : {}.*\n", crate::markup::md_field(why))
            }
        }
    }
}

/// A CSV table in Markdown, at the width of its widest kept row (never wider: rows are
/// padded to it), with what was cut said above it.
fn table(t: &crate::bounds::Table) -> String {
    let rows = &t.rows;
    let Some(head) = rows.first() else {
        return "*Fichier vide.*\n".to_string();
    };
    let width = t.width();
    let line = |r: &Vec<String>| {
        let cells: Vec<String> = (0..width)
            .map(|i| crate::markup::md_field(r.get(i).map_or("", String::as_str)))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = cut_note(t).map_or_else(String::new, |n| format!("*{n}*\n\n"));
    out.push_str(&line(head));
    out.push_str(&format!("|{}\n", "---|".repeat(width)));
    for r in &rows[1..] {
        out.push_str(&line(r));
    }
    out
}

/// What was cut from a CSV table, as a sentence (`None` when it is whole).
pub fn cut_note(t: &crate::bounds::Table) -> Option<String> {
    use crate::bounds::{MAX_COLUMNS, MAX_ROWS};
    t.excess()?;
    let n = |v: usize| crate::numfmt::with_unit(v as f64, crate::numfmt::Unite::Nombre);
    Some(format!(
        "Tableau coupé : le fichier compte {} lignes et {} colonnes ; les {} premières lignes \
         et les {} premières colonnes sont reproduites, le fichier entier est dans l'archive \
         des preuves.",
        n(t.total_rows),
        n(t.total_columns),
        n(t.rows.len().min(MAX_ROWS)),
        n(t.width().min(MAX_COLUMNS)),
    ))
}

fn size_text(size: u64) -> String {
    if size >= 1024 * 1024 {
        format!(
            "{} Mio",
            crate::numfmt::number((size as f64 / 1048576.0 * 10.0).round() / 10.0)
        )
    } else {
        format!("{} Kio", size.div_ceil(1024))
    }
}
