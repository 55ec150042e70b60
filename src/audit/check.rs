//! `ldm audit check`: the rules of the audit family (`rule.rs`), over the audit's files,
//! the dossier's edition and its evidence list.

use super::{Audit, CritereFront, Ecart, Jugement, quoted};
use crate::diagnostic::{self, Diagnostic, Rule};
use crate::model::Doc;
use crate::model::front::Sp;
use crate::model::query::evidence_list;
use crate::referentiel::{Critere, Echelles, Niveau};
use crate::text::count;
use crate::workspace::Workspace;

use super::fiche::Avis;

/// Every finding of the audit: those of reading it, then the rules, in report order.
pub fn check(ws: &Workspace, audit: &Audit, echelles: &Echelles) -> Vec<Diagnostic> {
    let mut out = check_criteres(ws, audit, echelles, super::DIR);
    avis(&mut out, audit, echelles);
    diagnostic::sort(&mut out);
    out.dedup();
    out
}

/// The findings of reading the criterion files of `folder` (the audit's, or the
/// self-assessment's) and the rules over them, unsorted.
pub fn check_criteres(
    ws: &Workspace,
    audit: &Audit,
    echelles: &Echelles,
    folder: &str,
) -> Vec<Diagnostic> {
    let mut out = audit.diagnostics.clone();
    let preuves = evidence_list(&ws.dossier, |_| true).len();
    let en_reseau = super::en_reseau(ws);
    for c in &ws.edition.criteres {
        match audit.criteres.get(&c.numero) {
            None => out.push(missing_file(c, en_reseau, folder)),
            Some(doc) => {
                if let Some(front) = &doc.front {
                    critere(&mut out, doc, front, c, en_reseau, echelles, preuves);
                }
            }
        }
    }
    out
}

/// `audit-exigence-non-jugee` for a criterion without its file in `folder`.
fn missing_file(c: &Critere, en_reseau: bool, folder: &str) -> Diagnostic {
    let n = c.exigences_demandees(en_reseau).count();
    let (what, init) = if folder == super::DIR {
        ("d'audit", "« ldm audit init »")
    } else {
        ("d'autoévaluation", "« ldm audit init --autoevaluation »")
    };
    Diagnostic::new(
        Rule::AuditExigenceNonJugee,
        format!(
            "le critère {} n'a pas de fichier {what} : {} à juger",
            c.numero,
            count(n, "exigence", "exigences")
        ),
    )
    .in_file(&super::critere_file_in(folder, c.numero, &c.slug))
    .help(format!(
        "{init} écrit le fichier, prérempli avec les exigences du critère"
    ))
}

/// The rules over one criterion's file.
fn critere(
    out: &mut Vec<Diagnostic>,
    doc: &Doc<CritereFront>,
    front: &CritereFront,
    c: &Critere,
    en_reseau: bool,
    echelles: &Echelles,
    preuves: usize,
) {
    let file = doc.path.as_str();
    let known = |id: &str| c.exigences.iter().any(|e| e.id == id.trim());
    for e in c.exigences_demandees(en_reseau) {
        if !front.exigences.iter().any(|j| j.id.value.trim() == e.id) {
            out.push(
                Diagnostic::new(
                    Rule::AuditExigenceNonJugee,
                    format!(
                        "l'exigence {} n'est pas jugée : elle manque dans « exigences »",
                        e.id
                    ),
                )
                .at(file, front.critere.pos)
                .help(format!(
                    "ajoutez « - id: \"{}\" » avec sa conformité et son efficacité",
                    e.id
                )),
            );
        }
    }
    for j in &front.exigences {
        if !known(&j.id.value) {
            out.push(unknown_requirement(file, &j.id, c));
            continue;
        }
        jugement(out, file, j, &front.ecarts, echelles);
        evidence(out, file, &j.preuves, preuves);
    }
    for e in &front.ecarts {
        ecart(out, file, e, c, echelles);
        evidence(out, file, &e.preuves, preuves);
    }
}

