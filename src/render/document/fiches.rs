//! The fiches of a criterion as the guide draws them (section E): an action's identity
//! table, its « OBJECTIFS INDICATEURS ÉVALUATION » table with the N / N+3 / N+5 columns,
//! its « mise en œuvre » and its review; an engagement's identity, planning and « mise en
//! œuvre » tables.

use crate::doc::{Block, Cell, Inline, Table, blocks_plain, caption, head, heading, read};
use crate::render::view::{Action, Engagement, MiseEnOeuvre};

/// Text of a description a page holds easily with the rest of its identity table: the
/// table is kept on one page up to it; a longer one may run over the page, as prose must.
const KEPT_DESCRIPTION: usize = 1_500;

/// The heading of a fiche: the guide's words, then the fiche's name.
fn title(x: u32, kind: &str, n: usize, denomination: &str) -> String {
    format!("Critère {x} : {kind} {n} — {denomination}")
}

/// A cell of the school's prose (« À compléter » when empty).
fn prose(md: &str) -> Cell {
    Cell {
        content: read::prose(md),
        ..Cell::text("")
    }
}

fn spanning(mut c: Cell, colspan: usize, rowspan: usize) -> Cell {
    c.colspan = colspan;
    c.rowspan = rowspan;
    c
}

/// An indicator's cell: its name, then in small type its target and the measures no
/// column shows (« Cible : 16 (hausse) — Autres relevés : 2022 : 25 % »).
fn indicateur(intitule: &str, autres: &str) -> Cell {
    let mut c = Cell::text(intitule);
    if !autres.is_empty() {
        c.content
            .push(Block::Note(vec![Inline::Text(autres.to_string())]));
    }
    c
}

/// A fiche's identity table (Dénomination … Exigences), one page unless its description
/// is too long for one.
fn identity(rows: Vec<Vec<Cell>>, widths: &[f32], description: &Cell) -> Block {
    Block::Table(Table {
        widths: widths.to_vec(),
        head: Vec::new(),
        body: rows,
        keep_together: blocks_plain(&description.content).chars().count() <= KEPT_DESCRIPTION,
    })
}

pub fn action(b: &mut Vec<Block>, x: u32, a: &Action) {
    let t = title(x, "action", a.n, &a.denomination);
    b.push(heading(3, &a.id, &t));
    let description = prose(&a.description.md);
    let mut id = vec![
        vec![
            Cell::th("Dénomination"),
            spanning(Cell::text(&a.denomination), 3, 1),
        ],
        vec![
            Cell::th("Durée action"),
            Cell::text(&a.duree),
            Cell::th("Action pérenne"),
            Cell::text(&a.perenne),
        ],
        vec![Cell::th("Description"), spanning(description.clone(), 3, 1)],
    ];
    if !a.exigences.is_empty() {
        id.push(vec![
            Cell::th("Exigences du cahier des charges"),
            spanning(Cell::text(&a.exigences), 3, 1),
        ]);
    }
    b.push(identity(id, &[24.0, 29.0, 18.0, 29.0], &description));
    b.push(caption("OBJECTIFS INDICATEURS ÉVALUATION"));
    b.push(Block::Table(objectifs(a)));
    mise_en_oeuvre(b, &a.mise_en_oeuvre);
    let review = [&a.points_forts.md, &a.axes_de_progres.md, &a.conclusion.md];
    b.push(Block::Table(Table {
        widths: vec![1.0, 1.0, 1.0],
        head: head(&["Points forts", "Axes de progrès", "Conclusion"]),
        body: vec![review.map(|md| prose(md)).to_vec()],
        keep_together: false,
    }));
}

