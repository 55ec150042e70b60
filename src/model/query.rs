//! Queries over a dossier that need no edition: who is cited where, plausible years.

use super::front::{Lien, Personne};
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

/// A cited evidence path as a path of the dossier: trimmed, without `.` parts nor empty
/// ones (`./preuves//a.pdf` is `preuves/a.pdf`, as the file sources read it), in Unicode
/// NFC; `Err` when it is not one. Letter case is kept: `preuves/A.pdf` is another file, as
/// git and the Linux of a CI see it. The one rule `check` and every document apply, so a
/// path `check` accepts is one the annex, the archive and `serve` find.
pub fn evidence_path(written: &str) -> Result<String, BadEvidencePath> {
    let raw = written.trim();
    if raw.contains('\\') {
        return Err(BadEvidencePath::Backslash);
    }
    if raw.chars().any(char::is_control) {
        return Err(BadEvidencePath::Control);
    }
    let absolute = raw.starts_with('/') || raw.get(1..2) == Some(":");
    if absolute || raw.split('/').any(|part| part == "..") {
        return Err(BadEvidencePath::Outside);
    }
    let parts: Vec<&str> = raw.split('/').filter(|p| !matches!(*p, "" | ".")).collect();
    Ok(unicode_normalization::UnicodeNormalization::nfc(parts.join("/").as_str()).collect())
}

/// An evidence as the annex keys it: a page on line as written, else [`evidence_path`]'s
/// form, or the trimmed text of a path that is none (listed in the annex as not found, as
/// `check` reports it).
pub fn evidence_key(written: &str) -> String {
    let nfc = || unicode_normalization::UnicodeNormalization::nfc(written.trim()).collect();
    if Lien::of(written).is_some() {
        return nfc();
    }
    evidence_path(written).unwrap_or_else(|_| nfc())
}

/// What a fiche's evidence entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cited<'a> {
    /// A page on line: never fetched, only its address's form is checked.
    Page(Lien<'a>),
    /// A path of the dossier ([`evidence_path`]'s form), found or not.
    File(&'a str),
    /// A path that is not one of the dossier.
    Outside(BadEvidencePath),
}

/// One evidence entry of a fiche, read once for every front end.
#[derive(Debug, Clone)]
pub struct EvidenceCitation<'a> {
    /// The criterion's folder holding the fiche.
    pub dir: &'a super::CritereDir,
    pub fiche: &'a super::Entity,
    /// The entry as written, with its position.
    pub written: &'a super::front::Sp<String>,
    /// The path of the dossier it names, when it names one.
    path: Option<String>,
    why: Option<BadEvidencePath>,
}

impl EvidenceCitation<'_> {
    /// What the entry names.
    pub fn cited(&self) -> Cited<'_> {
        if let Some(l) = Lien::of(&self.written.value) {
            return Cited::Page(l);
        }
        match (&self.path, self.why) {
            (Some(p), _) => Cited::File(p),
            (None, why) => Cited::Outside(why.unwrap_or(BadEvidencePath::Outside)),
        }
    }

    /// The entry as the annex keys it ([`evidence_key`]).
    pub fn key(&self) -> String {
        match self.cited() {
            Cited::File(p) => p.to_string(),
            _ => evidence_key(&self.written.value),
        }
    }
}

/// Every evidence entry of every fiche of `d`, criterion by criterion, each path read by
/// [`evidence_path`]: the one listing of cited evidence that `check`, the annex
/// ([`evidence_list`]) and `serve`'s list of cited files share.
pub fn cited_evidence(d: &Dossier) -> Vec<EvidenceCitation<'_>> {
    let mut out = Vec::new();
    for (c, _, e) in d.entities() {
        let Some(f) = &e.front else { continue };
        for p in &f.preuves {
            let read = match Lien::of(&p.value) {
                Some(_) => Ok(None),
                None => evidence_path(&p.value).map(Some),
            };
            let (path, why) = match read {
                Ok(path) => (path, None),
                Err(why) => (None, Some(why)),
            };
            out.push(EvidenceCitation {
                dir: c,
                fiche: e,
                written: p,
                path,
                why,
            });
        }
    }
    out
}

/// The annex's evidence list in its order: every file of `preuves/` and every path cited
/// by the fiches of the criteria `keep` accepts (the first folder of each number), by
/// path. Evidence n° k is the k-th (1-based): the annex, the evidence annex and the
/// audit's citations all number from this one list.
pub fn evidence_list(d: &Dossier, keep: impl Fn(u32) -> bool) -> Vec<String> {
    let mut keys: std::collections::BTreeSet<String> = d.preuves.keys().cloned().collect();
    // The first folder of each number: its fiches are those the annex shows.
    let mut first = std::collections::BTreeMap::new();
    for c in d.criteres.iter().filter(|c| keep(c.numero)) {
        first.entry(c.numero).or_insert(c);
    }
    let shown = |c: &EvidenceCitation| {
        first
            .get(&c.dir.numero)
            .is_some_and(|dir| std::ptr::eq(*dir, c.dir))
    };
    keys.extend(
        cited_evidence(d)
            .iter()
            .filter(|c| shown(c))
            .map(EvidenceCitation::key),
    );
    keys.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_paths_check_and_documents_agree_on() {
        assert_eq!(evidence_path(" ./preuves/a.pdf ").unwrap(), "preuves/a.pdf");
        assert_eq!(
            evidence_path("preuves//x/./a.pdf/").unwrap(),
            "preuves/x/a.pdf"
        );
        assert_eq!(evidence_path("preuves/A.pdf").unwrap(), "preuves/A.pdf");
        assert_eq!(evidence_key("https://ex.fr//a"), "https://ex.fr//a");
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
