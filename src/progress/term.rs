//! The terminal view: a table grouped by criterion, a bar per indicator.

use super::eval::{Statut, pourcent};
use super::{Indicateur, Progress, Resume};
use crate::numfmt::{percent, with_unit};
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

const BAR: usize = 20;

fn style(s: Statut) -> Style {
    let c = match s {
        Statut::Atteint => AnsiColor::Green,
        Statut::EnBonneVoie => AnsiColor::Cyan,
        Statut::ProcheDeLaCible => AnsiColor::Blue,
        Statut::EnRetard => AnsiColor::Yellow,
        Statut::EnRecul => AnsiColor::Red,
        Statut::NonMesurable => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(c.into()))
}

fn paint(text: &str, st: Style, color: bool) -> String {
    if color {
        format!("{st}{text}{st:#}")
    } else {
        text.to_string()
    }
}

/// One line of counts: « 12 indicateurs : 3 atteints, 5 en bonne voie… ».
pub fn resume_line(r: &Resume) -> String {
    let mut parts = Vec::new();
    for s in Statut::ALL {
        let n = r.count(s);
        if n > 0 {
            parts.push(format!("{n} {}", s.label_n(n)));
        }
    }
    let mean = r.progression_moyenne.map_or(String::new(), |p| {
        format!(
            " · progression moyenne {} sur {}",
            percent(p),
            crate::text::count(
                r.mesurables,
                "indicateur mesurable",
                "indicateurs mesurables"
            )
        )
    });
    if r.indicateurs == 0 {
        return "aucun indicateur".to_string();
    }
    format!(
        "{} : {}{mean}",
        crate::text::count(r.indicateurs, "indicateur", "indicateurs"),
        parts.join(", ")
    )
}

/// The bar of an indicator: filled to its printed progress (capped, rounded down like
/// it), `|` at the expected share.
fn bar(ind: &Indicateur) -> String {
    let Some(p) = ind.evaluation.progression_pourcent else {
        return "·".repeat(BAR);
    };
    let cells = |pct: i64| (pct.clamp(0, 100) as usize * BAR) / 100;
    let filled = cells(p);
    let mark = ind
        .evaluation
        .attendu_pourcent
        .map(|a| cells(a).min(BAR - 1));
    (0..BAR)
        .map(|i| match (i < filled, Some(i) == mark) {
            (_, true) if i >= filled => '|',
            (true, _) => '█',
            (false, _) => '░',
        })
        .collect()
}

pub fn write(out: &mut String, p: &Progress, color: bool) {
    let bold = Style::new().bold();
    let _ = writeln!(
        out,
        "{}",
        paint(
            &format!(
                "Tableau de bord des indicateurs — état connu en {}",
                p.annee_ecrite()
            ),
            bold,
            color
        )
    );
    let _ = writeln!(
        out,
        "{} ({}) · cahier des charges {}",
        p.etablissement, p.uai, p.edition
    );
    let _ = writeln!(out, "Ensemble : {}", resume_line(&p.resume));
    let _ = writeln!(
        out,
        "Statuts : {} ; {} ; {}.\n",
        super::eval::PROCHE_BANDE,
        super::eval::ARRONDI,
        super::eval::REGLE_TEXTE
    );
    for c in &p.criteres {
        let _ = writeln!(
            out,
            "{}",
            paint(
                &format!("Critère {} — {}", c.numero, c.intitule),
                bold,
                color
            )
        );
        let _ = writeln!(out, "  {}", resume_line(&c.resume));
        for f in &c.fiches {
            let periode = f
                .periode_ecrite()
                .map_or(String::new(), |p| format!(", {p}"));
            let _ = writeln!(out, "\n  ▸ {} ({}{periode})", f.denomination, f.nature);
            for o in &f.objectifs {
                for i in &o.indicateurs {
                    indicator(out, i, color);
                }
            }
        }
        let _ = writeln!(out);
    }
}

fn indicator(out: &mut String, i: &Indicateur, color: bool) {
    let e = &i.evaluation;
    let st = style(e.statut);
    let _ = writeln!(out, "      {}", i.intitule);
    let figures = match e.progression_pourcent {
        Some(p) => format!(
            "{:>5}  (attendu {})",
            pourcent(p),
            e.attendu_pourcent.map_or("—".to_string(), pourcent)
        ),
        None => format!("{:>5}", "—"),
    };
    let why = e.explication().map_or(String::new(), |r| format!(" : {r}"));
    let _ = writeln!(
        out,
        "      {} {figures}  {}",
        paint(&bar(i), st, color),
        paint(&format!("{}{why}", e.statut.label()), st, color)
    );
    let mut facts = Vec::new();
    if let (Some(d), Some(l)) = (e.depart, e.derniere) {
        let y = |m: super::eval::Mesure| i.calendrier.show(m.annee);
        if d.annee == l.annee {
            facts.push(format!("{} : {}", y(d), i.valeur(&d)));
        } else {
            facts.push(format!(
                "{} : {} → {} : {}",
                y(d),
                i.valeur(&d),
                y(l),
                i.valeur(&l)
            ));
        }
    }
    if let Some(c) = i.cible {
        facts.push(format!("cible {} ({})", with_unit(c, i.unite), i.sens));
    }
    facts.extend(i.textes());
    if !facts.is_empty() {
        let _ = writeln!(out, "      {}", facts.join(" · "));
    }
}
