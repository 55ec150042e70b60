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

/// A top-level heading: level, title, first line and last line (1-based, in the body).
type Head = (u8, String, usize, usize);

/// The headings of the body with the raw text under each, in file line numbers.
pub fn sections(body: &str, body_offset: u32) -> Vec<Section> {
    let heads = heads_by_scan(body).unwrap_or_else(|| heads_by_comrak(body));
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

/// The top-level headings as CommonMark (comrak) finds them: the reference, used for
/// whatever the line scan declines.
pub fn heads_by_comrak(body: &str) -> Vec<Head> {
    let arena = Arena::new();
    let root = parse_document(&arena, body, &Options::default());
    root.children()
        .filter_map(|node| {
            let data = node.data();
            let NodeValue::Heading(h) = &data.value else {
                return None;
            };
            Some((
                h.level,
                node.collect_text().trim().to_string(),
                data.sourcepos.start.line,
                data.sourcepos.end.line,
            ))
        })
        .collect()
}

/// What a line scan knows of where it is.
enum Block {
    /// Paragraphs, lists, quotes: an ATX heading at the margin interrupts them all.
    Flow,
    /// Inside a fenced code block opened by `n` times `c`.
    Fence(char, usize),
    /// Inside an HTML comment block, up to the line holding `-->`.
    Comment,
}

/// The top-level headings found line by line, without building a Markdown tree, or
/// `None` when the body holds something the scan does not model exactly (inline markup
/// in a title, indented fences, other HTML blocks, ambiguous setext underlines): comrak
/// decides those. A test checks both agree on every example and fixture.
pub fn heads_by_scan(body: &str) -> Option<Vec<Head>> {
    let mut heads = Vec::new();
    let mut block = Block::Flow;
    // The previous line when it is a lone line of plain text after a blank line (or
    // a heading, a fence or a comment): the title a setext underline would take.
    let mut lone: Option<&str> = None;
    let mut prev_closed = true;
    for (i, line) in body.split('\n').enumerate() {
        let n = i + 1;
        let (indent, rest) = indentation(line);
        match block {
            Block::Fence(c, len) => {
                if indent <= 3 && closes_fence(rest, c, len) {
                    block = Block::Flow;
                }
                (lone, prev_closed) = (None, true);
                continue;
            }
            Block::Comment => {
                if line.contains("-->") {
                    block = Block::Flow;
                }
                (lone, prev_closed) = (None, true);
                continue;
            }
            Block::Flow => {}
        }
        let blank = rest.trim().is_empty();
        if indent <= 3 && !blank {
            if let Some((c, len)) = opens_fence(rest)? {
                if indent > 0 {
                    return None;
                }
                block = Block::Fence(c, len);
                (lone, prev_closed) = (None, true);
                continue;
            }
            if rest.starts_with('<') {
                if !rest.starts_with("<!--") {
                    return None;
                }
                if !rest.contains("-->") {
                    block = Block::Comment;
                }
                (lone, prev_closed) = (None, true);
                continue;
            }
            if let Some((level, len)) = underline(rest) {
                match lone {
                    Some(title) => heads.push((level, plain(title)?.to_string(), n - 1, n)),
                    // No paragraph above: `---` is a thematic break, `===` plain text.
                    None if prev_closed && level == 2 && len >= 3 => {}
                    None if prev_closed && level == 1 => {
                        (lone, prev_closed) = (None, false);
                        continue;
                    }
                    None => return None,
                }
                (lone, prev_closed) = (None, true);
                continue;
            }
        }
        if indent == 0 && rest.starts_with('#') {
            if let Some((level, title)) = atx(rest) {
                heads.push((level, plain(title)?.to_string(), n, n));
                (lone, prev_closed) = (None, true);
                continue;
            }
        } else if indent > 0 && indent <= 3 && rest.starts_with('#') && atx(rest).is_some() {
            return None;
        }
        lone = (prev_closed && !blank && indent == 0 && starts_plain(rest)).then_some(line);
        prev_closed = blank;
    }
    Some(heads)
}

/// Columns of leading blanks (a tab counts for four) and the rest of the line.
pub(super) fn indentation(line: &str) -> (usize, &str) {
    let mut cols = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => cols += 1,
            '\t' => cols += 4,
            _ => return (cols, &line[i..]),
        }
    }
    (cols, "")
}

/// A fence opener: `Some(Some((char, length)))`; `Some(None)` for no fence; `None` for
/// a backtick fence whose info string holds a backtick (not a fence: left to comrak).
pub(super) fn opens_fence(rest: &str) -> Option<Option<(char, usize)>> {
    let Some(c) = rest.chars().next().filter(|c| matches!(c, '`' | '~')) else {
        return Some(None);
    };
    let len = rest.chars().take_while(|&x| x == c).count();
    if len < 3 {
        return Some(None);
    }
    if c == '`' && rest[len..].contains('`') {
        return None;
    }
    Some(Some((c, len)))
}

