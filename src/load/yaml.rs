//! A front matter as a spanned YAML tree: every node, key included, with its place.
//!
//! The typed front matter is decoded from this tree field by field (`load::decode`), so
//! one wrong value does not hide the others. The tree is built in one pass over the
//! events of granit-parser, the parser serde-saphyr itself runs on; serde-saphyr is
//! asked only about what that pass cannot vouch for, so a syntax error keeps its words
//! (translated by `load::errors`).

use super::errors;
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::source::Source;
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

    /// How many nodes the tree holds, itself included.
    fn size(&self) -> usize {
        1 + match &self.kind {
            Kind::Scalar { .. } => 0,
            Kind::Seq(items) => items.iter().map(Node::size).sum(),
            Kind::Map(entries) => entries.iter().map(|(k, v)| k.size() + v.size()).sum(),
        }
    }

    /// The scalar's text, if the node is a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// Reads the front matter `yaml`, whose first line is line `line_offset + 1` of `src`,
/// into its tree with one pass of the parser. Only what that pass cannot vouch for (a
/// syntax error, a tag, a merge key, a second document, a size past serde-saphyr's
/// limits) is handed to serde-saphyr, whose errors `errors` says in French: valid
/// files are parsed once, and every error keeps today's words and place.
pub fn read(yaml: &str, src: &Source, line_offset: u32) -> Result<Node, Diagnostic> {
    let mut one_pass = Builder::new(yaml, line_offset, Some(MAX_NODES));
    if let Some(tree) = one_pass.document().filter(|_| !one_pass.doubt) {
        return Ok(tree);
    }
    // Repeated keys pass here and are reported by the decoder, each with its name.
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
    };
    if let Err(e) = serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(yaml, options) {
        let d = errors::yaml_error(&e, src, line_offset);
        return Err(super::unclosed::relocate(&d, yaml, line_offset).unwrap_or(d));
    }
    Builder::new(yaml, line_offset, None)
        .document()
        .ok_or_else(|| {
            Diagnostic::new(Rule::SyntaxeInvalide, "syntaxe YAML invalide")
                .at(&src.path, Pos::new(line_offset + 1, 1, 1))
        })
}

/// Nodes (aliases expanded), nesting, aliases and anchors a single pass accepts on its
/// own: well below serde-saphyr's budget (250,000 nodes, depth 64, an alias-to-anchor
/// ratio checked from 100 aliases, 50,000 anchors), so that it alone judges beyond.
const MAX_NODES: usize = 100_000;
const MAX_DEPTH: usize = 32;
const MAX_ALIASES: usize = 50;
const MAX_ANCHORS: usize = 1_000;

/// A plain scalar serde-saphyr might read as an infinite or NaN float, which it
/// refuses (`.inf`, `-.Inf`, `.nan`, `1e999`); a false alarm only costs its check.
fn non_finite(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    text.len() <= 12 && (lower.contains("inf") || lower.contains("nan"))
        || lower
            .replace('_', "")
            .parse::<f64>()
            .is_ok_and(|v| !v.is_finite())
}

/// Builds the tree of `yaml`, whose first line is line `line_offset + 1` of the file.
/// `None` when the parser fails (the syntax check reports why).
#[cfg(test)]
pub fn parse(yaml: &str, line_offset: u32) -> Option<Node> {
    Builder::new(yaml, line_offset, None).document()
}

struct Builder<'a> {
    events: Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>,
    /// The YAML text's lines, to underline a block scalar to the end of its first line.
    lines: Vec<&'a str>,
    anchors: HashMap<usize, Node>,
    line_offset: u32,
    /// Nodes still allowed (aliases count their whole value), when limited.
    budget: Option<usize>,
    depth: usize,
    aliases: usize,
    /// Something only serde-saphyr can judge: a tag, a merge key, a float it refuses,
    /// many aliases or anchors.
    doubt: bool,
}

impl<'a> Builder<'a> {
    fn new(yaml: &'a str, line_offset: u32, budget: Option<usize>) -> Self {
        Builder {
            events: Parser::new_from_str(yaml),
            lines: yaml.lines().collect(),
            anchors: HashMap::new(),
            line_offset,
            budget,
            depth: 0,
            aliases: 0,
            doubt: false,
        }
    }

