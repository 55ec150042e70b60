//! `ldm diff`: what changed between the previous dossier and the renewal.
//!
//! Criteria are paired by folder slug (editions renumber them), then by title;
//! actions and engagements by criterion, kind and file name, then by similar
//! dénomination (a rename or a move); each old engagement gets its fate (tenu,
//! reconduit, abandonné) from `suite_de`, then from the pairing, then from similarity.

pub mod entity;
pub mod html;
pub mod matching;
pub mod team;
pub mod term;

use crate::model::{CritereDir, Dossier, Entity, Kind};
use crate::referentiel::Edition;
use entity::Changes;
use serde::Serialize;

/// One side of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// As the user named it: a folder, or a git revision.
    pub source: String,
    pub annee: Option<i64>,
    pub edition: String,
}

/// What happened to an action or engagement.
#[derive(Debug, Clone, Serialize)]
pub struct EntityDiff {
    pub nature: &'static str,
    /// « ajoutee », « retiree », « renommee », « deplacee », « modifiee », « identique ».
    pub etat: &'static str,
    pub id: String,
    pub ancien_id: Option<String>,
    pub denomination: String,
    /// For a new action: the old engagement it carries out.
    pub realise: Option<String>,
    pub changements: Changes,
}

/// The fate of an old engagement.
#[derive(Debug, Clone, Serialize)]
pub struct Devenir {
    pub engagement: String,
    pub denomination: String,
    /// « tenu », « reconduit » or « abandonne ».
    pub devenir: &'static str,
    /// The new action or engagement that follows it.
    pub suite: Option<String>,
    /// « suite_de », « identifiant », « similarite » — how it was found.
    pub par: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CritereDiff {
    /// « ajoute », « retire » or « commun ».
    pub etat: &'static str,
    pub ancien_numero: Option<u32>,
    pub numero: Option<u32>,
    pub intitule: String,
    pub fiches: Vec<EntityDiff>,
    pub engagements: Vec<Devenir>,
    pub equipe: team::TeamDiff,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Resume {
    pub criteres_ajoutes: usize,
    pub criteres_retires: usize,
    pub fiches_ajoutees: usize,
    pub fiches_retirees: usize,
    pub fiches_renommees: usize,
    pub fiches_modifiees: usize,
    pub engagements_tenus: usize,
    pub engagements_reconduits: usize,
    pub engagements_abandonnes: usize,
    pub personnes_arrivees: usize,
    pub personnes_parties: usize,
    pub personnes_changees: usize,
}

impl Resume {
    pub fn is_empty(&self) -> bool {
        self.criteres_ajoutes
            + self.criteres_retires
            + self.fiches_ajoutees
            + self.fiches_retirees
            + self.fiches_renommees
            + self.fiches_modifiees
            == 0
            && self.personnes_arrivees + self.personnes_parties + self.personnes_changees == 0
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub ancien: Side,
    pub nouveau: Side,
    pub resume: Resume,
    pub criteres: Vec<CritereDiff>,
    /// Everyone involved, across the dossier.
    pub equipe: team::TeamDiff,
}

/// A loaded dossier with its edition and how the user named it.
pub struct Input<'a> {
    pub source: String,
    pub dossier: &'a Dossier,
    pub edition: &'a Edition,
}

fn slug(dir: &CritereDir) -> String {
    let name = dir.dir.trim_start_matches("criteres/");
    name.split_once('-').map_or(name, |(_, s)| s).to_string()
}

fn intitule(ed: &Edition, dir: &CritereDir) -> String {
    ed.critere(dir.numero)
        .map_or_else(|| slug(dir), |c| c.intitule.clone())
}

/// An entity with what pairing needs.
struct Fiche<'a> {
    crit: &'a CritereDir,
    kind: Kind,
    entity: &'a Entity,
    stem: String,
    denomination: String,
}

fn fiches(d: &Dossier) -> Vec<Fiche<'_>> {
    d.entities()
        .filter_map(|(crit, kind, e)| {
            let f = e.front.as_ref()?;
            let stem = e
                .path
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md")
                .to_string();
            Some(Fiche {
                crit,
                kind,
                entity: e,
                stem,
                denomination: f.denomination.value.clone(),
            })
        })
        .collect()
}

/// An old fiche with nothing after it.
fn removed(o: &Fiche) -> EntityDiff {
    EntityDiff {
        nature: o.kind.label(),
        etat: "retiree",
        id: o.entity.id(),
        ancien_id: Some(o.entity.id()),
        denomination: o.denomination.clone(),
        realise: None,
        changements: Changes::default(),
    }
}

