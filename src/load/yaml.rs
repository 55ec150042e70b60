//! A front matter as a spanned YAML tree: every node, key included, with its place.
//!
//! The typed front matter is decoded from this tree field by field (`load::decode`), so
//! one wrong value does not hide the others. Syntax is checked beforehand with
//! serde-saphyr (its errors are translated by `load::errors`); the tree is built from
//! the events of granit-parser, the parser serde-saphyr itself runs on.

use crate::diagnostic::Pos;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};
use std::collections::HashMap;

/// One YAML node and where it is written (file position).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub pos: Pos,
    /// A flow collection (`{…}`, `[…]`) or a quoted scalar is written on one line.
    pub flow: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar's text after YAML escapes; `plain` when it has no quotes and no block
    /// indicator (only plain scalars are numbers, booleans or null).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Entries in the order written, duplicates included (the decoder reports them).
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// A plain `~`, `null` or nothing at all.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The scalar's text, if the node is a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// Builds the tree of `yaml`, whose first line is line `line_offset + 1` of the file.
/// `None` when the parser fails (the syntax check reports why).
pub fn parse(yaml: &str, line_offset: u32) -> Option<Node> {
    let mut b = Builder {
        events: Parser::new_from_str(yaml),
        lines: yaml.lines().collect(),
        anchors: HashMap::new(),
        line_offset,
    };
    // An empty header (or only comments) has no fields at all.
    let empty = Node {
        kind: Kind::Map(Vec::new()),
        pos: Pos::new(line_offset + 1, 1, 1),
        flow: false,
    };
    loop {
        match b.next()? {
            (Event::StreamEnd, _) => return Some(empty),
            (Event::DocumentStart(..), _) => break,
            _ => {}
        }
    }
    match b.next()? {
        (Event::DocumentEnd, _) => Some(empty),
        (ev, span) => b.node(ev, span),
    }
}

struct Builder<'a> {
    events: Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>,
    /// The YAML text's lines, to underline a block scalar to the end of its first line.
    lines: Vec<&'a str>,
    anchors: HashMap<usize, Node>,
    line_offset: u32,
}

impl<'a> Builder<'a> {
    /// The next event of the document's structure (comments are skipped).
    fn next(&mut self) -> Option<(Event<'a>, Span)> {
        loop {
            let (ev, span) = self.events.next_event()?.ok()?;
            let structural = matches!(
                ev,
                Event::StreamStart
                    | Event::StreamEnd
                    | Event::DocumentStart(..)
                    | Event::DocumentEnd
                    | Event::Alias(_)
                    | Event::Scalar(..)
                    | Event::SequenceStart(..)
                    | Event::SequenceEnd
                    | Event::MappingStart(..)
                    | Event::MappingEnd
            );
            if structural {
                return Some((ev, span));
            }
        }
    }

    fn node(&mut self, ev: Event<'a>, span: Span) -> Option<Node> {
        let (node, anchor) = match ev {
            Event::Scalar(text, style, anchor, _) => {
                let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
                let kind = Kind::Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain,
                };
                (self.at(kind, span, quoted), anchor)
            }
            Event::SequenceStart(style, anchor, _) => {
                let mut items = Vec::new();
                let end = loop {
                    match self.next()? {
                        (Event::SequenceEnd, end) => break end,
                        (ev, s) => items.push(self.node(ev, s)?),
                    }
                };
                let flow = style == serde_saphyr::granit_parser::StructureStyle::Flow;
                (self.collection(Kind::Seq(items), span, end, flow), anchor)
            }
            Event::MappingStart(style, anchor, _) => {
                let mut entries = Vec::new();
                let end = loop {
                    match self.next()? {
                        (Event::MappingEnd, end) => break end,
                        (ev, s) => {
                            let key = self.node(ev, s)?;
                            let (ev, s) = self.next()?;
                            entries.push((key, self.node(ev, s)?));
                        }
                    }
                };
                let flow = style == serde_saphyr::granit_parser::StructureStyle::Flow;
                (self.collection(Kind::Map(entries), span, end, flow), anchor)
            }
            Event::Alias(id) => {
                let mut n = self.anchors.get(&id)?.clone();
                n.pos = self.pos(span);
                return Some(n);
            }
            _ => return None,
        };
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        Some(node)
    }

    fn at(&self, kind: Kind, span: Span, flow: bool) -> Node {
        Node {
            kind,
            pos: self.pos(span),
            flow,
        }
    }

    /// A flow collection is underlined whole when it fits on one line; a block one
    /// at its first character.
    fn collection(&self, kind: Kind, start: Span, end: Span, flow: bool) -> Node {
        let mut pos = self.pos(start);
        pos.len = if flow && end.end.line() == start.start.line() {
            (end.end.index() - start.start.index()).max(1) as u32
        } else {
            1
        };
        Node { kind, pos, flow }
    }

    fn pos(&self, span: Span) -> Pos {
        let (s, e) = (span.start, span.end);
        let len = if e.line() == s.line() {
            e.index().saturating_sub(s.index())
        } else {
            let line = self.lines.get(s.line().saturating_sub(1)).unwrap_or(&"");
            line.trim_end().chars().count().saturating_sub(s.col())
        };
        Pos::new(
            s.line() as u32 + self.line_offset,
            s.col() as u32 + 1,
            len as u32,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(y: &str) -> Node {
        parse(y, 1).expect("valid YAML")
    }

    #[test]
    fn keys_values_and_duplicates_keep_their_places() {
        let n = tree("cible: 'a: b, c'\nmesures: {2017: 145, 2017: 152}\n");
        let Kind::Map(entries) = &n.kind else {
            panic!("{n:?}")
        };
        let (k, v) = &entries[0];
        assert_eq!(k.scalar(), Some("cible"));
        assert_eq!((k.pos.line, k.pos.column), (2, 1));
        assert_eq!(v.scalar(), Some("a: b, c"));
        assert_eq!((v.pos.column, v.pos.len), (8, 9));
        let Kind::Map(years) = &entries[1].1.kind else {
            panic!()
        };
        assert_eq!(years.len(), 2, "both 2017 entries are kept");
        assert_eq!((years[1].0.pos.line, years[1].0.pos.column), (3, 22));
    }

    #[test]
    fn null_and_plain_scalars_are_told_apart() {
        let n = tree("# comment\na:  # empty\nb: '~'\nc: ~\n");
        let Kind::Map(e) = &n.kind else { panic!() };
        assert!(e[0].1.is_null());
        assert!(!e[1].1.is_null());
        assert!(e[2].1.is_null());
    }

    #[test]
    fn aliases_take_the_anchored_value() {
        let n = tree("a: &x {nom: N}\nb: *x\n");
        let Kind::Map(e) = &n.kind else { panic!() };
        assert_eq!(e[0].1.kind, e[1].1.kind);
        assert_eq!(e[1].1.pos.line, 3);
    }
}
