//! Reads a dossier folder into the typed model, collecting findings as it goes.
//!
//! Loading never stops at the first broken file: a file that cannot be read or
//! parsed becomes a diagnostic and the others are still loaded.

pub mod control;
pub(crate) mod decode;
pub mod errors;
pub(crate) mod front;
pub mod markdown;
pub mod nesting;
mod unclosed;
pub(crate) mod yaml;

use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::front::{CritereFront, EntityFront, EtablissementFront};
use crate::model::{Campaign, Config, CritereDir, Doc, Dossier};
use crate::source::Source;
use crate::vfs::{self, Disk, FileSource, Kind, ReadError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// Loads the dossier in folder `root` on disk.
pub fn load(root: &Path) -> Result<Dossier, LoadError> {
    if !root.exists() {
        return Err(LoadError::Missing(root.to_path_buf()));
    }
    if !root.is_dir() {
        return Err(LoadError::NotADir(root.to_path_buf()));
    }
    load_from(Arc::new(Disk::new(root)), root)
}

/// Loads the dossier held by `files`; `root` is where it lives (or came from) on disk,
/// named in messages and used for writing, never for reading.
pub fn load_from(files: Arc<dyn FileSource>, root: &Path) -> Result<Dossier, LoadError> {
    if matches!(files.kind("ldm.toml"), None | Some(Kind::Dir)) {
        return Err(LoadError::NotADossier(root.to_path_buf()));
    }
    let mut l = Loader {
        files: files.as_ref(),
        root,
        sources: BTreeMap::new(),
        diags: Vec::new(),
    };
    let (config, campaign) = l.config();
    let etablissement =
        l.doc::<EtablissementFront>("etablissement.md", Some(EtablissementFront::default));
    let criteres = l.criteres()?;
    let preuves = l.preuves();
    l.templates();
    Ok(Dossier {
        root: root.to_path_buf(),
        files: files.clone(),
        sources: l.sources,
        config,
        campaign,
        etablissement,
        criteres,
        preuves,
        diagnostics: l.diags,
    })
}

/// What reading one more file of a dossier's folder gives: the document (`None` when
/// it could not be read), the texts read, the findings.
pub type Read<T> = (Option<T>, BTreeMap<String, Source>, Vec<Diagnostic>);

/// Reads the Markdown file `rel` with front matter `F` through `files` as the dossier's
/// own fiches are read (bounded, text only, every mistake located): the audit's files.
pub(crate) fn read_doc<F: decode::Decode>(
    files: &dyn FileSource,
    root: &Path,
    rel: &str,
) -> Read<Doc<F>> {
    let mut l = Loader {
        files,
        root,
        sources: BTreeMap::new(),
        diags: Vec::new(),
    };
    let doc = l.doc::<F>(rel, None);
    (doc, l.sources, l.diags)
}

/// Reads the text file `rel` through `files`, normalised; what is not text is a finding.
pub(crate) fn read_text(files: &dyn FileSource, root: &Path, rel: &str) -> Read<Source> {
    let mut l = Loader {
        files,
        root,
        sources: BTreeMap::new(),
        diags: Vec::new(),
    };
    let src = l.read(rel).and_then(|()| l.sources.get(rel).cloned());
    (src, l.sources, l.diags)
}

/// A relative path as shown to users and compared: `/`-separated, Unicode NFC
/// (macOS writes accented names decomposed; the dossier must check the same).
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| vfs::nfc(&c.as_os_str().to_string_lossy()))
        .collect();
    parts.join("/")
}

/// How deep `preuves/` is walked: a link to a folder above would otherwise loop.
const MAX_DEPTH: usize = 16;

/// Folders of fewer fiches are read on one core: a school's folder holds a handful, a
/// generated 4,000-fiche dossier hundreds.
const PARALLEL_FROM: usize = 16;

struct Loader<'a> {
    files: &'a dyn FileSource,
    root: &'a Path,
    sources: BTreeMap<String, Source>,
    diags: Vec<Diagnostic>,
}

