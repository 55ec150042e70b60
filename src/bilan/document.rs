//! The bilan annuel laid out once as a `doc::Document`, which the HTML, Markdown, PDF and
//! DOCX backends render: the tableau de bord of the year (summary, then per criterion each
//! fiche's indicators with their measures and status, then what the year did: actions
//! carried out, engagements started, team changes) with the comité de pilotage's
//! analysis under each criterion, then its decisions and priorities.

use super::{Bilan, Comite, annee, file};
use crate::doc::read::prose;
use crate::doc::{Block, Document, Inline, heading, title};
use crate::progress::document::{critere, summary};

const TITLE: &str = "Bilan annuel";

/// The bilan as a document.
pub fn document(b: &Bilan) -> Document {
    let p = &b.progress;
    let annee = p.annee_ecrite();
    let mut blocks = vec![
        title("bilan", &format!("{TITLE} {annee} — {}", p.etablissement)),
        Block::Para(vec![
            Inline::Text(format!("{} · UAI {}", p.denomination, p.uai)),
            Inline::LineBreak,
            Inline::Text(format!(
                "Cahier des charges {} · indicateurs tels que connus en {annee}",
                p.edition
            )),
        ]),
    ];
    if b.comite.is_none() {
        blocks.push(Block::Note(vec![Inline::Text(format!(
            "Le texte du comité de pilotage n'est pas encore écrit : « ldm bilan --annee {} --nouveau » prépare {}.",
            p.annee,
            file(p.annee)
        ))]));
    }
    blocks.extend(summary(p));
    blocks.extend(annee::pilotage(&b.annee.pilotage, &annee));
    let comite = b.comite.as_deref().map(Comite::of).unwrap_or_default();
    for c in &p.criteres {
        critere(&mut blocks, c, p.annee);
        if let Some(year) = b.annee.criteres.get(&c.numero) {
            blocks.extend(annee::blocks(year, c.numero, &annee));
        }
        let analyse = comite.analyses.get(&c.numero).map(|t| t.trim());
        if let Some(t) = analyse.filter(|t| !t.is_empty()) {
            let anchor = format!("analyse-{}", c.numero);
            blocks.push(heading(3, &anchor, "Analyse du comité de pilotage"));
            blocks.extend(prose(t));
        }
    }
    for (k, (section, text)) in comite.autres.iter().enumerate() {
        if k == 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.push(heading(2, &format!("comite-{}", k + 1), section));
        blocks.extend(prose(text));
    }
    let header = [
        p.etablissement.clone(),
        TITLE.to_string(),
        format!("Année {annee}"),
    ];
    let name = format!("{TITLE} {annee} — {}", p.etablissement);
    Document::new(&name, &p.etablissement, header, blocks)
}
