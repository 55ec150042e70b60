//! The PDF backend: any document as Typst source over `typeset`'s preamble, compiled to
//! PDF/UA-1. Every text is a string literal (never markup); heading cells of a table's
//! body are row headers (`rh`), its heading rows `table.header` (repeated on each page);
//! figures are images with their alternative text; a table kept together is one block;
//! a landscape section is a flipped page.

use super::{Block, Cell, Document, Figure, Inline, Picture, Table};
use crate::typeset::code::string;
use crate::typeset::{Date, PdfError, Setup, Standard};
use std::fmt::Write;

/// The document as PDF bytes; `date` is the document's date in its metadata.
pub fn pdf(d: &Document, date: Option<Date>) -> Result<Vec<u8>, PdfError> {
    pdf_as(d, date, Standard::Accessible)
}

/// As [`pdf`], to the given standard (a document reproducing PDF pages cannot be
/// PDF/UA-1).
pub fn pdf_as(d: &Document, date: Option<Date>, standard: Standard) -> Result<Vec<u8>, PdfError> {
    let mut files = Vec::new();
    files_of(&d.blocks, &mut files);
    crate::typeset::compile_as(source(d, date), files, standard)
}

/// Pictures keep their size up to the text width; PDF pages are scaled to fit the page.
const PLACED: &str = r#"#let placed(path, alt, page: 1, max-height: 200mm) = layout(size => {
  let s = measure(image(path, page: page))
  let k = calc.min(1, size.width / s.width, max-height / s.height)
  align(center, box(stroke: 0.4pt + filet, image(path, page: page, width: s.width * k, alt: alt)))
})
"#;

/// The whole document as one Typst source.
pub fn source(d: &Document, date: Option<Date>) -> String {
    let [left, centre, right] = &d.header;
    let mut out = crate::typeset::begin(&Setup {
        title: &d.title,
        author: &d.author,
        date,
        header: [left, centre, right],
    });
    if !d.justified {
        out.push_str("#set par(justify: false)\n");
    }
    if has_pictures(&d.blocks) {
        out.push_str(PLACED);
    }
    // Consecutive figures (an action's charts) go two by row.
    for run in d
        .blocks
        .chunk_by(|a, b| matches!((a, b), (Block::Figure(_), Block::Figure(_))))
    {
        match run {
            [Block::Figure(_), _, ..] => {
                let cells: Vec<String> = run
                    .iter()
                    .filter_map(|b| match b {
                        Block::Figure(f) => Some(figure(f)),
                        _ => None,
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "#grid(columns: (1fr, 1fr), column-gutter: 10pt, row-gutter: 10pt, {})\n",
                    cells.join(", ")
                );
            }
            _ => run.iter().for_each(|b| {
                out.push_str(&block(b));
                out.push_str("\n\n");
            }),
        }
    }
    out
}

/// The figures' and pictures' files, the only files the source reads, each once.
fn files_of(bs: &[Block], out: &mut Vec<(String, Vec<u8>)>) {
    for b in bs {
        match b {
            Block::Figure(f) => out.push((f.name.clone(), f.svg.clone().into_bytes())),
            Block::Picture(p) if !out.iter().any(|(n, _)| *n == p.name) => {
                out.push((p.name.clone(), p.bytes.to_vec()));
            }
            Block::Frame(b) | Block::Quote(b) | Block::Landscape(b) => files_of(b, out),
            _ => {}
        }
    }
}

fn has_pictures(bs: &[Block]) -> bool {
    bs.iter().any(|b| match b {
        Block::Picture(_) => true,
        Block::Frame(b) | Block::Quote(b) | Block::Landscape(b) => has_pictures(b),
        _ => false,
    })
}

/// Nested blocks as content; a landscape section inside a container (where typst
/// allows no page) as its blocks.
fn blocks(bs: &[Block]) -> String {
    let parts: Vec<String> = bs
        .iter()
        .map(|b| match b {
            Block::Landscape(inner) => blocks(inner),
            other => block(other),
        })
        .collect();
    format!("[{}]", parts.join("\n\n"))
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading {
            level,
            anchor,
            content,
            outlined,
        } => format!(
            "#heading(level: {level}, outlined: {outlined}, bookmarked: {outlined})[{}]{}",
            inlines(content),
            label(anchor)
        ),
        Block::Para(c) => format!("#par[{}]", inlines(c)),
        Block::Note(c) => format!("#text(size: 8.5pt, fill: doux)[{}]", inlines(c)),
        Block::Frame(b) => format!(
            "#block(stroke: 1.5pt + encre, inset: 8pt, width: 100%){}",
            blocks(b)
        ),
        Block::Quote(b) => format!("#quote(block: true){}", blocks(b)),
        Block::Code(c) => format!("#raw(block: true, {})", string(c)),
        Block::List { start, items } => {
            let items: Vec<String> = items.iter().map(|i| blocks(i)).collect();
            match start {
                None => format!("#list(tight: true, {})", items.join(", ")),
                Some(n) => format!("#enum(tight: true, start: {n}, {})", items.join(", ")),
            }
        }
        Block::Table(t) => table(t),
        Block::Figure(f) => format!("#{}", figure(f)),
        Block::PageBreak => "#pagebreak(weak: true)".to_string(),
        Block::Caption(c) => format!("#caption[{}]", inlines(c)),
        Block::Contents { title, depth } => {
            format!("#outline(title: {}, depth: {depth})", string(title))
        }
        // Wide tables in smaller type, their words hyphenated and their identifiers
        // (`taux_absenteisme`) breakable after each underscore, rather than run over.
        Block::Landscape(b) => {
            let inner: Vec<String> = b.iter().map(block).collect();
            format!(
                "#page(flipped: true)[#show table: set text(size: 8pt, hyphenate: true)\n\
                 #show table: it => {{ show \"_\": \"_\" + sym.zws; it }}\n{}]",
                inner.join("\n\n")
            )
        }
        Block::Picture(p) => picture(p),
    }
}

