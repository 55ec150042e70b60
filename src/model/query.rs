//! Queries over a dossier that need no edition: who is cited where, plausible years.

use super::front::Personne;
use super::{Doc, Dossier};
use crate::diagnostic::Pos;

/// Plausible years for a dossier: anything else is a typo.
pub const YEARS: std::ops::RangeInclusive<i64> = 1990..=2100;

/// A year typed on the command line (`--annee`): a plausible year, or the French
/// reason it is refused (clap prints it as a usage error).
pub fn parse_year(s: &str) -> Result<i64, String> {
    parse_year_written(s).map(|(y, _)| y)
}

/// `parse_year` keeping how the year was written, to write it back the same way.
pub fn parse_year_written(s: &str) -> Result<(i64, super::annee::Calendrier), String> {
    let (lo, hi) = (YEARS.start(), YEARS.end());
    // A school year counts as the year it ends (`model::annee`).
    match super::annee::parse(s) {
        Some((y, c)) if YEARS.contains(&y) => Ok((y, c)),
        _ => Err(format!(
            "« {s} » n'est pas une année possible : indiquez une année sur quatre chiffres, entre {lo} et {hi}, ou une année scolaire, « 2025-2026 »"
        )),
    }
}

/// A person as cited somewhere, with where.
pub struct Citation<'a> {
    pub personne: &'a Personne,
    pub file: &'a str,
    pub pos: Pos,
    /// The role in that place, in French (« coordonnateur du critère 4 »).
    pub role: String,
}

/// Every person cited in the dossier, in dossier order.
pub fn citations(d: &Dossier) -> Vec<Citation<'_>> {
    fn cite<'a, F>(
        out: &mut Vec<Citation<'a>>,
        doc: &'a Doc<F>,
        personne: &'a Personne,
        role: String,
    ) {
        out.push(Citation {
            personne,
            file: &doc.path,
            pos: doc.pos(&personne.nom),
            role,
        });
    }
    let mut out = Vec::new();
    if let Some(e) = &d.etablissement
        && let Some(f) = &e.front
    {
        if let Some(p) = &f.chef_etablissement {
            cite(&mut out, e, p, "chef d'établissement".to_string());
        }
        if let Some(p) = &f.ddfpt {
            cite(&mut out, e, p, "DDFPT".to_string());
        }
        for p in &f.comite_pilotage {
            cite(&mut out, e, p, "comité de pilotage".to_string());
        }
    }
    for c in &d.criteres {
        if let Some(doc) = &c.critere
            && let Some(f) = &doc.front
        {
            for p in f.coordonnateur.iter().flat_map(|ps| ps.iter()) {
                cite(
                    &mut out,
                    doc,
                    p,
                    format!("coordonnateur du critère {}", c.numero),
                );
            }
            for p in &f.membres {
                cite(&mut out, doc, p, format!("équipe du critère {}", c.numero));
            }
        }
        for e in &c.engagements {
            let Some(f) = &e.front else { continue };
            // Named as the annex titles it, never by its file.
            let role = format!(
                "animateur de l'engagement « {} » (critère {})",
                f.denomination.value.trim(),
                c.numero
            );
            for p in f.animateur.iter().flat_map(|ps| ps.iter()) {
                cite(&mut out, e, p, role.clone());
            }
        }
    }
    out
}

/// Why a cited evidence path is not a path of the dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadEvidencePath {
    /// Absolute, a drive letter, or a `..` part.
    Outside,
    /// A `\`: Windows reads it as a separator, so `preuves/..\..\x.bat` climbs out there.
    Backslash,
    Control,
}

impl BadEvidencePath {
    /// What to add to « hors du dossier » (nothing for the plain case).
    pub fn detail(self) -> &'static str {
        match self {
            BadEvidencePath::Outside => "",
            BadEvidencePath::Backslash => {
                " : « \\ » n'est pas un séparateur de chemin, écrivez « / »"
            }
            BadEvidencePath::Control => " : le chemin contient un caractère de contrôle",
        }
    }
}

/// A cited evidence path as a path of the dossier: trimmed, without a leading `./`, in
/// Unicode NFC; `Err` when it is not one. The one rule `check` and every document
/// apply, so a path `check` accepts is one the annex and the archive find.
pub fn evidence_path(written: &str) -> Result<String, BadEvidencePath> {
    let raw = written.trim();
    if raw.contains('\\') {
        return Err(BadEvidencePath::Backslash);
    }
    if raw.chars().any(char::is_control) {
        return Err(BadEvidencePath::Control);
    }
    let mut rest = raw;
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let absolute = rest.starts_with('/') || rest.get(1..2) == Some(":");
    if absolute || rest.split('/').any(|part| part == "..") {
        return Err(BadEvidencePath::Outside);
    }
    Ok(unicode_normalization::UnicodeNormalization::nfc(rest).collect())
}

/// An evidence path as the annex keys it: [`evidence_path`]'s form, or the trimmed text
/// of a path that is none (listed in the annex as not found, as `check` reports it).
pub fn evidence_key(written: &str) -> String {
    evidence_path(written).unwrap_or_else(|_| {
        unicode_normalization::UnicodeNormalization::nfc(written.trim()).collect()
    })
}

/// The annex's evidence list in its order: every file of `preuves/` and every path cited
/// by the fiches of the criteria `keep` accepts (the first folder of each number), by
/// path. Evidence n° k is the k-th (1-based): the annex, the evidence annex and the
/// audit's citations all number from this one list.
pub fn evidence_list(d: &Dossier, keep: impl Fn(u32) -> bool) -> Vec<String> {
    let mut keys: std::collections::BTreeSet<String> = d.preuves.keys().cloned().collect();
    let mut seen = std::collections::BTreeSet::new();
    for c in d.criteres.iter().filter(|c| keep(c.numero)) {
        if !seen.insert(c.numero) {
            continue;
        }
        for (_, e) in c.entities() {
            let Some(f) = &e.front else { continue };
            keys.extend(f.preuves.iter().map(|p| evidence_key(&p.value)));
        }
    }
    keys.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_paths_check_and_documents_agree_on() {
        assert_eq!(evidence_path(" ./preuves/a.pdf ").unwrap(), "preuves/a.pdf");
        assert_eq!(
            evidence_path("preuves/e\u{301}te\u{301}.pdf").unwrap(),
            "preuves/été.pdf"
        );
        for (bad, why) in [
            ("preuves/..\\..\\evil.bat", BadEvidencePath::Backslash),
            ("../secret.txt", BadEvidencePath::Outside),
            ("preuves/../../x", BadEvidencePath::Outside),
            ("/etc/passwd", BadEvidencePath::Outside),
            ("C:/x.pdf", BadEvidencePath::Outside),
            ("preuves/a\nb.pdf", BadEvidencePath::Control),
        ] {
            assert_eq!(evidence_path(bad), Err(why), "{bad}");
        }
        assert_eq!(evidence_key("./preuves/a.pdf"), "preuves/a.pdf");
    }
}
