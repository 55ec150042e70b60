//! `ldm render`: write the annex (official tables) as HTML, Markdown, PDF or Word, or the
//! evidence annex.

use super::EXIT_FAILURE;
use ldm::ops::output::{self, Kind};
use ldm::render::{self, Format};
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

/// `--format`'s values: the annex's, and the evidence annex's zip.
const ANNEXE_OR_PREUVES: &[Kind] = &[Kind::Html, Kind::Md, Kind::Pdf, Kind::Docx, Kind::Zip];

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
    #[arg(long, value_parser = super::format_values(ANNEXE_OR_PREUVES))]
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

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    if a.format == Some(Kind::Zip) && !a.preuves {
        eprintln_fr!(
            "erreur\u{a0}: l'annexe s'écrit en html, md, pdf ou docx ; le zip est la forme de l'annexe des preuves (--preuves)"
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    let offered = if a.preuves {
        output::PREUVES
    } else {
        output::ANNEXE
    };
    let format = match super::output_kind(a.format, a.output.as_deref(), offered) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    a.dossier = ldm::ops::scope::dossier_root(&a.dossier);
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
    format: Kind,
) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        // A template error names its file and line; main reports it and exits 2.
        Kind::Html => render::render(dossier, edition, Format::Html, only)?.into_bytes(),
        Kind::Md => render::render(dossier, edition, Format::Md, only)?.into_bytes(),
        Kind::Pdf => pdf(dossier, edition, only)?,
        Kind::Docx => {
            let date = source_date().and_then(|v| render::docx::date_from_epoch(&v));
            render::render_docx(dossier, edition, only, date.as_deref())?
        }
        // `output::ANNEXE` offers no other format.
        other => anyhow::bail!("l'annexe ne s'écrit pas en {}", other.value()),
    })
}

/// The evidence annex in `format`, numbered as the annex's list of evidence.
fn preuves(
    dossier: &ldm::model::Dossier,
    edition: &ldm::referentiel::Edition,
    only: &[u32],
    format: Kind,
) -> anyhow::Result<Vec<u8>> {
    let annexe = render::build::build(dossier, edition, only);
    Ok(match format {
        Kind::Md => render::preuves::markdown(dossier, &annexe).into_bytes(),
        Kind::Zip => render::preuves::zip(dossier, &annexe)?,
        Kind::Html => render::preuves::html(dossier, &annexe).into_bytes(),
        Kind::Pdf => preuves_pdf(dossier, &annexe)?,
        // `output::PREUVES` offers no other format.
        other => anyhow::bail!("l'annexe des preuves ne s'écrit pas en {}", other.value()),
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
