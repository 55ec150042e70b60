//! One typed document under every format ldm writes, as pandoc's AST is under its writers:
//! a document is built once (headings, paragraphs of inline runs, tables, lists, figures,
//! notes, page-break hints), its text gets French typography once (`Document::new`), and
//! each backend — `html`, `md`, `typst` (PDF), and the DOCX one in `render::docx::model` —
//! renders any document without knowing which one it is.

pub mod html;
pub mod md;
pub mod read;
#[cfg(feature = "pdf")]
pub mod typst;

/// A whole document: its metadata and its blocks, text already in French typography.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title shown in viewers (PDF DisplayDocTitle, HTML `<title>`, DOCX core).
    pub title: String,
    /// The author in the metadata: the school.
    pub author: String,
    /// The running header of printed pages: left, centre, right.
    pub header: [String; 3],
    pub blocks: Vec<Block>,
    /// Paragraphs set justified (the default); reproduced text (an evidence's Markdown,
    /// long addresses) is set ragged-right, which leaves no wide gaps.
    pub justified: bool,
}

impl Document {
    /// The document with French typography applied to every text it holds, the one
    /// place it is applied (code spans excepted: they are shown as written).
    pub fn new(title: &str, author: &str, header: [String; 3], blocks: Vec<Block>) -> Document {
        let mut d = Document {
            title: title.to_string(),
            author: author.to_string(),
            header,
            blocks,
            justified: true,
        };
        d.title = crate::typo::french(&d.title);
        d.author = crate::typo::french(&d.author);
        for h in &mut d.header {
            *h = crate::typo::french(h);
        }
        blocks_french(&mut d.blocks);
        d
    }
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; `outlined` ones are in the contents and the PDF's bookmarks.
    Heading {
        level: u8,
        anchor: String,
        content: Vec<Inline>,
        outlined: bool,
    },
    Para(Vec<Inline>),
    /// A remark in small muted type under what it explains.
    Note(Vec<Inline>),
    /// Blocks framed together (the avis and its motivation).
    Frame(Vec<Block>),
    Quote(Vec<Block>),
    Code(String),
    List {
        /// The first number of an ordered list; `None` for bullets.
        start: Option<usize>,
        items: Vec<Vec<Block>>,
    },
    Table(Table),
    Figure(Figure),
    /// The next block starts a page in the paged formats (PDF, DOCX, printed HTML).
    PageBreak,
    /// The title of the table that follows (« OBJECTIFS INDICATEURS ÉVALUATION »), kept
    /// on the page of its first rows; not a heading: the guide's tables are not parts.
    Caption(Vec<Inline>),
    /// The contents, under `title`: the `outlined` headings of levels up to `depth`
    /// (Word's « Sommaire » lines, the PDF's outline, the HTML's links).
    Contents {
        title: String,
        depth: u8,
    },
    /// Blocks set on landscape pages in the paged formats (a table too wide for a portrait
    /// page), in place in the others.
    Landscape(Vec<Block>),
    /// A picture or one page of a PDF reproduced from a file (an evidence scan): placed
    /// in the PDF, its alternative text in the other formats.
    Picture(Picture),
}

/// A picture file or one page of a PDF file, with the text that replaces it.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The file's name in the document's files; pages of one PDF share it.
    pub name: String,
    pub bytes: std::sync::Arc<[u8]>,
    /// The page of a PDF (from 1); `None` for a picture.
    pub page: Option<usize>,
    /// The short line shown above it (« page 2 / 5 »), empty for none.
    pub caption: String,
    pub alt: String,
}

/// A table: heading rows (repeated on each page), body rows, columns' relative widths.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub widths: Vec<f32>,
    pub head: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
    /// The whole table stays on one page (an identity table of a few rows).
    pub keep_together: bool,
}

/// A table cell; a heading cell in the body labels its row (a row header).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: Vec<Block>,
    pub header: bool,
    pub colspan: usize,
    pub rowspan: usize,
    /// A number, aligned right.
    pub numeric: bool,
}

impl Cell {
    /// A data cell of plain text.
    pub fn text(s: &str) -> Cell {
        Cell::of(vec![Inline::Text(s.to_string())])
    }

