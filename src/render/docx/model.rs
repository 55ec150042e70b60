//! The DOCX backend of the document model (`doc::Document`): any document as a Word file
//! through the annex's pipeline — docx-rs, the building blocks' heading styles and
//! bookmarks, `package` for what docx-rs cannot write and `order` for the schema's order —
//! so every document is as valid for Word as the annex. Text arrives in French typography.

use super::blocks::{self, Writer};
use super::prose::{Style, code, styled};
use super::{DocxError, chart, contents, package, page, page_field, running, styles, widths};
use crate::doc::{self, Block, Cell, Document, Inline};
use docx_rs::{
    AlignmentType, BreakType, DocumentChild, Docx, Paragraph, Run, SpecialIndentType, TableCell,
};

/// The document as DOCX bytes; `date` (W3CDTF) goes into the core properties.
pub fn docx(d: &Document, date: Option<&str>) -> Result<Vec<u8>, DocxError> {
    let base = page(styles(Docx::new())).add_style(chart_style());
    let mut w = Writer::new(running::running(base, &d.header, &d.title));
    let title = title_of(d);
    let (mut new_page, mut charts, mut contents_at) = (false, Vec::new(), None);
    // Consecutive charts go two by row, as in the PDF; each carries its title.
    // Landscape sections' blocks in their place: Word pages keep one orientation here.
    let blocks = doc::portrait(&d.blocks);
    for group in blocks.chunk_by(|a, b| chart_of(a).is_some() && chart_of(b).is_some()) {
        if chart_of(group[0]).is_some() {
            for pair in group.chunks(2) {
                let row = pair
                    .iter()
                    .fold(Paragraph::new().style(chart::STYLE), |p, _| {
                        p.add_run(Run::new())
                    });
                w.paragraph(row.page_break_before(new_page));
                new_page = false;
                charts.extend(pair.iter().filter_map(|b| chart_of(b)));
            }
            continue;
        }
        for b in group {
            match b {
                Block::PageBreak => new_page = true,
                Block::Heading { content, .. } if title.is_some_and(|t| std::ptr::eq(t, *b)) => {
                    w.paragraph(runs(content, PLAIN).style("Title"));
                }
                Block::Heading {
                    level,
                    anchor,
                    content,
                    ..
                } => {
                    let text = doc::inlines_plain(content);
                    let level = level.saturating_sub(u8::from(title.is_some()));
                    w.heading(usize::from(level.clamp(1, 3)), &text, anchor, new_page);
                    new_page = false;
                }
                Block::Table(t) => table(&mut w, t),
                Block::Contents { title, .. } => {
                    contents_at = Some((w.docx.document.children.len(), title, new_page));
                    new_page = false;
                }
                other => {
                    for (k, p) in paragraphs(other, 0).into_iter().enumerate() {
                        w.paragraph(p.page_break_before(new_page && k == 0));
                    }
                    new_page = false;
                }
            }
        }
    }
    if let Some((at, title, new_page)) = contents_at {
        let lines = contents(title, &w.contents, new_page).into_iter().rev();
        for p in lines {
            let p = DocumentChild::Paragraph(Box::new(p));
            w.docx.document.children.insert(at, p);
        }
    }
    let meta = package::Meta {
        title: &d.title,
        author: &d.author,
        date,
    };
    package::pack_charts(w.docx, &w.tables, &meta, &charts)
}

/// The document's title when its first heading is one (level 1, out of the contents): it
/// has Word's « Title » style and the parts « Titre 1 », so Word's levels skip none.
fn title_of(d: &Document) -> Option<&Block> {
    let first = d
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Heading { .. }))?;
    let is_title = matches!(
        first,
        Block::Heading {
            level: 1,
            outlined: false,
            ..
        }
    );
    is_title.then_some(first)
}

/// A figure Word draws as a native chart: one that carries its data.
fn chart_of(b: &Block) -> Option<&doc::Figure> {
    match b {
        Block::Figure(f) if f.chart.is_some() => Some(f),
        _ => None,
    }
}

/// The paragraph that holds a row of charts: centred.
fn chart_style() -> docx_rs::Style {
    docx_rs::Style::new(chart::STYLE, docx_rs::StyleType::Paragraph)
        .name("Graphique")
        .based_on("Normal")
        .align(AlignmentType::Center)
}

