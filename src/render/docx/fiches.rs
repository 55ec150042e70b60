//! The fiches of a criterion as Word tables: an action's four tables and an engagement's
//! three, as the guide draws them (section E).

use super::blocks::{Writer, breakable, cell, first_of_span, lines, num, spanned, table, td, th};
use super::prose;
use crate::render::view::{Action, Engagement, MiseEnOeuvre};
use docx_rs::TableCell;

const MISE_EN_OEUVRE: &str =
    "MISE EN ŒUVRE (moyens engagés, calendrier, lieux, modalités d'organisation)";

/// The heading of a fiche: the guide's words, then the fiche's name.
fn title(x: u32, kind: &str, n: usize, denomination: &str) -> String {
    format!("Critère {x} : {kind} {n} — {denomination}")
}

/// An indicator's cell: its name, then on a second line the measures no column shows.
fn indicateur(intitule: &str, autres: &str) -> TableCell {
    if autres.is_empty() {
        return td(intitule);
    }
    TableCell::new().add_paragraph(lines(&[intitule.to_string(), autres.to_string()]))
}

/// A cell of prose; empty prose shows « À compléter », as ldm render announces.
fn prose_cell(md: &str) -> TableCell {
    cell(prose::blocks(md))
}

pub fn action(w: &mut Writer, x: u32, a: &Action) {
    w.heading(2, &title(x, "action", a.n, &a.denomination), false);
    let mut id = vec![
        vec![th("Dénomination"), td(&a.denomination).grid_span(3)],
        vec![
            th("Durée action"),
            td(&a.duree),
            th("Action pérenne"),
            td(&a.perenne),
        ],
        vec![
            th("Description"),
            prose_cell(&a.description.md).grid_span(3),
        ],
    ];
    if !a.exigences.is_empty() {
        id.push(vec![
            th("Exigences du cahier des charges"),
            td(&a.exigences).grid_span(3),
        ]);
    }
    w.table(0, breakable(table(&[24.0, 29.0, 18.0, 29.0], id)));
    w.caption("OBJECTIFS INDICATEURS ÉVALUATION");
    let [c0, c1, c2] = &a.colonnes;
    let mut rows = vec![vec![
        th("Objectifs"),
        th("Indicateurs"),
        th(c0),
        th(c1),
        th(c2),
        th("Plus-value"),
    ]];
    for o in &a.objectifs {
        if o.indicateurs.is_empty() {
            rows.push(vec![
                td(&o.intitule),
                td("—"),
                num("—"),
                num("—"),
                num("—"),
                td(&o.plus_value),
            ]);
        }
        for (k, i) in o.indicateurs.iter().enumerate() {
            let (objectif, plus_value) = if k == 0 {
                (
                    first_of_span(td(&o.intitule)),
                    first_of_span(td(&o.plus_value)),
                )
            } else {
                (spanned(), spanned())
            };
            rows.push(vec![
                objectif,
                indicateur(&i.intitule, &i.autres),
                num(&i.debut),
                num(&i.suivi),
                num(&i.fin),
                plus_value,
            ]);
        }
    }
    w.table(1, table(&[1.3, 1.3, 0.8, 0.8, 0.8, 1.1], rows));
    mise_en_oeuvre(w, &a.mise_en_oeuvre);
    let bilan = [&a.points_forts.md, &a.axes_de_progres.md, &a.conclusion.md];
    let rows = vec![
        ["Points forts", "Axes de progrès", "Conclusion"]
            .map(th)
            .to_vec(),
        bilan.map(|md| prose_cell(md)).to_vec(),
    ];
    w.table(1, breakable(table(&[1.0, 1.0, 1.0], rows)));
}

fn mise_en_oeuvre(w: &mut Writer, m: &MiseEnOeuvre) {
    w.caption(MISE_EN_OEUVRE);
    let cells = [&m.moyens.md, &m.calendrier.md, &m.lieux.md, &m.modalites.md];
    let rows = vec![
        [
            "Moyens engagés",
            "Calendrier",
            "Lieux",
            "Modalités d'organisation",
        ]
        .map(th)
        .to_vec(),
        cells.map(|md| prose_cell(md)).to_vec(),
    ];
    w.table(1, breakable(table(&[1.0, 1.0, 1.0, 1.0], rows)));
}

pub fn engagement(w: &mut Writer, x: u32, e: &Engagement) {
    w.heading(2, &title(x, "engagement", e.n, &e.denomination), false);
    let mut id = vec![
        vec![th("Dénomination"), td(&e.denomination)],
        vec![th("Description"), prose_cell(&e.description.md)],
    ];
    if !e.exigences.is_empty() {
        id.push(vec![
            th("Exigences du cahier des charges"),
            td(&e.exigences),
        ]);
    }
    w.table(0, breakable(table(&[24.0, 76.0], id)));
    w.caption("PLANIFICATION - OBJECTIFS - INDICATEURS - ÉVALUATION");
    let mut rows = vec![vec![
        th("Animateur engagement"),
        th("Durée de l'action"),
        th("Objectifs"),
        th("Indicateurs"),
        th(&e.colonne),
    ]];
    for (j, o) in e.objectifs.iter().enumerate() {
        let count = o.indicateurs.len().max(1);
        for k in 0..count {
            let (animateur, duree) = if j == 0 && k == 0 {
                (first_of_span(td(&e.animateur)), first_of_span(td(&e.duree)))
            } else {
                (spanned(), spanned())
            };
            let objectif = if k == 0 {
                first_of_span(td(&o.intitule))
            } else {
                spanned()
            };
            let (indicateur, mesure) = match o.indicateurs.get(k) {
                Some(i) => (indicateur(&i.intitule, &i.autres), num(&i.mesure)),
                None => (td("—"), num("—")),
            };
            rows.push(vec![animateur, duree, objectif, indicateur, mesure]);
        }
    }
    if e.objectifs.is_empty() {
        rows.push(vec![
            td(&e.animateur),
            td(&e.duree),
            td("—"),
            td("—"),
            num("—"),
        ]);
    }
    w.table(1, table(&[1.0, 0.8, 1.2, 1.2, 0.7], rows));
    mise_en_oeuvre(w, &e.mise_en_oeuvre);
}