    /// A data cell of inline runs.
    pub fn of(inlines: Vec<Inline>) -> Cell {
        Cell {
            content: vec![Block::Para(inlines)],
            header: false,
            colspan: 1,
            rowspan: 1,
            numeric: false,
        }
    }

    /// A heading cell of plain text.
    pub fn th(s: &str) -> Cell {
        Cell {
            header: true,
            ..Cell::text(s)
        }
    }

    /// A number cell.
    pub fn num(s: &str) -> Cell {
        Cell {
            numeric: true,
            ..Cell::text(s)
        }
    }

    /// The cell's text, its blocks joined by spaces (what a reader of any format sees).
    pub fn plain(&self) -> String {
        blocks_plain(&self.content)
    }
}

/// A figure: a picture (an SVG chart) with the text that replaces it for who cannot see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The picture's file name in the document's files (PDF), and its SVG source.
    pub name: String,
    pub svg: String,
    /// The short title shown above the picture.
    pub caption: String,
    pub alt: String,
    /// What a chart draws, for a backend that draws it itself (Word's native charts).
    pub chart: Option<Chart>,
}

/// A chart's data: one value (or none) per category for each series.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    /// The categories along the horizontal axis (the years, as the school wrote them).
    pub categories: Vec<String>,
    pub series: Vec<Series>,
}

/// A series of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// A reference line (the target), drawn dashed without markers.
    pub reference: bool,
}

/// An inline run.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    /// A link inside the document (`#anchor`) or to an address.
    Link {
        url: String,
        content: Vec<Inline>,
    },
    Code(String),
    LineBreak,
    /// The page of the heading whose anchor this is: its number in the paged formats
    /// (PDF, DOCX), a link [`PAGE_LINK`] to the heading in the others (a web page has no
    /// pages).
    PageRef(String),
    /// A passage coloured by what it says (a state word, an inserted or deleted piece of
    /// text); the words say it too, the colour is never the only sign.
    Mark {
        tone: Tone,
        content: Vec<Inline>,
    },
}

/// The colours of `Inline::Mark`, a closed set each backend draws the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Added, kept (« ajouté », « tenu »): green.
    Gain,
    /// Removed, given up (« retiré », « abandonné »): red.
    Loss,
    /// Renamed, moved, carried over (« renommé », « reconduit »): blue.
    Carried,
    /// Changed (« modifié »): amber.
    Changed,
    /// Text inserted: dark green on a green ground.
    Inserted,
    /// Text deleted: dark red on a red ground.
    Deleted,
}

impl Tone {
    /// Its text colour and, for a passage of text, its ground (RGB hex without `#`);
    /// each text colour reads at WCAG AA (4.5:1) on white and on its ground.
    pub fn colours(self) -> (&'static str, Option<&'static str>) {
        match self {
            Tone::Gain => ("1b7f3b", None),
            Tone::Loss => ("b3261e", None),
            Tone::Carried => ("1668a8", None),
            Tone::Changed => ("955a00", None),
            Tone::Inserted => ("14532d", Some("e3f4e6")),
            Tone::Deleted => ("7f1d1d", Some("fbe4e2")),
        }
    }

    /// Its HTML class.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Gain => "ton-ajout",
            Tone::Loss => "ton-retrait",
            Tone::Carried => "ton-suite",
            Tone::Changed => "ton-modif",
            Tone::Inserted => "ton-insere",
            Tone::Deleted => "ton-supprime",
        }
    }

    pub const ALL: [Tone; 6] = [
        Tone::Gain,
        Tone::Loss,
        Tone::Carried,
        Tone::Changed,
        Tone::Inserted,
        Tone::Deleted,
    ];
}

/// What a page reference reads in the formats without pages (HTML, Markdown).
pub const PAGE_LINK: &str = "voir";

/// A heading block.
pub fn heading(level: u8, anchor: &str, text: &str) -> Block {
    Block::Heading {
        level,
        anchor: anchor.to_string(),
        content: vec![Inline::Text(text.to_string())],
        outlined: true,
    }
}

/// A heading left out of the contents and bookmarks (a part of a part, a word such as
/// « Conclusion » repeated under every criterion).
pub fn unlisted(level: u8, anchor: &str, text: &str) -> Block {
    Block::Heading {
        level,
        anchor: anchor.to_string(),
        content: vec![Inline::Text(text.to_string())],
        outlined: false,
    }
}

