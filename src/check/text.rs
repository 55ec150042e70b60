//! Text rules: « À compléter » markers and the guide's instructions left in.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::load::markdown::split;
use crate::markup::blank_comments;
use crate::text::{Folded, fold};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::borrow::Cow;
use std::sync::LazyLock;

/// The marker `ldm init` writes where the team must write.
pub const PLACEHOLDER: &str = "À compléter";

/// Instructions of the official template (guide 2026, section E), folded. Left in a
/// dossier, they show an empty box to the auditor.
const CONSIGNES: &[&str] = &[
    "choisir un titre representatif de l'action",
    "decrire de maniere narrative et rapide",
    "mesure au debut de l'action",
    "mesure au milieu de l'action",
    "mesure en fin d'action",
    "decrire les effets sur les eleves",
    "lister les ressources ou points d'appui",
    "lister les difficultes ou les points de vigilance",
    "evaluer la pertinence de l'action au regard des moyens",
    "donner une mesure chiffree",
    "nom et fonction de la personne engagee",
    "mettre en lien avec un domaine de l'auto-evaluation",
    "mettre en lien avec un axe du projet d'etablissement",
    "mettre en lien avec un axe du contrat d'objectifs",
    "mettre en lien avec un critere du campus",
    "sur quels constats basez-vous votre travail",
    "donner l'objectif ou les objectifs principaux",
    "decrire a l'aide de quoi l'action est mise en oeuvre",
    "elements de temporalite",
    "decrire les methodes mises en oeuvre",
    "l'objectif de ce tableau est de presenter le collectif",
    "oui ou non supprimer la mention inutile",
    "remplacer n par une annee",
];

/// True when a value is (or contains) the init placeholder.
pub fn is_placeholder(value: &str) -> bool {
    fold(value).contains(&fold(PLACEHOLDER))
}

/// One automaton for the placeholder (pattern 0) and every instruction (1…), built
/// once: the text rule scans every line of the dossier. A contiguous NFA, not a DFA:
/// as fast on these few patterns, and built in a tenth of the time a check of one
/// dossier would otherwise spend building it (perf, docs/performance.md).
static PATTERNS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut all = vec![fold(PLACEHOLDER)];
    all.extend(CONSIGNES.iter().map(|c| c.to_string()));
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(all)
        .expect("a small static set of ASCII patterns")
});

/// The same patterns searched in raw ASCII text, ignoring ASCII case: an ASCII line
/// folds to its lowercase, character for character, so it is searched as it is.
static ASCII_PATTERNS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut all = vec![fold(PLACEHOLDER)];
    all.extend(CONSIGNES.iter().map(|c| c.to_string()));
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(all)
        .expect("a small static set of ASCII patterns")
});

/// Every pattern found in `line`: pattern index, character column and length. Most
/// lines match nothing: an ASCII line is searched without folding, another is folded
/// once, and mapped back to its columns only when something matched.
fn find(line: &str) -> Vec<(usize, usize, usize)> {
    if line.is_ascii() {
        return ASCII_PATTERNS
            .find_iter(line)
            .map(|m| (m.pattern().as_usize(), m.start(), m.len()))
            .collect();
    }
    if !PATTERNS.is_match(&fold(line)) {
        return Vec::new();
    }
    Folded::new(line).find_all(&PATTERNS)
}

pub fn check(ctx: &mut Ctx) {
    let mut found = Vec::new();
    for (path, src) in &ctx.dossier.sources {
        let is_md = path.ends_with(".md");
        // Only a file with comments is copied to blank them.
        let text = if is_md && src.text.contains("<!--") {
            Cow::Owned(blank_comments(&src.text))
        } else {
            Cow::Borrowed(src.text.as_str())
        };
        let front_end = if is_md {
            split(&text).body_offset
        } else {
            u32::MAX
        };
        let mut section: Option<String> = None;
        for (i, line) in text.split('\n').enumerate() {
            let n = i as u32 + 1;
            let in_front = n <= front_end;
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') {
                if in_front || !is_md {
                    continue; // a YAML or TOML comment
                }
                section = Some(trimmed.trim_start_matches('#').trim().to_string());
            }
            let place = || match (in_front, &section) {
                (true, _) => match key_of(line) {
                    Some(k) => format!("le champ « {k} »"),
                    None => "l'en-tête".to_string(),
                },
                (false, Some(s)) => format!("la section « {s} »"),
                (false, None) => "le texte".to_string(),
            };
            for (pattern, col, len) in find(line) {
                if pattern == 0 && !stands_alone(line, col, len) {
                    continue; // « à compléter par les entreprises »: a real sentence
                }
                let pos = Pos::new(n, col as u32 + 1, len as u32);
                let d = if pattern == 0 {
                    Diagnostic::new(
                        Rule::TexteACompleter,
                        format!("« {PLACEHOLDER} » dans {}", place()),
                    )
                    .help("remplacez ce repère par le texte de l'équipe")
                } else {
                    let quoted: String = line.chars().skip(col).take(len).collect();
                    Diagnostic::new(
                        Rule::ConsigneDuGuide,
                        format!(
                            "consigne du modèle officiel laissée dans {} : « {quoted} »",
                            place()
                        ),
                    )
                    .help("remplacez la consigne par le contenu qu'elle demande")
                };
                found.push(d.at(path, pos));
            }
        }
    }
    ctx.diags.extend(found);
}

/// True when the match at chars `col..col + len` is the whole of its line, field,
/// list item or table cell: only quotes, emphasis, final punctuation and the
/// delimiters of those places surround it. Inside a sentence it is prose.
fn stands_alone(line: &str, col: usize, len: usize) -> bool {
    const WRAP: &[char] = &['"', '\'', '«', '»', '*', '_', '`', '\u{a0}', '\u{202f}'];
    let chars: Vec<char> = line.chars().collect();
    let skip = |c: &char| c.is_whitespace() || WRAP.contains(c);
    let before = chars
        .get(..col)
        .unwrap_or(&[])
        .iter()
        .rev()
        .find(|c| !skip(c));
    let after = chars
        .get(col + len..)
        .unwrap_or(&[])
        .iter()
        .find(|c| !skip(c) && !matches!(c, '.' | '…' | '!' | ';'));
    let opens = before
        .is_none_or(|c| matches!(c, '|' | ':' | '=' | '-' | '[' | '{' | '(' | ',' | '>' | '+'));
    let closes = after.is_none_or(|c| matches!(c, '|' | ',' | ']' | '}' | ')' | '#'));
    opens && closes
}

/// The YAML or TOML key a line sets (`  denomination: …` → `denomination`).
fn key_of(line: &str) -> Option<String> {
    let t = line.trim_start().trim_start_matches("- ");
    let end = t.find([':', '='])?;
    let key = t[..end].trim();
    (!key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .then(|| key.to_string())
}
