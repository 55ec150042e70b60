//! Command-line interface: one file per verb. Help texts are French.

#[macro_use]
mod say;

mod aide;
mod audit;
mod bilan;
mod check;
pub mod clap_fr;
mod completions;
mod diff;
mod format;
mod import;
mod init;
mod label;
mod layout;
mod lsp;
mod new;
mod out;
mod progress;
mod referentiel;
mod render;
mod schema;
mod serve;
mod terminal;

pub use format::{choice, format_values, output_kind, toml_values};
pub use layout::{command, parse};
pub use out::*;
pub use terminal::*;

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
    arg_required_else_help = true,
    disable_help_flag = true,
    disable_version_flag = true,
    subcommand_help_heading = "Commandes\u{a0}",
    subcommand_value_name = "COMMANDE",
    next_help_heading = "Options\u{a0}",
    help_template = layout::HELP,
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
    /// Suit les indicateurs : progression vers les cibles, tableau de bord
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
    /// Affiche le schéma JSON d'un fichier du dossier (pour les éditeurs) ou d'une sortie JSON de ldm (pour les autres outils)
    Schema(schema::Args),
    /// Affiche le script de complétion des commandes pour bash, zsh, fish ou PowerShell
    Completions(completions::Args),
    /// Affiche l'aide d'une commande (« ldm aide check », ou « ldm help check »), ou la référence du format des fichiers (« ldm aide format »)
    #[command(name = "aide", alias = "help")]
    Aide(aide::Args),
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
