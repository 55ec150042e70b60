//! The school's Markdown prose as Word paragraphs: the same reading as the HTML and PDF
//! annexes (links as « texte (adresse) », images as their alternative text, raw HTML as
//! text), every run in French typography.

use super::blocks::{Block, MUTED, cell, run, table};
use crate::typo;
use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, Options, parse_document};
use docx_rs::{Paragraph, ParagraphChild, Run, SpecialIndentType};

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o
}

/// Run formatting inherited from the enclosing emphasis (also the document model's runs,
/// `model`).
#[derive(Clone, Copy, Default)]
pub(super) struct Style {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    /// A note's small muted type.
    pub small: bool,
}

/// Markdown prose (without guidance comments) → blocks; empty prose shows « À compléter ».
pub fn blocks(md: &str) -> Vec<Block> {
    if md.trim().is_empty() {
        let r = run("À compléter").italic().color(MUTED);
        return vec![Block::P(Paragraph::new().add_run(r))];
    }
    let arena = Arena::new();
    let root = parse_document(&arena, md, &options());
    let mut out = Vec::new();
    children(root, 0, &mut out);
    out
}

fn children<'a>(node: &'a AstNode<'a>, depth: i32, out: &mut Vec<Block>) {
    for child in node.children() {
        block(child, depth, out);
    }
}

fn block<'a>(node: &'a AstNode<'a>, depth: i32, out: &mut Vec<Block>) {
    let indent = |p: Paragraph| {
        if depth > 0 {
            p.indent(Some(360 * depth), None, None, None)
        } else {
            p
        }
    };
    match &node.data().value {
        NodeValue::Heading(_) => {
            let bold = Style {
                bold: true,
                ..Style::default()
            };
            out.push(Block::P(indent(paragraph(node, bold).keep_next(true))));
        }
        NodeValue::List(l) => list(node, l.list_type, l.start, depth, out),
        NodeValue::BlockQuote => children(node, depth + 1, out),
        NodeValue::CodeBlock(c) => {
            for line in c.literal.trim_end().lines() {
                out.push(Block::P(indent(Paragraph::new().add_run(code(line)))));
            }
        }
        NodeValue::HtmlBlock(h) => {
            out.push(Block::P(indent(
                Paragraph::new().add_run(run(h.literal.trim_end())),
            )));
        }
        NodeValue::ThematicBreak => out.push(Block::P(Paragraph::new().add_run(run("⁂")))),
        NodeValue::Table(t) => out.push(Block::T(Box::new(md_table(node, t.num_columns)))),
        _ => out.push(Block::P(indent(paragraph(node, Style::default())))),
    }
}

/// A list as paragraphs with a hanging bullet or number, so it needs no numbering part.
fn list<'a>(node: &'a AstNode<'a>, kind: ListType, start: usize, depth: i32, out: &mut Vec<Block>) {
    for (i, item) in node.children().enumerate() {
        let mark = match kind {
            ListType::Bullet => "•\t".to_string(),
            ListType::Ordered => format!("{}.\t", start + i),
        };
        let mut first = true;
        for child in item.children() {
            let mut inner = Vec::new();
            block(child, depth + 1, &mut inner);
            for b in inner {
                match b {
                    Block::P(p) if first => {
                        first = false;
                        let p = p.indent(
                            Some(360 * (depth + 1)),
                            Some(SpecialIndentType::Hanging(360)),
                            None,
                            None,
                        );
                        out.push(Block::P(with_mark(p, &mark)));
                    }
                    other => out.push(other),
                }
            }
        }
    }
}

/// The paragraph with its list mark in front.
fn with_mark(mut p: Paragraph, mark: &str) -> Paragraph {
    let r = Run::new().add_text(mark);
    p.children.insert(0, ParagraphChild::Run(Box::new(r)));
    p
}

fn md_table<'a>(node: &'a AstNode<'a>, columns: usize) -> docx_rs::Table {
    let rows = node
        .children()
        .map(|row| {
            row.children()
                .map(|c| cell(vec![Block::P(paragraph(c, Style::default()))]))
                .collect()
        })
        .collect();
    table(&vec![1.0; columns.max(1)], rows)
}

