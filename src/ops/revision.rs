//! A dossier as it was at a git revision, read into memory and loaded as a `Workspace`
//! (`diff --git`, `bilan --git`); nothing is written, the working tree is never touched.

use crate::workspace::Workspace;
use std::path::Path;
use std::sync::Arc;

/// The dossier at `root` as it was at `rev` (`vfs::git::revision`: every git safeguard).
pub fn workspace(root: &Path, rev: &str) -> anyhow::Result<Workspace> {
    let tree = crate::vfs::git::revision(root, rev)?;
    Ok(Workspace::load_from(Arc::new(tree), root)?)
}
