//! Text helpers shared by every stage: accent-insensitive folding, suggestions, slugs,
//! and dossier text made harmless for the reader of a terminal or a spreadsheet.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds one character for comparison: lower case, no accents, ligatures split,
/// typographic apostrophes and spaces made plain. May yield 0, 1 or 2 characters.
fn fold_char(c: char, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        return out(c.to_ascii_lowercase()); // most text: skip Unicode decomposition
    }
    match c {
        'œ' | 'Œ' => {
            out('o');
            out('e')
        }
        'æ' | 'Æ' => {
            out('a');
            out('e')
        }
        '’' | '‘' | 'ʼ' => out('\''),
        '\u{a0}' | '\u{202f}' => out(' '),
        _ => {
            if let Some(base) = french_letter_base(c) {
                return out(base);
            }
            for d in c.nfd().filter(|d| !is_combining_mark(*d)) {
                for l in d.to_lowercase() {
                    out(l)
                }
            }
        }
    }
}

/// The base letter of French's accented letters, without Unicode decomposition: they are
/// most of a French text's non-ASCII characters, and decomposing each was the larger part
/// of the text rule's folding (callgrind, docs/performance.md). Others go through NFD.
fn french_letter_base(c: char) -> Option<char> {
    Some(match c {
        'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
        'ç' | 'Ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'Î' | 'Ï' => 'i',
        'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
        'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ÿ' | 'Ÿ' => 'y',
        _ => return None,
    })
}

/// Folds a string for comparison ("État des lieux" and "etat des LIEUX" fold the same).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

/// Folds a string and keeps, for each folded character, the index of the original
/// character it came from, so that a match in the folded text maps back to a column.
pub fn fold_with_map(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        fold_char(c, &mut |f| {
            out.push(f);
            map.push(i);
        });
    }
    (out, map)
}

/// A line folded once, to search several needles in it and map matches back to
/// original columns.
pub struct Folded {
    text: String,
    map: Vec<usize>,
}

impl Folded {
    pub fn new(line: &str) -> Self {
        let (text, map) = fold_with_map(line);
        Folded { text, map }
    }

    /// Every match of the automaton's (folded) patterns: pattern index, 0-based
    /// character column and length, both in original characters.
    pub fn find_all(&self, patterns: &aho_corasick::AhoCorasick) -> Vec<(usize, usize, usize)> {
        patterns
            .find_iter(&self.text)
            .map(|m| {
                let start_char = self.text[..m.start()].chars().count();
                let end_char = start_char + self.text[m.start()..m.end()].chars().count() - 1;
                let (start, end) = (self.map[start_char], self.map[end_char]);
                (m.pattern().as_usize(), start, end - start + 1)
            })
            .collect()
    }
}

