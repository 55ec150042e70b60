//! `ldm referentiel`: show an edition of the cahier des charges.

use super::EXIT_FAILURE;
use ldm::referentiel::{self, display};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Numéro du critère à détailler
    critere: Option<u32>,
    /// Édition : national-2026 (par défaut), aix-marseille-2026, ou le chemin d'un fichier .yaml
    #[arg(long, default_value = ldm::model::config::DEFAULT_EDITION)]
    edition: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let ed = match referentiel::resolve(&args.edition, &ldm::vfs::Disk::new(".")) {
        Ok(ed) => ed,
        Err(d) => {
            eprintln_fr!("erreur\u{a0}: {}", d.message);
            if let Some(h) = d.help {
                eprintln_fr!("aide\u{a0}: {h}");
            }
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    };
    let text = match args.critere {
        None => display::list(&ed),
        Some(n) => match ed.critere(n) {
            Some(c) => display::show(&ed, c),
            None => {
                let nums: Vec<String> = ed.criteres.iter().map(|c| c.numero.to_string()).collect();
                eprintln_fr!(
                    "erreur\u{a0}: l'édition {} n'a pas de critère {n} (critères : {})",
                    ed.id,
                    nums.join(", ")
                );
                return Ok(ExitCode::from(EXIT_FAILURE));
            }
        },
    };
    super::emit(&ldm::typo::french(&text))?;
    Ok(ExitCode::SUCCESS)
}
