//! ldm: build, check, follow and render a « Lycée des métiers » label dossier.
//!
//! The pipeline: `load` (folder → model, with positions) and `referentiel` (the cahier
//! des charges as data) meet in a `workspace`, which `check` (rules → diagnostics, written
//! by `report`), `progress` (the bilan annuel), `render` (the annex) and `diff` start
//! from; `scaffold` writes new dossiers and files. Modules only use lower layers
//! (ARCHITECTURE.md, enforced by `layers`).

pub mod audit;
pub mod bilan;
pub mod bounds;
pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod doc;
pub mod epoch;
pub mod fsutil;
pub mod fuzzing;
pub mod import;
#[cfg(test)]
mod layers;
pub mod load;
pub mod lsp;
pub mod markup;
pub mod model;
pub mod numfmt;
pub mod ops;
pub mod par;
pub mod progress;
pub mod referentiel;
pub mod release;
pub mod render;
pub mod report;
pub mod rule;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod source;
pub mod templates;
pub mod text;
#[cfg(feature = "pdf")]
pub mod typeset;
pub mod typo;
pub mod vfs;
pub mod workspace;
