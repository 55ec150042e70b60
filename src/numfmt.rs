//! Numbers and units as French readers write them, shared by every stage that shows a value.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The unit of an indicator's measures. It lives here, below the model, because
/// formatting a value needs it; `model::front` re-exports it. The three named units keep
/// their behaviour (bounds of a percentage, « € » after an amount); any other short unit a
/// school uses (« M€ », « m² », « heures ») is `Autre`, shown after the number as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unite {
    Nombre,
    Pourcentage,
    Euros,
    Autre(Court),
}

/// Longest unit accepted, in characters: « entreprises partenaires » fits, a sentence does not.
pub const UNITE_MAX: usize = 24;

/// A short unit, stored inline so that `Unite` stays `Copy` (at most `UNITE_MAX`
/// characters of at most 2 bytes each, or fewer wider ones).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Court {
    len: u8,
    bytes: [u8; 2 * UNITE_MAX],
}

impl Court {
    pub fn as_str(&self) -> &str {
        // Only built from a `&str` cut at a character boundary (`Unite::parse`).
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl std::fmt::Debug for Court {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a written unit is refused, in French (after « ne convient pas : »).
pub const UNITE_FORME: &str = "une unité courte est attendue : des lettres ou des symboles (€, %, m²), sans chiffre, 24 caractères au plus";

impl Unite {
    /// The name written in front matter and in JSON outputs.
    pub fn name(&self) -> &str {
        match self {
            Unite::Nombre => "nombre",
            Unite::Pourcentage => "pourcentage",
            Unite::Euros => "euros",
            Unite::Autre(c) => c.as_str(),
        }
    }

    /// Reads a unit as a school writes it: a named one (« nombre », « pourcentage » or
    /// « % », « euros » or « € »), or any short unit (`UNITE_FORME`); `m2`, `m3` are read
    /// as « m² », « m³ ». `None` when the text is not a unit.
    pub fn parse(text: &str) -> Option<Unite> {
        let t = text.trim();
        match t.to_lowercase().as_str() {
            "nombre" => return Some(Unite::Nombre),
            "pourcentage" | "%" => return Some(Unite::Pourcentage),
            "euros" | "euro" | "€" => return Some(Unite::Euros),
            _ => {}
        }
        let t = match t.strip_suffix(['2', '3']) {
            Some(head) if head.ends_with(char::is_alphabetic) => {
                format!("{head}{}", if t.ends_with('2') { '²' } else { '³' })
            }
            _ => t.to_string(),
        };
        let allowed = |c: char| c.is_alphabetic() || " \u{a0}\u{202f}'’./-€%²³$£".contains(c);
        let symbol = |c: char| c.is_alphabetic() || "€%$£".contains(c);
        let n = t.chars().count();
        let ok = (1..=UNITE_MAX).contains(&n)
            && t.len() <= 2 * UNITE_MAX
            && t.chars().all(allowed)
            && t.chars().any(symbol);
        ok.then(|| {
            let mut bytes = [0; 2 * UNITE_MAX];
            bytes[..t.len()].copy_from_slice(t.as_bytes());
            Unite::Autre(Court {
                len: t.len() as u8,
                bytes,
            })
        })
    }

    /// How many euros one of this unit is worth, for the units of money (« € », « k€ »,
    /// « M€ »): a measure written in one of them converts to another.
    pub fn euros(&self) -> Option<f64> {
        match self {
            Unite::Euros => Some(1.0),
            Unite::Autre(c) => match c.as_str() {
                "k€" | "K€" => Some(1e3),
                "M€" => Some(1e6),
                "Md€" | "G€" => Some(1e9),
                _ => None,
            },
            _ => None,
        }
    }
}

impl Serialize for Unite {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Unite {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Unite::parse(&text).ok_or_else(|| serde::de::Error::custom(UNITE_FORME))
    }
}

impl JsonSchema for Unite {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Unite".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Unité des mesures (par défaut : nombre) : nombre, pourcentage, euros, ou toute unité courte (« M€ », « k€ », « m² », « heures », « élèves »), sans chiffre, 24 caractères au plus.",
            "anyOf": [
                { "type": "string", "enum": ["nombre", "pourcentage", "euros"] },
                { "type": "string", "minLength": 1, "maxLength": UNITE_MAX, "pattern": "^[^0-9]*[0-9]?$" }
            ],
        })
    }
}

