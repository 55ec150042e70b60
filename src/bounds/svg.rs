//! What an SVG may ask of its renderer: no filter (blur and shadow work grows with their
//! region, which the file chooses) and nothing outside itself (an `<image href>` to an
//! address or a file would be fetched or read, and fails the whole document).

use super::Excess;

/// Whether `bytes` look like an SVG (an XML text naming `<svg`).
pub fn looks_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<') && text.contains("<svg")
}

/// `Some` when the SVG applies a filter or calls something outside itself; an SVG that
/// does not parse is left to the decoder, which refuses it.
pub fn check(bytes: &[u8]) -> Option<Excess> {
    let text = std::str::from_utf8(bytes).ok()?;
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        // Entities expand inside roxmltree's own bounds; a file past them is refused
        // as unparseable by the decoder too.
        nodes_limit: 1_000_000,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).ok()?;
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        if name == "filter" || node.has_attribute("filter") || styled_filter(&node) {
            return Some(Excess::SvgFilter);
        }
        for a in node.attributes() {
            if a.name() == "href" && is_external(a.value()) {
                return Some(Excess::SvgExternal(a.value().to_string()));
            }
        }
        if name == "style" && external_url(node.text().unwrap_or("")) {
            return Some(Excess::SvgExternal("une feuille de style".to_string()));
        }
        if let Some(style) = node.attribute("style")
            && external_url(style)
        {
            return Some(Excess::SvgExternal(style.to_string()));
        }
    }
    None
}

/// A `style` attribute or sheet setting `filter:`.
fn styled_filter(node: &roxmltree::Node) -> bool {
    let style = if node.tag_name().name() == "style" {
        node.text().unwrap_or("")
    } else {
        node.attribute("style").unwrap_or("")
    };
    style.to_ascii_lowercase().contains("filter")
}

/// A reference that is neither a fragment of this file (`#id`) nor data written in it.
fn is_external(href: &str) -> bool {
    let h = href.trim();
    !(h.starts_with('#') || h.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")))
}

/// CSS naming a `url(…)` or `@import` that is not a fragment of this file.
fn external_url(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    lower.contains("@import")
        || lower.match_indices("url(").any(|(i, _)| {
            let rest = lower[i + 4..].trim_start_matches(['"', '\'', ' ']);
            is_external(rest)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(body: &str) -> Vec<u8> {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">{body}</svg>").into_bytes()
    }

    #[test]
    fn filters_and_external_references_are_named() {
        let blur = svg(
            "<filter id=\"f\" x=\"-1e6\" width=\"2e6\"><feGaussianBlur stdDeviation=\"50\"/></filter><rect filter=\"url(#f)\" width=\"5\" height=\"5\"/>",
        );
        assert_eq!(check(&blur), Some(Excess::SvgFilter));
        let far = svg("<image href=\"http://example.invalid/x.png\" width=\"5\" height=\"5\"/>");
        assert!(matches!(check(&far), Some(Excess::SvgExternal(h)) if h.starts_with("http")));
        let file = svg("<image xlink:href=\"../../etc/passwd\"/>");
        assert!(matches!(check(&file), Some(Excess::SvgExternal(_))));
        let css = svg("<style>rect { fill: url(http://example.invalid/p) }</style>");
        assert!(check(&css).is_some());
    }

    #[test]
    fn an_ordinary_drawing_passes() {
        let plain = svg(
            "<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"5\" height=\"5\"/><image href=\"data:image/png;base64,AAAA\"/><use xlink:href=\"#g\"/>",
        );
        assert_eq!(check(&plain), None);
        assert!(looks_like(&plain));
        assert!(!looks_like(b"\x89PNG"));
    }
}
