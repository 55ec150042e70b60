//! The schema's order of children inside WordprocessingML's property elements, restored
//! over the parts docx-rs writes: docx-rs puts some of them out of the order of ECMA-376
//! (`w:jc` after `w:spacing`, `w:pgMar` before `w:pgSz`, `w:zoom` after
//! `w:defaultTabStop`…), which Word answers with a repair prompt. Only property elements
//! are sorted; the order of content (paragraphs, runs, rows, cells) is never touched.

use super::DocxError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// The elements whose children ECMA-376 puts in a sequence, with that sequence (the
/// transitional schema as the Open XML SDK validates it, Word 2016). An element named
/// in several contexts (`w:rPr` of a run, of a paragraph mark, of a style) gets the union
/// of its sequences, which agree on the order of what they share.
const SEQUENCES: &[(&str, &str)] = &[
    (
        "w:pPr",
        "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl \
         w:numPr w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens \
         w:kinsoku w:wordWrap w:overflowPunct w:topLinePunct w:autoSpaceDE \
         w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind \
         w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc w:textDirection \
         w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr \
         w:sectPr w:pPrChange",
    ),
    (
        "w:rPr",
        "w:ins w:del w:moveFrom w:moveTo w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps \
         w:smallCaps w:strike w:dstrike w:outline w:shadow w:emboss w:imprint w:noProof \
         w:snapToGrid w:vanish w:webHidden w:color w:spacing w:w w:kern w:position w:sz \
         w:szCs w:highlight w:u w:effect w:bdr w:shd w:fitText w:vertAlign w:rtl w:cs \
         w:em w:lang w:eastAsianLayout w:specVanish w:oMath w:rPrChange",
    ),
    (
        "w:tblPr",
        "w:tblStyle w:tblpPr w:tblOverlap w:bidiVisual w:tblStyleRowBandSize \
         w:tblStyleColBandSize w:tblW w:jc w:tblCellSpacing w:tblInd w:tblBorders w:shd \
         w:tblLayout w:tblCellMar w:tblLook w:tblCaption w:tblDescription w:tblPrChange",
    ),
    (
        "w:tcPr",
        "w:cnfStyle w:tcW w:gridSpan w:hMerge w:vMerge w:tcBorders w:shd w:noWrap \
         w:tcMar w:textDirection w:tcFitText w:vAlign w:hideMark w:cellIns w:cellDel \
         w:cellMerge w:tcPrChange",
    ),
    (
        "w:trPr",
        "w:cnfStyle w:divId w:gridBefore w:gridAfter w:wBefore w:wAfter w:trHeight \
         w:hidden w:cantSplit w:tblHeader w:tblCellSpacing w:jc w:ins w:del \
         w:trPrChange",
    ),
    (
        "w:sectPr",
        "w:headerReference w:footerReference w:footnotePr w:endnotePr w:type w:pgSz \
         w:pgMar w:paperSrc w:pgBorders w:lnNumType w:pgNumType w:cols w:formProt \
         w:vAlign w:noEndnote w:titlePg w:textDirection w:bidi w:rtlGutter w:docGrid \
         w:printerSettings w:sectPrChange",
    ),
    (
        "w:style",
        "w:name w:aliases w:basedOn w:next w:link w:autoRedefine w:hidden w:uiPriority \
         w:semiHidden w:unhideWhenUsed w:qFormat w:locked w:personal w:personalCompose \
         w:personalReply w:rsid w:pPr w:rPr w:tblPr w:trPr w:tcPr w:tblStylePr",
    ),
    ("w:docDefaults", "w:rPrDefault w:pPrDefault"),
    (
        "w:settings",
        "w:writeProtection w:view w:zoom w:removePersonalInformation \
         w:removeDateAndTime w:doNotDisplayPageBoundaries w:mirrorMargins \
         w:hideSpellingErrors w:hideGrammaticalErrors w:proofState w:attachedTemplate \
         w:documentType w:trackRevisions w:documentProtection w:defaultTabStop \
         w:autoHyphenation w:evenAndOddHeaders w:characterSpacingControl w:updateFields \
         w:footnotePr w:endnotePr w:compat w:docVars w:rsids m:mathPr w:themeFontLang \
         w:clrSchemeMapping w:decimalSymbol w:listSeparator w14:docId \
         w15:chartTrackingRefBased w15:docId",
    ),
];

/// Elements left out when empty: docx-rs writes an empty `w:rPr` everywhere, also in the
/// paragraph properties of styles and numbering levels, where the schema has no `w:rPr`.
const DROPPED_WHEN_EMPTY: &[&str] = &["w:rPr"];

/// Attributes the schema does not allow on an element that docx-rs writes them on.
const FORBIDDEN: &[(&str, &str)] = &[("w:gridCol", "w:type")];

fn sequence(name: &str) -> Option<&'static str> {
    SEQUENCES.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// An element being read: its start tag, whether its children are sorted, and its
/// children so far, each written out with its rank in the parent's sequence.
struct Open {
    start: BytesStart<'static>,
    order: Option<&'static str>,
    children: Vec<(usize, Vec<u8>)>,
}

