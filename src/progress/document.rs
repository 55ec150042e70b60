//! The tableau de bord laid out once as a `doc::Document`, which the HTML, Markdown, PDF
//! and Word backends render: the summary by criterion, then per criterion each
//! fiche's table of indicators (objective, target, every measure as written, progress,
//! status) and the charts of its measurable indicators, each with its alternative text.

use super::eval::{Statut, pourcent};
use super::svg::standalone_chart;
use super::term::resume_line;
use super::{Critere, Fiche, Indicateur, Progress, Resume};
use crate::doc::{
    Block, Cell, Chart, Document, Figure, Inline, Series, Table, heading, para, title,
};
use crate::numfmt::{percent, with_unit};

const TITLE: &str = "Tableau de bord des indicateurs";
const DASH: &str = "—";

/// The tableau de bord as a document.
pub fn document(p: &Progress) -> Document {
    let annee = p.annee_ecrite();
    let mut b = vec![
        title("tableau-de-bord", &format!("{TITLE} — {annee}")),
        Block::Para(vec![
            Inline::Text(format!("{} · UAI {}", p.etablissement, p.uai)),
            Inline::LineBreak,
            Inline::Text(format!(
                "{} · cahier des charges {}",
                p.denomination, p.edition
            )),
        ]),
    ];
    b.extend(summary(p));
    for c in &p.criteres {
        critere(&mut b, c, p.annee);
    }
    let header = [
        p.etablissement.clone(),
        TITLE.to_string(),
        format!("Année {annee}"),
    ];
    let name = format!("{TITLE} {annee} — {}", p.etablissement);
    Document::new(&name, &p.etablissement, header, b)
}

/// The tableau de bord as an HTML page.
pub fn html(p: &Progress) -> String {
    crate::doc::html::render(&document(p))
}

/// The tableau de bord as Markdown.
pub fn markdown(p: &Progress) -> String {
    crate::doc::md::render(&document(p))
}

/// The summary by criterion under its heading, with the legend of its figures.
pub fn summary(p: &Progress) -> Vec<Block> {
    vec![
        heading(2, "synthese", "Synthèse"),
        Block::Table(synthesis(p)),
        Block::Note(vec![Inline::Text(legend(&p.annee_ecrite()))]),
    ]
}

fn legend(annee: &str) -> String {
    format!(
        "Progression : part du chemin parcouru entre la mesure de départ et la cible (100 % : cible atteinte). Attendu : part de la période de l'action écoulée en {annee}. Un indicateur est « en bonne voie » quand sa progression suit au moins le temps écoulé ; {} ; {} ; {}. La progression moyenne ne compte que les indicateurs mesurables. Graphiques : mesures par année, cible en tirets, mesure de départ en pointillés, année {annee} en gris.",
        super::eval::PROCHE_BANDE,
        super::eval::ARRONDI,
        super::eval::REGLE_TEXTE
    )
}

/// The counts of a summary row, in the order of [`count_headings`].
fn counts(r: &Resume) -> Vec<String> {
    let mut v: Vec<String> = std::iter::once(r.indicateurs)
        .chain(Statut::ALL.iter().map(|s| r.count(*s)))
        .map(|n| n.to_string())
        .collect();
    v.push(r.progression_moyenne.map_or(DASH.to_string(), |p| {
        format!("{} (sur {})", percent(p), r.mesurables)
    }));
    v
}

fn count_headings() -> Vec<String> {
    let mut v = vec!["Indicateurs".to_string()];
    v.extend(Statut::ALL.iter().map(|s| {
        let l = s.label_n(2);
        l[..1].to_uppercase() + &l[1..]
    }));
    v.push("Progression moyenne".to_string());
    v
}

fn synthesis(p: &Progress) -> Table {
    let mut head = vec![Cell::th("Critère")];
    head.extend(count_headings().iter().map(|h| Cell {
        numeric: true,
        ..Cell::th(h)
    }));
    let row = |first: Cell, r: &Resume| {
        let mut row = vec![first];
        row.extend(counts(r).iter().map(|n| Cell::num(n)));
        row
    };
    let mut body: Vec<Vec<Cell>> = p
        .criteres
        .iter()
        .map(|c| {
            row(
                Cell::text(&format!("{} — {}", c.numero, c.intitule)),
                &c.resume,
            )
        })
        .collect();
    body.push(row(Cell::th("Ensemble"), &p.resume));
    let mut widths = vec![28.0];
    widths.extend(vec![9.0; count_headings().len()]);
    Table {
        widths,
        head: vec![head],
        body,
        keep_together: false,
    }
}

/// A criterion: its heading, its summary line, each fiche's table and charts.
pub fn critere(b: &mut Vec<Block>, c: &Critere, annee: i64) {
    b.push(Block::PageBreak);
    let title = format!("Critère {} — {}", c.numero, c.intitule);
    b.push(heading(2, &format!("critere-{}", c.numero), &title));
    b.push(para(&resume_line(&c.resume)));
    for f in &c.fiches {
        b.push(heading(3, "", &fiche_title(f)));
        b.push(Block::Table(indicators(f)));
        let charts = f
            .objectifs
            .iter()
            .flat_map(|o| &o.indicateurs)
            .filter(|i| i.evaluation.statut != Statut::NonMesurable)
            .filter_map(|i| chart(c, f, i, annee, b.len()));
        let charts: Vec<Block> = charts.collect();
        b.extend(charts);
    }
}

