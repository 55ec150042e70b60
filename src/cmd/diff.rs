//! `ldm diff`: compare the previous dossier with the renewal (two folders, or two git
//! revisions of the dossier).

use super::EXIT_FAILURE;
use ldm::diff::{self, Input};
use ldm::ops::document::Report;
use ldm::vfs::git;
use ldm::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use ldm::ops::output::{self, Kind};

#[derive(clap::Args)]
pub struct Args {
    /// Les deux dossiers : le précédent, puis le nouveau
    #[arg(value_name = "DOSSIER", num_args = 0..=2)]
    dossiers: Vec<PathBuf>,
    /// Comparer deux révisions git du dossier (la seconde par défaut : les fichiers actuels)
    #[arg(long, value_name = "REV", num_args = 1..=2)]
    git: Vec<String>,
    /// Avec --git : le dossier de labellisation dans le dépôt (par défaut : le dossier courant)
    #[arg(long, value_name = "DOSSIER", default_value = ".")]
    dossier: PathBuf,
    /// Format : texte (à l'écran), md, html (page autonome), json, pdf ou docx. Par
    /// défaut : celui qu'annonce l'extension du fichier -o, sinon texte
    #[arg(long, value_parser = super::format_values(output::DIFF))]
    format: Option<Kind>,
    #[command(flatten)]
    output: super::Output,
}

/// A dossier loaded for the comparison, from a folder or from a git revision in memory.
struct Loaded {
    source: String,
    ws: Workspace,
}

fn from_folder(p: &Path) -> anyhow::Result<Loaded> {
    let p = &ldm::ops::scope::dossier_root(p);
    Ok(Loaded {
        source: super::shown(p),
        ws: Workspace::load(p)?,
    })
}

fn from_git(dossier: &Path, rev: &str) -> anyhow::Result<Loaded> {
    let tree = git::revision(dossier, rev)?;
    Ok(Loaded {
        source: format!("{rev} (git)"),
        ws: Workspace::new(ldm::load::load_from(Arc::new(tree), dossier)?),
    })
}

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    a.dossier = ldm::ops::scope::dossier_root(&a.dossier);
    let (old, new) = match (a.git.as_slice(), a.dossiers.as_slice()) {
        ([rev], []) => (
            from_git(&a.dossier, rev)?,
            Loaded {
                source: "fichiers actuels".into(),
                ..from_folder(&a.dossier)?
            },
        ),
        ([r1, r2], []) => (from_git(&a.dossier, r1)?, from_git(&a.dossier, r2)?),
        ([], [o, n]) => (from_folder(o)?, from_folder(n)?),
        _ => {
            eprintln_fr!(
                "erreur\u{a0}: indiquez deux dossiers (« ldm diff ANCIEN NOUVEAU ») ou une ou deux révisions git (« ldm diff --git v2021 »)"
            );
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    };
    let d = diff::compare(
        &Input {
            source: old.source.clone(),
            dossier: &old.ws.dossier,
            edition: &old.ws.edition,
        },
        &Input {
            source: new.source.clone(),
            dossier: &new.ws.dossier,
            edition: &new.ws.edition,
        },
    );
    let format = match super::output_kind(a.format, a.output.path.as_deref(), output::DIFF) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    if matches!(format, Kind::Pdf | Kind::Docx) {
        let to_screen = (a.output.path.as_deref()).is_none_or(|p| p.as_os_str() == "-");
        if to_screen && super::stdout_is_terminal() {
            anyhow::bail!(
                "un document PDF ou Word ne s'affiche pas à l'écran : écrivez-le dans un fichier avec « -o renouvellement.pdf »"
            );
        }
        let doc = diff::document::document(&d);
        let bytes = super::document_bytes(&doc, format, "la comparaison")?;
        return super::deliver(bytes, a.output.path.as_deref(), a.output.force);
    }
    let color = a.output.path.is_none() && super::color_stdout();
    // A template error names its file and line; main reports it and exits 2.
    let out = ldm::ops::document::text(Report::Diff(&d), format, color)?;
    super::deliver(&out, a.output.path.as_deref(), a.output.force)
}
