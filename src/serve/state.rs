//! What the page receives: the dossier's state after a check as JSON, the findings of
//! each file kept apart so that an update carries only the files whose findings
//! changed, and the HTML previews (annex, tableau de bord) of the latest load.

use crate::check::CritereSummary;
use crate::diagnostic::{Counts, Diagnostic, Rule, Severity};
use crate::load::LoadError;
use crate::model::Dossier;
use crate::model::query::{Cited, cited_evidence};
use crate::source::Source;
use crate::vfs::Kind;
use crate::workspace::Workspace;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Bytes of a line quoted around a finding, as in the terminal report: a finding deep
/// inside a huge line is located without quoting the line.
const EXCERPT_MARGIN: usize = 2048;

/// One finding as the page shows it: the terminal report's title, excerpt and hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Constat {
    pub regle: Rule,
    pub gravite: Severity,
    pub message: String,
    pub ligne: Option<u32>,
    pub colonne: Option<u32>,
    pub aide: Option<String>,
    pub extrait: Option<Extrait>,
    /// The same finding further down the file (same rule and help: one « À compléter »
    /// per field of a fresh fiche), grouped under this one as the terminal groups them
    /// (`diagnostic::repeats`): their lines, and the note the terminal writes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aussi: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aussi_note: Option<String>,
}

/// The line of a finding cut around the spot it marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extrait {
    pub avant: String,
    pub marque: String,
    pub apres: String,
}

/// An evidence file a fiche cites: the only files of the dossier the server gives out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreuveCitee {
    pub chemin: String,
    pub criteres: Vec<u32>,
    pub citee_par: Vec<String>,
}

/// The dossier at a glance: what the criteria column and the header show.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Resume {
    pub etablissement: Option<String>,
    pub edition: Option<String>,
    /// Why the dossier could not be read at all (its `ldm.toml` removed, say).
    pub erreur: Option<String>,
    pub total: Counts,
    pub criteres: Vec<CritereSummary>,
    pub a_corriger: Vec<String>,
    /// The files with findings in the dossier's order (`diagnostic::by_file`: the
    /// findings about the whole dossier are on `ldm.toml`, as in the terminal and the
    /// editor).
    pub ordre: Vec<String>,
    pub preuves: Vec<PreuveCitee>,
}

/// What the page needs to build links: the dossier's absolute folder and the editor's
/// address pattern (`{fichier}` and `{ligne}` replaced by the page).
#[derive(Debug, Clone, Serialize)]
pub struct Reglages {
    pub racine: String,
    pub editeur: Option<String>,
}

/// The address pattern of an editor link: a known editor's (`vscode`, `vscodium`), or
/// a pattern of the user's with `{fichier}` (the absolute path) and `{ligne}`; `Err`
/// says in French what is wrong.
pub fn editeur(nom: &str) -> Result<String, String> {
    match nom {
        "vscode" => return Ok("vscode://file{fichier}:{ligne}".to_string()),
        "vscodium" => return Ok("vscodium://file{fichier}:{ligne}".to_string()),
        _ => {}
    }
    let scheme = nom.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    let valid_scheme = scheme.as_deref().is_some_and(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            && !matches!(s, "javascript" | "data" | "vbscript" | "http" | "https")
    });
    if valid_scheme && nom.contains("{fichier}") {
        Ok(nom.to_string())
    } else {
        Err(format!(
            "éditeur « {nom} » inconnu\u{a0}: indiquez vscode, vscodium, ou une adresse avec {{fichier}} et {{ligne}}, par exemple « monediteur://open?file={{fichier}}&line={{ligne}} »"
        ))
    }
}

/// One check of the dossier, with the workspace it was made on (for the previews).
pub struct Analyse {
    pub resume: Resume,
    pub fichiers: BTreeMap<String, Vec<Constat>>,
    pub workspace: Option<Workspace>,
}

impl Analyse {
    /// Loads and checks the dossier at `root`; a dossier that cannot be read at all is
    /// an analysis with its error, so the page says why instead of going blank.
    pub fn of_disk(root: &Path) -> Analyse {
        Analyse::of_loaded(Workspace::load(root))
    }

    /// Checks what loading gave (from the disk or any other file source); a dossier
    /// that could not be loaded is an analysis with its error.
    pub fn of_loaded(loaded: Result<Workspace, LoadError>) -> Analyse {
        match loaded {
            Ok(ws) => Analyse::of(ws),
            Err(e) => Analyse {
                resume: Resume {
                    erreur: Some(crate::typo::french(&e.to_string())),
                    ..Resume::default()
                },
                fichiers: BTreeMap::new(),
                workspace: None,
            },
        }
    }

