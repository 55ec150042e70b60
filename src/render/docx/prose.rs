//! Word runs of the document model's text (`model`): its emphasis, code, small print
//! and tones as run formatting; the text arrives in French typography.

use super::blocks::MUTED;
use crate::doc::Tone;
use docx_rs::{Run, Shading, ShdType};

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
    /// A marked passage's colour and ground (`doc::Inline::Mark`): run colour and
    /// shading, never `w:ins`/`w:del`, which Word would show as tracked changes.
    pub tone: Option<Tone>,
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
    if let Some(tone) = s.tone {
        let (text, ground) = tone.colours();
        r = r.color(text);
        if let Some(g) = ground {
            r = r.shading(
                Shading::new()
                    .shd_type(ShdType::Clear)
                    .color("auto")
                    .fill(g),
            );
        }
    }
    r
}
