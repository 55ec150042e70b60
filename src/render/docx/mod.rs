//! ldm's Word documents (DOCX), built with docx-rs from the document model (`model`):
//! real Word tables (header rows repeated on each page, rows kept
//! whole), Word's heading styles (the navigation pane lists criteria, actions and
//! engagements), page numbers, French language, identical bytes on every run.

mod blocks;
mod chart;
pub mod model;
mod order;
mod package;
mod prose;
mod running;
mod widths;

pub use package::MARKER;

use blocks::{MARGIN, run};
use docx_rs::{
    Docx, FieldCharType, InstrPAGEREF, InstrText, LineSpacing, PageMargin, Paragraph, Run,
    RunFonts, Style, StyleType, Tab, TabLeaderType, TabValueType,
};

/// docx-rs or quick-xml failed on the document ldm generated: a bug of ldm.
#[derive(Debug, thiserror::Error)]
#[error("production du DOCX impossible : {0}")]
pub struct DocxError(String);

impl DocxError {
    /// A document ldm declines to make, with why in French (a bound it would pass).
    pub fn refused(why: String) -> Self {
        DocxError(why)
    }
}

/// The date of a `SOURCE_DATE_EPOCH` value as W3CDTF (UTC); `None` when it is not a
/// number of seconds.
pub fn date_from_epoch(value: &str) -> Option<String> {
    crate::epoch::parse(value).map(|t| crate::epoch::iso(t) + "Z")
}

/// The contents under `title`: one line per level-1 heading, its page a PAGEREF field to
/// the heading's bookmark, which Word and LibreOffice compute (marked dirty, Word updates
/// it on opening). Plain paragraphs rather than docx-rs' TOC field, whose first line
/// LibreOffice shows as field code.
fn contents(title: &str, items: &[(String, String)], new_page: bool) -> Vec<Paragraph> {
    let mut out = vec![
        Paragraph::new()
            .style("TOCHeading")
            .page_break_before(new_page)
            .add_run(run(title)),
    ];
    for (title, key) in items {
        let page = page_field(key);
        out.push(
            Paragraph::new()
                .style("Sommaire1")
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(blocks::TEXT_WIDTH),
                )
                .add_run(run(title))
                .add_run(Run::new().add_tab())
                .add_run(page),
        );
    }
    out
}

/// The page of bookmark `key`: a PAGEREF field, linked to it, that Word and LibreOffice
/// compute (marked dirty, Word updates it on opening).
fn page_field(key: &str) -> Run {
    Run::new()
        .add_field_char(FieldCharType::Begin, true)
        .add_instr_text(InstrText::PAGEREF(InstrPAGEREF::new(key).hyperlink()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("")
        .add_field_char(FieldCharType::End, false)
}

fn page(d: Docx) -> Docx {
    d.page_size(11_906, 16_838).page_margin(
        PageMargin::new()
            .top(MARGIN)
            .bottom(MARGIN)
            .left(MARGIN)
            .right(MARGIN)
            .header(567)
            .footer(567),
    )
}

/// Word's built-in styles by their ids (Heading1 is « Titre 1 » in a French Word), plus
/// the annex's captions and the small spacer between tables.
fn styles(d: Docx) -> Docx {
    let heading = |level: usize, size: usize| {
        Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level - 1)
            .bold()
            .size(size)
            .color("1F3864")
            .line_spacing(LineSpacing::new().before(240).after(120))
    };
    d.default_fonts(
        RunFonts::new()
            .ascii("Liberation Sans")
            .hi_ansi("Liberation Sans")
            .cs("Liberation Sans"),
    )
    .default_size(20)
    // docx-rs writes `Normal` itself; `package` makes it the default paragraph style.
    .add_style(heading(1, 32))
    .add_style(heading(2, 26))
    .add_style(heading(3, 22))
    .add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .bold()
            .size(44)
            .line_spacing(LineSpacing::new().before(240).after(240)),
    )
    .add_style(
        Style::new("TOCHeading", StyleType::Paragraph)
            .name("TOC Heading")
            .based_on("Heading1")
            .next("Normal"),
    )
    .add_style(
        Style::new("Sommaire1", StyleType::Paragraph)
            .name("toc 1")
            .based_on("Normal")
            .line_spacing(LineSpacing::new().before(60).after(60)),
    )
    .add_style(
        Style::new("Legende", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .bold()
            .size(20)
            .line_spacing(LineSpacing::new().before(200).after(60)),
    )
    .add_style(
        Style::new("Espace", StyleType::Paragraph)
            .name("Espace entre tableaux")
            .based_on("Normal")
            .size(8),
    )
}
