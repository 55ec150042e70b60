//! `ldm bilan`: the bilan annuel of one year (figures and the comité de pilotage's text),
//! from the dossier as it is or at a git revision; `--nouveau` prepares the committee's file.

use super::EXIT_FAILURE;
use ldm::bilan;
use ldm::fsutil::Written;
use ldm::ops::output::Kind;
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// What `ldm bilan` writes, its default first.
const FORMATS: &[Kind] = ldm::ops::output::BILAN;

#[derive(clap::Args)]
pub struct Args {
    /// Dossier de labellisation dont faire le bilan (par défaut : celui qui contient le
    /// dossier courant)
    #[arg(default_value = ".")]
    dossier: PathBuf,
    /// Format : html (document imprimable, autonome), md (Markdown), pdf ou docx (Word).
    /// Par défaut : celui qu'annonce l'extension du fichier -o, sinon html
    #[arg(long, value_parser = super::format_values(FORMATS))]
    format: Option<Kind>,
    /// Le dossier tel qu'il était à cette révision git (ex. une étiquette posée l'année du
    /// bilan) : le bilan d'une année passée, reproduit à l'identique
    #[arg(long, value_name = "REVISION")]
    git: Option<String>,
    /// Année du bilan, ex. 2024 (par défaut : [suivi] annee de ldm.toml, sinon l'année de candidature)
    #[arg(long, value_name = "ANNEE", value_parser = ldm::model::query::parse_year)]
    annee: Option<i64>,
    /// Prépare bilans/ANNEE.md, le texte du comité de pilotage (analyse par critère,
    /// décisions, priorités), avec les chiffres de l'année en commentaire ; n'écrase rien
    #[arg(long, conflicts_with_all = ["format", "git"])]
    nouveau: bool,
    #[command(flatten)]
    output: super::Output,
}

pub fn run(mut a: Args) -> anyhow::Result<ExitCode> {
    let format = match super::output_kind(a.format, a.output.path.as_deref(), FORMATS) {
        Ok(f) => f,
        Err(code) => return Ok(code),
    };
    a.dossier = ldm::ops::scope::dossier_root(&a.dossier);
    let ws = match &a.git {
        Some(rev) => {
            let tree = ldm::vfs::git::revision(&a.dossier, rev)?;
            Workspace::new(ldm::load::load_from(Arc::new(tree), &a.dossier)?)
        }
        None => Workspace::load(&a.dossier)?,
    };
    let Some(annee) = a.annee.or_else(|| ldm::progress::default_year(&ws.dossier)) else {
        eprintln_fr!(
            "erreur\u{a0}: année du bilan inconnue (ldm.toml illisible) ; indiquez-la avec --annee"
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    };
    let b = bilan::build(&ws, annee);
    if a.nouveau {
        return nouveau(&a.dossier, &b, annee);
    }
    if b.comite.is_none() {
        eprintln_fr!(
            "avertissement\u{a0}: {} n'existe pas : le bilan n'a que les chiffres (« ldm bilan --annee {annee} --nouveau » prépare le texte du comité de pilotage)",
            bilan::file(annee)
        );
    }
    let bytes = document(&b, format)?;
    let to_screen = a
        .output
        .path
        .as_deref()
        .is_none_or(|p| p.as_os_str() == "-");
    if matches!(format, Kind::Pdf | Kind::Docx) && to_screen && super::stdout_is_terminal() {
        anyhow::bail!(
            "un document PDF ou Word ne s'affiche pas à l'écran : écrivez-le dans un fichier avec « -o bilan.pdf »"
        );
    }
    super::deliver(bytes, a.output.path.as_deref(), a.output.force)
}

/// The bilan in `format`: one document, laid out once, through the backend of the format.
fn document(b: &bilan::Bilan, format: Kind) -> anyhow::Result<Vec<u8>> {
    let doc = bilan::document(b);
    // `output::BILAN` offers no other format.
    super::document_bytes(&doc, format, "le bilan")
}

/// Writes `bilans/<annee>.md` for the committee, never over an existing file.
fn nouveau(root: &std::path::Path, b: &bilan::Bilan, annee: i64) -> anyhow::Result<ExitCode> {
    let rel = bilan::file(annee);
    let path = root.join(&rel);
    ldm::fsutil::check_inside(root, &path).map_err(|e| anyhow::anyhow!("{e}"))?;
    match ldm::fsutil::write_new(&path, &bilan::modele::modele(b)) {
        Ok(Written::Created) => {
            println_fr!(
                "écrit : {rel} — le comité de pilotage y remplace les « À compléter » ; « ldm bilan --annee {annee} » produit le bilan."
            );
            Ok(ExitCode::SUCCESS)
        }
        Ok(Written::Kept) => {
            eprintln_fr!("erreur\u{a0}: {rel} existe déjà : ldm n'écrase jamais un fichier");
            Ok(ExitCode::from(EXIT_FAILURE))
        }
        Err(e) => anyhow::bail!(
            "écriture impossible de « {rel} » : {}",
            ldm::fsutil::io_french(&e)
        ),
    }
}
