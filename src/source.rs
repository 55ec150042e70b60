//! Source files as read from disk: normalised text and line/column arithmetic.

use crate::diagnostic::Pos;
use std::sync::OnceLock;

/// A text file of the dossier, kept for locating and quoting findings.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the dossier root, `/`-separated, Unicode NFC.
    pub path: String,
    /// Text without BOM and with `\n` line endings, so that a dossier saved on
    /// Windows reports the same lines and columns as its twin.
    pub text: String,
    /// Built on the first lookup: a file nobody points into costs nothing.
    index: OnceLock<Index>,
}

/// Where lines start, and how many characters precede a byte about every [`CHUNK`]
/// bytes: locating an offset is a binary search plus at most `CHUNK` bytes counted,
/// so a 100,000-entry list on one line is not quadratic.
#[derive(Debug, Clone)]
struct Index {
    line_starts: Vec<usize>,
    /// (byte offset on a character boundary, characters before it).
    marks: Vec<(usize, usize)>,
}

const CHUNK: usize = 1024;

impl Index {
    fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut marks = vec![(0, 0)];
        let mut next = CHUNK;
        for (chars, (b, c)) in text.char_indices().enumerate() {
            if b >= next {
                marks.push((b, chars));
                next = b + CHUNK;
            }
            if c == '\n' {
                line_starts.push(b + 1);
            }
        }
        Index { line_starts, marks }
    }

    fn chars_before(&self, text: &str, byte: usize) -> usize {
        let i = self
            .marks
            .partition_point(|(b, _)| *b <= byte)
            .saturating_sub(1);
        let (b0, c0) = self.marks[i];
        c0 + text[b0..byte].chars().count()
    }

    /// Byte offset of the character numbered `chars` (0-based) of the text, or the
    /// text's end: a binary search plus at most `CHUNK` bytes walked.
    fn byte_of_char(&self, text: &str, chars: usize) -> usize {
        let i = self
            .marks
            .partition_point(|(_, c)| *c <= chars)
            .saturating_sub(1);
        let (b0, c0) = self.marks[i];
        text[b0..]
            .char_indices()
            .nth(chars - c0)
            .map_or(text.len(), |(b, _)| b0 + b)
    }

    /// 0-based line holding `byte`.
    fn line_of(&self, byte: usize) -> usize {
        self.line_starts
            .partition_point(|s| *s <= byte)
            .saturating_sub(1)
    }
}

/// Strips a UTF-8 BOM and turns CRLF (and lone CR) line endings into LF.
pub fn normalize_text(raw: &str) -> String {
    let s = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

impl Source {
    pub fn new(path: impl Into<String>, raw: &str) -> Self {
        Source {
            path: path.into(),
            text: normalize_text(raw),
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(&self.text))
    }

    /// Byte range of 1-based line `line`, without its end of line.
    fn line_range(&self, line: u32) -> Option<std::ops::Range<usize>> {
        let starts = &self.index().line_starts;
        let i = line.checked_sub(1)? as usize;
        let start = *starts.get(i)?;
        let end = starts.get(i + 1).map_or(self.text.len(), |n| n - 1);
        Some(start..end)
    }

    /// The text of 1-based line `line`, without its end of line.
    pub fn line(&self, line: u32) -> Option<&str> {
        self.line_range(line).map(|r| &self.text[r])
    }

    /// Byte range of a position, clamped to its line, for underlining. Found through
    /// the index, so many positions on one very long line cost no more than a few.
    pub fn byte_range(&self, pos: Pos) -> std::ops::Range<usize> {
        let Some(range) = self.line_range(pos.line) else {
            let end = self.text.len();
            return end..end;
        };
        let index = self.index();
        let first = index.chars_before(&self.text, range.start);
        let column = pos.column.saturating_sub(1) as usize;
        let at = |chars: usize| {
            index
                .byte_of_char(&self.text, first.saturating_add(chars))
                .min(range.end)
        };
        let start = at(column);
        let end = at(column.saturating_add(pos.len as usize));
        let end = if end <= start { range.end } else { end };
        start..end
    }

    /// The line of `pos` for a quoted excerpt, cut `margin` bytes after the underlined
    /// span, with the span's range inside it; `None` when the span starts more than
    /// `margin` bytes into its line (quoting it would mean quoting a huge line).
    pub fn excerpt(&self, pos: Pos, margin: usize) -> Option<(&str, std::ops::Range<usize>)> {
        let line = self.line_range(pos.line)?;
        let span = self.byte_range(pos);
        let (start, end) = (span.start - line.start, span.end - line.start);
        if start > margin {
            return None;
        }
        let mut cut = end.saturating_add(margin).min(line.len());
        let text = &self.text[line];
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        Some((&text[..cut], start..end.min(cut)))
    }

    /// Position of a byte offset (as given by the TOML parser).
    pub fn pos_of_byte(&self, start: usize, end: usize) -> Pos {
        let mut start = start.min(self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let index = self.index();
        let line = index.line_of(start);
        let line_start = index.line_starts[line];
        let column =
            index.chars_before(&self.text, start) - index.chars_before(&self.text, line_start) + 1;
        let end = end.clamp(start, self.text.len());
        let len = self.text.get(start..end).unwrap_or("");
        let len = len.split('\n').next().unwrap_or("").chars().count() as u32;
        Pos::new(line as u32 + 1, column as u32, len)
    }

    /// Position of the first occurrence of `needle` on `line`, or the line start.
    pub fn pos_on_line(&self, line: u32, needle: &str) -> Pos {
        let text = self.line(line).unwrap_or("");
        match text.find(needle) {
            Some(b) => Pos::new(
                line,
                text[..b].chars().count() as u32 + 1,
                needle.chars().count() as u32,
            ),
            None => Pos::new(line, 1, text.chars().count() as u32),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_bom_give_the_same_text() {
        let plain = Source::new("a.md", "a: 1\nb: é\n");
        for raw in [
            "\u{feff}a: 1\nb: é\n",
            "a: 1\r\nb: é\r\n",
            "\u{feff}a: 1\r\nb: é\r\n",
        ] {
            assert_eq!(Source::new("a.md", raw).text, plain.text);
        }
    }

    #[test]
    fn positions_round_trip_through_bytes() {
        let s = Source::new("f", "ligne un\ncible: « quarante »\n");
        let p = s.pos_of_byte(16, 30);
        assert_eq!((p.line, p.column), (2, 8));
        assert_eq!(&s.text[s.byte_range(p)], "« quarante »");
        assert_eq!(s.pos_on_line(2, "cible"), Pos::new(2, 1, 5));
        assert_eq!(s.line(2), Some("cible: « quarante »"));
        assert_eq!(s.line(3), Some(""));
        assert_eq!(s.line(4), None);
    }

    #[test]
    fn positions_far_into_a_long_line_count_characters() {
        let line = "é".repeat(5000);
        let s = Source::new("f", &format!("a\n{line}x\n"));
        let at = s.text.find('x').unwrap();
        assert_eq!(s.pos_of_byte(at, at + 1), Pos::new(2, 5001, 1));
        assert_eq!(&s.text[s.byte_range(Pos::new(2, 5001, 1))], "x");
    }
}
