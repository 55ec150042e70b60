//! Reads a dossier folder into the typed model, collecting findings as it goes.
//!
//! Loading never stops at the first broken file: a file that cannot be read or
//! parsed becomes a diagnostic and the others are still loaded.

mod decode;
pub mod errors;
mod front;
pub mod markdown;
mod yaml;

use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::front::{CritereFront, EntityFront, EtablissementFront};
use crate::model::{Campaign, Config, CritereDir, Doc, Dossier};
use crate::source::Source;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Why a folder could not be loaded at all (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("le dossier « {0} » n'existe pas")]
    Missing(PathBuf),
    #[error("« {0} » n'est pas un dossier")]
    NotADir(PathBuf),
    #[error(
        "« {0} » n'est pas un dossier ldm : ldm.toml est introuvable (créez un dossier avec « ldm init »)"
    )]
    NotADossier(PathBuf),
    #[error("lecture impossible de « {path} » : {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Loads the dossier at `root`.
pub fn load(root: &Path) -> Result<Dossier, LoadError> {
    if !root.exists() {
        return Err(LoadError::Missing(root.to_path_buf()));
    }
    if !root.is_dir() {
        return Err(LoadError::NotADir(root.to_path_buf()));
    }
    if !root.join("ldm.toml").is_file() {
        return Err(LoadError::NotADossier(root.to_path_buf()));
    }
    let mut l = Loader {
        root: root.to_path_buf(),
        sources: BTreeMap::new(),
        diags: Vec::new(),
        paths: BTreeMap::new(),
    };
    let (config, campaign) = l.config();
    let etablissement =
        l.doc::<EtablissementFront>("etablissement.md", Some(EtablissementFront::default));
    let criteres = l.criteres()?;
    let preuves = l.preuves();
    Ok(Dossier {
        root: l.root,
        sources: l.sources,
        config,
        campaign,
        etablissement,
        criteres,
        preuves,
        diagnostics: l.diags,
    })
}

/// A relative path as shown to users and compared: `/`-separated, Unicode NFC
/// (macOS writes accented names decomposed; the dossier must check the same).
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().nfc().collect())
        .collect();
    parts.join("/")
}

struct Loader {
    root: PathBuf,
    sources: BTreeMap<String, Source>,
    diags: Vec<Diagnostic>,
    /// On-disk path of each file found by listing, by its NFC relative name: a name
    /// written decomposed (NFD) on disk is opened by its real bytes.
    paths: BTreeMap<String, PathBuf>,
}

impl Loader {
    /// Reads a text file; a non-UTF-8 file is a finding, not a failure.
    /// The real path of a relative name.
    fn real(&self, rel: &str) -> PathBuf {
        self.paths
            .get(rel)
            .cloned()
            .unwrap_or_else(|| self.root.join(rel))
    }