/// A block other than a heading or a table as paragraphs, indented by `depth` steps.
fn paragraphs(b: &Block, depth: i32) -> Vec<Paragraph> {
    let indent = |p: Paragraph| {
        if depth > 0 {
            p.indent(Some(360 * depth), None, None, None)
        } else {
            p
        }
    };
    match b {
        Block::Heading { content, .. } => vec![indent(runs(content, BOLD)).keep_next(true)],
        Block::Para(c) => vec![indent(runs(c, PLAIN))],
        Block::Note(c) => vec![indent(runs(c, NOTE))],
        Block::Frame(bs) => bs.iter().flat_map(|b| paragraphs(b, depth)).collect(),
        Block::Quote(bs) => bs.iter().flat_map(|b| paragraphs(b, depth + 1)).collect(),
        Block::Code(c) => c
            .lines()
            .map(|l| indent(Paragraph::new().add_run(code(l))))
            .collect(),
        Block::List { start, items } => list(*start, items, depth),
        Block::Figure(f) => {
            let alt = vec![Inline::Text(f.alt.clone())];
            vec![indent(runs(&alt, NOTE))]
        }
        // A table inside a list or frame: its cells' text, row by row.
        Block::Table(t) => t
            .head
            .iter()
            .chain(&t.body)
            .map(|r| {
                let cells: Vec<String> = r.iter().map(Cell::plain).collect();
                indent(Paragraph::new().add_run(Run::new().add_text(cells.join(" | "))))
            })
            .collect(),
        Block::PageBreak => vec![Paragraph::new().add_run(Run::new().add_break(BreakType::Page))],
        // A table's title, kept on the page of the table's first row.
        Block::Caption(c) => vec![indent(runs(c, PLAIN).style("Legende").keep_next(true))],
        // Only a top-level block: `docx` writes it, knowing the headings.
        Block::Contents { .. } => Vec::new(),
        Block::Landscape(bs) => bs.iter().flat_map(|b| paragraphs(b, depth)).collect(),
        Block::Picture(p) => {
            let alt = vec![Inline::Text(p.alt.clone())];
            vec![indent(runs(&alt, NOTE))]
        }
    }
}

/// A list as paragraphs with a hanging bullet or number, so it needs no numbering part.
fn list(start: Option<usize>, items: &[Vec<Block>], depth: i32) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let mark = start.map_or("•\t".to_string(), |s| format!("{}.\t", s + k));
        for (j, p) in item
            .iter()
            .flat_map(|b| paragraphs(b, depth + 1))
            .enumerate()
        {
            if j > 0 {
                out.push(p);
                continue;
            }
            let mut p = p.indent(
                Some(360 * (depth + 1)),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            );
            let r = Run::new().add_text(mark.clone());
            p.children
                .insert(0, docx_rs::ParagraphChild::Run(Box::new(r)));
            out.push(p);
        }
    }
    out
}

/// A table: heading rows first (repeated on each page), heading cells shaded (which marks
/// a label/value table's first column as headings), spans as Word's merges; a table kept
/// together keeps each row with the next.
fn table(w: &mut Writer, t: &doc::Table) {
    let rows: Vec<&Vec<Cell>> = t.head.iter().chain(&t.body).collect();
    let last = rows.len().saturating_sub(1);
    // Columns still covered by a vertical span from a row above: how many rows more.
    let mut covered = vec![0usize; t.widths.len().max(1)];
    let mut out = Vec::new();
    for (k, r) in rows.iter().enumerate() {
        let keep = t.keep_together && k < last;
        out.push(row(r, &mut covered, keep, k < t.head.len()));
    }
    let widths = widths::columns(t, blocks::TEXT_WIDTH as f32);
    w.table(t.head.len(), blocks::table(&widths, out));
}

fn row(cells: &[Cell], covered: &mut Vec<usize>, keep: bool, head: bool) -> Vec<TableCell> {
    let mut out = Vec::new();
    let mut col = 0;
    let mut cells = cells.iter();
    loop {
        if col < covered.len() && covered[col] > 0 {
            covered[col] -= 1;
            out.push(blocks::spanned());
            col += 1;
            continue;
        }
        let Some(c) = cells.next() else { break };
        let mut tc = cell(c, keep, head);
        if c.colspan > 1 {
            tc = tc.grid_span(c.colspan);
        }
        if c.rowspan > 1 {
            if covered.len() <= col {
                covered.resize(col + 1, 0);
            }
            covered[col] = c.rowspan - 1;
            tc = blocks::first_of_span(tc);
        }
        out.push(tc);
        col += c.colspan.max(1);
    }
    out
}

