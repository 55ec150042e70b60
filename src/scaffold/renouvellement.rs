//! `ldm init --depuis`: the dossier of a new campaign made from the previous one.
//!
//! Identity, teams and pilotage are carried over; each engagement of the previous dossier
//! becomes an action to report on (`suite_de` names it, its objectives and measures are
//! kept); the actions still running are carried with their measures, and the evidence
//! they cite is copied. What the school must write anew (context, état des lieux, points
//! forts, conclusion…) is « À compléter », the previous text kept beside it in a comment.
//! The previous dossier is only read.

use super::front_text::FrontText;
use super::{Ci, Identity, STARTERS, ScaffoldError, dossier_files, env, render};
use crate::diff::matching;
use crate::fsutil::{Written, check_inside, write_new_bytes};
use crate::model::annee::Calendrier;
use crate::model::config::{Config, Statut, TypeEtablissement};
use crate::model::{CritereDir, Dossier, Entity, Kind};
use crate::referentiel::Edition;
use crate::workspace::Workspace;
use std::collections::BTreeSet;
use std::path::Path;

const TODO: &str = "À compléter";

/// What the new campaign is: its edition, year and CI; the rest comes from the old dossier.
pub struct Options<'a> {
    pub edition: &'a Edition,
    /// The edition as `ldm.toml` names it (an id or a file of the dossier).
    pub edition_name: String,
    /// The new campaign year; five years after the previous one when not given.
    pub annee: Option<(i64, Calendrier)>,
    pub ci: Ci,
}

/// A fiche of the previous dossier and where it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reprise {
    /// Its id in the previous dossier (`3-partenariats/engagements/creer-un-job-dating`).
    pub ancien: String,
    /// Its path in the new dossier.
    pub nouveau: String,
}

/// The new dossier, ready to be written, and what the renewal did.
#[derive(Debug, Clone)]
pub struct Renouvellement {
    /// (relative path, text), in writing order.
    pub files: Vec<(String, String)>,
    /// The evidence files to copy from the previous dossier, read one at a time when
    /// written (never all held at once).
    pub copies: Vec<String>,
    /// Where the previous dossier is read from.
    source: std::sync::Arc<dyn crate::vfs::FileSource>,
    pub annee: i64,
    pub precedente: i64,
    /// Old engagements, now actions to report on.
    pub engagements: Vec<Reprise>,
    /// Old actions still running, carried over.
    pub actions: Vec<Reprise>,
    /// Evidence files copied (those of `copies` found when written).
    pub preuves: usize,
    /// Old fiches that could not be read (their front matter has errors): not carried.
    pub non_reprises: Vec<String>,
    /// Old criterion folders the new edition has no criterion for: kept under their name.
    pub sans_critere: Vec<String>,
}

/// Makes the new campaign's dossier from `old`. Nothing is written.
pub fn renouveler(old: &Workspace, o: &Options) -> Result<Renouvellement, ScaffoldError> {
    let d = &old.dossier;
    // A year of four digits: the scaffold's arithmetic on it (periods, N+5) cannot overflow.
    let precedente = (d.annee())
        .filter(|y| (1000..=9990).contains(y))
        .ok_or(ScaffoldError::NoYear)?;
    let (annee, calendrier) = o.annee.unwrap_or((precedente + 5, d.campaign.calendrier));
    if !(1000..=9990).contains(&annee) {
        return Err(ScaffoldError::NoYear);
    }
    let id = identity(d, o, annee, calendrier, precedente);
    let mut files = dossier_files(&id, o.edition)?;
    let cx = Context::new(old, o, precedente);
    let mut r = Renouvellement {
        files: Vec::new(),
        copies: Vec::new(),
        source: d.files.clone(),
        annee,
        precedente,
        engagements: Vec::new(),
        actions: Vec::new(),
        preuves: 0,
        non_reprises: Vec::new(),
        sans_critere: cx.sans_critere(),
    };
    if let Some(text) = cx.etablissement()? {
        replace(&mut files, "etablissement.md", text);
    }
    for (path, text) in cx.criteres()? {
        replace(&mut files, &path, text);
    }
    let fiches = cx.fiches(&mut r)?;
    drop_starters(&mut files, &fiches);
    r.copies = cx.cited(&r).into_iter().collect();
    r.preuves = r.copies.len();
    files.extend(fiches);
    r.files = files;
    Ok(r)
}