    /// Checks a loaded dossier (from the disk or any other file source).
    pub fn of(mut ws: Workspace) -> Analyse {
        let report = crate::ops::check::check(&mut ws);
        let d = &ws.dossier;
        let mut fichiers: BTreeMap<String, Vec<Constat>> = BTreeMap::new();
        let mut ordre = Vec::new();
        for (file, found) in crate::diagnostic::by_file(&report.diagnostics) {
            let src = |diag: &Diagnostic| diag.file.as_ref().and_then(|f| d.sources.get(f));
            let constats = crate::diagnostic::repeats(found)
                .into_iter()
                .map(|(x, again)| constat(x, src(x), &again))
                .collect();
            ordre.push(file.to_string());
            fichiers.insert(file.to_string(), constats);
        }
        let resume = Resume {
            etablissement: d
                .config
                .as_ref()
                .map(|k| k.etablissement.nom.get_ref().clone()),
            edition: Some(report.edition.clone()),
            erreur: None,
            total: report.total,
            criteres: report.criteres,
            a_corriger: report.a_corriger,
            ordre,
            preuves: preuves_citees(d),
        };
        Analyse {
            resume,
            fichiers,
            workspace: Some(ws),
        }
    }

    /// Whether `rel` is an evidence file a fiche cites.
    pub fn cites(&self, rel: &str) -> bool {
        self.resume.preuves.iter().any(|p| p.chemin == rel)
    }
}

fn constat(d: &Diagnostic, src: Option<&Source>, again: &[&Diagnostic]) -> Constat {
    let extrait = src.zip(d.pos).and_then(|(s, p)| {
        let (line, range) = s.excerpt(p, EXCERPT_MARGIN)?;
        Some(Extrait {
            avant: line[..range.start].to_string(),
            marque: line[range.clone()].to_string(),
            apres: line[range.end..].to_string(),
        })
    });
    Constat {
        regle: d.rule,
        gravite: d.severity,
        message: d.message.clone(),
        ligne: d.pos.map(|p| p.line),
        colonne: d.pos.map(|p| p.column),
        aide: d.help.clone(),
        extrait,
        aussi: again.iter().filter_map(|x| x.pos).map(|p| p.line).collect(),
        aussi_note: (!again.is_empty()).then(|| crate::diagnostic::repeats_note(d, again)),
    }
}

/// The evidence files the fiches cite (pages on line left out), with who cites them.
fn preuves_citees(d: &Dossier) -> Vec<PreuveCitee> {
    let mut found: BTreeMap<String, PreuveCitee> = BTreeMap::new();
    for c in cited_evidence(d) {
        // A page on line is not a file; a path out of the dossier (`preuve-hors-dossier`)
        // is never a file to give out.
        let Cited::File(rel) = c.cited() else {
            continue;
        };
        if !matches!(d.files.kind(rel), Some(Kind::File { .. })) {
            continue;
        }
        let entry = found.entry(rel.to_string()).or_insert_with(|| PreuveCitee {
            chemin: rel.to_string(),
            criteres: Vec::new(),
            citee_par: Vec::new(),
        });
        if !entry.criteres.contains(&c.dir.numero) {
            entry.criteres.push(c.dir.numero);
        }
        if !entry.citee_par.contains(&c.fiche.path) {
            entry.citee_par.push(c.fiche.path.clone());
        }
    }
    found.into_values().collect()
}

/// Why an evidence file is not given out; the messages are the page's.
#[derive(Debug, thiserror::Error)]
pub enum PreuveRefusee {
    #[error("chemin refusé")]
    Chemin,
    #[error(
        "« {0} » n'est pas une preuve citée par une fiche du dossier\u{a0}: ldm ne le donne pas"
    )]
    NonCitee(String),
    #[error("lecture impossible de « {0} »\u{a0}: {1}")]
    Lecture(String, crate::vfs::ReadError),
}

