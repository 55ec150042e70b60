//! The file `ldm bilan --nouveau` prepares for the comité de pilotage: the sections to
//! write, one analysis per criterion, each with that year's figures in a comment.

use super::{Bilan, SECTIONS};
use crate::progress::Resume;
use std::fmt::Write;

/// The text of a new `bilans/<annee>.md`.
pub fn modele(b: &Bilan) -> String {
    let p = &b.progress;
    let y = p.annee_ecrite();
    let mut out = format!(
        "<!-- Bilan annuel {y} du comité de pilotage, présenté au conseil pédagogique et au conseil d'administration.\nLes chiffres de l'année viennent du dossier (« ldm bilan --annee {} ») ; ce fichier porte l'analyse du comité, ses décisions et les priorités de l'année suivante. -->\n\n# {}\n",
        p.annee, SECTIONS[0]
    );
    for c in &p.criteres {
        let _ = write!(
            out,
            "\n## Critère {} — {}\n\nÀ compléter\n\n<!-- En {y} : {} -->\n",
            c.numero,
            c.intitule,
            figures(&c.resume)
        );
    }
    for s in &SECTIONS[1..] {
        let _ = write!(out, "\n# {s}\n\nÀ compléter\n");
    }
    crate::typo::french(&out)
}

/// « 6 indicateurs : 2 atteints, 3 en bonne voie, 1 en retard ».
fn figures(r: &Resume) -> String {
    let parts: Vec<String> = [
        (r.atteint, "atteint", "atteints"),
        (r.en_bonne_voie, "en bonne voie", "en bonne voie"),
        (
            r.proche_de_la_cible,
            "proche de la cible",
            "proches de la cible",
        ),
        (r.en_retard, "en retard", "en retard"),
        (r.en_recul, "en recul", "en recul"),
        (r.non_mesurable, "non mesurable", "non mesurables"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| crate::text::count(n, one, many))
    .collect();
    let total = crate::text::count(r.indicateurs, "indicateur", "indicateurs");
    if parts.is_empty() {
        total
    } else {
        format!("{total} : {}", parts.join(", "))
    }
}
