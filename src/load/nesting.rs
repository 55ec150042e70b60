//! Quotes and lists nested deeper than `MAX_DEPTH` levels, flattened at load with an
//! `imbrication-trop-profonde` finding at their line, so that every writer (HTML,
//! Markdown, PDF, Word) receives a bounded tree: Word's writer went one call deeper per
//! level (a stack overflow at about 600 `>`), typst stops at 16 quotes or 30 list levels.
//! A line scan, as `markdown` cuts sections: what it counts is the markers that open a
//! level — `>` and list markers at the start of a line, list items indented under the
//! item above.

use super::markdown::{closes_fence, indentation, opens_fence, split};
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::source::Source;

/// The deepest quote or list ldm writes (docs/format.md, « Imbrication »).
pub const MAX_DEPTH: usize = 8;

/// Findings per file, as for control characters.
const MAX_FINDINGS: usize = 20;

/// A Markdown file's text with its too-deep quotes and lists flattened to `MAX_DEPTH`,
/// and a finding at each line changed.
pub fn in_source(src: Source) -> (Source, Vec<Diagnostic>) {
    if !src.path.ends_with(".md") || !src.text.contains(['>', '-', '*', '+', '.', ')']) {
        return (src, Vec::new());
    }
    let body_line = split(&src.text).body_offset as usize;
    let mut out = String::with_capacity(src.text.len());
    let mut diags = Vec::new();
    let mut items: Vec<usize> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    // One finding per passage: the first line of consecutive lines flattened.
    let mut last_flat = usize::MAX - 1;
    for (i, line) in src.text.split_inclusive('\n').enumerate() {
        let rest = indentation(line).1;
        if let Some((c, len)) = fence {
            fence = (!closes_fence(rest, c, len)).then_some((c, len));
        } else if i >= body_line {
            fence = opens_fence(rest).flatten();
            if fence.is_none()
                && let Some((flat, depth)) = flatten(line, &mut items)
            {
                if i != last_flat + 1 {
                    diags.push(finding(depth).at(&src.path, Pos::new(i as u32 + 1, 1, 1)));
                }
                last_flat = i;
                out.push_str(&flat);
                continue;
            }
        }
        out.push_str(line);
    }
    if last_flat == usize::MAX - 1 {
        return (src, diags);
    }
    if diags.len() > MAX_FINDINGS {
        diags.truncate(MAX_FINDINGS);
    }
    (Source::new(src.path, &out), diags)
}

/// `text` (Markdown) with its too-deep quotes and lists flattened, without findings: for
/// text that is not the dossier's own fiches (the evidence files shown in the annex).
pub fn flattened(text: &str) -> String {
    in_source(Source::new("preuve.md", text)).0.text
}

fn finding(depth: usize) -> Diagnostic {
    Diagnostic::new(
        Rule::ImbricationTropProfonde,
        format!(
            "citation ou liste imbriquée sur {depth} niveaux : ramenée à {MAX_DEPTH}, le plus profond que ldm écrit"
        ),
    )
    .help("aplatissez le passage : au-delà de quelques niveaux, une citation ou une liste ne se lit plus, et les documents en seraient illisibles")
}

/// A marker opening a level at the start of a line: its byte range.
#[derive(Clone, Copy)]
struct Marker {
    start: usize,
    end: usize,
    quote: bool,
}

/// The markers opening `line` (blanks between them allowed).
fn markers(line: &str) -> Vec<Marker> {
    let b = line.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    loop {
        while at < b.len() && matches!(b[at], b' ' | b'\t') {
            at += 1;
        }
        let start = at;
        let len = match b.get(at) {
            Some(b'>') => 1,
            Some(b'-' | b'*' | b'+') => 1,
            Some(c) if c.is_ascii_digit() => {
                let digits = b[at..]
                    .iter()
                    .take(9)
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                if matches!(b.get(at + digits), Some(b'.' | b')')) {
                    digits + 1
                } else {
                    0
                }
            }
            _ => 0,
        };
        let quote = b.get(at) == Some(&b'>');
        // A list marker is followed by a blank (or ends the line); `>` needs nothing.
        let ends = matches!(b.get(at + len), None | Some(b' ' | b'\t' | b'\n' | b'\r'));
        if len == 0 || (!quote && !ends) {
            return found;
        }
        at += len;
        if matches!(b.get(at), Some(b' ')) {
            at += 1;
        }
        found.push(Marker {
            start,
            end: at,
            quote,
        });
    }
}

