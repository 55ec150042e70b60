//! `ldm lsp`: the language server, on standard input and output, for the editor that
//! starts it.

use std::process::ExitCode;

#[derive(clap::Args)]
#[command(
    after_help = "Lancé par l'éditeur, jamais à la main\u{a0}: il dialogue sur l'entrée et la sortie standard. « editors/vscode » et la documentation (docs/editeurs.md) disent comment le brancher à VS Code, Neovim ou Helix."
)]
pub struct Args {
    /// Accepté pour les éditeurs qui l'ajoutent (la seule voie de dialogue est l'entrée et la sortie standard)
    #[arg(long)]
    stdio: bool,
}

#[cfg(feature = "lsp")]
pub fn run(_: Args) -> anyhow::Result<ExitCode> {
    // The protocol's exit codes: 0 after `shutdown`, 1 when the editor left without it.
    let clean = ldm::lsp::server::run()?;
    Ok(ExitCode::from(u8::from(!clean)))
}

#[cfg(not(feature = "lsp"))]
pub fn run(_: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "cette version de ldm a été construite sans le serveur de langage (fonctionnalité « lsp »)"
    )
}
