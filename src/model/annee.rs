//! Years as schools write them: a calendar year (`2024`) or a school year
//! (`2023-2024`).
//!
//! One meaning everywhere: a school year counts as the calendar year in which it ends
//! (`2023-2024` is 2024). Measures are taken, and labels granted, at the end of a
//! school year (June), and a campaign « 2026 » is the school year 2025-2026, so every
//! rule that compares years (N, N+3, N+5, the campaign, the previous label) keeps its
//! arithmetic; only the display gives the year back as the school wrote it.

use serde::Serialize;

/// How a year was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendrier {
    /// `2024`.
    #[default]
    Civil,
    /// `2023-2024`, counted as 2024.
    Scolaire,
}

impl Calendrier {
    pub fn is_civil(&self) -> bool {
        *self == Calendrier::Civil
    }

    /// The year `y` as written: `2024`, or `2023-2024` for a school year.
    pub fn show(self, y: i64) -> String {
        match self {
            Calendrier::Civil => y.to_string(),
            Calendrier::Scolaire => format!("{}-{y}", y.saturating_sub(1)),
        }
    }

    /// In words, for messages: « année civile » / « année scolaire ».
    pub fn label(self) -> &'static str {
        match self {
            Calendrier::Civil => "année civile",
            Calendrier::Scolaire => "année scolaire",
        }
    }
}

/// Why a written year is refused, in French (after « ne convient pas : »).
pub const FORME: &str = "une année est attendue, « 2024 », ou une année scolaire, « 2023-2024 »";

/// The separators of a school year as people type them or a word processor rewrites
/// them: hyphen, the Unicode hyphens and dashes (Word turns « - » into « – »), minus, slash.
pub const DASHES: [char; 8] = [
    '-', '/', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}',
];

/// Reads `2024` or a school year `2023-2024` (also `2023/2024`, `2023 – 2024`, any of
/// `DASHES`, spaces around): the year it counts as and how it was written. A school
/// year spans two consecutive years.
pub fn parse(text: &str) -> Option<(i64, Calendrier)> {
    let t = text.trim();
    let number = |s: &str| -> Option<i64> {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 6 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // Any integer is a year here; `check` says when it is not a plausible one.
    if let Ok(y) = t.parse::<i64>() {
        return Some((y, Calendrier::Civil));
    }
    let (a, b) = t.split_once(DASHES)?;
    let (a, b) = (number(a)?, number(b)?);
    (a.checked_add(1) == Some(b)).then_some((b, Calendrier::Scolaire))
}

/// A day written `2005-04-06` (a competition's final, a survey's date): its year, month
/// and day, when it is a day of the calendar.
pub fn jour(text: &str) -> Option<(i64, u8, u8)> {
    let t = text.trim();
    let mut parts = t.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    let (y, m, d): (i32, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let month = time::Month::try_from(m).ok()?;
    time::Date::from_calendar_date(y, month, d).ok()?;
    Some((i64::from(y), m, d))
}

/// The calendars of a list of years, when they are not all the same: the first one
/// and the index of the first year written the other way.
pub fn mixed(calendriers: &[Calendrier]) -> Option<usize> {
    let first = *calendriers.first()?;
    calendriers.iter().position(|c| *c != first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_year_counts_as_the_year_it_ends_and_shows_as_written() {
        assert_eq!(parse("2024"), Some((2024, Calendrier::Civil)));
        assert_eq!(parse("2023-2024"), Some((2024, Calendrier::Scolaire)));
        assert_eq!(parse(" 2023/2024 "), Some((2024, Calendrier::Scolaire)));
        for dash in DASHES {
            let written = format!("2020{dash}2021");
            assert_eq!(
                parse(&written),
                Some((2021, Calendrier::Scolaire)),
                "{written}"
            );
        }
        assert_eq!(
            parse("2020 \u{2013} 2021"),
            Some((2021, Calendrier::Scolaire))
        );
        assert_eq!(
            parse("2020\u{a0}\u{2014}\u{a0}2021"),
            Some((2021, Calendrier::Scolaire))
        );
        assert_eq!(parse("2023-2025"), None);
        assert_eq!(parse("2024-2023"), None);
        assert_eq!(parse("deux mille"), None);
        assert_eq!(parse("999999-1000000"), None);
        assert_eq!(Calendrier::Scolaire.show(2024), "2023-2024");
        assert_eq!(Calendrier::Civil.show(2024), "2024");
        assert_eq!(
            Calendrier::Scolaire.show(i64::MIN),
            format!("{}-{}", i64::MIN, i64::MIN)
        );
    }

    #[test]
    fn a_day_is_read_only_when_it_is_in_the_calendar() {
        assert_eq!(jour("2005-04-06"), Some((2005, 4, 6)));
        assert_eq!(jour("2005-02-30"), None);
        assert_eq!(jour("2005-4-6"), None);
        assert_eq!(jour("2004-2005"), None);
    }

    #[test]
    fn mixed_names_the_first_year_written_the_other_way() {
        use Calendrier::*;
        assert_eq!(mixed(&[Civil, Civil]), None);
        assert_eq!(mixed(&[Scolaire, Scolaire]), None);
        assert_eq!(mixed(&[Civil, Scolaire, Civil]), Some(1));
        assert_eq!(mixed(&[]), None);
    }
}
