//! `ldm bilan`: the bilan annuel of one year of the label, for the conseil pédagogique
//! and the conseil d'administration — the figures of that year (`progress` at that
//! reference year: each indicator's measure, status and progression since its baseline)
//! and the comité de pilotage's text, read from `bilans/<année>.md`.

pub mod check;
pub mod modele;

use crate::progress::{self, Progress};
use crate::workspace::Workspace;

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
}

/// Computes the bilan of `annee` from the dossier (as it is, or at a git revision).
pub fn build(ws: &Workspace, annee: i64) -> Bilan {
    let d = &ws.dossier;
    let progress = progress::compute(d, &ws.edition, annee, None);
    let (src, _, _) = crate::load::read_text(d.files.as_ref(), &d.root, &file(annee));
    let comite = src.map(|s| crate::markup::without_comments(&s.text));
    Bilan { progress, comite }
}

/// The committee's text cut up: its analysis of each criterion (`## Critère N` under
/// `# Analyse`), and its other sections (decisions, priorities) with their titles.
#[derive(Debug, Default, PartialEq)]
struct Comite {
    analyses: std::collections::BTreeMap<u32, String>,
    autres: Vec<(String, String)>,
}

impl Comite {
    fn of(text: &str) -> Comite {
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

/// The bilan as Markdown: the figures of the year, each criterion with the committee's
/// analysis of it, then the committee's decisions and priorities.
pub fn markdown(b: &Bilan) -> String {
    let p = &b.progress;
    let y = p.annee_ecrite();
    let mut out = format!(
        "<!-- généré par ldm bilan : modifier le dossier ou {}, puis produire à nouveau ce bilan -->\n\n# Bilan annuel {y} — {}\n\n{} · UAI {} · cahier des charges {} · indicateurs tels que connus en {y}.\n",
        file(p.annee),
        crate::progress::md::cell(&p.etablissement),
        p.denomination,
        p.uai,
        p.edition,
    );
    let comite = b.comite.as_deref().map(Comite::of).unwrap_or_default();
    if b.comite.is_none() {
        out.push_str(&format!(
            "\nLe texte du comité de pilotage n'est pas encore écrit : « ldm bilan --annee {} --nouveau » prépare {}.\n",
            p.annee,
            file(p.annee)
        ));
    }
    let mut figures = String::new();
    progress::md::write(&mut figures, p);
    let from = figures.find("\n## ").map_or(0, |i| i + 1);
    for line in figures[from..].lines() {
        out.push('\n');
        out.push_str(line);
        let analyse = line
            .strip_prefix("## ")
            .and_then(critere_number)
            .and_then(|n| comite.analyses.get(&n))
            .map(|t| t.trim())
            .filter(|t| !t.is_empty());
        if let Some(t) = analyse {
            out.push_str("\n\n**Analyse du comité de pilotage**\n\n");
            out.push_str(&shifted(t, 2));
        }
    }
    for (title, text) in &comite.autres {
        out.push_str(&format!("\n\n## {title}\n\n{}", shifted(text.trim(), 2)));
    }
    out.push('\n');
    crate::typo::french(&out)
}

/// Markdown with every heading `levels` deeper (outside code fences), so a file's own
/// `# Analyse` sits under the bilan's headings.
fn shifted(md: &str, levels: usize) -> String {
    let mut fenced = false;
    let hashes = "#".repeat(levels);
    let lines: Vec<String> = md
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~") {
                fenced = !fenced;
            }
            let heading = l.starts_with('#') && l.trim_start_matches('#').starts_with(' ');
            if !fenced && heading {
                format!("{hashes}{l}")
            } else {
                l.to_string()
            }
        })
        .collect();
    lines.join("\n")
}

/// The bilan as a standalone printable HTML page (the Markdown's prose made safe).
pub fn html(b: &Bilan) -> Result<String, crate::templates::TemplateError> {
    let p = &b.progress;
    let env = crate::templates::environment(None);
    let ctx = minijinja::context! {
        annee => p.annee_ecrite(),
        etablissement => p.etablissement.as_str(),
        corps => minijinja::Value::from_safe_string(crate::markup::to_html(&markdown(b))),
    };
    let page = crate::templates::render(&env, None, "bilan.html.j2", ctx)?;
    Ok(crate::typo::french_html(&page))
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

    #[test]
    fn headings_go_deeper_but_not_inside_code_or_without_a_space() {
        let md = "# Analyse\n\n```\n# code\n```\n#hashtag\n## Critère 1";
        assert_eq!(
            shifted(md, 2),
            "### Analyse\n\n```\n# code\n```\n#hashtag\n#### Critère 1"
        );
    }
}
