//! ldm's places (1-based lines, columns in characters) as the protocol's (0-based lines,
//! columns in UTF-16 code units, as every client counts them by default), and back.

use crate::diagnostic::Pos;
use crate::source::Source;

/// A protocol position: 0-based line, UTF-16 column.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Point {
    pub line: u32,
    pub character: u32,
}

/// The span of a finding in `src`: its underlined spot, or the first character for a
/// finding about a whole file.
pub fn span(src: &Source, pos: Option<Pos>) -> (Point, Point) {
    let pos = pos.unwrap_or_else(Pos::start);
    let bytes = src.byte_range(pos);
    // A line past the end (a file cut short since) gives the text's end.
    (point(&src.text, bytes.start), point(&src.text, bytes.end))
}

/// The protocol position of byte `at` of `text` (clamped to a character boundary).
pub fn point(text: &str, at: usize) -> Point {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Point {
        line: before.matches('\n').count() as u32,
        character: before[line_start..].encode_utf16().count() as u32,
    }
}

/// The byte offset of a protocol position in `text`: past the end of its line is the
/// line's end, past the last line the text's end.
pub fn offset(text: &str, p: Point) -> usize {
    let mut start = 0;
    for _ in 0..p.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let mut units = 0;
    for (b, c) in line.char_indices() {
        if units >= p.character as usize {
            return start + b;
        }
        units += c.len_utf16();
    }
    start + line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_after_accents_and_astral_characters() {
        // « é » is one UTF-16 unit and two bytes, « 🎓 » two units and four bytes.
        let src = Source::new("a.md", "titre\nÉté 🎓 : cibel: 3\n");
        let col = "Été 🎓 : ".chars().count() as u32 + 1;
        let (start, end) = span(&src, Some(Pos::new(2, col, 5)));
        assert_eq!(
            start,
            Point {
                line: 1,
                character: 9
            }
        );
        assert_eq!(
            end,
            Point {
                line: 1,
                character: 14
            }
        );
        let text = &src.text;
        assert_eq!(&text[offset(text, start)..offset(text, end)], "cibel");
        assert_eq!(point(text, offset(text, start)), start);
    }

    #[test]
    fn whole_file_findings_and_positions_out_of_range_stay_inside_the_text() {
        let src = Source::new("a.md", "ab\ncd");
        assert_eq!(
            span(&src, None),
            (
                Point {
                    line: 0,
                    character: 0
                },
                Point {
                    line: 0,
                    character: 1
                }
            )
        );
        assert_eq!(
            offset(
                "ab\ncd",
                Point {
                    line: 0,
                    character: 9
                }
            ),
            2
        );
        assert_eq!(
            offset(
                "ab\ncd",
                Point {
                    line: 7,
                    character: 0
                }
            ),
            5
        );
        let past = span(&src, Some(Pos::new(9, 1, 1)));
        assert_eq!(
            past.0,
            Point {
                line: 1,
                character: 2
            }
        );
    }
}