/// A thematic break (`---`, `* * *`), which looks like list markers.
fn is_break(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*'))
}

/// `Some((line flattened, depth it had))` when `line` opens more than `MAX_DEPTH`
/// levels; `items` holds the content columns of the list items open above it.
fn flatten(line: &str, items: &mut Vec<usize>) -> Option<(String, usize)> {
    if line.trim().is_empty() || is_break(line) {
        return None;
    }
    let found = markers(line);
    let (indent, _) = indentation(line);
    if found.iter().any(|m| m.quote) {
        // A quote's levels are all written on its line.
        return (found.len() > MAX_DEPTH).then(|| {
            let kept = found[MAX_DEPTH - 1].end;
            let rest = found.last().map_or(0, |m| m.end);
            (format!("{}{}", &line[..kept], &line[rest..]), found.len())
        });
    }
    items.retain(|&col| col <= indent);
    if found.is_empty() {
        return None;
    }
    let depth = items.len() + found.len();
    if depth <= MAX_DEPTH {
        items.extend(found.iter().map(|m| m.end));
        return None;
    }
    let allowed = MAX_DEPTH.saturating_sub(items.len());
    if allowed > 0 {
        let kept = found[allowed - 1].end;
        let rest = found.last().map_or(0, |m| m.end);
        items.extend(found[..allowed].iter().map(|m| m.end));
        return Some((format!("{}{}", &line[..kept], &line[rest..]), depth));
    }
    // Under MAX_DEPTH items already: an item of the last level, indented as its siblings.
    items.truncate(MAX_DEPTH - 1);
    let col = items.last().copied().unwrap_or(0);
    let first = found[0];
    let rest = found.last().map_or(0, |m| m.end);
    let flat = format!(
        "{}{}{}",
        " ".repeat(col),
        &line[first.start..first.end],
        &line[rest..]
    );
    items.push(col + first.end - first.start);
    Some((flat, depth))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(text: &str) -> (String, Vec<u32>) {
        let (src, diags) = in_source(Source::new("c/actions/a.md", text));
        let lines = diags.iter().map(|d| d.pos.map_or(0, |p| p.line)).collect();
        (src.text, lines)
    }

    #[test]
    fn six_hundred_quotes_become_eight() {
        let text = format!("# Description\n\n{}fin\n", "> ".repeat(600));
        let (out, lines) = flat(&text);
        assert_eq!(out, format!("# Description\n\n{}fin\n", "> ".repeat(8)));
        assert_eq!(lines, [3]);
    }

    #[test]
    fn a_staircase_of_thirty_lists_stops_at_eight_levels() {
        let text: String = (0..30)
            .map(|i| format!("{}- niveau {i}\n", "  ".repeat(i)))
            .collect();
        let (out, lines) = flat(&format!("# D\n\n{text}"));
        assert_eq!(lines, [11], "one finding, at the first line past 8 levels");
        let indents: Vec<usize> = out.lines().skip(2).map(|l| indentation(l).0).collect();
        assert_eq!(indents.iter().max(), Some(&14), "{out}");
        assert!(out.contains("              - niveau 29\n"));
        // Same-line markers count too.
        let (out, lines) = flat(&format!("{}x\n", "- ".repeat(30)));
        assert_eq!((out, lines), (format!("{}x\n", "- ".repeat(8)), vec![1]));
    }

    #[test]
    fn ordinary_prose_front_matter_and_code_are_left_alone() {
        let text = "---\nnote: >\n  texte\n---\n\n> citation\n> > réponse\n\n- a\n  - b\n    1. c\n\n---\n\n```\n> > > > > > > > > >\n```\n";
        let (out, lines) = flat(text);
        assert_eq!(out, text);
        assert!(lines.is_empty());
    }
}
