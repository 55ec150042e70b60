//! A measure's value as schools write it: a number, a number with its unit
//! (« 13,70 M€ »), a range (« 70 à 80 % »), « NC » (not measured that year, with its
//! reason), or a text; and the one way every output shows it.

use super::front::Sens;
use crate::numfmt::{Unite, with_unit};
use schemars::JsonSchema;

/// A measure as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Valeur {
    /// A plain YAML number: `85`, `85.5`.
    Nombre(f64),
    /// A number or a range written as text, with or without its unit.
    Chiffree(Chiffree),
    /// « NC » or « non mesuré »: nothing was measured that year, with the reason written
    /// in parentheses, if any.
    NonMesure(Option<String>),
    /// A qualitative measure (« une vingtaine »).
    Texte(String),
}

/// A number or a range read from text, kept as written for display.
#[derive(Debug, Clone, PartialEq)]
pub struct Chiffree {
    /// The text as written, trimmed: what every output shows.
    pub texte: String,
    /// The lower bound (the number itself when it is not a range).
    pub bas: f64,
    /// The upper bound (equal to `bas` when it is not a range).
    pub haut: f64,
    /// The unit written after the number, if any.
    pub unite: Option<Unite>,
}

impl Chiffree {
    pub fn is_range(&self) -> bool {
        self.bas != self.haut
    }

    /// The bounds in the indicator's unit `to`: converted between units of money,
    /// as they are without a written unit; `None` when the written unit is another one.
    pub fn en(&self, to: Unite) -> Option<(f64, f64)> {
        let Some(from) = self.unite.filter(|u| *u != to) else {
            return Some((self.bas, self.haut));
        };
        let k = from.euros()? / to.euros()?;
        Some((self.bas * k, self.haut * k))
    }
}

/// The number a range is judged by (docs/format.md, « Les statuts des indicateurs »): its
/// worse bound in the wanted direction, so that a range claims no more than it shows.
pub fn juge((bas, haut): (f64, f64), sens: Sens) -> f64 {
    match sens {
        Sens::Hausse => bas,
        Sens::Baisse => haut,
    }
}

impl JsonSchema for Valeur {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Valeur".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Une mesure : un nombre (85, 85.5), un nombre avec son unité (« 13,70 M€ », « 85 % »), un intervalle (« 70 à 80 % »), « NC » ou « non mesuré » avec sa raison entre parenthèses (« NC (pas d'enquête cette année) »). Un autre texte est toléré dans une action (avertissement), jamais dans un engagement.",
            "anyOf": [{ "type": "number" }, { "type": "string" }],
        })
    }
}

/// The words that say a year was not measured, compared lowercased.
const NC: [&str; 5] = ["non mesurée", "non mesuré", "non mesure", "n.c.", "nc"];

/// « NC », « NC (raison) », « non mesuré (raison) »: the reason, if this is one.
pub fn non_mesure(text: &str) -> Option<Option<String>> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let word = NC.iter().find(|w| lower.starts_with(*w))?;
    // Lowercasing these words keeps their byte length, so the rest is cut at the same place.
    let rest = t.get(word.len()..)?.trim();
    if rest.is_empty() {
        return Some(None);
    }
    let reason = rest.strip_prefix('(')?.strip_suffix(')')?.trim();
    Some((!reason.is_empty()).then(|| reason.to_string()))
}

/// Separators of a range: « 70 à 80 », « 70-80 », « 70 – 80 ».
const RANGE: [&str; 5] = [" à ", "-", "\u{2013}", "\u{2014}", "\u{2212}"];

/// A number or a range written as text (« 13,70 M€ », « 8 750 m² », « 70 à 80 % »);
/// `None` for anything else, a number alone included (the caller reads it).
pub fn chiffree(text: &str) -> Option<Chiffree> {
    let t = text.trim();
    let (bas, haut) = split_range(t).unwrap_or((t, ""));
    let (b, ub) = with_unit_read(bas)?;
    let (h, uh) = if haut.is_empty() {
        (b, ub)
    } else {
        with_unit_read(haut)?
    };
    // « 70 à 80 % »: the unit written once applies to both bounds.
    let unite = match (ub, uh) {
        (Some(a), Some(b)) if a != b => return None,
        (a, b) => b.or(a),
    };
    let written = unite.is_some() || !haut.is_empty();
    (written && b <= h).then(|| Chiffree {
        texte: t.to_string(),
        bas: b,
        haut: h,
        unite,
    })
}

/// « 70 à » or « 70 - »: a range whose upper bound is missing.
pub fn inacheve(text: &str) -> bool {
    let t = text.trim_end();
    let head = [" à", "-", "\u{2013}", "\u{2014}"]
        .iter()
        .find_map(|s| t.strip_suffix(s));
    head.is_some_and(|h| with_unit_read(h).is_some())
}

/// The two sides of a range, at its first separator after the first character.
fn split_range(t: &str) -> Option<(&str, &str)> {
    RANGE
        .iter()
        .filter_map(|s| t.get(1..).and_then(|r| r.find(s)).map(|i| (i + 1, s.len())))
        .min()
        .map(|(i, n)| (&t[..i], &t[i + n..]))
        .filter(|(_, h)| !h.trim().is_empty())
}

/// « 8 750 m² »: a number written the French way (groups of three digits separated by a
/// space, no-break or narrow, a decimal comma or point), then an optional unit.
fn with_unit_read(text: &str) -> Option<(f64, Option<Unite>)> {
    let t = text.trim();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || " \u{a0}\u{202f}\u{2009},.".contains(*c)))
        .map_or(t.len(), |(i, _)| i);
    let (number, unit) = t.split_at(end);
    let digits: String = number
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) || digits.len() > 20 {
        return None;
    }
    let v: f64 = digits.parse().ok().filter(|v: &f64| v.is_finite())?;
    let unit = unit.trim();
    if unit.is_empty() {
        return Some((v, None));
    }
    Unite::parse(unit).map(|u| (v, Some(u)))
}

