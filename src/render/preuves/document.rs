//! The evidence annex laid out once as a `doc::Document`, which the HTML, Markdown and PDF
//! backends render: the numbered index, then each evidence under its number and name
//! (« Preuve 12 — Convention de partenariat »), its file as a note, the fiches that cite
//! it, and its content.

use super::content::{self, note};
use super::{file_name, name};
use crate::doc::{Block, Cell, Document, Inline, Table, heading, para, title};
use crate::model::Dossier;
use crate::render::view::{Annexe, Preuve};

pub const TITLE: &str = "Annexe des preuves";

/// What the PDF places in an evidence's stead (pictures, PDF pages), given the evidence
/// and its name; `None` to show its content as the other formats do.
pub type Place<'a> = dyn FnMut(&Preuve, &str) -> Option<Vec<Block>> + 'a;

/// The evidence annex: index, then every item.
pub fn document(d: &Dossier, a: &Annexe, place: &mut Place) -> Document {
    let names: Vec<String> = a.preuves.iter().map(|p| name(d, p)).collect();
    let mut b = opening(a);
    b.push(Block::Table(paged(
        index(a, &names, |p| format!("#{}", anchor(p))),
        a,
    )));
    for (p, n) in a.preuves.iter().zip(&names) {
        b.push(Block::PageBreak);
        b.extend(item(d, p, n, place));
    }
    finish(a, b)
}

/// The index alone, each evidence linked to its file under its name in the zip.
pub fn index_document(d: &Dossier, a: &Annexe) -> Document {
    let names: Vec<String> = a.preuves.iter().map(|p| name(d, p)).collect();
    let mut b = opening(a);
    b.push(Block::Table(index(a, &names, file_name)));
    finish(a, b)
}

fn finish(a: &Annexe, blocks: Vec<Block>) -> Document {
    let id = &a.identite;
    let header = [
        id.nom.clone(),
        TITLE.to_string(),
        format!("Campagne {}", id.annee),
    ];
    let mut doc = Document::new(&format!("{TITLE} — {}", id.nom), &id.nom, header, blocks);
    // Evidence is reproduced as written: long addresses and figures would open wide gaps.
    doc.justified = false;
    doc
}

fn opening(a: &Annexe) -> Vec<Block> {
    vec![
        title("preuves", &format!("{TITLE} — {}", a.identite.nom)),
        para(&format!(
            "Dossier de labellisation « Lycée des métiers », campagne {}. Les numéros sont \
             ceux de la liste des preuves de l'annexe ; chaque preuve suit, sous son numéro.",
            a.identite.annee
        )),
    ]
}

/// The numbered list: number, name (linked to `target`) with the file below, who cites it.
fn index(a: &Annexe, names: &[String], target: impl Fn(&Preuve) -> String) -> Table {
    let body = a.preuves.iter().zip(names).map(|(p, n)| {
        let shown = Block::Para(vec![Inline::Link {
            url: target(p),
            content: vec![Inline::Text(n.clone())],
        }]);
        let preuve = Cell {
            content: vec![shown, file_note(p)],
            ..Cell::text("")
        };
        vec![Cell::num(&p.numero.to_string()), preuve, cited_by(p)]
    });
    Table {
        widths: vec![7.0, 55.0, 38.0],
        head: crate::doc::head(&["N°", "Preuve", "Citée par"]),
        body: body.collect(),
        keep_together: false,
    }
}

/// The index with a last column « Page »: the page of each evidence's heading in the PDF
/// (a link « voir » to it in HTML and Markdown), so a printed annex reads like a book's.
fn paged(mut t: Table, a: &Annexe) -> Table {
    t.widths = vec![7.0, 50.0, 35.0, 8.0];
    t.head[0].push(Cell {
        numeric: true,
        ..Cell::th("Page")
    });
    for (row, p) in t.body.iter_mut().zip(&a.preuves) {
        row.push(Cell {
            numeric: true,
            ..Cell::of(vec![Inline::PageRef(anchor(p))])
        });
    }
    t
}

/// The anchor of an evidence's heading.
fn anchor(p: &Preuve) -> String {
    format!("preuve-{}", p.numero)
}

/// Where the evidence is: its file in the dossier, or its address.
fn file_note(p: &Preuve) -> Block {
    match &p.adresse {
        Some(url) => Block::Note(vec![Inline::Text(url.clone())]),
        None => Block::Note(vec![Inline::Code(p.chemin.clone())]),
    }
}

/// The fiches citing the evidence, one a paragraph (« — » when none does).
fn cited_by(p: &Preuve) -> Cell {
    if p.citee_par.is_empty() {
        return Cell::text("—");
    }
    Cell {
        content: p.citee_par.iter().map(|c| para(c)).collect(),
        ..Cell::text("")
    }
}

/// One item: its heading (a bookmark), its file, who cites it, then what it holds; on a
/// landscape page when it is a table too wide for a portrait one.
fn item(d: &Dossier, p: &Preuve, name: &str, place: &mut Place) -> Vec<Block> {
    let mut b = vec![
        heading(2, &anchor(p), &format!("Preuve {} — {name}", p.numero)),
        file_note(p),
    ];
    if !p.citee_par.is_empty() {
        b.push(para("Citée par :"));
        b.push(Block::List {
            start: None,
            items: p.citee_par.iter().map(|c| vec![para(c)]).collect(),
        });
    }
    if let Some(url) = &p.adresse {
        // A page on line is named, never fetched: the reader follows the address.
        b.push(note(&format!(
            "Page en ligne : {url} (non jointe : ouvrez l'adresse)."
        )));
        return b;
    }
    if let Some(placed) = place(p, name) {
        b.extend(placed);
        return b;
    }
    let c = content::read(d, &p.chemin);
    b.extend(c.blocks());
    if c.wide() {
        vec![Block::Landscape(b)]
    } else {
        b
    }
}