/// Writes the renewal into `dir`, refusing a folder that is not empty unless `force`
/// (then only missing files are added). Each file is written atomically, never over one.
pub fn write(
    dir: &Path,
    r: &Renouvellement,
    force: bool,
) -> Result<Vec<(String, Written)>, ScaffoldError> {
    if dir.exists() && !super::is_empty_dir(dir) && !force {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    let mut out = Vec::with_capacity(r.files.len() + r.copies.len());
    for (rel, content) in &r.files {
        out.push((rel.clone(), write_one(dir, rel, content.as_bytes())?));
    }
    for rel in &r.copies {
        // A file that vanished or grew past the bound since the plan is left out.
        let Ok(bytes) = r.source.read_up_to(rel, crate::vfs::MAX_EVIDENCE) else {
            continue;
        };
        out.push((rel.clone(), write_one(dir, rel, &bytes)?));
    }
    Ok(out)
}

/// Writes `rel` under `dir` atomically, unless it exists, never through a link out.
fn write_one(dir: &Path, rel: &str, content: &[u8]) -> Result<Written, ScaffoldError> {
    let path = dir.join(rel);
    if dir.exists() {
        check_inside(dir, &path)?;
    }
    write_new_bytes(&path, content).map_err(|source| ScaffoldError::Io { path, source })
}

fn replace(files: &mut [(String, String)], path: &str, text: String) {
    if let Some(f) = files.iter_mut().find(|(p, _)| p == path) {
        f.1 = text;
    }
}

/// Drops the starter action of the criteria that received fiches of the old dossier; the
/// starter engagement stays everywhere, since the new campaign needs new engagements.
fn drop_starters(files: &mut Vec<(String, String)>, fiches: &[(String, String)]) {
    let filled: BTreeSet<&str> = fiches
        .iter()
        .filter_map(|(p, _)| p.rsplitn(3, '/').nth(2))
        .collect();
    files.retain(|(p, _)| {
        (p.strip_suffix(&format!("/{}", STARTERS[0]))).is_none_or(|c| !filled.contains(c))
    });
}

/// The identity of the new dossier: the old `ldm.toml`'s, for the new campaign.
fn identity(
    d: &Dossier,
    o: &Options,
    annee: i64,
    calendrier: Calendrier,
    precedente: i64,
) -> Identity {
    let cfg = d.config.as_ref();
    let field = |f: fn(&Config) -> String| cfg.map_or_else(|| TODO.to_string(), f);
    Identity {
        nom: field(|c| c.etablissement.nom.get_ref().clone()),
        uai: field(|c| c.etablissement.uai.get_ref().clone()),
        academie: field(|c| c.etablissement.academie.get_ref().clone()),
        ville: cfg.and_then(|c| c.etablissement.ville.as_ref().map(|v| v.get_ref().clone())),
        statut: field(|c| statut_name(*c.etablissement.statut.get_ref()).into()),
        type_etablissement: field(|c| {
            type_name(*c.etablissement.type_etablissement.get_ref()).into()
        }),
        denomination: field(|c| c.etablissement.denomination.get_ref().clone()),
        nature: "renouvellement".into(),
        annee,
        calendrier,
        precedente: Some(precedente),
        edition: o.edition_name.clone(),
        reseau: cfg.is_some_and(|c| !c.candidature.reseau.is_empty()),
        partenaires: cfg.map_or_else(Vec::new, |c| {
            c.candidature
                .reseau
                .iter()
                .map(|p| p.get_ref().clone())
                .collect()
        }),
        ci: o.ci,
    }
}

fn statut_name(s: Statut) -> &'static str {
    match s {
        Statut::Public => "public",
        Statut::PriveSousContrat => "prive-sous-contrat",
    }
}

fn type_name(t: TypeEtablissement) -> &'static str {
    match t {
        TypeEtablissement::Lp => "LP",
        TypeEtablissement::Lpo => "LPO",
        TypeEtablissement::Erea => "EREA",
        TypeEtablissement::Lea => "LEA",
    }
}

/// The previous dossier, its edition and the new one, and where each old criterion goes.
struct Context<'a> {
    old: &'a Workspace,
    o: &'a Options<'a>,
    precedente: i64,
    /// For each old criterion, its folder in the new dossier and its new number (`None`:
    /// the new edition has no such criterion; the folder keeps its old name).
    dest: Vec<(String, Option<u32>)>,
    same_edition: bool,
}

