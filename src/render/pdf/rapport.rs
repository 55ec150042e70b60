//! The rapport d'audit as Typst source, from the same view as its HTML and Markdown
//! (`audit::rapport::Rapport`), in the same order; the Markdown parts (plan, motivation,
//! conclusions) through the annex's prose converter.

use super::prose;
use crate::audit::rapport::{Rapport, Texte, with_evidence};
use crate::referentiel::Niveau;
use crate::typeset::code::{heading, lit, table};
use crate::typeset::{Date, PdfError, Setup};
use std::fmt::Write;

pub const TITLE: &str = "Rapport d'audit « Lycée des métiers »";

/// The rapport as PDF bytes; `date` is the document's date in its metadata.
pub fn rapport(r: &Rapport, date: Option<Date>) -> Result<Vec<u8>, PdfError> {
    crate::typeset::compile(source(r, date), Vec::new())
}

/// The whole rapport as one Typst source.
pub fn source(r: &Rapport, date: Option<Date>) -> String {
    let mut out = crate::typeset::begin(&Setup {
        title: &format!("{TITLE} — {}", r.nom),
        author: &r.nom,
        date,
        header: [&r.nom, TITLE, &format!("Visite du {}", r.date)],
    });
    let _ = writeln!(
        out,
        "#block(below: 10pt, text(size: 20pt, weight: \"bold\", {}))",
        lit(TITLE)
    );
    let rows: Vec<String> = r
        .identite()
        .iter()
        .map(|(k, v)| format!("th({}), {}", lit(k), lit(v)))
        .collect();
    table(&mut out, "(30%, 70%)", &rows);

    heading(&mut out, 1, "Les auditeurs");
    let mut cells = vec!["table.header(th[Nom], th[Rôle], th[Fonction])".to_string()];
    for a in &r.auditeurs {
        cells.push(format!(
            "{}, {}, {}",
            lit(&format!("{} {}", a.prenom, a.nom)),
            lit(&a.role),
            lit(&a.fonction)
        ));
    }
    table(&mut out, "(30%, 20%, 50%)", &cells);

    heading(&mut out, 1, "Avis proposé");
    let _ = writeln!(
        out,
        "#block(stroke: 1.5pt + encre, inset: 8pt, width: 100%)[#text(size: 14pt, weight: \"bold\", {})\n\n#{}\n\n#{}]",
        lit(&r.avis),
        lit(&r.bilan),
        prose::content(&r.motivation.md)
    );

    md_section(&mut out, "Plan d'audit", &r.plan);

    heading(&mut out, 1, "Synthèse par critère");
    let mut cells =
        vec!["table.header(th[Critère], th[Conformité], th[Efficacité], th[Écarts])".to_string()];
    for s in &r.synthese {
        cells.push(format!(
            "{}, {}, {}, num({})",
            lit(&format!("{} — {}", s.numero, s.intitule)),
            lit(&s.conformite),
            lit(&s.efficacite),
            lit(&s.ecarts.to_string())
        ));
    }
    table(&mut out, "(1fr, auto, auto, auto)", &cells);
    note(
        &mut out,
        "Pour chaque critère, la conformité et l'efficacité les moins bonnes de ses exigences.",
    );

    heading(&mut out, 1, "Points forts");
    if r.points_forts.is_empty() {
        let _ = writeln!(out, "#{}\n", lit("Aucun point fort relevé."));
    }
    for p in &r.points_forts {
        let _ = writeln!(
            out,
            "- #{}",
            lit(&format!("critère {} : {}", p.numero, p.texte))
        );
    }

    heading(&mut out, 1, "Écarts");
    if r.ecarts.is_empty() {
        let _ = writeln!(out, "#{}\n", lit("Aucun écart."));
    } else {
        let mut cells = vec![
            "table.header(th[N°], th[Niveau], th[Exigence], th[Constat], th[Correction attendue], th[Échéance])".to_string(),
        ];
        for e in &r.ecarts {
            let constat = with_evidence(&e.constat, &e.preuves);
            cells.push(format!(
                "num({}), {}, {}, {}, {}, {}",
                lit(&e.n.to_string()),
                lit(&e.niveau),
                lit(&e.exigence),
                lit(&constat),
                lit(&e.correction),
                lit(&e.echeance)
            ));
        }
        table(&mut out, "(auto, auto, auto, 1fr, 1fr, auto)", &cells);
    }

    for c in &r.criteres {
        out.push_str("#pagebreak(weak: true)\n");
        heading(
            &mut out,
            1,
            &format!("Critère {} — {}", c.numero, c.intitule),
        );
        let mut cells = vec![
            "table.header(th[Exigence], th[Conformité], th[Efficacité], th[Constats])".to_string(),
        ];
        for e in &c.exigences {
            let constats = with_evidence(&e.constats, &e.preuves);
            cells.push(format!(
                "{}, {}, {}, {}",
                lit(&format!("{} {}", e.id, e.texte)),
                lit(&e.conformite),
                lit(&e.efficacite),
                lit(&constats)
            ));
        }
        table(&mut out, "(40%, auto, auto, 1fr)", &cells);
        let _ = writeln!(out, "#heading(level: 2, outlined: false, [Conclusion])");
        let _ = writeln!(out, "#{}", prose::content(&c.conclusion.md));
    }

    out.push_str("#pagebreak(weak: true)\n");
    heading(&mut out, 1, "Les échelles de l'audit");
    for (title, scale) in [
        ("Conformité", &r.echelles.conformite),
        ("Efficacité", &r.echelles.efficacite),
        ("Écarts", &r.echelles.ecarts),
    ] {
        let _ = writeln!(out, "#heading(level: 2, outlined: false, {})", lit(title));
        table(&mut out, "(30%, 70%)", &scale_rows(scale));
    }
    out
}

fn scale_rows(scale: &[Niveau]) -> Vec<String> {
    scale
        .iter()
        .map(|n| format!("th({}), {}", lit(&n.valeur), lit(&n.definition)))
        .collect()
}

fn md_section(out: &mut String, title: &str, t: &Texte) {
    heading(out, 1, title);
    let _ = writeln!(out, "#{}", prose::content(&t.md));
}

fn note(out: &mut String, text: &str) {
    let _ = writeln!(out, "#text(size: 8.5pt, fill: doux, {})", lit(text));
}
