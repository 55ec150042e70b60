//! Turns YAML and TOML parser errors into located French diagnostics.
//!
//! The parsers report in English with serde's stable wording; we recognise those
//! forms (unknown field, missing field, invalid type…) and say them again in French.

use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::source::Source;
use crate::text::suggest;
use serde_saphyr::MessageFormatter;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Yaml,
    Toml,
}

/// A YAML front matter error; `yaml_offset` is the number of file lines before the YAML.
pub fn yaml_error(err: &serde_saphyr::Error, src: &Source, yaml_offset: u32) -> Diagnostic {
    let msg = serde_saphyr::UserMessageFormatter.format_message(err);
    let pos = err.location().map_or(Pos::new(yaml_offset + 1, 1, 1), |l| {
        Pos::new(l.line() as u32 + yaml_offset, l.column() as u32, 1)
    });
    translate(&msg, src, pos, Lang::Yaml)
}

/// An `ldm.toml` error.
pub fn toml_error(err: &toml::de::Error, src: &Source) -> Diagnostic {
    let pos = err
        .span()
        .map_or(Pos::start(), |s| src.pos_of_byte(s.start, s.end));
    translate(err.message(), src, pos, Lang::Toml)
}

/// A parser error with what was found around its (corrected) position.
struct ParseError<'a> {
    msg: &'a str,
    lower: String,
    src: &'a Source,
    pos: Pos,
    lang: Lang,
    /// The key written before the error (`cible` in `cible: quarante`).
    field: String,
    /// The value token at the error (`quarante`).
    value: String,
    /// The value token's place, to underline it.
    spot: Pos,
}

impl<'a> ParseError<'a> {
    fn new(msg: &'a str, src: &'a Source, pos: Pos, lang: Lang) -> Self {
        let lower = msg.to_lowercase();
        let pos = match lang {
            Lang::Yaml if lower.contains("tab") => tab_line(src, pos),
            Lang::Yaml => past_end_of_line(src, pos),
            Lang::Toml => pos,
        };
        let line = src.line(pos.line).unwrap_or("");
        let value = token_at(line, pos.column);
        let spot = Pos::new(pos.line, pos.column, value.chars().count().max(1) as u32);
        ParseError {
            msg,
            field: key_before(line, pos.column),
            lower,
            src,
            pos,
            lang,
            value,
            spot,
        }
    }

    fn path(&self) -> &str {
        self.src.path.as_str()
    }
}

/// Recognises serde's wording of a parser error and says it in French as a finding of
/// the matching rule.
fn translate(msg: &str, src: &Source, pos: Pos, lang: Lang) -> Diagnostic {
    let e = ParseError::new(msg, src, pos, lang);
    let lower = e.lower.as_str();
    if lower.contains("unknown field") {
        unknown_field(&e)
    } else if lower.contains("unknown variant") {
        unknown_variant(&e)
    } else if lower.contains("missing field") {
        missing_field(&e)
    } else if lower.contains("duplicate") {
        duplicate_key(&e)
    } else if let Some(expected) = expected_kind(lower) {
        wrong_type(&e, expected)
    } else if msg.contains("ne convient pas") {
        // ldm's own deserializers (years, label periods) already say it in French.
        own_message(&e)
    } else {
        syntax(&e)
    }
}

/// `champ-inconnu`: a key the format does not have, with the closest known field.
fn unknown_field(e: &ParseError) -> Diagnostic {
    let name = between_backticks(e.msg).unwrap_or(&e.value);
    let expected = expected_list(e.msg);
    let hint = if expected.is_empty() {
        "aucun champ n'est attendu ici".to_string()
    } else {
        closest(name, &expected, "champs possibles ici")
    };
    Diagnostic::new(Rule::ChampInconnu, format!("champ inconnu « {name} »"))
        .at(e.path(), e.src.pos_on_line(e.pos.line, name))
        .help(hint)
}

/// `type-invalide`: a value outside the field's list of allowed values.
fn unknown_variant(e: &ParseError) -> Diagnostic {
    let name = between_backticks(e.msg).unwrap_or(&e.value);
    let expected = expected_list(e.msg);
    let hint = closest(name, &expected, "valeurs possibles");
    Diagnostic::new(
        Rule::TypeInvalide,
        format!("valeur « {name} » inconnue pour « {} »", e.field),
    )
    .at(e.path(), e.spot)
    .help(hint)
}

