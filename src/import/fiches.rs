//! The fiches' tables: an action's identity, objectives and measures, mise en œuvre and
//! bilan; an engagement's planification. Rows repeated by hand and tables split in two
//! are followed; a cell that cannot be placed is reported.

use super::body::{Cell, Table};
use super::guide::{Reader, is_instruction};
use super::tables::{Kind, at, cell_at, md_cell, row_text, unplaced, unplaced_row};
use super::values::{self, Measure, plain};
use super::{Fiche, Indicateur, Kind as Fk, Objectif};
use crate::text::fold;

/// An objectives table whose rows may continue in the next table (split in two).
#[derive(Debug, Clone)]
pub struct Continued {
    kind: Kind,
    columns: usize,
    header: Vec<String>,
    /// The year of each measure column, by grid column.
    years: Vec<(usize, Option<String>)>,
}

pub fn dispatch_fiche(r: &mut Reader, t: &Table, kind: Kind) {
    match kind {
        Kind::FicheId => identite(r, t),
        Kind::ObjectifsAction | Kind::Planification => objectifs(r, t, kind),
        Kind::MiseEnOeuvre => sections(
            r,
            t,
            &[
                ("moyens", "Moyens engagés"),
                ("calendrier", "Calendrier"),
                ("lieux", "Lieux"),
                ("modalites", "Modalités d'organisation"),
            ],
        ),
        Kind::Bilan => sections(
            r,
            t,
            &[
                ("points forts", "Points forts"),
                ("axes", "Axes de progrès"),
                ("conclusion", "Conclusion"),
            ],
        ),
        _ => {
            let columns = t.rows.first().map_or(0, |row| width(row));
            match r.last.clone() {
                Some(c) if c.columns == columns && !r.in_skip() => rows(r, t, &c, 0),
                _ if r.in_skip() => {}
                _ => unplaced(r, t, 0, "tableau non reconnu, non repris"),
            }
        }
    }
}

fn width(row: &[Cell]) -> usize {
    row.last().map_or(0, |c| c.col + c.span)
}

/// A fiche to fill: the one whose heading was read, else a new one of the current
/// criterion (a school's file may have no heading per fiche).
fn fiche_for_id(r: &mut Reader, kind: Fk) -> Option<&mut Fiche> {
    if !r.fresh || r.fiche.is_none() {
        let c = r.crit?;
        let fiches = &mut r.d.criteres[c].fiches;
        let n = fiches.iter().filter(|f| f.kind == kind).count() + 1;
        fiches.push(Fiche {
            kind,
            n,
            ..Fiche::default()
        });
        r.fiche = Some(fiches.len() - 1);
    }
    r.fresh = false;
    r.fiche_mut()
}

fn identite(r: &mut Reader, t: &Table) {
    let labels: Vec<String> = t.rows.iter().flat_map(|row| row_text(row)).collect();
    let kind = if labels
        .iter()
        .any(|l| l.starts_with("action perenne") || l.starts_with("duree action"))
    {
        Fk::Action
    } else {
        Fk::Engagement
    };
    if fiche_for_id(r, kind).is_none() {
        unplaced(r, t, 0, "fiche hors d'un critère, non reprise");
        return;
    }
    for (i, row) in t.rows.iter().enumerate() {
        for pair in row.chunks(2) {
            let [k, v] = pair else { continue };
            let label = fold(&plain(&k.text()));
            if let Err(motif) = field(r, &label, v) {
                let place = at(r, i, v.col);
                r.note(place, &v.text(), motif);
            }
        }
    }
}

/// One label / value pair of a fiche's identity table.
fn field(r: &mut Reader, label: &str, v: &Cell) -> Result<(), &'static str> {
    let text = plain(&v.text());
    let f = r.fiche_mut().ok_or("fiche introuvable")?;
    if values::is_blank(&text) || is_instruction(&text) {
        return Ok(());
    }
    match label {
        l if l.starts_with("denomination") => f.denomination = text.replace('\n', " "),
        l if l.starts_with("duree") => {
            f.periode = Some(values::periode(&text).ok_or("durée illisible, non reprise")?)
        }
        l if l.starts_with("action perenne") => {
            f.perenne = Some(values::oui_non(&text).ok_or("OUI / NON illisible, non repris")?)
        }
        l if l.starts_with("description") => f.sections.push(("Description".into(), md_cell(v))),
        l if l.starts_with("exigences") => f.exigences = values::exigences(&text),
        _ => return Err("rubrique de fiche non reprise"),
    }
    Ok(())
}

fn objectifs(r: &mut Reader, t: &Table, kind: Kind) {
    let Some(head) = t.rows.first() else { return };
    let measure_cols: Vec<usize> = head
        .iter()
        .filter(|c| fold(&plain(&c.text())).starts_with("mesure"))
        .map(|c| c.col)
        .collect();
    let years = measure_cols
        .iter()
        .map(|&c| {
            (
                c,
                cell_at(head, c).and_then(|h| values::heading_year(&h.text())),
            )
        })
        .collect();
    let c = Continued {
        kind,
        columns: width(head),
        header: row_text(head),
        years,
    };
    r.last = Some(c.clone());
    if r.fiche_mut().is_none() {
        unplaced(r, t, 1, "tableau d'objectifs hors d'une fiche, non repris");
        return;
    }
    rows(r, t, &c, 1);
}

