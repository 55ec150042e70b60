//! `ldm check`: verify one or more dossiers.

use super::EXIT_FAILURE;
use super::scope::{Scope, dossier_root, inside};
use clap::ValueEnum;
use ldm::report::{self, Checked, Format};
use ldm::rule::Rule;
use ldm::workspace::Workspace;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Les avertissements font aussi échouer la vérification
    Warnings,
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
    /// Format de sortie : human (par défaut : messages détaillés avec extrait), short
    /// (une ligne par problème : fichier:ligne:colonne), json (données pour d'autres outils),
    /// gitlab (rapport Code Quality), github (annotations GitHub Actions), sarif (SARIF 2.1.0),
    /// junit (JUnit XML) ou resume (une ligne par dossier et un total)
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// « --deny warnings » : les avertissements font aussi échouer la vérification
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
    let targets = group_by_dossier(&args.dossiers, &args.critere);
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
        deny_warnings: args.deny == Some(Deny::Warnings),
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
    let mut report = ldm::check::check(&ws);
    self_assessment(&mut ws, &mut report);
    let whole = scope.is_whole();
    let hidden = scope.apply(&mut report);
    let label = super::label::dossier_label(dir, format);
    let mut checked = Checked::new(label, &ws.dossier, report, hidden);
    // A part asked for (a criterion, a file) is shown in full, as is everything with --tout.
    checked.overview = whole && !tout;
    Ok(checked)
}

/// Adds the findings of the files beside the dossier that `check` does not read: the
/// school's self-assessment (`autoevaluation/`, the audit's rules) and the comité de
/// pilotage's bilans (`bilans/`), with their files for the reports to quote.
fn self_assessment(ws: &mut Workspace, report: &mut ldm::check::CheckReport) {
    let (mut found, mut sources) = ldm::bilan::check::check(ws);
    if let Some(auto) = ldm::audit::autoevaluation::load(ws) {
        found.extend(ldm::audit::autoevaluation::check(ws, &auto));
        sources.extend(auto.sources);
    }
    if found.is_empty() && sources.is_empty() {
        return;
    }
    report.diagnostics.extend(found);
    ldm::diagnostic::sort(&mut report.diagnostics);
    report.total = ldm::diagnostic::Counts::of(&report.diagnostics);
    ws.dossier.sources.extend(sources);
}

/// The dossiers to check, each found upward from what the user named, with the part of
/// it to show: a path inside a dossier narrows that dossier's scope.
fn group_by_dossier(paths: &[PathBuf], criteres: &[u32]) -> Vec<(PathBuf, Scope)> {
    let named = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut groups: Vec<(PathBuf, Scope)> = Vec::new();
    // Each root is resolved once and looked up by its real path: comparing every new
    // root with every earlier one made a batch of 1,000 dossiers quadratic in syscalls.
    let mut index: HashMap<PathBuf, usize> = HashMap::new();
    for path in &named {
        let root = dossier_root(path);
        let inner = (!paths.is_empty()).then(|| inside(&root, path)).flatten();
        let key = root.canonicalize().unwrap_or_else(|_| root.clone());
        let at = *index.entry(key).or_insert_with(|| {
            let scope = Scope {
                criteres: criteres.to_vec(),
                paths: Vec::new(),
            };
            groups.push((root, scope));
            groups.len() - 1
        });
        if let Some(rel) = inner {
            groups[at].1.paths.push(rel);
        }
    }
    groups
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
    use std::fmt::Write;
    let mut text = String::new();
    if name.is_empty() {
        let mut famille = None;
        for r in Rule::ALL {
            if famille != Some(r.famille()) {
                famille = Some(r.famille());
                let _ = writeln!(text, "\n{}", r.famille().label().to_uppercase());
            }
            let _ = writeln!(
                text,
                "  {:<28} {:<14} {}",
                r.name(),
                r.severity(),
                r.titre()
            );
        }
        let _ = writeln!(
            text,
            "\n« ldm check --explain <règle> » explique une règle."
        );
    } else if let Some(r) = Rule::from_name(name) {
        let _ = writeln!(
            text,
            "{} ({}, famille {})\n\n{}\n\n{}",
            r.name(),
            r.severity(),
            r.famille(),
            r.titre(),
            r.explication()
        );
    } else {
        let hint = ldm::text::suggest(name, Rule::ALL.iter().map(|r| r.name()))
            .map_or(String::new(), |s| format!(" ; vouliez-vous dire « {s} » ?"));
        eprintln_fr!(
            "erreur\u{a0}: règle inconnue « {name} »{hint}\n« ldm check --explain » liste toutes les règles."
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    super::emit(&ldm::typo::french(&text))?;
    Ok(ExitCode::SUCCESS)
}
