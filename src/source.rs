//! Source files as read from disk: normalised text and line/column arithmetic.

use crate::diagnostic::Pos;

/// A text file of the dossier, kept for locating and quoting findings.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the dossier root, `/`-separated, Unicode NFC.
    pub path: String,
    /// Text without BOM and with `\n` line endings, so that a dossier saved on
    /// Windows reports the same lines and columns as its twin.
    pub text: String,
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
        }
    }

    /// The text of 1-based line `line`, without its end of line.
    pub fn line(&self, line: u32) -> Option<&str> {
        self.text.split('\n').nth(line.checked_sub(1)? as usize)
    }

    /// Byte range of a position, clamped to its line, for underlining.
    pub fn byte_range(&self, pos: Pos) -> std::ops::Range<usize> {
        let mut offset = 0;
        for (i, l) in self.text.split('\n').enumerate() {
            if i + 1 == pos.line as usize {
                let start = char_to_byte(l, pos.column.saturating_sub(1) as usize);
                let end = char_to_byte(l, (pos.column.saturating_sub(1) + pos.len) as usize);
                let end = if end <= start {
                    l.len().max(start)
                } else {
                    end
                };
                return offset + start..offset + end;
            }
            offset += l.len() + 1;
        }
        let end = self.text.len();
        end..end
    }

    /// Position of a byte offset (as given by the TOML parser).
    pub fn pos_of_byte(&self, start: usize, end: usize) -> Pos {
        let start = start.min(self.text.len());
        let before = &self.text[..start];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..start].chars().count() as u32 + 1;
        let end = end.clamp(start, self.text.len());
        let len = self.text[start..end]
            .split('\n')
            .next()
            .unwrap_or("")
            .chars()
            .count() as u32;
        Pos::new(line, column, len)
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

fn char_to_byte(line: &str, chars: usize) -> usize {
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(b, _)| b)
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
    }
}