/// The one way a measure is shown in every output (check messages, progress, the
/// annex, diff): the value as written, with the indicator's unit when only the number
/// was written; « NC » with its reason; the day, when the measure is dated to the day.
pub fn ecrite(v: &Valeur, unite: Unite, jour: Option<&str>) -> String {
    let shown = match v {
        Valeur::Nombre(x) => with_unit(*x, unite),
        Valeur::Chiffree(c) if c.unite.is_none() => format!("{} {}", c.texte, suffix(unite)),
        Valeur::Chiffree(c) => c.texte.clone(),
        Valeur::NonMesure(None) => "NC".to_string(),
        Valeur::NonMesure(Some(r)) => format!("NC ({r})"),
        Valeur::Texte(t) => t.clone(),
    };
    let shown = shown.trim_end().to_string();
    match jour {
        Some(j) => format!("{shown} (le {})", crate::numfmt::date(j)),
        None => shown,
    }
}

/// What follows a number written alone: its unit's sign, nothing for a count.
fn suffix(unite: Unite) -> String {
    match unite {
        Unite::Nombre => String::new(),
        Unite::Pourcentage => "%".to_string(),
        Unite::Euros => "€".to_string(),
        Unite::Autre(c) => c.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(s: &str) -> Option<Unite> {
        Unite::parse(s)
    }

    #[test]
    fn values_with_their_unit_are_read_as_the_number() {
        for (text, bas, haut, u) in [
            ("13,70 M€", 13.7, 13.7, "M€"),
            ("85 %", 85.0, 85.0, "%"),
            ("85%", 85.0, 85.0, "%"),
            ("8\u{202f}750 m²", 8750.0, 8750.0, "m²"),
            ("8\u{a0}750 m2", 8750.0, 8750.0, "m²"),
            ("12 k€", 12.0, 12.0, "k€"),
            ("36 heures", 36.0, 36.0, "heures"),
            ("70 à 80 %", 70.0, 80.0, "%"),
            ("70-80 %", 70.0, 80.0, "%"),
            ("70 % – 80 %", 70.0, 80.0, "%"),
        ] {
            let c = chiffree(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((c.bas, c.haut, c.unite), (bas, haut, unit(u)), "{text}");
            assert_eq!(c.texte, text);
        }
        let range = chiffree("70 à 80").expect("a range without unit");
        assert_eq!((range.bas, range.haut, range.unite), (70.0, 80.0, None));
    }

    #[test]
    fn what_is_not_a_written_number_is_left_to_the_caller() {
        for text in [
            "84,6",
            "une vingtaine",
            "80 à 70 %",
            "70 % à 80 €",
            "plus de 400",
            "12 élèves 3",
            "-3 %",
            "",
        ] {
            assert_eq!(chiffree(text), None, "{text}");
        }
        assert!(inacheve("70 à"));
        assert!(inacheve("70 % -"));
        assert!(!inacheve("70 à 80"));
        assert!(!inacheve("à"));
    }

    #[test]
    fn nc_is_a_measure_state_with_its_reason() {
        assert_eq!(non_mesure("NC"), Some(None));
        assert_eq!(non_mesure(" nc "), Some(None));
        assert_eq!(non_mesure("non mesuré"), Some(None));
        assert_eq!(
            non_mesure("NC (pas d'enquête cette année)"),
            Some(Some("pas d'enquête cette année".to_string()))
        );
        assert_eq!(
            non_mesure("Non mesuré (grève)"),
            Some(Some("grève".to_string()))
        );
        assert_eq!(non_mesure("NCA"), None);
        assert_eq!(non_mesure("ncible"), None);
    }

    #[test]
    fn every_output_shows_the_value_as_written() {
        let c = |t: &str| Valeur::Chiffree(chiffree(t).unwrap());
        assert_eq!(ecrite(&c("13,70 M€"), Unite::Euros, None), "13,70 M€");
        assert_eq!(ecrite(&c("70 à 80"), Unite::Pourcentage, None), "70 à 80 %");
        assert_eq!(
            ecrite(
                &Valeur::NonMesure(Some("grève".into())),
                Unite::Nombre,
                None
            ),
            "NC (grève)"
        );
        assert_eq!(
            ecrite(&Valeur::Nombre(3.0), Unite::Nombre, Some("2005-04-06")),
            "3 (le 6 avril 2005)"
        );
        let m2 = unit("m2").unwrap();
        assert_eq!(m2.name(), "m²");
        assert_eq!(ecrite(&Valeur::Nombre(8750.0), m2, None), "8750\u{a0}m²");
    }

    #[test]
    fn units_are_short_words_or_signs_without_digits() {
        for ok in [
            "M€",
            "k€",
            "€",
            "m²",
            "heures",
            "jours",
            "élèves",
            "entreprises",
        ] {
            assert!(unit(ok).is_some(), "{ok}");
        }
        for bad in ["", "12", "h24", "a".repeat(25).as_str(), "(x)", "m2 2"] {
            assert!(unit(bad).is_none(), "{bad}");
        }
        assert_eq!(unit("€"), Some(Unite::Euros));
        assert_eq!(unit("%"), Some(Unite::Pourcentage));
        let k = chiffree("12 k€").unwrap();
        assert_eq!(k.en(Unite::Euros), Some((12000.0, 12000.0)));
        assert_eq!(k.en(Unite::Nombre), None);
        assert_eq!(k.en(unit("k€").unwrap()), Some((12.0, 12.0)));
    }
}