/// Largest value worth computing with: far above any real measure, far below where
/// sums and differences of two values overflow to infinity.
pub const MAX_VALUE: f64 = 1e15;

/// Whether a value can be shown, compared and drawn: finite and of a sane size.
pub fn plausible(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAX_VALUE
}

/// A number as French readers write it: no trailing `.0`, a decimal comma.
pub fn number(v: f64) -> String {
    if !plausible(v) {
        // « NaN », « inf » or 300 digits would mean nothing to a reader (check reports it).
        return "—".to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{:.2}", v);
        s.trim_end_matches('0')
            .trim_end_matches('.')
            .replace('.', ",")
    }
}

/// A value with its unit, French style: « 85,5 % », « 48 200 € », « 12 ».
pub fn with_unit(v: f64, unite: Unite) -> String {
    let n = group_thousands(&number(v));
    match unite {
        Unite::Pourcentage => format!("{n} %"),
        Unite::Euros => format!("{n} €"),
        Unite::Nombre => n,
        Unite::Autre(c) => format!("{n}\u{a0}{}", c.as_str()),
    }
}

/// « 48200 » → « 48 200 » (narrow no-break space, as French typography wants).
fn group_thousands(n: &str) -> String {
    let (sign, rest) = n.strip_prefix('-').map_or(("", n), |r| ("-", r));
    let (int, frac) = rest
        .split_once(',')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    if int.len() <= 4 {
        return n.to_string();
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    format!(
        "{sign}{out}{}",
        frac.map_or(String::new(), |f| format!(",{f}"))
    )
}

/// A share as a whole percentage: 0.456 → « 46 % ».
pub fn percent(p: f64) -> String {
    if !p.is_finite() {
        return "—".to_string();
    }
    format!("{} %", (p * 100.0).round() as i64)
}

/// The months as French readers write them in a date.
pub const MOIS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// An ISO date (`2026-03-12`) as French readers write it (« 12 mars 2026 », « 1er avril
/// 2027 »); anything that is not a day of the calendar is shown as written.
pub fn date(iso: &str) -> String {
    let mut parts = iso.trim().splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let valid = i32::try_from(y)
        .ok()
        .zip(u8::try_from(m).ok())
        .zip(u8::try_from(d).ok());
    let day = valid.and_then(|((y, m), d)| {
        let month = time::Month::try_from(m).ok()?;
        time::Date::from_calendar_date(y, month, d).ok()
    });
    match day {
        Some(day) => {
            let n = day.day();
            let ordinal = if n == 1 {
                "1er".to_string()
            } else {
                n.to_string()
            };
            format!(
                "{ordinal} {} {}",
                MOIS[usize::from(u8::from(day.month())) - 1],
                day.year()
            )
        }
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_french() {
        for (v, s) in [
            (140.0, "140"),
            (85.5, "85,5"),
            (1.0 / 3.0, "0,33"),
            (-3.0, "-3"),
        ] {
            assert_eq!(number(v), s);
        }
    }

    #[test]
    fn values_are_written_the_french_way() {
        for (v, u, s) in [
            (85.5, Unite::Pourcentage, "85,5 %"),
            (48200.0, Unite::Euros, "48\u{202f}200 €"),
            (1234.0, Unite::Nombre, "1234"),
            (1234567.0, Unite::Nombre, "1\u{202f}234\u{202f}567"),
            (-15000.0, Unite::Nombre, "-15\u{202f}000"),
        ] {
            assert_eq!(with_unit(v, u), s);
        }
        assert_eq!(percent(0.456), "46 %");
    }

    #[test]
    fn dates_are_written_in_words() {
        for (iso, shown) in [
            ("2026-03-12", "12 mars 2026"),
            ("2027-04-01", "1er avril 2027"),
            ("2027-02-31", "2027-02-31"),
            ("bientôt", "bientôt"),
            ("2026-08-15 ", "15 août 2026"),
        ] {
            assert_eq!(super::date(iso), shown, "{iso}");
        }
    }
}
