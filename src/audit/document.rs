//! The rapport d'audit laid out once as a `doc::Document`, which every backend renders
//! (HTML, Markdown, PDF, DOCX): the rapport's wording (« Avis proposé », « Synthèse par
//! critère », « Correction attendue »…) is written here and nowhere else.

use super::rapport::{Rapport, with_evidence};
use crate::doc::{Block, Cell, Document, Inline, Table, heading, para, read, title};
use crate::referentiel::Niveau;

pub const TITLE: &str = "Rapport d'audit « Lycée des métiers »";

/// The rapport as a document.
pub fn document(r: &Rapport) -> Document {
    let mut b = vec![
        title("rapport", TITLE),
        para(&format!("{} — UAI {}", r.nom, r.uai)),
        Block::Table(identity(r)),
    ];
    b.push(heading(2, "auditeurs", "Les auditeurs"));
    b.push(Block::Table(auditors(r)));
    b.push(heading(2, "avis", "Avis proposé"));
    let mut avis = vec![
        Block::Para(vec![Inline::Strong(vec![Inline::Text(r.avis.clone())])]),
        para(&r.bilan),
    ];
    avis.extend(read::prose(&r.motivation));
    b.push(Block::Frame(avis));
    b.push(heading(2, "plan", "Plan d'audit"));
    b.extend(read::prose(&r.plan));
    b.push(heading(2, "synthese", "Synthèse par critère"));
    b.push(Block::Table(synthesis(r)));
    b.push(Block::Note(vec![Inline::Text(
        "Pour chaque critère, la conformité et l'efficacité les moins bonnes de ses exigences."
            .to_string(),
    )]));
    strengths_and_gaps(r, &mut b);
    for c in &r.criteres {
        b.push(Block::PageBreak);
        let title = format!("Critère {} — {}", c.numero, c.intitule);
        b.push(heading(2, &format!("critere-{}", c.numero), &title));
        b.push(Block::Table(requirements(c)));
        b.push(subheading("Conclusion"));
        b.extend(read::prose(&c.conclusion));
    }
    b.push(Block::PageBreak);
    b.push(heading(2, "echelles", "Les échelles de l'audit"));
    for (title, scale) in [
        ("Conformité", &r.echelles.conformite),
        ("Efficacité", &r.echelles.efficacite),
        ("Écarts", &r.echelles.ecarts),
    ] {
        b.push(subheading(title));
        b.push(Block::Table(scale_table(scale)));
    }
    let header = [
        r.nom.clone(),
        TITLE.to_string(),
        format!("Visite du {}", r.date),
    ];
    Document::new(&format!("{TITLE} — {}", r.nom), &r.nom, header, b)
}

/// A level-3 heading left out of the contents and bookmarks.
fn subheading(text: &str) -> Block {
    crate::doc::unlisted(3, "", text)
}

/// The label/value table the rapport opens with, kept on one page.
fn identity(r: &Rapport) -> Table {
    let rows = [
        ("Établissement", r.nom.clone()),
        ("UAI", r.uai.clone()),
        (
            "Cahier des charges",
            format!("{} ({})", r.edition_titre, r.edition),
        ),
        ("Date de la visite", r.date.clone()),
        ("Lieu", r.lieu.clone()),
    ];
    crate::doc::label_value(&rows, [30.0, 70.0])
}

fn auditors(r: &Rapport) -> Table {
    Table {
        widths: vec![30.0, 20.0, 50.0],
        head: crate::doc::head(&["Nom", "Rôle", "Fonction"]),
        body: r
            .auditeurs
            .iter()
            .map(|a| {
                vec![
                    Cell::text(&format!("{} {}", a.prenom, a.nom)),
                    Cell::text(&a.role),
                    Cell::text(&a.fonction),
                ]
            })
            .collect(),
        keep_together: false,
    }
}

fn synthesis(r: &Rapport) -> Table {
    let head = ["Critère", "Conformité", "Efficacité", "Écarts"];
    let mut head: Vec<Cell> = head.iter().map(|h| Cell::th(h)).collect();
    head[3].numeric = true;
    Table {
        widths: vec![55.0, 18.0, 17.0, 10.0],
        head: vec![head],
        body: r
            .synthese
            .iter()
            .map(|s| {
                vec![
                    Cell::text(&format!("{} — {}", s.numero, s.intitule)),
                    Cell::text(&s.conformite),
                    Cell::text(&s.efficacite),
                    Cell::num(&s.ecarts.to_string()),
                ]
            })
            .collect(),
        keep_together: false,
    }
}

/// « Points forts » and « Écarts », each saying so when there is none.
fn strengths_and_gaps(r: &Rapport, b: &mut Vec<Block>) {
    b.push(heading(2, "points-forts", "Points forts"));
    if r.points_forts.is_empty() {
        b.push(para("Aucun point fort relevé."));
    } else {
        let items = r
            .points_forts
            .iter()
            .map(|p| vec![para(&format!("critère {} : {}", p.numero, p.texte))]);
        b.push(Block::List {
            start: None,
            items: items.collect(),
        });
    }
    b.push(heading(2, "ecarts", "Écarts"));
    if r.ecarts.is_empty() {
        b.push(para("Aucun écart."));
        return;
    }
    let head = [
        "N°",
        "Niveau",
        "Exigence",
        "Constat",
        "Correction attendue",
        "Échéance",
    ];
    let body = r.ecarts.iter().map(|e| {
        vec![
            Cell::num(&e.n.to_string()),
            Cell::of(vec![Inline::Strong(vec![Inline::Text(e.niveau.clone())])]),
            Cell::text(&e.exigence),
            Cell::text(&with_evidence(&e.constat, &e.preuves)),
            Cell::text(&e.correction),
            Cell::text(&e.echeance),
        ]
    });
    b.push(Block::Table(Table {
        widths: vec![6.0, 10.0, 10.0, 30.0, 30.0, 14.0],
        head: vec![head.iter().map(|h| Cell::th(h)).collect()],
        body: body.collect(),
        keep_together: false,
    }));
}

fn requirements(c: &super::rapport::CritereVue) -> Table {
    let head = ["Exigence", "Conformité", "Efficacité", "Constats"];
    let body = c.exigences.iter().map(|e| {
        vec![
            Cell::of(vec![
                Inline::Strong(vec![Inline::Text(e.id.clone())]),
                Inline::Text(format!(" {}", e.texte)),
            ]),
            Cell::text(&e.conformite),
            Cell::text(&e.efficacite),
            Cell::text(&with_evidence(&e.constats, &e.preuves)),
        ]
    });
    Table {
        widths: vec![40.0, 15.0, 15.0, 30.0],
        head: vec![head.iter().map(|h| Cell::th(h)).collect()],
        body: body.collect(),
        keep_together: false,
    }
}

/// A scale of the audit: each value labels its definition.
fn scale_table(scale: &[Niveau]) -> Table {
    Table {
        widths: vec![30.0, 70.0],
        head: Vec::new(),
        body: scale
            .iter()
            .map(|n| vec![Cell::th(&n.valeur), Cell::text(&n.definition)])
            .collect(),
        keep_together: false,
    }
}