impl Open {
    /// The rank of a child named `name`: its place in the sequence; an unknown child stays
    /// after the one before it (the sort is stable).
    fn rank(&self, name: Option<&str>) -> usize {
        let last = self.children.last().map_or(0, |c| c.0);
        match (self.order, name) {
            (Some(seq), Some(n)) => seq
                .split_ascii_whitespace()
                .position(|s| s == n)
                .unwrap_or(last),
            _ => self.children.len(),
        }
    }

    fn push(&mut self, name: Option<&str>, bytes: Vec<u8>) {
        let rank = self.rank(name);
        self.children.push((rank, bytes));
    }

    fn close(mut self) -> Result<Vec<u8>, DocxError> {
        if self.children.is_empty() && DROPPED_WHEN_EMPTY.contains(&self.start.name().0) {
            return Ok(Vec::new());
        }
        if self.order.is_some() {
            self.children.sort_by_key(|c| c.0);
        }
        let end = self.start.to_end().into_owned();
        let mut w = Writer::new(Vec::new());
        w.write_event(Event::Start(self.start)).map_err(err)?;
        for (_, bytes) in self.children {
            w.get_mut().extend_from_slice(&bytes);
        }
        w.write_event(Event::End(end)).map_err(err)?;
        Ok(w.into_inner())
    }
}

fn err(e: impl std::fmt::Display) -> DocxError {
    DocxError(e.to_string())
}

fn written(e: Event) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer::new(Vec::new());
    w.write_event(e).map_err(err)?;
    Ok(w.into_inner())
}

/// The start tag without the attributes the schema forbids on it.
fn allowed(s: &BytesStart) -> BytesStart<'static> {
    let name = s.name().0.to_string();
    let Some(&(_, bad)) = FORBIDDEN.iter().find(|(n, _)| *n == name) else {
        return s.clone().into_owned();
    };
    let mut out = BytesStart::new(name);
    out.extend_attributes(s.attributes().flatten().filter(|a| a.key.0 != bad));
    out
}

/// The part with the children of its property elements in the schema's order and the
/// forbidden attributes left out. Iterative (a stack of open elements), so deeply nested
/// tables or lists cannot exhaust the call stack.
pub fn schema_order(part: &[u8]) -> Result<Vec<u8>, DocxError> {
    let mut r = Reader::from_reader(part);
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        let e = r.read_event_into(&mut buf).map_err(err)?;
        let (name, bytes) = match e {
            Event::Eof => break,
            Event::Start(s) => {
                let start = allowed(&s);
                let order = sequence(start.name().0);
                stack.push(Open {
                    start,
                    order,
                    children: Vec::new(),
                });
                buf.clear();
                continue;
            }
            Event::End(_) => {
                let open = stack.pop().ok_or_else(|| err("balise fermante isolée"))?;
                let name = open.start.name().0.to_string();
                (Some(name), open.close()?)
            }
            Event::Empty(s) if DROPPED_WHEN_EMPTY.contains(&s.name().0) => {
                buf.clear();
                continue;
            }
            Event::Empty(s) => {
                let start = allowed(&s);
                let name = start.name().0.to_string();
                (Some(name), written(Event::Empty(start))?)
            }
            other => (None, written(other)?),
        };
        match stack.last_mut() {
            Some(parent) => parent.push(name.as_deref(), bytes),
            None => out.extend_from_slice(&bytes),
        }
        buf.clear();
    }
    if !stack.is_empty() {
        return Err(err("élément non fermé"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(xml: &str) -> String {
        String::from_utf8(schema_order(xml.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn property_children_follow_the_schema_and_content_keeps_its_order() {
        let xml = r#"<w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/><w:pStyle w:val="Legende"/><w:keepNext/></w:pPr><w:r><w:t>b</w:t></w:r><w:r><w:t>a</w:t></w:r></w:p>"#;
        assert_eq!(
            ordered(xml),
            r#"<w:p><w:pPr><w:pStyle w:val="Legende"/><w:keepNext/><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:r><w:t>b</w:t></w:r><w:r><w:t>a</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn nested_run_properties_are_sorted_inside_sorted_paragraph_properties() {
        let xml = r#"<w:pPr><w:rPr><w:sz w:val="20"/><w:b/></w:rPr><w:jc w:val="left"/></w:pPr>"#;
        assert_eq!(
            ordered(xml),
            r#"<w:pPr><w:jc w:val="left"/><w:rPr><w:b/><w:sz w:val="20"/></w:rPr></w:pPr>"#
        );
    }

    #[test]
    fn empty_run_properties_are_left_out() {
        let xml = r#"<w:pPr><w:rPr /><w:ind w:left="0"/><w:rPr></w:rPr></w:pPr>"#;
        assert_eq!(ordered(xml), r#"<w:pPr><w:ind w:left="0"/></w:pPr>"#);
    }

    #[test]
    fn grid_columns_lose_their_type() {
        let xml = r#"<w:tblGrid><w:gridCol w:w="100" w:type="dxa"/></w:tblGrid>"#;
        assert_eq!(
            ordered(xml),
            r#"<w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>"#
        );
    }

    #[test]
    fn text_and_deep_nesting_survive() {
        let deep = "<w:tbl>".repeat(50_000) + &"</w:tbl>".repeat(50_000);
        assert_eq!(ordered(&deep), deep);
        assert_eq!(ordered("<w:t>a &amp; b</w:t>"), "<w:t>a &amp; b</w:t>");
        assert!(schema_order(b"<w:p>").is_err());
    }
}
