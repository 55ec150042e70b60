//! `ldm check`: verify one or more dossiers.

use super::EXIT_FAILURE;
use clap::ValueEnum;
use ldm::check::rules::{self, RULES};
use ldm::report::{self, Checked, Format};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Messages détaillés avec extrait du fichier (par défaut)
    Human,
    /// Une ligne par problème : fichier:ligne:colonne
    Short,
    /// Données JSON pour d'autres outils
    Json,
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
    /// Format de sortie
    #[arg(long, value_enum, default_value = "human")]
    format: FormatArg,
    /// Rendre bloquants les avertissements : --deny warnings
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Expliquer une règle (sans nom : lister toutes les règles)
    #[arg(long, value_name = "REGLE", num_args = 0..=1, default_missing_value = "")]
    explain: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(name) = args.explain {
        return Ok(explain(&name));
    }
    let dirs = if args.dossiers.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.dossiers
    };
    let mut loaded = Vec::new();
    for dir in &dirs {
        let dossier = ldm::load::load(dir)?;
        loaded.push((
            dir.to_string_lossy().trim_end_matches('/').to_string(),
            dossier,
        ));
    }
    let checked: Vec<Checked> = loaded
        .iter()
        .map(|(label, d)| Checked {
            label: if label.is_empty() {
                ".".into()
            } else {
                label.clone()
            },
            dossier: d,
            report: ldm::check::check(d),
        })
        .collect();
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Short => Format::Short,
        FormatArg::Json => Format::Json,
    };
    let mut out = String::new();
    report::write(&mut out, &checked, format, super::color_stdout());
    std::io::stdout().write_all(out.as_bytes())?;
    let failed = checked.iter().any(|c| {
        c.report.total.erreurs > 0
            || args.deny == Some(Deny::Warnings) && c.report.total.avertissements > 0
    });
    Ok(ExitCode::from(u8::from(failed)))
}

fn explain(name: &str) -> ExitCode {
    if name.is_empty() {
        let mut famille = "";
        for r in RULES {
            if r.famille != famille {
                famille = r.famille;
                println!("\n{}", famille.to_uppercase());
            }
            println!("  {:<28} {:<14} {}", r.name, r.severity, r.titre);
        }
        println!("\n« ldm check --explain <règle> » explique une règle.");
        return ExitCode::SUCCESS;
    }
    match rules::rule(name) {
        Some(r) => {
            println!(
                "{} ({}, famille {})\n\n{}\n\n{}",
                r.name, r.severity, r.famille, r.titre, r.explication
            );
            ExitCode::SUCCESS
        }
        None => {
            let hint = ldm::text::suggest(name, RULES.iter().map(|r| r.name))
                .map_or(String::new(), |s| format!(" ; vouliez-vous dire « {s} » ?"));
            eprintln!(
                "erreur : règle inconnue « {name} »{hint}\n« ldm check --explain » liste toutes les règles."
            );
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