impl<'a> Context<'a> {
    fn new(old: &'a Workspace, o: &'a Options<'a>, precedente: i64) -> Self {
        let dest = (old.dossier.criteres.iter())
            .map(|c| match new_critere(old, o.edition, c) {
                Some(n) => (format!("criteres/{}-{}", n.numero, n.slug), Some(n.numero)),
                None => (c.dir.clone(), None),
            })
            .collect();
        Context {
            old,
            o,
            precedente,
            dest,
            same_edition: old.edition.id == o.edition.id,
        }
    }

    fn sans_critere(&self) -> Vec<String> {
        (self.dest.iter())
            .filter(|(_, n)| n.is_none())
            .map(|(dir, _)| dir.clone())
            .collect()
    }

    /// The new number of old criterion `numero`, if the new edition has it.
    fn new_numero(&self, numero: i64) -> Option<u32> {
        let i = (self.old.dossier.criteres.iter()).position(|c| i64::from(c.numero) == numero)?;
        self.dest[i].1
    }

    /// The new `etablissement.md`: the old people, the sections to write anew.
    fn etablissement(&self) -> Result<Option<String>, ScaffoldError> {
        let d = &self.old.dossier;
        let Some(doc) = d.etablissement.as_ref() else {
            return Ok(None);
        };
        let template = render(&env(), "etablissement.md", minijinja::context! {})?;
        let text = d.sources.get(&doc.path).map(|s| s.text.as_str());
        Ok(carried(
            &template,
            text,
            |t| d.section_text(doc, t, None),
            self.precedente,
        ))
    }

    /// The new `critere.md` of each criterion the old dossier had: its team and
    /// transversalité, the sections to write anew.
    fn criteres(&self) -> Result<Vec<(String, String)>, ScaffoldError> {
        let d = &self.old.dossier;
        let mut out: Vec<(String, String)> = Vec::new();
        for (c, (dir, numero)) in d.criteres.iter().zip(&self.dest) {
            let path = format!("{dir}/critere.md");
            let (Some(doc), Some(n)) = (c.critere.as_ref(), numero) else {
                continue;
            };
            let Some(nc) = self.o.edition.critere(*n) else {
                continue;
            };
            if out.iter().any(|(p, _)| *p == path) {
                continue;
            }
            let reseau = !self.sans_reseau() && nc.strategie_commune_reseau;
            let ctx = minijinja::context! { c => minijinja::Value::from(minijinja::value::Serde(nc)), origine => nc.origine.map(|o| o.label()), reseau => reseau };
            let template = render(&env(), "critere.md", ctx)?;
            let text = d.sources.get(&doc.path).map(|s| s.text.as_str());
            let section = |t: &str| d.section_text(doc, t, None);
            if let Some(t) = carried(&template, text, section, self.precedente) {
                out.push((path, t));
            }
        }
        Ok(out)
    }

    fn sans_reseau(&self) -> bool {
        (self.old.dossier.config.as_ref()).is_none_or(|c| c.candidature.reseau.is_empty())
    }

    /// The fiches of the new dossier: (path, text). Records what became of each old one.
    fn fiches(&self, r: &mut Renouvellement) -> Result<Vec<(String, String)>, ScaffoldError> {
        let d = &self.old.dossier;
        let tail = action_tail()?;
        let mut out: Vec<(String, String)> = Vec::new();
        for (c, (dir, numero)) in d.criteres.iter().zip(&self.dest) {
            for (kind, e) in c.entities() {
                let Some(f) = e.front.as_ref() else {
                    r.non_reprises.push(e.path.clone());
                    continue;
                };
                let running = f.perenne.as_ref().is_some_and(|p| p.value)
                    || f.periode
                        .as_ref()
                        .is_some_and(|p| p.fin.value > self.precedente);
                if kind == Kind::Action && !running {
                    continue;
                }
                let Some(text) = d.sources.get(&e.path).map(|s| s.text.as_str()) else {
                    continue;
                };
                let Some(mut ft) = FrontText::parse(text) else {
                    r.non_reprises.push(e.path.clone());
                    continue;
                };
                self.adapt(&mut ft, e, *numero);
                if kind == Kind::Action {
                    self.extend_perennial(&mut ft, f, r.annee);
                }
                if kind == Kind::Engagement {
                    self.to_action(&mut ft, e, &tail);
                }
                let path = free_path(&out, dir, e);
                let reprise = Reprise {
                    ancien: e.id(),
                    nouveau: path.clone(),
                };
                match kind {
                    Kind::Engagement => r.engagements.push(reprise),
                    Kind::Action => r.actions.push(reprise),
                }
                out.push((path, ft.text()));
            }
        }
        Ok(out)
    }

