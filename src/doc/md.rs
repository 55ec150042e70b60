//! The Markdown backend: any document as GitHub-flavoured Markdown, marked as ldm's own;
//! text escaped so that it reads as written, tables as GFM tables (one line per row, a
//! label/value table under an empty heading row), figures as their alternative text.

use super::{Block, Cell, Document, Inline, PAGE_LINK, Table};
use std::fmt::Write;

/// The first line: `fsutil::write_output` recognises it as ldm's mark (typography
/// written in: it is ldm's own text, outside the document).
const MARK: &str =
    "<!-- généré par ldm\u{a0}: modifier le dossier, puis produire à nouveau ce document -->";

/// The document as Markdown.
pub fn render(d: &Document) -> String {
    let mut parts = vec![MARK.to_string()];
    parts.extend(d.blocks.iter().filter_map(|b| match b {
        Block::Contents { title, depth } => Some(contents(title, &d.blocks, *depth)),
        b => block(b),
    }));
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn blocks(bs: &[Block]) -> String {
    bs.iter().filter_map(block).collect::<Vec<_>>().join("\n\n")
}

fn block(b: &Block) -> Option<String> {
    Some(match b {
        Block::Heading { level, content, .. } => {
            format!("{} {}", "#".repeat(usize::from(*level)), inlines(content))
        }
        Block::Para(c) => inlines(c),
        Block::Note(c) => format!("_{}_", inlines(c)),
        Block::Frame(b) => blocks(b),
        Block::Quote(b) => prefixed(&blocks(b), "> ", "> "),
        Block::Code(c) => {
            let fence = "`".repeat(longest_run(c, '`').max(2) + 1);
            format!("{fence}\n{c}\n{fence}")
        }
        Block::List { start, items } => list(*start, items),
        Block::Table(t) => table(t),
        Block::Figure(f) => format!("_{}_", esc(&f.alt)),
        Block::PageBreak | Block::Contents { .. } => return None,
        Block::Caption(c) => format!("**{}**", inlines(c)),
        Block::Landscape(b) => blocks(b),
        Block::Picture(p) => format!("_{}_", esc(&p.alt)),
    })
}

/// The contents: each outlined heading of `bs` down to `depth` (no link: Markdown's
/// headings have no anchor every reader agrees on).
fn contents(title: &str, bs: &[Block], depth: u8) -> String {
    let mut out = format!("**{}**\n", esc(title));
    for (level, _, text) in super::outline(bs, depth) {
        let indent = "  ".repeat(usize::from(level.saturating_sub(2)));
        let _ = writeln!(out, "{indent}- {}", esc(&text));
    }
    out.trim_end().to_string()
}

fn list(start: Option<usize>, items: &[Vec<Block>]) -> String {
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let marker = start.map_or("- ".to_string(), |s| format!("{}. ", s + k));
        let indent = " ".repeat(marker.len());
        out.push(prefixed(&blocks(item), &marker, &indent));
    }
    out.join("\n")
}

/// `text` with `first` before its first line and `rest` before the others (blank ones
/// left blank).
fn prefixed(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    for (k, line) in text.lines().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if k == 0 {
            out.push_str(first);
        } else if !line.is_empty() || rest.starts_with('>') {
            out.push_str(rest);
        }
        out.push_str(line);
    }
    if out.is_empty() {
        out.push_str(first.trim_end());
    }
    out
}

fn table(t: &Table) -> String {
    let columns = t.widths.len().max(1);
    let mut rows: Vec<&[Cell]> = t.head.iter().chain(&t.body).map(Vec::as_slice).collect();
    let empty: Vec<Cell> = Vec::new();
    if t.head.is_empty() {
        rows.insert(0, &empty);
    }
    let mut out = String::new();
    // Columns still covered by a vertical span from a row above: how many rows more.
    let mut covered = vec![0usize; columns];
    for (k, r) in rows.iter().enumerate() {
        out.push_str(&row(r, columns, &mut covered));
        out.push('\n');
        if k == 0 {
            let sep: Vec<&str> = (0..columns)
                .map(|c| if numeric(t, c) { "--:" } else { "---" })
                .collect();
            let _ = writeln!(out, "|{}|", sep.join("|"));
        }
    }
    out.trim_end().to_string()
}

/// Whether column `c` holds numbers (its body's cells say so).
fn numeric(t: &Table, c: usize) -> bool {
    t.body.iter().any(|r| r.get(c).is_some_and(|x| x.numeric))
}