/// `audit-exigence-non-jugee`, `audit-ecart-manquant` and unknown scale values, for one
/// judged requirement.
fn jugement(out: &mut Vec<Diagnostic>, file: &str, j: &Jugement, ecarts: &[Ecart], s: &Echelles) {
    let id = j.id.value.trim();
    let conformite = j
        .conformite
        .as_ref()
        .and_then(|v| level(out, file, v, "conformite", &s.conformite));
    if let Some(v) = &j.efficacite {
        level(out, file, v, "efficacite", &s.efficacite);
    }
    let judged = conformite.is_some_and(|n| !n.non_evalue);
    let mut missing = Vec::new();
    if !judged
        && !j
            .conformite
            .as_ref()
            .is_some_and(|v| unknown(v, &s.conformite))
    {
        missing.push("sa conformité");
    }
    if j.efficacite.is_none() {
        missing.push("son efficacité");
    }
    if !missing.is_empty() {
        let at = j.conformite.as_ref().map_or(j.id.pos, |v| v.pos);
        out.push(
            Diagnostic::new(
                Rule::AuditExigenceNonJugee,
                format!("exigence {id} : {} à juger", missing.join(" et ")),
            )
            .at(file, at)
            .help(format!(
                "conformité : {} ; efficacité : {}",
                quoted(&s.conformite, |n| !n.non_evalue),
                quoted(&s.efficacite, |_| true)
            )),
        );
    }
    if let (Some(n), Some(v)) = (conformite, &j.conformite)
        && n.ecart
        && !ecarts.iter().any(|e| e.exigence.value.trim() == id)
    {
        out.push(
            Diagnostic::new(
                Rule::AuditEcartManquant,
                format!("exigence {id} jugée « {} » sans écart qui la décrive", n.valeur),
            )
            .at(file, v.pos)
            .help(format!(
                "ajoutez dans « ecarts » une entrée « exigence: \"{id}\" » avec son niveau, la correction attendue et l'échéance"
            )),
        );
    }
}

/// The rules over one écart: its requirement, its level, its correction and deadline.
fn ecart(out: &mut Vec<Diagnostic>, file: &str, e: &Ecart, c: &Critere, s: &Echelles) {
    if !c.exigences.iter().any(|x| x.id == e.exigence.value.trim()) {
        out.push(unknown_requirement(file, &e.exigence, c));
    }
    level(out, file, &e.niveau, "niveau", &s.ecarts);
    let blank = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
    let mut missing = Vec::new();
    if blank(&e.correction) {
        missing.push("la correction attendue (« correction »)");
    }
    match &e.echeance {
        None => missing.push("l'échéance (« echeance »)"),
        Some(d) if !is_date(&d.value) => out.push(
            Diagnostic::new(
                Rule::TypeInvalide,
                format!(
                    "« {} » ne convient pas pour « echeance » : une date est attendue",
                    d.value.trim()
                ),
            )
            .at(file, d.pos)
            .help("écrivez la date sous la forme année-mois-jour, « echeance: 2027-06-30 »"),
        ),
        Some(_) => {}
    }
    if !missing.is_empty() {
        out.push(
            Diagnostic::new(
                Rule::AuditEcartIncomplet,
                format!(
                    "écart sur l'exigence {} sans {}",
                    e.exigence.value.trim(),
                    missing.join(" ni ")
                ),
            )
            .at(file, e.pos)
            .help("l'établissement doit savoir quoi corriger et pour quand : ajoutez « correction: … » et « echeance: 2027-06-30 »"),
        );
    }
}

/// `audit-exigence-inconnue` at `id`.
fn unknown_requirement(file: &str, id: &Sp<String>, c: &Critere) -> Diagnostic {
    let ids: Vec<&str> = c.exigences.iter().map(|e| e.id.as_str()).collect();
    Diagnostic::new(
        Rule::AuditExigenceInconnue,
        format!(
            "l'exigence « {} » n'existe pas dans le critère {}",
            id.value.trim(),
            c.numero
        ),
    )
    .at(file, id.pos)
    .help(format!(
        "exigences du critère {} : {}",
        c.numero,
        ids.join(", ")
    ))
}

/// `audit-preuve-inconnue` for each number outside the annex's list of `total`.
fn evidence(out: &mut Vec<Diagnostic>, file: &str, cited: &[Sp<i64>], total: usize) {
    for p in cited {
        if p.value < 1 || p.value as u64 > total as u64 {
            out.push(
                Diagnostic::new(
                    Rule::AuditPreuveInconnue,
                    format!(
                        "la preuve n° {} n'existe pas : le dossier en compte {total}",
                        p.value
                    ),
                )
                .at(file, p.pos)
                .help("citez les preuves par leur numéro dans la liste des preuves de l'annexe (ldm render)"),
            );
        }
    }
}

/// The level `v` names in `scale`, or `type-invalide` with the closest value.
fn level<'s>(
    out: &mut Vec<Diagnostic>,
    file: &str,
    v: &Sp<String>,
    field: &str,
    scale: &'s [Niveau],
) -> Option<&'s Niveau> {
    let found = scale.iter().find(|n| same(&n.valeur, &v.value));
    if found.is_none() {
        let names = scale.iter().map(|n| n.valeur.as_str());
        let help = match crate::text::suggest(&v.value, names) {
            Some(s) => format!(
                "vouliez-vous dire « {s} » ? Valeurs possibles : {}",
                quoted(scale, |_| true)
            ),
            None => format!("valeurs possibles : {}", quoted(scale, |_| true)),
        };
        out.push(
            Diagnostic::new(
                Rule::TypeInvalide,
                format!("valeur « {} » inconnue pour « {field} »", v.value.trim()),
            )
            .at(file, v.pos)
            .help(help),
        );
    }
    found
}

