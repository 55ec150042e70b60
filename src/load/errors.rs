//! Turns YAML and TOML parser errors into located French diagnostics.
//!
//! The parsers report in English with serde's stable wording; we recognise those
//! forms (unknown field, missing field, invalid type…) and say them again in French.

use crate::diagnostic::{Diagnostic, Pos};
use crate::source::Source;
use crate::text::suggest;
use serde_saphyr::MessageFormatter;

/// A YAML front matter error; `yaml_offset` is the number of file lines before the YAML.
pub fn yaml_error(err: &serde_saphyr::Error, src: &Source, yaml_offset: u32) -> Diagnostic {
    let msg = serde_saphyr::UserMessageFormatter.format_message(err);
    let pos = err.location().map_or(Pos::new(yaml_offset + 1, 1, 1), |l| {
        Pos::new(l.line() as u32 + yaml_offset, l.column() as u32, 1)
    });
    translate(&msg, src, pos, "YAML")
}

/// An `ldm.toml` error.
pub fn toml_error(err: &toml::de::Error, src: &Source) -> Diagnostic {
    let pos = err
        .span()
        .map_or(Pos::start(), |s| src.pos_of_byte(s.start, s.end));
    translate(err.message(), src, pos, "TOML")
}

fn translate(msg: &str, src: &Source, pos: Pos, lang: &str) -> Diagnostic {
    let line = src.line(pos.line).unwrap_or("");
    let field = key_before(line, pos.column);
    let value = token_at(line, pos.column);
    let spot = Pos::new(pos.line, pos.column, value.chars().count().max(1) as u32);
    let lower = msg.to_lowercase();
    if lower.contains("unknown field") {
        let name = between_backticks(msg).unwrap_or(&value);
        let expected = expected_list(msg);
        let spot = src.pos_on_line(pos.line, name);
        let mut d = Diagnostic::new("champ-inconnu", format!("champ inconnu « {name} »"))
            .at(&src.path, spot);
        d.help = Some(match suggest(name, expected.iter().map(String::as_str)) {
            Some(s) => format!(
                "vouliez-vous dire « {s} » ? Champs possibles ici : {}",
                expected.join(", ")
            ),
            None if expected.is_empty() => "aucun champ n'est attendu ici".to_string(),
            None => format!("champs possibles ici : {}", expected.join(", ")),
        });
        d
    } else if lower.contains("unknown variant") {
        let name = between_backticks(msg).unwrap_or(&value);
        let expected = expected_list(msg);
        let hint = match suggest(name, expected.iter().map(String::as_str)) {
            Some(s) => format!(
                "vouliez-vous dire « {s} » ? Valeurs possibles : {}",
                expected.join(", ")
            ),
            None => format!("valeurs possibles : {}", expected.join(", ")),
        };
        Diagnostic::new(
            "type-invalide",
            format!("valeur « {name} » inconnue pour « {field} »"),
        )
        .at(&src.path, spot)
        .help(hint)
    } else if lower.contains("missing field") {
        let name = between_backticks(msg).unwrap_or("?");
        Diagnostic::new(
            "champ-manquant",
            format!("champ obligatoire « {name} » absent"),
        )
        .at(&src.path, pos)
        .help(format!(
            "ajoutez la ligne « {name}: … » (voir docs/format.md)"
        ))
    } else if lower.contains("duplicate") {
        Diagnostic::new(
            "cle-en-double",
            format!(
                "« {} » est écrit deux fois",
                if field.is_empty() { &value } else { &field }
            ),
        )
        .at(&src.path, spot)
        .help("gardez une seule ligne pour cette clé ; pour une mesure, une seule valeur par année")
    } else if let Some(expected) = expected_kind(&lower) {
        let what = if field.is_empty() {
            "cette valeur".to_string()
        } else {
            format!("« {field} »")
        };
        Diagnostic::new(
            "type-invalide",
            format!("« {value} » ne convient pas pour {what} : {expected} est attendu"),
        )
        .at(&src.path, spot)
        .help(type_hint(expected))
    } else {
        Diagnostic::new("syntaxe-invalide", format!("syntaxe {lang} invalide : {}", french_syntax(&lower)))
            .at(&src.path, pos)
            .help(if lang == "YAML" {
                "vérifiez l'indentation (des espaces, pas de tabulation), les deux-points suivis d'une espace, et mettez entre guillemets un texte qui contient « : » ou commence par un caractère spécial"
            } else {
                "vérifiez la ligne : « cle = valeur », texte entre guillemets droits, une section par [titre]"
            })
    }
}

/// What a type error expected, in French, if the message is a type error.
fn expected_kind(lower: &str) -> Option<&'static str> {
    // serde-saphyr says « expected mapping start » etc. when a value has the wrong shape.
    let shape =
        lower.starts_with("expected ") && (lower.contains(" start") || lower.contains("scalar"));
    let typed = shape
        || lower.starts_with("invalid")
        || lower.contains("invalid type")
        || lower.contains("did not match any variant");
    if !typed {
        return None;
    }
    Some(if lower.contains("mapping start") {
        "un ensemble de champs (clé: valeur)"
    } else if lower.contains("sequence start") {
        "une liste"
    } else if lower.contains("string scalar") {
        "un texte"
    } else if lower.contains("boolean") || lower.contains("bool") {
        "true (oui) ou false (non)"
    } else if lower.contains("float")
        || lower.contains("integer")
        || lower.contains("i64")
        || lower.contains("f64")
        || lower.contains("number")
        || lower.contains("variant")
    {
        "un nombre"
    } else if lower.contains("sequence") {
        "une liste"
    } else if lower.contains("map") || lower.contains("struct") {
        "un ensemble de champs (clé: valeur)"
    } else {
        "un texte"
    })
}

fn type_hint(expected: &str) -> &'static str {
    match expected {
        "un nombre" => {
            "écrivez seulement le nombre, sans unité ni texte : « cible: 40 », « 2024: 85.5 » (pas de signe %, point décimal)"
        }
        "true (oui) ou false (non)" => "écrivez true pour OUI ou false pour NON",
        "une liste" => "écrivez une liste, un élément par ligne commençant par « - », ou [a, b]",
        _ => "vérifiez la forme attendue pour ce champ dans docs/format.md",
    }
}

fn french_syntax(lower: &str) -> String {
    let known = [
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
    let key: String = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    key
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
}
