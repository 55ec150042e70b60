//! Team changes: who joined, who left, who changed function or role.

use crate::model::front::Personne;
use crate::model::{CritereDir, Dossier};
use crate::text::fold;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Gens {
    pub nom: String,
    pub prenom: String,
    pub fonction: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Changement {
    pub personne: String,
    pub avant: String,
    pub apres: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TeamDiff {
    pub arrivees: Vec<Gens>,
    pub departs: Vec<Gens>,
    pub changements: Vec<Changement>,
}

impl TeamDiff {
    pub fn is_empty(&self) -> bool {
        self.arrivees.is_empty() && self.departs.is_empty() && self.changements.is_empty()
    }
}

type Key = (String, String);

/// A role in the dossier. Criterion roles are keyed by the criterion's folder slug, which
/// survives a renumbering of the criteria; they are named by number and title when shown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Chef,
    Ddfpt,
    Pilotage,
    Coordination(String),
    Equipe(String),
    Animation(String),
}

/// The criteria of both dossiers by slug: « critère 7 « intitulé » », the new side first.
pub type CritereNames = BTreeMap<String, String>;

/// Names the criteria of `d` by slug, with the titles of its edition.
pub fn critere_names(d: &Dossier, ed: &crate::referentiel::Edition, into: &mut CritereNames) {
    for c in &d.criteres {
        let title = ed
            .critere(c.numero)
            .map_or_else(|| slug(c).to_string(), |r| r.intitule.clone());
        into.entry(slug(c).to_string())
            .or_insert_with(|| format!("critère {} « {title} »", c.numero));
    }
}

impl Role {
    fn label(&self, names: &CritereNames) -> String {
        let critere = |s: &String| names.get(s).cloned().unwrap_or_else(|| s.clone());
        match self {
            Role::Chef => "chef d'établissement".to_string(),
            Role::Ddfpt => "DDFPT".to_string(),
            Role::Pilotage => "comité de pilotage".to_string(),
            Role::Coordination(s) => format!("coordination du {}", critere(s)),
            Role::Equipe(s) => format!("équipe du {}", critere(s)),
            Role::Animation(t) => format!("animation de l'engagement « {t} »"),
        }
    }
}

fn key(p: &Personne) -> Key {
    (fold(p.nom.value.trim()), fold(p.prenom.value.trim()))
}

/// A person still « À compléter » (a new criterion's team made by `init`): nobody has
/// joined yet. (`check::text::is_placeholder` is of diff's rank, so not at hand here.)
fn unnamed(nom: &str) -> bool {
    fold(nom).contains(&fold("À compléter"))
}

fn gens(p: &Personne) -> Gens {
    Gens {
        nom: p.nom.value.trim().to_string(),
        prenom: p.prenom.value.trim().to_string(),
        fonction: p.fonction.value.trim().to_string(),
    }
}

fn slug(c: &CritereDir) -> &str {
    let name = c.dir.trim_start_matches("criteres/");
    name.split_once('-').map_or(name, |(_, s)| s)
}

/// Everyone of a dossier with their function and roles (roles named by criterion slug,
/// which survives a renumbering of the criteria).
fn people(d: &Dossier) -> BTreeMap<Key, (Gens, BTreeSet<Role>)> {
    let mut out: BTreeMap<Key, (Gens, BTreeSet<Role>)> = BTreeMap::new();
    let mut add = |p: &Personne, role: Role| {
        if unnamed(&p.nom.value) {
            return;
        }
        out.entry(key(p))
            .or_insert_with(|| (gens(p), BTreeSet::new()))
            .1
            .insert(role);
    };
    if let Some(f) = d.etablissement.as_ref().and_then(|e| e.front.as_ref()) {
        f.chef_etablissement.iter().for_each(|p| add(p, Role::Chef));
        f.ddfpt.iter().for_each(|p| add(p, Role::Ddfpt));
        f.comite_pilotage
            .iter()
            .for_each(|p| add(p, Role::Pilotage));
    }
    for c in &d.criteres {
        if let Some(f) = c.critere.as_ref().and_then(|doc| doc.front.as_ref()) {
            f.coordonnateur
                .iter()
                .flat_map(|ps| ps.iter())
                .for_each(|p| add(p, Role::Coordination(slug(c).to_string())));
            f.membres
                .iter()
                .for_each(|p| add(p, Role::Equipe(slug(c).to_string())));
        }
        for e in &c.engagements {
            let animateurs = e.front.as_ref().and_then(|f| f.animateur.as_ref());
            for p in animateurs.iter().flat_map(|ps| ps.iter()) {
                add(
                    p,
                    Role::Animation(
                        e.front
                            .as_ref()
                            .map_or(String::new(), |f| f.denomination.value.clone()),
                    ),
                );
            }
        }
    }
    out
}

fn name(g: &Gens) -> String {
    format!("{} {}", g.prenom, g.nom)
}

/// Changes across the whole dossier; criterion roles named from `names`.
pub fn compare(old: &Dossier, new: &Dossier, names: &CritereNames) -> TeamDiff {
    let (o, n) = (people(old), people(new));
    let mut t = TeamDiff::default();
    for (k, (g, roles)) in &n {
        match o.get(k) {
            None => t.arrivees.push(g.clone()),
            Some((og, oroles)) => {
                if fold(&og.fonction) != fold(&g.fonction) {
                    t.changements.push(Changement {
                        personne: name(g),
                        avant: og.fonction.clone(),
                        apres: g.fonction.clone(),
                    });
                }
                if oroles != roles {
                    let list = |r: &BTreeSet<Role>| {
                        r.iter()
                            .map(|x| x.label(names))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    t.changements.push(Changement {
                        personne: name(g),
                        avant: list(oroles),
                        apres: list(roles),
                    });
                }
            }
        }
    }
    for (k, (g, _)) in &o {
        if !n.contains_key(k) {
            t.departs.push(g.clone());
        }
    }
    t
}

/// Changes in one criterion's team (coordinator and members).
pub fn compare_critere(old: Option<&CritereDir>, new: Option<&CritereDir>) -> TeamDiff {
    let team = |c: Option<&CritereDir>| -> Vec<(Key, Gens, bool)> {
        let Some(f) = c
            .and_then(|c| c.critere.as_ref())
            .and_then(|d| d.front.as_ref())
        else {
            return Vec::new();
        };
        f.coordonnateur
            .iter()
            .flat_map(|ps| ps.iter())
            .map(|p| (key(p), gens(p), true))
            .chain(f.membres.iter().map(|p| (key(p), gens(p), false)))
            .filter(|(_, g, _)| !unnamed(&g.nom))
            .collect()
    };
    let (o, n) = (team(old), team(new));
    let mut t = TeamDiff::default();
    let role = |coord: bool| if coord { "coordonnateur" } else { "membre" };
    for (k, g, coord) in &n {
        match o.iter().find(|(ok, _, _)| ok == k) {
            None => t.arrivees.push(g.clone()),
            Some((_, _, was)) if was != coord => t.changements.push(Changement {
                personne: name(g),
                avant: role(*was).into(),
                apres: role(*coord).into(),
            }),
            Some(_) => {}
        }
    }
    for (k, g, _) in &o {
        if !n.iter().any(|(nk, _, _)| nk == k) {
            t.departs.push(g.clone());
        }
    }
    t
}
