//! What docx-rs 0.4 cannot write, added to the parts it built before they are zipped:
//! the core properties (title, author, language, a date only from `SOURCE_DATE_EPOCH`),
//! the French language of the text (`w:lang` in the style defaults), `Normal` as the
//! default paragraph style, the header rows Word repeats on each page (`w:tblHeader`),
//! the theme Word requires, and the relationships and content types of every part
//! docx-rs zips; then every part's property elements in the schema's order (`order`).
//! Each is one pass of quick-xml events over a part, never text surgery. The zip entries
//! keep the zip crate's fixed date (1980-01-01, its `time` feature being off), so the
//! same annex gives the same bytes; the package's small parts, the core properties
//! first, open the archive after its folders (`small_parts_first`).

use super::blocks::TableMarks;
use super::order::schema_order;
use super::{DocxError, chart};
use crate::doc::Figure;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::io::{Cursor, Write};

/// The document's description in `docProps/core.xml`.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// W3CDTF, e.g. `2026-03-01T00:00:00Z`.
    pub date: Option<&'a str>,
}

/// The generator mark of the DOCX: `fsutil::MARKERS` recognises it in `core.xml`, stored
/// uncompressed as the archive's first file (after its folders), the mark its first
/// element, so it is found in the first KiB however many charts the document has. Saving the file in Word replaces it with the
/// person's name, so ldm then leaves that file alone.
pub const MARKER: &str = "<cp:lastModifiedBy>ldm</cp:lastModifiedBy>";

/// The theme part: Word reports a document without one as damaged. Its colours and fonts
/// are the annex's own (Liberation Sans, the headings' blue).
const THEME: &str = include_str!("theme1.xml");
const THEME_PATH: &str = "word/theme/theme1.xml";
const THEME_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
const THEME_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
const FOOTNOTES_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";

/// The Word file, with native Word charts: the k-th empty run of the paragraphs of style
/// `chart::STYLE` gets the k-th figure's chart, each chart its part, relationship and
/// content type.
pub fn pack_charts(
    mut docx: docx_rs::Docx,
    tables: &[TableMarks],
    meta: &Meta,
    charts: &[&Figure],
) -> Result<Vec<u8>, DocxError> {
    linked(&mut docx);
    for k in 1..=charts.len() {
        let types = std::mem::take(&mut docx.content_type);
        docx.content_type = types.add_content(format!("/{}", chart_path(k)), chart::CHART_TYPE);
    }
    let mut xml = docx.build();
    xml.doc_props.core = core(meta)?;
    xml.styles = schema_order(&french_defaults(&xml.styles)?)?;
    let document = chart::place(&table_marks(&xml.document, tables)?, charts)?;
    xml.document = schema_order(&document)?;
    xml.document_rels = relationships(&xml.document_rels, charts.len())?;
    for part in [
        &mut xml.settings,
        &mut xml.numberings,
        &mut xml.comments,
        &mut xml.footnotes,
    ]
    .into_iter()
    .chain(xml.headers.iter_mut())
    .chain(xml.footers.iter_mut())
    {
        *part = schema_order(part)?;
    }
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(err)?;
    // The theme goes last, appended to the archive docx-rs wrote (it has no theme field).
    let mut zip = zip::ZipWriter::new_append(out).map_err(err)?;
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file(THEME_PATH, stored).map_err(err)?;
    zip.write_all(THEME.as_bytes()).map_err(err)?;
    for (k, f) in charts.iter().enumerate() {
        let data = f
            .chart
            .as_ref()
            .map(|c| chart::part(c, &f.caption))
            .transpose()?;
        zip.start_file(chart_path(k + 1), stored).map_err(err)?;
        zip.write_all(&data.unwrap_or_default()).map_err(err)?;
    }
    small_parts_first(zip.finish().map_err(err)?.into_inner())
}

/// The files that open the archive, after its folders, in this order: the core
/// properties (ldm's mark), then what a reader of the package looks up before any part.
const FIRST_ENTRIES: [&str; 4] = [
    "docProps/core.xml",
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/app.xml",
];

