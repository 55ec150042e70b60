//! Comparing one action or engagement with its previous version: fields, prose (word
//! by word), and indicators with their measures.

use super::state::{IndicateurEtat, Nature};
use crate::model::front::{EntityFront, Indicateur};
use crate::model::{Dossier, Entity};
use crate::numfmt::number;
use crate::text::fold;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub champ: String,
    pub avant: String,
    pub apres: String,
}

/// One piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub nature: Nature,
    pub texte: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProseChange {
    pub section: String,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorChange {
    pub intitule: String,
    pub etat: IndicateurEtat,
    pub avant: Vec<(i64, String)>,
    pub apres: Vec<(i64, String)>,
    pub cible_avant: Option<String>,
    pub cible_apres: Option<String>,
}

/// Everything that differs between two versions of an entity.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    pub champs: Vec<FieldChange>,
    pub textes: Vec<ProseChange>,
    pub indicateurs: Vec<IndicatorChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.champs.is_empty()
            && self.textes.is_empty()
            && self
                .indicateurs
                .iter()
                .all(|i| i.etat == IndicateurEtat::Identique)
    }
}

const PROSE: &[(&str, Option<&str>)] = &[
    ("Description", None),
    ("Moyens engagés", Some("Mise en œuvre")),
    ("Calendrier", Some("Mise en œuvre")),
    ("Lieux", Some("Mise en œuvre")),
    ("Modalités d'organisation", Some("Mise en œuvre")),
    ("Points forts", None),
    ("Axes de progrès", None),
    ("Conclusion", None),
];

