//! The diff as text: for the terminal (plain, or coloured) and as Markdown. One writer,
//! three ways of marking headings, insertions and deletions.

use super::entity::{Changes, Segment};
use super::team::TeamDiff;
use super::{CritereDiff, Diff, EntityDiff};
use crate::markup::md_field;
use anstyle::{AnsiColor, Style as Ansi};
use std::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Color,
    Markdown,
}

struct W<'a> {
    out: &'a mut String,
    style: Style,
}

impl W<'_> {
    fn esc(&self, s: &str) -> String {
        if self.style == Style::Markdown {
            md_field(s)
        } else {
            s.to_string()
        }
    }
    fn paint(&self, s: &str, c: AnsiColor) -> String {
        if self.style == Style::Color {
            let st = Ansi::new().fg_color(Some(c.into()));
            format!("{st}{s}{st:#}")
        } else {
            s.to_string()
        }
    }
    fn heading(&mut self, level: usize, s: &str) {
        let s = self.esc(s);
        let _ = match self.style {
            Style::Markdown => writeln!(self.out, "\n{} {s}\n", "#".repeat(level + 1)),
            Style::Color => writeln!(
                self.out,
                "\n{}",
                Ansi::new().bold().render().to_string()
                    + &s
                    + &Ansi::new().render_reset().to_string()
            ),
            Style::Plain => writeln!(self.out, "\n{s}"),
        };
    }
    /// A list item at `depth`, with a leading mark in the terminal.
    fn item(&mut self, depth: usize, mark: &str, s: &str) {
        let _ = match self.style {
            Style::Markdown => writeln!(self.out, "{}- {s}", "  ".repeat(depth)),
            _ => writeln!(self.out, "{}{mark} {s}", "  ".repeat(depth + 1)),
        };
    }
    fn words(&self, segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                let t = self.esc(&s.texte);
                match (s.nature, self.style) {
                    ("egal", _) => t,
                    ("ajout", Style::Markdown) => format!("**{}**", t.trim()),
                    ("retrait", Style::Markdown) => format!("~~{}~~", t.trim()),
                    ("ajout", _) => self.paint(&format!("{{+{t}+}}"), AnsiColor::Green),
                    (_, _) => self.paint(&format!("[-{t}-]"), AnsiColor::Red),
                }
            })
            .collect()
    }
}

fn fate_label(d: &str) -> &'static str {
    match d {
        "tenu" => "tenu",
        "reconduit" => "reconduit",
        _ => "abandonné",
    }
}

fn par_label(p: Option<&str>) -> &'static str {
    match p {
        Some("suite_de") => " (d'après suite_de)",
        Some("similarite") => " (d'après la dénomination)",
        Some("identifiant") => " (même fichier)",
        _ => "",
    }
}

/// Mark, participle agreeing with the kind (« action ajoutée », « engagement ajouté »), colour.
fn state_mark(etat: &str, nature: &str) -> (&'static str, &'static str, AnsiColor) {
    let fem = nature == "action";
    match etat {
        "ajoutee" => (
            "+",
            if fem { "ajoutée" } else { "ajouté" },
            AnsiColor::Green,
        ),
        "retiree" => ("−", if fem { "retirée" } else { "retiré" }, AnsiColor::Red),
        "renommee" => (
            "→",
            if fem { "renommée" } else { "renommé" },
            AnsiColor::Cyan,
        ),
        "deplacee" => (
            "→",
            if fem { "déplacée" } else { "déplacé" },
            AnsiColor::Cyan,
        ),
        "modifiee" => (
            "~",
            if fem { "modifiée" } else { "modifié" },
            AnsiColor::Yellow,
        ),
        _ => ("=", "identique", AnsiColor::BrightBlack),
    }
}

pub fn write(out: &mut String, d: &Diff, style: Style) {
    let mut w = W { out, style };
    let side = |s: &super::Side| {
        format!(
            "{} ({}, {})",
            s.source,
            s.annee.map_or("année ?".to_string(), |a| a.to_string()),
            s.edition
        )
    };
    let title = format!(
        "Renouvellement : {} → {}",
        side(&d.ancien),
        side(&d.nouveau)
    );
    if style == Style::Markdown {
        let _ = writeln!(w.out, "<!-- généré par ldm diff -->\n\n# {}", w.esc(&title));
    } else {
        let _ = writeln!(w.out, "{title}");
    }
    if d.resume.is_empty() {
        let _ = writeln!(w.out, "\nAucune différence entre les deux dossiers.");
        return;
    }
    let r = &d.resume;
    w.heading(1, "Synthèse");
    let lines = [
        format!(
            "critères : {} ajouté(s), {} retiré(s)",
            r.criteres_ajoutes, r.criteres_retires
        ),
        format!(
            "actions et engagements : {} ajouté(s), {} retiré(s), {} renommé(s) ou déplacé(s), {} modifié(s)",
            r.fiches_ajoutees, r.fiches_retirees, r.fiches_renommees, r.fiches_modifiees
        ),
        format!(
            "engagements du dossier précédent : {} tenu(s), {} reconduit(s), {} abandonné(s)",
            r.engagements_tenus, r.engagements_reconduits, r.engagements_abandonnes
        ),
        format!(
            "équipe : {} arrivée(s), {} départ(s), {} changement(s)",
            r.personnes_arrivees, r.personnes_parties, r.personnes_changees
        ),
    ];
    for l in lines {
        w.item(0, "·", &l);
    }
    for c in &d.criteres {
        critere(&mut w, c);
    }
    if !d.equipe.is_empty() {
        w.heading(1, "Équipe du dossier");
        team(&mut w, 0, &d.equipe);
    }
}

