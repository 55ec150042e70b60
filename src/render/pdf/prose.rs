//! The school's Markdown prose as Typst content: the same reading as the HTML annex
//! (links as « texte (adresse) », images as their alternative text, raw HTML as text),
//! with every piece of text a string literal (`code::text`).

use crate::typeset::code::{lit, text};
use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, Options, parse_document};

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o
}

/// Markdown prose (without guidance comments) → a Typst content block `[…]`; empty
/// prose shows « À compléter », as ldm render announces.
pub fn content(md: &str) -> String {
    if md.trim().is_empty() {
        return format!(
            "[#text(fill: doux, style: \"italic\", {})]",
            lit("À compléter")
        );
    }
    let arena = Arena::new();
    let root = parse_document(&arena, md, &options());
    format!("[{}]", blocks(root))
}

/// The children of `node`, each block separated by a paragraph break.
fn blocks<'a>(node: &'a AstNode<'a>) -> String {
    node.children().map(block).collect::<Vec<_>>().join("\n\n")
}

fn inlines<'a>(node: &'a AstNode<'a>) -> String {
    node.children().map(inline).collect()
}

fn block<'a>(node: &'a AstNode<'a>) -> String {
    match &node.data().value {
        NodeValue::Paragraph => inlines(node),
        NodeValue::Heading(_) => format!("#strong[{}]", inlines(node)),
        NodeValue::List(l) => list(node, l.list_type, l.start),
        NodeValue::BlockQuote => format!("#quote(block: true)[{}]", blocks(node)),
        NodeValue::CodeBlock(c) => format!("#raw(block: true, {})", lit(&c.literal)),
        NodeValue::HtmlBlock(h) => text(h.literal.trim_end()),
        NodeValue::ThematicBreak => "#line(length: 100%, stroke: 0.5pt)".to_string(),
        NodeValue::Table(t) => table(node, t.num_columns),
        _ => inlines(node),
    }
}

fn list<'a>(node: &'a AstNode<'a>, kind: ListType, start: usize) -> String {
    let items: Vec<String> = node
        .children()
        .map(|item| format!("[{}]", blocks(item)))
        .collect();
    match kind {
        ListType::Bullet => format!("#list(tight: true, {})", items.join(", ")),
        ListType::Ordered => format!("#enum(tight: true, start: {start}, {})", items.join(", ")),
    }
}

/// A Markdown table; its heading row is the table's header, so the PDF's tags say what
/// each column holds.
fn table<'a>(node: &'a AstNode<'a>, columns: usize) -> String {
    let rows: Vec<String> = node
        .children()
        .filter_map(|row| {
            let heading = matches!(row.data().value, NodeValue::TableRow(true));
            let f = if heading { "th" } else { "" };
            let cells: Vec<String> = row
                .children()
                .map(|cell| format!("{f}[{}]", inlines(cell)))
                .collect();
            let cells = (!cells.is_empty()).then(|| cells.join(", "))?;
            Some(if heading {
                format!("table.header({cells})")
            } else {
                cells
            })
        })
        .collect();
    format!("#table(columns: {}, {})", columns.max(1), rows.join(", "))
}

fn inline<'a>(node: &'a AstNode<'a>) -> String {
    match &node.data().value {
        NodeValue::Text(t) => text(t),
        NodeValue::SoftBreak => " ".to_string(),
        NodeValue::LineBreak => "#linebreak();".to_string(),
        NodeValue::Code(c) => format!("#raw({});", lit(&c.literal)),
        NodeValue::HtmlInline(h) => text(h),
        NodeValue::Emph => format!("#emph[{}]", inlines(node)),
        NodeValue::Strong => format!("#strong[{}]", inlines(node)),
        NodeValue::Strikethrough => format!("#strike[{}]", inlines(node)),
        NodeValue::Link(l) => {
            let shown = node.collect_text();
            let url = &l.url;
            let suffix = if url.is_empty() || url.starts_with('#') || shown.trim() == url {
                String::new()
            } else {
                text(&format!(" ({url})"))
            };
            format!("{}{suffix}", inlines(node))
        }
        NodeValue::Image(_) => inlines(node),
        _ => inlines(node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_stay_text() {
        let c = content("Un *mot* et `#code` [site](https://exemple.fr) $x$ <b>");
        assert_eq!(
            c,
            r##"[#"Un ";#emph[#"mot";]#" et ";#raw("#code");#" ";#"site";#" (https://exemple.fr)";#" $x$ ";#"<b>";]"##
        );
    }

    #[test]
    fn lists_keep_their_numbers() {
        let c = content("3. trois\n4. quatre");
        assert!(c.starts_with("[#enum(tight: true, start: 3, "), "{c}");
    }
}
