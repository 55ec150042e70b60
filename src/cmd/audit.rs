//! `ldm audit`: the auditors' files — write the skeleton, check it, render the rapport,
//! sum up several audits (`ldm::ops::audit` decides; this file parses and prints).

use ldm::fsutil::Written;
use ldm::ops::audit;
use ldm::ops::output::{self, Kind};
use ldm::report::{self, Format};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    verb: Verb,
}

#[derive(clap::Subcommand)]
enum Verb {
    /// Écrit les fichiers de l'audit dans audit/ (sans jamais écraser un fichier existant)
    Init {
        /// Dossier de labellisation audité (par défaut : celui qui contient le dossier courant)
        #[arg(default_value = ".")]
        dossier: PathBuf,
        /// Écrit plutôt l'autoévaluation de l'établissement dans autoevaluation/ : les
        /// mêmes fichiers de critère, jugés par l'équipe sur les échelles des auditeurs
        #[arg(long)]
        autoevaluation: bool,
    },
    /// Vérifie l'audit : exigences jugées, écarts complets, avis cohérent
    Check {
        /// Dossier de labellisation audité (par défaut : celui qui contient le dossier courant)
        #[arg(default_value = ".")]
        dossier: PathBuf,
        /// Format de sortie, comme « ldm check » : humain (par défaut), court, json, gitlab,
        /// github, sarif, junit ou resume
        #[arg(long, value_enum, default_value = "humain")]
        format: Format,
    },
    /// Produit le rapport d'audit en HTML imprimable, en Markdown, en PDF ou en Word
    Render {
        /// Dossier de labellisation audité (par défaut : celui qui contient le dossier courant)
        #[arg(default_value = ".")]
        dossier: PathBuf,
        /// Format : html (document imprimable, autonome), md (Markdown), pdf (A4, signets,
        /// produit par ldm seul) ou docx (Word). Par défaut : celui qu'annonce l'extension
        /// du fichier -o, sinon html
        #[arg(long, value_parser = super::format_values(output::RAPPORT))]
        format: Option<Kind>,
        #[command(flatten)]
        output: super::Output,
    },
    /// Compare l'autoévaluation (autoevaluation/) et l'audit (audit/) : nomme chaque
    /// exigence jugée autrement par l'établissement et par les auditeurs
    Comparer {
        /// Dossier de labellisation audité (par défaut : celui qui contient le dossier courant)
        #[arg(default_value = ".")]
        dossier: PathBuf,
        /// Format : texte (par défaut) ou json
        #[arg(long, value_parser = super::format_values(audit::COMPARER), default_value = "texte")]
        format: Kind,
    },
    /// Une ligne par établissement audité : UAI, nom, date, avis, écarts majeurs et mineurs
    Resume {
        /// Dossiers audités ; un dossier sans audit est signalé, laissé de côté (sortie 1)
        #[arg(value_name = "DOSSIER", required = true)]
        dossiers: Vec<PathBuf>,
        /// Format : texte (colonnes, par défaut), csv (tableur) ou json
        #[arg(long, value_parser = super::format_values(audit::RESUME), default_value = "texte")]
        format: Kind,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.verb {
        Verb::Init {
            dossier,
            autoevaluation,
        } => init(&dossier, autoevaluation),
        Verb::Comparer { dossier, format } => super::print(&audit::comparer(&dossier, format)?),
        Verb::Check { dossier, format } => {
            let (ws, a) = audit::open(&dossier)?;
            let checked = audit::check(&ws, &a, super::label::dossier_label(&dossier, format));
            let color = super::color_stdout();
            super::print_reports(&[checked], report::Options::new(format, color))
        }
        Verb::Render {
            dossier,
            format,
            output,
        } => {
            let format = output::choose(format, output.path.as_deref(), output::RAPPORT)?;
            let (ws, a) = audit::open(&dossier)?;
            let made = audit::rapport(&ws, &a, format, &super::stamp())?;
            super::deliver_document(&made, output.path.as_deref(), output.force, "rapport")
        }
        Verb::Resume { dossiers, format } => {
            let r = audit::resume(&dossiers, format);
            super::print(&r.text)?;
            Ok(super::say::warnings(&r.left_out))
        }
    }
}

fn init(path: &Path, autoevaluation: bool) -> anyhow::Result<ExitCode> {
    let files = audit::init(path, autoevaluation)?;
    for (rel, w) in &files {
        match w {
            Written::Kept => eprintln_fr!("gardé\u{a0}: {rel} (il existe déjà)"),
            Written::Created => eprintln_fr!("écrit\u{a0}: {rel}"),
        }
    }
    let kept = files.iter().filter(|(_, w)| *w == Written::Kept).count();
    if kept > 0 {
        eprintln_fr!("{kept} fichier(s) existant(s) gardé(s) tels quels.");
    }
    eprintln_fr!("« ldm audit check » liste ce qui reste à juger.");
    Ok(ExitCode::SUCCESS)
}