/// An evidence file with its media type, only when a fiche cites it, read through the
/// dossier's file source (which keeps every read inside the dossier and bounded).
pub fn preuve(analyse: &Analyse, rel: &str) -> Result<(Vec<u8>, &'static str), PreuveRefusee> {
    let rel = crate::vfs::normalize(rel).ok_or(PreuveRefusee::Chemin)?;
    let (Some(ws), true) = (&analyse.workspace, analyse.cites(&rel)) else {
        return Err(PreuveRefusee::NonCitee(rel));
    };
    match ws.dossier.files.read(&rel) {
        Ok(corps) => Ok((corps, type_preuve(&rel))),
        Err(e) => Err(PreuveRefusee::Lecture(rel, e)),
    }
}

/// The media type of an evidence file by its extension; anything that a browser could
/// run (HTML, SVG) or does not know is a download.
pub fn type_preuve(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("md" | "txt" | "csv") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The JSON the page receives: a full state, or an update following another.
#[derive(Serialize)]
struct Etat<'a> {
    generation: u64,
    /// The generation an update follows; `None` in a full state. A page that does not
    /// hold that generation (it missed an update) asks for the full state.
    precedente: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reglages: Option<&'a Reglages>,
    resume: &'a Resume,
    /// Findings by file: all of them in a full state; in an update, only the files
    /// whose findings changed (an empty list: none left).
    fichiers: BTreeMap<&'a str, &'a [Constat]>,
}

/// The latest analysis and its generation: the state the server keeps between saves.
pub struct Live {
    pub generation: u64,
    pub analyse: Analyse,
    pub reglages: Reglages,
}

impl Live {
    pub fn new(analyse: Analyse, reglages: Reglages) -> Live {
        Live {
            generation: 1,
            analyse,
            reglages,
        }
    }

    /// The full state, as JSON.
    pub fn complet(&self) -> String {
        let fichiers = self
            .analyse
            .fichiers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
            .collect();
        json(&Etat {
            generation: self.generation,
            precedente: None,
            reglages: Some(&self.reglages),
            resume: &self.analyse.resume,
            fichiers,
        })
    }

    /// Takes a new analysis; returns the update (JSON) that turns the previous state
    /// into this one.
    pub fn remplacer(&mut self, next: Analyse) -> String {
        let old = std::mem::replace(&mut self.analyse, next);
        let precedente = self.generation;
        self.generation += 1;
        let new = &self.analyse.fichiers;
        let changed = old
            .fichiers
            .keys()
            .chain(new.keys())
            .filter(|k| old.fichiers.get(*k) != new.get(*k));
        let fichiers = changed
            .map(|k| {
                let v = new.get(k).map_or(&[][..], Vec::as_slice);
                let (key, _) = new.get_key_value(k).unwrap_or((k, &Vec::new()));
                (key.as_str(), v)
            })
            .collect::<BTreeMap<&str, &[Constat]>>();
        json(&Etat {
            generation: self.generation,
            precedente: Some(precedente),
            reglages: None,
            resume: &self.analyse.resume,
            fichiers,
        })
    }
}

fn json(etat: &Etat) -> String {
    // Plain data with string keys: serialising it cannot fail.
    serde_json::to_string(etat).unwrap_or_else(|_| "{}".to_string())
}

/// The annex of one criterion (or the whole dossier) as an HTML page.
pub fn annexe(ws: Option<&Workspace>, critere: Option<u32>) -> String {
    let Some(ws) = ws else {
        return message_page(
            "Le dossier ne peut pas être lu\u{a0}: l'annexe n'est pas disponible.",
        );
    };
    let only: Vec<u32> = critere.into_iter().collect();
    // The command line's request (`ops::render`): the same refusal of a criterion the
    // dossier lacks.
    let req = crate::ops::render::Request {
        critere: &only,
        preuves: false,
        stamp: crate::ops::bytes::Stamp::default(),
    };
    match crate::ops::render::document(ws, &req, crate::ops::output::Kind::Html) {
        Ok(html) => String::from_utf8_lossy(&html.bytes).into_owned(),
        Err(e) => message_page(&format!("L'annexe ne peut pas être produite\u{a0}: {e}")),
    }
}

/// The tableau de bord of one criterion (or the whole dossier) as an HTML page, at the
/// dossier's own reference year, as `ldm progress` makes it (`ops::progress`: the same
/// year window and refusals).
pub fn tableau_de_bord(ws: Option<&Workspace>, critere: Option<u32>) -> String {
    let Some(ws) = ws else {
        return message_page(
            "Le dossier ne peut pas être lu\u{a0}: le tableau de bord n'est pas disponible.",
        );
    };
    // The command line's request and refusals (the year window among them).
    let p = match crate::ops::progress::compute(ws, None, critere) {
        Ok(p) => p,
        Err(refusal) => {
            return message_page(&format!(
                "Le tableau de bord n'est pas disponible\u{a0}: {refusal}."
            ));
        }
    };
    crate::progress::document::html(&p)
}

