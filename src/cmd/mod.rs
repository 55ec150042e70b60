//! Command-line interface: one file per verb. Help texts are French.

/// `eprintln!` for ldm's own lines (errors, notes): French typography applied once here,
/// at the printing boundary, rather than in each literal. Never for the dossier's lines.
macro_rules! eprintln_fr {
    ($($arg:tt)*) => { crate::cmd::say(std::io::stderr(), format_args!($($arg)*)) };
}

/// `println!` with French typography, like `eprintln_fr!`.
macro_rules! println_fr {
    ($($arg:tt)*) => { crate::cmd::say(std::io::stdout(), format_args!($($arg)*)) };
}

/// One line of ldm's own, with French typography. The text and its newline go out in one
/// write, so a reader that stops after the first line (`ldm serve | head -1`) gets whole
/// lines; a closed stream is not worth a panic: the write is dropped.
pub fn say(mut out: impl std::io::Write, line: std::fmt::Arguments) {
    let text = ldm::typo::french(&format!("{line}\n"));
    let _ = out.write_all(text.as_bytes());
}

mod aide;
mod audit;
mod bilan;
mod check;
pub mod clap_fr;
mod completions;
mod diff;
mod import;
mod init;
mod label;
mod lsp;
mod new;
mod progress;
mod referentiel;
mod render;
mod schema;
mod scope;
mod serve;

use clap::{Parser, Subcommand};
use ldm::ops::output::Kind;
use std::process::ExitCode;

/// Exit code when ldm itself could not do its job (usage, unreadable folder).
pub const EXIT_FAILURE: u8 = 2;

/// French help layout, shared by every command (clap's own headings are English).
const HELP: &str = "{about-with-newline}\nUsage\u{a0}: {usage}\n\n{all-args}{after-help}\n";

#[derive(Parser)]
#[command(
    name = "ldm",
    version,
    about = "Construire, vérifier et suivre un dossier de labellisation « Lycée des métiers »",
    disable_help_subcommand = true,
    arg_required_else_help = true,
    disable_help_flag = true,
    disable_version_flag = true,
    subcommand_help_heading = "Commandes\u{a0}",
    subcommand_value_name = "COMMANDE",
    next_help_heading = "Options\u{a0}",
    help_template = HELP,
    after_help = "« ldm <commande> --help » décrit une commande. « ldm aide format » décrit les fichiers du dossier."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Afficher l'aide
    #[arg(short, long, action = clap::ArgAction::Help, global = true, display_order = 1000)]
    help: Option<bool>,
    /// Afficher la version
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Crée un nouveau dossier de labellisation (sans jamais écraser un fichier existant)
    Init(init::Args),
    /// Ajoute une action ou un engagement à un critère
    New(new::Args),
    /// Reprend un dossier Word (.docx) dans un nouveau dossier ldm : le dossier du label précédent, ou l'annexe produite par ldm
    Import(import::Args),
    /// Vérifie un dossier au regard du cahier des charges
    Check(check::Args),
    /// Suit les indicateurs : progression vers les cibles, bilan annuel, tableau de bord
    Progress(progress::Args),
    /// Le bilan annuel d'une année du label : les chiffres de l'année et le texte du comité de pilotage (bilans/ANNEE.md)
    Bilan(bilan::Args),
    /// Compare le dossier précédent et le renouvellement (deux dossiers ou deux révisions git)
    Diff(diff::Args),
    /// Produit l'annexe du dossier (les tableaux officiels) en HTML imprimable, en Markdown, en PDF ou en Word, ou l'annexe des preuves
    Render(render::Args),
    /// Affiche le dossier dans le navigateur et le tient à jour à chaque enregistrement
    Serve(serve::Args),
    /// Serveur de langage pour les éditeurs (VS Code, Neovim, Helix) : constats, complétion et aide pendant la saisie
    Lsp(lsp::Args),
    /// Affiche le cahier des charges : critères, exigences, exemples
    Referentiel(referentiel::Args),
    /// L'audit : la grille des auditeurs, les écarts, le rapport d'audit, l'avis
    Audit(audit::Args),
    /// Affiche le schéma JSON d'un fichier du dossier (pour les éditeurs)
    Schema(schema::Args),
    /// Affiche le script de complétion des commandes pour bash, zsh, fish ou PowerShell
    Completions(completions::Args),
    /// Affiche l'aide d'une commande (« ldm aide check », ou « ldm help check »), ou la référence du format des fichiers (« ldm aide format »)
    #[command(name = "aide", alias = "help")]
    Aide(aide::Args),
}

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

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Init(a) => init::run(a),
        Command::New(a) => new::run(a),
        Command::Import(a) => import::run(a),
        Command::Check(a) => check::run(a),
        Command::Progress(a) => progress::run(a),
        Command::Bilan(a) => bilan::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Render(a) => render::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Lsp(a) => lsp::run(a),
        Command::Referentiel(a) => referentiel::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Schema(a) => schema::run(a),
        Command::Completions(a) => completions::run(a),
        Command::Aide(a) => aide::run(a),
    }
}

/// Writes to stdout. A reader that stops early (`ldm check | head`) closes the pipe:
/// that ends the output normally, it is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    emit_bytes(text.as_bytes())
}

