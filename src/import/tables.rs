//! The guide's tables known by their headings, and the tables around the fiches: the
//! cover's identity, transversality, the criterion team, the evidence list, the
//! collective; cells as Markdown.

use super::body::{Block, Cell, Para, Table};
use super::guide::{Reader, is_instruction, join_md};
use super::values::{self, plain};
use super::{Kind as Fk, Person};
use crate::text::fold;

pub use super::fiches::{Continued, dispatch_fiche};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Identite,
    Transversalite,
    Equipe,
    FicheId,
    ObjectifsAction,
    Planification,
    MiseEnOeuvre,
    Bilan,
    Preuves,
    Collectif,
    Synopsis,
    /// One cell of prose (the guide's « état des lieux » boxes).
    Prose,
    Unknown,
}

/// The folded text of a row's cells.
pub fn row_text(row: &[Cell]) -> Vec<String> {
    row.iter().map(|c| fold(&plain(&c.text()))).collect()
}

/// A table known by its first row (headings) or first column (labels).
pub fn kind(t: &Table) -> Kind {
    let Some(first) = t.rows.first() else {
        return Kind::Unknown;
    };
    let head = row_text(first);
    let has = |w: &str| head.iter().any(|h| h.starts_with(w));
    let col0 = |w: &str| {
        t.rows.iter().any(|r| {
            r.first()
                .is_some_and(|c| fold(&plain(&c.text())).starts_with(w))
        })
    };
    if t.rows.len() == 1 && first.len() == 1 {
        return Kind::Prose;
    }
    if has("animateur") && has("indicateurs") {
        Kind::Planification
    } else if has("objectifs") && has("indicateurs") {
        Kind::ObjectifsAction
    } else if has("moyens engages") {
        Kind::MiseEnOeuvre
    } else if has("points forts") {
        Kind::Bilan
    } else if has("fichier") && has("cite par") {
        Kind::Preuves
    } else if has("roles dans la demarche") {
        Kind::Collectif
    } else if has("critere") && has("coordonnateur") {
        Kind::Synopsis
    } else if col0("uai") {
        Kind::Identite
    } else if col0("denomination") {
        Kind::FicheId
    } else if col0("domaine d'auto") || col0("axe du projet") {
        Kind::Transversalite
    } else if col0("coordonnateur crit") || (has("nom") && has("prenom") && has("fonction")) {
        Kind::Equipe
    } else {
        Kind::Unknown
    }
}

/// The kind of table a row heads, for the tables known by their heading row.
pub fn head_kind(row: &[Cell]) -> Option<Kind> {
    let k = kind(&Table {
        rows: vec![row.to_vec()],
    });
    matches!(
        k,
        Kind::ObjectifsAction
            | Kind::Planification
            | Kind::MiseEnOeuvre
            | Kind::Bilan
            | Kind::Preuves
            | Kind::Collectif
            | Kind::Synopsis
    )
    .then_some(k)
}

pub fn dispatch(r: &mut Reader, t: &Table, kind: Kind) {
    match kind {
        Kind::Identite => identite(r, t),
        Kind::Transversalite => transversalite(r, t),
        Kind::Equipe => equipe(r, t),
        Kind::Preuves => preuves(r, t),
        Kind::Collectif => collectif(r, t),
        _ => dispatch_fiche(r, t, kind),
    }
}

/// « tableau 14, ligne 3, colonne 2 » (1-based, as a user counts).
pub fn at(r: &Reader, row: usize, col: usize) -> String {
    format!(
        "tableau {}, ligne {}, colonne {}",
        r.table_no,
        row + 1,
        col + 1
    )
}

/// Reports every non-empty cell of the rows from `from` as not placed.
pub fn unplaced(r: &mut Reader, t: &Table, from: usize, motif: &str) {
    for (i, row) in t.rows.iter().enumerate().skip(from) {
        unplaced_row(r, i, row, motif);
    }
}

/// Reports every non-empty cell of one row as not placed.
pub fn unplaced_row(r: &mut Reader, i: usize, row: &[Cell], motif: &str) {
    for c in row {
        let text = c.text();
        if !c.cont && !values::is_blank(&text) {
            let place = at(r, i, c.col);
            r.note(place, &text, motif);
        }
    }
}

/// The cell at grid column `col` of a row.
pub fn cell_at(row: &[Cell], col: usize) -> Option<&Cell> {
    row.iter().find(|c| c.col == col)
}