fn paragraph<'a>(node: &'a AstNode<'a>, style: Style) -> Paragraph {
    let mut pieces = Vec::new();
    inlines(node, style, &mut pieces);
    let texts = french_across(&pieces);
    pieces
        .iter()
        .zip(texts)
        .fold(Paragraph::new(), |p, (piece, text)| match piece {
            Piece::Break => p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping)),
            Piece::Text(_, s) => p.add_run(styled(&text, *s)),
        })
}

/// A piece of a paragraph: text with its formatting, or a line break.
enum Piece {
    Text(String, Style),
    Break,
}

/// The pieces' texts in French typography, applied across pieces too: a bold « Note »
/// followed by « : voir » must get its no-break space, which one run alone cannot see.
/// `typo::french` replaces spaces one for one once each piece has had its own pass, so the
/// joined text splits back at the same places; if it does not, each piece keeps its own.
fn french_across(pieces: &[Piece]) -> Vec<String> {
    let own: Vec<String> = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t, s) if !s.code => typo::french(t),
            Piece::Text(t, _) => t.clone(),
            Piece::Break => "\n".to_string(),
        })
        .collect();
    let joined: String = own.concat();
    let fixed: Vec<char> = typo::french(&joined).chars().collect();
    if fixed.len() != joined.chars().count() {
        return own;
    }
    let mut at = 0;
    own.iter()
        .map(|t| {
            let n = t.chars().count();
            let piece: String = fixed[at..at + n].iter().collect();
            at += n;
            piece
        })
        .collect()
}

pub(super) fn code(text: &str) -> Run {
    Run::new().add_text(text).fonts(
        docx_rs::RunFonts::new()
            .ascii("Courier New")
            .hi_ansi("Courier New"),
    )
}

/// A run of text already in French typography.
pub(super) fn styled(text: &str, s: Style) -> Run {
    let mut r = if s.code {
        code(text)
    } else {
        Run::new().add_text(text)
    };
    if s.bold {
        r = r.bold();
    }
    if s.italic {
        r = r.italic();
    }
    if s.strike {
        r = r.strike();
    }
    if s.small {
        r = r.size(17).color(MUTED);
    }
    r
}

fn inlines<'a>(node: &'a AstNode<'a>, s: Style, out: &mut Vec<Piece>) {
    for child in node.children() {
        inline(child, s, out);
    }
}

fn inline<'a>(node: &'a AstNode<'a>, s: Style, out: &mut Vec<Piece>) {
    let text = |t: &str| Piece::Text(t.to_string(), s);
    match &node.data().value {
        NodeValue::Text(t) => out.push(text(t)),
        NodeValue::SoftBreak => out.push(text(" ")),
        NodeValue::LineBreak => out.push(Piece::Break),
        NodeValue::Code(c) => out.push(Piece::Text(c.literal.clone(), Style { code: true, ..s })),
        NodeValue::HtmlInline(h) => out.push(text(h)),
        NodeValue::Emph => inlines(node, Style { italic: true, ..s }, out),
        NodeValue::Strong => inlines(node, Style { bold: true, ..s }, out),
        NodeValue::Strikethrough => inlines(node, Style { strike: true, ..s }, out),
        NodeValue::Link(l) => {
            inlines(node, s, out);
            let shown = node.collect_text();
            let url = &l.url;
            if !(url.is_empty() || url.starts_with('#') || shown.trim() == url) {
                out.push(text(&format!(" ({url})")));
            }
        }
        _ => inlines(node, s, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::P(p) => p.raw_text(),
                Block::T(_) => "<table>".to_string(),
            })
            .collect()
    }

    #[test]
    fn links_lists_and_tables_read_as_in_the_html() {
        let b = blocks(
            "Voir [le site](https://exemple.fr) : *ici*\n\n3. trois\n4. quatre\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(
            text(&b),
            [
                "Voir le site (https://exemple.fr)\u{a0}: ici",
                "3.\ttrois",
                "4.\tquatre",
                "<table>"
            ]
        );
    }

    #[test]
    fn typography_runs_across_bold_and_plain_text() {
        let b = blocks("**Note** : voir « *ici* »");
        assert_eq!(text(&b), ["Note\u{a0}: voir «\u{202f}ici\u{202f}»"]);
    }

    #[test]
    fn empty_prose_says_it_is_missing() {
        assert_eq!(text(&blocks("  \n")), ["À compléter"]);
    }
}