/// `champ-manquant`: a required field is absent; in YAML, reported at the start of the
/// mapping that lacks it (serde points at its last key).
fn missing_field(e: &ParseError) -> Diagnostic {
    let name = between_backticks(e.msg).unwrap_or("?");
    let (at, parent) = match e.lang {
        Lang::Yaml => mapping_start(e.src, e.pos.line),
        Lang::Toml => (e.pos, None),
    };
    let within = parent.map_or(String::new(), |p| format!(" dans « {p} »"));
    let line = match e.lang {
        Lang::Yaml => format!("{name}: …"),
        Lang::Toml => format!("{name} = …"),
    };
    Diagnostic::new(
        Rule::ChampManquant,
        format!("champ obligatoire « {name} » absent{within}"),
    )
    .at(e.path(), at)
    .help(format!(
        "ajoutez la ligne « {line} » (la liste des champs : ldm aide format)"
    ))
}

/// `cle-en-double`: the same key twice in one mapping.
fn duplicate_key(e: &ParseError) -> Diagnostic {
    let what = if e.field.is_empty() {
        &e.value
    } else {
        &e.field
    };
    Diagnostic::new(Rule::CleEnDouble, format!("« {what} » est écrit deux fois"))
        .at(e.path(), e.spot)
        .help("gardez une seule ligne pour cette clé ; pour une mesure, une seule valeur par année")
}

/// `type-invalide`: a value of the wrong kind (text for a number, a list for a text…).
fn wrong_type(e: &ParseError, expected: &'static str) -> Diagnostic {
    let what = if e.field.is_empty() {
        "cet emplacement".to_string()
    } else {
        format!("« {} »", e.field)
    };
    Diagnostic::new(
        Rule::TypeInvalide,
        format!("« {} » ne convient pas pour {what} : {expected}", e.value),
    )
    .at(e.path(), e.spot)
    .help(type_hint(expected))
}

/// `type-invalide`: a value one of ldm's deserializers refused, with its French reason
/// (« … ne convient pas : … ; indiquez … »): the reason is the message, the advice the help.
fn own_message(e: &ParseError) -> Diagnostic {
    let (message, help) = e.msg.split_once(" ; ").unwrap_or((e.msg, ""));
    let d = Diagnostic::new(Rule::TypeInvalide, message).at(e.path(), e.pos);
    if help.is_empty() { d } else { d.help(help) }
}

/// `syntaxe-invalide`: a TOML text written without quotes (`uai = 0271234V`), which
/// TOML reads as a broken number or word; the line is shown quoted.
fn unquoted_toml(e: &ParseError) -> Option<Diagnostic> {
    let line = e.src.line(e.pos.line)?;
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.trim());
    if key.is_empty() || value.is_empty() || value.contains('#') {
        return None;
    }
    if value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let quoted = format!("{key} = \"{}\"", value.replace('\\', "\\\\"));
    let reads = |l: &str| toml::from_str::<toml::Table>(l).is_ok();
    if reads(line.trim()) || !reads(&quoted) {
        return None;
    }
    let column = line
        .find(value)
        .map_or(1, |b| line[..b].chars().count() + 1) as u32;
    Some(
        Diagnostic::new(
            Rule::SyntaxeInvalide,
            format!("syntaxe TOML invalide : le texte « {value} » de « {key} » n'est pas entre guillemets"),
        )
        .at(e.path(), Pos::new(e.pos.line, column, value.chars().count() as u32))
        .help(format!("ajoutez des guillemets droits : « {quoted} »")),
    )
}

/// `syntaxe-invalide`: anything else the parser could not read.
fn syntax(e: &ParseError) -> Diagnostic {
    if e.lang == Lang::Toml
        && let Some(d) = unquoted_toml(e)
    {
        return d;
    }
    let (name, hint) = match e.lang {
        Lang::Yaml => (
            "YAML",
            "vérifiez l'indentation (des espaces, pas de tabulation), les deux-points suivis d'une espace, et mettez entre guillemets un texte qui contient « : » ou commence par un caractère spécial",
        ),
        Lang::Toml => (
            "TOML",
            "vérifiez la ligne : « cle = valeur », texte entre guillemets droits, une section par [titre]",
        ),
    };
    Diagnostic::new(
        Rule::SyntaxeInvalide,
        format!("syntaxe {name} invalide : {}", french_syntax(&e.lower)),
    )
    .at(e.path(), e.pos)
    .help(hint)
}

/// « vouliez-vous dire « x » ? Champs possibles ici : a, b » — or just the list.
pub(super) fn closest(name: &str, expected: &[String], list: &str) -> String {
    let all = expected.join(", ");
    match suggest(name, expected.iter().map(String::as_str)) {
        Some(s) => format!(
            "vouliez-vous dire « {s} » ? {}{} : {all}",
            list[..1].to_uppercase(),
            &list[1..]
        ),
        None => format!("{list} : {all}"),
    }
}

