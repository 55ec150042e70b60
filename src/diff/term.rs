//! The diff as text for the terminal, plain or coloured: one writer, two ways of marking
//! headings, insertions and deletions. (Its Markdown, HTML, PDF and DOCX are the
//! document of `document.rs`.)

use super::entity::{Changes, Segment};
use super::state::{CritereEtat, Fate, FicheEtat, IndicateurEtat, Nature, Par};
use super::team::TeamDiff;
use super::{CritereDiff, Devenir, Diff, EntityDiff};
use anstyle::{AnsiColor, Style as Ansi};
use std::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Color,
}

struct W<'a> {
    out: &'a mut String,
    style: Style,
}

impl W<'_> {
    fn esc(&self, s: &str) -> String {
        // Dossier text on a terminal: control characters shown, never obeyed.
        crate::text::visible(s).into_owned()
    }
    /// `s` in colour `c` with an effect, its surrounding spaces left plain.
    fn mark(&self, s: &str, effect: Ansi, c: AnsiColor) -> String {
        let st = effect.fg_color(Some(c.into()));
        let core = s.trim();
        let (lead, trail) = (
            &s[..s.len() - s.trim_start().len()],
            &s[s.trim_end().len()..],
        );
        format!("{lead}{st}{core}{st:#}{trail}")
    }
    fn paint(&self, s: &str, c: AnsiColor) -> String {
        if self.style == Style::Color {
            let st = Ansi::new().fg_color(Some(c.into()));
            format!("{st}{s}{st:#}")
        } else {
            s.to_string()
        }
    }
    fn heading(&mut self, s: &str) {
        let s = self.esc(s);
        let _ = match self.style {
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
        let _ = writeln!(self.out, "{}{mark} {s}", "  ".repeat(depth + 1));
    }
    /// A label before a list.
    fn label(&mut self, s: &str) {
        let _ = writeln!(self.out, "  {s} :");
    }
    fn words(&self, segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| {
                let t = self.esc(&s.texte);
                match (s.nature, self.style) {
                    (Nature::Egal, _) => t,
                    // Colour and strike-through say it on a terminal; plain text needs marks.
                    (Nature::Ajout, Style::Color) => {
                        self.mark(&t, Ansi::new().underline(), AnsiColor::Green)
                    }
                    (Nature::Retrait, Style::Color) => {
                        self.mark(&t, Ansi::new().strikethrough(), AnsiColor::Red)
                    }
                    (Nature::Ajout, Style::Plain) => format!("{{+{t}+}}"),
                    (Nature::Retrait, Style::Plain) => format!("[-{t}-]"),
                }
            })
            .collect()
    }
}

/// Mark and colour of a fiche's state in the terminal.
fn state_mark(etat: FicheEtat) -> (&'static str, AnsiColor) {
    match etat {
        FicheEtat::Ajoutee => ("+", AnsiColor::Green),
        FicheEtat::Retiree => ("−", AnsiColor::Red),
        FicheEtat::Renommee | FicheEtat::Deplacee => ("→", AnsiColor::Cyan),
        FicheEtat::Modifiee => ("~", AnsiColor::Yellow),
        FicheEtat::Identique => ("=", AnsiColor::BrightBlack),
    }
}

