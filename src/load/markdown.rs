//! Splits a Markdown file into YAML front matter and body sections.

use crate::model::Section;
use comrak::nodes::NodeValue;
use comrak::{Arena, Options, parse_document};

/// The parts of a Markdown file with front matter.
pub struct Split<'a> {
    /// YAML text between the `---` lines; `None` when the file has no front matter.
    pub yaml: Option<&'a str>,
    /// Number of lines before the YAML text (1: the opening `---`).
    pub yaml_offset: u32,
    pub body: &'a str,
    /// Number of lines before the body.
    pub body_offset: u32,
    /// True when an opening `---` was never closed.
    pub unterminated: bool,
}

/// Splits `text` (already normalised to `\n` endings) at its front matter fences.
pub fn split(text: &str) -> Split<'_> {
    let no_front = Split {
        yaml: None,
        yaml_offset: 1,
        body: text,
        body_offset: 0,
        unterminated: false,
    };
    let Some(rest) = text.strip_prefix("---\n") else {
        return no_front;
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body_start = 4 + offset + line.len();
            return Split {
                yaml: Some(&rest[..offset]),
                yaml_offset: 1,
                body: &text[body_start.min(text.len())..],
                body_offset: i as u32 + 2,
                unterminated: false,
            };
        }
        offset += line.len();
    }
    let (start, lines) = guessed_body(text);
    Split {
        unterminated: true,
        body: &text[start..],
        body_offset: lines,
        ..no_front
    }
}

/// Where the body of a file whose front matter is never closed most likely starts: the
/// first heading after a blank line, where the closing `---` was forgotten. The YAML's
/// own comments (`# yaml-language-server: …`) are then not taken for sections; with no
/// such heading the body is empty. Returns its byte offset and the lines before it.
fn guessed_body(text: &str) -> (usize, u32) {
    let mut offset = 0;
    let mut blank_before = false;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if blank_before && line.starts_with('#') {
            return (offset, i as u32);
        }
        blank_before = line.trim().is_empty();
        offset += line.len();
    }
    (text.len(), text.lines().count() as u32)
}

/// The headings of the body with the raw text under each, in file line numbers.
pub fn sections(body: &str, body_offset: u32) -> Vec<Section> {
    let arena = Arena::new();
    let root = parse_document(&arena, body, &Options::default());
    // (level, title, first line, last line of the heading)
    let mut heads = Vec::new();
    for node in root.children() {
        let data = node.data();
        if let NodeValue::Heading(h) = &data.value {
            heads.push((
                h.level,
                node.collect_text().trim().to_string(),
                data.sourcepos.start.line,
                data.sourcepos.end.line,
            ));
        }
    }
    let lines: Vec<&str> = body.split('\n').collect();
    let mut out = Vec::with_capacity(heads.len());
    for (i, (level, title, start, end)) in heads.iter().enumerate() {
        let next = heads.get(i + 1).map_or(lines.len() + 1, |h| h.2);
        let from = (*end).min(lines.len());
        let to = (next - 1).clamp(from, lines.len());
        out.push(Section {
            level: *level,
            title: title.clone(),
            line: *start as u32 + body_offset,
            body: lines[from..to].join("\n"),
            body_line: *end as u32 + 1 + body_offset,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_line_offsets() {
        let s = split("---\na: 1\nb: 2\n---\n# Titre\ntexte\n");
        assert_eq!(s.yaml, Some("a: 1\nb: 2\n"));
        assert_eq!(s.body, "# Titre\ntexte\n");
        assert_eq!(s.body_offset, 4);
        assert!(split("# pas de front matter\n").yaml.is_none());
        assert!(split("---\na: 1\n").unterminated);
        assert_eq!(split("---\n---\n").yaml, Some(""));
    }

    #[test]
    fn an_unclosed_front_matter_keeps_its_comments_out_of_the_body() {
        let text = "---\n# yaml-language-server: $schema=x\na: 1\n\n# Description\nUne action.\n";
        let s = split(text);
        assert!(s.unterminated);
        assert_eq!(s.body, "# Description\nUne action.\n");
        let heads = sections(s.body, s.body_offset);
        assert_eq!(heads.len(), 1);
        assert_eq!((heads[0].title.as_str(), heads[0].line), ("Description", 5));
        assert_eq!(split("---\n# commentaire\na: 1\n").body, "");
    }

    #[test]
    fn sections_know_their_lines_and_text() {
        let body = "# Description\nUne action.\n\n# Mise en œuvre\n## Lieux\nAtelier\n";
        let s = sections(body, 10);
        let got: Vec<_> = s
            .iter()
            .map(|s| (s.level, s.title.as_str(), s.line, s.body.trim()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, "Description", 11, "Une action."),
                (1, "Mise en œuvre", 14, ""),
                (2, "Lieux", 15, "Atelier"),
            ]
        );
    }

    #[test]
    fn headings_in_code_blocks_are_not_sections() {
        let s = sections("# Vrai\n```\n# faux\n```\n", 0);
        assert_eq!(s.len(), 1);
    }
}
