//! The fiches of a criterion as Typst tables: an action's four tables and an
//! engagement's three, as the guide draws them (section E).

use super::prose;
use crate::render::view::{Action, Engagement, MiseEnOeuvre};
use crate::typeset::code::{caption, heading, lit, table};

const MISE_EN_OEUVRE: &str =
    "MISE EN ŒUVRE (moyens engagés, calendrier, lieux, modalités d'organisation)";

/// An indicator's cell: its name, then the measures no column shows, in smaller type.
fn indicateur(intitule: &str, autres: &str) -> String {
    if autres.is_empty() {
        return lit(intitule);
    }
    format!(
        "[#{} \\ #text(size: 0.85em, {})]",
        lit(intitule),
        lit(autres)
    )
}

/// The title of a fiche's bookmark: the guide's heading, then the fiche's name.
fn title(x: u32, kind: &str, n: usize, denomination: &str) -> String {
    format!("Critère {x} : {kind} {n} — {denomination}")
}

pub fn action(out: &mut String, x: u32, a: &Action) {
    heading(out, 2, &title(x, "action", a.n, &a.denomination));
    let mut id = vec![
        format!(
            "th[Dénomination], table.cell(colspan: 3, {})",
            lit(&a.denomination)
        ),
        format!(
            "th[Durée action], {}, th[Action pérenne], {}",
            lit(&a.duree),
            lit(&a.perenne)
        ),
        format!(
            "th[Description], table.cell(colspan: 3, breakable: true, {})",
            prose::content(&a.description.md)
        ),
    ];
    if !a.exigences.is_empty() {
        id.push(format!(
            "th[Exigences du cahier des charges], table.cell(colspan: 3, {})",
            lit(&a.exigences)
        ));
    }
    table(out, "(24%, 1fr, 18%, 1fr)", &id);
    caption(out, "OBJECTIFS INDICATEURS ÉVALUATION");
    let [c0, c1, c2] = &a.colonnes;
    let mut cells = vec![format!(
        "table.header(th[Objectifs], th[Indicateurs], th({}), th({}), th({}), th[Plus-value])",
        lit(c0),
        lit(c1),
        lit(c2)
    )];
    for o in &a.objectifs {
        let span = o.indicateurs.len().max(1);
        let objectif = format!("table.cell(rowspan: {span}, {})", lit(&o.intitule));
        let plus_value = format!("table.cell(rowspan: {span}, {})", lit(&o.plus_value));
        if o.indicateurs.is_empty() {
            cells.push(format!(
                "{objectif}, \"—\", num(\"—\"), num(\"—\"), num(\"—\"), {plus_value}"
            ));
        }
        for (k, i) in o.indicateurs.iter().enumerate() {
            let measures = format!(
                "{}, num({}), num({}), num({})",
                indicateur(&i.intitule, &i.autres),
                lit(&i.debut),
                lit(&i.suivi),
                lit(&i.fin)
            );
            cells.push(if k == 0 {
                format!("{objectif}, {measures}, {plus_value}")
            } else {
                measures
            });
        }
    }
    table(out, "(1.3fr, 1.3fr, 0.8fr, 0.8fr, 0.8fr, 1.1fr)", &cells);
    mise_en_oeuvre(out, &a.mise_en_oeuvre);
    let bilan =
        [&a.points_forts.md, &a.axes_de_progres.md, &a.conclusion.md].map(|md| prose::content(md));
    table(
        out,
        "(1fr, 1fr, 1fr)",
        &[
            "table.header(th[Points forts], th[Axes de progrès], th[Conclusion])".to_string(),
            bilan.join(", "),
        ],
    );
}

fn mise_en_oeuvre(out: &mut String, m: &MiseEnOeuvre) {
    caption(out, MISE_EN_OEUVRE);
    let cells =
        [&m.moyens.md, &m.calendrier.md, &m.lieux.md, &m.modalites.md].map(|md| prose::content(md));
    table(
        out,
        "(1fr, 1fr, 1fr, 1fr)",
        &[
            "table.header(th[Moyens engagés], th[Calendrier], th[Lieux], th[Modalités d'organisation])"
                .to_string(),
            cells.join(", "),
        ],
    );
}

pub fn engagement(out: &mut String, x: u32, e: &Engagement) {
    heading(out, 2, &title(x, "engagement", e.n, &e.denomination));
    let mut id = vec![
        format!("th[Dénomination], {}", lit(&e.denomination)),
        format!(
            "th[Description], table.cell(breakable: true, {})",
            prose::content(&e.description.md)
        ),
    ];
    if !e.exigences.is_empty() {
        id.push(format!(
            "th[Exigences du cahier des charges], {}",
            lit(&e.exigences)
        ));
    }
    table(out, "(24%, 1fr)", &id);
    caption(out, "PLANIFICATION - OBJECTIFS - INDICATEURS - ÉVALUATION");
    let rows: usize = e.objectifs.iter().map(|o| o.indicateurs.len().max(1)).sum();
    let mut cells = vec![format!(
        "table.header(th[Animateur engagement], th[Durée de l'action], th[Objectifs], th[Indicateurs], th({}))",
        lit(&e.colonne)
    )];
    let planning = format!(
        "table.cell(rowspan: {}, {}), table.cell(rowspan: {}, {})",
        rows.max(1),
        lit(&e.animateur),
        rows.max(1),
        lit(&e.duree)
    );
    for (j, o) in e.objectifs.iter().enumerate() {
        let span = o.indicateurs.len().max(1);
        let lead = if j == 0 {
            format!("{planning}, ")
        } else {
            String::new()
        };
        if o.indicateurs.is_empty() {
            cells.push(format!("{lead}{}, \"—\", num(\"—\")", lit(&o.intitule)));
        }
        for (k, i) in o.indicateurs.iter().enumerate() {
            let measure = format!(
                "{}, num({})",
                indicateur(&i.intitule, &i.autres),
                lit(&i.mesure)
            );
            cells.push(if k == 0 {
                format!(
                    "{lead}table.cell(rowspan: {span}, {}), {measure}",
                    lit(&o.intitule)
                )
            } else {
                measure
            });
        }
    }
    table(out, "(1fr, 0.8fr, 1.2fr, 1.2fr, 0.7fr)", &cells);
    mise_en_oeuvre(out, &e.mise_en_oeuvre);
}
