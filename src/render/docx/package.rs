//! What docx-rs 0.4 cannot write, added to the parts it built before they are zipped:
//! the core properties (title, author, language, a date only from `SOURCE_DATE_EPOCH`),
//! the French language of the text (`w:lang` in the style defaults) and the header rows
//! Word repeats on each page (`w:tblHeader`). Each is one pass of quick-xml events over a
//! part, never text surgery. The zip entries keep the zip crate's fixed date (1980-01-01,
//! its `time` feature being off), so the same annex gives the same bytes.

use super::DocxError;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::io::Cursor;

/// The document's description in `docProps/core.xml`.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// W3CDTF, e.g. `2026-03-01T00:00:00Z`.
    pub date: Option<&'a str>,
}

/// The generator mark of the DOCX: `fsutil::MARKERS` recognises it in `core.xml`, stored
/// uncompressed near the start of the file. Saving the file in Word replaces it with the
/// person's name, so ldm then leaves that file alone.
pub const MARKER: &str = "<cp:lastModifiedBy>ldm</cp:lastModifiedBy>";

pub fn pack(docx: docx_rs::Docx, header_rows: &[usize], meta: &Meta) -> Result<Vec<u8>, DocxError> {
    let mut xml = docx.build();
    xml.doc_props.core = core(meta)?;
    xml.styles = french_defaults(&xml.styles)?;
    xml.document = repeated_headers(&xml.document, header_rows)?;
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| DocxError(e.to_string()))?;
    Ok(out.into_inner())
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
    element("dc:title", meta.title, false)?;
    element("dc:creator", meta.author, false)?;
    element("cp:lastModifiedBy", "ldm", false)?;
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
fn rewrite(
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
/// schema's sequence is near the end), so Word checks spelling in French.
fn french_defaults(styles: &[u8]) -> Result<Vec<u8>, DocxError> {
    let lang =
        || BytesStart::new("w:lang").with_attributes([("w:val", "fr-FR"), ("w:eastAsia", "fr-FR")]);
    let mut in_default = false;
    rewrite(styles, |e, w| {
        match e {
            Event::Start(s) if s.name().0 == "w:rPrDefault" => in_default = true,
            Event::End(s) if s.name().0 == "w:rPrDefault" => in_default = false,
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

/// Marks the first `header_rows[k]` rows of the k-th top-level table as header rows
/// (`w:tblHeader`), which Word and LibreOffice repeat at the top of each page.
fn repeated_headers(document: &[u8], header_rows: &[usize]) -> Result<Vec<u8>, DocxError> {
    let (mut depth, mut table, mut row) = (0usize, 0usize, 0usize);
    let header = || Event::Empty(BytesStart::new("w:tblHeader"));
    rewrite(document, |e, w| {
        let rows = table.checked_sub(1).and_then(|t| header_rows.get(t));
        let in_header = depth == 1 && rows.is_some_and(|&n| row <= n);
        match e {
            Event::Start(s) if s.name().0 == "w:tbl" => {
                depth += 1;
                if depth == 1 {
                    table += 1;
                    row = 0;
                }
            }
            Event::End(s) if s.name().0 == "w:tbl" => depth = depth.saturating_sub(1),
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
