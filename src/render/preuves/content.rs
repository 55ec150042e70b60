//! What an evidence file shows in the annex, as blocks of the document: Markdown read
//! into the model, CSV as a table sized to its columns, other files named with their
//! size. Read through the dossier's file source only.

use crate::doc::{Block, Cell, Inline, Table, read};
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
    /// The content as blocks of the document, under the item's heading (a Markdown
    /// evidence without its title, which the heading carries).
    pub fn blocks(&self) -> Vec<Block> {
        match self {
            Content::Markdown(md) => read::prose(&without_title(md)),
            Content::Csv(t) => csv(t),
            Content::Other(size) => vec![note(&format!(
                "Fichier joint tel quel ({}), à consulter dans l'archive des preuves.",
                size_text(*size)
            ))],
            Content::Unreadable(why) => vec![note(&format!("Lecture impossible : {why}."))],
        }
    }

    /// Whether the content is a table too wide for a portrait page.
    pub fn wide(&self) -> bool {
        matches!(self, Content::Csv(t) if natural_width(&widths(t)) > PORTRAIT_CHARACTERS)
    }
}

/// The first line of a Markdown evidence when it is a level-1 heading: its title.
pub fn title(md: &str) -> Option<String> {
    let first = md.lines().find(|l| !l.trim().is_empty())?;
    let t = first
        .strip_prefix("# ")?
        .trim()
        .trim_end_matches('#')
        .trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn without_title(md: &str) -> String {
    match title(md) {
        Some(_) => {
            let rest = md.trim_start_matches(|c: char| c.is_whitespace());
            rest.split_once('\n').map_or("", |(_, r)| r).to_string()
        }
        None => md.to_string(),
    }
}

/// A remark in small type.
pub fn note(s: &str) -> Block {
    Block::Note(vec![Inline::Text(s.to_string())])
}

/// Characters a portrait page's table holds on one line, padding included.
const PORTRAIT_CHARACTERS: usize = 95;
/// The widest a column is made, in characters: longer texts wrap.
const COLUMN_CHARACTERS: usize = 30;

/// A CSV file as a table, its first line as the heading row, at the width of its widest
/// kept row (shorter rows padded), with what was cut said above it.
fn csv(t: &crate::bounds::Table) -> Vec<Block> {
    let Some((head, body)) = t.rows.split_first() else {
        return vec![note("Fichier vide.")];
    };
    let width = t.width();
    let text = |r: &Vec<String>, i: usize| r.get(i).map_or("", |s| s.trim()).to_string();
    // A column of numbers only (empty cells aside) is aligned right, all of it.
    let numeric: Vec<bool> = (0..width)
        .map(|i| {
            let values: Vec<String> = body.iter().map(|r| text(r, i)).collect();
            values.iter().any(|v| !v.is_empty())
                && values.iter().all(|v| v.is_empty() || is_number(v))
        })
        .collect();
    let cells = |r: &Vec<String>| -> Vec<Cell> {
        (0..width)
            .map(|i| match numeric[i] {
                true => Cell::num(&text(r, i)),
                false => Cell::text(&text(r, i)),
            })
            .collect()
    };
    let mut out: Vec<Block> = cut_note(t).map(|n| note(&n)).into_iter().collect();
    out.push(Block::Table(Table {
        widths: widths(t).iter().map(|w| *w as f32).collect(),
        head: vec![(0..width).map(|i| Cell::th(&text(head, i))).collect()],
        body: body.iter().map(cells).collect(),
        keep_together: false,
    }));
    out
}

/// Each column's width in characters: its longest text up to `COLUMN_CHARACTERS`, never
/// narrower than its longest word, a heading's identifier counting by its parts (the PDF
/// breaks `taux_absenteisme` after its underscore).
fn widths(t: &crate::bounds::Table) -> Vec<usize> {
    let longest_word = |s: &str, by: &[char]| {
        s.split(|c: char| c.is_whitespace() || by.contains(&c))
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    (0..t.width())
        .map(|i| {
            let mut width = 3;
            for (k, r) in t.rows.iter().enumerate() {
                let s = r.get(i).map_or("", |s| s.trim());
                let w = if k == 0 {
                    longest_word(s, &['_'])
                } else {
                    s.chars().count().max(longest_word(s, &[]))
                };
                width = width.max(w.min(COLUMN_CHARACTERS));
            }
            width
        })
        .collect()
}

/// Whether a CSV value is a number (« 12 », « 7,5 », « -3.2 % »), aligned right.
fn is_number(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(c, ',' | '.' | '-' | '+' | '%' | ' ' | '\u{a0}' | '\u{202f}')
        })
}

/// A line of the table at its columns' widths, with each cell's padding.
fn natural_width(widths: &[usize]) -> usize {
    widths.iter().map(|w| w + 3).sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_title_names_the_evidence_and_leaves_its_body() {
        let md = "\n# Convention — Aéro\n\nTexte.";
        assert_eq!(title(md).as_deref(), Some("Convention — Aéro"));
        assert_eq!(without_title(md).trim(), "Texte.");
        assert_eq!(title("## Sous-titre\n\n# Titre"), None);
        assert_eq!(without_title("Texte."), "Texte.");
    }

    #[test]
    fn a_wide_table_is_said_so_and_a_column_of_numbers_aligns_right() {
        let t = crate::bounds::table("mois;effectif\n2025-01;12\ntotal;\n").unwrap();
        let blocks = csv(&t);
        let [Block::Table(table)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert!(table.head[0].iter().all(|c| c.header));
        assert_eq!(
            table.body.iter().map(|r| r[1].numeric).collect::<Vec<_>>(),
            [true, true]
        );
        assert!(!table.body[0][0].numeric, "« total » is text");
        assert!(!Content::Csv(t).wide());
        let row = ["Bac pro Aéronautique option avions"; 9].join(";");
        let wide = crate::bounds::table(&format!("{row}\n{row}\n")).unwrap();
        assert!(Content::Csv(wide).wide());
    }
}
