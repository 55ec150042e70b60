//! `ldm completions INTERPRETEUR`: the completion script of a shell, generated from the CLI.

use clap::ValueEnum;
use clap::builder::{PossibleValue, TypedValueParser};
use clap_complete::Shell;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(clap::Args)]
pub struct Args {
    /// Interpréteur de commandes : bash, zsh, fish ou powershell
    #[arg(value_enum, value_name = "INTERPRETEUR")]
    shell: ShellArg,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let shell = match a.shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
        ShellArg::Powershell => Shell::PowerShell,
    };
    let mut cmd = super::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "ldm", &mut script);
    super::emit(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// The name of a JSON Schema (`ldm schema NOM`): any text is accepted, so that `ldm
/// schema` itself answers an unknown name in French with a suggestion, but the known
/// names are offered to the completion scripts (`ldm schema <TAB>`).
#[derive(Clone)]
pub struct SchemaName;

impl TypedValueParser for SchemaName {
    type Value = String;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            ldm::ops::json::all_schemas().map(|e| PossibleValue::new(e.name)),
        ))
    }
}