/// The rows of an objectives table from `from`, a repeated heading row skipped.
fn rows(r: &mut Reader, t: &Table, c: &Continued, from: usize) {
    let (obj, ind, plus) = match c.kind {
        Kind::Planification => (2, 3, None),
        _ => (0, 1, Some(5)),
    };
    for (i, row) in t.rows.iter().enumerate().skip(from) {
        if row_text(row) == c.header {
            continue;
        }
        if c.kind == Kind::Planification {
            engagement_cells(r, row);
        }
        let Some(o) = objectif_of(r, row, obj) else {
            unplaced_row(r, i, row, "ligne sans objectif, non reprise");
            continue;
        };
        if let Some(p) = plus.and_then(|k| cell_at(row, k)).filter(|c| !c.cont) {
            let text = plain(&p.text()).replace('\n', " ");
            if !values::is_blank(&text) && !is_instruction(&text) {
                o.plus_value = text;
            }
        }
        indicateur(r, row, i, ind, c);
    }
}

/// The animateur and duration of an engagement's first row.
fn engagement_cells(r: &mut Reader, row: &[Cell]) {
    let get = |k: usize| {
        cell_at(row, k)
            .filter(|c| !c.cont)
            .map(|c| plain(&c.text()))
    };
    let (animateur, duree) = (get(0), get(1));
    let Some(f) = r.fiche_mut() else { return };
    if let Some(a) = animateur.filter(|a| !values::is_blank(a) && !is_instruction(a)) {
        f.animateur_raw = a;
    }
    if let Some(p) = duree.as_deref().and_then(values::periode) {
        f.periode = Some(p);
    }
}

/// The objective a row belongs to: a new one when its cell starts one, else the last.
fn objectif_of<'a>(r: &'a mut Reader, row: &[Cell], col: usize) -> Option<&'a mut Objectif> {
    let cell = cell_at(row, col);
    let text = cell
        .filter(|c| !c.cont)
        .map(|c| plain(&c.text()))
        .unwrap_or_default();
    let f = r.fiche_mut()?;
    if !values::is_blank(&text) && !placeholder(&text) {
        f.objectifs.push(Objectif {
            intitule: text.replace('\n', " "),
            ..Objectif::default()
        });
    }
    f.objectifs.last_mut()
}

/// The template's « Objectif opérationnel 1 », « Indicateur d'évaluation 1.1 ».
fn placeholder(s: &str) -> bool {
    let f = fold(s);
    f.starts_with("objectif operationnel")
        || f.starts_with("indicateur d'evaluation")
        || is_instruction(s)
}

fn indicateur(r: &mut Reader, row: &[Cell], i: usize, col: usize, c: &Continued) {
    let text = cell_at(row, col)
        .map(|c| plain(&c.text()))
        .unwrap_or_default();
    if values::is_blank(&text) || placeholder(&text) {
        return;
    }
    let mut lines = text.lines();
    let mut ind = Indicateur {
        intitule: lines.next().unwrap_or("").to_string(),
        ..Indicateur::default()
    };
    for line in lines {
        if !small_print(&mut ind, line) {
            ind.intitule = format!("{} {line}", ind.intitule);
        }
    }
    let periode = r.fiche_mut().and_then(|f| f.periode.clone());
    let campagne = r.d.identite.annee.clone();
    for (k, (col, year)) in c.years.iter().enumerate() {
        let Some(cell) = cell_at(row, *col) else {
            continue;
        };
        let fallback = || fallback_year(c.kind, k, periode.as_ref(), &campagne);
        let year = year.clone().or_else(fallback);
        if let Err(motif) = place(&mut ind, &cell.text(), year) {
            let place = at(r, i, *col);
            r.report_only(place, &cell.text(), motif);
        }
    }
    if let Some(o) = r.fiche_mut().and_then(|f| f.objectifs.last_mut()) {
        o.indicateurs.push(ind);
    }
}

/// The year of a column whose heading gives none (« Mesure début (N) »): the guide's
/// N, N+3, N+5 from the action's start, or the campaign for an engagement.
fn fallback_year(
    kind: Kind,
    k: usize,
    periode: Option<&(String, String)>,
    campagne: &str,
) -> Option<String> {
    if kind == Kind::Planification {
        return values::year(campagne);
    }
    let debut: i64 = periode?.0.get(..4)?.parse().ok()?;
    Some((debut + [0, 3, 5].get(k)?).to_string())
}

/// « 2022 : 25 % ; 2023 : 27 % »: the measures ldm lists under the indicator.
/// The line ldm's annex writes under an indicator: « Cible : 16 (hausse) », then
/// « Autres relevés : 2022 : 25 % », joined by « — »; false for any other line.
fn small_print(ind: &mut Indicateur, line: &str) -> bool {
    let parts: Vec<&str> = line.split(" — ").collect();
    let known = |p: &&str| p.starts_with("Cible : ") || p.starts_with("Autres relevés : ");
    if !parts.iter().all(known) {
        return false;
    }
    for p in parts {
        match p.strip_prefix("Cible : ") {
            Some(c) => cible(ind, c),
            None => autres(ind, p.trim_start_matches("Autres relevés : ")),
        }
    }
    true
}

