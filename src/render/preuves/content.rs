//! What an evidence file shows in the annex: Markdown as written, CSV as a table, other
//! files named with their size. Read through the dossier's file source only.

use crate::model::Dossier;
use crate::vfs::Kind;

pub enum Content {
    Markdown(String),
    Csv(Vec<Vec<String>>),
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
        match csv_rows(&text) {
            Ok(rows) => Content::Csv(rows),
            Err(e) => Content::Unreadable(format!("CSV illisible : {e}")),
        }
    } else {
        Content::Markdown(text)
    }
}

/// The extension of `chemin`, in lower case (`""` without one).
pub fn extension(chemin: &str) -> String {
    chemin
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The rows of a CSV file, comma- or semicolon-separated (French spreadsheets write `;`).
fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, csv::Error> {
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
        .collect()
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
            Content::Csv(rows) => table(rows),
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

fn table(rows: &[Vec<String>]) -> String {
    let Some(head) = rows.first() else {
        return "*Fichier vide.*\n".to_string();
    };
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let line = |r: &Vec<String>| {
        let cells: Vec<String> = (0..width)
            .map(|i| crate::markup::md_field(r.get(i).map_or("", String::as_str)))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = line(head);
    out.push_str(&format!("|{}\n", "---|".repeat(width)));
    for r in &rows[1..] {
        out.push_str(&line(r));
    }
    out
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
