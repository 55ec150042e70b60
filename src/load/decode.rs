//! Decodes a spanned YAML tree into typed values, reporting every problem it meets.
//!
//! Each field is decoded on its own and a wrong one is a finding, not a stop: unknown
//! fields, duplicate keys, wrong types, bad values and missing fields of one front
//! matter all come out of one run, each at its own place. The front matter types
//! implement `Decode` in `load::front`.

use super::errors::{closest, type_hint};
use super::yaml::{Kind, Node};
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::front::Sp;
use crate::source::Source;

pub const TEXTE: &str = "un texte est attendu";
pub const NOMBRE: &str = "un nombre est attendu";
pub const BOOLEEN: &str = "true (oui) ou false (non) est attendu";
pub const LISTE: &str = "une liste est attendue";
pub const CHAMPS: &str = "un ensemble de champs (clé: valeur) est attendu";

/// The findings of one front matter, and its text to quote values.
pub struct Cx<'a> {
    pub src: &'a Source,
    pub diags: Vec<Diagnostic>,
}

/// A value that can be read from a node; `field` names it in messages (its key, or the
/// key of the list or mapping it belongs to). `None` after pushing a finding.
pub trait Decode: Sized {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self>;
}

impl Cx<'_> {
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// `type-invalide`: `n` is not the kind of value `field` takes.
    pub fn wrong(&mut self, n: &Node, field: &str, expected: &str) {
        let hint = type_hint(expected);
        self.wrong_with(n, field, expected, hint);
    }

    /// `type-invalide` with a hint of the caller's.
    pub fn wrong_with(&mut self, n: &Node, field: &str, expected: &str, hint: &str) {
        let what = if field.is_empty() {
            "cet emplacement".to_string()
        } else {
            format!("« {field} »")
        };
        let message = if n.is_null() {
            format!("{what} n'a pas de valeur : {expected}")
        } else {
            format!(
                "« {} » ne convient pas pour {what} : {expected}",
                self.shown(n)
            )
        };
        let d = Diagnostic::new(Rule::TypeInvalide, message)
            .at(&self.src.path, n.pos)
            .help(hint);
        self.push(d);
    }

    /// A node as the writer sees it: a scalar's value, else its first line as written.
    pub fn shown(&self, n: &Node) -> String {
        if let Some(text) = n.scalar() {
            return text.lines().next().unwrap_or("").to_string();
        }
        let line = self.src.line(n.pos.line).unwrap_or("");
        let from: String = line.chars().skip(n.pos.column as usize - 1).collect();
        let shown: String = if n.flow {
            from.chars().take(n.pos.len as usize).collect()
        } else {
            from
        };
        shown.trim().to_string()
    }
}

impl Decode for String {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        match n.scalar() {
            Some(text) if !n.is_null() => Some(text.to_string()),
            _ => {
                cx.wrong(n, field, TEXTE);
                None
            }
        }
    }
}

impl Decode for i64 {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let v = n.scalar().and_then(|t| t.trim().parse().ok());
        if v.is_none() {
            cx.wrong_with(n, field, NOMBRE, number_hint(n.scalar().unwrap_or("")));
        }
        v
    }
}

impl Decode for f64 {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let v = n.scalar().and_then(number);
        if v.is_none() {
            cx.wrong_with(n, field, NOMBRE, number_hint(n.scalar().unwrap_or("")));
        }
        v
    }
}

impl Decode for bool {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let t = n.scalar().unwrap_or("").trim();
        // A teacher writes « oui » / « non » as the official table does.
        let v = ["false", "true", "non", "oui"]
            .iter()
            .position(|b| t.eq_ignore_ascii_case(b))
            .map(|i| i % 2 == 1);
        if v.is_none() {
            cx.wrong(n, field, BOOLEEN);
        }
        v
    }
}

impl<T: Decode> Decode for Sp<T> {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        T::decode(n, cx, field).map(|value| Sp { value, pos: n.pos })
    }
}

impl<T: Decode> Decode for Vec<T> {
    /// Every item is decoded, so each wrong one is reported.
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let Kind::Seq(items) = &n.kind else {
            cx.wrong(n, field, LISTE);
            return None;
        };
        let decoded: Vec<Option<T>> = items.iter().map(|i| T::decode(i, cx, field)).collect();
        decoded.into_iter().collect()
    }
}

/// A finite number written the YAML way (`40`, `85.5`, `1e3`), quoted or not.
pub fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    let looks = t.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
    looks
        .then(|| t.parse::<f64>().ok())
        .flatten()
        .filter(|v| v.is_finite())
}

/// What to write instead of a text that was meant as a number.
pub fn number_hint(text: &str) -> &'static str {
    let t = text.trim();
    let digits_then = |sep: char| {
        t.split_once(sep).is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.chars().all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
        })
    };
    if digits_then(',') {
        "écrivez la décimale avec un point, « 84.6 », pas une virgule ; une mesure écrite avec son unité garde sa virgule, « 84,6 % »"
    } else if t.ends_with('%') && number(t.trim_end_matches('%')).is_some() {
        "écrivez le nombre seul, sans « % » : « cible: 80 », « 2024: 15 » ; le pourcentage se dit une fois par « unite: pourcentage »"
    } else {
        type_hint(NOMBRE)
    }
}

/// A text that is a number written with a unit or a decimal comma (`15 %`, `84,6`):
/// a mistake in a measure, never a qualitative measure.
pub fn misspelt_number(text: &str) -> bool {
    number_hint(text) != type_hint(NOMBRE)
}

