//! The rapport d'audit as a Word document, from the same view as its HTML, Markdown and
//! PDF (`audit::rapport::Rapport`), in the same order, with the annex's building blocks.

use super::blocks::{Writer, num, para, run, table, td, th};
use super::{DocxError, footer, package, page, prose, styles};
use crate::audit::rapport::{Rapport, with_evidence};
use docx_rs::{Docx, Paragraph};

pub const TITLE: &str = "Rapport d'audit « Lycée des métiers »";

/// The rapport as DOCX bytes; `date` (W3CDTF) goes into the core properties.
pub fn rapport(r: &Rapport, date: Option<&str>) -> Result<Vec<u8>, DocxError> {
    let mut w = Writer::new(page(styles(Docx::new())).footer(footer()));
    w.paragraph(Paragraph::new().style("Title").add_run(run(TITLE)));
    let rows = r
        .identite()
        .iter()
        .map(|(k, v)| vec![th(k), td(v)])
        .collect();
    w.table(0, table(&[30.0, 70.0], rows));

    w.heading(1, "Les auditeurs", false);
    let mut rows = vec![vec![th("Nom"), th("Rôle"), th("Fonction")]];
    for a in &r.auditeurs {
        rows.push(vec![
            td(&format!("{} {}", a.prenom, a.nom)),
            td(&a.role),
            td(&a.fonction),
        ]);
    }
    w.table(1, table(&[30.0, 20.0, 50.0], rows));

    w.heading(1, "Avis proposé", false);
    w.paragraph(Paragraph::new().add_run(run(&r.avis).bold().size(28)));
    w.paragraph(para(&r.bilan));
    w.blocks(prose::blocks(&r.motivation.md));

    w.heading(1, "Plan d'audit", false);
    w.blocks(prose::blocks(&r.plan.md));

    w.heading(1, "Synthèse par critère", false);
    let mut rows = vec![vec![
        th("Critère"),
        th("Conformité"),
        th("Efficacité"),
        th("Écarts"),
    ]];
    for s in &r.synthese {
        rows.push(vec![
            td(&format!("{} — {}", s.numero, s.intitule)),
            td(&s.conformite),
            td(&s.efficacite),
            num(&s.ecarts.to_string()),
        ]);
    }
    w.table(1, table(&[55.0, 18.0, 17.0, 10.0], rows));

    w.heading(1, "Points forts", false);
    if r.points_forts.is_empty() {
        w.paragraph(para("Aucun point fort relevé."));
    }
    for p in &r.points_forts {
        w.paragraph(para(&format!("critère {} : {}", p.numero, p.texte)));
    }

    w.heading(1, "Écarts", false);
    if r.ecarts.is_empty() {
        w.paragraph(para("Aucun écart."));
    } else {
        let mut rows = vec![vec![
            th("N°"),
            th("Niveau"),
            th("Exigence"),
            th("Constat"),
            th("Correction attendue"),
            th("Échéance"),
        ]];
        for e in &r.ecarts {
            rows.push(vec![
                num(&e.n.to_string()),
                td(&e.niveau),
                td(&e.exigence),
                td(&with_evidence(&e.constat, &e.preuves)),
                td(&e.correction),
                td(&e.echeance),
            ]);
        }
        w.table(1, table(&[6.0, 10.0, 10.0, 30.0, 30.0, 14.0], rows));
    }

    for c in &r.criteres {
        w.heading(1, &format!("Critère {} — {}", c.numero, c.intitule), true);
        let mut rows = vec![vec![
            th("Exigence"),
            th("Conformité"),
            th("Efficacité"),
            th("Constats"),
        ]];
        for e in &c.exigences {
            rows.push(vec![
                td(&format!("{} {}", e.id, e.texte)),
                td(&e.conformite),
                td(&e.efficacite),
                td(&with_evidence(&e.constats, &e.preuves)),
            ]);
        }
        w.table(1, table(&[40.0, 15.0, 15.0, 30.0], rows));
        w.heading(2, "Conclusion", false);
        w.blocks(prose::blocks(&c.conclusion.md));
    }

    w.heading(1, "Les échelles de l'audit", true);
    for (title, scale) in [
        ("Conformité", &r.echelles.conformite),
        ("Efficacité", &r.echelles.efficacite),
        ("Écarts", &r.echelles.ecarts),
    ] {
        w.heading(2, title, false);
        let rows = scale
            .iter()
            .map(|n| vec![th(&n.valeur), td(&n.definition)])
            .collect();
        w.table(0, table(&[30.0, 70.0], rows));
    }
    let title = format!("{TITLE} — {}", r.nom);
    let meta = package::Meta {
        title: &crate::typo::french(&title),
        author: &r.nom,
        date,
    };
    package::pack(w.docx, &w.tables, &meta)
}
