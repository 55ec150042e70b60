//! Native Word charts for the model's figures that carry their data (`doc::Chart`): a
//! DrawingML chart part (`c:chartSpace`, a line chart of the measures by year with the
//! target as a dashed second series, its values cached in the part so Word and
//! LibreOffice draw it without a workbook), and the inline drawing that places it, whose
//! `wp:docPr` carries the figure's alternative text. Written with quick-xml events.

use super::DocxError;
use crate::doc::{Chart, Figure, Series};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

pub const CHART_TYPE: &str = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
pub const CHART_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The chart's size on the page in EMU: 8.4 cm by 6.4 cm, two by row on the text width.
const WIDTH: &str = "3024000";
const HEIGHT: &str = "2304000";
/// The colours of the PDF's charts: measures in the headings' blue, the target grey.
const MEASURES: &str = "1F3864";
const TARGET: &str = "777777";

type W = Writer<Vec<u8>>;

fn err(e: impl std::fmt::Display) -> DocxError {
    DocxError(e.to_string())
}

fn open(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> Result<(), DocxError> {
    let s = BytesStart::new(name).with_attributes(attrs.iter().copied());
    w.write_event(Event::Start(s)).map_err(err)
}

fn close(w: &mut W, name: &str) -> Result<(), DocxError> {
    w.write_event(Event::End(BytesEnd::new(name))).map_err(err)
}

fn empty(w: &mut W, name: &str, attrs: &[(&str, &str)]) -> Result<(), DocxError> {
    let s = BytesStart::new(name).with_attributes(attrs.iter().copied());
    w.write_event(Event::Empty(s)).map_err(err)
}

fn val(w: &mut W, name: &str, v: &str) -> Result<(), DocxError> {
    empty(w, name, &[("val", v)])
}

fn text(w: &mut W, name: &str, t: &str) -> Result<(), DocxError> {
    open(w, name, &[])?;
    w.write_event(Event::Text(BytesText::new(t))).map_err(err)?;
    close(w, name)
}

/// The inline drawing of the `k`-th chart (relationship `rIdChart{k}`), as a run.
pub fn drawing(w: &mut W, k: usize, f: &Figure) -> Result<(), DocxError> {
    let id = (1000 + k).to_string();
    let rid = format!("rIdChart{k}");
    let name = format!("Graphique {k}");
    open(w, "w:r", &[])?;
    open(w, "w:drawing", &[])?;
    let dist = [
        ("distT", "0"),
        ("distB", "0"),
        ("distL", "0"),
        ("distR", "0"),
    ];
    open(w, "wp:inline", &dist)?;
    empty(w, "wp:extent", &[("cx", WIDTH), ("cy", HEIGHT)])?;
    empty(
        w,
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    )?;
    let doc_pr = [
        ("id", id.as_str()),
        ("name", name.as_str()),
        ("descr", f.alt.as_str()),
        ("title", f.caption.as_str()),
    ];
    empty(w, "wp:docPr", &doc_pr)?;
    empty(w, "wp:cNvGraphicFramePr", &[])?;
    open(w, "a:graphic", &[("xmlns:a", A)])?;
    open(w, "a:graphicData", &[("uri", C)])?;
    empty(
        w,
        "c:chart",
        &[("xmlns:c", C), ("xmlns:r", R), ("r:id", &rid)],
    )?;
    for name in [
        "a:graphicData",
        "a:graphic",
        "wp:inline",
        "w:drawing",
        "w:r",
    ] {
        close(w, name)?;
    }
    Ok(())
}

/// The chart part: its title, a line chart of the series over the categories, legend
/// below.
pub fn part(c: &Chart, title: &str) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer::new(Vec::new());
    let decl = BytesDecl::new("1.0", Some("UTF-8"), Some("yes"));
    w.write_event(Event::Decl(decl)).map_err(err)?;
    open(
        &mut w,
        "c:chartSpace",
        &[("xmlns:c", C), ("xmlns:a", A), ("xmlns:r", R)],
    )?;
    val(&mut w, "c:date1904", "0")?;
    val(&mut w, "c:lang", "fr-FR")?;
    val(&mut w, "c:roundedCorners", "0")?;
    open(&mut w, "c:chart", &[])?;
    heading(&mut w, title)?;
    val(&mut w, "c:autoTitleDeleted", "0")?;
    open(&mut w, "c:plotArea", &[])?;
    empty(&mut w, "c:layout", &[])?;
    open(&mut w, "c:lineChart", &[])?;
    val(&mut w, "c:grouping", "standard")?;
    val(&mut w, "c:varyColors", "0")?;
    for (k, s) in c.series.iter().enumerate() {
        series(&mut w, k, s, &c.categories)?;
    }
    val(&mut w, "c:marker", "1")?;
    val(&mut w, "c:axId", "1001")?;
    val(&mut w, "c:axId", "1002")?;
    close(&mut w, "c:lineChart")?;
    axes(&mut w)?;
    close(&mut w, "c:plotArea")?;
    open(&mut w, "c:legend", &[])?;
    val(&mut w, "c:legendPos", "b")?;
    val(&mut w, "c:overlay", "0")?;
    close(&mut w, "c:legend")?;
    val(&mut w, "c:plotVisOnly", "1")?;
    // A year without a measure leaves a gap the line spans, as in the PDF's charts.
    val(&mut w, "c:dispBlanksAs", "span")?;
    close(&mut w, "c:chart")?;
    close(&mut w, "c:chartSpace")?;
    Ok(w.into_inner())
}