/// « 16 (hausse) », « 13,70 M€ (baisse) »: the target as a number, its unit and direction.
fn cible(ind: &mut Indicateur, text: &str) {
    let (value, sens) = match text.rsplit_once(" (") {
        Some((v, "hausse)")) => (v, Some("hausse")),
        Some((v, "baisse)")) => (v, Some("baisse")),
        _ => (text, None),
    };
    ind.sens = sens;
    match values::measure(value) {
        Some((Measure::Number { value, unit }, _)) => {
            if let Some(u) = unit {
                ind.unite.get_or_insert_with(|| u.to_string());
            }
            ind.cible = Some(value);
        }
        _ => match crate::model::valeur::chiffree(value) {
            Some(c) => {
                if let Some(u) = c.unite {
                    ind.unite.get_or_insert_with(|| u.name().to_string());
                }
                ind.cible = Some(c.bas.to_string());
            }
            None => ind.notes.push(format!("cible « {value} » non reprise")),
        },
    }
}

fn autres(ind: &mut Indicateur, rest: &str) {
    for item in rest.split(" ; ") {
        if let Some((y, v)) = item.split_once(" : ")
            && let Err(motif) = place(ind, v, values::year(y))
        {
            ind.notes.push(format!("{item} : {motif}"));
        }
    }
}

/// A measure written as the format reads it: a number with its unit, a range, « NC ».
fn written_form(t: &str) -> bool {
    use crate::model::valeur::{chiffree, non_mesure};
    chiffree(t).is_some() || non_mesure(t).is_some()
}

/// One measure into the indicator; the reason when it cannot be.
fn place(ind: &mut Indicateur, cell: &str, year: Option<String>) -> Result<(), &'static str> {
    let Some((m, own)) = values::measure(cell) else {
        return Ok(());
    };
    let year = own
        .or(year)
        .ok_or("mesure sans année connue, non reprise")?;
    match m {
        Measure::Number { value, unit } => {
            if let Some(u) = unit {
                if ind.unite.as_deref().is_some_and(|x| x != u) {
                    ind.notes.push(format!(
                        "{year} : « {} » : unité différente des autres mesures",
                        plain(cell)
                    ));
                }
                ind.unite.get_or_insert_with(|| u.to_string());
            }
            ind.mesures.push((year, value));
            Ok(())
        }
        Measure::Text(t) if written_form(&t) => {
            // A form ldm reads itself (« 13,70 M€ », « 70 à 80 % », « NC (raison) »): kept
            // as written, its unit the indicator's when the annex gave none.
            if let Some(u) = crate::model::valeur::chiffree(&t).and_then(|c| c.unite) {
                ind.unite.get_or_insert_with(|| u.name().to_string());
            }
            if crate::model::valeur::non_mesure(&t).is_some() {
                ind.notes
                    .push(format!("{year} : « {t} » : lu comme non mesuré"));
            }
            ind.mesures
                .push((year, serde_json::to_string(&t).unwrap_or_default()));
            Ok(())
        }
        Measure::Text(t) => {
            // Kept as written: check and progress show a measure in words.
            let quoted = serde_json::to_string(&t).unwrap_or_default();
            ind.notes.push(format!(
                "{year} : « {t} » : valeur non chiffrée, reprise telle quelle"
            ));
            ind.mesures.push((year, quoted));
            Err("valeur non chiffrée, reprise telle quelle (à vérifier)")
        }
    }
}

fn sections(r: &mut Reader, t: &Table, names: &[(&str, &'static str)]) {
    let Some(head) = t.rows.first() else { return };
    let cols: Vec<(usize, Option<&'static str>)> = head
        .iter()
        .map(|c| {
            let h = fold(&plain(&c.text()));
            (
                c.col,
                names
                    .iter()
                    .find(|(k, _)| h.starts_with(k))
                    .map(|(_, n)| *n),
            )
        })
        .collect();
    let header = row_text(head);
    for (i, row) in t.rows.iter().enumerate().skip(1) {
        if row_text(row) == header {
            continue;
        }
        for cell in row.iter().filter(|c| !c.cont) {
            let md = md_cell(cell);
            let name = cols
                .iter()
                .find(|(c, _)| *c == cell.col)
                .and_then(|(_, n)| *n);
            match (name, r.fiche_mut()) {
                (_, _) if md.is_empty() => {}
                (Some(n), Some(f)) => add_section(f, n, &md),
                _ => {
                    let place = at(r, i, cell.col);
                    r.note(
                        place,
                        &cell.text(),
                        "cellule hors des colonnes du guide, non reprise",
                    );
                }
            }
        }
    }
}

fn add_section(f: &mut Fiche, name: &str, md: &str) {
    match f.sections.iter_mut().find(|(n, _)| n == name) {
        Some((_, s)) => super::guide::join_md(s, md, true),
        None => f.sections.push((name.to_string(), md.to_string())),
    }
}
