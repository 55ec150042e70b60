//! The tableau de bord as an A4 PDF, through the engine the annex uses (`typeset`): the
//! summary by criterion, then per criterion a table of its indicators and their charts.

use super::eval::{Statut, pourcent};
use super::html::comptes;
use super::svg::{standalone_chart, statut_colour};
use super::term::resume_line;
use super::{Critere, Fiche, Indicateur, Progress};
use crate::numfmt::with_unit;
use crate::typeset::code::{caption, heading, lit, table};
use crate::typeset::{self, Date, PdfError, Setup};
use std::fmt::Write;

const TITLE: &str = "Tableau de bord des indicateurs";

/// The charts to embed, each under the path the source names it by.
type Files = Vec<(String, Vec<u8>)>;

/// The tableau de bord as PDF bytes; `date` is the document's date in its metadata.
pub fn render(p: &Progress, date: Option<Date>) -> Result<Vec<u8>, PdfError> {
    let (source, files) = document(p, date);
    typeset::compile(source, files)
}

/// The Typst source of the tableau de bord and the charts it embeds.
fn document(p: &Progress, date: Option<Date>) -> (String, Files) {
    let year = format!("Année {}", p.annee_ecrite());
    let mut out = typeset::begin(&Setup {
        title: &format!("{TITLE} {} — {}", p.annee_ecrite(), p.etablissement),
        author: &p.etablissement,
        date,
        header: [&p.etablissement, TITLE, &year],
    });
    title(&mut out, p);
    synthese(&mut out, p);
    let mut files = Files::new();
    for c in &p.criteres {
        critere(&mut out, &mut files, c, p.annee);
    }
    (out, files)
}

fn title(out: &mut String, p: &Progress) {
    let _ = writeln!(
        out,
        "#block(below: 10pt, text(size: 20pt, weight: \"bold\", {}))",
        lit(&format!("{TITLE} — {}", p.annee_ecrite()))
    );
    let _ = writeln!(
        out,
        "#text(fill: doux, {})\n",
        lit(&format!(
            "{} · UAI {}\n{} · cahier des charges {}",
            p.etablissement, p.uai, p.denomination, p.edition
        ))
    );
}

/// The headings of [`comptes`]' columns, in the same order.
fn en_tetes() -> Vec<String> {
    let mut v = vec!["Indicateurs".to_string()];
    v.extend(Statut::ALL.iter().map(|s| {
        let l = s.label_n(2);
        l[..1].to_uppercase() + &l[1..]
    }));
    v.push("Progression moyenne".to_string());
    v
}

fn synthese(out: &mut String, p: &Progress) {
    heading(out, 1, "Synthèse");
    let heads: Vec<String> = std::iter::once("Critère".to_string())
        .chain(en_tetes())
        // Narrow count columns: their headings are set small and hyphenated, never overlapping.
        .map(|h| format!("th(text(size: 7.5pt, hyphenate: true, {}))", lit(&h)))
        .collect();
    let mut cells = vec![format!("table.header({})", heads.join(", "))];
    let row = |first: String, counts: Vec<String>| {
        let nums: Vec<String> = counts.iter().map(|n| format!("num({})", lit(n))).collect();
        format!("{first}, {}", nums.join(", "))
    };
    for c in &p.criteres {
        let name = lit(&format!("{} — {}", c.numero, c.intitule));
        cells.push(row(name, comptes(&c.resume)));
    }
    cells.push(row("th[Ensemble]".to_string(), comptes(&p.resume)));
    // Fixed shares: with `auto`, the counts' headings squeeze the criteria to a word a line.
    let columns = format!("(28%, {})", vec!["1fr"; en_tetes().len()].join(", "));
    table(out, &columns, &cells);
    let _ = writeln!(
        out,
        "#text(size: 8.5pt, fill: doux, {})",
        lit(&format!(
            "Progression : part du chemin parcouru entre la mesure de départ et la cible (100 % : cible atteinte). Attendu : part de la période de l'action écoulée en {0}. Un indicateur est « en bonne voie » quand sa progression suit au moins le temps écoulé ; {1} ; {2} ; {3}. Graphiques : mesures par année, cible en tirets, mesure de départ en pointillés, année {0} en gris.",
            p.annee_ecrite(),
            super::eval::PROCHE_BANDE,
            super::eval::ARRONDI,
            super::eval::REGLE_TEXTE
        ))
    );
}