/// A cell; in the heading rows, a count column's heading is set small, as in the PDF, so
/// the narrow column holds its longest word (`widths`).
fn cell(c: &Cell, keep: bool, head: bool) -> TableCell {
    let style = if c.header { BOLD } else { PLAIN };
    let small = head && c.header && c.numeric;
    let mut ps: Vec<Paragraph> = c
        .content
        .iter()
        .flat_map(|b| match b {
            Block::Para(i) if small => vec![sized(runs(i, style), widths::SMALL_HEADING)],
            Block::Para(i) => vec![runs(i, style)],
            other => paragraphs(other, 0),
        })
        .collect();
    if ps.is_empty() {
        ps.push(Paragraph::new());
    }
    let ps = ps.into_iter().map(|p| {
        let p = if c.numeric {
            p.align(AlignmentType::Right)
        } else {
            p
        };
        p.keep_next(keep)
    });
    let tc = if c.header {
        blocks::shaded(TableCell::new())
    } else {
        TableCell::new()
    };
    ps.fold(tc, TableCell::add_paragraph)
}

/// The paragraph with its runs at `size` half-points.
fn sized(mut p: Paragraph, size: usize) -> Paragraph {
    for child in &mut p.children {
        if let docx_rs::ParagraphChild::Run(r) = child {
            **r = std::mem::take(&mut **r).size(size);
        }
    }
    p
}

/// Plain runs, a heading cell's bold ones, a note's small ones.
const PLAIN: Style = Style {
    bold: false,
    italic: false,
    strike: false,
    code: false,
    small: false,
    tone: None,
};
const BOLD: Style = Style {
    bold: true,
    ..PLAIN
};
const NOTE: Style = Style {
    small: true,
    ..PLAIN
};

fn runs(is: &[Inline], s: Style) -> Paragraph {
    let mut out = Vec::new();
    collect_runs(is, s, &mut out);
    out.into_iter().fold(Paragraph::new(), Paragraph::add_run)
}

fn collect_runs(is: &[Inline], s: Style, out: &mut Vec<Run>) {
    for i in is {
        match i {
            Inline::Text(t) => out.push(styled(t, s)),
            Inline::Emph(c) => collect_runs(c, Style { italic: true, ..s }, out),
            Inline::Strong(c) => collect_runs(c, Style { bold: true, ..s }, out),
            Inline::Strike(c) => collect_runs(c, Style { strike: true, ..s }, out),
            Inline::Link { content, .. } => collect_runs(content, s, out),
            Inline::Code(c) => out.push(styled(c, Style { code: true, ..s })),
            Inline::LineBreak => out.push(Run::new().add_break(BreakType::TextWrapping)),
            Inline::PageRef(anchor) => out.push(page_field(&blocks::reference(anchor))),
            Inline::Mark { tone, content } => {
                let s = Style {
                    tone: Some(*tone),
                    ..s
                };
                collect_runs(content, s, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{heading, para};

    fn document() -> Document {
        let mut spanning = Cell::text("Objectif");
        spanning.rowspan = 2;
        let t = doc::Table {
            widths: vec![1.0, 1.0],
            head: vec![vec![Cell::th("Objectif"), Cell::th("Indicateur")]],
            body: vec![vec![spanning, Cell::text("a")], vec![Cell::text("b")]],
            keep_together: true,
        };
        let blocks = vec![heading(1, "", "Titre"), para("x"), Block::Table(t)];
        Document::new("Titre", "Lycée", Default::default(), blocks)
    }

    #[test]
    fn spans_are_word_merges_and_the_bytes_are_the_same_twice() {
        let bytes = docx(&document(), None).unwrap();
        assert_eq!(bytes, docx(&document(), None).unwrap());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(xml.contains("<w:vMerge w:val=\"restart\" />"), "{xml}");
        assert!(xml.contains("<w:vMerge w:val=\"continue\" />"), "{xml}");
        assert!(xml.contains("<w:tblHeader/>"), "{xml}");
    }

    #[test]
    fn a_page_reference_is_a_pageref_field_to_its_heading_s_bookmark() {
        let blocks = vec![
            heading(1, "", "Titre"),
            Block::Para(vec![Inline::PageRef("preuve-8".into())]),
            heading(2, "preuve-8", "Preuve 8"),
            heading(2, "preuve-8", "Preuve 8 encore"),
        ];
        let d = Document::new("Titre", "Lycée", Default::default(), blocks);
        let bytes = docx(&d, None).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        let key = blocks::reference("preuve-8");
        assert!(key.len() <= 40 && key.starts_with("_Ref"), "{key}");
        assert!(xml.contains(&format!("PAGEREF {key} \\h")), "{xml}");
        let named = format!("w:name=\"{key}\"");
        assert_eq!(xml.matches(&named).count(), 1, "one bookmark: {xml}");
    }
}
