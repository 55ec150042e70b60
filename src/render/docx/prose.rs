//! Word runs of the document model's text (`model`): its emphasis, code and small
//! print as run formatting; the text arrives in French typography.

use super::blocks::MUTED;
use docx_rs::Run;

/// Run formatting inherited from the enclosing emphasis (also the document model's runs,
/// `model`).
#[derive(Clone, Copy, Default)]
pub(super) struct Style {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    /// A note's small muted type.
    pub small: bool,
}

/// A run of code, in a fixed-width font.
pub(super) fn code(text: &str) -> Run {
    Run::new().add_text(text).fonts(
        docx_rs::RunFonts::new()
            .ascii("Courier New")
            .hi_ansi("Courier New"),
    )
}

/// A run of text already in French typography.
pub(super) fn styled(text: &str, s: Style) -> Run {
    let mut r = if s.code {
        code(text)
    } else {
        Run::new().add_text(text)
    };
    if s.bold {
        r = r.bold();
    }
    if s.italic {
        r = r.italic();
    }
    if s.strike {
        r = r.strike();
    }
    if s.small {
        r = r.size(17).color(MUTED);
    }
    r
}