pub(super) fn closes_fence(rest: &str, c: char, len: usize) -> bool {
    let n = rest.chars().take_while(|&x| x == c).count();
    n >= len
        && rest[n * c.len_utf8()..]
            .trim_matches([' ', '\t'])
            .is_empty()
}

/// A setext underline, `===` (level 1) or `---` (level 2) and nothing else on the line:
/// its level and length.
fn underline(rest: &str) -> Option<(u8, usize)> {
    let t = rest.trim_end_matches([' ', '\t']);
    let c = t.chars().next()?;
    let level = match c {
        '=' => 1,
        '-' => 2,
        _ => return None,
    };
    t.chars().all(|x| x == c).then_some((level, t.len()))
}

/// An ATX heading at the margin: its level and its text, closing `#`s removed.
fn atx(rest: &str) -> Option<(u8, &str)> {
    let level = rest.chars().take_while(|&c| c == '#').count();
    let after = &rest[level..];
    if level > 6 || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let content = after.trim_matches([' ', '\t']);
    let unclosed = content.trim_end_matches('#');
    let title = if unclosed.is_empty() || unclosed.ends_with([' ', '\t']) {
        unclosed
    } else {
        content
    };
    Some((level as u8, title))
}

/// A line that can only be paragraph text: it starts with a letter or a digit not
/// followed by a list marker.
fn starts_plain(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() => true,
        Some(c) if c.is_ascii_digit() => {
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            !after.starts_with(['.', ')'])
        }
        _ => false,
    }
}

/// The title when it holds no inline markup (emphasis, code, links, HTML, entities,
/// escapes): then its text is the line itself, trimmed.
fn plain(title: &str) -> Option<&str> {
    (!title.contains(['\\', '*', '_', '`', '[', ']', '<', '&', '!'])).then(|| title.trim())
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

    /// Bodies where the scan must give comrak's headings (or decline).
    const TRICKY: &[&str] = &[
        "# Vrai\n```\n# faux\n```\n# Après\n",
        "~~~~\n# faux\n~~~\n# encore faux\n~~~~\n# vrai\n",
        "```\n# jamais fermé\n",
        "Titre\n=====\ntexte\n\nSous-titre\n---\n",
        "Titre\n-\n",
        "texte\n\n---\n\n# Après la ligne\n",
        "# Un #\n## Deux ##   \n### Trois#\n####\n#sans espace\n####### sept\n",
        "<!-- consigne\n# pas un titre\n-->\n# Titre\n",
        "<!-- court -->\n# Titre\nSuite\n---\n",
        "- liste\n# Titre\n> citation\n# Autre\n",
        "- # dans une liste\n> # dans une citation\n    # code indenté\n",
        "Deux lignes\nde paragraphe\n---\n",
        "  # indenté\n",
        "# **Gras** et `code`\n",
        "1. Élément\n---\n",
        "=====\n# Titre\n",
        "# Titre\u{a0}#\n#\tTab\n",
    ];

    /// Every Markdown file of the examples and the test fixtures, and the tricky bodies.
    fn corpus() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut bodies: Vec<String> = TRICKY.iter().map(|s| s.to_string()).collect();
        for dir in ["examples", "tests/fixtures"] {
            for e in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let e = e.unwrap();
                // Fixtures that are not UTF-8 (on purpose) are never sectioned.
                let text = std::fs::read_to_string(e.path());
                if let (Some("md"), Ok(text)) =
                    (e.path().extension().and_then(|x| x.to_str()), text)
                {
                    bodies.push(split(&text.replace("\r\n", "\n")).body.to_string());
                }
            }
        }
        bodies
    }

    #[test]
    fn the_line_scan_finds_the_headings_comrak_finds() {
        let (mut scanned, mut total) = (0, 0);
        for body in corpus() {
            total += 1;
            if let Some(heads) = heads_by_scan(&body) {
                scanned += 1;
                assert_eq!(heads, heads_by_comrak(&body), "{body}");
            }
        }
        // The scan must decide most files by itself, or it saves nothing.
        assert!(scanned * 10 >= total * 9, "{scanned} of {total} scanned");
    }

    #[test]
    fn the_scan_handles_fences_setext_and_comments_itself() {
        for body in &TRICKY[..10] {
            assert!(heads_by_scan(body).is_some(), "{body}");
        }
        let heads = heads_by_scan(TRICKY[3]).unwrap();
        assert_eq!(heads[0], (1, "Titre".to_string(), 1, 2));
        assert_eq!(heads[1], (2, "Sous-titre".to_string(), 5, 6));
        assert_eq!(heads_by_scan(TRICKY[0]).unwrap().len(), 2);
    }

    #[test]
    fn headings_in_code_blocks_are_not_sections() {
        let s = sections("# Vrai\n```\n# faux\n```\n", 0);
        assert_eq!(s.len(), 1);
    }
}