fn identite(r: &mut Reader, t: &Table) {
    for (i, row) in t.rows.iter().enumerate() {
        let (Some(k), Some(v)) = (row.first(), row.get(1)) else {
            continue;
        };
        let v = plain(&v.text());
        let id = &mut r.d.identite;
        match fold(&plain(&k.text())).as_str() {
            "uai" => id.uai = v,
            "academie" => id.academie = v,
            "commune" | "ville" => id.ville = v,
            "campagne" | "annee" => id.annee = values::year(&v).unwrap_or(v),
            k if k.starts_with("nature") => nature(id, &v),
            k if k.starts_with("cahier des charges") => {
                id.edition = v
                    .rsplit_once('(')
                    .map_or(v.clone(), |(_, e)| e.trim_end_matches(')').to_string())
            }
            k if k.starts_with("candidature en reseau") => {
                id.reseau = values::outside_parentheses(&v, ", ")
            }
            k if k.starts_with("denomination") => id.denomination = v,
            k if k.starts_with("etablissement") || k == "nom" => id.nom = v,
            _ => {
                let place = at(r, i, 1);
                r.note(place, &v, "ligne d'identité non reprise");
            }
        }
    }
}

/// « Renouvellement (label obtenu en 2021) » → nature and previous label.
fn nature(id: &mut super::Identite, v: &str) {
    let f = fold(v);
    id.nature = if f.starts_with("renouvellement") {
        "renouvellement"
    } else {
        "premiere-demande"
    }
    .to_string();
    if let Some((_, rest)) = v.split_once("obtenu en ") {
        id.precedente = rest.trim_end_matches(')').trim().to_string();
    }
}

const TRANSVERSALITE: [(&str, &str); 4] = [
    ("domaine d'auto", "auto_evaluation"),
    ("axe du projet", "projet_etablissement"),
    ("axe du contrat", "contrat_objectifs"),
    ("critere du campus", "campus_metiers"),
];

fn transversalite(r: &mut Reader, t: &Table) {
    for (i, row) in t.rows.iter().enumerate() {
        let label = row
            .first()
            .map(|c| fold(&plain(&c.text())))
            .unwrap_or_default();
        let value = row.get(1).map(|c| plain(&c.text())).unwrap_or_default();
        let key = TRANSVERSALITE.iter().find(|(l, _)| label.starts_with(l));
        match key {
            Some(_) if values::is_blank(&value) || is_instruction(&value) => {}
            Some((_, k)) => {
                if let Some(c) = r.critere_mut() {
                    c.transversalite.push((k, value));
                }
            }
            None => unplaced_row(r, i, row, "ligne de transversalité non reprise"),
        }
    }
}

fn equipe(r: &mut Reader, t: &Table) {
    let mut group = String::new();
    for (i, row) in t.rows.iter().enumerate() {
        let cells = row_text(row);
        if cells.iter().any(|c| c == "nom") && cells.iter().any(|c| c == "prenom") {
            continue; // the heading row, repeated or not
        }
        if let Some(c) = row.first().filter(|c| !c.cont) {
            let g = fold(&plain(&c.text()));
            if !g.is_empty() {
                group = g;
            }
        }
        let get = |k: usize| {
            cell_at(row, k)
                .map(|c| plain(&c.text()))
                .unwrap_or_default()
        };
        let (nom, prenom, fonction) = (get(1), get(2), get(3));
        if values::is_blank(&nom) && values::is_blank(&prenom) {
            continue;
        }
        let noms = values::several(&nom);
        let prenoms = values::several(&prenom);
        if noms.len() > 1 {
            let place = at(r, i, 1);
            r.note(
                place,
                &nom,
                "plusieurs personnes dans une cellule : une ligne chacune, à vérifier",
            );
        }
        let people: Vec<Person> = noms
            .iter()
            .enumerate()
            .map(|(k, n)| Person {
                nom: n.clone(),
                prenom: prenoms.get(k).cloned().unwrap_or_default(),
                fonction: fonction.clone(),
            })
            .collect();
        let Some(c) = r.critere_mut() else {
            unplaced(r, t, i, "équipe hors d'un critère, non reprise");
            return;
        };
        if group.starts_with("coordonnateur") {
            c.coordonnateurs.extend(people);
        } else {
            c.membres.extend(people);
        }
    }
}

fn preuves(r: &mut Reader, t: &Table) {
    for row in t.rows.iter().skip(1) {
        let chemin = row.get(1).map(|c| plain(&c.text())).unwrap_or_default();
        let cited = row
            .get(2)
            .map(|c| plain(&c.text()))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
        if !values::is_blank(&chemin) {
            r.preuves.push((chemin, cited));
        }
    }
}