    /// What changes in any carried fiche when the edition changes: requirement ids are
    /// the old edition's (left for the school to choose again), associated criteria are
    /// renumbered.
    fn adapt(&self, ft: &mut FrontText, e: &Entity, numero: Option<u32>) {
        if self.same_edition {
            return;
        }
        let n = numero.map_or_else(|| "N".to_string(), |n| n.to_string());
        let line = format!(
            "exigences: []  {}\n",
            crate::typo::french(&format!(
                "# exigences de l'édition {} auxquelles l'action répond, ex. [\"{n}.1\"] (« ldm referentiel {n} »)",
                self.o.edition.id
            ))
        );
        ft.set("exigences", line, "periode");
        let Some(f) = e.front.as_ref() else { return };
        if f.criteres_associes.is_empty() {
            return;
        }
        let mapped: Vec<String> = (f.criteres_associes.iter())
            .filter_map(|c| self.new_numero(c.value))
            .map(|n| n.to_string())
            .collect();
        if mapped.is_empty() {
            ft.remove("criteres_associes");
        } else {
            let line = format!("criteres_associes: [{}]\n", mapped.join(", "));
            ft.set("criteres_associes", line, "exigences");
        }
    }

    /// A perennial action goes on: its `debut` is kept (its measures since then stay in
    /// its period) and its `fin` becomes the new campaign's year, the year the renewal
    /// reports at; the old period is kept in a comment on the line.
    fn extend_perennial(
        &self,
        ft: &mut FrontText,
        f: &crate::model::front::EntityFront,
        annee: i64,
    ) {
        let perenne = f.perenne.as_ref().is_some_and(|p| p.value);
        let Some(p) = f
            .periode
            .as_ref()
            .filter(|p| perenne && p.fin.value < annee)
        else {
            return;
        };
        let c = p.calendrier;
        let show = |y: i64| match c {
            Calendrier::Civil => y.to_string(),
            Calendrier::Scolaire => format!("\"{}\"", c.show(y)),
        };
        let comment = crate::typo::french(&format!(
            "# action pérenne : période du dossier de {} : {}–{}",
            self.precedente,
            c.show(p.debut.value),
            c.show(p.fin.value)
        ));
        let line = format!(
            "periode: {{debut: {}, fin: {}}}  {comment}\n",
            show(p.debut.value),
            show(annee)
        );
        ft.set("periode", line, "denomination");
    }

    /// An old engagement as an action of the new dossier: the same objectives, measures
    /// and prose, linked to the engagement by `suite_de`, with the sections of an action.
    fn to_action(&self, ft: &mut FrontText, e: &Entity, tail: &str) {
        let p = self.precedente;
        ft.set_heading(&crate::typo::french(&format!(
            "# yaml-language-server: $schema=../../../.ldm/schema/action.schema.json\n# Action réalisée : l'engagement pris en {p}, dont l'équipe rend compte (mesures, plus-values, bilan).\n"
        )));
        ft.remove("animateur");
        ft.remove("suite_de");
        let after = if ft.has("periode") {
            "periode"
        } else {
            "denomination"
        };
        ft.set(
            "perenne",
            crate::typo::french("perenne: false  # action pérenne : true (OUI) ou false (NON)\n"),
            after,
        );
        let id = serde_json::to_string(&e.id()).unwrap_or_default();
        ft.set(
            "suite_de",
            format!(
                "suite_de: {id}  {}\n",
                crate::typo::french(&format!(
                    "# l'engagement du dossier de {p} que cette action a tenu"
                ))
            ),
            "perenne",
        );
        let mut body = ft.body().trim_end().to_string();
        body.push_str("\n\n");
        body.push_str(tail);
        ft.set_body(body);
    }