fn critere(w: &mut W, c: &CritereDiff) {
    let num = c.numero.or(c.ancien_numero).unwrap_or(0);
    let note = match (c.etat, c.ancien_numero, c.numero) {
        ("ajoute", _, _) => " — nouveau critère".to_string(),
        ("retire", _, _) => " — critère retiré".to_string(),
        (_, Some(o), Some(n)) if o != n => format!(" — critère {o} du dossier précédent"),
        _ => String::new(),
    };
    let unchanged = c.fiches.iter().all(|f| f.etat == "identique")
        && c.engagements
            .iter()
            .all(|e| e.devenir == "reconduit" && e.par == Some("identifiant"))
        && c.equipe.is_empty();
    if unchanged && c.etat == "commun" {
        return;
    }
    w.heading(2, &format!("Critère {num} — {}{note}", c.intitule));
    if !c.engagements.is_empty() {
        let _ = writeln!(
            w.out,
            "{}",
            if w.style == Style::Markdown {
                "**Engagements du dossier précédent**\n"
            } else {
                "  Engagements du dossier précédent :"
            }
        );
        for e in &c.engagements {
            let (mark, color) = match e.devenir {
                "tenu" => ("✔", AnsiColor::Green),
                "reconduit" => ("↻", AnsiColor::Cyan),
                _ => ("✘", AnsiColor::Red),
            };
            let suite = e
                .suite
                .as_ref()
                .map_or(String::new(), |s| format!(" → {}", w.esc(s)));
            let label = w.paint(fate_label(e.devenir), color);
            let line = format!(
                "{label} : « {} »{suite}{}",
                w.esc(&e.denomination),
                par_label(e.par)
            );
            w.item(1, mark, &line);
        }
        if w.style == Style::Markdown {
            let _ = writeln!(w.out);
        }
    }
    let shown: Vec<&EntityDiff> = c.fiches.iter().filter(|f| f.etat != "identique").collect();
    if !shown.is_empty() {
        let _ = writeln!(
            w.out,
            "{}",
            if w.style == Style::Markdown {
                "**Actions et engagements**\n"
            } else {
                "  Actions et engagements :"
            }
        );
        for f in shown {
            fiche(w, f);
        }
    }
    if !c.equipe.is_empty() {
        let _ = writeln!(
            w.out,
            "{}",
            if w.style == Style::Markdown {
                "\n**Équipe du critère**\n"
            } else {
                "  Équipe du critère :"
            }
        );
        team(w, 1, &c.equipe);
    }
}

fn fiche(w: &mut W, f: &EntityDiff) {
    let (mark, word, color) = state_mark(f.etat, f.nature);
    let mut line = format!(
        "{} « {} » {}",
        f.nature,
        w.esc(&f.denomination),
        w.paint(word, color)
    );
    match (f.etat, &f.ancien_id) {
        ("renommee" | "deplacee", Some(old)) => {
            line.push_str(&format!(" : {} → {}", w.esc(old), w.esc(&f.id)))
        }
        _ => line.push_str(&format!(" ({})", w.esc(&f.id))),
    }
    if let Some(e) = &f.realise {
        line.push_str(&format!(", réalise l'engagement {}", w.esc(e)));
    }
    w.item(1, mark, &line);
    changes(w, &f.changements);
}

fn changes(w: &mut W, c: &Changes) {
    for ch in &c.champs {
        let line = format!(
            "{} : {} → {}",
            ch.champ,
            w.esc(or_dash(&ch.avant)),
            w.esc(or_dash(&ch.apres))
        );
        w.item(2, "·", &line);
    }
    for t in &c.textes {
        let line = format!("{} : {}", t.section, w.words(&t.segments));
        w.item(2, "·", &line);
    }
    for i in c.indicateurs.iter().filter(|i| i.etat != "identique") {
        let fmt = |m: &[(i64, String)]| {
            if m.is_empty() {
                "—".to_string()
            } else {
                m.iter()
                    .map(|(y, v)| format!("{y} : {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let what = match i.etat {
            "ajoute" => "nouvel indicateur",
            "retire" => "indicateur retiré",
            _ => "indicateur",
        };
        let line = format!(
            "{what} « {} » : {} → {}",
            w.esc(&i.intitule),
            w.esc(&fmt(&i.avant)),
            w.esc(&fmt(&i.apres))
        );
        w.item(2, "·", &line);
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "—" } else { s }
}

fn team(w: &mut W, depth: usize, t: &TeamDiff) {
    for g in &t.arrivees {
        let line = format!(
            "arrivée : {} {} ({})",
            w.esc(&g.prenom),
            w.esc(&g.nom),
            w.esc(&g.fonction)
        );
        w.item(depth, "+", &line);
    }
    for g in &t.departs {
        let line = format!(
            "départ : {} {} ({})",
            w.esc(&g.prenom),
            w.esc(&g.nom),
            w.esc(&g.fonction)
        );
        w.item(depth, "−", &line);
    }
    for c in &t.changements {
        let line = format!(
            "{} : {} → {}",
            w.esc(&c.personne),
            w.esc(&c.avant),
            w.esc(&c.apres)
        );
        w.item(depth, "~", &line);
    }
}