/// A small page saying why a preview is missing; the text is escaped.
fn message_page(text: &str) -> String {
    let text = crate::typo::french(text);
    format!(
        "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><body style=\"font-family: sans-serif; margin: 2rem\"><p>{}</p></body></html>",
        quick_xml::escape::escape(text.as_str())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(message: &str) -> Constat {
        Constat {
            regle: Rule::TypeInvalide,
            gravite: Severity::Erreur,
            message: message.to_string(),
            ligne: Some(1),
            colonne: Some(1),
            aide: None,
            extrait: None,
            aussi: Vec::new(),
            aussi_note: None,
        }
    }

    fn analyse(files: &[(&str, &str)]) -> Analyse {
        Analyse {
            resume: Resume::default(),
            fichiers: files
                .iter()
                .map(|(k, m)| (k.to_string(), vec![finding(m)]))
                .collect(),
            workspace: None,
        }
    }

    #[test]
    fn an_update_carries_only_the_files_that_changed() {
        let reglages = Reglages {
            racine: "/d".into(),
            editeur: None,
        };
        let mut live = Live::new(analyse(&[("a.md", "un"), ("b.md", "deux")]), reglages);
        let update = live.remplacer(analyse(&[("a.md", "un"), ("c.md", "trois")]));
        let v: serde_json::Value = serde_json::from_str(&update).unwrap();
        assert_eq!(v["generation"], 2);
        assert_eq!(v["precedente"], 1);
        let files: Vec<&String> = v["fichiers"].as_object().unwrap().keys().collect();
        assert_eq!(files, ["b.md", "c.md"]);
        assert_eq!(v["fichiers"]["b.md"], serde_json::json!([]));
        assert_eq!(v["fichiers"]["c.md"][0]["message"], "trois");
        assert!(v.get("reglages").is_none());
        let full: serde_json::Value = serde_json::from_str(&live.complet()).unwrap();
        assert_eq!(full["precedente"], serde_json::Value::Null);
        assert_eq!(full["reglages"]["racine"], "/d");
        assert_eq!(full["fichiers"].as_object().unwrap().len(), 2);
    }

    fn dossier(rel: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    #[test]
    fn a_finding_keeps_its_excerpt_with_the_spot_marked() {
        let a = Analyse::of_disk(&dossier("tests/fixtures/tout-en-un"));
        let file = "criteres/1-offre-de-formation/actions/mini-stages.md";
        let c = a.fichiers[file]
            .iter()
            .find(|c| c.regle == Rule::TypeInvalide && c.ligne == Some(12))
            .expect("the « quarante » finding");
        let x = c.extrait.as_ref().unwrap();
        assert_eq!(x.marque, "quarante");
        assert_eq!(x.avant, "        cible: ");
        assert_eq!(c.colonne, Some(16));
        assert!(a.resume.ordre.iter().any(|f| f == file));
    }

    #[test]
    fn only_cited_files_are_evidence_and_a_missing_dossier_is_said() {
        let a = Analyse::of_disk(&dossier("examples/lycee-marie-marvingt"));
        assert!(a.cites("preuves/4-partenariats/bilan-job-dating-2026.md"));
        assert!(!a.cites("ldm.toml"));
        assert!(!a.cites("criteres/4-partenariats/actions/job-dating.md"));
        let gone = Analyse::of_disk(&dossier("tests/fixtures/absent"));
        assert!(gone.resume.erreur.as_deref().unwrap().contains("absent"));
        assert!(gone.workspace.is_none());
        assert!(annexe(None, None).contains("ne peut pas être lu"));
    }

    #[test]
    fn editor_patterns_are_known_names_or_addresses_with_the_file() {
        assert_eq!(editeur("vscode").unwrap(), "vscode://file{fichier}:{ligne}");
        assert!(editeur("idea://open?file={fichier}&line={ligne}").is_ok());
        for bad in [
            "emacs",
            "javascript://{fichier}",
            "https://x/{fichier}",
            "x://y",
        ] {
            assert!(
                editeur(bad).unwrap_err().contains("vscode, vscodium"),
                "{bad}"
            );
        }
    }
}