/// The chart's title, in small bold type above the plot.
fn heading(w: &mut W, title: &str) -> Result<(), DocxError> {
    open(w, "c:title", &[])?;
    open(w, "c:tx", &[])?;
    open(w, "c:rich", &[])?;
    empty(w, "a:bodyPr", &[])?;
    empty(w, "a:lstStyle", &[])?;
    open(w, "a:p", &[])?;
    open(w, "a:pPr", &[])?;
    empty(w, "a:defRPr", &[("sz", "900"), ("b", "1")])?;
    close(w, "a:pPr")?;
    open(w, "a:r", &[])?;
    empty(w, "a:rPr", &[("lang", "fr-FR"), ("sz", "900"), ("b", "1")])?;
    text(w, "a:t", title)?;
    close(w, "a:r")?;
    close(w, "a:p")?;
    close(w, "c:rich")?;
    close(w, "c:tx")?;
    val(w, "c:overlay", "0")?;
    close(w, "c:title")
}

/// One series: its name, line and markers, the categories and its values (cached).
fn series(w: &mut W, k: usize, s: &Series, categories: &[String]) -> Result<(), DocxError> {
    let idx = k.to_string();
    let column = char::from(b'B' + (k % 24) as u8);
    open(w, "c:ser", &[])?;
    val(w, "c:idx", &idx)?;
    val(w, "c:order", &idx)?;
    open(w, "c:tx", &[])?;
    open(w, "c:strRef", &[])?;
    text(w, "c:f", &format!("Feuil1!${column}$1"))?;
    strings(w, "c:strCache", std::slice::from_ref(&s.name))?;
    close(w, "c:strRef")?;
    close(w, "c:tx")?;
    look(w, s.reference)?;
    let rows = categories.len() + 1;
    open(w, "c:cat", &[])?;
    open(w, "c:strRef", &[])?;
    text(w, "c:f", &format!("Feuil1!$A$2:$A${rows}"))?;
    strings(w, "c:strCache", categories)?;
    close(w, "c:strRef")?;
    close(w, "c:cat")?;
    open(w, "c:val", &[])?;
    open(w, "c:numRef", &[])?;
    text(w, "c:f", &format!("Feuil1!${column}$2:${column}${rows}"))?;
    numbers(w, &s.values)?;
    close(w, "c:numRef")?;
    close(w, "c:val")?;
    val(w, "c:smooth", "0")?;
    close(w, "c:ser")
}

/// A series' line and markers: the measures solid with round markers, the target dashed.
fn look(w: &mut W, reference: bool) -> Result<(), DocxError> {
    let colour = if reference { TARGET } else { MEASURES };
    open(w, "c:spPr", &[])?;
    open(w, "a:ln", &[("w", "25400")])?;
    open(w, "a:solidFill", &[])?;
    val(w, "a:srgbClr", colour)?;
    close(w, "a:solidFill")?;
    if reference {
        val(w, "a:prstDash", "dash")?;
    }
    close(w, "a:ln")?;
    close(w, "c:spPr")?;
    open(w, "c:marker", &[])?;
    val(w, "c:symbol", if reference { "none" } else { "circle" })?;
    if !reference {
        val(w, "c:size", "6")?;
    }
    close(w, "c:marker")
}