    /// The stream's one document; `None` when the parser fails anywhere in the
    /// stream, or finds a second document.
    fn document(&mut self) -> Option<Node> {
        // An empty header (or only comments) has no fields at all.
        let empty = Node {
            kind: Kind::Map(Vec::new()),
            pos: Pos::new(self.line_offset + 1, 1, 1),
            flow: false,
        };
        loop {
            match self.next()? {
                (Event::StreamEnd, _) => return Some(empty),
                (Event::DocumentStart(..), _) => break,
                _ => {}
            }
        }
        let root = match self.next()? {
            (Event::DocumentEnd, _) => empty,
            (ev, span) => {
                let root = self.node(ev, span)?;
                matches!(self.next()?, (Event::DocumentEnd, _)).then_some(root)?
            }
        };
        matches!(self.next()?, (Event::StreamEnd, _)).then_some(root)
    }

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

    /// Counts `n` nodes against the budget; false once it is spent.
    fn spend(&mut self, n: usize) -> bool {
        match &mut self.budget {
            Some(left) if *left < n => false,
            Some(left) => {
                *left -= n;
                true
            }
            None => true,
        }
    }

    fn node(&mut self, ev: Event<'a>, span: Span) -> Option<Node> {
        if !self.spend(1) {
            return None;
        }
        let (node, anchor) = match ev {
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain;
                self.doubt |= tag.is_some() || plain && (text == "<<" || non_finite(&text));
                let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
                let kind = Kind::Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain,
                };
                (self.at(kind, span, quoted), anchor)
            }
            Event::SequenceStart(style, anchor, tag) => {
                self.enter(tag.is_some())?;
                let mut items = Vec::new();
                let end = loop {
                    match self.next()? {
                        (Event::SequenceEnd, end) => break end,
                        (ev, s) => items.push(self.node(ev, s)?),
                    }
                };
                let flow = style == serde_saphyr::granit_parser::StructureStyle::Flow;
                self.depth -= 1;
                (self.collection(Kind::Seq(items), span, end, flow), anchor)
            }
            Event::MappingStart(style, anchor, tag) => {
                self.enter(tag.is_some())?;
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
                self.depth -= 1;
                (self.collection(Kind::Map(entries), span, end, flow), anchor)
            }
            Event::Alias(id) => {
                self.aliases += 1;
                self.doubt |= self.aliases >= MAX_ALIASES;
                let size = self.anchors.get(&id)?.size();
                if !self.spend(size) {
                    return None;
                }
                let mut n = self.anchors.get(&id)?.clone();
                n.pos = self.pos(span);
                return Some(n);
            }
            _ => return None,
        };
        if anchor != 0 {
            self.doubt |= self.anchors.len() >= MAX_ANCHORS;
            self.anchors.insert(anchor, node.clone());
        }
        Some(node)
    }

    /// Enters a collection: a tag is serde-saphyr's call, and so is a nesting past its
    /// limit (the one pass stops there rather than recurse on).
    fn enter(&mut self, tagged: bool) -> Option<()> {
        self.depth += 1;
        self.doubt |= tagged;
        (self.budget.is_none() || self.depth <= MAX_DEPTH).then_some(())
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

    /// What serde-saphyr alone refuses (not the parser) still comes out as its error.
    #[test]
    fn what_serde_saphyr_refuses_is_still_refused() {
        let src = Source::new("a.md", "");
        for yaml in [
            "a: .inf\n",
            "a: [-.Inf]\n",
            "a: .nan\n",
            "a: 1e999\n",
            "a: 1\nb: [\n",
            "a: *nulle\n",
        ] {
            let d = read(yaml, &src, 1).expect_err(yaml);
            assert_eq!(d.file.as_deref(), Some("a.md"), "{yaml}");
        }
        for yaml in ["a: information\nb: 1e300\n", "a: &x 1\nb: *x\n", ""] {
            assert!(read(yaml, &src, 1).is_ok(), "{yaml}");
        }
    }

    #[test]
    fn aliases_take_the_anchored_value() {
        let n = tree("a: &x {nom: N}\nb: *x\n");
        let Kind::Map(e) = &n.kind else { panic!() };
        assert_eq!(e[0].1.kind, e[1].1.kind);
        assert_eq!(e[1].1.pos.line, 3);
    }
}
