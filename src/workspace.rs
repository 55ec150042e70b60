//! A dossier and the edition it answers, loaded once: every verb that reads a dossier
//! starts here.

use crate::diagnostic::Diagnostic;
use crate::load::{self, LoadError};
use crate::model::Dossier;
use crate::referentiel::{Edition, select_edition};
use crate::vfs::FileSource;
use std::any::Any;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// A loaded dossier with its edition.
pub struct Workspace {
    pub dossier: Dossier,
    /// The edition the dossier answers; national-2026 when ldm.toml names none or an
    /// unknown one.
    pub edition: Edition,
    /// Why the edition ldm.toml names could not be used, when it could not.
    pub edition_finding: Option<Diagnostic>,
    /// The school's self-assessment (`autoevaluation/`), read by
    /// `audit::autoevaluation::load` the first time a stage asks (the annex, the check,
    /// the audit), then kept: `serve` renders and checks the same workspace on every
    /// save. Opaque here because its type lives a rank above, with the audit.
    pub(crate) autoevaluation: OnceLock<Box<dyn Any + Send + Sync>>,
}

impl Workspace {
    /// Loads the dossier at `root` and chooses its edition. `Err` only when there is no
    /// dossier to read; every problem inside it is a finding.
    pub fn load(root: &Path) -> Result<Workspace, LoadError> {
        Ok(Workspace::new(load::load(root)?))
    }

    /// Loads the dossier held by `files` (an in-memory folder, say); `root` names it in
    /// messages.
    pub fn load_from(files: Arc<dyn FileSource>, root: &Path) -> Result<Workspace, LoadError> {
        Ok(Workspace::new(load::load_from(files, root)?))
    }

    /// Chooses the edition of an already loaded dossier.
    pub fn new(dossier: Dossier) -> Workspace {
        let (edition, edition_finding) = select_edition(&dossier);
        Workspace {
            dossier,
            edition,
            edition_finding,
            autoevaluation: OnceLock::new(),
        }
    }

    /// The findings of loading, then of choosing the edition.
    pub fn findings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.dossier
            .diagnostics
            .iter()
            .chain(self.edition_finding.as_ref())
    }
}