fn fiche_title(f: &Fiche) -> String {
    let nature = if f.nature == "action" {
        "Action"
    } else {
        "Engagement"
    };
    match f.periode_ecrite() {
        Some(p) => format!("{nature} : {} ({p})", f.denomination),
        None => format!("{nature} : {}", f.denomination),
    }
}

/// A fiche's indicators, one row each, the objective spanning its indicators' rows.
fn indicators(f: &Fiche) -> Table {
    let head = [
        "Objectif",
        "Indicateur",
        "Cible",
        "Mesures",
        "Progression",
        "Statut",
    ];
    let mut body = Vec::new();
    for o in &f.objectifs {
        for (k, i) in o.indicateurs.iter().enumerate() {
            let mut row = Vec::new();
            if k == 0 {
                row.push(Cell {
                    rowspan: o.indicateurs.len(),
                    ..Cell::text(&o.intitule)
                });
            }
            row.extend(indicator_cells(i));
            body.push(row);
        }
    }
    Table {
        widths: vec![18.0, 22.0, 11.0, 17.0, 12.0, 20.0],
        head: vec![head.iter().map(|h| Cell::th(h)).collect()],
        body,
        keep_together: false,
    }
}

/// An indicator's cells: intitulé, target, every measure by year as written
/// (« 2022-2023 : 2 »), progress against the expected share, status and why.
fn indicator_cells(i: &Indicateur) -> Vec<Cell> {
    let cible = i.cible.map_or(DASH.to_string(), |c| {
        format!("{} ({})", with_unit(c, i.unite), i.sens)
    });
    let e = &i.evaluation;
    let progression = match (e.progression_pourcent, e.attendu_pourcent) {
        (Some(p), Some(a)) => format!("{} (attendu {})", pourcent(p), pourcent(a)),
        (Some(p), None) => pourcent(p),
        _ => DASH.to_string(),
    };
    let mut statut = vec![Inline::Strong(vec![Inline::Text(e.statut.label().into())])];
    if let Some(why) = e.explication() {
        statut.extend([Inline::LineBreak, Inline::Text(why)]);
    }
    vec![
        Cell::text(&i.intitule),
        Cell::text(&cible),
        Cell::of(lines(&measures(i))),
        Cell::text(&progression),
        Cell::of(statut),
    ]
}

/// Every measure of the indicator, each « année : valeur », then those written as text
/// on one line, as every output of `ldm progress` words them (`Indicateur::textes`).
fn measures(i: &Indicateur) -> Vec<String> {
    let y = |a: i64| i.calendrier.show(a);
    let mut out: Vec<String> = i
        .mesures
        .iter()
        .map(|m| format!("{} : {}", y(m.annee), i.valeur(m)))
        .collect();
    out.extend(i.non_mesurees.iter().map(|m| match m.texte.as_str() {
        "" => format!("{} : NC", y(m.annee)),
        r => format!("{} : NC ({r})", y(m.annee)),
    }));
    out.extend(i.textes());
    if out.is_empty() {
        out.push(DASH.to_string());
    }
    out
}

/// Texts one per line.
fn lines(texts: &[String]) -> Vec<Inline> {
    let mut out = Vec::new();
    for (k, t) in texts.iter().enumerate() {
        if k > 0 {
            out.push(Inline::LineBreak);
        }
        out.push(Inline::Text(t.clone()));
    }
    out
}

/// The chart of a measurable indicator, whose alternative text says what it draws.
fn chart(c: &Critere, f: &Fiche, i: &Indicateur, annee: i64, n: usize) -> Option<Block> {
    let svg = standalone_chart(i, f.periode, annee);
    if svg.is_empty() {
        return None;
    }
    let cible = i.cible.map_or(String::new(), |v| {
        format!(" ; cible {}", with_unit(v, i.unite))
    });
    Some(Block::Figure(Figure {
        name: format!("graphes/{}-{n}.svg", c.numero),
        svg,
        caption: i.intitule.clone(),
        alt: format!(
            "Graphique de « {} » : {}{cible}",
            i.intitule,
            measures(i).join(" ; ")
        ),
        chart: Some(chart_data(i, f.periode)),
    }))
}

/// The data a chart draws: the measures by year over the years measured and the action's
/// period (every year between them when they span at most 40), the target as a second
/// series.
fn chart_data(i: &Indicateur, periode: Option<(i64, i64)>) -> Chart {
    let mut years: Vec<i64> = i.mesures.iter().map(|m| m.annee).collect();
    years.extend(periode.iter().flat_map(|(a, b)| [*a, *b]));
    years.sort_unstable();
    years.dedup();
    if let (Some(lo), Some(hi)) = (years.first(), years.last())
        && hi - lo <= 40
    {
        years = (*lo..=*hi).collect();
    }
    let measured = years
        .iter()
        .map(|y| i.mesures.iter().find(|m| m.annee == *y).map(|m| m.valeur))
        .collect();
    let mut series = vec![Series {
        name: "Mesures".to_string(),
        values: measured,
        reference: false,
    }];
    if let Some(c) = i.cible {
        series.push(Series {
            name: "Cible".to_string(),
            values: vec![Some(c); years.len()],
            reference: true,
        });
    }
    Chart {
        categories: years.iter().map(|y| i.calendrier.show(*y)).collect(),
        series,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_summary_has_a_heading_for_every_count() {
        let counts = super::counts(&super::Resume::default());
        assert_eq!(super::count_headings().len(), counts.len());
    }
}
