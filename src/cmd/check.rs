//! `ldm check`: verify one or more dossiers.

use super::EXIT_FAILURE;
use clap::ValueEnum;
use ldm::check::rules::{self, RULES};
use ldm::report::{self, Checked, Format};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Messages détaillés avec extrait du fichier (par défaut)
    Human,
    /// Une ligne par problème : fichier:ligne:colonne
    Short,
    /// Données JSON pour d'autres outils
    Json,
    /// Rapport Code Quality de GitLab (JSON)
    Gitlab,
    /// Annotations GitHub Actions (et résumé dans $GITHUB_STEP_SUMMARY)
    Github,
    /// SARIF 2.1.0 (analyse de code : GitHub, éditeurs)
    Sarif,
    /// JUnit XML (onglet « Tests » des forges)
    Junit,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Les avertissements font aussi échouer la vérification
    Warnings,
}

#[derive(clap::Args)]
pub struct Args {
    /// Dossiers à vérifier (par défaut : le dossier courant)
    dossiers: Vec<PathBuf>,
    /// Format de sortie : human (par défaut : messages détaillés avec extrait), short
    /// (une ligne par problème : fichier:ligne:colonne), json (données pour d'autres outils),
    /// gitlab (rapport Code Quality), github (annotations GitHub Actions), sarif (SARIF 2.1.0)
    /// ou junit (JUnit XML)
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// « --deny warnings » : les avertissements font aussi échouer la vérification
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Expliquer une règle (sans nom : lister toutes les règles)
    #[arg(long, value_name = "REGLE", num_args = 0..=1, default_missing_value = "")]
    explain: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(name) = args.explain {
        return explain(&name);
    }
    let dirs = if args.dossiers.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        distinct(args.dossiers)
    };
    let ci = matches!(
        args.format,
        FormatArg::Gitlab | FormatArg::Github | FormatArg::Sarif | FormatArg::Junit
    );
    let mut loaded = Vec::new();
    for dir in &dirs {
        let dossier = ldm::load::load(dir)?;
        let label = if ci {
            repo_label(dir)
        } else {
            typed_label(dir)
        };
        loaded.push((label, dossier));
    }
    let checked: Vec<Checked> = loaded
        .iter()
        .map(|(label, d)| Checked {
            label: label.clone(),
            dossier: d,
            report: ldm::check::check(d),
        })
        .collect();
    let opts = report::Options {
        format: match args.format {
            FormatArg::Human => Format::Human,
            FormatArg::Short => Format::Short,
            FormatArg::Json => Format::Json,
            FormatArg::Gitlab => Format::Gitlab,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Junit => Format::Junit,
        },
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

/// The dossiers in the order given, each once: two spellings of one folder (`.` and
/// its absolute path) would report every finding twice.
fn distinct(dirs: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    dirs.into_iter()
        .filter(|d| seen.insert(std::fs::canonicalize(d).unwrap_or_else(|_| d.clone())))
        .collect()
}

/// The dossier as the user typed it, with `/` separators and no trailing one.
fn typed_label(dir: &Path) -> String {
    let label = dir
        .to_string_lossy()
        .replace(std::path::MAIN_SEPARATOR, "/");
    match label.trim_end_matches('/') {
        "" => ".".into(),
        l => l.to_string(),
    }
}

/// The dossier as CI tools need it: relative to the repository root, which is where
/// the forges run the job (the current folder); a dossier outside it (`..`) is placed
/// from the root of the git work tree holding it. Otherwise, as typed.
fn repo_label(dir: &Path) -> String {
    let (Ok(abs), Ok(cwd)) = (std::fs::canonicalize(dir), std::env::current_dir()) else {
        return typed_label(dir);
    };
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    let root = if abs.starts_with(&cwd) {
        Some(cwd)
    } else {
        abs.ancestors()
            .find(|a| a.join(".git").exists())
            .map(Path::to_path_buf)
    };
    match root.as_deref().and_then(|r| abs.strip_prefix(r).ok()) {
        Some(rel) => typed_label(rel),
        None => typed_label(dir),
    }
}

/// On GitHub Actions, appends the Markdown summary to the file `$GITHUB_STEP_SUMMARY`
/// names. A failure to write it is reported but does not change the verdict.
fn step_summary(checked: &[Checked], opts: report::Options) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let text = report::github::step_summary(checked, opts);
    if let Err(e) = report::github::append_step_summary(path.as_ref(), &text) {
        eprintln!(
            "avertissement : résumé non écrit dans « {} » (GITHUB_STEP_SUMMARY) : {e}",
            super::shown(std::path::Path::new(&path))
        );
    }
}

fn explain(name: &str) -> anyhow::Result<ExitCode> {
    use std::fmt::Write;
    let mut text = String::new();
    if name.is_empty() {
        let mut famille = "";
        for r in RULES {
            if r.famille != famille {
                famille = r.famille;
                let _ = writeln!(text, "\n{}", famille.to_uppercase());
            }
            let _ = writeln!(text, "  {:<28} {:<14} {}", r.name, r.severity, r.titre);
        }
        let _ = writeln!(
            text,
            "\n« ldm check --explain <règle> » explique une règle."
        );
    } else if let Some(r) = rules::rule(name) {
        let _ = writeln!(
            text,
            "{} ({}, famille {})\n\n{}\n\n{}",
            r.name, r.severity, r.famille, r.titre, r.explication
        );
    } else {
        let hint = ldm::text::suggest(name, RULES.iter().map(|r| r.name))
            .map_or(String::new(), |s| format!(" ; vouliez-vous dire « {s} » ?"));
        eprintln!(
            "erreur : règle inconnue « {name} »{hint}\n« ldm check --explain » liste toutes les règles."
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    super::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
