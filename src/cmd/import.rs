//! `ldm import`: a Word dossier (.docx) becomes a dossier folder, then is checked.

use super::EXIT_FAILURE;
use ldm::fsutil::{Written, write_new};
use ldm::import::{self, Imported};
use ldm::report::{self, Checked, Format};
use ldm::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Sortie {
    Human,
    Json,
}

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
    /// Format du compte rendu : human (par défaut) ou json (pour d'autres outils)
    #[arg(long, value_enum, default_value = "human")]
    format: Sortie,
}

/// The French message for a file that is not a .docx, by its extension.
fn not_docx(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_lowercase();
    match ext.as_str() {
        "docx" => None,
        "doc" | "odt" | "rtf" => Some(format!(
            "ldm lit les fichiers Word au format .docx, pas .{ext} : ouvrez-le dans LibreOffice ou Word et enregistrez-le au format .docx"
        )),
        "pdf" => Some("un PDF ne garde pas les tableaux du dossier : reprenez le fichier Word (.docx) d'origine, ou ouvrez le PDF dans Word et enregistrez-le au format .docx".into()),
        _ => Some(format!("ldm ne sait importer qu'un fichier Word au format .docx (pas .{ext})")),
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let fail = |m: String| {
        eprintln_fr!("erreur\u{a0}: {m}");
        Ok(ExitCode::from(EXIT_FAILURE))
    };
    if let Some(m) = not_docx(&a.fichier) {
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
    if a.format == Sortie::Json {
        let json = serde_json::json!({
            "dossier": super::shown(&dossier),
            "fichiers": imported.files.iter().map(|f| &f.path).collect::<Vec<_>>(),
            "conserves": kept,
            "comptes": imported.counts,
            "non_repris": imported.notes,
        });
        super::emit(&(serde_json::to_string_pretty(&json)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    summary(&dossier, &imported, &kept);
    check(&dossier)
}

fn summary(dossier: &Path, i: &Imported, kept: &[&str]) {
    let c = &i.counts;
    println_fr!(
        "Dossier {} : {} critères, {} actions, {} engagements, {} objectifs, {} indicateurs, {} mesures, {} personnes ({} fichiers écrits).",
        super::shown(dossier),
        c.criteres,
        c.actions,
        c.engagements,
        c.objectifs,
        c.indicateurs,
        c.mesures,
        c.personnes,
        i.files.len() - kept.len()
    );
    for k in kept {
        println_fr!("conservé (existant) : {k}");
    }
    if !i.notes.is_empty() {
        println_fr!("Non repris ou à vérifier ({}) :", i.notes.len());
        for n in &i.notes {
            let texte = if n.texte.is_empty() {
                String::new()
            } else {
                format!("« {} » ", n.texte)
            };
            println_fr!("  {} : {texte}{}", n.endroit, n.motif);
        }
    }
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