/// Writes bytes (a PDF, say) to stdout, like `emit`.
pub fn emit_bytes(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// clap's parser of `--format` for a verb that writes the formats `offered`: the values
/// are the application layer's kinds (`ldm::ops::output`), so no enum is mirrored here.
pub fn format_values(
    offered: &'static [Kind],
) -> impl clap::builder::TypedValueParser<Value = Kind> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(offered.iter().map(|k| k.value()))
        .try_map(|v| Kind::of_value(&v).ok_or("format inconnu"))
}

/// The format to write (`ldm::ops::output::choose`); a refusal is printed and becomes the
/// exit status 2, the same sentence for every verb.
pub fn output_kind(
    asked: Option<Kind>,
    output: Option<&std::path::Path>,
    offered: &'static [Kind],
) -> Result<Kind, ExitCode> {
    ldm::ops::output::choose(asked, output, offered).map_err(|refusal| {
        eprintln_fr!("erreur\u{a0}: {refusal}");
        ExitCode::from(EXIT_FAILURE)
    })
}

/// Where a report goes: shared by the verbs that write documents.
#[derive(clap::Args)]
pub struct Output {
    /// Écrire dans ce fichier plutôt qu'à l'écran (« - » : l'écran)
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub path: Option<std::path::PathBuf>,
    /// Remplacer le fichier de sortie même s'il n'a pas été produit par ldm
    #[arg(long)]
    pub force: bool,
}

/// A JSON document of ldm: its generator mark and version (each document's own, see
/// docs/json.md), then the report's fields.
pub fn json_document(version: u32, report: &impl serde::Serialize) -> anyhow::Result<String> {
    #[derive(serde::Serialize)]
    struct Envelope<'a, T: serde::Serialize> {
        generateur: &'static str,
        version: u32,
        #[serde(flatten)]
        report: &'a T,
    }
    let mut out = serde_json::to_string_pretty(&Envelope {
        generateur: "ldm",
        version,
        report,
    })?;
    out.push('\n');
    Ok(out)
}

/// Writes a document to `path` (atomically, never over a file ldm did not write unless
/// `force`), or to the screen when there is no path or it is `-`.
pub fn deliver(
    text: impl AsRef<[u8]>,
    path: Option<&std::path::Path>,
    force: bool,
) -> anyhow::Result<ExitCode> {
    match path {
        None => emit_bytes(text.as_ref())?,
        Some(p) if p.as_os_str() == "-" => emit_bytes(text.as_ref())?,
        Some(p) => {
            if let Err(e) = ldm::fsutil::write_output(p, text, force) {
                eprintln_fr!("erreur\u{a0}: {e}");
                return Ok(ExitCode::from(EXIT_FAILURE));
            }
            eprintln_fr!("écrit\u{a0}: {}", shown(p));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A path as messages show it (`ldm::fsutil::shown`: `/`-separated whatever the OS).
pub fn shown(p: &std::path::Path) -> String {
    ldm::fsutil::shown(p)
}

/// True when colour may be used on stdout.
pub fn color_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && stdout_is_terminal()
        && console_takes_ansi()
}

/// True when stdout is a terminal (where a binary document must not go).
pub fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// Windows consoles show ANSI colours only once asked to (Windows 10 and later); an
/// older console would print the escape codes, so it gets none.
#[cfg(windows)]
fn console_takes_ansi() -> bool {
    anstyle_query::windows::enable_ansi_colors().unwrap_or(false)
}

#[cfg(not(windows))]
fn console_takes_ansi() -> bool {
    true
}

/// The date of a PDF's metadata. No clock: `SOURCE_DATE_EPOCH`'s when it is set, else none.
#[cfg(feature = "pdf")]
pub fn pdf_date() -> Option<ldm::typeset::Date> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| ldm::typeset::date_from_epoch(&v))
}

#[cfg(test)]
mod tests {
    /// Every command's path from the root: `["audit", "render"]`…
    fn paths(c: &clap::Command, above: &[String], out: &mut Vec<Vec<String>>) {
        for sub in c.get_subcommands() {
            let mut path = above.to_vec();
            path.push(sub.get_name().to_string());
            paths(sub, &path, out);
            out.push(path);
        }
    }

    #[test]
    fn the_help_of_every_command_at_every_depth_is_french() {
        let mut all = vec![Vec::new()];
        paths(&super::command(), &[], &mut all);
        assert!(all.iter().any(|p| p == &["audit", "render"]), "{all:?}");
        let english = [
            "Usage:",
            "Arguments:",
            "Commands:",
            "Options:",
            "[default",
            "[possible values",
            "Print help",
        ];
        for path in all {
            let mut argv = vec!["ldm".to_string()];
            argv.extend(path.iter().cloned());
            argv.push("--help".into());
            let help = match super::command().try_get_matches_from(&argv) {
                Err(e) => e.render().to_string(),
                Ok(_) => panic!("{argv:?} n'affiche pas d'aide"),
            };
            for word in english {
                assert!(!help.contains(word), "{argv:?} : « {word} » dans\n{help}");
            }
            assert!(help.contains("Usage\u{a0}:"), "{argv:?}\n{help}");
            let options = help.matches("Options\u{a0}:").count();
            assert!(
                options <= 1,
                "{argv:?} : {options} sections Options\n{help}"
            );
        }
    }
}
