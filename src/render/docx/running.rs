//! The running header and footer of a document of the model, as the PDF shows them: from
//! the second page the school, the document's title and its year or date in small muted
//! type across the top; on every page « Page N sur M » (Word's PAGE and NUMPAGES fields).

use super::blocks::{MUTED, TEXT_WIDTH};
use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, Header, InstrNUMPAGES, InstrPAGE, InstrText,
    Paragraph, Run, Tab, TabValueType,
};

/// Small type of the running lines: 8 pt, in half-points.
const SIZE: usize = 16;

/// `d` with its running header (left, centre, right; the title in the centre when the
/// document has no header) and its page footer; the first page, which opens with the
/// title, has the footer only.
pub fn running(d: Docx, header: &[String; 3], title: &str) -> Docx {
    let mut parts = header.clone();
    if parts.iter().all(|p| p.trim().is_empty()) {
        parts[1] = title.to_string();
    }
    d.header(Header::new().add_paragraph(line(&parts)))
        .first_header(Header::new().add_paragraph(Paragraph::new()))
        .footer(footer())
        .first_footer(footer())
}

fn small(text: &str) -> Run {
    Run::new().add_text(text).size(SIZE).color(MUTED)
}

/// One line: the left part, then the centre and right ones at a centred and a right tab.
fn line([left, centre, right]: &[String; 3]) -> Paragraph {
    Paragraph::new()
        .add_tab(Tab::new().val(TabValueType::Center).pos(TEXT_WIDTH / 2))
        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
        .add_run(small(left))
        .add_run(Run::new().add_tab())
        .add_run(small(centre))
        .add_run(Run::new().add_tab())
        .add_run(small(right))
}

/// « Page N sur M », the numbers computed by Word and LibreOffice.
fn footer() -> Footer {
    let p = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(small("Page "));
    let p = field(p, InstrText::PAGE(InstrPAGE::new())).add_run(small(" sur "));
    Footer::new().add_paragraph(field(p, InstrText::NUMPAGES(InstrNUMPAGES::new())))
}

/// `p` with a field in the running lines' small type (docx-rs' own page fields are in the
/// text's), each of its parts a run of its own as Word writes them: LibreOffice sets the
/// number in the text's size when the field is one run.
fn field(p: Paragraph, instr: InstrText) -> Paragraph {
    let run = || Run::new().size(SIZE).color(MUTED);
    p.add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(instr))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("1"))
        .add_run(run().add_field_char(FieldCharType::End, false))
}