/// A tab in indentation may be reported where the scalar before it starts (plain
/// scalars can continue on the next line): point at the tab itself.
fn tab_line(src: &Source, pos: Pos) -> Pos {
    (pos.line..pos.line + 50)
        .find_map(|n| {
            let l = src.line(n)?;
            let indent: String = l.chars().take_while(|c| c.is_whitespace()).collect();
            indent
                .find('\t')
                .map(|i| Pos::new(n, indent[..i].chars().count() as u32 + 1, 1))
        })
        .unwrap_or(pos)
}

/// The YAML parser places some errors just past the end of the previous line (a tab
/// that starts the next one): point at the start of the next line instead.
fn past_end_of_line(src: &Source, pos: Pos) -> Pos {
    match src.line(pos.line) {
        Some(l) if pos.column as usize > l.chars().count() && src.line(pos.line + 1).is_some() => {
            Pos::new(pos.line + 1, 1, 1)
        }
        _ => pos,
    }
}

/// The first line of the YAML mapping that holds line `line`, and the key of its parent
/// if it has one. serde reports a missing field at the mapping's last key; the reader
/// expects the start of the block (or its parent key).
fn mapping_start(src: &Source, line: u32) -> (Pos, Option<String>) {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let cur = src.line(line).unwrap_or("");
    let want = indent(cur);
    if cur.trim_start().starts_with("- ") {
        return (Pos::new(line, 1, 1), None);
    }
    let mut first = line;
    let mut l = line;
    while l > 1 {
        let prev = src.line(l - 1).unwrap_or("");
        let t = prev.trim();
        if t == "---" {
            break;
        }
        if t.is_empty() || t.starts_with('#') || indent(prev) > want {
            l -= 1;
            continue;
        }
        if indent(prev) == want && !t.starts_with("- ") {
            first = l - 1;
            l -= 1;
            continue;
        }
        // A shallower line: either the list item that opens this mapping, or the parent key.
        if t.starts_with("- ") && indent(prev) + 2 == want {
            first = l - 1;
            let parent = src
                .line(l - 2)
                .map(|p| p.trim().trim_end_matches(':').to_string());
            return (
                Pos::new(first, 1, 1),
                parent.filter(|p| !p.is_empty() && !p.contains(' ')),
            );
        }
        let parent = t
            .split(':')
            .next()
            .unwrap_or("")
            .trim_start_matches("- ")
            .trim()
            .to_string();
        return (
            Pos::new(first, indent(src.line(first).unwrap_or("")) as u32 + 1, 1),
            Some(parent),
        );
    }
    (Pos::new(first, 1, 1), None)
}

/// What a type error expected, as a French clause, if the message is a type error.
fn expected_kind(lower: &str) -> Option<&'static str> {
    // serde-saphyr says « expected mapping start » etc. when a value has the wrong shape;
    // other type errors use serde's « invalid type/value/… » wording.
    let shape =
        lower.starts_with("expected ") && (lower.contains(" start") || lower.contains("scalar"));
    let typed = shape
        || [
            "invalid type",
            "invalid value",
            "invalid length",
            "invalid floating point",
            "invalid boolean",
            "invalid integer",
            "invalid digit",
            "invalid number",
            "did not match any variant",
        ]
        .iter()
        .any(|k| lower.contains(k));
    if !typed {
        return None;
    }
    Some(
        if lower.contains("mapping start")
            || lower.contains("expected struct")
            || lower.contains("expected a map")
        {
            "un ensemble de champs (clé: valeur) est attendu"
        } else if lower.contains("sequence") {
            "une liste est attendue"
        } else if lower.contains("boolean") || lower.contains("bool") {
            "true (oui) ou false (non) est attendu"
        } else if [
            "float", "integer", "i64", "f64", "u32", "number", "digit", "variant",
        ]
        .iter()
        .any(|k| lower.contains(k))
        {
            "un nombre est attendu"
        } else {
            "un texte est attendu"
        },
    )
}

pub(super) fn type_hint(expected: &str) -> &'static str {
    if expected.starts_with("un nombre") {
        "écrivez seulement le nombre, sans unité ni texte : « cible: 40 », « 2024: 85.5 » (pas de signe %, point décimal)"
    } else if expected.starts_with("true") {
        "écrivez true pour OUI ou false pour NON"
    } else if expected.starts_with("une liste") {
        "écrivez une liste, un élément par ligne commençant par « - », ou [a, b]"
    } else {
        "vérifiez la forme attendue pour ce champ : ldm aide format"
    }
}

