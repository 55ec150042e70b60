//! The rapport d'audit's data: the audit as display values (identity, auditors, plan,
//! synthesis criterion × conformité × efficacité, strengths, écarts, avis), which
//! `audit::document` lays out as a `doc::Document` and `audit::resume` sums up.

use super::check::same;
use super::{Audit, Ecart};
use crate::referentiel::{Echelles, Niveau};
use crate::text::count;
use crate::workspace::Workspace;
use serde::Serialize;

const DASH: &str = "—";

#[derive(Debug, Clone, Serialize)]
pub struct Rapport {
    pub nom: String,
    pub uai: String,
    pub edition: String,
    pub edition_titre: String,
    pub date: String,
    pub lieu: String,
    pub auditeurs: Vec<super::fiche::Auditeur>,
    /// Markdown prose, without its own title.
    pub plan: String,
    pub synthese: Vec<Synthese>,
    pub points_forts: Vec<PointFort>,
    pub ecarts: Vec<EcartVue>,
    pub majeurs: usize,
    pub mineurs: usize,
    /// « 1 écart majeur, 2 écarts mineurs. »
    pub bilan: String,
    pub avis: String,
    /// Markdown prose.
    pub motivation: String,
    pub criteres: Vec<CritereVue>,
    pub echelles: Echelles,
}

