//! The values of the guide's cells as schools write them: measures (« 85 % », « 85,5 % »,
//! « 1 200 », « NC », « – »), school and calendar years, durations, OUI / NON, and people
//! (« DUPONT / MARTIN », « M. Dupont et Mme Martin »).

use super::Person;

/// Text with Word's no-break and narrow no-break spaces as plain spaces, and each line
/// trimmed: what a school typed, whatever the typography.
pub fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}', '\u{2007}'], " ")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Says nothing: an empty cell, a dash, « À compléter ».
pub fn is_blank(s: &str) -> bool {
    matches!(
        plain(s).as_str(),
        "" | "-" | "–" | "—" | "/" | "À compléter" | "A compléter" | "à compléter"
    )
}

/// A measure read from a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    Number {
        value: String,
        unit: Option<&'static str>,
    },
    /// Not a number (« NC », a range, a sentence): kept as written.
    Text(String),
}

/// A cell's measure, and its year when the cell gives one (« 12 (2023) »); `None` when
/// the cell says nothing.
pub fn measure(cell: &str) -> Option<(Measure, Option<String>)> {
    let s = plain(cell);
    if is_blank(&s) {
        return None;
    }
    if let Some((v, day)) = dated(&s) {
        return Some((number(&v).unwrap_or(Measure::Text(v)), Some(day)));
    }
    let (s, year) = match s.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
        Some((v, y)) if year(y).is_some() => (v.trim().to_string(), year(y)),
        _ => (s, None),
    };
    Some((number(&s).unwrap_or(Measure::Text(s)), year))
}

/// « 3 (le 12 mars 2026) », a measure dated to the day as ldm's documents show it: the
/// value and its day written `2026-03-12`, the key the format reads.
fn dated(s: &str) -> Option<(String, String)> {
    let (v, day) = s.strip_suffix(')')?.rsplit_once(" (le ")?;
    let mut words = day.split_whitespace();
    let d: u32 = words.next()?.trim_end_matches("er").parse().ok()?;
    let month = words.next()?;
    let m = crate::numfmt::MOIS.iter().position(|m| *m == month)? + 1;
    let y: u32 = words.next()?.parse().ok()?;
    let ok = words.next().is_none() && (1..=31).contains(&d) && (1000..=9999).contains(&y);
    ok.then(|| (v.trim().to_string(), format!("{y:04}-{m:02}-{d:02}")))
}

/// « 85 % », « 85% », « 85,5 % », « 1 200 », « 36 100 € », « 12 » as a number and unit.
fn number(s: &str) -> Option<Measure> {
    let (body, unit) = if let Some(b) = s.strip_suffix('%') {
        (b, Some("pourcentage"))
    } else if let Some(b) = s.strip_suffix('€') {
        (b, Some("euros"))
    } else {
        (s, None)
    };
    let digits: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = digits.replace(',', ".");
    let ok = !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && digits.parse::<f64>().is_ok_and(f64::is_finite);
    ok.then(|| Measure::Number {
        value: digits.trim_start_matches('+').to_string(),
        unit,
    })
}

/// A year as the dossier writes it: `2024`, or a school year `2023-2024` (written with
/// - – — or /).
pub fn year(s: &str) -> Option<String> {
    let s = plain(s);
    let s = s.trim();
    let four = |t: &str| t.len() == 4 && t.chars().all(|c| c.is_ascii_digit());
    if four(s) {
        return Some(s.to_string());
    }
    let (a, b) = s.split_once(['-', '–', '—', '/'])?;
    let (a, b) = (a.trim(), b.trim());
    let consecutive = four(a) && four(b) && b.parse::<i64>().ok()? == a.parse::<i64>().ok()? + 1;
    consecutive.then(|| format!("{a}-{b}"))
}

/// The year in a column heading: « Mesure début (2022) », « Mesure à 2026 ».
pub fn heading_year(h: &str) -> Option<String> {
    let h = plain(h);
    if let Some(open) = h.find('(') {
        let inner = h[open + 1..].split(')').next().unwrap_or("");
        if let Some(y) = year(inner) {
            return Some(y);
        }
    }
    h.split_whitespace().rev().find_map(year)
}

/// « 2021–2026 (5 ans) », « 2021-2026 », « 2023-2024 – 2025-2026 », « 2026 »: the first
/// and last year.
pub fn periode(s: &str) -> Option<(String, String)> {
    let s = plain(s);
    let s = s.split(" (").next().unwrap_or("").trim();
    if let Some(y) = year(s).filter(|y| !y.contains('-')) {
        return Some((y.clone(), y));
    }
    let school: Vec<String> = s
        .split([' ', '–', '—', '/', 'à'])
        .filter_map(year)
        .filter(|y| y.contains('-'))
        .collect();
    if let [a, .., b] = school.as_slice() {
        return Some((a.clone(), b.clone()));
    }
    let (a, b) = s.split_once(['-', '–', '—', '/'])?;
    let (a, b) = (year(a)?, year(b)?);
    Some((a, b))
}