/// The action's objectives, each spanning the rows of its indicators, with their
/// measures under the guide's three columns.
fn objectifs(a: &Action) -> Table {
    let [c0, c1, c2] = &a.colonnes;
    let mut head = head(&["Objectifs", "Indicateurs", c0, c1, c2, "Plus-value"]);
    head[0][2..5].iter_mut().for_each(|c| c.numeric = true);
    let mut body = Vec::new();
    for o in &a.objectifs {
        let span = o.indicateurs.len().max(1);
        let objectif = spanning(Cell::text(&o.intitule), 1, span);
        let plus_value = spanning(Cell::text(&o.plus_value), 1, span);
        if o.indicateurs.is_empty() {
            let dash = || Cell::num("—");
            body.push(vec![
                objectif.clone(),
                Cell::text("—"),
                dash(),
                dash(),
                dash(),
                plus_value.clone(),
            ]);
        }
        for (k, i) in o.indicateurs.iter().enumerate() {
            let mut row = Vec::new();
            if k == 0 {
                row.push(objectif.clone());
            }
            row.push(indicateur(&i.intitule, &i.autres));
            row.extend([&i.debut, &i.suivi, &i.fin].map(|m| Cell::num(m)));
            if k == 0 {
                row.push(plus_value.clone());
            }
            body.push(row);
        }
    }
    Table {
        widths: vec![1.3, 1.3, 0.8, 0.8, 0.8, 1.1],
        head,
        body,
        keep_together: false,
    }
}

fn mise_en_oeuvre(b: &mut Vec<Block>, m: &MiseEnOeuvre) {
    b.push(caption(
        "MISE EN ŒUVRE (moyens engagés, calendrier, lieux, modalités d'organisation)",
    ));
    let cells = [&m.moyens.md, &m.calendrier.md, &m.lieux.md, &m.modalites.md];
    b.push(Block::Table(Table {
        widths: vec![1.0; 4],
        head: head(&[
            "Moyens engagés",
            "Calendrier",
            "Lieux",
            "Modalités d'organisation",
        ]),
        body: vec![cells.map(|md| prose(md)).to_vec()],
        keep_together: false,
    }));
}

pub fn engagement(b: &mut Vec<Block>, x: u32, e: &Engagement) {
    let t = title(x, "engagement", e.n, &e.denomination);
    b.push(heading(3, &e.id, &t));
    let description = prose(&e.description.md);
    let mut id = vec![
        vec![Cell::th("Dénomination"), Cell::text(&e.denomination)],
        vec![Cell::th("Description"), description.clone()],
    ];
    if !e.exigences.is_empty() {
        id.push(vec![
            Cell::th("Exigences du cahier des charges"),
            Cell::text(&e.exigences),
        ]);
    }
    b.push(identity(id, &[24.0, 76.0], &description));
    b.push(caption(
        "PLANIFICATION - OBJECTIFS - INDICATEURS - ÉVALUATION",
    ));
    b.push(Block::Table(planification(e)));
    mise_en_oeuvre(b, &e.mise_en_oeuvre);
}

/// The engagement's facilitator and duration spanning all its rows, each objective
/// spanning its indicators', each indicator with its « mesure à N ».
fn planification(e: &Engagement) -> Table {
    let rows: usize = e.objectifs.iter().map(|o| o.indicateurs.len().max(1)).sum();
    let mut lead = vec![
        spanning(Cell::text(&e.animateur), 1, rows.max(1)),
        spanning(Cell::text(&e.duree), 1, rows.max(1)),
    ];
    let mut body = Vec::new();
    for o in &e.objectifs {
        let span = o.indicateurs.len().max(1);
        let mut row = std::mem::take(&mut lead);
        row.push(spanning(Cell::text(&o.intitule), 1, span));
        if o.indicateurs.is_empty() {
            row.extend([Cell::text("—"), Cell::num("—")]);
            body.push(row);
            continue;
        }
        for i in &o.indicateurs {
            row.extend([indicateur(&i.intitule, &i.autres), Cell::num(&i.mesure)]);
            body.push(std::mem::take(&mut row));
        }
    }
    if body.is_empty() {
        lead.extend([Cell::text("—"), Cell::text("—"), Cell::num("—")]);
        body.push(lead);
    }
    let mut head = head(&[
        "Animateur engagement",
        "Durée de l'action",
        "Objectifs",
        "Indicateurs",
        &e.colonne,
    ]);
    head[0][4].numeric = true;
    Table {
        widths: vec![1.0, 0.8, 1.2, 1.2, 0.7],
        head,
        body,
        keep_together: false,
    }
}
