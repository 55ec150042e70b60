//! ldm in the browser: the page gives the dossier's files (path → bytes), held in
//! memory (`vfs::Memory`); this checks them and answers with what `ldm serve` sends —
//! the state as JSON (`serve::state`), the previews, the downloads, the cited evidence.
//! Nothing here reaches a disk, a process or the network: the files never leave the
//! computer (the page's clock, `performance.now()`, only times the steps).

use ldm::model::annee::Calendrier;
use ldm::model::config::DEFAULT_EDITION;
use ldm::scaffold::{Ci, Identity};
use ldm::serve::state::{self, Analyse, Live, Reglages};
use ldm::vfs::Memory;
use ldm::workspace::Workspace;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// One dossier opened in the page: its files while they are given, then its analysis.
#[wasm_bindgen]
pub struct Session {
    /// The dossier's folder in the chosen folder's listing (`/`-separated).
    racine: String,
    /// Whether `racine` holds an `ldm.toml` (otherwise nothing is read: the loader says
    /// what `ldm check` says of a folder that is not a dossier).
    trouvee: bool,
    fichiers: Memory,
    live: Option<Live>,
    /// The time each step of `analyser` took, in milliseconds (`temps`).
    etapes: Vec<(&'static str, f64)>,
}

#[wasm_bindgen]
extern "C" {
    /// The page's clock (`performance.now()`): the WebAssembly build has no other.
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

#[wasm_bindgen]
impl Session {
    /// The dossier in a chosen folder, from the paths of its files as the browser gives
    /// them (`dossier/criteres/…`, the chosen folder first): its root found by the rule of
    /// `ldm check` and `ldm lsp` (`ops::scope`), from the chosen folder upward — and a
    /// browser shows nothing above it. Without a root, the chosen folder stands for it.
    #[wasm_bindgen(constructor)]
    pub fn new(chemins: Vec<String>) -> Session {
        let choisi = chemins
            .first()
            .and_then(|c| c.split('/').next())
            .unwrap_or("")
            .to_string();
        let listed: HashSet<&str> = chemins.iter().map(String::as_str).collect();
        let found = ldm::ops::scope::find_root_listed(&choisi, |p| listed.contains(p));
        Session {
            trouvee: found.is_some(),
            racine: found.unwrap_or(choisi),
            fichiers: Memory::new(),
            live: None,
            etapes: Vec::new(),
        }
    }

    /// The dossier's name (its folder's), as messages show it.
    pub fn nom(&self) -> String {
        let nom = self.racine.rsplit('/').next().unwrap_or("");
        if nom.is_empty() { "dossier" } else { nom }.to_string()
    }

    /// Whether the page reads the file at `chemin` (a path as the browser gives it):
    /// the dossier's files, not git's own.
    pub fn lire(&self, chemin: &str) -> bool {
        self.relatif(chemin).is_some()
    }

    /// Adds the files in one call: their paths (as the browser gives them) and sizes, and
    /// the bytes of those not above `taille_max`, one after the other in that order; a
    /// bigger file is listed by its size alone, as the loader would refuse it on disk.
    pub fn ajouter(&mut self, chemins: Vec<String>, tailles: Vec<f64>, octets: &[u8]) {
        let mut at = 0usize;
        for (chemin, taille) in chemins.iter().zip(tailles) {
            // Sizes come from the browser's `File.size`, a whole number of bytes.
            let taille = taille as u64;
            let rel = self.relatif(chemin);
            if taille > ldm::vfs::MAX_EVIDENCE {
                if let Some(rel) = rel {
                    self.fichiers.insert_oversized(&rel, taille);
                }
                continue;
            }
            let end = at.saturating_add(taille as usize).min(octets.len());
            if let Some(rel) = rel {
                self.fichiers.insert(&rel, &octets[at..end]);
            }
            at = end;
        }
    }

    /// Loads and checks the files given so far; the full state as `ldm serve`'s
    /// `/api/etat` sends it.
    pub fn analyser(&mut self) -> String {
        let debut = now();
        let files = Arc::new(std::mem::take(&mut self.fichiers));
        let nom = self.nom();
        let loaded = Workspace::load_from(files, Path::new(&nom));
        let charge = now();
        let analyse = Analyse::of_loaded(loaded);
        let verifie = now();
        let reglages = Reglages {
            racine: nom,
            editeur: None,
        };
        let live = Live::new(analyse, reglages);
        let json = live.complet();
        self.live = Some(live);
        let fin = now();
        self.etapes = vec![
            ("chargement", charge - debut),
            ("verification", verifie - charge),
            ("etat", fin - verifie),
        ];
        json
    }

    /// The time each step of the last `analyser` took, in milliseconds, as JSON.
    pub fn temps(&self) -> String {
        let etapes = self.etapes.iter().map(|(n, t)| format!("\"{n}\":{t}"));
        format!("{{{}}}", etapes.collect::<Vec<_>>().join(","))
    }

    /// The annex of criterion `critere` (or of the whole dossier) as an HTML page.
    pub fn annexe(&self, critere: Option<u32>) -> String {
        state::annexe(self.workspace(), critere)
    }

    /// The tableau de bord of criterion `critere` (or of the whole dossier) as an HTML page.
    pub fn tableau_de_bord(&self, critere: Option<u32>) -> String {
        state::tableau_de_bord(self.workspace(), critere)
    }

    /// The annex of the whole dossier as a Word document.
    pub fn annexe_docx(&self) -> Result<Vec<u8>, JsError> {
        self.annexe_en(ldm::ops::output::Kind::Docx)
    }

    /// The annex of the whole dossier as PDF.
    #[cfg(feature = "pdf")]
    pub fn annexe_pdf(&self) -> Result<Vec<u8>, JsError> {
        self.annexe_en(ldm::ops::output::Kind::Pdf)
    }

    /// Does once, while the opening screen waits for a folder, what the first check
    /// would otherwise do while the person waits: the edition parsed, the text rule's
    /// automata built, the module's code compiled by the browser (at each function's
    /// first call) — by checking, in memory, the dossier `ldm init` writes and a complete
    /// one, the example's previous campaign (`build.rs`).
    pub fn preparer() {
        if let Some(nouveau) = dossier_neuf() {
            verifier(nouveau, "dossier");
        }
        let mut echantillon = Memory::new();
        for (rel, octets) in ECHANTILLON {
            echantillon.insert(rel, *octets);
        }
        verifier(echantillon, "lycee-marie-marvingt-2021");
    }

    /// The largest file the page reads: a bigger one is given by its size alone
    /// (`ajouter`), as the loader would refuse it on disk.
    pub fn taille_max() -> f64 {
        ldm::vfs::MAX_EVIDENCE as f64
    }

    /// Whether this build makes PDF (`annexe_pdf`).
    pub fn pdf() -> bool {
        cfg!(feature = "pdf")
    }

    /// An evidence file that a fiche cites, with the media type to show it as.
    pub fn preuve(&self, chemin: &str) -> Result<Preuve, JsError> {
        let analyse = &self.live.as_ref().ok_or_else(pas_encore)?.analyse;
        let (octets, type_mime) =
            state::preuve(analyse, chemin).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Preuve {
            octets,
            type_mime: type_mime.to_string(),
        })
    }
}

impl Session {
    /// `chemin` relative to the dossier's root; `None` outside it, in git's own files,
    /// or when the chosen folder holds no dossier.
    fn relatif(&self, chemin: &str) -> Option<String> {
        if !self.trouvee {
            return None;
        }
        let rel = if self.racine.is_empty() {
            chemin
        } else {
            chemin
                .strip_prefix(self.racine.as_str())?
                .strip_prefix('/')?
        };
        (!rel.split('/').any(|c| c == ".git")).then(|| rel.to_string())
    }

