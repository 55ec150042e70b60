//! The JSON report: the same diagnostics and summaries, as data for other tools.

use super::Checked;
use serde::Serialize;

/// Version of the JSON report's shape; bumped on any incompatible change.
pub const VERSION: u32 = 1;

/// The whole document (its schema is shipped by `ldm schema sortie-check`).
#[derive(Serialize, schemars::JsonSchema)]
pub struct Doc<'a> {
    version: u32,
    dossiers: Vec<One<'a>>,
}

/// One checked dossier: as the user named it, then its report.
#[derive(Serialize, schemars::JsonSchema)]
pub struct One<'a> {
    dossier: &'a str,
    #[serde(flatten)]
    report: &'a crate::check::CheckReport,
}

pub fn write(out: &mut String, checked: &[Checked]) {
    let doc = Doc {
        version: VERSION,
        dossiers: checked
            .iter()
            .map(|c| One {
                dossier: &c.label,
                report: &c.report,
            })
            .collect(),
    };
    // Serialising plain data to a String cannot fail.
    out.push_str(&serde_json::to_string_pretty(&doc).unwrap_or_default());
    out.push('\n');
}
