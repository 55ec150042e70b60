//! Markdown as the dossier writes it: the one HTML-comment scanner (writers' guidance
//! lives in comments), and prose made safe for output documents.
//!
//! HTML: comrak with raw HTML disabled; links become « texte (adresse) » and images their
//! alternative text, so a document never loads or points to anything outside itself.
//! Markdown: the prose is kept, without the writers' guidance comments.

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, format_html, parse_document};
use std::ops::Range;

/// Byte ranges of the HTML comments of `text`, in order; an unclosed comment runs to the end.
pub fn comment_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + text[from..].find("<!--")?;
        let end = text[start..]
            .find("-->")
            .map_or(text.len(), |e| start + e + 3);
        from = end;
        Some(start..end)
    })
}

/// Blanks out HTML comments (keeping line and column positions), since writers'
/// guidance lives in comments and must not count as written text.
pub fn blank_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    for span in comment_spans(text) {
        out.push_str(&text[kept..span.start]);
        out.extend(
            text[span.clone()]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        kept = span.end;
    }
    out.push_str(&text[kept..]);
    out
}

/// Removes HTML comments (guidance for writers), then surrounding blank lines.
pub fn without_comments(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut kept = 0;
    for span in comment_spans(md) {
        out.push_str(&md[kept..span.start]);
        kept = span.end;
    }
    out.push_str(&md[kept..]);
    out.trim().to_string()
}

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    // Raw HTML is escaped: a <script> written in the prose is shown as text, never run.
    o.render.r#unsafe = false;
    o.render.escape = true;
    o
}

/// Prose Markdown → safe HTML.
pub fn to_html(md: &str) -> String {
    let md = without_comments(md);
    if md.is_empty() {
        return String::new();
    }
    let arena = Arena::new();
    let root = parse_document(&arena, &md, &options());
    let targets: Vec<_> = root
        .descendants()
        .filter(|n| matches!(n.data().value, NodeValue::Link(_) | NodeValue::Image(_)))
        .collect();
    for node in targets {
        let (url, image) = match &node.data().value {
            NodeValue::Link(l) => (l.url.clone(), false),
            NodeValue::Image(l) => (l.url.clone(), true),
            _ => continue,
        };
        let text = node.collect_text();
        let children: Vec<_> = node.children().collect();
        for c in children {
            c.detach();
            node.insert_before(c);
        }
        if !image && !url.is_empty() && !url.starts_with('#') && text.trim() != url {
            let suffix = arena.alloc(NodeValue::Text(format!(" ({url})").into()).into());
            node.insert_before(suffix);
        }
        node.detach();
    }
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = format_html(root, &options(), &mut out);
    out
}

/// Prose in a Markdown table cell, kept as Markdown on one line: a soft line break of
/// the source is a space (as Markdown reads it), a hard break, a list item, a heading or
/// a quoted line starts a new line (`<br>`), a new paragraph leaves a blank line.
pub fn md_cell(s: &str) -> String {
    let text = without_comments(s).replace('|', "\\|");
    let mut out = String::new();
    let mut blank = false;
    let mut hard = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank {
                "<br><br>"
            } else if hard || starts_a_line(line) {
                "<br>"
            } else {
                " "
            });
        }
        hard = raw.ends_with("  ") || line.ends_with('\\');
        out.push_str(line.strip_suffix('\\').unwrap_or(line));
        blank = false;
    }
    out
}

/// A line that Markdown never joins to the one before: a list item, a heading, a quote,
/// a table row or a fence.
fn starts_a_line(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let ordered = digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')'));
    ordered
        || ["- ", "* ", "+ ", "#", ">", "\\|", "```", "~~~"]
            .iter()
            .any(|p| line.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_external_resources_never_pass() {
        let cases = [
            (
                "<script>alert(1)</script>",
                "<script",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("![logo](https://exemple.fr/logo.png)", "<img", "logo"),
            (
                "[site](https://exemple.fr)",
                "href",
                "site (https://exemple.fr)",
            ),
            (
                "<img src=x onerror=alert(1)>",
                "<img",
                "&lt;img src=x onerror=alert(1)&gt;",
            ),
            (
                "[x](javascript:alert(1))",
                "href",
                "x (javascript:alert(1))",
            ),
        ];
        for (md, never, shown) in cases {
            let html = to_html(md);
            assert!(!html.contains(never), "{md} → {html}");
            assert!(html.contains(shown), "{md} → {html}");
        }
    }

    #[test]
    fn comments_and_cells() {
        assert_eq!(
            without_comments("a <!-- conseil -->b\n<!-- x\ny -->"),
            "a b"
        );
        assert_eq!(md_cell("ligne 1\nligne | 2"), "ligne 1 ligne \\| 2");
        assert_eq!(
            md_cell("un texte\nrepris\n\n- point\n- autre\n\nfin  \nici"),
            "un texte repris<br><br>- point<br>- autre<br><br>fin<br>ici"
        );
        assert_eq!(
            md_cell("1. un\n2) deux\n2026 fin"),
            "1. un<br>2) deux 2026 fin"
        );
        assert_eq!(without_comments("a <!-- jamais fermé"), "a");
    }

    #[test]
    fn comments_are_blanked_in_place() {
        assert_eq!(blank_comments("a<!-- b\nc -->d"), "a      \n     d");
        assert_eq!(blank_comments("a<!--b"), "a     ");
    }
}