    fn workspace(&self) -> Option<&Workspace> {
        self.live.as_ref()?.analyse.workspace.as_ref()
    }

    fn loaded(&self) -> Result<&Workspace, JsError> {
        self.workspace()
            .ok_or_else(|| JsError::new("le dossier ne peut pas être lu\u{a0}: rien à télécharger"))
    }

    /// The annex of the whole dossier in `kind`, as `ldm render` makes it (`ops::render`).
    fn annexe_en(&self, kind: ldm::ops::output::Kind) -> Result<Vec<u8>, JsError> {
        let req = ldm::ops::render::Request {
            critere: &[],
            preuves: false,
            stamp: ldm::ops::bytes::Stamp::default(),
        };
        let made = ldm::ops::render::document(self.loaded()?, &req, kind);
        made.map(|b| b.bytes)
            .map_err(|e| JsError::new(&ldm::typo::french(&format!("{e:#}"))))
    }
}

/// The complete dossier `preparer` checks: its files, path and bytes (`build.rs`).
const ECHANTILLON: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/echantillon.rs"));

/// The dossier `ldm init` writes, in memory (`None` if the edition cannot be read).
fn dossier_neuf() -> Option<Memory> {
    let edition = ldm::referentiel::resolve(DEFAULT_EDITION, &Memory::new()).ok()?;
    let a_completer = || "À compléter".to_string();
    let id = Identity {
        nom: a_completer(),
        uai: a_completer(),
        academie: a_completer(),
        ville: None,
        statut: "public".to_string(),
        type_etablissement: "LP".to_string(),
        denomination: a_completer(),
        nature: "premiere-demande".to_string(),
        // Any campaign year: the page has no clock to read this one from.
        annee: 2026,
        calendrier: Calendrier::Civil,
        precedente: None,
        edition: DEFAULT_EDITION.to_string(),
        reseau: false,
        partenaires: Vec::new(),
        ci: Ci::None,
    };
    let files = ldm::scaffold::dossier_files(&id, &edition).ok()?;
    let mut memory = Memory::new();
    for (rel, text) in files {
        memory.insert(&rel, text);
    }
    Some(memory)
}

/// Loads and checks `files` as the dossier `nom`, its state made as for the page.
fn verifier(files: Memory, nom: &str) {
    let loaded = Workspace::load_from(Arc::new(files), Path::new(nom));
    let reglages = Reglages {
        racine: nom.to_string(),
        editeur: None,
    };
    Live::new(Analyse::of_loaded(loaded), reglages).complet();
}

fn pas_encore() -> JsError {
    JsError::new("aucun dossier n'est encore ouvert")
}

/// An evidence file's bytes and media type.
#[wasm_bindgen(getter_with_clone)]
pub struct Preuve {
    pub octets: Vec<u8>,
    pub type_mime: String,
}
