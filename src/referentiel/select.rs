//! Choosing the edition a dossier answers.

use super::{Edition, embedded, resolve};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::Dossier;
use crate::model::config::DEFAULT_EDITION;

/// The edition a dossier answers (national-2026 when it names none or an unknown one),
/// with the finding that explains a failed lookup.
pub fn select_edition(dossier: &Dossier) -> (Edition, Option<Diagnostic>) {
    let fallback = || {
        embedded(DEFAULT_EDITION)
            .and_then(Result::ok)
            .expect("the default edition is embedded and tested")
    };
    let Some(config) = &dossier.config else {
        // ldm.toml has a mistake (already reported): use the edition it names if readable.
        let named = dossier
            .campaign
            .edition
            .as_deref()
            .map(|e| resolve(e, dossier.files.as_ref()));
        return (named.and_then(Result::ok).unwrap_or_else(fallback), None);
    };
    match resolve(config.edition(), dossier.files.as_ref()) {
        Ok(ed) => (ed, None),
        Err(mut d) => {
            if d.file.is_none() {
                let pos = config.referentiel.as_ref().map_or(Pos::start(), |r| {
                    let s = r.edition.span();
                    dossier.sources["ldm.toml"].pos_of_byte(s.start, s.end)
                });
                d = d.at("ldm.toml", pos);
            }
            (fallback(), Some(d))
        }
    }
}
