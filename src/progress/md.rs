//! The bilan annuel as Markdown (GFM tables), for the conseil d'administration.

use super::eval::{ARRONDI, PROCHE_BANDE, REGLE_TEXTE, pourcent};
use super::{Indicateur, Progress, Resume};
use crate::numfmt::{percent, with_unit};
use std::fmt::Write;

/// A table cell: no line break, pipes escaped.
pub fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn counts(r: &Resume) -> String {
    format!(
        "{} | {} | {} | {} | {} | {} | {} | {}",
        r.indicateurs,
        r.atteint,
        r.en_bonne_voie,
        r.proche_de_la_cible,
        r.en_retard,
        r.en_recul,
        r.non_mesurable,
        r.progression_moyenne.map_or("—".to_string(), |p| format!(
            "{} (sur {})",
            percent(p),
            r.mesurables
        ))
    )
}

fn mesure(m: Option<super::eval::Mesure>, i: &super::Indicateur) -> String {
    m.map_or("—".to_string(), |m| {
        let y = i.calendrier.show(m.annee);
        format!("{} ({y})", i.valeur(&m))
    })
}

pub fn write(out: &mut String, p: &Progress) {
    let _ = writeln!(
        out,
        "<!-- généré par ldm progress : modifier le dossier, puis produire à nouveau ce bilan -->\n"
    );
    let _ = writeln!(
        out,
        "# Bilan annuel {} — {}\n",
        p.annee_ecrite(),
        cell(&p.etablissement)
    );
    let _ = writeln!(
        out,
        "{} · UAI {} · cahier des charges {} · indicateurs tels que connus en {}.\n",
        p.denomination,
        p.uai,
        p.edition,
        p.annee_ecrite()
    );
    let _ = writeln!(out, "## Synthèse\n");
    let _ = writeln!(
        out,
        "| Critère | Indicateurs | Atteints | En bonne voie | Proches de la cible | En retard | En recul | Non mesurables | Progression moyenne (sur les mesurables) |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for c in &p.criteres {
        let _ = writeln!(
            out,
            "| {} — {} | {} |",
            c.numero,
            cell(&c.intitule),
            counts(&c.resume)
        );
    }
    let _ = writeln!(out, "| **Ensemble** | {} |", counts(&p.resume));
    let _ = writeln!(
        out,
        "\nProgression : part du chemin parcouru entre la mesure de départ et la cible. Attendu : part de la période de l'action écoulée en {}. La progression moyenne ne compte que les indicateurs mesurables. Statuts : {PROCHE_BANDE} ; {ARRONDI} ; {REGLE_TEXTE}.",
        p.annee_ecrite(),
    );
    for c in &p.criteres {
        let _ = writeln!(out, "\n## Critère {} — {}", c.numero, cell(&c.intitule));
        for f in &c.fiches {
            let periode = f
                .periode_ecrite()
                .map_or(String::new(), |p| format!(" ({p})"));
            let nature = if f.nature == "action" {
                "Action"
            } else {
                "Engagement"
            };
            let _ = writeln!(out, "\n### {nature} : {}{periode}\n", cell(&f.denomination));
            let _ = writeln!(
                out,
                "| Objectif | Indicateur | Départ | Dernière mesure | Cible | Progression | Attendu | Statut |"
            );
            let _ = writeln!(out, "|---|---|---|---|---|---:|---:|---|");
            for o in &f.objectifs {
                for i in &o.indicateurs {
                    row(out, &o.intitule, i);
                }
            }
        }
    }
}

fn row(out: &mut String, objectif: &str, i: &Indicateur) {
    let e = &i.evaluation;
    let mut statut = match &e.explication() {
        Some(r) => format!("{} ({})", e.statut.label(), r),
        None => e.statut.label().to_string(),
    };
    if let Some(t) = i.textes() {
        statut = format!("{statut} — {t}");
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} | {} |",
        cell(objectif),
        cell(&i.intitule),
        mesure(e.depart, i),
        mesure(e.derniere, i),
        i.cible.map_or("—".to_string(), |c| format!(
            "{} ({})",
            with_unit(c, i.unite),
            i.sens
        )),
        e.progression_pourcent.map_or("—".to_string(), pourcent),
        e.attendu_pourcent.map_or("—".to_string(), pourcent),
        cell(&statut)
    );
}
