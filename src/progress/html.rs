//! The tableau de bord as one self-contained HTML page (inline CSS and SVG, no script).

use super::eval::{Statut, pourcent};
use super::svg::{chart, statut_class};
use super::term::resume_line;
use super::{Progress, Resume};
use crate::numfmt::{percent, with_unit};
use crate::templates::{self, TemplateError};
use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::Serialize;

#[derive(Serialize)]
struct Ind {
    intitule: String,
    statut: &'static str,
    classe: &'static str,
    raison: Option<String>,
    chiffres: String,
    svg: String,
}

#[derive(Serialize)]
struct Obj {
    intitule: String,
    indicateurs: Vec<Ind>,
}

#[derive(Serialize)]
struct Fiche {
    nature: &'static str,
    denomination: String,
    periode: Option<String>,
    objectifs: Vec<Obj>,
}

#[derive(Serialize)]
struct Crit {
    numero: u32,
    intitule: String,
    resume: String,
    comptes: Vec<String>,
    fiches: Vec<Fiche>,
}

pub(super) fn comptes(r: &Resume) -> Vec<String> {
    let mut v: Vec<String> = std::iter::once(r.indicateurs)
        .chain(Statut::ALL.iter().map(|s| r.count(*s)))
        .map(|n| n.to_string())
        .collect();
    v.push(r.progression_moyenne.map_or("—".to_string(), |p| {
        format!("{} (sur {})", percent(p), r.mesurables)
    }));
    v
}

fn chiffres(i: &super::Indicateur) -> String {
    let e = &i.evaluation;
    let mut parts = Vec::new();
    if let Some(d) = e.depart {
        parts.push(format!(
            "départ {} ({})",
            i.valeur(&d),
            i.calendrier.show(d.annee)
        ));
    }
    if let Some(l) = e
        .derniere
        .filter(|l| Some(l.annee) != e.depart.map(|d| d.annee))
    {
        parts.push(format!(
            "dernière mesure {} ({})",
            i.valeur(&l),
            i.calendrier.show(l.annee)
        ));
    }
    if let Some(c) = i.cible {
        parts.push(format!("cible {} ({})", with_unit(c, i.unite), i.sens));
    }
    if let Some(p) = e.progression_pourcent {
        parts.push(format!("progression {}", pourcent(p)));
    }
    if let Some(a) = e.attendu_pourcent {
        parts.push(format!("attendu {}", pourcent(a)));
    }
    parts.extend(i.textes());
    parts.join(" · ")
}

/// Renders the tableau de bord; `root` is the dossier, whose `templates/` may override ours.
pub fn render(
    p: &Progress,
    files: Option<&dyn crate::vfs::FileSource>,
) -> Result<String, TemplateError> {
    let criteres: Vec<Crit> = p
        .criteres
        .iter()
        .map(|c| Crit {
            numero: c.numero,
            intitule: c.intitule.clone(),
            resume: resume_line(&c.resume),
            comptes: comptes(&c.resume),
            fiches: c
                .fiches
                .iter()
                .map(|f| Fiche {
                    nature: if f.nature == "action" {
                        "Action"
                    } else {
                        "Engagement"
                    },
                    denomination: f.denomination.clone(),
                    periode: f.periode_ecrite(),
                    objectifs: f
                        .objectifs
                        .iter()
                        .map(|o| Obj {
                            intitule: o.intitule.clone(),
                            indicateurs: o
                                .indicateurs
                                .iter()
                                .map(|i| Ind {
                                    intitule: i.intitule.clone(),
                                    statut: i.evaluation.statut.label(),
                                    classe: statut_class(i.evaluation.statut),
                                    raison: i.evaluation.explication(),
                                    chiffres: chiffres(i),
                                    svg: if i.evaluation.statut == Statut::NonMesurable {
                                        String::new()
                                    } else {
                                        chart(i, f.periode, p.annee)
                                    },
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let env = templates::environment(files);
    let ctx = context! { p => Value::from(Serde(p)), annee => p.annee_ecrite(), criteres => Value::from(Serde(&criteres)), ensemble => comptes(&p.resume), bande => super::eval::PROCHE_BANDE, arrondi => super::eval::ARRONDI, regle_texte => super::eval::REGLE_TEXTE };
    templates::render(&env, files, "tableau-de-bord.html.j2", ctx)
}
