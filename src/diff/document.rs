//! The renewal diff laid out once as a `doc::Document`, which the HTML, PDF and DOCX
//! backends render: the summary as a label/value table, then per criterion the fate of
//! the previous dossier's engagements (« tenu », « reconduit », « abandonné ») as a table,
//! the changed fiches with their changes (insertions in bold, deletions struck through, as
//! the Markdown form marks them), and the team's movements as a table. States and changes
//! are coloured (`doc::Tone`): green what is added or kept, red what goes, blue what
//! carries on, amber what changed; the state's word is always written.

use super::entity::{Changes, Segment};
use super::state::{Fate, FicheEtat, IndicateurEtat, Nature};
use super::team::TeamDiff;
use super::term::{criterion_of, lines, unchanged};
use super::{CritereDiff, Devenir, Diff, EntityDiff, Side};
use crate::doc::{Block, Cell, Document, Inline, Table, Tone, heading, para, title};

pub const TITLE: &str = "Renouvellement : ce qui a changé";

/// The diff as a document.
pub fn document(d: &Diff) -> Document {
    let mut b = vec![
        title("renouvellement", TITLE),
        Block::Para(vec![
            Inline::Text(format!("Dossier précédent : {}", side(&d.ancien))),
            Inline::LineBreak,
            Inline::Text(format!("Nouveau dossier : {}", side(&d.nouveau))),
        ]),
    ];
    if d.resume.is_empty() {
        b.push(para("Aucune différence entre les deux dossiers."));
    } else {
        b.push(heading(2, "synthese", "Synthèse"));
        b.push(Block::Table(summary(d)));
        for c in d.criteres.iter().filter(|c| !unchanged(c)) {
            critere(c, &mut b);
        }
        if !d.equipe.is_empty() {
            b.push(heading(2, "equipe", "Équipe du dossier"));
            b.push(Block::Table(team(&d.equipe)));
        }
    }
    let header = [
        d.ancien.source.clone(),
        "Renouvellement".to_string(),
        d.nouveau.source.clone(),
    ];
    Document::new(TITLE, &d.nouveau.source, header, b)
}

/// « source (année, édition) ».
fn side(s: &Side) -> String {
    let year = s.annee.map_or("année ?".to_string(), |a| a.to_string());
    format!("{} ({year}, {})", s.source, s.edition)
}

