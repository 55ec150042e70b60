//! `ldm render`: write the annex (official tables) as HTML, Markdown or PDF.

use super::EXIT_FAILURE;
use clap::ValueEnum;
use ldm::render::{self, Format};
use ldm::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Html,
    Md,
    Pdf,
    Docx,
    Zip,
}

impl FormatArg {
    fn extension(self) -> &'static str {
        match self {
            FormatArg::Html => "html",
            FormatArg::Md => "md",
            FormatArg::Pdf => "pdf",
            FormatArg::Docx => "docx",
            FormatArg::Zip => "zip",
        }
    }

    fn name(self) -> &'static str {
        match self {
            FormatArg::Html => "HTML",
            FormatArg::Md => "Markdown",
            FormatArg::Pdf => "PDF",
            FormatArg::Docx => "Word",
            FormatArg::Zip => "zip",
        }
    }

    /// The format a file name announces; `Err` for a document format ldm does not write.
    fn of_path(p: &Path) -> Result<Option<FormatArg>, String> {
        let Some(ext) = p.extension().and_then(|e| e.to_str()) else {
            return Ok(None);
        };
        match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Some(FormatArg::Html)),
            "md" | "markdown" => Ok(Some(FormatArg::Md)),
            "pdf" => Ok(Some(FormatArg::Pdf)),
            "docx" => Ok(Some(FormatArg::Docx)),
            "zip" => Ok(Some(FormatArg::Zip)),
            other @ ("doc" | "odt" | "rtf") => Err(other.to_string()),
            _ => Ok(None),
        }
    }
}

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
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
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

/// The format to write: `--format`, else the one the output's extension announces.
/// A contradiction between them is refused rather than writing, say, HTML into a `.pdf`.
fn choose_format(format: Option<FormatArg>, output: Option<&Path>) -> Result<FormatArg, String> {
    let named = match output.filter(|p| p.as_os_str() != "-") {
        Some(p) => FormatArg::of_path(p).map_err(|ext| {
            format!(
                "« {} » : ldm n'écrit pas de fichier .{ext} ; l'annexe s'écrit en .html, .md, .pdf ou .docx",
                super::shown(p)
            )
        })?,
        None => None,
    };
    match (format, named) {
        (Some(f), Some(n)) if f != n => Err(format!(
            "« {} » annonce un fichier {} (.{}) mais --format {} écrit du {} : changez l'extension en .{} ou le format en {}",
            output.map_or(String::new(), super::shown),
            n.name(),
            n.extension(),
            f.extension(),
            f.name(),
            f.extension(),
            n.extension()
        )),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Ok(FormatArg::Html),
    }
}

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    let format = match choose_format(a.format, a.output.as_deref()) {
        Ok(f) => f,
        Err(message) => {
            eprintln_fr!("erreur\u{a0}: {message}");
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    };
    a.dossier = super::scope::dossier_root(&a.dossier);
    let ws = Workspace::load(&a.dossier)?;
    let (dossier, edition) = (&ws.dossier, &ws.edition);
    for n in &a.critere {
        if !dossier.criteres.iter().any(|c| c.numero == *n) {
            eprintln_fr!("erreur\u{a0}: le dossier n'a pas de critère {n}");
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    }
    let bytes = if a.preuves {
        preuves(dossier, edition, &a.critere, format)?
    } else {
        annexe(dossier, edition, &a.critere, format)?
    };
    tell_what_is_missing(&ws);
    let path = match a.output {
        Some(typed) => typed,
        None => {
            let path = a.dossier.join("annexe").join(format!(
                "{}.{}",
                if a.preuves { "preuves" } else { "annexe" },
                format.extension()
            ));
            // Only the default is checked: a path typed with -o is the user's choice.
            ldm::fsutil::check_inside(&a.dossier, &path)?;
            path
        }
    };
    super::deliver(&bytes, Some(&path), a.force)
}

/// The annex (official tables) in `format`.
fn annexe(
    dossier: &ldm::model::Dossier,
    edition: &ldm::referentiel::Edition,
    only: &[u32],
    format: FormatArg,
) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        // A template error names its file and line; main reports it and exits 2.
        FormatArg::Html => render::render(dossier, edition, Format::Html, only)?.into_bytes(),
        FormatArg::Md => render::render(dossier, edition, Format::Md, only)?.into_bytes(),
        FormatArg::Pdf => pdf(dossier, edition, only)?,
        FormatArg::Docx => {
            let date = source_date().and_then(|v| render::docx::date_from_epoch(&v));
            render::render_docx(dossier, edition, only, date.as_deref())?
        }
        FormatArg::Zip => anyhow::bail!(
            "l'annexe s'écrit en html, md, pdf ou docx ; le zip est la forme de l'annexe des preuves (--preuves)"
        ),
    })
}

/// The evidence annex in `format`, numbered as the annex's list of evidence.
fn preuves(
    dossier: &ldm::model::Dossier,
    edition: &ldm::referentiel::Edition,
    only: &[u32],
    format: FormatArg,
) -> anyhow::Result<Vec<u8>> {
    let annexe = render::build::build(dossier, edition, only);
    Ok(match format {
        FormatArg::Md => render::preuves::markdown(dossier, &annexe).into_bytes(),
        FormatArg::Zip => render::preuves::zip(dossier, &annexe)?,
        FormatArg::Html => render::preuves::html(dossier, &annexe).into_bytes(),
        FormatArg::Pdf => preuves_pdf(dossier, &annexe)?,
        FormatArg::Docx => anyhow::bail!(
            "l'annexe des preuves s'écrit en html, md, pdf ou zip, pas en {}",
            format.extension()
        ),
    })
}

/// No clock: a document's date is SOURCE_DATE_EPOCH's when it is set, else none.
fn source_date() -> Option<String> {
    std::env::var("SOURCE_DATE_EPOCH").ok()
}

#[cfg(feature = "pdf")]
fn pdf(
    dossier: &ldm::model::Dossier,
    edition: &ldm::referentiel::Edition,
    only: &[u32],
) -> anyhow::Result<Vec<u8>> {
    Ok(render::render_pdf(
        dossier,
        edition,
        only,
        super::pdf_date(),
    )?)
}

#[cfg(feature = "pdf")]
fn preuves_pdf(
    dossier: &ldm::model::Dossier,
    annexe: &ldm::render::view::Annexe,
) -> anyhow::Result<Vec<u8>> {
    Ok(render::preuves::pdf(dossier, annexe, super::pdf_date())?)
}

#[cfg(not(feature = "pdf"))]
fn preuves_pdf(_: &ldm::model::Dossier, _: &ldm::render::view::Annexe) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("cette version de ldm a été construite sans le PDF (fonctionnalité « pdf »)")
}

#[cfg(not(feature = "pdf"))]
fn pdf(
    _: &ldm::model::Dossier,
    _: &ldm::referentiel::Edition,
    _: &[u32],
) -> anyhow::Result<Vec<u8>> {
    anyhow::bail!("cette version de ldm a été construite sans le PDF (fonctionnalité « pdf »)")
}

/// Says on stderr what the document will still lack: the dossier's errors, and the
/// « À compléter » left where text is missing.
fn tell_what_is_missing(ws: &Workspace) {
    let errors = ldm::check::check(ws).total.erreurs;
    match errors {
        0 => eprintln_fr!("le dossier ne présente aucune erreur"),
        n => eprintln_fr!(
            "attention : le dossier présente encore {n} erreur{} (« ldm check » les détaille) ; l'annexe montre « À compléter » là où le texte manque",
            if n > 1 { "s" } else { "" }
        ),
    }
}
