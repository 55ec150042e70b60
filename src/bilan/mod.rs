//! `ldm bilan`: the bilan annuel of one year of the label, for the conseil pédagogique
//! and the conseil d'administration — the figures of that year (`progress` at that
//! reference year: each indicator's measure, status and progression since its baseline),
//! what the year did (`annee`: actions carried out, engagements started, team changes)
//! and the comité de pilotage's text, read from `bilans/<année>.md` —
//! laid out once as a `doc::Document` (`document`) for every format.

pub mod annee;
pub mod check;
pub mod document;
pub mod equipe;
pub mod modele;

use crate::progress::{self, Progress};

use crate::workspace::Workspace;
pub use document::document;

/// The bilans' folder inside the dossier.
pub const DIR: &str = "bilans";

/// The sections the comité de pilotage writes, in order.
pub const SECTIONS: [&str; 3] = ["Analyse", "Décisions", "Priorités pour l'année suivante"];

/// The file of the bilan of `annee`.
pub fn file(annee: i64) -> String {
    format!("{DIR}/{annee}.md")
}

/// The bilan of `annee`: its figures, and the committee's text when the file exists.
pub struct Bilan {
    pub progress: Progress,
    /// `bilans/<annee>.md` without its comments; `None` when not written yet.
    pub comite: Option<String>,
    /// What the year did: actions carried out, engagements started, team changes.
    pub annee: annee::Annee,
}

/// Computes the bilan of `annee` from the dossier (as it is, or at a git revision).
pub fn build(ws: &Workspace, annee: i64) -> Bilan {
    let d = &ws.dossier;
    let progress = progress::compute(d, &ws.edition, annee, None);
    let (src, _, _) = crate::load::read_text(d.files.as_ref(), &d.root, &file(annee));
    let comite = src.map(|s| crate::markup::without_comments(&s.text));
    let annee = annee::of(d, progress.annee);
    Bilan {
        progress,
        comite,
        annee,
    }
}

/// The committee's text cut up: its analysis of each criterion (`## Critère N` under
/// `# Analyse`), and its other sections (decisions, priorities) with their titles.
#[derive(Debug, Default, PartialEq)]
pub struct Comite {
    pub analyses: std::collections::BTreeMap<u32, String>,
    pub autres: Vec<(String, String)>,
}

impl Comite {
    pub fn of(text: &str) -> Comite {
        let mut c = Comite::default();
        let mut top = String::new();
        let mut current: Option<&mut String> = None;
        for line in text.lines() {
            if let Some(t) = line.strip_prefix("# ") {
                top = t.trim().to_string();
                let analyse = crate::text::fold(&top) == crate::text::fold(SECTIONS[0]);
                current = if analyse {
                    None
                } else {
                    c.autres.push((top.clone(), String::new()));
                    c.autres.last_mut().map(|(_, t)| t)
                };
                continue;
            }
            if let Some(n) = line.strip_prefix("## ").and_then(critere_number)
                && crate::text::fold(&top) == crate::text::fold(SECTIONS[0])
            {
                current = Some(c.analyses.entry(n).or_default());
                continue;
            }
            if let Some(t) = current.as_deref_mut() {
                t.push_str(line);
                t.push('\n');
            }
        }
        c
    }
}

/// « Critère 4 — … » → 4.
fn critere_number(title: &str) -> Option<u32> {
    let rest = crate::text::fold(title);
    let rest = rest.trim().strip_prefix("critere")?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committee_s_text_is_cut_by_criterion_and_section() {
        let c = Comite::of(
            "# Analyse\n\n## Critère 4 — Partenariats\n\nBien.\n\n## Critère 12\nLoin.\n# Décisions\n\nNommer.\n",
        );
        assert_eq!(c.analyses.get(&4).map(|t| t.trim()), Some("Bien."));
        assert_eq!(c.analyses.get(&12).map(|t| t.trim()), Some("Loin."));
        assert_eq!(c.autres.len(), 1);
        assert_eq!(c.autres[0].0, "Décisions");
        assert_eq!(c.autres[0].1.trim(), "Nommer.");
    }
}
