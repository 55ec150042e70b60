//! `ldm check`: verify one or more dossiers.

use super::EXIT_FAILURE;
use clap::ValueEnum;
use ldm::report::{self, Checked, Format};
use ldm::rule::Rule;
use ldm::workspace::Workspace;
use std::path::PathBuf;
use std::process::ExitCode;

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
    format: Format,
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
        args.dossiers
    };
    let mut loaded = Vec::new();
    for dir in &dirs {
        let ws = Workspace::load(dir)?;
        loaded.push((dir.to_string_lossy().trim_end_matches('/').to_string(), ws));
    }
    let checked: Vec<Checked> = loaded
        .iter()
        .map(|(label, ws)| Checked {
            label: if label.is_empty() {
                ".".into()
            } else {
                label.clone()
            },
            dossier: &ws.dossier,
            report: ldm::check::check(ws),
        })
        .collect();
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
            std::path::Path::new(&path).display()
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
        eprintln!(
            "erreur : règle inconnue « {name} »{hint}\n« ldm check --explain » liste toutes les règles."
        );
        return Ok(ExitCode::from(EXIT_FAILURE));
    }
    super::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
