//! One inline SVG chart per indicator: measures by year, the target, the baseline.
//!
//! Hand-written SVG (no JavaScript, no external resource) so that the tableau de bord
//! is a single self-contained file that prints the same everywhere.

use super::Indicateur;
use super::eval::Statut;
use crate::numfmt::{Unite, with_unit};
use minijinja::HtmlEscape;
use std::fmt::Write;

const W: f64 = 360.0;
const H: f64 = 150.0;
const LEFT: f64 = 58.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 24.0;

/// The drawing area: the years and the value range shown, mapped to SVG coordinates.
struct Frame {
    x0: i64,
    x1: i64,
    lo: f64,
    hi: f64,
}

impl Frame {
    /// The years of the measures and of `periode` up to `annee`, and the values of the
    /// measures and of the target with a margin; `None` without any measure.
    fn of(ind: &Indicateur, periode: Option<(i64, i64)>, annee: i64) -> Option<Frame> {
        let first = ind.mesures.first()?;
        let last = ind.mesures.last().unwrap_or(first);
        let (mut x0, mut x1) = (first.annee, last.annee.max(annee));
        if let Some((d, f)) = periode {
            x0 = x0.min(d);
            x1 = x1.max(f);
        }
        if x1 == x0 {
            x1 = x0.saturating_add(1);
        }
        let values = ind.mesures.iter().map(|m| m.valeur).chain(ind.cible);
        let (lo, hi) = values.fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let pad = if hi > lo {
            (hi - lo) * 0.12
        } else {
            lo.abs().max(1.0) * 0.5
        };
        let top = hi;
        let lo = if lo >= 0.0 {
            (lo - pad).max(0.0)
        } else {
            lo - pad
        };
        let (lo, hi) = fit(ind.unite, counts(ind), lo, hi + pad, top);
        Some(Frame { x0, x1, lo, hi })
    }

    fn x(&self, year: i64) -> f64 {
        let span = self.x1.saturating_sub(self.x0).max(1) as f64;
        LEFT + year.saturating_sub(self.x0) as f64 / span * (W - LEFT - RIGHT)
    }

    fn y(&self, v: f64) -> f64 {
        TOP + (self.hi - v) / (self.hi - self.lo) * (H - TOP - BOTTOM)
    }
}

/// Whether the indicator counts things: a number unit and whole measures and target.
fn counts(ind: &Indicateur) -> bool {
    let whole = |v: f64| v.fract() == 0.0;
    ind.unite == Unite::Nombre
        && ind.mesures.iter().all(|m| whole(m.valeur))
        && ind.cible.is_none_or(whole)
}

