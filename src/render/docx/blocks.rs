//! The building blocks of ldm's Word documents: runs in French typography, headings with
//! their bookmarks, and tables whose rows never split.

use crate::typo;
use docx_rs::{
    Docx, Paragraph, Run, Shading, ShdType, Table, TableCell, TableCellMargins, TableLayoutType,
    TableRow, VMergeType, WidthType,
};

/// The width of the text on an A4 page with 2 cm margins, in twentieths of a point.
pub const TEXT_WIDTH: usize = 11_906 - 2 * MARGIN as usize;
pub const MARGIN: i32 = 1_134;
const HEADER_FILL: &str = "E7ECF2";
pub const MUTED: &str = "555555";

/// A run of the dossier's text, in French typography (every run goes through here).
pub fn run(text: &str) -> Run {
    Run::new().add_text(typo::french(text))
}

/// A cell with the heading fill, which marks it as a heading cell.
pub fn shaded(c: TableCell) -> TableCell {
    c.shading(Shading::new().shd_type(ShdType::Clear).fill(HEADER_FILL))
}

/// The first cell of a vertical span (the guide's merged « Objectifs » cells).
pub fn first_of_span(c: TableCell) -> TableCell {
    c.vertical_merge(VMergeType::Restart)
}

/// The cell a vertical span covers in a following row.
pub fn spanned() -> TableCell {
    TableCell::new()
        .vertical_merge(VMergeType::Continue)
        .add_paragraph(Paragraph::new())
}

/// Column widths in twips from relative weights, filling the text width.
pub fn grid(weights: &[f32]) -> Vec<usize> {
    let total: f32 = weights.iter().sum();
    weights
        .iter()
        .map(|w| (w / total * TEXT_WIDTH as f32).round() as usize)
        .collect()
}

/// A table of the annex: fixed column widths, rows never split across pages.
pub fn table(weights: &[f32], rows: Vec<Vec<TableCell>>) -> Table {
    let widths = grid(weights);
    let rows = rows
        .into_iter()
        .map(|cells| TableRow::new(cells).cant_split())
        .collect();
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(30, 85, 30, 85))
}

/// The bookmark of the heading with `anchor`, which a page reference's PAGEREF field
/// names: Word's hidden `_Ref` form, letters and digits only, under its 40 characters
/// whatever the anchor (an FNV-1a hash of it, stable from run to run).
pub fn reference(anchor: &str) -> String {
    let hash = anchor.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("_Ref{hash:016x}")
}

/// What a top-level table's headings are, which docx-rs cannot say: `package` marks them.
#[derive(Debug, Clone, Copy)]
pub struct TableMarks {
    /// The first rows, repeated at the top of each page.
    pub header_rows: usize,
    /// Every other row starts with a heading cell (`th`): a label/value table such as
    /// « Dénomination | … », whose first column labels its rows.
    pub header_column: bool,
}

/// Whether a cell is a heading cell, made by `th` (the heading fill is its mark), or the
/// continuation of a vertical span, which the heading cell above it begins.
fn is_heading(c: &TableCell) -> bool {
    serde_json::to_value(&c.property).is_ok_and(|p| {
        p["shading"]["fill"].as_str() == Some(HEADER_FILL)
            || p["verticalMerge"].as_str() == Some("continue")
    })
}

/// The document being written, with what docx-rs cannot say itself: the headings of each
/// top-level table (marked by `package`), and the contents' lines.
pub struct Writer {
    pub docx: Docx,
    pub tables: Vec<TableMarks>,
    /// The level-1 headings and their bookmarks, for the contents.
    pub contents: Vec<(String, String)>,
    bookmarks: usize,
    /// The anchors whose bookmark is written: the first heading of each holds it.
    anchors: std::collections::HashSet<String>,
}

impl Writer {
    pub fn new(docx: Docx) -> Self {
        Writer {
            docx,
            tables: Vec::new(),
            contents: Vec::new(),
            bookmarks: 0,
            anchors: std::collections::HashSet::new(),
        }
    }

    pub fn paragraph(&mut self, p: Paragraph) {
        self.push(|d| d.add_paragraph(p));
    }

    /// A table whose first `header_rows` rows repeat at the top of each page; when each
    /// of its other rows starts with a heading cell, its first column is marked as headings.
    pub fn table(&mut self, header_rows: usize, t: Table) {
        let body: Vec<_> = t.rows.iter().skip(header_rows).collect();
        let header_column = !body.is_empty()
            && body.iter().all(|docx_rs::TableChild::TableRow(r)| {
                r.cells
                    .first()
                    .is_some_and(|docx_rs::TableRowChild::TableCell(c)| is_heading(c))
            });
        self.tables.push(TableMarks {
            header_rows,
            header_column,
        });
        self.push(|d| d.add_table(t));
        // Two tables with nothing between them would merge into one in Word.
        self.paragraph(Paragraph::new().style("Espace"));
    }

    /// A heading in Word's style « Titre n » (Heading n), so the navigation pane lists it;
    /// level 1 is also a line of the contents, which points at its bookmark. It is kept
    /// with what follows: a heading never ends a page alone. The first heading with a
    /// given `anchor` also holds the bookmark page references point at ([`reference`]).
    pub fn heading(&mut self, level: usize, text: &str, anchor: &str, new_page: bool) {
        self.bookmarks += 1;
        let id = self.bookmarks;
        let key = format!("_Toc{id:08}");
        let mut p = Paragraph::new()
            .style(&format!("Heading{level}"))
            .page_break_before(new_page)
            .keep_next(true)
            .add_bookmark_start(id, &key);
        let anchored = !anchor.is_empty() && self.anchors.insert(anchor.to_string());
        if anchored {
            self.bookmarks += 1;
            p = p.add_bookmark_start(self.bookmarks, reference(anchor));
        }
        p = p.add_run(run(text)).add_bookmark_end(id);
        if anchored {
            p = p.add_bookmark_end(self.bookmarks);
        }
        if level == 1 {
            self.contents.push((text.to_string(), key));
        }
        self.paragraph(p);
    }

    fn push(&mut self, f: impl FnOnce(Docx) -> Docx) {
        let d = std::mem::take(&mut self.docx);
        self.docx = f(d);
    }
}