/// The document's title: its first heading, left out of the contents and bookmarks,
/// whose top level is the document's parts.
pub fn title(anchor: &str, text: &str) -> Block {
    Block::Heading {
        level: 1,
        anchor: anchor.to_string(),
        content: vec![Inline::Text(text.to_string())],
        outlined: false,
    }
}

/// A heading row of plain labels (a table's `head`).
pub fn head(labels: &[&str]) -> Vec<Vec<Cell>> {
    vec![labels.iter().map(|l| Cell::th(l)).collect()]
}

/// A table's title of plain text.
pub fn caption(text: &str) -> Block {
    Block::Caption(vec![Inline::Text(text.to_string())])
}

/// The outlined headings of `d` of levels up to `depth`: (level, anchor, text).
pub fn outline(blocks: &[Block], depth: u8) -> Vec<(u8, &str, String)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level,
                anchor,
                content,
                outlined: true,
            } if *level <= depth => Some((*level, anchor.as_str(), inlines_plain(content))),
            _ => None,
        })
        .collect()
}

/// A label/value table (« Dénomination | … »): each label a row header, the whole kept on
/// one page; `widths` of the label and value columns.
pub fn label_value<K: AsRef<str>, V: AsRef<str>>(rows: &[(K, V)], widths: [f32; 2]) -> Table {
    Table {
        widths: widths.to_vec(),
        head: Vec::new(),
        body: rows
            .iter()
            .map(|(k, v)| vec![Cell::th(k.as_ref()), Cell::text(v.as_ref())])
            .collect(),
        keep_together: true,
    }
}

/// A paragraph of plain text.
pub fn para(text: &str) -> Block {
    Block::Para(vec![Inline::Text(text.to_string())])
}

/// The text of inline runs, as a reader sees it.
pub fn inlines_plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => {
                out.push_str(&inlines_plain(c));
            }
            Inline::Link { content, .. } => out.push_str(&inlines_plain(content)),
            Inline::LineBreak => out.push(' '),
            Inline::PageRef(_) => out.push_str(PAGE_LINK),
            Inline::Mark { content, .. } => out.push_str(&inlines_plain(content)),
        }
    }
    out
}

