//! What one year of the label did, as the bilan tells it: per criterion, the actions
//! carried out that year (their period covers it) and the engagements started that year
//! (their period starts in it), by title, and what changed in the teams (`equipe`).

use super::equipe::{Changements, Equipe};
use crate::doc::{Block, Inline, heading};
use crate::model::front::Personne;
use crate::model::{CritereDir, Dossier, Kind};
use std::collections::BTreeMap;

/// One criterion's year.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CritereAnnee {
    pub actions: Vec<String>,
    pub engagements: Vec<String>,
    pub equipe: Changements,
}

/// The year of the whole dossier: each criterion's, and the pilotage team's changes.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Annee {
    pub criteres: BTreeMap<u32, CritereAnnee>,
    pub pilotage: Changements,
}

/// Reads the year `annee` from the dossier.
pub fn of(d: &Dossier, annee: i64) -> Annee {
    let criteres = (d.criteres.iter())
        .map(|c| (c.numero, critere(c, annee)))
        .collect();
    let pilotage = d
        .etablissement
        .as_ref()
        .and_then(|e| e.front.as_ref())
        .map(|f| {
            Equipe {
                places: vec![
                    ("chef d'établissement", one(&f.chef_etablissement)),
                    ("DDFPT", one(&f.ddfpt)),
                    ("comité de pilotage", &f.comite_pilotage),
                ],
                anciens: &f.anciens,
            }
            .changements(annee)
        })
        .unwrap_or_default();
    Annee { criteres, pilotage }
}

fn one(p: &Option<Personne>) -> &[Personne] {
    p.as_ref().map_or(&[], std::slice::from_ref)
}

fn critere(c: &CritereDir, annee: i64) -> CritereAnnee {
    let mut out = CritereAnnee::default();
    for (kind, e) in c.entities() {
        let Some(f) = e.front.as_ref() else { continue };
        let Some(p) = f.periode.as_ref() else {
            continue;
        };
        let (debut, fin) = (p.debut.value, p.fin.value);
        let title = f.denomination.value.trim().to_string();
        match kind {
            Kind::Action if debut <= annee && annee <= fin => out.actions.push(title),
            Kind::Engagement if debut == annee => out.engagements.push(title),
            _ => {}
        }
    }
    if let Some(f) = c.critere.as_ref().and_then(|d| d.front.as_ref()) {
        let coordonnateurs = f.coordonnateur.as_deref().unwrap_or(&[]);
        out.equipe = Equipe {
            places: vec![("coordination", coordonnateurs), ("membre", &f.membres)],
            anciens: &f.anciens,
        }
        .changements(annee);
    }
    out
}

/// « L'année 2025 » of a criterion: its actions, its engagements, its team.
pub fn blocks(c: &CritereAnnee, numero: u32, annee: &str) -> Vec<Block> {
    let list = |v: &[String], none: &str| {
        if v.is_empty() {
            none.to_string()
        } else {
            v.iter()
                .map(|t| format!("« {t} »"))
                .collect::<Vec<_>>()
                .join(" ; ")
        }
    };
    let items = vec![
        format!("Actions menées en {annee} : {}", list(&c.actions, "aucune")),
        format!(
            "Engagements commencés en {annee} : {}",
            list(&c.engagements, "aucun")
        ),
        format!("Équipe du critère : {}", team(&c.equipe)),
    ];
    vec![
        heading(3, &format!("annee-{numero}"), &format!("L'année {annee}")),
        bullets(&items),
    ]
}

/// The pilotage team's changes, under the summary.
pub fn pilotage(c: &Changements, annee: &str) -> Vec<Block> {
    vec![Block::Para(vec![Inline::Text(crate::typo::french(
        &format!("Équipe de pilotage en {annee} : {}", team(c)),
    ))])]
}

/// « arrivée : … — départ : … — nouveau rôle : … », or « inchangée ».
fn team(c: &Changements) -> String {
    if c.is_empty() {
        return "inchangée".to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    for group in c.chunk_by(|a, b| a.0 == b.0) {
        let (one, many) = group[0].0.label();
        let label = if group.len() == 1 { one } else { many };
        let who: Vec<&str> = group.iter().map(|(_, w)| w.as_str()).collect();
        parts.push(format!("{label} : {}", who.join(" ; ")));
    }
    parts.join(" — ")
}

fn bullets(items: &[String]) -> Block {
    Block::List {
        start: None,
        items: (items.iter())
            .map(|t| vec![Block::Para(vec![Inline::Text(crate::typo::french(t))])])
            .collect(),
    }
}
