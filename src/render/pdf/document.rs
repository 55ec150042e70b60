//! The annex as Typst source, built from the same view model as the HTML and Markdown
//! annexes, table by table and in the same order.

use super::fiches;
use super::prose;
use crate::render::view::{Annexe, Critere, Gens, Identite, Preuve};
use crate::typeset::code::{caption, heading, lit, table, text};
use crate::typeset::{Date, Setup};
use std::fmt::Write;

pub const TITLE: &str = "Dossier de labellisation « Lycée des métiers »";

/// The whole annex as one Typst source.
pub fn annexe(a: &Annexe, date: Option<Date>) -> String {
    let id = &a.identite;
    let mut out = crate::typeset::begin(&Setup {
        title: &format!("{TITLE} — {}", id.nom),
        author: &id.nom,
        date,
        header: [&id.nom, TITLE, &format!("Campagne {}", id.annee)],
    });
    cover(&mut out, &a.identite);
    out.push_str("#outline(title: [Sommaire], depth: 1)\n");
    etablissement(&mut out, a);
    synopsis(&mut out, a);
    for c in &a.criteres {
        critere(&mut out, c);
    }
    preuves(&mut out, a);
    collectif(&mut out, a);
    out
}

fn cover(out: &mut String, id: &Identite) {
    let rows = id.cover_rows();
    let cells: Vec<String> = rows
        .iter()
        // Written in place, not through `table`: the labels are its rows' headers.
        .map(|(k, v)| format!("rh({}), {}", lit(k), lit(v)))
        .collect();
    let _ = writeln!(
        out,
        "#align(center + horizon, block(width: 80%)[\
         #text(size: 12pt, fill: doux, {})\n\n\
         #text(size: 22pt, weight: \"bold\", {})\n\n\
         #text(size: 14pt, style: \"italic\", {})\n\n\
         #v(8mm)\n\
         #table(columns: (45%, 55%), {})])\n#pagebreak()",
        lit(TITLE),
        lit(&id.nom),
        lit(&id.denomination),
        cells.join(", ")
    );
}

fn etablissement(out: &mut String, a: &Annexe) {
    heading(out, 1, "Présentation de l'établissement");
    for (title, p) in [
        ("Contexte de l'établissement", &a.contexte),
        (
            "Articulation avec l'auto-évaluation, le projet d'établissement, le contrat d'objectifs et les autres labels",
            &a.articulation,
        ),
        ("Pilotage de la démarche", &a.pilotage),
    ] {
        let _ = writeln!(out, "#heading(level: 2, outlined: false, {})", lit(title));
        let _ = writeln!(out, "#{}", prose::content(&p.md));
    }
}

fn synopsis(out: &mut String, a: &Annexe) {
    heading(out, 1, "Synoptique des critères");
    let mut cells = vec![
        "table.header(th[Critère], th[Coordonnateur], th[Actions], th[Engagements], th[Exigences couvertes])".to_string(),
    ];
    for s in &a.synopsis {
        cells.push(format!(
            "{}, {}, num({}), num({}), num({})",
            lit(&format!("{} — {}", s.numero, s.intitule)),
            lit(&s.coordonnateur),
            lit(&s.actions.to_string()),
            lit(&s.engagements.to_string()),
            lit(&s.exigences)
        ));
    }
    table(out, "(1fr, 0.7fr, auto, auto, auto)", &cells);
    note(out, a.note_exigences);
}

/// A short explanatory line in small grey type.
fn note(out: &mut String, text: &str) {
    let _ = writeln!(out, "#text(size: 8.5pt, fill: doux, {})", lit(text));
}

/// A framed box of prose, like the guide's « État des lieux » boxes: drawn as a one-cell
/// table, but a box rather than a table for a screen reader (`boite`).
fn prose_box(out: &mut String, title: &str, md: &str) {
    caption(out, title);
    let _ = writeln!(out, "#boite({})", prose::content(md));
}