fn fields(f: &EntityFront) -> Vec<(&'static str, String)> {
    let person = |p: &crate::model::front::Personne| {
        format!("{} {}, {}", p.prenom.value, p.nom.value, p.fonction.value)
    };
    vec![
        ("dénomination", f.denomination.value.clone()),
        (
            "période",
            f.periode.as_ref().map_or(String::new(), |p| {
                format!("{}–{}", p.debut.value, p.fin.value)
            }),
        ),
        (
            "action pérenne",
            f.perenne.as_ref().map_or(String::new(), |p| {
                if p.value { "OUI" } else { "NON" }.to_string()
            }),
        ),
        (
            "animateur",
            f.animateur.as_ref().map_or(String::new(), |ps| {
                ps.iter().map(person).collect::<Vec<_>>().join(" ; ")
            }),
        ),
        (
            "exigences",
            f.exigences
                .iter()
                .map(|x| x.value.trim().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "objectifs",
            f.objectifs
                .iter()
                .map(|o| o.intitule.value.trim().to_string())
                .collect::<Vec<_>>()
                .join(" ; "),
        ),
        (
            "preuves",
            f.preuves
                .iter()
                .map(|x| x.value.trim().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]
}

/// The paragraphs and list items of Markdown prose, each on one line, whitespace
/// normalised: a paragraph wrapped over several source lines is one block.
fn blocks(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in s.lines() {
        let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if words.is_empty() {
            open = false;
            continue;
        }
        let item = ["- ", "* ", "+ "].iter().any(|m| words.starts_with(m))
            || words
                .split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        match out.last_mut() {
            Some(last) if open && !item => {
                last.push(' ');
                last.push_str(&words);
            }
            _ => out.push(words),
        }
        open = true;
    }
    out
}

/// Word-level diff of two texts, whitespace normalised within each line; line ends are
/// kept, so a bulleted list can be shown as a list.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    let flat = |s: &str| blocks(s).join("\n");
    let (old, new) = (flat(old), flat(new));
    let diff = TextDiff::from_words(old.as_str(), new.as_str());
    // A text mostly rewritten reads better as « before » then « after » than as an
    // alternation of single words.
    let words_in = |s: &str| s.split_whitespace().count();
    let same: usize = diff
        .iter_all_changes()
        .filter(|c| c.tag() == ChangeTag::Equal && !c.value().trim().is_empty())
        .count();
    let total = words_in(&old) + words_in(&new);
    if total > 0 && (2 * same) as f64 / (total as f64) < 0.6 {
        // Lines stay lines: the new text starts on a line of its own.
        let new = if !new.is_empty() && (old.contains('\n') || new.contains('\n')) {
            format!("\n{new}")
        } else {
            new
        };
        return [(Nature::Retrait, old), (Nature::Ajout, new)]
            .into_iter()
            .filter(|(_, t)| !t.is_empty())
            .map(|(nature, texte)| Segment { nature, texte })
            .collect();
    }
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let nature = match change.tag() {
            ChangeTag::Equal => Nature::Egal,
            ChangeTag::Insert => Nature::Ajout,
            ChangeTag::Delete => Nature::Retrait,
        };
        match out.last_mut() {
            Some(last) if last.nature == nature => last.texte.push_str(change.value()),
            _ => out.push(Segment {
                nature,
                texte: change.value().to_string(),
            }),
        }
    }
    out
}

fn measures(i: &Indicateur) -> Vec<(i64, String)> {
    let unit = i.unite();
    let mut v: Vec<(i64, String)> = i
        .mesures
        .0
        .iter()
        .enumerate()
        .map(|(k, (y, _))| (y.value, i.mesures.ecrite(k, unit)))
        .collect();
    v.sort();
    v
}

fn indicators(f: &EntityFront) -> Vec<&Indicateur> {
    f.objectifs
        .iter()
        .flat_map(|o| o.indicateurs.iter())
        .collect()
}

/// The indicators of two versions, paired by title (then by similarity).
pub fn compare_indicators(old: &[&Indicateur], new: &[&Indicateur]) -> Vec<IndicatorChange> {
    let pairs = super::matching::pair(
        old,
        new,
        |i| fold(i.intitule.value.trim()),
        |i| i.intitule.value.clone(),
    );
    let target = |i: &Indicateur| i.cible.as_ref().map(|c| number(c.value));
    let mut out = Vec::new();
    for (j, n) in new.iter().enumerate() {
        match pairs.iter().find(|p| p.1 == j) {
            Some(&(i, _, _)) => {
                let o = old[i];
                let (avant, apres) = (measures(o), measures(n));
                let same = avant == apres && target(o) == target(n);
                out.push(IndicatorChange {
                    intitule: n.intitule.value.clone(),
                    etat: if same {
                        IndicateurEtat::Identique
                    } else {
                        IndicateurEtat::Modifie
                    },
                    avant,
                    apres,
                    cible_avant: target(o),
                    cible_apres: target(n),
                });
            }
            None => out.push(IndicatorChange {
                intitule: n.intitule.value.clone(),
                etat: IndicateurEtat::Ajoute,
                avant: vec![],
                apres: measures(n),
                cible_avant: None,
                cible_apres: target(n),
            }),
        }
    }
    for (i, o) in old.iter().enumerate() {
        if !pairs.iter().any(|p| p.0 == i) {
            out.push(IndicatorChange {
                intitule: o.intitule.value.clone(),
                etat: IndicateurEtat::Retire,
                avant: measures(o),
                apres: vec![],
                cible_avant: target(o),
                cible_apres: None,
            });
        }
    }
    out
}

/// What changed from `old` (in dossier `od`) to `new` (in `nd`).
pub fn compare(od: &Dossier, old: &Entity, nd: &Dossier, new: &Entity) -> Changes {
    let (Some(of), Some(nf)) = (&old.front, &new.front) else {
        return Changes::default();
    };
    let mut c = Changes::default();
    for ((champ, avant), (_, apres)) in fields(of).into_iter().zip(fields(nf)) {
        if avant != apres {
            c.champs.push(FieldChange {
                champ: champ.to_string(),
                avant,
                apres,
            });
        }
    }
    for (title, parent) in PROSE {
        let a = super::section_text(od, old, title, *parent);
        let b = super::section_text(nd, new, title, *parent);
        if a.split_whitespace().ne(b.split_whitespace()) {
            c.textes.push(ProseChange {
                section: title.to_string(),
                segments: words(&a, &b),
            });
        }
    }
    c.indicateurs = compare_indicators(&indicators(of), &indicators(nf));
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewritten_text_is_shown_before_and_after() {
        let got = words(
            "Le collège envoie ses élèves.",
            "Une procédure unique organise désormais les mini-stages.",
        );
        let natures: Vec<Nature> = got.iter().map(|s| s.nature).collect();
        assert_eq!(natures, [Nature::Retrait, Nature::Ajout]);
    }

    #[test]
    fn word_diff_keeps_unchanged_words_together() {
        let got = words(
            "Le GPDS se réunit chaque mardi.",
            "Le GPDS se réunit chaque   mardi et jeudi.",
        );
        let shown: Vec<(Nature, &str)> = got.iter().map(|s| (s.nature, s.texte.as_str())).collect();
        assert_eq!(
            shown,
            vec![
                (Nature::Egal, "Le GPDS se réunit chaque "),
                (Nature::Retrait, "mardi."),
                (Nature::Ajout, "mardi et jeudi.")
            ]
        );
    }
}
