//! The annex as a Word document body, built from the same view model as the HTML and PDF
//! annexes, table by table and in the same order.

use super::blocks::{
    Writer, breakable, cell, first_of_span, lines, num, para, run, spanned, table, td, th,
};
use super::fiches;
use super::prose;
use crate::render::view::{Annexe, Critere, Gens, Identite};
use docx_rs::{AlignmentType, Paragraph, Run, TableCell};

pub const TITLE: &str = "Dossier de labellisation « Lycée des métiers »";

/// Writes the whole annex; the contents go where `contents_at` says (after the cover).
pub fn annexe(w: &mut Writer, a: &Annexe) -> usize {
    cover(w, &a.identite);
    let contents_at = w.docx.document.children.len();
    etablissement(w, a);
    synopsis(w, a);
    for c in &a.criteres {
        critere(w, c);
    }
    preuves(w, a);
    collectif(w, a);
    contents_at
}

fn cover(w: &mut Writer, id: &Identite) {
    let centred = |r: Run| Paragraph::new().align(AlignmentType::Center).add_run(r);
    w.paragraph(centred(run(TITLE).size(24).color(super::blocks::MUTED)));
    w.paragraph(
        Paragraph::new()
            .style("Title")
            .align(AlignmentType::Center)
            .add_run(run(&id.nom)),
    );
    w.paragraph(centred(run(&id.denomination).size(28).italic()));
    let rows = id.cover_rows();
    let rows = rows.iter().map(|(k, v)| vec![th(k), td(v)]).collect();
    w.table(0, table(&[45.0, 55.0], rows));
}

fn etablissement(w: &mut Writer, a: &Annexe) {
    w.heading(1, "Présentation de l'établissement", true);
    for (title, p) in [
        ("Contexte de l'établissement", &a.contexte),
        (
            "Articulation avec l'auto-évaluation, le projet d'établissement, le contrat d'objectifs et les autres labels",
            &a.articulation,
        ),
        ("Pilotage de la démarche", &a.pilotage),
    ] {
        w.heading(2, title, false);
        w.blocks(prose::blocks(&p.md));
    }
}

fn synopsis(w: &mut Writer, a: &Annexe) {
    w.heading(1, "Synoptique des critères", true);
    let mut rows = vec![
        [
            "Critère",
            "Coordonnateur",
            "Actions",
            "Engagements",
            "Exigences couvertes",
        ]
        .map(th)
        .to_vec(),
    ];
    for s in &a.synopsis {
        rows.push(vec![
            td(&format!("{} — {}", s.numero, s.intitule)),
            td(&s.coordonnateur),
            num(&s.actions.to_string()),
            num(&s.engagements.to_string()),
            num(&s.exigences),
        ]);
    }
    w.table(1, table(&[3.0, 2.1, 1.0, 1.3, 1.3], rows));
}

/// A one-cell table holding prose, like the guide's « État des lieux » boxes; the cell may
/// run over a page, as long prose has to.
fn prose_box(w: &mut Writer, title: &str, md: &str) {
    w.caption(title);
    let t = table(&[1.0], vec![vec![cell(prose::blocks(md))]]);
    w.table(0, breakable(t));
}

fn critere(w: &mut Writer, c: &Critere) {
    let x = c.numero;
    w.heading(1, &format!("Critère {x} — {}", c.intitule), true);
    prose_box(
        w,
        &format!("ÉTAT DES LIEUX DU CRITÈRE {x}"),
        &c.etat_des_lieux.md,
    );
    prose_box(
        w,
        &format!("OBJECTIF GÉNÉRAL DU CRITÈRE {x}"),
        &c.objectif_general.md,
    );
    if let Some(s) = &c.strategie_reseau {
        prose_box(
            w,
            &format!("STRATÉGIE COMMUNE DU RÉSEAU : CRITÈRE {x}"),
            &s.md,
        );
    }
    w.caption(&format!(
        "TRANSVERSALITÉ DE LA DÉMARCHE QUALITÉ : CRITÈRE {x}"
    ));
    let rows = c
        .transversalite
        .iter()
        .map(|(k, v)| vec![th(k), td(v)])
        .collect();
    w.table(0, table(&[35.0, 65.0], rows));
    equipe(w, c);
    for act in &c.actions {
        fiches::action(w, x, act);
    }
    for eng in &c.engagements {
        fiches::engagement(w, x, eng);
    }
}

fn gens(g: &Gens) -> [TableCell; 3] {
    [td(&g.nom), td(&g.prenom), td(&g.fonction)]
}

/// People under one heading cell spanning their rows (co-coordinators, members).
fn group(rows: &mut Vec<Vec<TableCell>>, label: &str, people: &[Gens]) {
    if people.is_empty() {
        rows.push(vec![th(label), td("—"), td("—"), td("—")]);
    }
    for (i, g) in people.iter().enumerate() {
        let head = if i == 0 {
            first_of_span(th(label))
        } else {
            spanned()
        };
        let mut row = vec![head];
        row.extend(gens(g));
        rows.push(row);
    }
}

fn equipe(w: &mut Writer, c: &Critere) {
    let x = c.numero;
    w.caption(&format!("ÉQUIPE CRITÈRE {x}"));
    let mut rows = vec![["", "Nom", "Prénom", "Fonction"].map(th).to_vec()];
    group(
        &mut rows,
        &format!("Coordonnateur critère {x}"),
        &c.coordonnateurs,
    );
    group(
        &mut rows,
        &format!("Membres équipe critère {x}"),
        &c.membres,
    );
    w.table(1, table(&[28.0, 24.0, 24.0, 34.0], rows));
}

fn preuves(w: &mut Writer, a: &Annexe) {
    w.heading(1, "Liste des preuves", true);
    let mut rows = vec![["N°", "Fichier", "Cité par"].map(th).to_vec()];
    for p in &a.preuves {
        let cited = if p.citee_par.is_empty() {
            para("—")
        } else {
            lines(&p.citee_par)
        };
        rows.push(vec![
            num(&p.numero.to_string()),
            td(&p.chemin),
            TableCell::new().add_paragraph(cited),
        ]);
    }
    w.table(1, table(&[7.0, 38.0, 55.0], rows));
}

fn collectif(w: &mut Writer, a: &Annexe) {
    w.heading(1, "Le collectif de travail", true);
    w.paragraph(
        para("Toutes les personnes engagées dans la démarche, avec leurs rôles.").style("Legende"),
    );
    let mut rows = vec![
        ["Nom", "Prénom", "Fonction", "Rôles dans la démarche"]
            .map(th)
            .to_vec(),
    ];
    for m in &a.collectif {
        rows.push(vec![
            td(&m.nom),
            td(&m.prenom),
            td(&m.fonction),
            td(&m.roles.join(" ; ")),
        ]);
    }
    w.table(1, table(&[1.0, 1.0, 1.2, 2.0], rows));
}
