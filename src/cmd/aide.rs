//! `ldm aide [SUJET]` (alias `ldm help`): the help of a command, or the format reference
//! embedded in the binary, since a school's dossier holds no copy of docs/format.md.

use super::EXIT_FAILURE;
use std::process::ExitCode;

/// The format reference, as shipped with this version of ldm.
const FORMAT: &str = include_str!("../../docs/format.md");

#[derive(clap::Args)]
pub struct Args {
    /// Une commande (check, init…) ou « format » (les fichiers du dossier)
    #[arg(value_name = "SUJET")]
    sujet: Option<String>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let mut cmd = super::command();
    cmd.build();
    match a.sujet.as_deref() {
        None => {
            super::emit(&cmd.render_help().to_string())?;
        }
        Some("format") => super::emit(FORMAT)?,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name).cloned() else {
                let names = cmd.get_subcommands().map(|s| s.get_name());
                let hint = ldm::text::suggest(name, names)
                    .map_or(String::new(), |s| format!(" ; vouliez-vous dire « {s} » ?"));
                eprintln_fr!(
                    "erreur\u{a0}: sujet d'aide inconnu « {name} »{hint}\naide\u{a0}: « ldm aide » liste les commandes, « ldm aide format » décrit les fichiers"
                );
                return Ok(ExitCode::from(EXIT_FAILURE));
            };
            let help = sub.bin_name(format!("ldm {name}")).render_help();
            super::emit(&help.to_string())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
