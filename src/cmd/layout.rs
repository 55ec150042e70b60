//! The French layout of the command line's help: clap's headings, usage line and value
//! lists are English, so they are replaced at every depth, and every text gets French
//! typography once.

use super::Cli;

/// French help layout, shared by every command (clap's own headings are English).
pub const HELP: &str = "{about-with-newline}\nUsage\u{a0}: {usage}\n\n{all-args}{after-help}\n";

/// Parses the command line with the French layout applied to every subcommand; the
/// possible values and defaults are written in each option's own French help.
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let matches = command().try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// The command line with the French layout applied to every subcommand.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    typographic(Cli::command().mut_subcommands(french))
}

/// The French layout of one command and, recursively, of its subcommands (`ldm audit
/// render`): clap's headings, usage line and value lists are English.
fn french(c: clap::Command) -> clap::Command {
    let mut positional = 0;
    c.help_template(HELP)
        .subcommand_help_heading("Commandes\u{a0}")
        .subcommand_value_name("COMMANDE")
        .disable_help_subcommand(true)
        .mut_args(move |a| {
            let heading = if a.is_positional() {
                "Arguments\u{a0}"
            } else {
                "Options\u{a0}"
            };
            // Positional arguments in their order on the command line, as in the usage
            // line (clap sorts arguments of equal order by name).
            let a = if a.is_positional() {
                positional += 1;
                a.display_order(positional)
            } else {
                a
            };
            let a = a.help_heading(heading);
            if a.get_action().takes_values() {
                a.hide_possible_values(true).hide_default_value(true)
            } else {
                a
            }
        })
        .mut_subcommands(french)
}

/// The command's texts (about, help of each option, notes after the help) and its
/// subcommands', with French typography: written once here, not in each doc comment.
fn typographic(mut c: clap::Command) -> clap::Command {
    let fr = |s: &clap::builder::StyledStr| ldm::typo::french(&s.to_string());
    if let Some(s) = c.get_about().map(fr) {
        c = c.about(s);
    }
    if let Some(s) = c.get_long_about().map(fr) {
        c = c.long_about(s);
    }
    if let Some(s) = c.get_after_help().map(fr) {
        c = c.after_help(s);
    }
    if let Some(s) = c.get_after_long_help().map(fr) {
        c = c.after_long_help(s);
    }
    c.mut_args(move |mut a| {
        if let Some(s) = a.get_help().map(fr) {
            a = a.help(s);
        }
        if let Some(s) = a.get_long_help().map(fr) {
            a = a.long_help(s);
        }
        a
    })
    .mut_subcommands(typographic)
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