/// One of a closed list of values (`unite`, `sens`), each spelt as serde does.
pub fn variant<T: Copy>(n: &Node, cx: &mut Cx, field: &str, values: &[(&str, T)]) -> Option<T> {
    let Some(text) = n.scalar().filter(|_| !n.is_null()) else {
        cx.wrong(n, field, TEXTE);
        return None;
    };
    let found = values.iter().find(|(name, _)| *name == text).map(|v| v.1);
    if found.is_none() {
        let names: Vec<String> = values.iter().map(|(s, _)| s.to_string()).collect();
        let d = Diagnostic::new(
            Rule::TypeInvalide,
            format!("valeur « {text} » inconnue pour « {field} »"),
        )
        .at(&cx.src.path, n.pos)
        .help(closest(text, &names, "valeurs possibles"));
        cx.push(d);
    }
    found
}

/// The fields of one mapping, checked against the names the format allows.
pub struct Fields<'n> {
    node: &'n Node,
    /// The key this mapping is the value of, for « absent dans « … » ».
    within: String,
    entries: Vec<(&'n Node, &'n Node)>,
}

impl<'n> Fields<'n> {
    /// Reads the mapping `n` of `field`: unknown and repeated keys are reported here.
    /// `hint` explains the expected shape when `n` is not a mapping.
    pub fn of(n: &'n Node, cx: &mut Cx, field: &str, known: &[&str], hint: &str) -> Option<Self> {
        let Kind::Map(entries) = &n.kind else {
            cx.wrong_with(n, field, CHAMPS, hint);
            return None;
        };
        let mut kept: Vec<(&Node, &Node)> = Vec::new();
        for (k, v) in entries {
            let name = k.scalar().unwrap_or("");
            if kept.iter().any(|(seen, _)| seen.scalar() == Some(name)) {
                cx.push(duplicate(
                    cx.src,
                    k,
                    &format!("« {name} » est écrit deux fois"),
                ));
            } else if known.contains(&name) {
                kept.push((k, v));
            } else {
                cx.push(unknown_field(cx.src, k, name, known));
            }
        }
        Some(Fields {
            node: n,
            within: field.to_string(),
            entries: kept,
        })
    }

    fn get(&self, name: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(name))
            .map(|(_, v)| *v)
    }

    /// An optional field: absent or empty is `None`.
    pub fn opt<T: Decode>(&self, cx: &mut Cx, name: &str) -> Result<Option<T>, ()> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if v.is_null() => Ok(None),
            Some(v) => T::decode(v, cx, name).map(Some).ok_or(()),
        }
    }

    /// A list that may be left out (empty then).
    pub fn list<T: Decode>(&self, cx: &mut Cx, name: &str) -> Option<Vec<T>> {
        match self.get(name) {
            None => Some(Vec::new()),
            Some(v) => Vec::<T>::decode(v, cx, name),
        }
    }

    /// A required field: `champ-manquant` at the start of the mapping when absent.
    pub fn req<T: Decode>(&self, cx: &mut Cx, name: &str) -> Option<T> {
        match self.get(name) {
            Some(v) => T::decode(v, cx, name),
            None => {
                cx.push(self.missing(cx.src, name));
                None
            }
        }
    }

    fn missing(&self, src: &Source, name: &str) -> Diagnostic {
        let at = match &self.node.kind {
            Kind::Map(entries) if !entries.is_empty() => {
                Pos::new(entries[0].0.pos.line, entries[0].0.pos.column, 1)
            }
            _ => self.node.pos,
        };
        let within = if self.within.is_empty() {
            String::new()
        } else {
            format!(" dans « {} »", self.within)
        };
        Diagnostic::new(
            Rule::ChampManquant,
            format!("champ obligatoire « {name} » absent{within}"),
        )
        .at(&src.path, at)
        .help(format!(
            "ajoutez la ligne « {name}: … » (la liste des champs : ldm aide format)"
        ))
    }
}

/// `cle-en-double` at the second writing of a key.
pub fn duplicate(src: &Source, key: &Node, message: &str) -> Diagnostic {
    Diagnostic::new(Rule::CleEnDouble, message)
        .at(&src.path, key.pos)
        .help("gardez une seule ligne pour cette clé ; pour une mesure, une seule valeur par année")
}

/// `champ-inconnu` at the key, with the closest known field.
fn unknown_field(src: &Source, key: &Node, name: &str, known: &[&str]) -> Diagnostic {
    let hint = if known.is_empty() {
        "aucun champ n'est attendu ici".to_string()
    } else {
        let names: Vec<String> = known.iter().map(|s| s.to_string()).collect();
        closest(name, &names, "champs possibles ici")
    };
    Diagnostic::new(Rule::ChampInconnu, format!("champ inconnu « {name} »"))
        .at(&src.path, key.pos)
        .help(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_the_yaml_way_and_misspelt_ones_get_a_hint() {
        assert_eq!(number("85.5"), Some(85.5));
        assert_eq!(number(" 40 "), Some(40.0));
        assert_eq!(number("inf"), None);
        assert_eq!(number("84,6"), None);
        assert!(misspelt_number("84,6"));
        assert!(misspelt_number("15 %"));
        assert!(misspelt_number("80%"));
        assert!(!misspelt_number("en place"));
        assert!(number_hint("84,6").contains("« 84.6 »"));
    }
}