/// Mark and colour of an engagement's fate in the terminal.
fn fate_mark(d: Fate) -> (&'static str, AnsiColor) {
    match d {
        Fate::Tenu => ("✔", AnsiColor::Green),
        Fate::Reconduit => ("↻", AnsiColor::Cyan),
        Fate::Abandonne => ("✘", AnsiColor::Red),
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
    let _ = writeln!(w.out, "{}", w.esc(&title));
    if d.resume.is_empty() {
        let _ = writeln!(w.out, "\nAucune différence entre les deux dossiers.");
        return;
    }
    let r = &d.resume;
    w.heading("Synthèse");
    for (what, counts) in summary(r) {
        w.item(0, "·", &format!("{what} : {counts}"));
    }
    for c in &d.criteres {
        critere(&mut w, c);
    }
    if !d.equipe.is_empty() {
        w.heading("Équipe du dossier");
        team(&mut w, 0, &d.equipe);
    }
}

/// The summary's lines: what is counted, and its counts (« 1 ajouté, 0 retiré »), which
/// every form of the diff shows.
pub(crate) fn summary(r: &super::Resume) -> Vec<(&'static str, String)> {
    // Each line's counts, then the singular/plural of each, in the same order.
    let lines: [(&str, &[usize], &str); 4] = [
        (
            "critères",
            &[r.criteres_ajoutes, r.criteres_retires],
            "ajouté/ajoutés, retiré/retirés",
        ),
        (
            "actions et engagements",
            &[
                r.fiches_ajoutees,
                r.fiches_retirees,
                r.fiches_renommees,
                r.fiches_modifiees,
            ],
            "ajouté/ajoutés, retiré/retirés, renommé ou déplacé/renommés ou déplacés, modifié/modifiés",
        ),
        (
            "engagements du dossier précédent",
            &[
                r.engagements_tenus,
                r.engagements_reconduits,
                r.engagements_abandonnes,
            ],
            "tenu/tenus, reconduit/reconduits, abandonné/abandonnés",
        ),
        (
            "équipe",
            &[
                r.personnes_arrivees,
                r.personnes_parties,
                r.personnes_changees,
            ],
            "arrivée/arrivées, départ/départs, personne ayant changé de fonction ou de rôle/\
             personnes ayant changé de fonction ou de rôle",
        ),
    ];
    lines
        .into_iter()
        .map(|(what, counts, words)| {
            let counts: Vec<String> = (counts.iter().zip(words.split(", ")))
                .map(|(n, w)| {
                    let (one, many) = w.split_once('/').unwrap_or((w, w));
                    count_as(*n, one, many)
                })
                .collect();
            (what, counts.join(", "))
        })
        .collect()
}

/// `n` and its word, in the plural from 2 on, as French counts (« 0 ajouté, 2 ajoutés »).
pub fn count_as(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n > 1 { plural } else { singular })
}

/// A criterion in both dossiers where nothing changed: no form shows it.
pub(crate) fn unchanged(c: &CritereDiff) -> bool {
    c.fiches.iter().all(|f| f.etat == FicheEtat::Identique)
        && (c.engagements.iter())
            .all(|e| e.devenir == Fate::Reconduit && e.par == Some(Par::Identifiant))
        && c.equipe.is_empty()
        && c.etat == CritereEtat::Commun
}

fn critere(w: &mut W, c: &CritereDiff) {
    let num = c.numero.or(c.ancien_numero).unwrap_or(0);
    let note = match (c.etat.label(), c.ancien_numero, c.numero) {
        (Some(label), _, _) => format!(" — {label}"),
        (None, Some(o), Some(n)) if o != n => format!(" — critère {o} du dossier précédent"),
        _ => String::new(),
    };
    if unchanged(c) {
        return;
    }
    w.heading(&format!("Critère {num} — {}{note}", c.intitule));
    if !c.engagements.is_empty() {
        w.label("Engagements du dossier précédent");
        for e in &c.engagements {
            devenir(w, e);
        }
    }
    let shown: Vec<&EntityDiff> = (c.fiches.iter())
        .filter(|f| f.etat != FicheEtat::Identique)
        .collect();
    if !shown.is_empty() {
        w.label("Actions et engagements");
        for f in shown {
            fiche(w, f);
        }
    }
    if !c.equipe.is_empty() {
        w.label("Équipe du critère");
        team(w, 1, &c.equipe);
    }
}

fn devenir(w: &mut W, e: &Devenir) {
    let (mark, color) = fate_mark(e.devenir);
    let suite = e
        .suite_denomination
        .as_ref()
        .map_or(String::new(), |s| format!(" → « {} »", w.esc(s)));
    let par = e.par.map_or(String::new(), |p| format!(" ({})", p.label()));
    let label = w.paint(e.devenir.label(), color);
    let line = format!("{label} : « {} »{suite}{par}", w.esc(&e.denomination));
    w.item(1, mark, &line);
}