    /// The evidence files the carried fiches cite that exist in the old dossier.
    fn cited(&self, r: &Renouvellement) -> BTreeSet<String> {
        let d = &self.old.dossier;
        let carried: BTreeSet<&str> = (r.engagements.iter().chain(&r.actions))
            .map(|x| x.ancien.as_str())
            .collect();
        (d.entities())
            .filter(|(_, _, e)| carried.contains(e.id().as_str()))
            .filter_map(|(_, _, e)| e.front.as_ref())
            .flat_map(|f| &f.preuves)
            .filter(|p| crate::model::front::Lien::of(&p.value).is_none())
            .filter_map(|p| crate::model::query::evidence_path(&p.value).ok())
            .filter(|p| p.starts_with("preuves/"))
            .filter(|p| matches!(d.preuves.get(p), Some(crate::vfs::Kind::File { .. })))
            .collect()
    }
}

/// The criterion of the new edition an old criterion folder answers: the same folder
/// name after the number, else the most similar title.
fn new_critere<'e>(
    old: &Workspace,
    edition: &'e Edition,
    c: &CritereDir,
) -> Option<&'e crate::referentiel::Critere> {
    let name = c.dir.trim_start_matches("criteres/");
    let slug = name.split_once('-').map_or(name, |(_, s)| s);
    if let Some(n) = edition.criteres.iter().find(|n| n.slug == slug) {
        return Some(n);
    }
    let title = old
        .edition
        .critere(c.numero)
        .map_or(slug, |o| o.intitule.as_str());
    let t = matching::Title::new(title);
    (edition.criteres.iter())
        .map(|n| (n, matching::score(&t, &matching::Title::new(&n.intitule))))
        .filter(|(_, s)| *s >= matching::THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(n, _)| n)
}

/// A path for fiche `e` in folder `dir` that no other carried fiche has taken.
fn free_path(taken: &[(String, String)], dir: &str, e: &Entity) -> String {
    let file = e.path.rsplit('/').next().unwrap_or("fiche.md");
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let free = |p: &String| !taken.iter().any(|(t, _)| t == p);
    let first = format!("{dir}/actions/{stem}.md");
    if free(&first) {
        return first;
    }
    (2..)
        .map(|k| format!("{dir}/actions/{stem}-{k}.md"))
        .find(free)
        .unwrap_or(first)
}

/// The sections an action has and an engagement has not (points forts, axes de progrès,
/// conclusion), from the action template: « À compléter » with their guidance.
fn action_tail() -> Result<String, ScaffoldError> {
    let ctx = minijinja::context! { titre => "", debut => 0, fin => 0, numero => 0 };
    let text = render(&env(), "action.md", ctx)?;
    Ok(text
        .find("# Points forts")
        .map_or_else(String::new, |i| text[i..].to_string()))
}

/// A template's file with the old file's front matter keys, and under each heading whose
/// section the old file had, its text as a comment after « À compléter ».
fn carried(
    template: &str,
    old: Option<&str>,
    section: impl Fn(&str) -> String,
    precedente: i64,
) -> Option<String> {
    let mut new = FrontText::parse(template)?;
    if let Some(old) = old.and_then(FrontText::parse) {
        new.replace_keys(&old);
    }
    let mut body = String::new();
    let mut heading: Option<&str> = None;
    for line in new.body().lines() {
        body.push_str(line);
        body.push('\n');
        if let Some(t) = line.strip_prefix("# ") {
            heading = Some(t.trim());
        } else if line.trim() == TODO
            && let Some(t) = heading.take()
        {
            body.push_str(&previous_text(&section(t), precedente));
        }
    }
    new.set_body(body);
    Some(new.text())
}

/// The previous campaign's text of a section, as a comment to start from.
fn previous_text(text: &str, precedente: i64) -> String {
    let text = crate::markup::without_comments(text);
    let text = text.trim();
    // An old « À compléter » (a dossier imported from Word, say) is nothing to start from.
    let bare = text.chars().count() <= TODO.chars().count() + 4;
    if text.is_empty() || (bare && crate::check::text::is_placeholder(text)) {
        return String::new();
    }
    let header = crate::typo::french(&format!(
        "Texte du dossier de {precedente}, à reprendre et mettre à jour :"
    ));
    format!("\n<!-- {header}\n\n{}\n-->\n", text.replace("-->", "—>"))
}