/// The text of blocks, joined by spaces.
pub fn blocks_plain(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Heading { content, .. }
            | Block::Para(content)
            | Block::Note(content)
            | Block::Caption(content) => inlines_plain(content),
            Block::Contents { title, .. } => title.clone(),
            Block::Frame(b) | Block::Quote(b) => blocks_plain(b),
            Block::Code(c) => c.clone(),
            Block::List { items, .. } => items
                .iter()
                .map(|i| blocks_plain(i))
                .collect::<Vec<_>>()
                .join(" "),
            Block::Table(t) => t
                .head
                .iter()
                .chain(&t.body)
                .flatten()
                .map(Cell::plain)
                .collect::<Vec<_>>()
                .join(" "),
            Block::Figure(f) => f.alt.clone(),
            Block::PageBreak => String::new(),
            Block::Landscape(b) => blocks_plain(b),
            Block::Picture(p) => p.alt.clone(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    parts.join(" ")
}

fn blocks_french(blocks: &mut [Block]) {
    for b in blocks {
        match b {
            Block::Heading { content, .. }
            | Block::Para(content)
            | Block::Note(content)
            | Block::Caption(content) => inlines_french(content),
            Block::Contents { title, .. } => *title = crate::typo::french(title),
            Block::Frame(b) | Block::Quote(b) | Block::Landscape(b) => blocks_french(b),
            Block::List { items, .. } => items.iter_mut().for_each(|i| blocks_french(i)),
            Block::Table(t) => {
                for c in t.head.iter_mut().chain(t.body.iter_mut()).flatten() {
                    blocks_french(&mut c.content);
                }
            }
            Block::Figure(f) => {
                f.alt = crate::typo::french(&f.alt);
                f.caption = crate::typo::french(&f.caption);
            }
            Block::Picture(p) => {
                p.alt = crate::typo::french(&p.alt);
                p.caption = crate::typo::french(&p.caption);
            }
            Block::Code(_) | Block::PageBreak => {}
        }
    }
}

/// The blocks with landscape sections' blocks in their place, for a backend without
/// page orientation.
pub fn portrait(blocks: &[Block]) -> Vec<&Block> {
    blocks
        .iter()
        .flat_map(|b| match b {
            Block::Landscape(inner) => portrait(inner),
            other => vec![other],
        })
        .collect()
}

/// French typography over a run of inlines taken as one text, so a space and the mark it
/// precedes in another run (« *mot* : ») are seen together; code stays as written. Spaces
/// are replaced one for one, so the text splits back at the same places; when the rule
/// inserted a space (« «mot» »), each run keeps its own pass instead.
fn inlines_french(inlines: &mut [Inline]) {
    let mut leaves = Vec::new();
    leaves_of(inlines, &mut leaves);
    let own: Vec<String> = leaves
        .iter()
        .map(|l| match l {
            Leaf::Text(t) => crate::typo::french(t),
            Leaf::Opaque(n) => "x".repeat(*n),
        })
        .collect();
    let joined = own.concat();
    let fixed: Vec<char> = crate::typo::french(&joined).chars().collect();
    let whole = fixed.len() == joined.chars().count();
    let mut at = 0;
    for (leaf, own) in leaves.into_iter().zip(own) {
        let n = own.chars().count();
        if let Leaf::Text(t) = leaf {
            *t = if whole {
                fixed[at..at + n].iter().collect()
            } else {
                own
            };
        }
        at += n;
    }
}

/// A piece of a paragraph's text: text typography may change, or code and line breaks
/// it must see as characters but never change.
enum Leaf<'a> {
    Text(&'a mut String),
    Opaque(usize),
}

fn leaves_of<'a>(inlines: &'a mut [Inline], out: &mut Vec<Leaf<'a>>) {
    for i in inlines {
        match i {
            Inline::Text(t) => out.push(Leaf::Text(t)),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => leaves_of(c, out),
            Inline::Link { content, .. } => leaves_of(content, out),
            Inline::Code(c) => out.push(Leaf::Opaque(c.chars().count())),
            Inline::LineBreak => out.push(Leaf::Opaque(1)),
            Inline::PageRef(_) => out.push(Leaf::Opaque(PAGE_LINK.chars().count())),
            Inline::Mark { content, .. } => leaves_of(content, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_is_applied_once_to_every_text_but_code() {
        let d = Document::new(
            "Titre : x",
            "Lycée",
            ["a".into(), "b ?".into(), "c".into()],
            vec![
                Block::Para(vec![
                    Inline::Strong(vec![Inline::Text("Avis : oui".into())]),
                    Inline::Code("a : b".into()),
                ]),
                Block::Table(Table {
                    body: vec![vec![Cell::text("10 %")]],
                    ..Table::default()
                }),
            ],
        );
        assert_eq!(d.title, "Titre\u{a0}: x");
        assert_eq!(d.header[1], "b\u{202f}?");
        assert_eq!(blocks_plain(&d.blocks), "Avis\u{a0}: ouia : b 10\u{a0}%");
        let mut runs = vec![
            Inline::Strong(vec![Inline::Text("Note".into())]),
            Inline::Text(" : voir « ".into()),
            Inline::Emph(vec![Inline::Text("ici".into())]),
            Inline::Text(" »".into()),
        ];
        inlines_french(&mut runs);
        assert_eq!(
            inlines_plain(&runs),
            "Note\u{a0}: voir «\u{202f}ici\u{202f}»"
        );
        assert_eq!(
            Document::new(&d.title, "Lycée", d.header.clone(), d.blocks.clone()),
            d
        );
    }

    /// WCAG's relative luminance of an RGB hex colour.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    #[test]
    fn every_tone_reads_at_wcag_aa_on_white_and_on_its_ground() {
        for tone in Tone::ALL {
            let (text, ground) = tone.colours();
            for back in ["ffffff", ground.unwrap_or("ffffff")] {
                let (a, b) = (luminance(text), luminance(back));
                let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
                assert!(ratio >= 4.5, "{tone:?}: {text} on {back} is {ratio:.2}:1");
            }
        }
    }
}
