//! One inline SVG chart per indicator: measures by year, the target, the baseline.
//!
//! Hand-written SVG (no JavaScript, no external resource) so that the tableau de bord
//! is a single self-contained file that prints the same everywhere.

use super::Indicateur;
use super::eval::Statut;
use crate::numfmt::with_unit;
use minijinja::HtmlEscape;
use std::fmt::Write;

const W: f64 = 360.0;
const H: f64 = 150.0;
const LEFT: f64 = 58.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 24.0;

/// The chart of an indicator over `periode` (and its measures), marking the year `annee`.
/// Returns an empty string when there is nothing to draw (no numeric measure).
pub fn chart(ind: &Indicateur, periode: Option<(i64, i64)>, annee: i64) -> String {
    let Some(first) = ind.mesures.first() else {
        return String::new();
    };
    let last = ind.mesures.last().unwrap_or(first);
    let (mut x0, mut x1) = (first.annee, last.annee.max(annee));
    if let Some((d, f)) = periode {
        x0 = x0.min(d);
        x1 = x1.max(f);
    }
    if x1 == x0 {
        x1 = x0 + 1;
    }
    let values = ind.mesures.iter().map(|m| m.valeur).chain(ind.cible);
    let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = if hi > lo {
        (hi - lo) * 0.12
    } else {
        lo.abs().max(1.0) * 0.5
    };
    let lo = if lo >= 0.0 {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    let hi = hi + pad;
    let x = |year: i64| LEFT + (year - x0) as f64 / (x1 - x0) as f64 * (W - LEFT - RIGHT);
    let y = |v: f64| TOP + (hi - v) / (hi - lo) * (H - TOP - BOTTOM);
    let u = ind.unite;

    let mut s = String::new();
    let title = HtmlEscape(&ind.intitule);
    let _ = write!(
        s,
        r#"<svg class="graphe" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{title}"><title>{title}</title>"#
    );
    // Axes and the y range.
    let _ = write!(
        s,
        r#"<line class="axe" x1="{LEFT}" y1="{}" x2="{}" y2="{}"/>"#,
        H - BOTTOM,
        W - RIGHT,
        H - BOTTOM
    );
    let _ = write!(
        s,
        r#"<line class="axe" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{}"/>"#,
        H - BOTTOM
    );
    // Round the axis labels to what the range can tell apart.
    let digits = if hi - lo >= 10.0 { 0 } else { 1 };
    for v in [lo, hi] {
        let _ = write!(
            s,
            r#"<text class="graduation" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 4.0,
            y(v) + 3.0,
            HtmlEscape(&with_unit(round_to(v, digits), u))
        );
    }
    let step = ((x1 - x0) as f64 / 6.0).ceil().max(1.0) as i64;
    for year in (x0..=x1).step_by(step as usize) {
        let _ = write!(
            s,
            r#"<text class="graduation" x="{:.1}" y="{}" text-anchor="middle">{year}</text>"#,
            x(year),
            H - 8.0
        );
    }
    // The reference year.
    let _ = write!(
        s,
        r#"<line class="annee" x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{1}"/>"#,
        x(annee.clamp(x0, x1)),
        H - BOTTOM
    );
    // Baseline and target.
    if let Some(d) = ind.evaluation.depart {
        let _ = write!(
            s,
            r#"<line class="depart" x1="{LEFT}" y1="{0:.1}" x2="{1}" y2="{0:.1}"><title>départ : {2}</title></line>"#,
            y(d.valeur),
            W - RIGHT,
            HtmlEscape(&with_unit(d.valeur, u))
        );
    }
    if let Some(c) = ind.cible {
        let _ = write!(
            s,
            r#"<line class="cible" x1="{LEFT}" y1="{0:.1}" x2="{1}" y2="{0:.1}"/><text class="legende" x="{1}" y="{2:.1}" text-anchor="end">cible {3}</text>"#,
            y(c),
            W - RIGHT,
            y(c) - 3.0,
            HtmlEscape(&with_unit(c, u))
        );
    }
    // The measures.
    let points: Vec<String> = ind
        .mesures
        .iter()
        .map(|m| format!("{:.1},{:.1}", x(m.annee), y(m.valeur)))
        .collect();
    let class = statut_class(ind.evaluation.statut);
    let _ = write!(
        s,
        r#"<polyline class="mesures {class}" points="{}"/>"#,
        points.join(" ")
    );
    for m in &ind.mesures {
        let _ = write!(
            s,
            r#"<circle class="mesure {class}" cx="{:.1}" cy="{:.1}" r="3"><title>{} : {}</title></circle>"#,
            x(m.annee),
            y(m.valeur),
            m.annee,
            HtmlEscape(&with_unit(m.valeur, u))
        );
    }
    s.push_str("</svg>");
    s
}

fn round_to(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

/// CSS class of a status (ASCII, for the stylesheet).
pub fn statut_class(s: Statut) -> &'static str {
    match s {
        Statut::Atteint => "atteint",
        Statut::EnBonneVoie => "en-bonne-voie",
        Statut::EnRetard => "en-retard",
        Statut::EnRecul => "en-recul",
        Statut::NonMesurable => "non-mesurable",
    }
}
