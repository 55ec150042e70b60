//! ldm: build, check, follow and render a « Lycée des métiers » label dossier.
//!
//! The pipeline: `load` (folder → model, with positions) → `model` → `check` (rules →
//! diagnostics) → `report`; `progress` follows the indicators (bilan annuel), with
//! `templates` for its HTML; `referentiel` holds the cahier des charges as data and
//! `scaffold` writes new dossiers and files.

pub mod check;
pub mod diagnostic;
pub mod diff;
pub mod fsutil;
pub mod load;
pub mod model;
pub mod progress;
pub mod referentiel;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod templates;
pub mod text;
pub mod typo;
