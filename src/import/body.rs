//! word/document.xml read into a small neutral tree: paragraphs (style, list, runs with
//! bold / italic / struck) and tables whose merged cells are resolved (a cell knows its
//! column and whether it continues the cell above), nested tables included, all bounded.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Tables nested deeper than this are not read (their text is reported, not placed).
pub const MAX_DEPTH: usize = 16;
/// Paragraphs, rows and cells read at most: enough for a 500-page dossier, and a bound
/// on memory whatever the document holds.
pub const MAX_NODES: usize = 400_000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Para {
    pub style: String,
    /// A Word list item (numbering), shown as « - » in Markdown.
    pub list: bool,
    pub runs: Vec<Run>,
}

impl Para {
    /// The text without what is struck through.
    pub fn text(&self) -> String {
        self.runs
            .iter()
            .filter(|r| !r.strike)
            .map(|r| r.text.as_str())
            .collect()
    }

    /// Every visible run bold (a heading typed as a bold paragraph).
    pub fn all_bold(&self) -> bool {
        self.all(|r| r.bold)
    }

    /// Every visible run in italics: the template's instructions, a note.
    pub fn all_italic(&self) -> bool {
        self.all(|r| r.italic)
    }

    /// `test` holds for every run with visible text, and there is one.
    fn all(&self, test: impl Fn(&Run) -> bool) -> bool {
        let mut visible = self.runs.iter().filter(|r| !r.text.trim().is_empty());
        visible.next().is_some_and(&test) && visible.all(test)
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    P(Para),
    T(Table),
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub blocks: Vec<Block>,
    /// The first grid column it covers, and how many (gridSpan).
    pub col: usize,
    pub span: usize,
    /// A vertical merge's continuation: the cell above holds the content.
    pub cont: bool,
}

impl Cell {
    /// The cell's paragraphs' text, one per line, without struck text; nested tables'
    /// text follows, row by row.
    pub fn text(&self) -> String {
        let mut lines = Vec::new();
        collect_text(&self.blocks, &mut lines);
        lines.join("\n").trim().to_string()
    }
}

fn collect_text(blocks: &[Block], lines: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::P(p) => lines.push(p.text()),
            Block::T(t) => {
                for row in &t.rows {
                    for c in row {
                        collect_text(&c.blocks, lines);
                    }
                }
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

/// The document's blocks, and what could not be read (in the user's words).
#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub skipped: Vec<String>,
}

enum Frame {
    Table(Table),
    Row(Vec<Cell>),
    Cell(Cell),
}

#[derive(Default)]
struct State {
    body: Body,
    frames: Vec<Frame>,
    paras: Vec<Para>,
    run: Option<Run>,
    in_text: bool,
    in_ppr: bool,
    /// Depth inside a table too deep to read, an element skipped whole.
    skip: usize,
    nodes: usize,
    truncated: bool,
}

/// Reads the body; a malformed XML stops the reading where it fails, with a note.
pub fn read(xml: &str) -> Body {
    let mut reader = Reader::from_str(xml);
    let mut st = State::default();
    loop {
        let ev = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(ev) => ev,
            Err(e) => {
                st.body.skipped.push(format!(
                    "le texte Word est mal formé à l'octet {} ({e}) : la suite n'est pas reprise",
                    reader.error_position()
                ));
                break;
            }
        };
        if st.truncated {
            break;
        }
        match ev {
            Event::Start(e) => st.start(&e, false),
            // An empty element inside a skipped one is skipped with it.
            Event::Empty(e) if st.skip == 0 => {
                st.start(&e, true);
                st.end(e.local_name().as_ref());
            }
            Event::End(e) => st.end(e.local_name().as_ref()),
            Event::Text(t) if st.in_text && st.skip == 0 => st.text(&t.xml10_content()),
            Event::GeneralRef(r) if st.in_text && st.skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .unwrap_or("")
                        .to_string(),
                };
                st.text(&c);
            }
            _ => {}
        }
    }
    st.finish()
}

fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.to_string())
}

/// An on/off property: on unless its value says off.
fn on(e: &BytesStart) -> bool {
    !matches!(val(e).as_deref(), Some("0" | "false" | "off" | "none"))
}

impl State {
    fn table_depth(&self) -> usize {
        self.frames
            .iter()
            .filter(|f| matches!(f, Frame::Table(_)))
            .count()
    }

