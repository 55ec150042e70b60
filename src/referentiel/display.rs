//! Text views of an edition for `ldm referentiel`: the writer's companion.

use super::{Critere, Edition, Item};
use std::fmt::Write;

/// The list of an edition's criteria.
pub fn list(ed: &Edition) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", ed.id, ed.titre);
    if let Some(src) = &ed.source {
        let _ = writeln!(s, "Source : {src}");
    }
    if let Some(base) = &ed.etend {
        let _ = writeln!(s, "Étend l'édition {base}.");
    }
    let _ = writeln!(s);
    for c in &ed.criteres {
        let reseau = if c.strategie_commune_reseau {
            " · stratégie commune en réseau"
        } else {
            ""
        };
        let mark = c
            .origine
            .map_or(String::new(), |o| format!(" ({})", o.label()));
        let _ = writeln!(s, "{:>2}. {}{mark}", c.numero, c.intitule);
        let _ = writeln!(
            s,
            "    dossier : criteres/{}-{}/ · {} exigences ({}–{}){reseau}",
            c.numero,
            c.slug,
            c.exigences.len(),
            c.exigences.first().map_or("", |e| e.id.as_str()),
            c.exigences.last().map_or("", |e| e.id.as_str())
        );
    }
    let _ = writeln!(
        s,
        "\n« ldm referentiel <numéro> » détaille un critère : exigences, exemples d'actions et d'indicateurs."
    );
    s
}

/// One criterion in full.
pub fn show(ed: &Edition, c: &Critere) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Critère {} — {}\n(édition {})\n",
        c.numero, c.intitule, ed.id
    );
    if let Some(o) = c.origine {
        let _ = writeln!(s, "({}, voir la note en fin de critère)\n", o.label());
    }
    let _ = writeln!(
        s,
        "EXIGENCES (à citer dans « exigences: » des actions et engagements)"
    );
    for e in &c.exigences {
        let reseau = if e.reseau { " (réseau)" } else { "" };
        let _ = writeln!(s, "  {:<5} {}{reseau}", e.id, e.texte);
    }
    if c.exigences.iter().any(|e| e.reseau) {
        let _ = writeln!(
            s,
            "  (réseau) : demandée seulement dans une candidature en réseau (« reseau » de ldm.toml)"
        );
    }
    if c.strategie_commune_reseau {
        let _ = writeln!(
            s,
            "\nEn réseau : ce critère demande une stratégie commune (section « # Stratégie commune du réseau » de critere.md)."
        );
    }
    for (title, items) in [
        ("FICHES QUALÉDUC", &c.fiches_qualeduc),
        ("MESURES DE LA RÉFORME", &c.mesures_reforme),
        ("ACTEURS", &c.acteurs),
        (
            "LIEN AVEC L'ÉVALUATION DES ÉTABLISSEMENTS",
            &c.evaluation_etablissement,
        ),
        ("AXES DE TRAVAIL STRATÉGIQUES", &c.axes_strategiques),
        ("OBJECTIFS OPÉRATIONNELS", &c.objectifs_operationnels),
        ("EXEMPLES D'ACTIONS", &c.exemples_actions),
        (
            "EXEMPLES D'INDICATEURS D'ÉVALUATION",
            &c.exemples_indicateurs,
        ),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{title}");
        for i in items {
            item(&mut s, i, 0);
        }
    }
    if let Some(n) = &c.note {
        let _ = writeln!(s, "\nNote : {n}");
    }
    s
}

/// One bullet of the guide and its sub-bullets, indented by level.
fn item(s: &mut String, i: &Item, level: usize) {
    let indent = "    ".repeat(level);
    let bullet = ["-", "·", "▪"][level.min(2)];
    let text = match i {
        Item::Texte(t) => t,
        Item::Detail { texte, .. } => texte,
    };
    let _ = writeln!(s, "  {indent}{bullet} {text}");
    if let Item::Detail { details, .. } = i {
        for d in details {
            item(s, d, level + 1);
        }
    }
}
