//! Team rules: coordinators, complete persons, consistent functions, animateurs.

use super::Ctx;
use super::text::is_placeholder;
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::Kind;
use crate::model::query::{Citation, citations};
use crate::text::fold;
use std::collections::BTreeMap;

pub fn check(ctx: &mut Ctx) {
    let d = ctx.dossier;
    for c in &d.criteres {
        let Some(doc) = &c.critere else { continue };
        let Some(f) = &doc.front else { continue };
        if f.coordonnateur.is_none() {
            ctx.push(
                Diagnostic::new(
                    "coordonnateur-manquant",
                    format!("le critère {} n'a pas de coordonnateur", c.numero),
                )
                .at(&doc.path, Pos::new(doc.yaml_offset + 1, 1, 1))
                .help("ajoutez « coordonnateur: {nom: …, prenom: …, fonction: …} »"),
            );
        }
        if f.membres.is_empty() {
            ctx.push(
                Diagnostic::new(
                    "equipe-sans-membre",
                    format!(
                        "l'équipe du critère {} se réduit à son coordonnateur",
                        c.numero
                    ),
                )
                .at(&doc.path, Pos::new(doc.yaml_offset + 1, 1, 1))
                .help("ajoutez « membres: » avec les personnes qui travaillent sur le critère"),
            );
        }
    }
    for (_, kind, e) in d.entities() {
        if kind == Kind::Engagement
            && let Some(f) = &e.front
            && f.animateur.is_none()
        {
            ctx.push(
                Diagnostic::new("animateur-manquant", format!("l'engagement « {} » n'a pas d'animateur", f.denomination.value))
                    .at(&e.path, e.pos(&f.denomination))
                    .help("ajoutez « animateur: {nom: …, prenom: …, fonction: …} » : la personne qui porte l'engagement"),
            );
        }
    }

    let cites = citations(d);
    for c in &cites {
        let p = c.personne;
        for (field, v) in [
            ("nom", &p.nom),
            ("prenom", &p.prenom),
            ("fonction", &p.fonction),
        ] {
            if v.value.trim().is_empty() {
                let pos = Pos::new(c.pos.line, c.pos.column, 1);
                ctx.push(
                    Diagnostic::new("personne-incomplete", format!("« {field} » vide pour {}", c.role))
                        .at(c.file, pos)
                        .help(format!("renseignez « {field} » : l'annexe présente chaque personne par son nom, son prénom et sa fonction")),
                );
            }
        }
    }
    // Same person (folded name and first name), different functions.
    let mut first: BTreeMap<(String, String), &Citation> = BTreeMap::new();
    for c in &cites {
        let p = c.personne;
        if [&p.nom.value, &p.prenom.value, &p.fonction.value]
            .iter()
            .any(|v| is_placeholder(v) || v.trim().is_empty())
        {
            continue;
        }
        let key = (fold(p.nom.value.trim()), fold(p.prenom.value.trim()));
        match first.get(&key) {
            None => {
                first.insert(key, c);
            }
            Some(f) if fold(f.personne.fonction.value.trim()) != fold(p.fonction.value.trim()) => {
                let pos = Pos::new(c.pos.line, c.pos.column, c.pos.len);
                ctx.push(
                    Diagnostic::new(
                        "fonction-incoherente",
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
                    .help("écrivez la même fonction partout pour une même personne"),
                );
            }
            Some(_) => {}
        }
    }
}
