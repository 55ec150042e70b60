//! `ldm completions INTERPRETEUR`: the completion script of a shell, generated from the CLI.

use clap::{CommandFactory, ValueEnum};
use clap_complete::Shell;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

#[derive(clap::Args)]
pub struct Args {
    /// Interpréteur de commandes : bash, zsh ou fish
    #[arg(value_enum, value_name = "INTERPRETEUR")]
    shell: ShellArg,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let shell = match a.shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    let mut cmd = super::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "ldm", &mut script);
    super::emit(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}
