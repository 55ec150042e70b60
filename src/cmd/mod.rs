//! Command-line interface: one file per verb. Help texts are French.

mod check;
mod init;
mod new;
mod referentiel;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit code when ldm itself could not do its job (usage, unreadable folder).
pub const EXIT_FAILURE: u8 = 2;

#[derive(Parser)]
#[command(
    name = "ldm",
    version,
    about = "Construire, vérifier et suivre un dossier de labellisation « Lycée des métiers »",
    disable_help_subcommand = true,
    help_template = "{about}\n\nUsage : {usage}\n\nCommandes :\n{subcommands}\n\nOptions :\n{options}\n"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Crée un nouveau dossier de labellisation (sans jamais écraser un fichier existant)
    Init(init::Args),
    /// Ajoute une action ou un engagement à un critère
    New(new::Args),
    /// Vérifie un dossier au regard du cahier des charges
    Check(check::Args),
    /// Affiche le cahier des charges : critères, exigences, exemples
    Referentiel(referentiel::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Init(a) => init::run(a),
        Command::New(a) => new::run(a),
        Command::Check(a) => check::run(a),
        Command::Referentiel(a) => referentiel::run(a),
    }
}

/// Writes to stdout. A reader that stops early (`ldm check | head`) closes the pipe:
/// that ends the output normally, it is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// True when colour may be used on stdout.
pub fn color_stdout() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}
