//! Where the cursor is in a dossier file, as completion and hover need it: a field name
//! or a field's value in a front matter or in `ldm.toml` (with the path of fields that
//! leads there), a heading in a fiche's body. A line scan, since the text being typed is
//! seldom valid YAML or TOML.

/// The place of the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Typing a field name under `path`; `from` is where the name starts (a byte).
    Key {
        path: Vec<String>,
        from: usize,
    },
    /// Typing the value (or a list element) of field `path`; `from` is where the value
    /// starts, after an opening quote when there is one (`quoted`).
    Value {
        path: Vec<String>,
        from: usize,
        quoted: bool,
    },
    /// Typing a heading of `level` (`#` count) in a Markdown body; `from` is the line's
    /// start.
    Heading {
        level: usize,
        from: usize,
    },
    Elsewhere,
}

/// The place of byte `at` of `text`, a `.md` (front matter and body) or TOML file.
pub fn place(text: &str, at: usize, toml: bool) -> Place {
    let at = floor_boundary(text, at);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before: Vec<&str> = text[..line_start].lines().collect();
    let prefix = &text[line_start..at];
    if toml {
        return toml_place(&before, prefix, line_start);
    }
    match front_matter_lines(text, before.len()) {
        Some(true) => yaml_place(&before, prefix, line_start),
        Some(false) => Place::Elsewhere,
        None => heading(prefix, line_start),
    }
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether 0-based line `n` is inside the front matter (`Some(true)`), one of its
/// `---` lines (`Some(false)`), or in the body (`None`).
fn front_matter_lines(text: &str, n: usize) -> Option<bool> {
    let mut lines = text.lines();
    if lines
        .next()
        .map(|l| l.trim_start_matches('\u{feff}').trim_end())
        != Some("---")
    {
        return None;
    }
    if n == 0 {
        return Some(false);
    }
    let end = lines
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map(|i| i + 1);
    match end {
        Some(e) if n == e => Some(false),
        Some(e) if n > e => None,
        _ => Some(true),
    }
}

/// A YAML line cut into its key column (indentation and `- ` markers) and the rest.
fn yaml_line(line: &str) -> (usize, &str) {
    let mut col = line.len() - line.trim_start_matches(' ').len();
    while let Some(rest) = line[col..].strip_prefix('-') {
        if rest.is_empty() || rest.starts_with(' ') {
            col += 1 + (rest.len() - rest.trim_start_matches(' ').len());
        } else {
            break;
        }
    }
    (col, &line[col..])
}

/// `key:` alone on its line (a mapping or list follows): the key.
fn parent_key(rest: &str) -> Option<&str> {
    let (key, after) = rest.split_once(':')?;
    let after = after.trim();
    (is_name(key) && (after.is_empty() || after.starts_with('#'))).then_some(key)
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The keys leading to a line whose key sits at column `col`: each line above with a
/// smaller key column that opens a block.
fn yaml_path(before: &[&str], mut col: usize) -> Vec<String> {
    let mut path = Vec::new();
    for line in before.iter().rev() {
        if col == 0 {
            break;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (c, rest) = yaml_line(line);
        if c < col
            && let Some(key) = parent_key(rest)
        {
            path.push(key.to_string());
            col = c;
        }
    }
    path.reverse();
    path
}

fn yaml_place(before: &[&str], prefix: &str, line_start: usize) -> Place {
    let (col, rest) = yaml_line(prefix);
    let mut path = yaml_path(before, col);
    if let Some((key, value)) = rest.split_once(':') {
        if !is_name(key) {
            return Place::Elsewhere;
        }
        path.push(key.to_string());
        let offset = line_start + col + key.len() + 1;
        return value_place(path, value, offset);
    }
    let dash = prefix[..col].contains('-');
    match path.last() {
        // `- x` under a list of plain values (`exigences:`, `preuves:`) is a value.
        Some(last) if dash && plain_list(last) => value_place(path, rest, line_start + col),
        _ if is_name(rest) || rest.is_empty() => Place::Key {
            path,
            from: line_start + col,
        },
        _ => Place::Elsewhere,
    }
}

/// Whether the list under `key` holds plain values rather than mappings (the schemas'
/// lists of strings or numbers in a front matter).
fn plain_list(key: &str) -> bool {
    matches!(key, "exigences" | "preuves" | "criteres_associes")
}

/// The value being typed after `key:` (or `key =`) at byte `offset`: the last element
/// of a flow list, without an opening quote.
fn value_place(path: Vec<String>, value: &str, offset: usize) -> Place {
    let cut = value.rfind(['[', ',', '{']).map_or(0, |i| i + 1);
    let element = &value[cut..];
    let lead = element.len() - element.trim_start().len();
    let element = element.trim_start();
    let quoted = element.starts_with(['"', '\'']);
    Place::Value {
        path,
        from: offset + cut + lead + usize::from(quoted),
        quoted,
    }
}

fn toml_place(before: &[&str], prefix: &str, line_start: usize) -> Place {
    let section: Vec<String> = before
        .iter()
        .rev()
        .find_map(|l| {
            let l = l.trim();
            let inner = l.strip_prefix("[[").and_then(|l| l.strip_suffix("]]"));
            inner.or_else(|| l.strip_prefix('[').and_then(|l| l.strip_suffix(']')))
        })
        .map(|s| s.split('.').map(|p| p.trim().to_string()).collect())
        .unwrap_or_default();
    let indent = prefix.len() - prefix.trim_start().len();
    let rest = prefix.trim_start();
    if let Some((key, value)) = rest.split_once('=') {
        let key = key.trim();
        if !is_name(key) {
            return Place::Elsewhere;
        }
        let mut path = section;
        path.push(key.to_string());
        return value_place(
            path,
            value,
            line_start + indent + rest.find('=').unwrap_or(0) + 1,
        );
    }
    // Top-level names are tables (`[candidature]`), not keys to complete.
    if section.is_empty() || !(rest.is_empty() || is_name(rest)) {
        return Place::Elsewhere;
    }
    Place::Key {
        path: section,
        from: line_start + indent,
    }
}

fn heading(prefix: &str, line_start: usize) -> Place {
    let level = prefix.len() - prefix.trim_start_matches('#').len();
    if level == 0 || level > 2 {
        return Place::Elsewhere;
    }
    Place::Heading {
        level,
        from: line_start,
    }
}

/// The field names already written beside the one being typed at byte `at` (the same
/// mapping: the front matter's top level, one list item, one TOML table), so completion
/// leaves them out. The cursor's own line is not counted.
pub fn siblings(text: &str, at: usize, toml: bool) -> Vec<String> {
    let at = floor_boundary(text, at);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let before: Vec<&str> = text[..line_start].lines().collect();
    let after: Vec<&str> = text[(line_end + 1).min(text.len())..].lines().collect();
    if toml {
        return toml_siblings(&before, &after);
    }
    let prefix = &text[line_start..at];
    let (col, _) = yaml_line(prefix);
    let item_start = prefix[..col].contains('-');
    let mut keys = Vec::new();
    if !item_start {
        // Upwards to the line that opens the mapping (a smaller column, or this item's `- `).
        for line in before.iter().rev() {
            match yaml_key_at(line, col) {
                Step::Stop => break,
                Step::Skip => {}
                Step::Key(k, dash) => {
                    keys.push(k);
                    if dash {
                        break;
                    }
                }
            }
        }
    }
    // Downwards to the next item or the end of the mapping.
    for line in after {
        match yaml_key_at(line, col) {
            Step::Stop | Step::Key(_, true) => break,
            Step::Skip => {}
            Step::Key(k, false) => keys.push(k),
        }
    }
    keys
}

/// What a line means for the mapping whose keys sit at column `col`.
enum Step {
    /// Outside it: a key further left, or the end of the front matter.
    Stop,
    /// Blank, a comment, or nested deeper.
    Skip,
    /// One of its keys; `true` when the line starts a list item (`- key:`).
    Key(String, bool),
}

fn yaml_key_at(line: &str, col: usize) -> Step {
    if matches!(line.trim_end(), "---" | "...") {
        return Step::Stop;
    }
    if line.trim().is_empty() || line.trim_start().starts_with('#') {
        return Step::Skip;
    }
    let (c, rest) = yaml_line(line);
    let dash = line[..c].contains('-');
    match (c.cmp(&col), rest.split_once(':')) {
        (std::cmp::Ordering::Less, _) => Step::Stop,
        (std::cmp::Ordering::Equal, Some((key, _))) if is_name(key) => {
            Step::Key(key.to_string(), dash)
        }
        (std::cmp::Ordering::Equal, _) if dash => Step::Stop,
        _ => Step::Skip,
    }
}

/// The keys of the TOML table the cursor is in, above and below its line.
fn toml_siblings(before: &[&str], after: &[&str]) -> Vec<String> {
    let header = |l: &str| l.trim_start().starts_with('[');
    let key = |l: &str| {
        let (k, _) = l.split_once('=')?;
        let k = k.trim();
        is_name(k).then(|| k.to_string())
    };
    let above = before.iter().rev().take_while(|l| !header(l));
    let below = after.iter().take_while(|l| !header(l));
    above.chain(below).filter_map(|l| key(l)).collect()
}

/// The word under byte `at` (letters, digits, `.`, `_`, `-`, `/`): a requirement id,
/// a field name, an evidence path; with its byte range.
pub fn word(text: &str, at: usize) -> Option<(&str, std::ops::Range<usize>)> {
    let at = floor_boundary(text, at);
    let part = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/');
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| part(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .find(|c: char| !part(c))
        .map_or(text.len(), |i| at + i);
    let w = text[start..end].trim_end_matches('.');
    (!w.is_empty()).then(|| (w, start..start + w.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FICHE: &str = "---\ndenomination: \"x\"\nexigences: [\"4.1\", \"4.\nobjectifs:\n  - intitule: \"o\"\n    indicateurs:\n      - intitule: \"i\"\n        un\n        unite: po\npreuves:\n  - preuves/\n---\n\n# Desc\n## Mo\n";

    fn at(text: &str, line: usize, end_of: &str) -> usize {
        let start: usize = text.lines().take(line).map(|l| l.len() + 1).sum();
        start + text.lines().nth(line).unwrap().find(end_of).unwrap() + end_of.len()
    }

    #[test]
    fn the_place_of_the_cursor_in_a_fiche() {
        let path = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let p = place(FICHE, at(FICHE, 2, "\"4.1\", \"4."), false);
        assert_eq!(
            p,
            Place::Value {
                path: path(&["exigences"]),
                from: at(FICHE, 2, ", \""),
                quoted: true
            }
        );
        let p = place(FICHE, at(FICHE, 7, "un"), false);
        assert_eq!(
            p,
            Place::Key {
                path: path(&["objectifs", "indicateurs"]),
                from: at(FICHE, 7, "        ")
            }
        );
        let p = place(FICHE, at(FICHE, 8, "po"), false);
        assert!(
            matches!(p, Place::Value { ref path, quoted: false, .. } if path == &["objectifs", "indicateurs", "unite"])
        );
        let p = place(FICHE, at(FICHE, 10, "preuves/"), false);
        assert!(matches!(p, Place::Value { ref path, .. } if path == &["preuves"]));
        let p = place(FICHE, at(FICHE, 4, "  - int"), false);
        assert!(matches!(p, Place::Key { ref path, .. } if path == &["objectifs"]));
        assert_eq!(
            place(FICHE, at(FICHE, 13, "# Desc"), false),
            Place::Heading {
                level: 1,
                from: FICHE.find("# Desc").unwrap()
            }
        );
        assert!(matches!(
            place(FICHE, at(FICHE, 14, "## Mo"), false),
            Place::Heading { level: 2, .. }
        ));
        assert_eq!(place(FICHE, 2, false), Place::Elsewhere);
    }

    #[test]
    fn the_place_of_the_cursor_in_ldm_toml() {
        let toml = "[etablissement]\nnom = \"x\"\nstatut = \"pu\n\n[candidature]\nna";
        let p = place(toml, toml.find("pu").unwrap() + 2, true);
        assert!(
            matches!(p, Place::Value { ref path, quoted: true, .. } if path == &["etablissement", "statut"])
        );
        let p = place(toml, toml.len(), true);
        assert!(matches!(p, Place::Key { ref path, .. } if path == &["candidature"]));
    }

    #[test]
    fn the_fields_already_written_beside_the_cursor() {
        let sorted = |text: &str, at: usize, toml: bool| {
            let mut v = siblings(text, at, toml);
            v.sort();
            v
        };
        // The top level: every key at column 0 of the front matter, above and below.
        let top = sorted(FICHE, at(FICHE, 2, "\"4.1\", \"4."), false);
        assert_eq!(top, ["denomination", "objectifs", "preuves"]);
        // Inside an indicator: its own keys, not its objective's nor the next item's.
        let fiche = "---\nobjectifs:\n  - intitule: \"o\"\n    indicateurs:\n      - intitule: \"i\"\n        cible: 3\n        \n        mesures: {2024: 1}\n      - intitule: \"j\"\n        sens: baisse\n  - intitule: \"p\"\n---\n";
        let cursor = fiche.find("        \n").unwrap() + 8;
        assert_eq!(
            sorted(fiche, cursor, false),
            ["cible", "intitule", "mesures"]
        );
        // Starting a new item (`- `): nothing of the items above.
        let item = "---\nobjectifs:\n  - intitule: \"o\"\n  - \n---\n";
        assert!(sorted(item, item.find("  - \n").unwrap() + 4, false).is_empty());
        let toml = "[etablissement]\nnom = \"x\"\n\nuai = \"1\"\n[candidature]\nannee = 2026\n";
        let cursor = toml.find("\n\nuai").unwrap() + 1;
        assert_eq!(sorted(toml, cursor, true), ["nom", "uai"]);
    }

    #[test]
    fn words_under_the_cursor() {
        let t = "exigences: [\"4.12\", 5.1]";
        assert_eq!(word(t, t.find("12").unwrap()).unwrap().0, "4.12");
        assert_eq!(word(t, t.find("5.1").unwrap() + 3).unwrap().0, "5.1");
        assert_eq!(word(t, 3).unwrap().0, "exigences");
    }
}