/// Compares `old` and `new`.
pub fn compare(old: &Input, new: &Input) -> Diff {
    let (od, nd) = (old.dossier, new.dossier);
    // Criteria: slug, then title.
    let crit_pairs = matching::pair(&od.criteres, &nd.criteres, slug, |c| {
        intitule(old.edition, c)
    });
    let crit_of_new = |j: usize| crit_pairs.iter().find(|p| p.1 == j).map(|p| p.0);
    let same_crit = |o: &CritereDir, n: &CritereDir| {
        let (i, j) = (
            od.criteres.iter().position(|c| std::ptr::eq(c, o)),
            nd.criteres.iter().position(|c| std::ptr::eq(c, n)),
        );
        matches!((i, j), (Some(i), Some(j)) if crit_of_new(j) == Some(i))
    };

    // Entities of each kind: same criterion and file name, then similar dénomination.
    let (of, nf) = (fiches(od), fiches(nd));
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for kind in [Kind::Action, Kind::Engagement] {
        let oi: Vec<usize> = (0..of.len()).filter(|i| of[*i].kind == kind).collect();
        let ni: Vec<usize> = (0..nf.len()).filter(|i| nf[*i].kind == kind).collect();
        let key_old = |i: &usize| format!("{}/{}", slug(of[*i].crit), of[*i].stem);
        let key_new = |j: &usize| {
            let n = &nf[*j];
            // A file keeps its identity when its criterion was only renumbered.
            let crit = nd
                .criteres
                .iter()
                .position(|c| std::ptr::eq(c, n.crit))
                .and_then(crit_of_new)
                .map_or_else(|| slug(n.crit), |i| slug(&od.criteres[i]));
            format!("{crit}/{}", n.stem)
        };
        // `pair` takes one key function for both sides: tag the index with its side.
        let olds: Vec<(bool, usize)> = oi.iter().map(|i| (true, *i)).collect();
        let news: Vec<(bool, usize)> = ni.iter().map(|j| (false, *j)).collect();
        let key = |x: &(bool, usize)| if x.0 { key_old(&x.1) } else { key_new(&x.1) };
        let title = |x: &(bool, usize)| {
            if x.0 {
                of[x.1].denomination.clone()
            } else {
                nf[x.1].denomination.clone()
            }
        };
        for (a, b, s) in matching::pair(&olds, &news, key, title) {
            pairs.push((olds[a].1, news[b].1, s));
        }
    }

    // What became of each old engagement.
    let mut devenirs: Vec<(usize, Devenir)> = Vec::new();
    let mut realises: Vec<(usize, String)> = Vec::new();
    for (i, o) in of
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind == Kind::Engagement)
    {
        let old_id = o.entity.id();
        let by_suite = nf.iter().position(|n| {
            n.entity
                .front
                .as_ref()
                .and_then(|f| f.suite_de.as_ref())
                .is_some_and(|s| s.value.trim() == old_id)
        });
        let paired = pairs.iter().find(|p| p.0 == i).map(|p| p.1);
        let by_similarity = || {
            nf.iter()
                .enumerate()
                .filter(|(j, n)| n.kind == Kind::Action && !pairs.iter().any(|p| p.1 == *j))
                .map(|(j, n)| (j, matching::similarity(&o.denomination, &n.denomination)))
                .filter(|(_, s)| *s >= matching::THRESHOLD)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(j, _)| j)
        };
        let (suite, par) = match (by_suite, paired) {
            (Some(j), _) => (Some(j), Some("suite_de")),
            (None, Some(j)) => (
                Some(j),
                Some(if nf[j].stem == o.stem {
                    "identifiant"
                } else {
                    "similarite"
                }),
            ),
            (None, None) => match by_similarity() {
                Some(j) => (Some(j), Some("similarite")),
                None => (None, None),
            },
        };
        let devenir = match suite.map(|j| nf[j].kind) {
            Some(Kind::Action) => "tenu",
            Some(Kind::Engagement) => "reconduit",
            None => "abandonne",
        };
        if let (Some(j), "tenu") = (suite, devenir) {
            realises.push((j, old_id.clone()));
        }
        let crit_index = od
            .criteres
            .iter()
            .position(|c| std::ptr::eq(c, o.crit))
            .unwrap_or(0);
        devenirs.push((
            crit_index,
            Devenir {
                engagement: old_id,
                denomination: o.denomination.clone(),
                devenir,
                suite: suite.map(|j| nf[j].entity.id()),
                par,
            },
        ));
    }

    // An old engagement that something continues is told in the engagements' fate,
    // not listed again as removed.
    let followed = |id: &str| {
        devenirs
            .iter()
            .any(|(_, d)| d.engagement == id && d.suite.is_some())
    };

    // Per criterion: the new side's order, then criteria that disappeared.
    let mut criteres = Vec::new();
    for (j, nc) in nd.criteres.iter().enumerate() {
        let oc = crit_of_new(j).map(|i| &od.criteres[i]);
        let mut list = Vec::new();
        for (nj, n) in nf
            .iter()
            .enumerate()
            .filter(|(_, n)| std::ptr::eq(n.crit, nc))
        {
            let realise = realises.iter().find(|r| r.0 == nj).map(|r| r.1.clone());
            list.push(match pairs.iter().find(|p| p.1 == nj) {
                Some(&(i, _, _)) => {
                    let o = &of[i];
                    let changes = entity::compare(od, o.entity, nd, n.entity);
                    let moved = !same_crit(o.crit, nc);
                    let etat = if o.stem != n.stem {
                        "renommee"
                    } else if moved {
                        "deplacee"
                    } else if changes.is_empty() {
                        "identique"
                    } else {
                        "modifiee"
                    };
                    EntityDiff {
                        nature: n.kind.label(),
                        etat,
                        id: n.entity.id(),
                        ancien_id: Some(o.entity.id()),
                        denomination: n.denomination.clone(),
                        realise,
                        changements: changes,
                    }
                }
                None => EntityDiff {
                    nature: n.kind.label(),
                    etat: "ajoutee",
                    id: n.entity.id(),
                    ancien_id: None,
                    denomination: n.denomination.clone(),
                    realise,
                    changements: Changes::default(),
                },
            });
        }
        if let Some(oc) = oc {
            for (i, o) in of
                .iter()
                .enumerate()
                .filter(|(_, o)| std::ptr::eq(o.crit, oc) && !followed(&o.entity.id()))
            {
                if !pairs.iter().any(|p| p.0 == i) {
                    list.push(removed(o));
                }
            }
        }
        let old_index = crit_of_new(j);
        criteres.push(CritereDiff {
            etat: if oc.is_some() { "commun" } else { "ajoute" },
            ancien_numero: oc.map(|c| c.numero),
            numero: Some(nc.numero),
            intitule: intitule(new.edition, nc),
            fiches: list,
            engagements: devenirs
                .iter()
                .filter(|(c, _)| Some(*c) == old_index)
                .map(|(_, d)| d.clone())
                .collect(),
            equipe: team::compare_critere(oc, Some(nc)),
        });
    }
    for (i, oc) in od.criteres.iter().enumerate() {
        if crit_pairs.iter().any(|p| p.0 == i) {
            continue;
        }
        let fiches_retirees = of
            .iter()
            .filter(|o| std::ptr::eq(o.crit, oc) && !followed(&o.entity.id()))
            .map(removed)
            .collect();
        criteres.push(CritereDiff {
            etat: "retire",
            ancien_numero: Some(oc.numero),
            numero: None,
            intitule: intitule(old.edition, oc),
            fiches: fiches_retirees,
            engagements: devenirs
                .iter()
                .filter(|(c, _)| *c == i)
                .map(|(_, d)| d.clone())
                .collect(),
            equipe: team::compare_critere(Some(oc), None),
        });
    }

    let equipe = team::compare(od, nd);
    let count = |etat: &str| {
        criteres
            .iter()
            .flat_map(|c| c.fiches.iter())
            .filter(|f| f.etat == etat)
            .count()
    };
    let fate = |d: &str| {
        criteres
            .iter()
            .flat_map(|c| c.engagements.iter())
            .filter(|e| e.devenir == d)
            .count()
    };
    let resume = Resume {
        criteres_ajoutes: criteres.iter().filter(|c| c.etat == "ajoute").count(),
        criteres_retires: criteres.iter().filter(|c| c.etat == "retire").count(),
        fiches_ajoutees: count("ajoutee"),
        fiches_retirees: count("retiree"),
        fiches_renommees: count("renommee") + count("deplacee"),
        fiches_modifiees: count("modifiee"),
        engagements_tenus: fate("tenu"),
        engagements_reconduits: fate("reconduit"),
        engagements_abandonnes: fate("abandonne"),
        personnes_arrivees: equipe.arrivees.len(),
        personnes_parties: equipe.departs.len(),
        personnes_changees: equipe.changements.len(),
    };
    Diff {
        ancien: Side {
            source: old.source.clone(),
            annee: od.annee(),
            edition: old.edition.id.clone(),
        },
        nouveau: Side {
            source: new.source.clone(),
            annee: nd.annee(),
            edition: new.edition.id.clone(),
        },
        resume,
        criteres,
        equipe,
    }
}

/// The prose of a section, for comparisons.
pub(crate) fn section_text(d: &Dossier, e: &Entity, title: &str, parent: Option<&str>) -> String {
    crate::markup::without_comments(&d.section_text(e, title, parent))
}