/// A picture, or a PDF page under its caption, kept together with it.
fn picture(p: &Picture) -> String {
    let page = p
        .page
        .map_or(String::new(), |n| format!(", page: {n}, max-height: 215mm"));
    let placed = format!("placed({}, {}{page})", string(&p.name), string(&p.alt));
    if p.caption.is_empty() {
        format!("#{placed}")
    } else {
        format!(
            "#block(breakable: false, {{ align(center, text(size: 8pt, fill: doux, {})); {placed} }})",
            string(&p.caption)
        )
    }
}

fn table(t: &Table) -> String {
    let columns: Vec<String> = t.widths.iter().map(|w| format!("{w}fr")).collect();
    let mut cells: Vec<String> = Vec::new();
    if !t.head.is_empty() {
        let head: Vec<String> = t.head.iter().flatten().map(|c| cell(c, "th")).collect();
        cells.push(format!("table.header({})", head.join(", ")));
    }
    cells.extend(t.body.iter().flatten().map(|c| cell(c, "rh")));
    let table = format!(
        "table(columns: ({},), {})",
        columns.join(", "),
        cells.join(", ")
    );
    if t.keep_together {
        format!("#block(breakable: false, width: 100%, {table})")
    } else {
        format!("#{table}")
    }
}

/// A cell: `heading` is the function of a heading cell (`th` in the heading rows, `rh`
/// — a row header — in the body).
fn cell(c: &Cell, heading: &str) -> String {
    let mut args = String::new();
    if c.colspan > 1 {
        let _ = write!(args, "colspan: {}, ", c.colspan);
    }
    if c.rowspan > 1 {
        let _ = write!(args, "rowspan: {}, ", c.rowspan);
    }
    let mut body = cell_content(&c.content);
    if c.header && heading == "th" {
        // Column headings over narrow columns (counts) are set small and hyphenated, so
        // that no word runs into the next column.
        let size = if c.numeric { ", size: 7.5pt" } else { "" };
        body = format!("text(hyphenate: true{size}, {body})");
    }
    if c.header {
        format!("{heading}({args}{body})")
    } else if c.numeric {
        format!("num({args}{body})")
    } else {
        format!("table.cell({args}{body})")
    }
}

/// A cell's blocks; a lone paragraph as its runs.
fn cell_content(content: &[Block]) -> String {
    match content {
        [Block::Para(c)] => format!("[{}]", inlines(c)),
        _ => blocks(content),
    }
}