impl Loader<'_> {
    /// Reads a text file into `sources`, once; what cannot be read as text is a
    /// finding, not a failure.
    fn read(&mut self, rel: &str) -> Option<()> {
        let bytes = match self.files.read(rel) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.diags.push(read_finding(rel, e));
                return None;
            }
        };
        // NUL never occurs in a text someone typed: the file is binary (or padded).
        if bytes.contains(&0) {
            self.diags.push(
                Diagnostic::new(
                    Rule::FichierIllisible,
                    format!("« {rel} » est un fichier binaire, pas un texte"),
                )
                .in_file(rel)
                .help("remplacez-le par le texte attendu, enregistré en UTF-8"),
            );
            return None;
        }
        match String::from_utf8(bytes) {
            Ok(raw) => {
                let (src, found) = control::in_source(Source::new(rel, &raw));
                self.diags.extend(found);
                let (src, found) = nesting::in_source(src);
                self.diags.extend(found);
                self.sources.insert(rel.to_string(), src);
                Some(())
            }
            Err(_) => {
                self.diags.push(
                    Diagnostic::new(Rule::FichierIllisible, format!("« {rel} » n'est pas un texte UTF-8"))
                        .in_file(rel)
                        .help("enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer sous », encodage UTF-8)"),
                );
                None
            }
        }
    }

    /// Lists a folder of the dossier, without its hidden entries.
    fn list(&self, rel_dir: &str) -> Result<Vec<vfs::Entry>, LoadError> {
        let entries = self.files.list(rel_dir).map_err(|source| LoadError::Io {
            path: self.root.join(rel_dir),
            source,
        })?;
        Ok(entries
            .into_iter()
            .filter(|e| !e.name.starts_with('.'))
            .collect())
    }

    /// Reports a link leading out of the dossier (its content is never read).
    fn outside(&mut self, rel: &str, target: &str) {
        self.diags.push(outside_finding(rel, target));
    }

    fn config(&mut self) -> (Option<Config>, Campaign) {
        if self.read("ldm.toml").is_none() {
            return (None, Campaign::default());
        }
        match config_of(&self.sources["ldm.toml"]) {
            (Ok(mut c), campaign) => {
                let found = control::in_config(&mut c, &self.sources["ldm.toml"]);
                self.diags.extend(found);
                (Some(c), campaign)
            }
            (Err(d), campaign) => {
                self.diags.push(d);
                (None, campaign)
            }
        }
    }

    /// Reads a Markdown file with front matter; `default` is used when the file
    /// may go without one (etablissement.md).
    fn doc<F: decode::Decode>(&mut self, rel: &str, default: Option<fn() -> F>) -> Option<Doc<F>> {
        let optional_front = default.is_some();
        if matches!(self.files.kind(rel), None | Some(Kind::Dir)) {
            self.diags.push(
                Diagnostic::new(Rule::FichierManquant, format!("le fichier « {rel} » est absent"))
                    .in_file(rel)
                    .help("créez-le (« ldm init --force » ajoute les fichiers manquants sans rien écraser)"),
            );
            return None;
        }
        self.read(rel)?;
        let src = &self.sources[rel];
        let split = markdown::split(&src.text);
        let sections = markdown::sections(split.body, split.body_offset);
        let mut doc = Doc {
            path: rel.to_string(),
            front: None,
            yaml_offset: split.yaml_offset,
            sections,
        };
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
        if !self.folder("criteres") {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for entry in self.list("criteres")? {
            let rel = vfs::join("criteres", &entry.name);
            let name = entry.name;
            match entry.kind {
                Kind::Dir => {}
                Kind::Outside { target } => {
                    self.outside(&rel, &target);
                    continue;
                }
                _ => {
                    self.stray(
                        &rel,
                        "les critères sont des dossiers « criteres/<numéro>-<nom>/ »",
                    );
                    continue;
                }
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
            out.push(self.critere_dir(&rel, numero)?);
        }
        Ok(out)
    }

    /// Whether top-level folder `rel` is there to be read; a link out is reported.
    fn folder(&mut self, rel: &str) -> bool {
        match self.files.kind(rel) {
            Some(Kind::Dir) => true,
            Some(Kind::Outside { target }) => {
                self.outside(rel, &target);
                false
            }
            _ => false,
        }
    }

    fn critere_dir(&mut self, rel: &str, numero: u32) -> Result<CritereDir, LoadError> {
        let critere = self.doc::<CritereFront>(&format!("{rel}/critere.md"), None);
        let mut c = CritereDir {
            numero,
            dir: rel.to_string(),
            critere,
            actions: Vec::new(),
            engagements: Vec::new(),
        };
        for entry in self.list(rel)? {
            let erel = vfs::join(rel, &entry.name);
            match (entry.name.as_str(), entry.kind) {
                ("critere.md", _) => {}
                (_, Kind::Outside { target }) => self.outside(&erel, &target),
                (name @ ("actions" | "engagements"), Kind::Dir) => {
                    let docs = self.fiches(&erel)?;
                    let list = if name == "actions" { &mut c.actions } else { &mut c.engagements };
                    list.extend(docs);
                }
                _ => self.stray(&erel, "un critère contient critere.md, actions/ et engagements/ ; rangez les preuves dans « preuves/ »"),
            }
        }
        Ok(c)
    }

    /// The `.md` files of an `actions/` or `engagements/` folder, read and parsed on
    /// every core.
    fn fiches(&mut self, dir: &str) -> Result<Vec<Doc<EntityFront>>, LoadError> {
        let files = self.list(dir)?;
        let docs = self.par_each(files, |l, file| {
            let frel = vfs::join(dir, &file.name);
            match file.kind {
                Kind::Outside { target } => l.outside(&frel, &target),
                Kind::File { .. } if frel.ends_with(".md") => match l.copy_of_fiche(&frel) {
                    Some(fiche) => l.linked_copy(&frel, &fiche),
                    None => return l.doc::<EntityFront>(&frel, None),
                },
                _ => l.stray(&frel, "ce dossier ne contient que des fichiers .md ; rangez les preuves dans « preuves/ »"),
            }
            None
        });
        Ok(docs.into_iter().flatten().collect())
    }

    /// Runs `step` on each item in parallel (from [`PARALLEL_FROM`] items), each with a loader of its own, then merges
    /// their sources and findings in item order: the result is the sequential one.
    fn par_each<T: Send, R: Send>(
        &mut self,
        items: Vec<T>,
        step: impl Fn(&mut Loader, T) -> R + Sync,
    ) -> Vec<R> {
        let (files, root) = (self.files, self.root);
        let done: Vec<(R, Loader)> = crate::par::map(items, PARALLEL_FROM, |item| {
            let mut l = Loader {
                files,
                root,
                sources: BTreeMap::new(),
                diags: Vec::new(),
            };
            (step(&mut l, item), l)
        });
        done.into_iter()
            .map(|(r, l)| {
                self.sources.extend(l.sources);
                self.diags.extend(l.diags);
                r
            })
            .collect()
    }

    /// The other fiche `rel` is a symbolic link to, if any: that fiche is read at its
    /// own place, so reading the link too would count it twice.
    fn copy_of_fiche(&self, rel: &str) -> Option<String> {
        let target = self.files.link_target(rel).filter(|t| t != rel)?;
        let parts: Vec<&str> = target.split('/').collect();
        let fiche = matches!(
            parts.as_slice(),
            ["criteres", _, "actions" | "engagements", name] if name.ends_with(".md")
        );
        fiche.then_some(target)
    }

    /// A link to another fiche is not read: `criteres_associes` says a fiche serves
    /// another criterion.
    fn linked_copy(&mut self, rel: &str, fiche: &str) {
        self.diags.push(
            Diagnostic::new(
                Rule::FichierIgnore,
                format!("« {rel} » est un lien vers la fiche « {fiche} » : elle n'est lue qu'une fois, à sa place"),
            )
            .in_file(rel)
            .help("pour qu'une fiche serve aussi ce critère, écrivez « criteres_associes: [numéro] » dans la fiche et retirez le lien"),
        );
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

    /// Every file under `preuves/` (NFC name → what it is); they are listed, not read.
    fn preuves(&mut self) -> BTreeMap<String, Kind> {
        let mut out = BTreeMap::new();
        if self.folder("preuves") {
            self.walk("preuves", 0, &mut out);
        }
        out
    }

    fn walk(&mut self, dir: &str, depth: usize, out: &mut BTreeMap<String, Kind>) {
        let Ok(entries) = self.files.list(dir) else {
            return;
        };
        for e in entries {
            let rel = vfs::join(dir, &e.name);
            match e.kind {
                Kind::Dir if depth < MAX_DEPTH => self.walk(&rel, depth + 1, out),
                Kind::Dir => {}
                _ if e.name.starts_with('.') => {}
                kind => {
                    if let Kind::Outside { target } = &kind {
                        self.outside(&rel, target);
                    }
                    out.insert(rel, kind);
                }
            }
        }
    }

    /// Template overrides are read when a document is rendered; a link out of the
    /// dossier among them is reported here, with the other findings.
    fn templates(&mut self) {
        if !self.folder("templates") {
            return;
        }
        for e in self.files.list("templates").unwrap_or_default() {
            let rel = vfs::join("templates", &e.name);
            if let Kind::Outside { target } = e.kind {
                self.outside(&rel, &target);
            } else if RETIRED_TEMPLATES.contains(&e.name.as_str()) {
                // The annex is one document for every format now (`render::document`).
                self.stray(
                    &rel,
                    "l'annexe ne passe plus par un modèle : ses tableaux sont ceux du guide dans tous les formats ; pour changer son apparence en HTML, écrivez une feuille de style « templates/annexe.css », puis retirez ce fichier",
                );
            }
        }
    }
}

/// Templates of the annex a dossier could override before the annex became one
/// document for every format: left in a dossier, they are no longer read.
const RETIRED_TEMPLATES: &[&str] = &["annexe.html.j2", "annexe.md.j2"];

/// The finding for a file the source would not give.
fn read_finding(rel: &str, e: ReadError) -> Diagnostic {
    let (message, help) = match e {
        ReadError::Outside { target } => return outside_finding(rel, &target),
        ReadError::TooLarge { size, max } => (
            format!(
                "« {rel} » est trop gros pour être lu ({size} octets ; au plus {} Mio)",
                max / 1024 / 1024
            ),
            "une fiche ne contient que du texte : rangez les documents dans « preuves/ »",
        ),
        ReadError::NotRegular => (
            format!(
                "« {rel} » n'est pas un fichier ordinaire (tube nommé, périphérique ou lien cassé) : il n'est pas lu"
            ),
            "remplacez-le par un fichier texte",
        ),
        e => (
            format!("lecture impossible de « {rel} » : {e}"),
            "vérifiez les droits de lecture du fichier",
        ),
    };
    Diagnostic::new(Rule::FichierIllisible, message)
        .in_file(rel)
        .help(help)
}

/// A link leading out of the dossier: named with its target, never read.
fn outside_finding(rel: &str, target: &str) -> Diagnostic {
    Diagnostic::new(
        Rule::LienHorsDossier,
        format!("« {rel} » est un lien vers « {target} », hors du dossier : il n'est pas lu"),
    )
    .in_file(rel)
    .help("remplacez le lien symbolique par une copie du fichier (ou du dossier) dans le dossier")
}

/// Parses one Markdown file as each kind of front matter ldm knows (fiche, critère,
/// établissement), without a dossier: what `doc` does after reading a file. The
/// front-matter fuzz target drives this at parser speed.
pub fn parse_markdown(rel: &str, raw: &str) -> Vec<Diagnostic> {
    let src = Source::new(rel, raw);
    let split = markdown::split(&src.text);
    let _ = markdown::sections(split.body, split.body_offset);
    let Some(yaml) = split.yaml else {
        return Vec::new();
    };
    let mut diags = front::read::<EntityFront>(yaml, &src, split.yaml_offset).1;
    diags.extend(front::read::<CritereFront>(yaml, &src, split.yaml_offset).1);
    diags.extend(front::read::<EtablissementFront>(yaml, &src, split.yaml_offset).1);
    diags
}

/// Parses an `ldm.toml` text, without a dossier: the configuration or its finding,
/// and the campaign years read leniently (what `config` does after reading it).
pub fn parse_config(raw: &str) -> (Result<Config, Diagnostic>, Campaign) {
    config_of(&Source::new("ldm.toml", raw))
}

/// The configuration of `ldm.toml` or its finding, with the campaign's years (read
/// leniently when the file does not parse, so the rest of the dossier is still dated).
fn config_of(src: &Source) -> (Result<Config, Diagnostic>, Campaign) {
    match toml::from_str::<Config>(&src.text) {
        Ok(c) => {
            let campaign = Campaign {
                edition: Some(c.edition().to_string()),
                annee: Some(*c.candidature.annee.get_ref()),
                suivi: c.suivi.as_ref().map(|s| *s.annee.get_ref()),
                // Read off the year's own text: no second parse of the file.
                calendrier: src
                    .text
                    .get(c.candidature.annee.span())
                    .map_or_else(Default::default, crate::model::config::calendrier_written),
            };
            (Ok(c), campaign)
        }
        Err(e) => (
            Err(errors::toml_error(&e, src)),
            Campaign::lenient(&src.text),
        ),
    }
}