/// The value range `lo..hi` adjusted to what is measured: whole bounds for counts (an
/// axis of meetings never reads « 3,2 »), at most 100 % for a percentage unless a value
/// (`top`, the largest) passes it.
fn fit(unite: Unite, counts: bool, lo: f64, hi: f64, top: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (lo, hi);
    if unite == Unite::Pourcentage && top <= 100.0 {
        hi = hi.min(100.0);
    }
    if counts {
        lo = lo.floor();
        hi = hi.ceil();
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    (lo, hi)
}

/// The chart of an indicator over `periode` (and its measures), marking the year `annee`,
/// as a file of its own carrying its styles, colours spelled out: the HTML page shows it
/// as it is, the PDF embeds it as an image. Returns an empty string when there is nothing
/// to draw (no numeric measure).
pub fn standalone_chart(ind: &Indicateur, periode: Option<(i64, i64)>, annee: i64) -> String {
    draw(ind, periode, annee, &standalone_style())
}

/// The chart styles with the colours of `commun.css.j2` written out, as an SVG renderer without CSS variables needs them.
fn standalone_style() -> String {
    let mut css = String::from(
        "<style>svg{font-family:'Libertinus Serif';font-size:8px}\
         .axe{stroke:#9aa1ad;stroke-width:1}.graduation,.legende{fill:#5b6475}\
         .annee{stroke:#c3c8d1;stroke-width:1;stroke-dasharray:2 2}\
         .depart{stroke:#7a808c;stroke-width:1;stroke-dasharray:1 3}\
         .cible{stroke:#1d2433;stroke-width:1.2;stroke-dasharray:6 3}\
         .mesures{fill:none;stroke-width:2}",
    );
    for s in Statut::ALL {
        let (class, colour) = (statut_class(s), statut_colour(s));
        let _ = write!(
            css,
            ".mesures.{class}{{stroke:{colour}}}.mesure.{class}{{fill:{colour}}}"
        );
    }
    css.push_str("</style>");
    css
}

fn draw(ind: &Indicateur, periode: Option<(i64, i64)>, annee: i64, style: &str) -> String {
    let Some(f) = Frame::of(ind, periode, annee) else {
        return String::new();
    };
    let mut s = String::new();
    let title = HtmlEscape(&ind.intitule);
    let _ = write!(
        s,
        r#"<svg class="graphe" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{title}"><title>{title}</title>{style}"#
    );
    axes(&mut s, &f, ind);
    references(&mut s, &f, ind, annee);
    measures(&mut s, &f, ind);
    s.push_str("</svg>");
    s
}

/// Axes, the graduations of the value range and of the years.
fn axes(s: &mut String, f: &Frame, ind: &Indicateur) {
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
    let whole = f.lo.fract() == 0.0 && f.hi.fract() == 0.0;
    let digits = if whole || f.hi - f.lo >= 10.0 { 0 } else { 1 };
    for v in [f.lo, f.hi] {
        let _ = write!(
            s,
            r#"<text class="graduation" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 4.0,
            f.y(v) + 3.0,
            HtmlEscape(&with_unit(round_to(v, digits), ind.unite))
        );
    }
    let step = ((f.x1 - f.x0) as f64 / 6.0).ceil().max(1.0) as i64;
    for year in (f.x0..=f.x1).step_by(step as usize) {
        let _ = write!(
            s,
            r#"<text class="graduation" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            f.x(year),
            H - 8.0,
            ind.calendrier.show(year)
        );
    }
}

/// The reference year, the baseline and the target.
fn references(s: &mut String, f: &Frame, ind: &Indicateur, annee: i64) {
    let _ = write!(
        s,
        r#"<line class="annee" x1="{0:.1}" y1="{TOP}" x2="{0:.1}" y2="{1}"/>"#,
        f.x(annee.clamp(f.x0, f.x1)),
        H - BOTTOM
    );
    if let Some(d) = ind.evaluation.depart {
        let _ = write!(
            s,
            r#"<line class="depart" x1="{LEFT}" y1="{0:.1}" x2="{1}" y2="{0:.1}"><title>départ : {2}</title></line>"#,
            f.y(d.valeur),
            W - RIGHT,
            HtmlEscape(&ind.valeur(&d))
        );
    }
    if let Some(c) = ind.cible {
        let _ = write!(
            s,
            r#"<line class="cible" x1="{LEFT}" y1="{0:.1}" x2="{1}" y2="{0:.1}"/><text class="legende" x="{1}" y="{2:.1}" text-anchor="end">cible {3}</text>"#,
            f.y(c),
            W - RIGHT,
            f.y(c) - 3.0,
            HtmlEscape(&with_unit(c, ind.unite))
        );
    }
}

/// The measures: a line through them, a point with its value on each.
fn measures(s: &mut String, f: &Frame, ind: &Indicateur) {
    let points: Vec<String> = ind
        .mesures
        .iter()
        .map(|m| format!("{:.1},{:.1}", f.x(m.annee), f.y(m.valeur)))
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
            f.x(m.annee),
            f.y(m.valeur),
            ind.calendrier.show(m.annee),
            HtmlEscape(&ind.valeur(m))
        );
    }
}

fn round_to(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (v * f).round() / f
}

/// CSS class of a status: its JSON name, ASCII as the stylesheet wants.
pub fn statut_class(s: Statut) -> &'static str {
    s.code()
}

/// Colour of a status, as `commun.css.j2` defines it (`--atteint`, `--bonne-voie`, …).
pub fn statut_colour(s: Statut) -> &'static str {
    match s {
        Statut::Atteint => "#1b7f3b",
        // The tableau de bord draws « proche de la cible » in the « en bonne voie » blue.
        Statut::EnBonneVoie | Statut::ProcheDeLaCible => "#1668a8",
        Statut::EnRetard => "#b26a00",
        Statut::EnRecul => "#b3261e",
        Statut::NonMesurable => "#7a808c",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_fit_what_is_measured() {
        // (unit, counts, lo, hi, largest value) → (lo, hi)
        let cases = [
            (Unite::Nombre, true, 2.64, 3.36, 3.0, (2.0, 4.0)),
            (Unite::Nombre, true, 0.0, 14.4, 12.0, (0.0, 15.0)),
            (Unite::Nombre, false, 0.5, 2.7, 2.5, (0.5, 2.7)),
            (Unite::Pourcentage, false, 78.0, 104.0, 98.0, (78.0, 100.0)),
            (Unite::Pourcentage, false, 90.0, 125.0, 112.0, (90.0, 125.0)),
            (Unite::Euros, false, 0.0, 2600.0, 2400.0, (0.0, 2600.0)),
            (Unite::Nombre, true, 3.0, 3.0, 3.0, (3.0, 4.0)),
        ];
        for (unite, counts, lo, hi, top, want) in cases {
            assert_eq!(
                fit(unite, counts, lo, hi, top),
                want,
                "{unite:?} {lo}..{hi}"
            );
        }
    }
}
