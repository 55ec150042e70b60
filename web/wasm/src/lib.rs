//! ldm in the browser: the page gives the dossier's files (path → bytes), held in
//! memory (`vfs::Memory`); this checks them and answers with what `ldm serve` sends —
//! the state as JSON (`serve::state`), the previews, the downloads, the cited evidence.
//! Nothing here reaches a disk, a process, a clock or the network: the files never
//! leave the computer.

use ldm::serve::state::{self, Analyse, Live, Reglages};
use ldm::vfs::Memory;
use ldm::workspace::Workspace;
use std::path::Path;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// One dossier opened in the page: its files while they are given, then its analysis.
#[wasm_bindgen]
pub struct Session {
    nom: String,
    fichiers: Memory,
    live: Option<Live>,
}

#[wasm_bindgen]
impl Session {
    /// A dossier named `nom` (the folder's name, shown in messages), without files yet.
    #[wasm_bindgen(constructor)]
    pub fn new(nom: String) -> Session {
        Session {
            nom,
            fichiers: Memory::new(),
            live: None,
        }
    }

    /// Adds a file (`chemin` relative to the dossier, `/`-separated); `false` for a
    /// path that would leave the dossier.
    pub fn ajouter(&mut self, chemin: &str, octets: Vec<u8>) -> bool {
        self.fichiers.insert(chemin, octets)
    }

    /// Records a file too big to be read by its size alone: it is listed, and the
    /// loader reports it as it reports such a file on disk.
    pub fn ajouter_taille(&mut self, chemin: &str, taille: f64) -> bool {
        // Sizes come from the browser's `File.size`, a whole number of bytes.
        self.fichiers.insert_oversized(chemin, taille as u64)
    }

    /// Loads and checks the files given so far; the full state as `ldm serve`'s
    /// `/api/etat` sends it.
    pub fn analyser(&mut self) -> String {
        let files = Arc::new(std::mem::take(&mut self.fichiers));
        let analyse = Analyse::of_loaded(Workspace::load_from(files, Path::new(&self.nom)));
        let reglages = Reglages {
            racine: self.nom.clone(),
            editeur: None,
        };
        let live = Live::new(analyse, reglages);
        let json = live.complet();
        self.live = Some(live);
        json
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
        let ws = self.loaded()?;
        ldm::render::render_docx(&ws.dossier, &ws.edition, &[], None)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The annex of the whole dossier as PDF.
    #[cfg(feature = "pdf")]
    pub fn annexe_pdf(&self) -> Result<Vec<u8>, JsError> {
        let ws = self.loaded()?;
        ldm::render::render_pdf(&ws.dossier, &ws.edition, &[], None)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The largest file the page reads: a bigger one is given by its size alone
    /// (`ajouter_taille`), as the loader would refuse it on disk.
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
    fn workspace(&self) -> Option<&Workspace> {
        self.live.as_ref()?.analyse.workspace.as_ref()
    }

    fn loaded(&self) -> Result<&Workspace, JsError> {
        self.workspace()
            .ok_or_else(|| JsError::new("le dossier ne peut pas être lu\u{a0}: rien à télécharger"))
    }
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