/// The archive `zip` with its folders (a few bytes each; `word/` first is how `file`
/// and other sniffers tell a Word file) and `FIRST_ENTRIES` first, every other entry
/// after them in its order, each copied as it is stored. docx-rs writes the content
/// types first, which list every chart part, and would push the mark past the few KiB
/// `fsutil` reads.
fn small_parts_first(zip: Vec<u8>) -> Result<Vec<u8>, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).map_err(err)?;
    let rank = |name: &str| {
        if name.ends_with('/') {
            return 0;
        }
        let first = FIRST_ENTRIES.iter().position(|f| *f == name);
        1 + first.unwrap_or(FIRST_ENTRIES.len())
    };
    let mut order: Vec<(usize, usize)> = archive
        .file_names()
        .map(rank)
        .enumerate()
        .map(|(i, r)| (r, i))
        .collect();
    order.sort_unstable();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (_, i) in order {
        out.raw_copy_file(archive.by_index_raw(i).map_err(err)?)
            .map_err(err)?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

/// The k-th chart's part in the package.
fn chart_path(k: usize) -> String {
    format!("word/charts/chart{k}.xml")
}

/// The document's relationships with the theme's and the `charts` charts' added.
fn relationships(rels: &[u8], charts: usize) -> Result<Vec<u8>, DocxError> {
    let rels = theme_relationship(rels)?;
    rewrite(&rels, |e, w| {
        if let Event::End(s) = e
            && s.name().0 == "Relationships"
        {
            for k in 1..=charts {
                let (id, target) = (format!("rIdChart{k}"), format!("charts/chart{k}.xml"));
                let rel = BytesStart::new("Relationship").with_attributes([
                    ("Id", id.as_str()),
                    ("Type", chart::CHART_REL),
                    ("Target", target.as_str()),
                ]);
                w.write_event(Event::Empty(rel)).map_err(err)?;
            }
        }
        Ok(true)
    })
}

/// Every part docx-rs zips has its relationship and its content type: docx-rs writes the
/// comments, numbering and footnotes parts whether or not the document uses them, and
/// links them only when it does; an unlinked part is an error for Word's validator.
fn linked(docx: &mut docx_rs::Docx) {
    let rels = &mut docx.document_rels;
    rels.has_comments = true;
    rels.has_numberings = true;
    rels.has_footnotes = true;
    let types = std::mem::take(&mut docx.content_type);
    docx.content_type = types
        .add_content("/word/footnotes.xml", FOOTNOTES_TYPE)
        .add_content(format!("/{THEME_PATH}"), THEME_TYPE);
}

/// The document's relationships with the theme's added at the end.
fn theme_relationship(rels: &[u8]) -> Result<Vec<u8>, DocxError> {
    rewrite(rels, |e, w| {
        if let Event::End(s) = e
            && s.name().0 == "Relationships"
        {
            let rel = BytesStart::new("Relationship").with_attributes([
                ("Id", "rIdTheme1"),
                ("Type", THEME_REL),
                ("Target", "theme/theme1.xml"),
            ]);
            w.write_event(Event::Empty(rel)).map_err(err)?;
        }
        Ok(true)
    })
}

fn err(e: impl std::fmt::Display) -> DocxError {
    DocxError(e.to_string())
}

fn core(meta: &Meta) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(quick_xml::events::BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))
    .map_err(err)?;
    let root = BytesStart::new("cp:coreProperties").with_attributes([
        (
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        ),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ]);
    w.write_event(Event::Start(root)).map_err(err)?;
    let mut element = |name: &str, text: &str, typed: bool| -> Result<(), DocxError> {
        let mut start = BytesStart::new(name);
        if typed {
            start.push_attribute(("xsi:type", "dcterms:W3CDTF"));
        }
        w.write_event(Event::Start(start)).map_err(err)?;
        w.write_event(Event::Text(BytesText::new(text)))
            .map_err(err)?;
        w.write_event(Event::End(BytesEnd::new(name))).map_err(err)
    };
    // The mark first: the title and author before it are the school's, of any length.
    element("cp:lastModifiedBy", "ldm", false)?;
    element("dc:title", meta.title, false)?;
    element("dc:creator", meta.author, false)?;
    element("dc:language", "fr-FR", false)?;
    if let Some(date) = meta.date {
        element("dcterms:created", date, true)?;
        element("dcterms:modified", date, true)?;
    }
    w.write_event(Event::End(BytesEnd::new("cp:coreProperties")))
        .map_err(err)?;
    Ok(w.into_inner())
}

/// Copies `part` event by event, letting `f` write extra events before each one.
pub(super) fn rewrite(
    part: &[u8],
    mut f: impl FnMut(&Event, &mut Writer<Vec<u8>>) -> Result<bool, DocxError>,
) -> Result<Vec<u8>, DocxError> {
    let mut r = Reader::from_reader(part);
    let mut w = Writer::new(Vec::new());
    let mut buf = Vec::new();
    loop {
        let e = r.read_event_into(&mut buf).map_err(err)?;
        if matches!(e, Event::Eof) {
            break;
        }
        // `f` returns false when it wrote the event itself.
        if f(&e, &mut w)? {
            w.write_event(e).map_err(err)?;
        }
        buf.clear();
    }
    Ok(w.into_inner())
}