fn strings(w: &mut W, name: &str, items: &[String]) -> Result<(), DocxError> {
    open(w, name, &[])?;
    val(w, "c:ptCount", &items.len().to_string())?;
    for (k, s) in items.iter().enumerate() {
        open(w, "c:pt", &[("idx", &k.to_string())])?;
        text(w, "c:v", s)?;
        close(w, "c:pt")?;
    }
    close(w, name)
}

/// The cached values; a category without a (finite) value has no point.
fn numbers(w: &mut W, values: &[Option<f64>]) -> Result<(), DocxError> {
    open(w, "c:numCache", &[])?;
    text(w, "c:formatCode", "General")?;
    val(w, "c:ptCount", &values.len().to_string())?;
    for (k, v) in values.iter().enumerate() {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            open(w, "c:pt", &[("idx", &k.to_string())])?;
            text(w, "c:v", &v.to_string())?;
            close(w, "c:pt")?;
        }
    }
    close(w, "c:numCache")
}

/// The category axis (years) below, the value axis on the left with its gridlines.
fn axes(w: &mut W) -> Result<(), DocxError> {
    for (tag, id, cross, pos) in [
        ("c:catAx", "1001", "1002", "b"),
        ("c:valAx", "1002", "1001", "l"),
    ] {
        open(w, tag, &[])?;
        val(w, "c:axId", id)?;
        open(w, "c:scaling", &[])?;
        val(w, "c:orientation", "minMax")?;
        close(w, "c:scaling")?;
        val(w, "c:delete", "0")?;
        val(w, "c:axPos", pos)?;
        if tag == "c:valAx" {
            empty(w, "c:majorGridlines", &[])?;
            empty(
                w,
                "c:numFmt",
                &[("formatCode", "General"), ("sourceLinked", "0")],
            )?;
        }
        val(w, "c:majorTickMark", "out")?;
        val(w, "c:minorTickMark", "none")?;
        val(w, "c:tickLblPos", "nextTo")?;
        val(w, "c:crossAx", cross)?;
        val(w, "c:crosses", "autoZero")?;
        if tag == "c:catAx" {
            val(w, "c:auto", "1")?;
            val(w, "c:lblAlgn", "ctr")?;
            val(w, "c:lblOffset", "100")?;
            val(w, "c:noMultiLvlLbl", "0")?;
        } else {
            val(w, "c:crossBetween", "between")?;
        }
        close(w, tag)?;
    }
    Ok(())
}

/// The style of the paragraph that holds a chart (`model` writes it empty).
pub const STYLE: &str = "Graphique";

/// The document with each empty run of the paragraphs of style [`STYLE`] replaced by
/// the next figure's chart, in document order.
pub fn place(document: &[u8], charts: &[&Figure]) -> Result<Vec<u8>, DocxError> {
    let (mut k, mut holds, mut in_run) = (0usize, false, false);
    super::package::rewrite(document, |e, w| {
        let mut next = |w: &mut W| match charts.get(k) {
            Some(f) => {
                k += 1;
                drawing(w, k, f)
            }
            None => Ok(()),
        };
        match e {
            Event::Start(s) if s.name().0 == "w:p" => holds = false,
            Event::Empty(s) if s.name().0 == "w:pStyle" => {
                holds = s
                    .attributes()
                    .flatten()
                    .any(|a| a.key.0 == "w:val" && a.value.as_ref() == STYLE);
            }
            Event::Start(s) if holds && s.name().0 == "w:r" => in_run = true,
            Event::End(s) if in_run && s.name().0 == "w:r" => {
                in_run = false;
                next(w)?;
                return Ok(false);
            }
            Event::Empty(s) if holds && s.name().0 == "w:r" => {
                next(w)?;
                return Ok(false);
            }
            _ => {}
        }
        // The placeholder run's own events are dropped.
        Ok(!in_run)
    })
}