/// A figure as code: its caption above the picture, kept together.
fn figure(f: &Figure) -> String {
    format!(
        "block(breakable: false, width: 100%, {{ text(size: 8.5pt, weight: \"bold\", {}); linebreak(); image({}, width: 100%, alt: {}) }})",
        string(&f.caption),
        string(&f.name),
        string(&f.alt)
    )
}

fn inlines(is: &[Inline]) -> String {
    let mut out = String::new();
    for i in is {
        match i {
            Inline::Text(t) => {
                let _ = write!(out, "#{};", string(t));
            }
            Inline::Emph(c) => {
                let _ = write!(out, "#emph[{}]", inlines(c));
            }
            Inline::Strong(c) => {
                let _ = write!(out, "#strong[{}]", inlines(c));
            }
            Inline::Strike(c) => {
                let _ = write!(out, "#strike[{}]", inlines(c));
            }
            Inline::Link { content, .. } => out.push_str(&inlines(content)),
            Inline::Code(c) => {
                let _ = write!(out, "#raw({});", string(c));
            }
            Inline::LineBreak => out.push_str("#linebreak();"),
            Inline::PageRef(anchor) => out.push_str(&page_of(anchor)),
            Inline::Mark { tone, content } => {
                let (text, ground) = tone.colours();
                let body = format!("#text(fill: rgb(\"#{text}\"))[{}]", inlines(content));
                match ground {
                    Some(g) => {
                        let _ = write!(out, "#highlight(fill: rgb(\"#{g}\"))[{body}]");
                    }
                    None => out.push_str(&body),
                }
            }
        }
    }
    out
}

/// A heading's anchor as its label, which page references find (none when empty: typst
/// has no empty label).
fn label(anchor: &str) -> String {
    if anchor.is_empty() {
        String::new()
    } else {
        format!(" #label({})", string(anchor))
    }
}

/// The page number of the first heading labelled `anchor`, as the footer counts pages;
/// nothing when no heading has it (a first one, since anchors may repeat).
fn page_of(anchor: &str) -> String {
    if anchor.is_empty() {
        return String::new();
    }
    format!(
        "#context {{ let q = query(label({})); if q.len() > 0 {{ str(counter(page).at(q.first().location()).first()) }} }};",
        string(anchor)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{heading, para};

    #[test]
    fn text_stays_text_and_body_headings_label_their_rows() {
        let t = Table {
            widths: vec![30.0, 70.0],
            head: vec![vec![Cell::th("Nom"), Cell::th("Rôle")]],
            body: vec![vec![Cell::th("#x"), Cell::num("2")]],
            keep_together: true,
        };
        let d = Document::new(
            "T",
            "A",
            Default::default(),
            vec![heading(1, "", "$titre$"), para("[a]"), Block::Table(t)],
        );
        let s = source(&d, None);
        assert!(
            s.contains(r##"#heading(level: 1, outlined: true, bookmarked: true)[#"$titre$";]"##)
        );
        assert!(s.contains(r##"#par[#"[a]";]"##));
        assert!(s.contains(
            r##"#block(breakable: false, width: 100%, table(columns: (30fr, 70fr,), table.header(th(text(hyphenate: true, [#"Nom";])), th(text(hyphenate: true, [#"Rôle";]))), rh([#"#x";]), num([#"2";])))"##
        ), "{s}");
        assert!(pdf(&d, None).is_ok());
    }

    #[test]
    fn a_page_reference_finds_the_first_heading_of_its_anchor_or_nothing() {
        let d = Document::new(
            "T",
            "A",
            Default::default(),
            vec![
                Block::Para(vec![
                    Inline::PageRef("b".into()),
                    Inline::PageRef("absente".into()),
                    Inline::PageRef(String::new()),
                ]),
                Block::PageBreak,
                heading(2, "b", "B"),
                heading(2, "b", "B encore"),
                heading(2, "", "Sans ancre"),
            ],
        );
        let s = source(&d, None);
        assert!(s.contains(r#"[#"B";] #label("b")"#), "{s}");
        assert!(s.contains(r#"query(label("b"))"#), "{s}");
        assert!(!s.contains(r#"label("")"#), "{s}");
        assert!(
            pdf(&d, None).is_ok(),
            "a repeated or missing anchor compiles"
        );
    }
}