/// Finds every occurrence of `needle` (already folded) in `line`.
#[cfg(test)]
fn find_folded(line: &str, needle: &str) -> Vec<(usize, usize)> {
    match aho_corasick::AhoCorasick::new([needle]) {
        Ok(ac) => Folded::new(line)
            .find_all(&ac)
            .into_iter()
            .map(|(_, c, l)| (c, l))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The closest candidate to `word`, if close enough to be a plausible typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = fold(word);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&w, &fold(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A file name slug for a title: « Job dating des métiers » → `job-dating-des-metiers`.
/// Bytes of a slug: far below the 255 bytes of a file name on every file system,
/// with room for `.md` and a numbered twin.
const MAX_SLUG: usize = 60;

pub fn slugify(title: &str) -> String {
    let s = slug::slugify(title);
    // Keep file names short enough for every file system and readable in a listing.
    let mut cut = String::new();
    for part in s.split('-') {
        if cut.is_empty() && part.len() > MAX_SLUG {
            // One word longer than the limit (slug's output is ASCII: any cut is safe).
            cut.push_str(&part[..MAX_SLUG]);
            break;
        }
        if !cut.is_empty() && cut.len() + part.len() + 1 > MAX_SLUG {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(part);
    }
    cut
}

/// Plural helper for French counts: `plural(2, "erreur", "erreurs")` → "2 erreurs".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// `text` as a terminal may show it: every control character (C0, DEL, C1) becomes a
/// visible symbol (ESC `␛`, line feed `␊`, DEL `␡`, a C1 control `�`), so dossier text
/// can neither send an escape sequence nor start a line of its own. The one function
/// every terminal output applies where dossier text (names, paths, messages) meets it.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(visible_char).collect())
}

fn visible_char(c: char) -> char {
    match c {
        // U+2400..U+241F are the Control Pictures of C0, in its order.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        c if c.is_control() => '\u{fffd}',
        c => c,
    }
}

/// A file name for a line-oriented output: as it is, or quoted with its control
/// characters escaped (`"a\nb.md"`) when it holds any, so that a name can neither span
/// two lines nor fake a finding of its own.
pub fn quoted_path(path: &str) -> Cow<'_, str> {
    if path.chars().any(char::is_control) {
        Cow::Owned(format!("{path:?}"))
    } else {
        Cow::Borrowed(path)
    }
}

/// A CSV cell a spreadsheet reads as text: one starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return would be a formula (`=HYPERLINK(…)`, `+cmd|…`), so it is
/// prefixed with `'`, as OWASP's « CSV injection » page recommends.
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_symbols() {
        assert_eq!(visible("Lycée"), "Lycée");
        assert_eq!(visible("nom\u{1b}[8m"), "nom\u{241b}[8m");
        assert_eq!(
            visible("a\nb\tc\u{7f}\u{9b}"),
            "a\u{240a}b\u{2409}c\u{2421}\u{fffd}"
        );
        assert!(matches!(visible("rien"), Cow::Borrowed(_)));
    }

    #[test]
    fn file_names_with_control_characters_are_quoted() {
        assert_eq!(quoted_path("criteres/a.md"), "criteres/a.md");
        assert_eq!(quoted_path("a\nb.md"), "\"a\\nb.md\"");
        assert_eq!(quoted_path("a\u{1b}.md"), "\"a\\u{1b}.md\"");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_prefixed() {
        for cell in [
            "=HYPERLINK(\"x\")",
            "+cmd|' /C calc'!A0",
            "-1+1",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(csv_cell(cell), format!("'{cell}"));
        }
        assert_eq!(csv_cell("Lycée = 1"), "Lycée = 1");
        assert_eq!(csv_cell("0750001A"), "0750001A");
    }

    #[test]
    fn french_letters_fold_as_their_unicode_decomposition_does() {
        for c in '\u{c0}'..='\u{17f}' {
            let Some(base) = french_letter_base(c) else {
                continue;
            };
            let decomposed: String = c
                .nfd()
                .filter(|d| !is_combining_mark(*d))
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(decomposed, base.to_string(), "{c}");
        }
        assert_eq!(fold("ÉTÉ Çà où"), "ete ca ou");
    }

    #[test]
    fn folding_ignores_case_accents_and_ligatures() {
        for (a, b) in [
            ("État des lieux", "etat des lieux"),
            ("Mise en œuvre", "mise en oeuvre"),
            ("Axes de PROGRÈS", "axes de progres"),
            ("l’action", "l'action"),
        ] {
            assert_eq!(fold(a), b);
        }
    }

    #[test]
    fn folded_matches_map_back_to_original_columns() {
        let cases = [
            ("Texte À compléter ici", "a completer", vec![(6, 11)]),
            (
                "œuvre à compléter, à COMPLÉTER",
                "a completer",
                vec![(6, 11), (19, 11)],
            ),
            ("rien", "a completer", vec![]),
        ];
        for (line, needle, want) in cases {
            assert_eq!(find_folded(line, needle), want, "{line}");
        }
    }

    #[test]
    fn suggestions_catch_typos_only() {
        let fields = ["intitule", "cible", "mesures", "unite", "sens"];
        assert_eq!(suggest("cibel", fields), Some("cible"));
        assert_eq!(suggest("mesure", fields), Some("mesures"));
        assert_eq!(suggest("zzz", fields), None);
    }

    #[test]
    fn slugs_are_ascii_and_short() {
        assert_eq!(slugify("Job dating des métiers"), "job-dating-des-metiers");
        assert_eq!(
            slugify("Sortie au théâtre : « Le Cid »"),
            "sortie-au-theatre-le-cid"
        );
        assert!(slugify(&"très long titre ".repeat(20)).len() <= 60);
    }
}
