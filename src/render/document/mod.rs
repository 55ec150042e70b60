//! The annex laid out once as a `doc::Document`, which every backend renders (HTML,
//! Markdown, PDF, DOCX): one function per table of the guide (section E), in the order
//! the guide draws them. The guide's wording (« Durée action », « OBJECTIFS INDICATEURS
//! ÉVALUATION »…) is written in this module and nowhere else.

mod critere;
mod fiches;

use crate::doc::{
    Block, Cell, Document, Inline, Table, head, heading, para, read, title, unlisted,
};
use crate::render::view::{Annexe, Identite, Preuve};

pub const TITLE: &str = "Dossier de labellisation « Lycée des métiers »";

/// The annex as a document; `autoevaluation`, the synthesis of the school's
/// self-assessment (headings of level 4), follows the articulation's text.
pub fn annexe(a: &Annexe, autoevaluation: Vec<Block>) -> Document {
    let id = &a.identite;
    let mut b = cover(id);
    b.push(Block::Contents {
        title: "Sommaire".to_string(),
        depth: 2,
    });
    b.push(Block::PageBreak);
    etablissement(&mut b, a, autoevaluation);
    synopsis(&mut b, a);
    for c in &a.criteres {
        critere::critere(&mut b, c);
    }
    b.push(Block::PageBreak);
    preuves(&mut b, a);
    collectif(&mut b, a);
    let header = [
        id.nom.clone(),
        TITLE.to_string(),
        format!("Campagne {}", id.annee),
    ];
    Document::new(&format!("{TITLE} — {}", id.nom), &id.nom, header, b)
}

/// A table of label/value rows, each label heading its row.
fn labelled(widths: [f32; 2], rows: Vec<(String, Vec<Block>)>) -> Table {
    let body = rows.into_iter().map(|(k, v)| {
        let value = Cell {
            content: v,
            ..Cell::text("")
        };
        vec![Cell::th(&k), value]
    });
    Table {
        widths: widths.to_vec(),
        head: Vec::new(),
        body: body.collect(),
        keep_together: true,
    }
}

/// The cover: the guide's title, the school, its label's name and its identity table.
fn cover(id: &Identite) -> Vec<Block> {
    let mut rows = vec![("UAI", id.uai.clone()), ("Académie", id.academie.clone())];
    if !id.ville.is_empty() {
        rows.push(("Commune", id.ville.clone()));
    }
    let nature = if id.precedente.is_empty() {
        id.nature.clone()
    } else {
        format!("{} (label obtenu en {})", id.nature, id.precedente)
    };
    rows.push(("Nature de la candidature", nature));
    rows.push(("Campagne", id.annee.clone()));
    let edition = format!("{} ({})", id.edition_titre, id.edition);
    rows.push(("Cahier des charges", edition));
    if !id.reseau.is_empty() {
        rows.push(("Candidature en réseau avec", id.reseau.join(", ")));
    }
    let rows = rows
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![para(&v)]));
    vec![
        Block::Note(vec![Inline::Text(TITLE.to_string())]),
        title("annexe", &id.nom),
        Block::Para(vec![Inline::Emph(vec![Inline::Text(
            id.denomination.clone(),
        )])]),
        Block::Table(labelled([45.0, 55.0], rows.collect())),
        Block::PageBreak,
    ]
}

fn etablissement(b: &mut Vec<Block>, a: &Annexe, mut autoevaluation: Vec<Block>) {
    b.push(heading(
        2,
        "etablissement",
        "Présentation de l'établissement",
    ));
    for (anchor, title, p) in [
        ("contexte", "Contexte de l'établissement", &a.contexte),
        (
            "articulation",
            "Articulation avec l'auto-évaluation, le projet d'établissement, le contrat d'objectifs et les autres labels",
            &a.articulation,
        ),
        ("pilotage", "Pilotage de la démarche", &a.pilotage),
    ] {
        b.push(unlisted(3, anchor, title));
        b.extend(read::prose(&p.md));
        if anchor == "articulation" && !autoevaluation.is_empty() {
            b.push(unlisted(
                3,
                "autoevaluation",
                "Synthèse de l'auto-évaluation",
            ));
            b.extend(std::mem::take(&mut autoevaluation));
        }
    }
}

