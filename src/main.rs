//! The `ldm` command: parses arguments, runs a verb, maps the result to an exit code.

mod cmd;

use clap::error::ErrorKind;
use std::process::ExitCode;

// A batch of dossiers allocates millions of small strings on both cores: glibc's malloc
// was a fifth of its time (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cmd::parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // Bare `ldm`: the help, on stderr with exit code 2 (clap's convention, git's too).
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            let message = ldm::typo::french(&cmd::clap_fr::message(&e));
            eprintln!("erreur\u{a0}: {message}");
            return ExitCode::from(2);
        }
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Contexts and causes are ldm's French sentences: typography applied once here.
            eprintln!("erreur\u{a0}: {}", ldm::typo::french(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}