fn unknown(v: &Sp<String>, scale: &[Niveau]) -> bool {
    !scale.iter().any(|n| same(&n.valeur, &v.value))
}

/// A scale value as written: case and surrounding spaces aside.
pub fn same(valeur: &str, written: &str) -> bool {
    valeur.to_lowercase() == written.trim().to_lowercase()
}

/// `AAAA-MM-JJ`, a day of the calendar (the `time` crate knows the months' lengths).
fn is_date(text: &str) -> bool {
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
        return false;
    };
    let month = u8::try_from(m)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok());
    let day = u8::try_from(d).ok();
    matches!((month, day), (Some(month), Some(day))
        if time::Date::from_calendar_date(i32::from(y), month, day).is_ok())
}

/// `audit-avis-manquant`, unknown avis and `audit-avis-incoherent`.
fn avis(out: &mut Vec<Diagnostic>, audit: &Audit, s: &Echelles) {
    let Some(fiche) = &audit.fiche else { return };
    let file = format!("{}/audit.toml", super::DIR);
    let src = audit.sources.get(&file);
    let written = fiche.avis.proposition.get_ref().trim();
    let at = super::read::toml_pos(src, &fiche.avis.proposition);
    let choices = Avis::ALL.map(|a| format!("« {} »", a.label())).join(", ");
    if written.is_empty() {
        out.push(
            Diagnostic::new(Rule::AuditAvisManquant, "l'avis proposé n'est pas rendu")
                .at(&file, at)
                .help(format!(
                    "écrivez « proposition = \"…\" » : {choices}, et sa motivation"
                )),
        );
        return;
    }
    let Some(avis) = fiche.avis() else {
        out.push(
            Diagnostic::new(
                Rule::TypeInvalide,
                format!("valeur « {written} » inconnue pour « proposition »"),
            )
            .at(&file, at)
            .help(format!("avis possibles : {choices}")),
        );
        return;
    };
    if fiche.avis.motivation.trim().is_empty() {
        out.push(
            Diagnostic::new(Rule::AuditAvisManquant, "l'avis proposé n'est pas motivé")
                .at(&file, at)
                .help("ajoutez « motivation = \"\"\"…\"\"\" » : les raisons de l'avis, que le rapport reprend"),
        );
    }
    let levels: Vec<(&str, &Niveau)> = audit
        .criteres
        .values()
        .filter_map(|d| d.front.as_ref())
        .flat_map(|f| &f.ecarts)
        .filter_map(|e| {
            let n = s.ecarts.iter().find(|n| same(&n.valeur, &e.niveau.value))?;
            Some((e.exigence.value.trim(), n))
        })
        .collect();
    let majeurs: Vec<&str> = levels
        .iter()
        .filter(|(_, n)| n.majeur)
        .map(|l| l.0)
        .collect();
    let why = match avis {
        Avis::Favorable | Avis::FavorableAvecReserves if !majeurs.is_empty() => Some(format!(
            "avis « {} » malgré {} (exigence {}) : un écart majeur empêche de proposer le label",
            avis.label(),
            count(majeurs.len(), "écart majeur", "écarts majeurs"),
            majeurs.join(", ")
        )),
        Avis::Favorable if !levels.is_empty() => Some(format!(
            "avis « favorable » sans réserve malgré {}",
            count(levels.len(), "écart", "écarts")
        )),
        _ => None,
    };
    if let Some(message) = why {
        let help = if majeurs.is_empty() {
            "avec des écarts mineurs, proposez « favorable avec réserves » (les réserves sont les écarts à lever)"
        } else {
            "avec un écart majeur, proposez « ajournement » (le temps de lever l'écart) ou « défavorable »"
        };
        out.push(
            Diagnostic::new(Rule::AuditAvisIncoherent, message)
                .at(&file, at)
                .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_are_days_written_year_first() {
        for (text, ok) in [
            ("2027-06-30", true),
            (" 2027-01-01 ", true),
            ("2027-13-01", false),
            ("2027-02-31", false),
            ("2028-02-29", true),
            ("30/06/2027", false),
            ("juin 2027", false),
            ("2027-6-30", false),
        ] {
            assert_eq!(is_date(text), ok, "{text}");
        }
    }
}