fn synopsis(b: &mut Vec<Block>, a: &Annexe) {
    b.push(heading(2, "synoptique", "Synoptique des critères"));
    let mut head = head(&[
        "Critère",
        "Coordonnateur",
        "Actions",
        "Engagements",
        "Exigences couvertes",
    ]);
    head[0][2..].iter_mut().for_each(|c| c.numeric = true);
    let body = a.synopsis.iter().map(|s| {
        let associees = match s.contributions.len() {
            0 => String::new(),
            1 => " (+1 associée)".to_string(),
            n => format!(" (+{n} associées)"),
        };
        vec![
            Cell::text(&format!("{} — {}", s.numero, s.intitule)),
            Cell::text(&s.coordonnateur),
            Cell::num(&format!("{}{associees}", s.actions)),
            Cell::num(&s.engagements.to_string()),
            Cell::num(&s.exigences),
        ]
    });
    b.push(Block::Table(Table {
        widths: vec![3.0, 2.1, 1.0, 1.3, 1.3],
        head,
        body: body.collect(),
        keep_together: false,
    }));
    b.push(Block::Note(vec![Inline::Text(
        a.note_exigences.to_string(),
    )]));
    let associees: Vec<Vec<Block>> = (a.synopsis.iter())
        .flat_map(|s| (s.contributions.iter()).map(move |w| format!("critère {} ← {w}", s.numero)))
        .map(|line| vec![para(&line)])
        .collect();
    if !associees.is_empty() {
        b.push(para(
            "Fiches associées (une fiche rangée dans un critère qui en sert aussi un autre) :",
        ));
        b.push(Block::List {
            start: None,
            items: associees,
        });
    }
    if !a.identite.reseau.is_empty() {
        let reseau = a.identite.reseau.join(", ");
        b.push(para(&format!("Candidature en réseau avec : {reseau}.")));
    }
}

/// An evidence item as the list shows it: a page on line as its text and its address
/// (a link), a file by its path.
fn preuve(p: &Preuve) -> Vec<Inline> {
    let Some(url) = &p.adresse else {
        return vec![Inline::Text(p.chemin.clone())];
    };
    let link = Inline::Link {
        url: url.clone(),
        content: vec![Inline::Text(url.clone())],
    };
    match &p.texte {
        Some(t) => vec![
            Inline::Text(format!("{t} (")),
            link,
            Inline::Text(")".into()),
        ],
        None => vec![link],
    }
}

fn preuves(b: &mut Vec<Block>, a: &Annexe) {
    b.push(heading(2, "preuves", "Liste des preuves"));
    let body = a.preuves.iter().map(|p| {
        let mut cited = Vec::new();
        for (k, w) in p.citee_par.iter().enumerate() {
            if k > 0 {
                cited.push(Inline::LineBreak);
            }
            cited.push(Inline::Text(w.clone()));
        }
        if cited.is_empty() {
            cited.push(Inline::Text("—".into()));
        }
        vec![
            Cell::num(&p.numero.to_string()),
            Cell::of(preuve(p)),
            Cell::of(cited),
        ]
    });
    let mut head = head(&["N°", "Fichier", "Cité par"]);
    head[0][0].numeric = true;
    b.push(Block::Table(Table {
        widths: vec![7.0, 38.0, 55.0],
        head,
        body: body.collect(),
        keep_together: false,
    }));
}

fn collectif(b: &mut Vec<Block>, a: &Annexe) {
    b.push(heading(2, "collectif", "Le collectif de travail"));
    b.push(Block::Note(vec![Inline::Text(
        "Toutes les personnes engagées dans la démarche, avec leurs rôles.".into(),
    )]));
    let body = a.collectif.iter().map(|m| {
        vec![
            Cell::text(&m.nom),
            Cell::text(&m.prenom),
            Cell::text(&m.fonction),
            Cell::text(&m.roles.join(" ; ")),
        ]
    });
    b.push(Block::Table(Table {
        widths: vec![1.0, 1.0, 1.2, 2.0],
        head: head(&["Nom", "Prénom", "Fonction", "Rôles dans la démarche"]),
        body: body.collect(),
        keep_together: false,
    }));
}
