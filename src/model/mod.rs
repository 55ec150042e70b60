//! The typed dossier: what the loader built from the folder, positions included.

pub mod annee;
pub mod config;
pub mod front;
pub mod query;
pub mod valeur;

use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::source::Source;
use front::{CritereFront, EntityFront, EtablissementFront, Sp};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

pub use config::Config;

/// What kind of entity a criterion's file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Action,
    Engagement,
}

impl Kind {
    /// Both kinds, `ldm new`'s values in this order.
    pub const ALL: [Kind; 2] = [Kind::Action, Kind::Engagement];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Action => "action",
            Kind::Engagement => "engagement",
        }
    }
    /// With its article: « une action », « un engagement ».
    pub fn with_article(self) -> &'static str {
        match self {
            Kind::Action => "une action",
            Kind::Engagement => "un engagement",
        }
    }
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Action => "actions",
            Kind::Engagement => "engagements",
        }
    }

    /// The fields of the shared front matter (`EntityFront`) that belong to the other
    /// kind, by their path: what `check` reports as `champ-hors-contexte` and what the
    /// editor's completion leaves out.
    pub fn foreign_fields(self) -> &'static [&'static [&'static str]] {
        match self {
            Kind::Action => &[&["animateur"]],
            Kind::Engagement => &[&["perenne"], &["objectifs", "plus_value"]],
        }
    }
}

/// A Markdown heading and the text under it, up to the next heading.
#[derive(Debug, Clone)]
pub struct Section {
    pub level: u8,
    pub title: String,
    pub line: u32,
    /// Raw Markdown between this heading and the next one (any level).
    pub body: String,
    pub body_line: u32,
}

/// One Markdown file with YAML front matter.
#[derive(Debug, Clone)]
pub struct Doc<F> {
    /// Path relative to the dossier root.
    pub path: String,
    /// `None` when the front matter is absent or could not be read (a finding says why).
    pub front: Option<F>,
    /// Lines before the YAML text (the opening `---`), to turn YAML lines into file lines.
    pub yaml_offset: u32,
    pub sections: Vec<Section>,
}

impl<F> Doc<F> {
    /// File position of a spanned front matter value.
    pub fn pos<T>(&self, v: &Sp<T>) -> Pos {
        v.pos
    }

    /// Id of an action or engagement: its path under `criteres/` without `.md`.
    pub fn id(&self) -> String {
        let p = self.path.strip_prefix("criteres/").unwrap_or(&self.path);
        p.strip_suffix(".md").unwrap_or(p).to_string()
    }

    /// Top-level sections (`# Titre`) with the subsections under each.
    pub fn section(&self, folded_title: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| crate::text::fold(&s.title) == folded_title)
    }
}

/// An action or an engagement file.
pub type Entity = Doc<EntityFront>;

/// One `criteres/<n>-<slug>/` folder.
#[derive(Debug, Clone)]
pub struct CritereDir {
    pub numero: u32,
    /// `criteres/4-partenariats`
    pub dir: String,
    /// `None` when `critere.md` is missing.
    pub critere: Option<Doc<CritereFront>>,
    pub actions: Vec<Entity>,
    pub engagements: Vec<Entity>,
}

impl CritereDir {
    pub fn entities(&self) -> impl Iterator<Item = (Kind, &Entity)> {
        self.actions
            .iter()
            .map(|a| (Kind::Action, a))
            .chain(self.engagements.iter().map(|e| (Kind::Engagement, e)))
    }
}

/// What the rules need most from `ldm.toml`: kept when another field is wrong, so a
/// typo in the UAI does not make ldm check the dossier against the wrong edition.
#[derive(Debug, Clone, Default)]
pub struct Campaign {
    pub edition: Option<String>,
    pub annee: Option<i64>,
    /// `[suivi] annee`: the bilan annuel year, after the label.
    pub suivi: Option<i64>,
    /// How the campaign year is written: shown back the same way.
    pub calendrier: front::Calendrier,
}

impl Campaign {
    /// Reads the edition and year from TOML that does not match `Config`, or, when
    /// the TOML cannot be parsed at all, from their own lines (`edition = "…"`).
    pub fn lenient(text: &str) -> Self {
        if let Ok(table) = text.parse::<toml::Table>() {
            let get = |t: &str, k: &str| table.get(t).and_then(|v| v.get(k)).cloned();
            return Campaign {
                edition: get("referentiel", "edition").and_then(|v| v.as_str().map(str::to_string)),
                annee: get("candidature", "annee").and_then(|v| config::year_value(&v)),
                suivi: get("suivi", "annee").and_then(|v| config::year_value(&v)),
                calendrier: config::calendrier(&table),
            };
        }
        let value = |key: &str| {
            text.lines().find_map(|l| {
                let (k, v) = l.split_once('=')?;
                (k.trim() == key).then(|| {
                    v.split('#')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_matches('"')
                        .to_string()
                })
            })
        };
        Campaign {
            edition: value("edition").filter(|e| !e.is_empty()),
            annee: value("annee").and_then(|a| crate::model::annee::parse(&a).map(|y| y.0)),
            suivi: None,
            calendrier: front::Calendrier::Civil,
        }
    }
}

