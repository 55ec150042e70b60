//! A criterion of the annex: its heading, the guide's boxes of prose (état des lieux,
//! objectif général, stratégie du réseau), the transversalité and team tables, its fiches.

use super::fiches;
use super::labelled;
use crate::doc::{Block, Cell, Inline, Table, caption, head, heading, para, read};
use crate::render::view::{Critere, Gens};

pub fn critere(b: &mut Vec<Block>, c: &Critere) {
    let x = c.numero;
    b.push(Block::PageBreak);
    let title = format!("Critère {x} — {}", c.intitule);
    b.push(heading(2, &format!("critere-{x}"), &title));
    if let Some(o) = &c.origine {
        b.push(Block::Note(vec![Inline::Text(o.clone())]));
    }
    if !c.contributions.is_empty() {
        b.push(para(&format!(
            "Contribuent aussi à ce critère (fiches associées) : {}.",
            c.contributions.join(" ; ")
        )));
    }
    let etat = format!("ÉTAT DES LIEUX DU CRITÈRE {x}");
    prose_box(b, &etat, &c.etat_des_lieux.md);
    let objectif = format!("OBJECTIF GÉNÉRAL DU CRITÈRE {x}");
    prose_box(b, &objectif, &c.objectif_general.md);
    if let Some(s) = &c.strategie_reseau {
        let strategie = format!("STRATÉGIE COMMUNE DU RÉSEAU : CRITÈRE {x}");
        prose_box(b, &strategie, &s.md);
    }
    b.push(caption(&format!(
        "TRANSVERSALITÉ DE LA DÉMARCHE QUALITÉ : CRITÈRE {x}"
    )));
    let rows = c.transversalite.iter();
    let rows = rows.map(|(k, v)| (k.clone(), vec![para(v)])).collect();
    b.push(Block::Table(labelled([35.0, 65.0], rows)));
    equipe(b, c);
    for act in &c.actions {
        fiches::action(b, x, act);
    }
    for eng in &c.engagements {
        fiches::engagement(b, x, eng);
    }
}

/// The school's prose framed under its title, like the guide's « État des lieux » boxes:
/// a frame rather than a one-cell table, which a screen reader would announce as a table
/// without headings; it runs over pages as long prose has to.
fn prose_box(b: &mut Vec<Block>, title: &str, md: &str) {
    b.push(caption(title));
    b.push(Block::Frame(read::prose(md)));
}

/// People under one heading cell spanning their rows (co-coordinators, members); the
/// row is there, with dashes, when nobody is named, as in the guide.
fn group(rows: &mut Vec<Vec<Cell>>, label: &str, people: &[Gens]) {
    if people.is_empty() {
        rows.push(vec![
            Cell::th(label),
            Cell::text("—"),
            Cell::text("—"),
            Cell::text("—"),
        ]);
    }
    for (i, g) in people.iter().enumerate() {
        let mut row = Vec::new();
        if i == 0 {
            let mut head = Cell::th(label);
            head.rowspan = people.len();
            row.push(head);
        }
        row.extend([&g.nom, &g.prenom, &g.fonction].map(|t| Cell::text(t)));
        rows.push(row);
    }
}

fn equipe(b: &mut Vec<Block>, c: &Critere) {
    let x = c.numero;
    b.push(caption(&format!("ÉQUIPE CRITÈRE {x}")));
    let mut body = Vec::new();
    let coordonnateur = format!("Coordonnateur critère {x}");
    group(&mut body, &coordonnateur, &c.coordonnateurs);
    group(
        &mut body,
        &format!("Membres équipe critère {x}"),
        &c.membres,
    );
    b.push(Block::Table(Table {
        widths: vec![28.0, 24.0, 24.0, 34.0],
        head: head(&["", "Nom", "Prénom", "Fonction"]),
        body,
        keep_together: false,
    }));
}