/// A criterion: its heading (a bookmark), its summary line, the table of its indicators
/// fiche by fiche, then their charts.
fn critere(out: &mut String, files: &mut Files, c: &Critere, annee: i64) {
    out.push_str("#pagebreak(weak: true)\n");
    heading(out, 1, &format!("Critère {} — {}", c.numero, c.intitule));
    let _ = writeln!(out, "#text(fill: doux, {})\n", lit(&resume_line(&c.resume)));
    if c.fiches.is_empty() {
        return;
    }
    caption(out, &format!("Indicateurs du critère {}", c.numero));
    let mut cells = vec![
        "table.header(th[Indicateur], th[Unité], th[Cible], th[Mesures], th[Statut])".to_string(),
    ];
    for f in &c.fiches {
        cells.push(format!(
            "table.cell(colspan: 5, fill: fond, {})",
            lit(&fiche_title(f))
        ));
        for o in &f.objectifs {
            cells.extend(o.indicateurs.iter().map(indicator_row));
        }
    }
    table(out, "(1fr, auto, auto, auto, 22%)", &cells);
    charts(out, files, c, annee);
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

/// One indicator's row: intitulé, unit, target, the measures by year (the years as
/// written: « 2022-2023 : 2 »), the status with its figures.
fn indicator_row(i: &Indicateur) -> String {
    let cible = i.cible.map_or("—".to_string(), |c| with_unit(c, i.unite));
    let y = |a: i64| i.calendrier.show(a);
    let mut mesures: Vec<String> = i
        .mesures
        .iter()
        .map(|m| format!("{} : {}", y(m.annee), i.valeur(m)))
        .collect();
    mesures.extend(
        i.mesures_texte
            .iter()
            .map(|m| format!("{} : « {} »", y(m.annee), m.texte)),
    );
    mesures.extend(i.non_mesurees.iter().map(|m| match m.texte.as_str() {
        "" => format!("{} : NC", y(m.annee)),
        r => format!("{} : NC ({r})", y(m.annee)),
    }));
    let mesures = if mesures.is_empty() {
        "—".to_string()
    } else {
        mesures.join("\n")
    };
    let e = &i.evaluation;
    let mut statut = format!(
        "text(fill: rgb(\"{}\"), weight: \"bold\", {})",
        statut_colour(e.statut),
        lit(e.statut.label())
    );
    let figures = match (e.progression_pourcent, e.attendu_pourcent) {
        (Some(p), Some(a)) => Some(format!("{} (attendu {})", pourcent(p), pourcent(a))),
        (Some(p), None) => Some(pourcent(p)),
        _ => None,
    };
    for note in figures.iter().chain(&e.explication()) {
        let _ = write!(statut, " + linebreak() + text(size: 8pt, {})", lit(note));
    }
    format!(
        "{}, {}, num({}), {}, [#{{{statut}}}]",
        lit(&i.intitule),
        lit(i.unite.name()),
        lit(&cible),
        lit(&mesures)
    )
}

/// The charts of the criterion's measurable indicators, two by row, each an SVG file
/// embedded as an image under its title.
fn charts(out: &mut String, files: &mut Files, c: &Critere, annee: i64) {
    let mut cells = Vec::new();
    for f in &c.fiches {
        for i in f.objectifs.iter().flat_map(|o| o.indicateurs.iter()) {
            if i.evaluation.statut == Statut::NonMesurable {
                continue;
            }
            let svg = standalone_chart(i, f.periode, annee);
            if svg.is_empty() {
                continue;
            }
            let path = format!("graphes/{}-{}.svg", c.numero, files.len() + 1);
            cells.push(format!(
                "block(breakable: false, width: 100%, {{ text(size: 8.5pt, weight: \"bold\", {0}); linebreak(); image({1}, width: 100%, alt: {0}) }})",
                lit(&i.intitule),
                lit(&path)
            ));
            files.push((path, svg.into_bytes()));
        }
    }
    if cells.is_empty() {
        return;
    }
    caption(out, &format!("Graphiques du critère {}", c.numero));
    let _ = writeln!(
        out,
        "#grid(columns: (1fr, 1fr), column-gutter: 10pt, row-gutter: 10pt, {})",
        cells.join(", ")
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_summary_has_a_heading_for_every_count() {
        let counts = super::comptes(&super::super::Resume::default());
        assert_eq!(super::en_tetes().len(), counts.len());
    }
}
