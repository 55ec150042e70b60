//! `ldm schema NAME`: print one of the JSON Schemas of the dossier's files or of ldm's
//! JSON outputs.

use super::EXIT_FAILURE;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Schéma à afficher : ceux des fichiers du dossier (ldm.toml, etablissement, critere, action, engagement, referentiel) ou ceux des sorties JSON (sortie-check, sortie-progress, sortie-diff, sortie-audit-resume, sortie-audit-comparer, sortie-import)
    #[arg(value_name = "NOM", value_parser = super::completions::SchemaName)]
    nom: String,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let Some(entry) = ldm::ops::json::schema(&a.nom) else {
        let names: Vec<&str> = ldm::ops::json::all_schemas().map(|e| e.name).collect();
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