    fn read(&mut self, rel: &str) -> Option<String> {
        let path = self.real(rel);
        match fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(raw) => {
                    let src = Source::new(rel, &raw);
                    let text = src.text.clone();
                    self.sources.insert(rel.to_string(), src);
                    Some(text)
                }
                Err(_) => {
                    self.diags.push(
                        Diagnostic::new(Rule::FichierIllisible, format!("« {rel} » n'est pas un texte UTF-8"))
                            .in_file(rel)
                            .help("enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer sous », encodage UTF-8)"),
                    );
                    None
                }
            },
            Err(e) => {
                self.diags.push(
                    Diagnostic::new(
                        Rule::FichierIllisible,
                        format!("lecture impossible de « {rel} » : {e}"),
                    )
                    .in_file(rel)
                    .help("vérifiez les droits de lecture du fichier"),
                );
                None
            }
        }
    }

    fn config(&mut self) -> (Option<Config>, Campaign) {
        if self.read("ldm.toml").is_none() {
            return (None, Campaign::default());
        }
        let src = &self.sources["ldm.toml"];
        match toml::from_str::<Config>(&src.text) {
            Ok(c) => {
                let campaign = Campaign {
                    edition: Some(c.edition().to_string()),
                    annee: Some(*c.candidature.annee.get_ref()),
                    suivi: c.suivi.as_ref().map(|s| *s.annee.get_ref()),
                };
                (Some(c), campaign)
            }
            Err(e) => {
                self.diags.push(errors::toml_error(&e, src));
                (None, Campaign::lenient(&src.text))
            }
        }
    }

    /// Reads a Markdown file with front matter; `default` is used when the file
    /// may go without one (etablissement.md).
    fn doc<F: decode::Decode>(&mut self, rel: &str, default: Option<fn() -> F>) -> Option<Doc<F>> {
        let optional_front = default.is_some();
        if !self.real(rel).is_file() {
            self.diags.push(
                Diagnostic::new(Rule::FichierManquant, format!("le fichier « {rel} » est absent"))
                    .in_file(rel)
                    .help("créez-le (« ldm init --force » ajoute les fichiers manquants sans rien écraser)"),
            );
            return None;
        }
        let text = self.read(rel)?;
        let split = markdown::split(&text);
        let sections = markdown::sections(split.body, split.body_offset);
        let mut doc = Doc {
            path: rel.to_string(),
            front: None,
            yaml_offset: split.yaml_offset,
            sections,
        };
        let src = &self.sources[rel];
        match split.yaml {
            _ if split.unterminated => self.diags.push(
                Diagnostic::new(Rule::FrontMatterAbsent, "l'en-tête YAML ouvert par « --- » n'est jamais fermé")
                    .at(rel, Pos::new(1, 1, 3))
                    .help("ajoutez une ligne « --- » à la fin de l'en-tête, avant le premier titre"),
            ),
            None if optional_front => doc.front = default.map(|f| f()),
            None => self.diags.push(
                Diagnostic::new(Rule::FrontMatterAbsent, "le fichier ne commence pas par un en-tête YAML « --- »")
                    .at(rel, Pos::start())
                    .help("la première ligne doit être « --- », suivie des champs, puis une ligne « --- »"),
            ),
            Some(y) => {
                let (front, findings) = front::read(y, src, split.yaml_offset);
                doc.front = front;
                self.diags.extend(findings);
            }
        }
        Some(doc)
    }

    fn criteres(&mut self) -> Result<Vec<CritereDir>, LoadError> {
        let dir = self.root.join("criteres");
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for entry in sorted_entries(&dir)? {
            let rel = self.register(&entry);
            let name = rel.trim_start_matches("criteres/").to_string();
            if !entry.is_dir() {
                self.stray(
                    &rel,
                    "les critères sont des dossiers « criteres/<numéro>-<nom>/ »",
                );
                continue;
            }
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            let numero = match digits.parse::<u32>() {
                Ok(n) if name[digits.len()..].starts_with('-') || name.len() == digits.len() => n,
                _ => {
                    self.diags.push(
                        Diagnostic::new(Rule::CritereInconnu, format!("le dossier « {rel} » ne commence pas par un numéro de critère"))
                            .in_file(&rel)
                            .help("nommez-le « <numéro>-<nom> », par exemple « criteres/4-partenariats » ; « ldm referentiel » liste les critères"),
                    );
                    continue;
                }
            };
            out.push(self.critere_dir(&entry, &rel, numero)?);
        }
        Ok(out)
    }

    fn critere_dir(
        &mut self,
        path: &Path,
        rel: &str,
        numero: u32,
    ) -> Result<CritereDir, LoadError> {
        let critere = self.doc::<CritereFront>(&format!("{rel}/critere.md"), None);
        let mut c = CritereDir {
            numero,
            dir: rel.to_string(),
            critere,
            actions: Vec::new(),
            engagements: Vec::new(),
        };
        for entry in sorted_entries(path)? {
            let erel = self.register(&entry);
            let name = erel.rsplit('/').next().unwrap_or("").to_string();
            match name.as_str() {
                "critere.md" => {}
                "actions" | "engagements" if entry.is_dir() => {
                    for file in sorted_entries(&entry)? {
                        let frel = self.register(&file);
                        if !frel.ends_with(".md") || !file.is_file() {
                            self.stray(&frel, "ce dossier ne contient que des fichiers .md ; rangez les preuves dans « preuves/ »");
                            continue;
                        }
                        let doc = self.doc::<EntityFront>(&frel, None);
                        let list = if name == "actions" { &mut c.actions } else { &mut c.engagements };
                        list.extend(doc);
                    }
                }
                _ => self.stray(&erel, "un critère contient critere.md, actions/ et engagements/ ; rangez les preuves dans « preuves/ »"),
            }
        }
        Ok(c)
    }

    /// Records the on-disk path of a listed entry and returns its NFC relative name.
    fn register(&mut self, path: &Path) -> String {
        let rel = rel_path(&self.root, path);
        self.paths.insert(rel.clone(), path.to_path_buf());
        rel
    }

    fn stray(&mut self, rel: &str, help: &str) {
        self.diags.push(
            Diagnostic::new(
                Rule::FichierIgnore,
                format!("« {rel} » n'est pas lu par ldm"),
            )
            .in_file(rel)
            .help(help),
        );
    }

    /// Every file under `preuves/` (NFC name → on-disk path), without following
    /// symbolic links.
    fn preuves(&mut self) -> BTreeMap<String, PathBuf> {
        walkdir::WalkDir::new(self.root.join("preuves"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                !e.file_type().is_dir() && !e.file_name().to_string_lossy().starts_with('.')
            })
            .map(|e| (rel_path(&self.root, e.path()), e.path().to_path_buf()))
            .collect()
    }
}

/// Directory entries sorted by name, so output never depends on the file system order.
fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    v.sort_by_key(|p| rel_path(dir, p));
    Ok(v)
}
