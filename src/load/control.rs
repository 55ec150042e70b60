//! Control characters in a dossier's text — U+0000–U+001F but tab, line feed and
//! carriage return, DEL and the C1 controls, U+FFFE and U+FFFF — replaced at load by
//! « � » with a `caractere-de-controle` finding at their place, so that no writer ever
//! receives one: Word refuses a document holding one, a terminal obeys it.

use super::yaml::{Kind, Node};
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::config::{Config, Partenaire};
use crate::source::Source;
use std::borrow::Cow;

/// What a control character becomes.
pub const REPLACEMENT: char = '\u{fffd}';

/// Findings per file: past them, one more says how many were left out (a file of
/// thousands is not worth thousands of lines).
const MAX_FINDINGS: usize = 20;

/// True for a character no text of a dossier may hold.
pub fn forbidden(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{fffe}' | '\u{ffff}')
}

/// `text` with its control characters replaced, without findings: for text that is
/// not the dossier's own fiches (the evidence files quoted in the annex).
pub fn scrub(text: &str) -> Cow<'_, str> {
    if text.chars().any(forbidden) {
        Cow::Owned(text.chars().map(replaced).collect())
    } else {
        Cow::Borrowed(text)
    }
}

fn replaced(c: char) -> char {
    if forbidden(c) { REPLACEMENT } else { c }
}

/// The character as the message names it: « U+001B (␛) ».
fn named(c: char) -> String {
    let picture = match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7f}' => Some('\u{2421}'),
        _ => None,
    };
    match picture {
        Some(p) => format!("U+{:04X} ({p})", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

fn finding(c: char, how: &str) -> Diagnostic {
    Diagnostic::new(
        Rule::CaractereDeControle,
        format!("caractère de contrôle {}{how} : remplacé par « {REPLACEMENT} »", named(c)),
    )
    .help("supprimez-le (il vient souvent d'un copier-coller) : Word refuse un document qui en contient et un terminal l'exécute")
}

/// Findings with a closing one for those left out.
fn capped(mut diags: Vec<Diagnostic>, rel: &str) -> Vec<Diagnostic> {
    if diags.len() > MAX_FINDINGS {
        let more = diags.len() - MAX_FINDINGS;
        diags.truncate(MAX_FINDINGS);
        diags.push(
            Diagnostic::new(
                Rule::CaractereDeControle,
                format!("{more} autres caractères de contrôle remplacés dans « {rel} »"),
            )
            .in_file(rel),
        );
    }
    diags
}

/// A file's text with its control characters replaced, and a finding at each.
pub fn in_source(src: Source) -> (Source, Vec<Diagnostic>) {
    if !src.text.chars().any(forbidden) {
        return (src, Vec::new());
    }
    let mut diags = Vec::new();
    let (mut line, mut column) = (1, 1);
    for c in src.text.chars() {
        if forbidden(c) {
            diags.push(finding(c, "").at(&src.path, Pos::new(line, column, 1)));
        }
        if c == '\n' {
            (line, column) = (line + 1, 1);
        } else {
            column += 1;
        }
    }
    let text: String = src.text.chars().map(replaced).collect();
    let diags = capped(diags, &src.path);
    (Source::new(src.path, &text), diags)
}

/// The scalars of a front matter whose YAML escapes (`"\e"`, `"\x01"`) gave a control
/// character: replaced, with a finding at the scalar.
pub fn in_tree(node: &mut Node, src: &Source) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    walk(node, src, &mut diags);
    capped(diags, &src.path)
}

fn walk(node: &mut Node, src: &Source, diags: &mut Vec<Diagnostic>) {
    match &mut node.kind {
        Kind::Scalar { text, .. } => {
            if let Some(c) = text.chars().find(|c| forbidden(*c)) {
                *text = scrub(text).into_owned();
                diags.push(finding(c, " écrit par un échappement").at(&src.path, node.pos));
            }
        }
        Kind::Seq(items) => items.iter_mut().for_each(|n| walk(n, src, diags)),
        Kind::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            walk(k, src, diags);
            walk(v, src, diags);
        }),
    }
}

/// The texts of `ldm.toml` whose TOML escapes (`"\u001b"`) gave a control character:
/// replaced, with a finding at the value.
pub fn in_config(config: &mut Config, src: &Source) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let e = &mut config.etablissement;
    let mut spanned = vec![&mut e.nom, &mut e.uai, &mut e.academie, &mut e.denomination];
    spanned.extend(e.ville.as_mut());
    spanned.extend(config.referentiel.as_mut().map(|r| &mut r.edition));
    for value in spanned {
        let span = value.span();
        if let Some(c) = value.get_ref().chars().find(|c| forbidden(*c)) {
            *value.get_mut() = scrub(value.get_ref()).into_owned();
            let pos = src.pos_of_byte(span.start, span.end);
            diags.push(finding(c, " écrit par un échappement").at(&src.path, pos));
        }
    }
    for partenaire in &mut config.candidature.reseau {
        let span = partenaire.span();
        let texts: Vec<&mut String> = match partenaire.get_mut() {
            Partenaire::Uai(u) => vec![u],
            Partenaire::Nomme(p) => std::iter::once(&mut p.uai)
                .chain(p.nom.as_mut())
                .chain(p.ville.as_mut())
                .collect(),
        };
        for text in texts {
            if let Some(c) = text.chars().find(|c| forbidden(*c)) {
                *text = scrub(text).into_owned();
                let pos = src.pos_of_byte(span.start, span.end);
                diags.push(finding(c, " écrit par un échappement").at(&src.path, pos));
            }
        }
    }
    capped(diags, &src.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_replaced_with_a_finding_at_their_place() {
        let src = Source::new("f.md", "un\ndeux \u{1b}[8m\u{1}\ttrois\u{fffe}\n");
        let (src, diags) = in_source(src);
        assert_eq!(src.text, "un\ndeux \u{fffd}[8m\u{fffd}\ttrois\u{fffd}\n");
        let places: Vec<(u32, u32)> = diags
            .iter()
            .map(|d| d.pos.map(|p| (p.line, p.column)).unwrap())
            .collect();
        assert_eq!(places, [(2, 6), (2, 10), (2, 17)]);
        assert!(
            diags[0].message.contains("U+001B (␛)"),
            "{}",
            diags[0].message
        );
        assert!(diags.iter().all(|d| d.rule == Rule::CaractereDeControle));
    }

    #[test]
    fn a_file_full_of_them_gives_a_bounded_number_of_findings() {
        let (_, diags) = in_source(Source::new("f.md", &"\u{1}".repeat(10_000)));
        assert_eq!(diags.len(), MAX_FINDINGS + 1);
        assert!(diags[MAX_FINDINGS].message.contains("9980 autres"));
    }

    #[test]
    fn tab_line_feed_and_french_text_are_kept() {
        let text = "Lycée « Marie » :\tété\n";
        assert!(matches!(scrub(text), Cow::Borrowed(_)));
        assert!(in_source(Source::new("f.md", text)).1.is_empty());
    }
}