/// `s` split at `sep` where it is not inside parentheses: « A (Ville, UAI), B ».
pub fn outside_parentheses(s: &str, sep: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 && s[i..].starts_with(sep) && i >= start => {
                out.push(s[start..i].trim().to_string());
                start = i + sep.len();
            }
            _ => {}
        }
    }
    out.push(s[start..].trim().to_string());
    out.retain(|p| !p.is_empty());
    out
}

/// « OUI », « NON », « OUI / NON » with one word struck (struck text is already gone).
pub fn oui_non(s: &str) -> Option<bool> {
    let f = crate::text::fold(&plain(s));
    let oui = f.contains("oui");
    let non = f.contains("non");
    match (oui, non) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// « 1.3, 1.5 » → the requirement ids.
pub fn exigences(s: &str) -> Vec<String> {
    plain(s)
        .split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(str::to_string)
        .collect()
}

/// Several names in one cell (« DUPONT / MARTIN », « M. Dupont et Mme Martin »), split.
pub fn several(s: &str) -> Vec<String> {
    let s = plain(s);
    let mut out = vec![s.clone()];
    for sep in [" / ", "/", " et ", " & ", ";", "\n"] {
        out = out
            .iter()
            .flat_map(|p| p.split(sep).map(str::trim).map(str::to_string))
            .filter(|p| !p.is_empty())
            .collect();
    }
    out.into_iter().map(|p| without_title(&p)).collect()
}

fn without_title(s: &str) -> String {
    for t in ["M. ", "Mme ", "Mlle ", "Mr ", "Monsieur ", "Madame "] {
        if let Some(rest) = s.strip_prefix(t) {
            return rest.trim().to_string();
        }
    }
    s.to_string()
}

/// « Prénom Nom, Fonction » as ldm writes an animateur; `known` resolves which words are
/// the first name.
pub fn person_line(s: &str, known: &[Person]) -> Person {
    let s = plain(s);
    let (name, fonction) = match s.split_once(", ") {
        Some((n, f)) => (n.trim(), f.trim()),
        None => (s.as_str(), ""),
    };
    let name = without_title(name);
    for p in known {
        if format!("{} {}", p.prenom, p.nom) == name || format!("{} {}", p.nom, p.prenom) == name {
            return Person {
                fonction: fonction.to_string(),
                ..p.clone()
            };
        }
    }
    let (prenom, nom) = name.split_once(' ').unwrap_or(("", &name));
    Person {
        nom: nom.to_string(),
        prenom: prenom.to_string(),
        fonction: fonction.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: &str, unit: Option<&'static str>) -> Option<(Measure, Option<String>)> {
        Some((
            Measure::Number {
                value: v.into(),
                unit,
            },
            None,
        ))
    }

    #[test]
    fn measures_as_schools_write_them() {
        assert_eq!(measure("85 %"), n("85", Some("pourcentage")));
        assert_eq!(measure("85%"), n("85", Some("pourcentage")));
        assert_eq!(measure("85,5\u{202f}%"), n("85.5", Some("pourcentage")));
        assert_eq!(measure("1\u{a0}200"), n("1200", None));
        assert_eq!(measure("36 100 €"), n("36100", Some("euros")));
        assert_eq!(measure("–"), None);
        assert_eq!(measure("NC"), Some((Measure::Text("NC".into()), None)));
        assert_eq!(
            measure("8 (2025)"),
            Some((
                Measure::Number {
                    value: "8".into(),
                    unit: None
                },
                Some("2025".into())
            ))
        );
        assert_eq!(
            measure("3 (le 12 mars 2026)"),
            Some((n("3", None).unwrap().0, Some("2026-03-12".into())))
        );
        assert_eq!(
            measure("4 (le 1er juin 2025)").map(|m| m.1),
            Some(Some("2025-06-01".into()))
        );
    }

    #[test]
    fn years_and_periods() {
        for y in ["2023-2024", "2023/2024", "2023–2024"] {
            assert_eq!(year(y).as_deref(), Some("2023-2024"));
        }
        assert_eq!(year("2021-2026"), None);
        assert_eq!(
            periode("2021–2026 (5 ans)"),
            Some(("2021".into(), "2026".into()))
        );
        assert_eq!(
            periode("2021-2022 – 2025-2026"),
            Some(("2021-2022".into(), "2025-2026".into()))
        );
        assert_eq!(
            heading_year("Mesure suivi 2 (2024)").as_deref(),
            Some("2024")
        );
        assert_eq!(heading_year("Mesure à 2026").as_deref(), Some("2026"));
    }

    #[test]
    fn two_people_in_one_cell() {
        assert_eq!(several("DUPONT / MARTIN"), ["DUPONT", "MARTIN"]);
        assert_eq!(several("M. Dupont et Mme Martin"), ["Dupont", "Martin"]);
    }
}
