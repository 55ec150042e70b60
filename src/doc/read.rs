//! The school's Markdown prose read into the document model, once for every format: links
//! as « texte (adresse) », images as their alternative text, raw HTML as text, so no
//! document loads or points to anything outside itself; headings of the prose are bold
//! paragraphs (the document's own headings frame them).

use super::{Block, Cell, Inline, Table};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o
}

/// Markdown prose → blocks, without the writers' guidance comments; empty prose shows
/// « À compléter », as `ldm render` announces.
pub fn prose(md: &str) -> Vec<Block> {
    let md = crate::markup::without_comments(md);
    if md.trim().is_empty() {
        return vec![Block::Para(vec![Inline::Emph(vec![Inline::Text(
            "À compléter".to_string(),
        )])])];
    }
    let arena = Arena::new();
    let root = parse_document(&arena, &md, &options());
    blocks(root)
}

fn blocks<'a>(node: &'a AstNode<'a>) -> Vec<Block> {
    node.children().filter_map(block).collect()
}

fn block<'a>(node: &'a AstNode<'a>) -> Option<Block> {
    Some(match &node.data().value {
        NodeValue::Heading(_) => Block::Para(vec![Inline::Strong(inlines(node))]),
        NodeValue::List(l) => Block::List {
            start: matches!(l.list_type, comrak::nodes::ListType::Ordered).then_some(l.start),
            items: node.children().map(blocks).collect(),
        },
        NodeValue::BlockQuote => Block::Quote(blocks(node)),
        NodeValue::CodeBlock(c) => Block::Code(c.literal.trim_end().to_string()),
        NodeValue::HtmlBlock(h) => Block::Para(vec![Inline::Text(h.literal.trim_end().into())]),
        NodeValue::ThematicBreak => Block::Para(vec![Inline::Text("⁂".to_string())]),
        NodeValue::Table(_) => Block::Table(table(node)),
        NodeValue::Paragraph => Block::Para(inlines(node)),
        _ => return None,
    })
}

/// A Markdown table: its heading row is the table's heading row.
fn table<'a>(node: &'a AstNode<'a>) -> Table {
    let mut t = Table::default();
    for row in node.children() {
        let cells: Vec<Cell> = row.children().map(|c| Cell::of(inlines(c))).collect();
        if matches!(row.data().value, NodeValue::TableRow(true)) {
            let head = cells.into_iter().map(|c| Cell { header: true, ..c });
            t.head.push(head.collect());
        } else {
            t.body.push(cells);
        }
    }
    let columns = t
        .head
        .iter()
        .chain(&t.body)
        .map(Vec::len)
        .max()
        .unwrap_or(1);
    t.widths = vec![1.0; columns];
    t
}

fn inlines<'a>(node: &'a AstNode<'a>) -> Vec<Inline> {
    let mut out = Vec::new();
    for c in node.children() {
        inline(c, &mut out);
    }
    out
}

fn inline<'a>(node: &'a AstNode<'a>, out: &mut Vec<Inline>) {
    match &node.data().value {
        NodeValue::Text(t) => out.push(Inline::Text(t.to_string())),
        NodeValue::SoftBreak => out.push(Inline::Text(" ".to_string())),
        NodeValue::LineBreak => out.push(Inline::LineBreak),
        NodeValue::Code(c) => out.push(Inline::Code(c.literal.clone())),
        NodeValue::HtmlInline(h) => out.push(Inline::Text(h.clone())),
        NodeValue::Emph => out.push(Inline::Emph(inlines(node))),
        NodeValue::Strong => out.push(Inline::Strong(inlines(node))),
        NodeValue::Strikethrough => out.push(Inline::Strike(inlines(node))),
        NodeValue::Link(l) => {
            let shown = node.collect_text();
            let url = l.url.clone();
            out.extend(inlines(node));
            if !(url.is_empty() || url.starts_with('#') || shown.trim() == url) {
                out.push(Inline::Text(format!(" ({url})")));
            }
        }
        _ => out.extend(inlines(node)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::blocks_plain;

    #[test]
    fn links_show_their_address_and_markup_stays_text() {
        let b = prose("Un *mot* et `#x` [site](https://exemple.fr) <b>\n\n<!-- aide -->");
        assert_eq!(
            blocks_plain(&b),
            "Un mot et #x site (https://exemple.fr) <b>"
        );
        assert!(matches!(&b[0], Block::Para(i) if matches!(i[1], Inline::Emph(_))));
    }

    #[test]
    fn tables_lists_and_empty_prose() {
        let b = prose("| a | b |\n|---|---|\n| 1 | 2 |\n\n3. trois\n4. quatre");
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!((t.head.len(), t.body.len(), t.widths.len()), (1, 1, 2));
        assert!(t.head[0][0].header && !t.body[0][0].header);
        assert!(matches!(&b[1], Block::List { start: Some(3), items } if items.len() == 2));
        assert_eq!(blocks_plain(&prose("<!-- x -->")), "À compléter");
    }
}
