//! Where each written section of a file goes in the annex: under the expected title it
//! names, or misspells (« ## Calendriers »), and an unknown section with its own heading
//! under the section before it, so that no text the school wrote is dropped.

use super::view::Prose;
use crate::model::{Doc, Dossier, Section};
use crate::text::{fold, suggest};
use std::collections::BTreeMap;

/// A piece of an expected section: a written section, or text placed there.
enum Piece {
    Own(usize),
    Extra(String),
}

/// The Markdown of each expected section (and subsection) of one file.
pub(super) struct Placed {
    texts: BTreeMap<String, String>,
}

impl Placed {
    /// The prose under the top-level section `title`.
    pub fn section(&self, title: &str) -> Prose {
        Prose::new(self.texts.get(&fold(title)).map_or("", String::as_str))
    }

    /// The prose under the subsection `title` of `parent`.
    pub fn sub(&self, parent: &str, title: &str) -> Prose {
        let key = format!("{}/{}", fold(parent), fold(title));
        Prose::new(self.texts.get(&key).map_or("", String::as_str))
    }
}

/// The sections of `doc` placed under the `expected` titles (with their subsections)
/// and the `optional` ones.
pub(super) fn place<F>(
    d: &Dossier,
    doc: &Doc<F>,
    expected: &[(&str, &[&str])],
    optional: &[&str],
) -> Placed {
    let text = d.sources.get(&doc.path).map_or("", |s| s.text.as_str());
    let file = File {
        lines: text.split('\n').collect(),
        sections: &doc.sections,
    };
    let titles: Vec<&str> = expected
        .iter()
        .map(|(t, _)| *t)
        .chain(optional.iter().copied())
        .collect();
    let top: Vec<usize> = (0..doc.sections.len())
        .filter(|k| doc.sections[*k].level == 1)
        .collect();
    let mut texts = BTreeMap::new();
    for (title, pieces) in file.assign(&top, &titles, String::new()) {
        let subs = expected
            .iter()
            .find(|(t, _)| *t == title)
            .map_or(&[][..], |(_, s)| *s);
        if subs.is_empty() {
            texts.insert(fold(title), file.join(&pieces));
            continue;
        }
        file.place_subs(title, subs, &pieces, &mut texts);
    }
    Placed { texts }
}

struct File<'a> {
    lines: Vec<&'a str>,
    sections: &'a [Section],
}

impl File<'_> {
    /// The line index where section `k`'s text ends: the next heading of its level or
    /// above, or the end of the file.
    fn end(&self, k: usize) -> usize {
        let level = self.sections[k].level;
        self.sections[k + 1..]
            .iter()
            .find(|s| s.level <= level)
            .map_or(self.lines.len(), |s| (s.line as usize).saturating_sub(1))
            .min(self.lines.len())
    }

    fn slice(&self, from: usize, to: usize) -> String {
        let from = from.min(self.lines.len());
        self.lines[from..to.clamp(from, self.lines.len())].join("\n")
    }

    /// The text under section `k`, its deeper headings included.
    fn body(&self, k: usize) -> String {
        let from = (self.sections[k].body_line as usize).saturating_sub(1);
        self.slice(from, self.end(k))
    }

    /// Section `k` placed elsewhere: its written heading in bold, then its text.
    fn shown(&self, k: usize) -> String {
        format!("**{}**\n\n{}", self.sections[k].title.trim(), self.body(k))
    }

    fn join(&self, pieces: &[Piece]) -> String {
        let texts: Vec<String> = pieces
            .iter()
            .map(|p| match p {
                Piece::Own(k) => self.body(*k),
                Piece::Extra(s) => s.clone(),
            })
            .filter(|t| !t.trim().is_empty())
            .collect();
        texts.join("\n\n")
    }

    /// The sections `items` (of one level) under `titles`: by their title, else the
    /// title they misspell (one not written as such); `lead` and an unknown one go with
    /// the section before them, or the first one after, or the first title.
    fn assign<'t>(
        &self,
        items: &[usize],
        titles: &[&'t str],
        lead: String,
    ) -> Vec<(&'t str, Vec<Piece>)> {
        let title = |k: usize| self.sections[k].title.as_str();
        let written = |t: &str| items.iter().any(|k| fold(title(*k)) == fold(t));
        let absent: Vec<&str> = titles.iter().copied().filter(|t| !written(t)).collect();
        let mut out: Vec<(&'t str, Vec<Piece>)> = Vec::new();
        let mut pending: Vec<Piece> = vec![Piece::Extra(lead)];
        let mut last: Option<usize> = None;
        for &k in items {
            let found = titles
                .iter()
                .copied()
                .find(|t| fold(t) == fold(title(k)))
                .or_else(|| {
                    let t = suggest(title(k), absent.iter().copied())?;
                    titles.iter().copied().find(|x| *x == t)
                });
            let Some(t) = found else {
                let piece = Piece::Extra(self.shown(k));
                match last {
                    Some(at) => out[at].1.push(piece),
                    None => pending.push(piece),
                }
                continue;
            };
            let at = out.iter().position(|(x, _)| *x == t).unwrap_or_else(|| {
                out.push((t, Vec::new()));
                out.len() - 1
            });
            out[at].1.append(&mut pending);
            out[at].1.push(Piece::Own(k));
            last = Some(at);
        }
        if let Some(first) = titles.first()
            && !pending.is_empty()
        {
            out.push((first, pending));
        }
        out
    }

    /// The subsections of the section `parent` (its written pieces), placed under
    /// `subs`; text outside any subsection goes with the nearest one.
    fn place_subs(
        &self,
        parent: &str,
        subs: &[&str],
        pieces: &[Piece],
        texts: &mut BTreeMap<String, String>,
    ) {
        let key = |t: &str| format!("{}/{}", fold(parent), fold(t));
        let mut add = |t: &str, text: String| {
            if text.trim().is_empty() {
                return;
            }
            let e: &mut String = texts.entry(key(t)).or_default();
            if !e.is_empty() {
                e.push_str("\n\n");
            }
            e.push_str(&text);
        };
        for piece in pieces {
            let k = match piece {
                Piece::Own(k) => *k,
                Piece::Extra(s) => {
                    add(subs[subs.len() - 1], s.clone());
                    continue;
                }
            };
            let end = self.end(k);
            let children: Vec<usize> = (k + 1..self.sections.len())
                .take_while(|c| (self.sections[*c].line as usize) <= end)
                .filter(|c| self.sections[*c].level == 2)
                .collect();
            let lead_to = children
                .first()
                .map_or(end, |c| (self.sections[*c].line as usize).saturating_sub(1));
            let from = (self.sections[k].body_line as usize).saturating_sub(1);
            let lead = self.slice(from, lead_to);
            for (t, ps) in self.assign(&children, subs, lead) {
                add(t, self.join(&ps));
            }
        }
    }
}
