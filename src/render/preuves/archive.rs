//! The evidence annex as a zip: `index.html` first (stored, so ldm's generator mark sits
//! near the start), then each evidence file under its number, with a fixed date on every
//! entry so the same dossier gives the same bytes.

use super::{file_name, index_html};
use crate::model::Dossier;
use crate::render::view::Annexe;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The zip's bytes; `Err` names the evidence file that could not be read.
pub fn zip(d: &Dossier, a: &Annexe) -> anyhow::Result<Vec<u8>> {
    let fixed = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file(
        "index.html",
        fixed.compression_method(CompressionMethod::Stored),
    )?;
    z.write_all(index_html(d, a).as_bytes())?;
    for p in &a.preuves {
        // Only regular files inside the dossier are read, bounded (vfs::MAX_EVIDENCE).
        let Some(crate::vfs::Kind::File { .. }) = d.preuves.get(&p.chemin) else {
            continue;
        };
        if crate::model::query::evidence_path(&p.chemin).is_err() {
            continue; // `check`'s `preuve-hors-dossier`: a name no archive should hold
        }
        let bytes = d
            .files
            .read_up_to(&p.chemin, crate::vfs::MAX_EVIDENCE)
            .map_err(|e| anyhow::anyhow!("lecture impossible de « {} » : {e}", p.chemin))?;
        z.start_file(
            file_name(p),
            fixed.compression_method(CompressionMethod::Deflated),
        )?;
        z.write_all(&bytes)?;
    }
    Ok(z.finish()?.into_inner())
}