/// A whole dossier as loaded, with the findings of loading itself.
#[derive(Debug, Clone)]
pub struct Dossier {
    /// Where the dossier is on disk (for a git revision, the folder it was read from):
    /// named in messages and used for writing; reading goes through `files`.
    pub root: PathBuf,
    /// The files the dossier was read from: the referential file, template overrides
    /// and evidence are looked up there too.
    pub files: Arc<dyn crate::vfs::FileSource>,
    /// Every text file read, by relative path, to quote lines in reports.
    pub sources: BTreeMap<String, Source>,
    /// `None` when `ldm.toml` could not be read (a finding says why).
    pub config: Option<Config>,
    /// Edition and year, read even from an `ldm.toml` with a mistake elsewhere.
    pub campaign: Campaign,
    pub etablissement: Option<Doc<EtablissementFront>>,
    pub criteres: Vec<CritereDir>,
    /// Files under `preuves/`: relative path in NFC → what it is (listed, never read).
    pub preuves: BTreeMap<String, crate::vfs::Kind>,
    /// Findings made while loading: syntax, unknown fields, wrong types, stray files.
    pub diagnostics: Vec<Diagnostic>,
}

impl Dossier {
    /// The campaign year (`[candidature] annee`).
    pub fn annee(&self) -> Option<i64> {
        self.campaign.annee
    }

    /// A year shown the way the campaign year is written (`2026` or `2025-2026`).
    pub fn show_year(&self, y: i64) -> String {
        self.campaign.calendrier.show(y)
    }

    /// The latest year the dossier speaks of: the follow-up year when there is one
    /// (`[suivi] annee`, the bilan annuel), else the campaign year.
    pub fn annee_courante(&self) -> Option<i64> {
        self.campaign.suivi.or(self.campaign.annee)
    }

    /// The action and engagement files ldm could not read fully: not UTF-8, no front
    /// matter, or a front matter with mistakes (their loading findings say which). What
    /// they cite is unknown, so the rules over the whole dossier (requirements covered,
    /// evidence cited) wait until they are fixed.
    pub fn fiches_a_corriger(&self) -> BTreeSet<&str> {
        const READING: [Rule; 7] = [
            Rule::FichierIllisible,
            Rule::FrontMatterAbsent,
            Rule::SyntaxeInvalide,
            Rule::ChampInconnu,
            Rule::TypeInvalide,
            Rule::ChampManquant,
            Rule::CleEnDouble,
        ];
        self.diagnostics
            .iter()
            .filter(|d| READING.contains(&d.rule))
            .filter_map(|d| d.file.as_deref())
            .filter(|f| {
                f.starts_with("criteres/")
                    && f.ends_with(".md")
                    && (f.contains("/actions/") || f.contains("/engagements/"))
            })
            .collect()
    }

    pub fn entities(&self) -> impl Iterator<Item = (&CritereDir, Kind, &Entity)> {
        self.criteres
            .iter()
            .flat_map(|c| c.entities().map(move |(k, e)| (c, k, e)))
    }

    /// The Markdown under section `title` of `doc` (its deeper headings included), or
    /// under the subsection `title` of the top-level section `parent`. Empty if absent.
    pub fn section_text<F>(&self, doc: &Doc<F>, title: &str, parent: Option<&str>) -> String {
        let fold = crate::text::fold;
        let Some(src) = self.sources.get(&doc.path) else {
            return String::new();
        };
        let lines: Vec<&str> = src.text.split('\n').collect();
        let level = if parent.is_some() { 2 } else { 1 };
        let mut inside_parent = parent.is_none();
        for (i, s) in doc.sections.iter().enumerate() {
            if s.level == 1 {
                inside_parent = parent.is_none_or(|p| fold(&s.title) == fold(p));
            }
            if !inside_parent || s.level != level || fold(&s.title) != fold(title) {
                continue;
            }
            let end = doc.sections[i + 1..]
                .iter()
                .find(|n| n.level <= level)
                .map_or(lines.len() + 1, |n| n.line as usize);
            let from = (s.body_line as usize).saturating_sub(1).min(lines.len());
            let to = end.saturating_sub(1).clamp(from, lines.len());
            return lines[from..to].join("\n");
        }
        String::new()
    }

    /// The action or engagement with id `id`, if any.
    pub fn entity(&self, id: &str) -> Option<(Kind, &Entity)> {
        self.entities()
            .find(|(_, _, e)| e.id() == id)
            .map(|(_, k, e)| (k, e))
    }
}

/// Sections of each kind of file: (title, required subsections). Titles are
/// compared folded (no case, no accents); these spellings are the displayed ones.
pub mod sections {
    pub const MISE_EN_OEUVRE: &[&str] = &[
        "Moyens engagés",
        "Calendrier",
        "Lieux",
        "Modalités d'organisation",
    ];
    pub const ETABLISSEMENT: &[(&str, &[&str])] = &[
        ("Contexte", &[]),
        ("Articulation avec les autres démarches", &[]),
        ("Pilotage de la démarche", &[]),
    ];
    pub const CRITERE: &[(&str, &[&str])] = &[("État des lieux", &[]), ("Objectif général", &[])];
    /// Required in critere.md only for a network candidature, on some criteria.
    pub const STRATEGIE_RESEAU: &str = "Stratégie commune du réseau";
    pub const ACTION: &[(&str, &[&str])] = &[
        ("Description", &[]),
        ("Mise en œuvre", MISE_EN_OEUVRE),
        ("Points forts", &[]),
        ("Axes de progrès", &[]),
        ("Conclusion", &[]),
    ];
    pub const ENGAGEMENT: &[(&str, &[&str])] =
        &[("Description", &[]), ("Mise en œuvre", MISE_EN_OEUVRE)];
}
