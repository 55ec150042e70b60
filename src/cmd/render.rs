//! `ldm render`: write the annex (official tables) as HTML, Markdown, PDF or Word, or the
//! evidence annex.

use ldm::ops::output::Kind;
use ldm::ops::render::{self, Request};
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Dossier de labellisation (par défaut : celui qui contient le dossier courant)
    #[arg(default_value = ".")]
    dossier: PathBuf,
    /// Format : html (document imprimable, autonome), md (Markdown, tableaux GFM), pdf
    /// (A4, sommaire, signets, produit par ldm seul) ou docx (Word : tableaux modifiables,
    /// titres dans le volet de navigation) ; avec --preuves : html, md, pdf (images et pages
    /// des PDF reproduites) ou zip (les fichiers sous leur numéro et l'index). Par défaut : celui qu'annonce l'extension du fichier
    /// -o, sinon html
    #[arg(long, value_parser = super::format_values(render::FORMATS))]
    format: Option<Kind>,
    /// Fichier à écrire (par défaut : annexe/annexe.html, .md, .pdf ou .docx dans le dossier, hors
    /// des fichiers sources) ; « - » pour l'écran
    #[arg(short = 'o', long, value_name = "FICHIER")]
    output: Option<PathBuf>,
    /// Ne rendre que ces critères (numéros)
    #[arg(long, value_name = "N", num_args = 1..)]
    critere: Vec<u32>,
    /// Produire l'annexe des preuves (E.IV) : chaque preuve numérotée comme dans la liste
    /// des preuves de l'annexe, les fiches qui la citent, puis son contenu
    #[arg(long)]
    preuves: bool,
    /// Remplacer le fichier de sortie même s'il n'a pas été produit par ldm
    #[arg(long)]
    force: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let req = Request {
        critere: &a.critere,
        preuves: a.preuves,
        stamp: super::stamp(),
    };
    let kind = render::format(&req, a.format, a.output.as_deref())?;
    let root = ldm::ops::scope::dossier_root(&a.dossier);
    let ws = Workspace::load(&root)?;
    let made = render::render(&ws, &req, kind)?;
    match made.erreurs {
        0 => eprintln_fr!("le dossier ne présente aucune erreur"),
        n => eprintln_fr!(
            "attention : le dossier présente encore {n} erreur{} (« ldm check » les détaille) ; l'annexe montre « À compléter » là où le texte manque",
            if n > 1 { "s" } else { "" }
        ),
    }
    let path = match a.output {
        Some(typed) => typed,
        // Only the default is checked: a path typed with -o is the user's choice.
        None => render::default_path(&root, &req, kind)?,
    };
    super::deliver(&made.document.bytes, Some(&path), a.force)
}