    fn count(&mut self) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.truncated = true;
            self.body.skipped.push(format!(
                "le document compte plus de {MAX_NODES} paragraphes et cellules : la suite n'est pas reprise"
            ));
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match name {
            "tbl" if self.table_depth() >= MAX_DEPTH => {
                self.body.skipped.push(format!(
                    "un tableau imbriqué à plus de {MAX_DEPTH} niveaux n'est pas lu"
                ));
                // `end` will see this element's own End and decrement.
                self.skip = 1;
            }
            "tbl" => self.frames.push(Frame::Table(Table::default())),
            "tr" => {
                self.count();
                self.frames.push(Frame::Row(Vec::new()));
            }
            "tc" => {
                self.count();
                self.frames.push(Frame::Cell(Cell {
                    span: 1,
                    ..Cell::default()
                }));
            }
            "gridSpan" => self.cell_prop(|c| {
                c.span = val(e)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 64)
            }),
            "vMerge" => {
                let cont = !matches!(val(e).as_deref(), Some("restart"));
                self.cell_prop(|c| c.cont = cont);
            }
            "p" => {
                self.count();
                self.paras.push(Para::default());
            }
            "pPr" => self.in_ppr = true,
            "pStyle" => {
                let v = val(e).unwrap_or_default();
                if let Some(p) = self.paras.last_mut() {
                    p.style = v;
                }
            }
            "numPr" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.list = true;
                }
            }
            "r" => self.run = Some(Run::default()),
            "b" | "i" | "strike" | "dstrike" if !self.in_ppr => {
                let v = on(e);
                if let Some(r) = self.run.as_mut() {
                    match name {
                        "b" => r.bold = v,
                        "i" => r.italic = v,
                        _ => r.strike = v,
                    }
                }
            }
            "t" => self.in_text = !empty,
            "tab" if self.run.is_some() && !self.in_ppr => self.text("\t"),
            "br" | "cr" if self.run.is_some() => self.text("\n"),
            // Deleted text (tracked changes), field codes, drawings: not the text read.
            "del" | "instrText" | "drawing" | "pict" | "object" if !empty => self.skip = 1,
            _ => {}
        }
    }

    fn cell_prop(&mut self, f: impl FnOnce(&mut Cell)) {
        if let Some(Frame::Cell(c)) = self.frames.last_mut() {
            f(c);
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(r) = self.run.as_mut() {
            r.text.push_str(t);
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "pPr" => self.in_ppr = false,
            "r" => self.end_run(),
            "p" => {
                if let Some(p) = self.paras.pop() {
                    self.push(Block::P(p));
                }
            }
            "tc" => {
                if let Some(Frame::Cell(c)) = self.frames.pop() {
                    match self.frames.last_mut() {
                        Some(Frame::Row(r)) => r.push(c),
                        _ => self.frames.push(Frame::Cell(c)),
                    }
                }
            }
            "tr" => {
                if let Some(Frame::Row(r)) = self.frames.pop() {
                    match self.frames.last_mut() {
                        Some(Frame::Table(t)) => t.rows.push(r),
                        _ => self.frames.push(Frame::Row(r)),
                    }
                }
            }
            "tbl" => {
                if let Some(Frame::Table(mut t)) = self.frames.pop() {
                    place_columns(&mut t);
                    self.push(Block::T(t));
                }
            }
            _ => {}
        }
    }

    fn end_run(&mut self) {
        let Some(r) = self.run.take() else { return };
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        match p.runs.last_mut() {
            Some(last) if (last.bold, last.italic, last.strike) == (r.bold, r.italic, r.strike) => {
                last.text.push_str(&r.text)
            }
            _ if !r.text.is_empty() => p.runs.push(r),
            _ => {}
        }
    }

    /// A finished block goes into the innermost open cell, else into the body.
    fn push(&mut self, b: Block) {
        for f in self.frames.iter_mut().rev() {
            if let Frame::Cell(c) = f {
                c.blocks.push(b);
                return;
            }
        }
        self.body.blocks.push(b);
    }

    fn finish(mut self) -> Body {
        // An unclosed document: keep what was read.
        while let Some(f) = self.frames.pop() {
            if let Frame::Table(mut t) = f {
                place_columns(&mut t);
                self.body.blocks.push(Block::T(t));
            }
        }
        self.body
    }
}

/// Each cell's first grid column, from the spans of the cells before it in its row.
fn place_columns(t: &mut Table) {
    for row in &mut t.rows {
        let mut col = 0;
        for c in row.iter_mut() {
            c.col = col;
            col += c.span;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn struck_words_and_merged_cells_are_read() {
        let xml = format!(
            r#"<w:document {W}><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:rPr><w:strike/></w:rPr><w:t>OUI</w:t></w:r><w:r><w:t xml:space="preserve"> / NON</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>l&apos;a</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"#
        );
        let b = read(&xml);
        let Block::T(t) = &b.blocks[0] else {
            panic!("a table")
        };
        assert_eq!(t.rows[0][0].text(), "/ NON");
        assert_eq!((t.rows[0][1].col, t.rows[0][1].text().as_str()), (2, "l'a"));
        assert!(t.rows[1][0].cont);
    }

    #[test]
    fn tables_nested_too_deep_are_skipped_and_said() {
        let open = "<w:tbl><w:tr><w:tc>".repeat(100);
        let close = "</w:tc></w:tr></w:tbl>".repeat(100);
        let xml = format!(
            "<w:document {W}><w:body>{open}<w:p><w:r><w:t>x</w:t></w:r></w:p>{close}<w:p><w:r><w:t>après</w:t></w:r></w:p></w:body></w:document>"
        );
        let b = read(&xml);
        assert_eq!(b.blocks.len(), 2);
        assert!(b.skipped[0].contains("imbriqué"));
    }
}
