//! `ldm schema NAME`: print one of the JSON Schemas of the dossier's files.

use super::EXIT_FAILURE;
use ldm::schema::{self, SCHEMAS};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Schéma à afficher : ldm.toml, etablissement, critere, action, engagement ou referentiel
    #[arg(value_name = "NOM", value_parser = super::completions::SchemaName)]
    nom: String,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let Some(entry) = schema::entry(&a.nom) else {
        let names: Vec<&str> = SCHEMAS.iter().map(|e| e.name).collect();
        let hint = ldm::text::suggest(&a.nom, names.iter().copied())
            .map_or(String::new(), |s| format!(" ; vouliez-vous dire « {s} » ?"));
        eprintln_fr!(
            "erreur\u{a0}: schéma inconnu « {} »{hint}\nschémas disponibles : {}",
            a.nom,
            names.join(", ")
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    };
    super::emit(&entry.json())?;
    Ok(ExitCode::SUCCESS)
}
