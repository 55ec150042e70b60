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
    place_text(text, &doc.sections, expected, optional)
}

/// The same, from a file's text and its sections.
fn place_text(
    text: &str,
    sections: &[Section],
    expected: &[(&str, &[&str])],
    optional: &[&str],
) -> Placed {
    let file = File {
        lines: text.split('\n').collect(),
        sections,
    };
    let titles: Vec<&str> = expected
        .iter()
        .map(|(t, _)| *t)
        .chain(optional.iter().copied())
        .collect();
    let top: Vec<usize> = (0..sections.len())
        .filter(|k| sections[*k].level == 1)
        .collect();
    // Text between the front matter and the first heading goes with the first section.
    let first = sections
        .first()
        .map_or(file.lines.len(), |s| (s.line as usize).saturating_sub(1));
    let lead = file.slice(body_start(&file.lines), first);
    let mut texts = BTreeMap::new();
    for (title, pieces) in file.assign(&top, &titles, lead) {
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

/// The index of the first line after the front matter (`---` … `---` or `...`).
fn body_start(lines: &[&str]) -> usize {
    let fence = |l: &str| l.trim_start_matches('\u{feff}').trim_end() == "---";
    if !lines.first().is_some_and(|l| fence(l)) {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|l| fence(l) || l.trim_end() == "...")
        .map_or(lines.len(), |k| k + 2)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The sections of `text` as the loader finds ATX headings (enough for these tests).
    fn sections(text: &str) -> Vec<Section> {
        let lines: Vec<&str> = text.split('\n').collect();
        (0..lines.len())
            .filter(|k| lines[*k].starts_with('#'))
            .map(|k| {
                let level = lines[k].chars().take_while(|c| *c == '#').count() as u8;
                Section {
                    level,
                    title: lines[k][level as usize..].trim().to_string(),
                    line: k as u32 + 1,
                    body: String::new(),
                    body_line: k as u32 + 2,
                }
            })
            .collect()
    }

    #[test]
    fn misspelt_unknown_and_unheaded_text_all_find_a_place() {
        let text = "---\na: 1\n---\nintro\n# Description\ndesc\n# Mise en œuvre\nlead\n\
            ## Moyens engagés\nmoyens\n## Calendriers\ncal\n## Partenaires\npart\n\
            # Points fort\npf\n# Bilan\nbilan";
        let subs: &[&str] = &["Moyens engagés", "Calendrier"];
        let expected = [
            ("Description", &[][..]),
            ("Mise en œuvre", subs),
            ("Points forts", &[][..]),
        ];
        let p = place_text(text, &sections(text), &expected, &[]);
        assert_eq!(p.section("Description").md, "intro\n\ndesc");
        assert_eq!(
            p.sub("Mise en œuvre", "Moyens engagés").md,
            "lead\n\nmoyens"
        );
        assert_eq!(
            p.sub("Mise en œuvre", "Calendrier").md,
            "cal\n\n**Partenaires**\n\npart"
        );
        assert_eq!(p.section("Points forts").md, "pf\n\n**Bilan**\n\nbilan");
    }

    #[test]
    fn the_body_starts_after_the_front_matter() {
        assert_eq!(body_start(&["---", "a: 1", "---", "x"]), 3);
        assert_eq!(body_start(&["\u{feff}---", "a: 1", "...", "x"]), 3);
        assert_eq!(body_start(&["# Titre", "x"]), 0);
        assert_eq!(body_start(&["---", "a: 1"]), 2);
    }
}