fn critere(out: &mut String, c: &Critere) {
    let x = c.numero;
    out.push_str("#pagebreak(weak: true)\n");
    heading(out, 1, &format!("Critère {x} — {}", c.intitule));
    if let Some(o) = &c.origine {
        note(out, o);
    }
    prose_box(
        out,
        &format!("ÉTAT DES LIEUX DU CRITÈRE {x}"),
        &c.etat_des_lieux.md,
    );
    prose_box(
        out,
        &format!("OBJECTIF GÉNÉRAL DU CRITÈRE {x}"),
        &c.objectif_general.md,
    );
    if let Some(s) = &c.strategie_reseau {
        prose_box(
            out,
            &format!("STRATÉGIE COMMUNE DU RÉSEAU : CRITÈRE {x}"),
            &s.md,
        );
    }
    caption(
        out,
        &format!("TRANSVERSALITÉ DE LA DÉMARCHE QUALITÉ : CRITÈRE {x}"),
    );
    let rows: Vec<String> = c
        .transversalite
        .iter()
        .map(|(k, v)| format!("th({}), {}", lit(k), lit(v)))
        .collect();
    table(out, "(35%, 65%)", &rows);
    equipe(out, c);
    for act in &c.actions {
        fiches::action(out, x, act);
    }
    for eng in &c.engagements {
        fiches::engagement(out, x, eng);
    }
}

fn gens(g: &Gens) -> String {
    format!("{}, {}, {}", lit(&g.nom), lit(&g.prenom), lit(&g.fonction))
}

fn equipe(out: &mut String, c: &Critere) {
    let x = c.numero;
    caption(out, &format!("ÉQUIPE CRITÈRE {x}"));
    let mut cells = vec!["table.header(th[], th[Nom], th[Prénom], th[Fonction])".to_string()];
    // Co-coordinators share one heading cell, as the annex's HTML does.
    let label = lit(&format!("Coordonnateur critère {x}"));
    match c.coordonnateurs.len() {
        0 => cells.push(format!("th({label}), \"—\", \"—\", \"—\"")),
        n => {
            cells.push(format!("th(rowspan: {n}, {label})"));
            cells.extend(c.coordonnateurs.iter().map(gens));
        }
    }
    // The members' row is always there, as in the guide, a dash when nobody is named.
    let label = lit(&format!("Membres équipe critère {x}"));
    match c.membres.len() {
        0 => cells.push(format!("th({label}), \"—\", \"—\", \"—\"")),
        n => {
            cells.push(format!("th(rowspan: {n}, {label})"));
            cells.extend(c.membres.iter().map(gens));
        }
    }
    table(out, "(28%, 1fr, 1fr, 1.4fr)", &cells);
}

fn preuves(out: &mut String, a: &Annexe) {
    out.push_str("#pagebreak(weak: true)\n");
    heading(out, 1, "Liste des preuves");
    let mut cells = vec!["table.header(th[N°], th[Fichier], th[Cité par])".to_string()];
    for p in &a.preuves {
        let cited = cited_by(p);
        cells.push(format!(
            "num({}), {}, {cited}",
            lit(&p.numero.to_string()),
            lit(&p.chemin)
        ));
    }
    table(out, "(auto, 38%, 1fr)", &cells);
}

/// The cell of the fiches citing evidence `p`, one a line (« — » when none does).
pub fn cited_by(p: &Preuve) -> String {
    if p.citee_par.is_empty() {
        lit("—")
    } else {
        let lines: Vec<String> = p.citee_par.iter().map(|w| text(w)).collect();
        format!("[{}]", lines.join("#linebreak();"))
    }
}

fn collectif(out: &mut String, a: &Annexe) {
    heading(out, 1, "Le collectif de travail");
    let _ = writeln!(
        out,
        "#text(size: 9pt, fill: doux, {})",
        lit("Toutes les personnes engagées dans la démarche, avec leurs rôles.")
    );
    let mut cells = vec![
        "table.header(th[Nom], th[Prénom], th[Fonction], th[Rôles dans la démarche])".to_string(),
    ];
    for m in &a.collectif {
        cells.push(format!(
            "{}, {}, {}, {}",
            lit(&m.nom),
            lit(&m.prenom),
            lit(&m.fonction),
            lit(&m.roles.join(" ; "))
        ));
    }
    table(out, "(1fr, 1fr, 1.2fr, 2fr)", &cells);
}