/// One row: a spanning cell's text in its first column and row, the places it covers
/// empty (GFM has no spans).
fn row(cells: &[Cell], columns: usize, covered: &mut Vec<usize>) -> String {
    let mut texts: Vec<String> = Vec::new();
    let mut cells = cells.iter();
    loop {
        let col = texts.len();
        if covered.get(col).is_some_and(|n| *n > 0) {
            covered[col] -= 1;
            texts.push(String::new());
            continue;
        }
        let Some(c) = cells.next() else { break };
        if c.rowspan > 1 {
            covered.resize(covered.len().max(col + 1), 0);
            covered[col] = c.rowspan - 1;
        }
        texts.push(cell(c));
        texts.extend((1..c.colspan).map(|_| String::new()));
    }
    texts.resize(columns.max(texts.len()), String::new());
    let shown: Vec<String> = texts
        .iter()
        .map(|t| {
            if t.is_empty() {
                " ".into()
            } else {
                format!(" {t} ")
            }
        })
        .collect();
    format!("|{}|", shown.join("|"))
}

/// A cell on one line: its blocks separated by `<br>`.
fn cell(c: &Cell) -> String {
    let parts: Vec<String> = c
        .content
        .iter()
        .filter_map(|b| match b {
            // A list's items on lines of their own, as a cell can hold them.
            Block::List { start, items } => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(k, i)| match start {
                        Some(s) => format!("{}. {}", s + k, blocks(i)),
                        None => format!("- {}", blocks(i)),
                    })
                    .collect::<Vec<_>>()
                    .join("\\\n"),
            ),
            b => block(b),
        })
        .map(|s| {
            s.replace("\\\n", "<br>")
                .replace('\n', " ")
                .replace('|', "\\|")
        })
        .collect();
    parts.join("<br>")
}

fn inlines(is: &[Inline]) -> String {
    let mut out = String::new();
    for i in is {
        match i {
            Inline::Text(t) => out.push_str(&esc(t)),
            Inline::Emph(c) => out.push_str(&wrap("_", &inlines(c))),
            Inline::Strong(c) => out.push_str(&wrap("**", &inlines(c))),
            Inline::Strike(c) => out.push_str(&wrap("~~", &inlines(c))),
            Inline::Link { url, content } => {
                let _ = write!(out, "[{}](<{}>)", inlines(content), url.replace('>', "%3E"));
            }
            Inline::Code(c) => {
                let fence = "`".repeat(longest_run(c, '`') + 1);
                let _ = write!(out, "{fence} {c} {fence}");
            }
            Inline::LineBreak => out.push_str("\\\n"),
            Inline::PageRef(anchor) => {
                let _ = write!(out, "[{PAGE_LINK}](<#{}>)", anchor.replace('>', "%3E"));
            }
            // Plain text has no colour: the marks inside (** or ~~) and the words say it.
            Inline::Mark { content, .. } => out.push_str(&inlines(content)),
        }
    }
    out
}

/// Emphasis markers around text, outside its surrounding spaces (Markdown ignores
/// `** x**`).
fn wrap(marker: &str, text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return text.to_string();
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{marker}{t}{marker}{trail}")
}

fn longest_run(s: &str, c: char) -> usize {
    s.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// Text that Markdown reads as written: its punctuation escaped where it would be syntax.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut line = 0;
    for (k, &c) in chars.iter().enumerate() {
        if k > 0 && chars[k - 1] == '\n' {
            line = k;
        }
        let entity = c == '&' && looks_like_entity(&chars[k + 1..]);
        // « 2024. » at a line's start would open an ordered list.
        let number = matches!(c, '.' | ')')
            && k > line
            && chars[line..k].iter().all(char::is_ascii_digit)
            && chars.get(k + 1).is_none_or(|n| n.is_whitespace());
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~'
        ) || entity
            || number
            || (k == line && matches!(c, '#' | '+' | '-' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn looks_like_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{heading, para};

    #[test]
    fn text_reads_back_as_written() {
        assert_eq!(
            esc("2024. *a* [b] 2.5 R&D &amp;"),
            "2024\\. \\*a\\* \\[b\\] 2.5 R&D \\&amp;"
        );
        assert_eq!(esc("# titre\n- point"), "\\# titre\n\\- point");
    }

    #[test]
    fn label_value_tables_get_an_empty_heading_row() {
        let t = Table {
            widths: vec![1.0, 1.0],
            head: vec![],
            body: vec![vec![Cell::th("UAI"), Cell::num("0271582Y")]],
            keep_together: false,
        };
        let d = Document::new(
            "T",
            "A",
            Default::default(),
            vec![heading(2, "", "Titre"), para("x"), Block::Table(t)],
        );
        let md = render(&d);
        assert!(
            md.ends_with("## Titre\n\nx\n\n| | |\n|---|--:|\n| UAI | 0271582Y |\n"),
            "{md}"
        );
    }
}
