//! `ldm render`: write the annex (official tables) as HTML or Markdown.

use super::EXIT_FAILURE;
use ldm::render::{self, Format};
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Dossier de labellisation (par défaut : celui qui contient le dossier courant)
    #[arg(default_value = ".")]
    dossier: PathBuf,
    /// Format : html (par défaut : document imprimable en PDF, autonome) ou md (Markdown, tableaux GFM)
    #[arg(long, value_enum, default_value = "html")]
    format: Format,
    /// Fichier à écrire (par défaut : annexe/annexe.html ou .md dans le dossier, hors des
    /// fichiers sources) ; « - » pour l'écran
    #[arg(short = 'o', long, value_name = "FICHIER")]
    output: Option<PathBuf>,
    /// Ne rendre que ces critères (numéros)
    #[arg(long, value_name = "N", num_args = 1..)]
    critere: Vec<u32>,
    /// Remplacer le fichier de sortie même s'il n'a pas été produit par ldm
    #[arg(long)]
    force: bool,
}

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    a.dossier = super::scope::dossier_root(&a.dossier);
    let Workspace {
        dossier, edition, ..
    } = Workspace::load(&a.dossier)?;
    for n in &a.critere {
        if !dossier.criteres.iter().any(|c| c.numero == *n) {
            eprintln!("erreur : le dossier n'a pas de critère {n}");
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    }
    let format = a.format;
    // A template error names its file and line; main reports it and exits 2.
    let text = render::render(&dossier, &edition, format, &a.critere)?;
    let path = match a.output {
        Some(typed) => typed,
        None => {
            let path = a
                .dossier
                .join("annexe")
                .join(format!("annexe.{}", format.extension()));
            // Only the default is checked: a path typed with -o is the user's choice.
            ldm::fsutil::check_inside(&a.dossier, &path)?;
            path
        }
    };
    super::deliver(&text, Some(&path), a.force)
}
