//! `ldm check`: verify one or more dossiers.

use super::EXIT_FAILURE;
use clap::ValueEnum;
use ldm::ops::scope::Scope;
use ldm::report::{self, Checked, Format};
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Les avertissements font aussi échouer la vérification
    #[value(name = "avertissements", alias = "warnings")]
    Avertissements,
}

#[derive(clap::Args)]
pub struct Args {
    /// Dossiers à vérifier, ou fichiers et dossiers à l'intérieur d'un dossier de
    /// labellisation : il est vérifié en entier, seuls leurs constats sont affichés (par
    /// défaut : le dossier de labellisation qui contient le dossier courant)
    #[arg(value_name = "CHEMIN")]
    dossiers: Vec<PathBuf>,
    /// N'afficher que les constats de ces critères (le dossier est vérifié en entier)
    #[arg(long, value_name = "N", num_args = 1..)]
    critere: Vec<u32>,
    /// Format de sortie : humain (par défaut : messages détaillés avec extrait), court
    /// (une ligne par problème : fichier:ligne:colonne), json (données pour d'autres outils),
    /// gitlab (rapport Code Quality), github (annotations GitHub Actions), sarif (SARIF 2.1.0),
    /// junit (JUnit XML) ou resume (une ligne par dossier et un total)
    #[arg(long, value_enum, default_value = "humain")]
    format: Format,
    /// « --deny avertissements » : les avertissements font aussi échouer la vérification
    #[arg(long, value_enum, value_name = "QUOI")]
    deny: Option<Deny>,
    /// Afficher tous les constats avec leur extrait, même quand ils ne tiennent pas sur un
    /// écran (sinon, au-delà de 40 constats sur tout le dossier, ldm montre par où
    /// commencer : une ligne par fichier)
    #[arg(long)]
    tout: bool,
    /// Expliquer une règle (sans nom : lister toutes les règles)
    #[arg(long, value_name = "REGLE", num_args = 0..=1, default_missing_value = "")]
    explain: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(name) = args.explain {
        return explain(&name);
    }
    let targets = ldm::ops::scope::targets(&args.dossiers, &args.critere);
    // Both cores, one dossier at a time on each: a dossier is dropped as soon as its
    // small result is kept, so memory stays flat whatever the batch. The results keep
    // the order of the arguments.
    let format = args.format;
    let tout = args.tout;
    let results: Vec<anyhow::Result<Checked>> = ldm::par::map(targets, 2, |(dir, scope)| {
        check_one(&dir, &scope, format, tout)
    });
    let checked = results.into_iter().collect::<anyhow::Result<Vec<_>>>()?;
    let opts = report::Options {
        format: args.format,
        color: super::color_stdout(),
        deny_warnings: args.deny == Some(Deny::Avertissements),
    };
    let mut out = String::new();
    report::write(&mut out, &checked, opts);
    super::emit(&out)?;
    if opts.format == Format::Github {
        step_summary(&checked, opts);
    }
    let failed = checked.iter().any(|c| opts.fails(c));
    Ok(ExitCode::from(u8::from(failed)))
}

/// Loads, checks and narrows one dossier to its scope; the dossier itself is dropped on
/// return.
fn check_one(
    dir: &std::path::Path,
    scope: &Scope,
    format: Format,
    tout: bool,
) -> anyhow::Result<Checked> {
    let mut ws = Workspace::load(dir)?;
    let mut report = ldm::ops::check::check(&mut ws);
    let whole = scope.is_whole();
    let hidden = scope.apply(&mut report);
    let label = super::label::dossier_label(dir, format);
    let mut checked = Checked::new(label, &ws.dossier, report, hidden);
    // A part asked for (a criterion, a file) is shown in full, as is everything with --tout.
    checked.overview = whole && !tout;
    Ok(checked)
}

/// On GitHub Actions, appends the Markdown summary to the file `$GITHUB_STEP_SUMMARY`
/// names. A failure to write it is reported but does not change the verdict.
fn step_summary(checked: &[Checked], opts: report::Options) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let text = report::github::step_summary(checked, opts);
    if let Err(e) = report::github::append_step_summary(path.as_ref(), &text) {
        eprintln_fr!(
            "avertissement\u{a0}: résumé non écrit dans « {} » (GITHUB_STEP_SUMMARY) : {e}",
            super::shown(std::path::Path::new(&path))
        );
    }
}

fn explain(name: &str) -> anyhow::Result<ExitCode> {
    match ldm::ops::explain::text(name) {
        Ok(text) => super::emit(&text)?,
        Err(unknown) => {
            eprintln_fr!("erreur\u{a0}: {unknown}");
            return Ok(ExitCode::from(EXIT_FAILURE));
        }
    }
    Ok(ExitCode::SUCCESS)
}
