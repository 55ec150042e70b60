//! `ldm import`: a Word dossier (.docx) becomes a dossier folder, then is checked.

use super::EXIT_FAILURE;
use ldm::fsutil::{Written, write_new};
use ldm::import;
use ldm::ops::output::Kind;
use ldm::report::{self, Checked, Format};
use ldm::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `--format`'s values: the report as text, or JSON; « human » was the text's name.
const FORMATS: &[Kind] = &[Kind::Term, Kind::Json];

#[derive(clap::Args)]
pub struct Args {
    /// Le dossier Word à reprendre (.docx), celui du label précédent ou l'annexe produite par ldm
    #[arg(value_name = "FICHIER")]
    fichier: PathBuf,
    /// Dossier à créer (par défaut : le nom du fichier sans son extension)
    #[arg(value_name = "DOSSIER")]
    dossier: Option<PathBuf>,
    /// Compléter un dossier non vide : ajoute les fichiers manquants, ne modifie aucun fichier existant
    #[arg(long)]
    force: bool,
    /// Format du compte rendu : texte (par défaut) ou json (pour d'autres outils)
    #[arg(long, default_value = "texte",
        value_parser = super::choice(FORMATS, Kind::value, |k| (k == Kind::Term).then_some("human")))]
    format: Kind,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let fail = |m: String| {
        eprintln_fr!("erreur\u{a0}: {m}");
        Ok(ExitCode::from(EXIT_FAILURE))
    };
    if let Some(m) = import::not_docx(&a.fichier) {
        return fail(m);
    }
    let size = std::fs::metadata(&a.fichier).map(|m| m.len());
    match size {
        Err(e) => {
            return fail(format!(
                "{} : {}",
                super::shown(&a.fichier),
                ldm::fsutil::io_french(&e)
            ));
        }
        Ok(n) if n > import::MAX_FILE => {
            return fail(import::PackageError::TooLarge(n / (1024 * 1024)).to_string());
        }
        Ok(_) => {}
    }
    let dossier = a
        .dossier
        .clone()
        .unwrap_or_else(|| a.fichier.with_extension(""));
    if !a.force && std::fs::read_dir(&dossier).is_ok_and(|mut d| d.next().is_some()) {
        return fail(format!(
            "le dossier {} n'est pas vide : choisissez un dossier neuf, ou « --force » pour n'ajouter que les fichiers manquants",
            super::shown(&dossier)
        ));
    }
    let imported = match import::import(&std::fs::read(&a.fichier)?) {
        Ok(i) => i,
        Err(e) => return fail(e.to_string()),
    };
    let mut kept = Vec::new();
    for f in &imported.files {
        if write_new(&dossier.join(&f.path), &f.content)? == Written::Kept {
            kept.push(f.path.as_str());
        }
    }
    let shown = super::shown(&dossier);
    if a.format == Kind::Json {
        let sortie = imported.sortie(&shown, &kept);
        return super::print(&ldm::ops::json::document(import::JSON_VERSION, &sortie));
    }
    for line in imported.lines(&shown, &kept) {
        println_fr!("{line}");
    }
    check(&dossier)
}

/// Ends with the check's one-line summary, as `ldm check --format resume` gives it.
fn check(dossier: &Path) -> anyhow::Result<ExitCode> {
    let ws = Workspace::load(dossier)?;
    let rep = ldm::check::check(&ws);
    let label = super::label::dossier_label(dossier, Format::Resume);
    let checked = Checked::new(label, &ws.dossier, rep, 0);
    let opts = report::Options {
        format: Format::Resume,
        color: super::color_stdout(),
        deny_warnings: false,
    };
    let mut out = String::new();
    report::write(&mut out, &[checked], opts);
    super::emit(&out)?;
    println_fr!(
        "Étape suivante : « ldm check {} » pour le détail.",
        super::shown(dossier)
    );
    Ok(ExitCode::SUCCESS)
}
