//! The school's Markdown prose, made safe for the annex.
//!
//! HTML: comrak with raw HTML disabled; links become « texte (adresse) » and images their
//! alternative text, so the annex never loads or points to anything outside itself.
//! Markdown: the prose is kept, without the writers' guidance comments.

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, format_html, parse_document};

/// Removes HTML comments (guidance for writers), then surrounding blank lines.
pub fn without_comments(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |e| &rest[start + e + 3..]);
    }
    out.push_str(rest);
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

/// A field in a Markdown table cell or heading: HTML-significant characters as entities,
/// pipes escaped, on one line.
pub fn md_field(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// Prose in a Markdown table cell: kept as Markdown, lines joined with <br>.
pub fn md_cell(s: &str) -> String {
    without_comments(s)
        .replace('|', "\\|")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("<br>")
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
        assert_eq!(md_field("a | b <c>\nd"), "a \\| b &lt;c&gt;<br>d");
        assert_eq!(md_cell("ligne 1\nligne | 2"), "ligne 1<br>ligne \\| 2");
    }
}