/// The document defaults' run properties end with `w:lang` fr-FR (its place in the
/// schema's sequence is near the end), so Word checks spelling in French; `Normal`,
/// which docx-rs always writes, is the default paragraph style, the one a paragraph
/// without `w:pStyle` has.
fn french_defaults(styles: &[u8]) -> Result<Vec<u8>, DocxError> {
    let lang =
        || BytesStart::new("w:lang").with_attributes([("w:val", "fr-FR"), ("w:eastAsia", "fr-FR")]);
    let mut in_default = false;
    rewrite(styles, |e, w| {
        match e {
            Event::Start(s) if s.name().0 == "w:rPrDefault" => in_default = true,
            Event::End(s) if s.name().0 == "w:rPrDefault" => in_default = false,
            Event::Start(s) if is_style(s, "Normal") => {
                let mut normal = s.clone();
                normal.push_attribute(("w:default", "1"));
                w.write_event(Event::Start(normal)).map_err(err)?;
                return Ok(false);
            }
            Event::End(s) if in_default && s.name().0 == "w:rPr" => {
                w.write_event(Event::Empty(lang())).map_err(err)?;
            }
            Event::Empty(s) if in_default && s.name().0 == "w:rPr" => {
                w.write_event(Event::Start(BytesStart::new("w:rPr")))
                    .map_err(err)?;
                w.write_event(Event::Empty(lang())).map_err(err)?;
                w.write_event(Event::End(BytesEnd::new("w:rPr")))
                    .map_err(err)?;
                return Ok(false);
            }
            _ => {}
        }
        Ok(true)
    })
}

fn is_style(s: &BytesStart, id: &str) -> bool {
    s.name().0 == "w:style"
        && s.attributes()
            .flatten()
            .any(|a| a.key.0 == "w:styleId" && a.value.as_ref() == id)
}

/// Marks the header rows and the header column of each top-level table, as the writer
/// counted them (`tables[k]` for the k-th): its first rows as header rows
/// (`w:tblHeader`), which Word and LibreOffice repeat at the top of each page, and its
/// table look (`w:tblLook`), which tells Word and screen readers whether the first row
/// and the first column are headings.
fn table_marks(document: &[u8], tables: &[TableMarks]) -> Result<Vec<u8>, DocxError> {
    let (mut depth, mut table, mut row) = (0usize, 0usize, 0usize);
    let header = || Event::Empty(BytesStart::new("w:tblHeader"));
    rewrite(document, |e, w| {
        let marks = table.checked_sub(1).and_then(|t| tables.get(t));
        let in_header = depth == 1 && marks.is_some_and(|m| row <= m.header_rows);
        match e {
            Event::Start(s) if s.name().0 == "w:tbl" => {
                depth += 1;
                if depth == 1 {
                    table += 1;
                    row = 0;
                }
            }
            Event::End(s) if s.name().0 == "w:tbl" => depth = depth.saturating_sub(1),
            Event::End(s) if depth == 1 && s.name().0 == "w:tblPr" => {
                if let Some(m) = marks {
                    w.write_event(Event::Empty(look(m))).map_err(err)?;
                }
            }
            Event::Start(s) if depth == 1 && s.name().0 == "w:tr" => row += 1,
            Event::Start(s) if s.name().0 == "w:trPr" && in_header => {
                w.write_event(e.clone()).map_err(err)?;
                w.write_event(header()).map_err(err)?;
                return Ok(false);
            }
            Event::Empty(s) if s.name().0 == "w:trPr" && in_header => {
                w.write_event(Event::Start(BytesStart::new("w:trPr")))
                    .map_err(err)?;
                w.write_event(header()).map_err(err)?;
                w.write_event(Event::End(BytesEnd::new("w:trPr")))
                    .map_err(err)?;
                return Ok(false);
            }
            _ => {}
        }
        Ok(true)
    })
}

/// The table look of a table: its heading row and column, no banding.
fn look(m: &TableMarks) -> BytesStart<'static> {
    let flag = |on: bool| if on { "1" } else { "0" };
    BytesStart::new("w:tblLook").with_attributes([
        ("w:firstRow", flag(m.header_rows > 0)),
        ("w:lastRow", "0"),
        ("w:firstColumn", flag(m.header_column)),
        ("w:lastColumn", "0"),
        ("w:noHBand", "1"),
        ("w:noVBand", "1"),
    ])
}