/// One row of the synthesis: the criterion's least good conformité and efficacité.
#[derive(Debug, Clone, Serialize)]
pub struct Synthese {
    pub numero: u32,
    pub intitule: String,
    pub conformite: String,
    pub efficacite: String,
    pub ecarts: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PointFort {
    pub numero: u32,
    pub texte: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EcartVue {
    pub n: usize,
    pub niveau: String,
    pub majeur: bool,
    pub critere: u32,
    pub exigence: String,
    pub constat: String,
    pub correction: String,
    pub echeance: String,
    pub preuves: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CritereVue {
    pub numero: u32,
    pub intitule: String,
    pub exigences: Vec<ExigenceVue>,
    /// Markdown prose.
    pub conclusion: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExigenceVue {
    pub id: String,
    pub texte: String,
    pub conformite: String,
    pub efficacite: String,
    pub constats: String,
    pub preuves: String,
}

/// The value of `scale` written `v`, as the scale spells it; `—` when absent.
fn shown(v: Option<&str>, scale: &[Niveau]) -> String {
    match v {
        None => DASH.to_string(),
        Some(t) => scale
            .iter()
            .find(|n| same(&n.valeur, t))
            .map_or_else(|| t.trim().to_string(), |n| n.valeur.clone()),
    }
}

/// The least good judged value of `written` on `scale` (listed best first).
fn worst<'a>(written: impl Iterator<Item = &'a str>, scale: &[Niveau]) -> String {
    written
        .filter_map(|t| {
            scale
                .iter()
                .position(|n| same(&n.valeur, t) && !n.non_evalue)
        })
        .max()
        .map_or_else(|| DASH.to_string(), |i| scale[i].valeur.clone())
}

fn numbers(p: &[crate::model::front::Sp<i64>]) -> String {
    p.iter()
        .map(|n| format!("n° {}", n.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Builds the rapport of `audit` over the workspace's edition.
pub fn build(ws: &Workspace, audit: &Audit, s: &Echelles) -> Rapport {
    let fiche = audit.fiche.as_ref();
    let text =
        |f: fn(&super::Fiche) -> &str| fiche.map_or(String::new(), |x| f(x).trim().to_string());
    let mut synthese = Vec::new();
    let mut points_forts = Vec::new();
    let mut ecarts = Vec::new();
    let mut criteres = Vec::new();
    for c in &ws.edition.criteres {
        let doc = audit.criteres.get(&c.numero);
        let front = doc.and_then(|d| d.front.as_ref());
        let judged = front.map_or(&[][..], |f| &f.exigences[..]);
        let of_c: &[Ecart] = front.map_or(&[][..], |f| &f.ecarts[..]);
        synthese.push(synthesis(c, judged, of_c.len(), s));
        for p in front.map_or(&[][..], |f| &f.points_forts[..]) {
            points_forts.push(PointFort {
                numero: c.numero,
                texte: p.trim().to_string(),
            });
        }
        for e in of_c {
            ecarts.push(ecart(ecarts.len() + 1, c.numero, e, s));
        }
        criteres.push(CritereVue {
            numero: c.numero,
            intitule: c.intitule.clone(),
            exigences: requirements(c, judged, s),
            conclusion: doc
                .and_then(|d| d.section("conclusion"))
                .map_or_else(String::new, |s| s.body.clone()),
        });
    }
    let majeurs = ecarts.iter().filter(|e| e.majeur).count();
    let mineurs = ecarts.len() - majeurs;
    let bilan = format!(
        "{}, {}.",
        count(majeurs, "écart majeur", "écarts majeurs"),
        count(mineurs, "écart mineur", "écarts mineurs")
    );
    Rapport {
        nom: text(|f| f.etablissement.nom.as_str()),
        uai: text(|f| f.etablissement.uai.as_str()),
        edition: ws.edition.id.clone(),
        edition_titre: ws.edition.titre.clone(),
        date: crate::numfmt::date(&text(|f| f.visite.date.as_str())),
        lieu: text(|f| f.visite.lieu.as_str()),
        auditeurs: fiche.map_or(Vec::new(), |f| f.auditeurs.clone()),
        plan: untitled(audit.plan.as_deref().unwrap_or("")).to_string(),
        synthese,
        points_forts,
        mineurs,
        majeurs,
        bilan,
        ecarts,
        avis: fiche
            .and_then(super::Fiche::avis)
            .map_or_else(|| "non rendu".to_string(), |a| a.label().to_string()),
        motivation: text(|f| f.avis.motivation.as_str()),
        criteres,
        echelles: s.clone(),
    }
}

/// A criterion's row of the synthesis: its least good judged values.
fn synthesis(
    c: &crate::referentiel::Critere,
    judged: &[super::Jugement],
    ecarts: usize,
    s: &Echelles,
) -> Synthese {
    Synthese {
        numero: c.numero,
        intitule: c.intitule.clone(),
        conformite: worst(
            judged
                .iter()
                .filter_map(|j| j.conformite.as_ref().map(|v| v.value.as_str())),
            &s.conformite,
        ),
        efficacite: worst(
            judged
                .iter()
                .filter_map(|j| j.efficacite.as_ref().map(|v| v.value.as_str())),
            &s.efficacite,
        ),
        ecarts,
    }
}

/// The `n`-th écart of the rapport, found in criterion `critere`.
fn ecart(n: usize, critere: u32, e: &Ecart, s: &Echelles) -> EcartVue {
    let niveau = s.ecarts.iter().find(|l| same(&l.valeur, &e.niveau.value));
    EcartVue {
        n,
        niveau: shown(Some(e.niveau.value.as_str()), &s.ecarts),
        majeur: niveau.is_some_and(|l| l.majeur),
        critere,
        exigence: e.exigence.value.trim().to_string(),
        constat: e.constat.as_deref().unwrap_or("").trim().to_string(),
        correction: e.correction.as_deref().unwrap_or("").trim().to_string(),
        echeance: e
            .echeance
            .as_ref()
            .map_or(String::new(), |d| crate::numfmt::date(&d.value)),
        preuves: numbers(&e.preuves),
    }
}

/// The judged requirements of a criterion, in the edition's order.
fn requirements(
    c: &crate::referentiel::Critere,
    judged: &[super::Jugement],
    s: &Echelles,
) -> Vec<ExigenceVue> {
    c.exigences
        .iter()
        .filter_map(|e| {
            let j = judged.iter().find(|j| j.id.value.trim() == e.id)?;
            Some(ExigenceVue {
                id: e.id.clone(),
                texte: e.texte.clone(),
                conformite: shown(
                    j.conformite.as_ref().map(|v| v.value.as_str()),
                    &s.conformite,
                ),
                efficacite: shown(
                    j.efficacite.as_ref().map(|v| v.value.as_str()),
                    &s.efficacite,
                ),
                constats: j.constats.as_deref().unwrap_or("").trim().to_string(),
                preuves: numbers(&j.preuves),
            })
        })
        .collect()
}

/// The plan without its own title (« # Plan d'audit »): the rapport gives it one.
fn untitled(md: &str) -> &str {
    let t = md.trim_start();
    match t.strip_prefix("# ") {
        Some(rest) => rest.split_once('\n').map_or("", |(_, body)| body),
        None => t,
    }
}

/// A finding with the evidence it rests on: « … (preuves n° 7, n° 9) ».
pub fn with_evidence(text: &str, preuves: &str) -> String {
    if preuves.is_empty() {
        text.to_string()
    } else {
        format!("{text} (preuves {preuves})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn niveau(valeur: &str, non_evalue: bool) -> Niveau {
        Niveau {
            valeur: valeur.to_string(),
            definition: String::new(),
            non_evalue,
            ecart: false,
            majeur: false,
        }
    }

    #[test]
    fn a_criterion_shows_its_least_good_judged_value() {
        let scale = [
            niveau("conforme", false),
            niveau("non conforme", false),
            niveau("non évalué", true),
        ];
        let cases: [(&[&str], &str); 4] = [
            (&["conforme", "Non conforme "], "non conforme"),
            (&["conforme", "non évalué"], "conforme"),
            (&["non évalué"], DASH),
            (&["conformee"], DASH),
        ];
        for (written, want) in cases {
            assert_eq!(worst(written.iter().copied(), &scale), want, "{written:?}");
        }
    }

    #[test]
    fn the_plan_loses_only_its_own_title() {
        assert_eq!(untitled("# Plan d'audit\n\n| a |\n"), "\n| a |\n");
        assert_eq!(untitled("Visite du 12 mars\n"), "Visite du 12 mars\n");
        assert_eq!(untitled("## Matin\n"), "## Matin\n");
    }
}