fn collectif(r: &mut Reader, t: &Table) {
    for row in t.rows.iter().skip(1) {
        let get = |k: usize| row.get(k).map(|c| plain(&c.text())).unwrap_or_default();
        let p = Person {
            nom: get(0),
            prenom: get(1),
            fonction: get(2),
        };
        r.collectif.push((p, get(3)));
    }
}

/// After the last block: the establishment's people from the collective's roles, each
/// evidence item on the fiches that cite it, the engagements' animateurs resolved.
pub fn settle(r: &mut Reader) {
    for (p, roles) in &r.collectif {
        for role in roles.split(" ; ") {
            match role {
                "chef d'établissement" => r.d.chef = Some(p.clone()),
                "DDFPT" => r.d.ddfpt = Some(p.clone()),
                "comité de pilotage" => r.d.comite.push(p.clone()),
                _ => {}
            }
        }
    }
    let known: Vec<Person> = r.collectif.iter().map(|(p, _)| p.clone()).collect();
    for f in r.d.criteres.iter_mut().flat_map(|c| c.fiches.iter_mut()) {
        let raw = std::mem::take(&mut f.animateur_raw);
        for one in raw.split(" ; ").filter(|s| !s.trim().is_empty()) {
            for name in one.split(['\n', '/']).filter(|s| !s.trim().is_empty()) {
                f.animateur.push(values::person_line(name, &known));
            }
        }
    }
    let preuves = std::mem::take(&mut r.preuves);
    for (chemin, cited) in preuves {
        for who in cited {
            let place = r.d.criteres.iter_mut().flat_map(|c| {
                let x = c.numero;
                c.fiches.iter_mut().map(move |f| (x, f))
            });
            let mut found = false;
            for (x, f) in place {
                let label = if f.kind == Fk::Action {
                    "action"
                } else {
                    "engagement"
                };
                if who.starts_with(&format!("critère {x} : {label} {} ", f.n)) {
                    f.preuves.push(chemin.clone());
                    found = true;
                }
            }
            if !found {
                r.note(
                    "liste des preuves".to_string(),
                    &chemin,
                    "preuve citée par une fiche introuvable, non reprise",
                );
            }
        }
    }
}

/// A cell's content as Markdown (lists, bold, italics; nested tables as GFM).
pub fn md_cell(c: &Cell) -> String {
    let mut out = String::new();
    md_blocks(&c.blocks, &mut out);
    out
}

fn md_blocks(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::P(p) => {
                let text = plain(&p.text());
                if !values::is_blank(&text) && !is_instruction(&text) {
                    join_md(out, &md_para(p), false);
                }
            }
            Block::T(t) => join_md(out, &md_table(t), true),
        }
    }
}

fn md_table(t: &Table) -> String {
    let mut lines = Vec::new();
    for (i, row) in t.rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| plain(&c.text()).replace('\n', " ").replace('|', "\\|"))
            .collect();
        lines.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            lines.push(format!("|{}", "---|".repeat(row.len().max(1))));
        }
    }
    lines.join("\n")
}

/// A paragraph as Markdown: its list mark (ldm's « •\t », « 1.\t », or Word numbering)
/// as « - », bold and italic runs marked, struck runs left out.
pub fn md_para(p: &Para) -> String {
    let mut text = String::new();
    for run in p.runs.iter().filter(|r| !r.strike) {
        let t = run.text.replace(['\u{a0}', '\u{202f}'], " ");
        let core = t.trim();
        if core.is_empty() {
            text.push_str(&t);
            continue;
        }
        let lead = &t[..t.len() - t.trim_start().len()];
        let trail = &t[t.trim_end().len()..];
        let mark = match (run.bold, run.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            _ => "",
        };
        text.push_str(&format!("{lead}{mark}{core}{mark}{trail}"));
    }
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("•\t").or_else(|| text.strip_prefix("• ")) {
        return format!("- {}", rest.trim());
    }
    if let Some((n, rest)) = text.split_once(".\t")
        && n.parse::<u32>().is_ok()
    {
        return format!("{n}. {}", rest.trim());
    }
    // A numbered paragraph, or a list style (python-docx and Word number by style).
    let s = &p.style;
    if p.list || s.starts_with("List") || s.starts_with("Liste") || s.contains("Puce") {
        return format!("- {text}");
    }
    // A line typed with « # » is text, not one of the file's sections.
    text.lines()
        .map(|l| match l.trim() {
            l if l.starts_with('#') => format!("\\{l}"),
            l => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
