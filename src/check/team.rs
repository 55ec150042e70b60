//! Team rules: coordinators, complete persons, consistent functions, animateurs.

use super::Ctx;
use super::text::is_placeholder;
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::front::CritereFront;
use crate::model::query::{Citation, YEARS, citations};
use crate::model::{Doc, Kind};
use crate::text::fold;
use std::collections::BTreeMap;

pub fn check(ctx: &mut Ctx) {
    let d = ctx.dossier;
    for c in &d.criteres {
        let Some(doc) = &c.critere else { continue };
        let Some(f) = &doc.front else { continue };
        coordinator(ctx, c.numero, doc, f);
        members(ctx, c.numero, doc, f);
    }
    animateurs(ctx);
    let cites = citations(d);
    complete_persons(ctx, &cites);
    consistent_functions(ctx, &cites);
}

/// `coordonnateur-manquant`: a criterion's team table starts with its coordinator.
fn coordinator(ctx: &mut Ctx, numero: u32, doc: &Doc<CritereFront>, f: &CritereFront) {
    if f.coordonnateur.as_ref().is_none_or(|ps| ps.is_empty()) {
        ctx.push(
            Diagnostic::new(
                Rule::CoordonnateurManquant,
                format!("le critère {numero} n'a pas de coordonnateur"),
            )
            .at(&doc.path, Pos::new(doc.yaml_offset + 1, 1, 1))
            .help("ajoutez « coordonnateur: {nom: …, prenom: …, fonction: …} »"),
        );
    }
}

/// `equipe-sans-membre`: a criterion's team has members around its coordinator.
fn members(ctx: &mut Ctx, numero: u32, doc: &Doc<CritereFront>, f: &CritereFront) {
    if f.membres.is_empty() {
        ctx.push(
            Diagnostic::new(
                Rule::EquipeSansMembre,
                format!("l'équipe du critère {numero} se réduit à son coordonnateur"),
            )
            .at(&doc.path, Pos::new(doc.yaml_offset + 1, 1, 1))
            .help("ajoutez « membres: » avec les personnes qui travaillent sur le critère"),
        );
    }
}

/// `animateur-manquant`: every engagement names the person who leads it.
fn animateurs(ctx: &mut Ctx) {
    for (_, kind, e) in ctx.dossier.entities() {
        if kind == Kind::Engagement
            && let Some(f) = &e.front
            && f.animateur.as_ref().is_none_or(|ps| ps.is_empty())
        {
            ctx.push(
                Diagnostic::new(Rule::AnimateurManquant, format!("l'engagement « {} » n'a pas d'animateur", f.denomination.value))
                    .at(&e.path, e.pos(&f.denomination))
                    .help("ajoutez « animateur: {nom: …, prenom: …, fonction: …} » : la personne qui porte l'engagement"),
            );
        }
    }
}

/// `personne-incomplete`: every person cited has a non-empty nom, prénom and fonction.
fn complete_persons(ctx: &mut Ctx, cites: &[Citation]) {
    for c in cites {
        let p = c.personne;
        for (field, v) in [
            ("nom", &p.nom),
            ("prenom", &p.prenom),
            ("fonction", &p.fonction),
        ] {
            if v.value.trim().is_empty() {
                let pos = Pos::new(c.pos.line, c.pos.column, 1);
                ctx.push(
                    Diagnostic::new(Rule::PersonneIncomplete, format!("« {field} » vide pour {}", c.role))
                        .at(c.file, pos)
                        .help(format!("renseignez « {field} » : l'annexe présente chaque personne par son nom, son prénom et sa fonction")),
                );
            } else if field != "fonction" && is_stand_in_name(&v.value) {
                ctx.push(
                    Diagnostic::new(Rule::PersonneIncomplete, format!("« {} » n'est pas un {field} pour {}", v.value.trim(), c.role))
                        .at(c.file, c.pos)
                        .help(format!("écrivez le vrai {field} de la personne, ou retirez-la : l'annexe présente chaque personne par son nom")),
                );
            }
        }
    }
}

/// Names written when the real one is unknown (« Non communiqué », « NN », « X »),
/// compared folded; they would print as a person in the annex.
fn is_stand_in_name(value: &str) -> bool {
    const STAND_INS: &[&str] = &[
        "non communique",
        "non communiquee",
        "nc",
        "n.c.",
        "nn",
        "x",
        "xx",
        "xxx",
        "inconnu",
        "inconnue",
        "?",
        "...",
        "…",
    ];
    STAND_INS.contains(&fold(value.trim()).as_str())
}

/// Two fonctions of one person that do not contradict each other: the same once
/// folded, one that adds a declared role to the other (« CPE » and « CPE, référente
/// décrochage »), or both dated, at different years (« CPE (2017) » and « chargée de
/// mission bureau des entreprises (2024) »).
fn compatible(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a.trim()), fold(b.trim()));
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (words(&a), words(&b));
    let within = |short: &[String], long: &[String]| {
        !short.is_empty() && long.windows(short.len()).any(|w| w == short)
    };
    let years = |ws: &[String]| -> std::collections::BTreeSet<i64> {
        ws.iter()
            .filter_map(|w| w.parse::<i64>().ok())
            .filter(|y| YEARS.contains(y))
            .collect()
    };
    let (ya, yb) = (years(&wa), years(&wb));
    a == b
        || within(&wa, &wb)
        || within(&wb, &wa)
        || (!ya.is_empty() && !yb.is_empty() && ya.is_disjoint(&yb))
}

/// `fonction-incoherente`: one person (same folded nom and prénom) has one fonction
/// everywhere, or fonctions that do not contradict each other (`compatible`); each
/// later citation that contradicts the first is reported.
fn consistent_functions(ctx: &mut Ctx, cites: &[Citation]) {
    let mut first: BTreeMap<(String, String), &Citation> = BTreeMap::new();
    for c in cites {
        let p = c.personne;
        if [&p.nom.value, &p.prenom.value, &p.fonction.value]
            .iter()
            .any(|v| is_placeholder(v) || is_stand_in_name(v) || v.trim().is_empty())
        {
            continue;
        }
        let key = (fold(p.nom.value.trim()), fold(p.prenom.value.trim()));
        match first.get(&key) {
            None => {
                first.insert(key, c);
            }
            Some(f) if !compatible(&f.personne.fonction.value, &p.fonction.value) => {
                let pos = Pos::new(c.pos.line, c.pos.column, c.pos.len);
                ctx.push(
                    Diagnostic::new(
                        Rule::FonctionIncoherente,
                        format!(
                            "{} {} est « {} » ici mais « {} » dans {}",
                            p.prenom.value,
                            p.nom.value,
                            p.fonction.value,
                            f.personne.fonction.value,
                            f.file
                        ),
                    )
                    .at(c.file, pos)
                    .help("écrivez la même fonction partout pour une même personne ; deux fonctions à des années différentes se datent, « CPE (2017) », « chargée de mission (2024) », et un rôle s'ajoute à la fonction, « CPE, référente décrochage »"),
                );
            }
            Some(_) => {}
        }
    }
}
