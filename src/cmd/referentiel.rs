//! `ldm referentiel`: show an edition of the cahier des charges.

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
    // A .yaml edition is named from the current folder, as the shell completes it.
    let here = ldm::vfs::Disk::new(".");
    super::print(&ldm::ops::referentiel::show(
        &args.edition,
        args.critere,
        &here,
    )?)
}