fn summary(d: &Diff) -> Table {
    let rows: Vec<(String, String)> = super::term::summary(&d.resume)
        .into_iter()
        .map(|(what, counts)| (capitalised(what), counts))
        .collect();
    crate::doc::label_value(&rows, [35.0, 65.0])
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn critere(c: &CritereDiff, b: &mut Vec<Block>) {
    let num = c.numero.or(c.ancien_numero).unwrap_or(0);
    let note = match (c.etat.label(), c.ancien_numero, c.numero) {
        (Some(label), _, _) => format!(" — {label}"),
        (None, Some(o), Some(n)) if o != n => format!(" — critère {o} du dossier précédent"),
        _ => String::new(),
    };
    let title = format!("Critère {num} — {}{note}", c.intitule);
    b.push(heading(2, &format!("critere-{num}"), &title));
    if !c.engagements.is_empty() {
        b.push(subheading("Engagements du dossier précédent"));
        b.push(Block::Table(fates(&c.engagements)));
    }
    let shown: Vec<&EntityDiff> = (c.fiches.iter())
        .filter(|f| f.etat != FicheEtat::Identique)
        .collect();
    if !shown.is_empty() {
        b.push(subheading("Actions et engagements"));
        for f in shown {
            b.extend(fiche(f));
        }
    }
    if !c.equipe.is_empty() {
        b.push(subheading("Équipe du critère"));
        b.push(Block::Table(team(&c.equipe)));
    }
}

/// A level-3 heading left out of the contents and bookmarks.
fn subheading(text: &str) -> Block {
    Block::Heading {
        level: 3,
        anchor: String::new(),
        content: vec![Inline::Text(text.to_string())],
        outlined: false,
    }
}

/// What became of each engagement of the previous dossier.
fn fates(engagements: &[Devenir]) -> Table {
    let head = ["Engagement", "Devenir", "Suite", "Rapprochement"];
    let body = engagements.iter().map(|e| {
        vec![
            Cell::text(&format!("« {} »", e.denomination)),
            Cell::of(vec![marked(fate_tone(e.devenir), e.devenir.label())]),
            Cell::text(
                &e.suite_denomination
                    .as_ref()
                    .map_or("—".to_string(), |s| format!("« {s} »")),
            ),
            Cell::text(e.par.map_or("—", |p| p.label())),
        ]
    });
    Table {
        widths: vec![36.0, 12.0, 32.0, 20.0],
        head: vec![head.iter().map(|h| Cell::th(h)).collect()],
        body: body.collect(),
        keep_together: false,
    }
}

/// A state's word in bold and in its tone's colour.
fn marked(tone: Tone, s: &str) -> Inline {
    Inline::Mark {
        tone,
        content: vec![Inline::Strong(vec![Inline::Text(s.to_string())])],
    }
}

fn fate_tone(f: Fate) -> Tone {
    match f {
        Fate::Tenu => Tone::Gain,
        Fate::Reconduit => Tone::Carried,
        Fate::Abandonne => Tone::Loss,
    }
}

fn fiche_tone(e: FicheEtat) -> Tone {
    match e {
        FicheEtat::Ajoutee => Tone::Gain,
        FicheEtat::Retiree => Tone::Loss,
        FicheEtat::Renommee | FicheEtat::Deplacee => Tone::Carried,
        FicheEtat::Modifiee | FicheEtat::Identique => Tone::Changed,
    }
}

/// An indicator's first word, coloured when it says the indicator is new or gone.
fn indicator_word(e: IndicateurEtat) -> Inline {
    let word = Inline::Text(e.label().to_string());
    match e {
        IndicateurEtat::Ajoute => Inline::Mark {
            tone: Tone::Gain,
            content: vec![word],
        },
        IndicateurEtat::Retire => Inline::Mark {
            tone: Tone::Loss,
            content: vec![word],
        },
        IndicateurEtat::Modifie | IndicateurEtat::Identique => word,
    }
}

/// Inserted text: bold on a green ground.
fn inserted(t: Inline) -> Inline {
    Inline::Mark {
        tone: Tone::Inserted,
        content: vec![Inline::Strong(vec![t])],
    }
}

/// Deleted text: struck through on a red ground.
fn deleted(t: Inline) -> Inline {
    Inline::Mark {
        tone: Tone::Deleted,
        content: vec![Inline::Strike(vec![t])],
    }
}

/// A changed fiche: what it is and its state, then its changes as a list.
fn fiche(f: &EntityDiff) -> Vec<Block> {
    let mut line = vec![
        Inline::Text(format!("{} « {} » ", f.nature.label(), f.denomination)),
        marked(fiche_tone(f.etat), f.etat.label(f.nature)),
    ];
    // Auditors read titles: a moved fiche says where it was, never its file.
    if let (FicheEtat::Deplacee, Some(n)) = (f.etat, f.ancien_id.as_deref().and_then(criterion_of))
    {
        line.push(Inline::Text(format!(" (critère {n} du dossier précédent)")));
    }
    if let Some(e) = &f.realise_denomination {
        line.push(Inline::Text(format!(", réalise l'engagement « {e} »")));
    }
    let mut out = vec![Block::Para(line)];
    let items = changes(&f.changements);
    if !items.is_empty() {
        out.push(Block::List { start: None, items });
    }
    out
}

fn changes(c: &Changes) -> Vec<Vec<Block>> {
    let mut items = Vec::new();
    for ch in &c.champs {
        items.push(vec![Block::Para(vec![
            Inline::Text(format!("{} : ", ch.champ)),
            deleted(Inline::Text(or_dash(&ch.avant))),
            Inline::Text(" → ".to_string()),
            inserted(Inline::Text(or_dash(&ch.apres))),
        ])]);
    }
    for t in &c.textes {
        let lines = lines(&t.segments);
        let mut item = vec![Block::Para(vec![Inline::Text(format!("{} : ", t.section))])];
        match lines.as_slice() {
            [one] => {
                if let Some(Block::Para(p)) = item.first_mut() {
                    p.extend(words(one));
                }
            }
            // A list stays a list: one sub-item per line of the section.
            many => item.push(Block::List {
                start: None,
                items: many.iter().map(|l| vec![Block::Para(words(l))]).collect(),
            }),
        }
        items.push(item);
    }
    for i in (c.indicateurs.iter()).filter(|i| i.etat != IndicateurEtat::Identique) {
        let measures = |m: &[(i64, String)]| {
            let all: Vec<String> = m.iter().map(|(y, v)| format!("{y} : {v}")).collect();
            or_dash(&all.join(", "))
        };
        items.push(vec![Block::Para(vec![
            indicator_word(i.etat),
            Inline::Text(format!(
                " « {} » : {} → {}",
                i.intitule,
                measures(&i.avant),
                measures(&i.apres)
            )),
        ])]);
    }
    items
}

/// A word-level diff: insertions in bold on green, deletions struck through on red.
fn words(segs: &[Segment]) -> Vec<Inline> {
    segs.iter()
        .map(|s| {
            let t = Inline::Text(s.texte.clone());
            match s.nature {
                Nature::Egal => t,
                Nature::Ajout => inserted(t),
                Nature::Retrait => deleted(t),
            }
        })
        .collect()
}

fn or_dash(s: &str) -> String {
    if s.is_empty() { "—" } else { s }.to_string()
}

/// People who joined, left or changed function or role.
fn team(t: &TeamDiff) -> Table {
    let mut body = Vec::new();
    for (word, tone, people) in [
        ("arrivée", Tone::Gain, &t.arrivees),
        ("départ", Tone::Loss, &t.departs),
    ] {
        for g in people {
            body.push(vec![
                Cell::of(vec![marked(tone, word)]),
                Cell::text(&format!("{} {}", g.prenom, g.nom)),
                Cell::text(&g.fonction),
            ]);
        }
    }
    for c in &t.changements {
        body.push(vec![
            Cell::of(vec![marked(Tone::Changed, "changement")]),
            Cell::text(&c.personne),
            Cell::text(&format!("{} → {}", c.avant, c.apres)),
        ]);
    }
    Table {
        widths: vec![16.0, 30.0, 54.0],
        head: crate::doc::head(&["Mouvement", "Personne", "Fonction ou rôle"]),
        body,
        keep_together: false,
    }
}