fn french_syntax(lower: &str) -> String {
    let known = [
        (
            "not a finite number",
            "valeur infinie ou indéfinie (.nan, .inf) : écrivez la valeur mesurée en chiffres, ou un texte entre guillemets",
        ),
        (
            "unknown value",
            "référence « * » à une ancre « & » qui n'existe pas",
        ),
        ("alias", "référence « * » à une ancre « & » invalide"),
        (
            "end of file",
            "fin de fichier inattendue (une liste, un texte entre guillemets ou un bloc n'est pas fermé)",
        ),
        (
            "did not find expected",
            "un élément attendu manque (guillemet, crochet ou indentation)",
        ),
        (
            "mapping values are not allowed",
            "deux-points inattendus : mettez ce texte entre guillemets",
        ),
        ("tab", "tabulation interdite dans l'indentation"),
        ("indent", "indentation incorrecte"),
        ("quote", "guillemet non fermé"),
        (
            "string",
            "texte mal délimité (guillemet ou crochet non fermé)",
        ),
        ("expected", "élément inattendu à cet endroit"),
    ];
    known.iter().find(|(k, _)| lower.contains(k)).map_or_else(
        || format!("lecture impossible ({lower})"),
        |(_, fr)| fr.to_string(),
    )
}

fn between_backticks(msg: &str) -> Option<&str> {
    let start = msg.find('`')? + 1;
    let end = start + msg[start..].find('`')?;
    Some(&msg[start..end])
}

/// `…, expected one of `a`, `b` or `c`` → ["a", "b", "c"].
fn expected_list(msg: &str) -> Vec<String> {
    let Some(i) = msg.find("expected") else {
        return Vec::new();
    };
    let tail = msg[i + "expected".len()..].trim_start();
    let tail = tail.strip_prefix("one of").unwrap_or(tail);
    tail.split(',')
        .flat_map(|p| p.split(" or "))
        .map(|p| p.trim().trim_matches('`').to_string())
        .filter(|p| !p.is_empty() && !p.contains(' '))
        .collect()
}

/// The key written before column `col` on a YAML or TOML line (`cible: x` → `cible`).
fn key_before(line: &str, col: u32) -> String {
    let before: String = line.chars().take(col.saturating_sub(1) as usize).collect();
    // Skip the opening of a flow collection: in `mesures: {abc: 3}` the key is `mesures`.
    let trimmed = before
        .trim_end()
        .trim_end_matches(['{', '[', ',', ' '])
        .trim_end_matches([':', '='])
        .trim_end();
    let key: Vec<char> = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    key.into_iter().rev().collect()
}

/// The value token starting at column `col`.
fn token_at(line: &str, col: u32) -> String {
    let rest: String = line.chars().skip(col.saturating_sub(1) as usize).collect();
    let end = rest.find([',', '}', ']', '#']).unwrap_or(rest.len());
    let end = rest[..end].find(": ").unwrap_or(end);
    rest[..end].trim().trim_matches('"').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_lists_are_read_in_every_serde_form() {
        assert_eq!(
            expected_list("unknown field `x`, expected one of intitule, cible, mesures"),
            ["intitule", "cible", "mesures"]
        );
        assert_eq!(
            expected_list("unknown variant `x`, expected `hausse` or `baisse`"),
            ["hausse", "baisse"]
        );
        assert_eq!(
            expected_list("unknown field `x`, there are no fields"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn keys_and_tokens_are_found_around_the_error() {
        assert_eq!(key_before("    cible: quarante", 12), "cible");
        assert_eq!(key_before("mesures: {2021: 3, 2022: beaucoup}", 26), "2022");
        assert_eq!(token_at("    cible: quarante", 12), "quarante");
        assert_eq!(token_at("annee = \"2026\"", 9), "2026");
        assert_eq!(key_before("        mesures: {abc: 3}", 19), "mesures");
        assert_eq!(token_at("        mesures: {abc: 3}", 19), "abc");
    }

    #[test]
    fn syntax_errors_are_not_taken_for_type_errors() {
        for msg in [
            "invalid basic string",
            "unclosed quote",
            "invalid escape sequence",
        ] {
            assert_eq!(expected_kind(msg), None, "{msg}");
        }
        assert_eq!(
            expected_kind("expected sequence start"),
            Some("une liste est attendue")
        );
        assert_eq!(
            expected_kind("invalid floating point"),
            Some("un nombre est attendu")
        );
    }

    #[test]
    fn missing_fields_point_at_the_start_of_their_mapping() {
        let src = Source::new(
            "a.md",
            "---\ndenomination: x\nanimateur:\n  nom: A\n  fonction: B\npreuves: []\n---\n",
        );
        let cases = [(6, (2, None)), (5, (4, Some("animateur")))];
        for (line, (want_line, parent)) in cases {
            let (pos, p) = mapping_start(&src, line);
            assert_eq!(
                (pos.line, p.as_deref()),
                (want_line, parent),
                "from line {line}"
            );
        }
    }
}
