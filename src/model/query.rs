//! Queries over a dossier that need no edition: who is cited where, plausible years.

use super::front::Personne;
use super::{Doc, Dossier};
use crate::diagnostic::Pos;

/// Plausible years for a dossier: anything else is a typo.
pub const YEARS: std::ops::RangeInclusive<i64> = 1990..=2100;

/// A year typed on the command line (`--annee`): a plausible year, or the French
/// reason it is refused (clap prints it as a usage error).
pub fn parse_year(s: &str) -> Result<i64, String> {
    let (lo, hi) = (YEARS.start(), YEARS.end());
    // A school year counts as the year it ends (`model::annee`).
    match super::annee::parse(s) {
        Some((y, _)) if YEARS.contains(&y) => Ok(y),
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

/// An evidence path as the annex keys it: trimmed, in Unicode NFC.
pub fn evidence_key(written: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(written.trim()).collect()
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