fn fiche(w: &mut W, f: &EntityDiff) {
    let (mark, color) = state_mark(f.etat);
    let word = f.etat.label(f.nature);
    let mut line = format!(
        "{} « {} » {}",
        f.nature.label(),
        w.esc(&f.denomination),
        w.paint(word, color)
    );
    // Auditors read titles: a moved fiche says where it was, never its file.
    if let (FicheEtat::Deplacee, Some(n)) = (f.etat, f.ancien_id.as_deref().and_then(criterion_of))
    {
        line.push_str(&format!(" (critère {n} du dossier précédent)"));
    }
    if let Some(e) = &f.realise_denomination {
        line.push_str(&format!(", réalise l'engagement « {} »", w.esc(e)));
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
        let lines = lines(&t.segments);
        if let [one] = lines.as_slice() {
            let line = format!("{} : {}", t.section, w.words(one));
            w.item(2, "·", &line);
            continue;
        }
        // A list stays a list: one sub-item per line of the section.
        w.item(2, "·", &format!("{} :", t.section));
        for l in &lines {
            w.item(3, "·", &w.words(l));
        }
    }
    for i in (c.indicateurs.iter()).filter(|i| i.etat != IndicateurEtat::Identique) {
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
        let what = i.etat.label();
        let line = format!(
            "{what} « {} » : {} → {}",
            w.esc(&i.intitule),
            w.esc(&fmt(&i.avant)),
            w.esc(&fmt(&i.apres))
        );
        w.item(2, "·", &line);
    }
}

/// The criterion number an id starts with (« 2-accueil-des-publics/actions/x » → 2).
pub(crate) fn criterion_of(id: &str) -> Option<u32> {
    id.split_once('-')?.0.parse().ok()
}

/// The segments cut at line ends, a list's bullet dropped from the start of each line
/// (the writer puts its own), blank lines left out.
pub(crate) fn lines(segs: &[Segment]) -> Vec<Vec<Segment>> {
    let mut out: Vec<Vec<Segment>> = vec![Vec::new()];
    for s in segs {
        for (k, part) in s.texte.split('\n').enumerate() {
            if k > 0 {
                out.push(Vec::new());
            }
            if !part.is_empty() {
                out.last_mut().into_iter().for_each(|l| {
                    l.push(Segment {
                        nature: s.nature,
                        texte: part.to_string(),
                    })
                });
            }
        }
    }
    out.retain(|l| l.iter().any(|s| !s.texte.trim().is_empty()));
    if out.len() > 1 {
        for l in &mut out {
            if let Some(first) = l.first_mut() {
                let t = first.texte.trim_start();
                if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
                    first.texte = rest.to_string();
                }
            }
            l.retain(|s| !s.texte.is_empty());
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(nature: Nature, texte: &str) -> Segment {
        Segment {
            nature,
            texte: texte.to_string(),
        }
    }

    #[test]
    fn marks_only_where_neither_colour_nor_strike_through_exists() {
        let segs = [
            seg(Nature::Egal, "deux "),
            seg(Nature::Retrait, "réunions "),
            seg(Nature::Ajout, "séances "),
        ];
        let shown = |style| {
            let mut out = String::new();
            W {
                out: &mut out,
                style,
            }
            .words(&segs)
        };
        assert_eq!(shown(Style::Plain), "deux [-réunions -]{+séances +}");
        let colour = shown(Style::Color);
        assert!(
            !colour.contains("[-") && !colour.contains("{+"),
            "{colour:?}"
        );
        assert!(colour.contains("\u{1b}[9m"), "struck through: {colour:?}");
        assert!(colour.contains("\u{1b}[4m"), "underlined: {colour:?}");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count_as(0, "ajouté", "ajoutés"), "0 ajouté");
        assert_eq!(count_as(1, "ajouté", "ajoutés"), "1 ajouté");
        assert_eq!(count_as(2, "ajouté", "ajoutés"), "2 ajoutés");
    }

    #[test]
    fn a_list_stays_a_list() {
        let segs = [
            seg(Nature::Egal, "- un\n- "),
            seg(Nature::Retrait, "deux"),
            seg(Nature::Ajout, "trois"),
        ];
        let got: Vec<String> = lines(&segs)
            .iter()
            .map(|l| l.iter().map(|s| s.texte.as_str()).collect())
            .collect();
        assert_eq!(got, ["un", "deuxtrois"]);
    }
}
