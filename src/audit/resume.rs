//! `ldm audit resume`: one line per audited school, for the académie's group that
//! compares the reports (GRALM): UAI, name, date, avis, écarts majeurs and mineurs.

use super::Audit;
use super::rapport;
use crate::referentiel::Echelles;
use crate::text::{csv_cell, visible};
use crate::workspace::Workspace;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Ligne {
    /// The dossier as the user named it.
    pub dossier: String,
    pub uai: String,
    pub nom: String,
    pub date: String,
    pub avis: String,
    pub ecarts_majeurs: usize,
    pub ecarts_mineurs: usize,
}

/// The line of one audit; identity from `audit.toml`, else from `ldm.toml`.
pub fn ligne(label: &str, ws: &Workspace, audit: &Audit, s: &Echelles) -> Ligne {
    let r = rapport::build(ws, audit, s);
    let etab = ws.dossier.config.as_ref().map(|c| &c.etablissement);
    let or = |v: String, f: fn(&crate::model::config::Etablissement) -> &String| {
        if v.is_empty() {
            etab.map_or(String::new(), |e| f(e).clone())
        } else {
            v
        }
    };
    Ligne {
        dossier: label.to_string(),
        uai: or(r.uai, |e| e.uai.get_ref()),
        nom: or(r.nom, |e| e.nom.get_ref()),
        // ISO in the summary: a column the académie sorts and a spreadsheet reads.
        date: audit
            .fiche
            .as_ref()
            .map_or(String::new(), |f| f.visite.date.trim().to_string()),
        avis: r.avis,
        ecarts_majeurs: r.majeurs,
        ecarts_mineurs: r.mineurs,
    }
}

const HEAD: [&str; 6] = ["UAI", "Établissement", "Date", "Avis", "Majeurs", "Mineurs"];

fn cells(l: &Ligne) -> [String; 6] {
    [
        l.uai.clone(),
        l.nom.clone(),
        l.date.clone(),
        l.avis.clone(),
        l.ecarts_majeurs.to_string(),
        l.ecarts_mineurs.to_string(),
    ]
}

/// Aligned columns for a terminal, a header line first; control characters of the
/// dossiers' text shown as symbols (`text::visible`).
pub fn term(lignes: &[Ligne]) -> String {
    let rows: Vec<[String; 6]> = std::iter::once(HEAD.map(str::to_string))
        .chain(
            lignes
                .iter()
                .map(|l| cells(l).map(|c| visible(&c).into_owned())),
        )
        .collect();
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..6).map(width).collect();
    let mut out = String::new();
    for r in &rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            if i >= 4 {
                let _ = write!(line, "{}{cell}  ", " ".repeat(pad));
            } else {
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// CSV with a header row (comma-separated, quoted as needed: spreadsheets open it); a
/// cell a spreadsheet would take for a formula is prefixed with `'` (`text::csv_cell`).
pub fn csv(lignes: &[Ligne]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEAD);
    for l in lignes {
        let _ = w.write_record(cells(l).iter().map(|c| csv_cell(c).into_owned()));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
