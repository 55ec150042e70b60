//! `ldm audit`: the auditors' files — write the skeleton, check it, render the rapport,
//! sum up several audits.

use super::EXIT_FAILURE;
use anyhow::Context;
use ldm::audit::{self, Audit, rapport, resume};
use ldm::check::CheckReport;
use ldm::diagnostic::Counts;
use ldm::fsutil::Written;
use ldm::ops::output::{self, Kind};
use ldm::ops::scope::dossier_root;
use ldm::report::{self, Checked, Format};
use ldm::workspace::Workspace;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    verb: Verb,
}

#[derive(clap::Subcommand)]
enum Verb {
    /// Écrit les fichiers de l'audit dans audit/ (sans jamais écraser un fichier existant)
    Init {
        /// Dossier de labellisation audité (par défaut : celui qui contient le dossier courant)
        #[arg(default_value = ".")]
        dossier: PathBuf,
        /// Écrit plutôt l'autoévaluation de l'établissement dans autoevaluation/ : les
        /// mêmes fichiers de critère, jugés par l'équipe sur les échelles des auditeurs
        #[arg(long)]
        autoevaluation: bool,
    },
    /// Vérifie l'audit : exigences jugées, écarts complets, avis cohérent
    Check {
        /// Dossier de labellisation audité (par défaut : celui qui contient le dossier courant)
        #[arg(default_value = ".")]
        dossier: PathBuf,
        /// Format de sortie, comme « ldm check » : humain (par défaut), court, json, gitlab,
        /// github, sarif, junit ou resume
        #[arg(long, value_enum, default_value = "humain")]
        format: Format,
    },
    /// Produit le rapport d'audit en HTML imprimable, en Markdown, en PDF ou en Word
    Render {
        /// Dossier de labellisation audité (par défaut : celui qui contient le dossier courant)
        #[arg(default_value = ".")]
        dossier: PathBuf,
        /// Format : html (document imprimable, autonome), md (Markdown), pdf (A4, signets,
        /// produit par ldm seul) ou docx (Word). Par défaut : celui qu'annonce l'extension
        /// du fichier -o, sinon html
        #[arg(long, value_parser = super::format_values(output::RAPPORT))]
        format: Option<Kind>,
        #[command(flatten)]
        output: super::Output,
    },
    /// Compare l'autoévaluation (autoevaluation/) et l'audit (audit/) : nomme chaque
    /// exigence jugée autrement par l'établissement et par les auditeurs
    Comparer {
        /// Dossier de labellisation audité (par défaut : celui qui contient le dossier courant)
        #[arg(default_value = ".")]
        dossier: PathBuf,
        /// Format : term (par défaut) ou json
        #[arg(long, value_enum, default_value = "term")]
        format: ComparerFormat,
    },
    /// Une ligne par établissement audité : UAI, nom, date, avis, écarts majeurs et mineurs
    Resume {
        /// Dossiers audités
        #[arg(value_name = "DOSSIER", required = true)]
        dossiers: Vec<PathBuf>,
        /// Format : texte (colonnes, par défaut), csv (tableur) ou json
        #[arg(long, value_enum, default_value = "texte")]
        format: ResumeFormat,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ComparerFormat {
    Term,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ResumeFormat {
    #[value(name = "texte", alias = "term")]
    Term,
    Csv,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.verb {
        Verb::Init {
            dossier,
            autoevaluation,
        } => init(&dossier, autoevaluation),
        Verb::Comparer { dossier, format } => comparer(&dossier, format),
        Verb::Check { dossier, format } => check(&dossier, format),
        Verb::Render {
            dossier,
            format,
            output,
        } => {
            let format = match super::output_kind(format, output.path.as_deref(), output::RAPPORT) {
                Ok(f) => f,
                Err(code) => return Ok(code),
            };
            let (ws, audit) = open(&dossier)?;
            let bytes = document(&ws, &audit, format)?;
            let binary = matches!(format, Kind::Pdf | Kind::Docx);
            let to_screen = output.path.as_deref().is_none_or(|p| p.as_os_str() == "-");
            if binary && to_screen && super::stdout_is_terminal() {
                anyhow::bail!(
                    "un document PDF ou Word ne s'affiche pas à l'écran : écrivez-le dans un fichier avec « -o rapport.pdf »"
                );
            }
            super::deliver(bytes, output.path.as_deref(), output.force)
        }
        Verb::Resume { dossiers, format } => resume_all(&dossiers, format),
    }
}

/// The rapport d'audit in `format`: one document, laid out once, through the backend of
/// the format.
fn document(ws: &Workspace, audit: &Audit, format: Kind) -> anyhow::Result<Vec<u8>> {
    let echelles = audit::echelles(ws);
    let doc = audit::document::document(&rapport::build(ws, audit, &echelles));
    // `output::RAPPORT` offers no other format.
    super::document_bytes(&doc, format, "le rapport")
}

/// The dossier found upward from `path` and its audit; `Err` when there is none.
fn open(path: &Path) -> anyhow::Result<(Workspace, Audit)> {
    let root = dossier_root(path);
    let ws = Workspace::load(&root)?;
    let audit = audit::load(&ws).with_context(|| {
        format!(
            "« {} » n'a pas de dossier audit/ : « ldm audit init » l'écrit",
            super::shown(&root)
        )
    })?;
    Ok((ws, audit))
}

/// The self-assessment and the audit of the dossier found upward from `path`, compared.
fn comparer(path: &Path, format: ComparerFormat) -> anyhow::Result<ExitCode> {
    let (ws, audit) = open(path)?;
    let auto = audit::autoevaluation::load(&ws).with_context(|| {
        format!(
            "« {} » n'a pas de dossier autoevaluation/ : « ldm audit init --autoevaluation » l'écrit",
            super::shown(&ws.dossier.root)
        )
    })?;
    let c = audit::comparer::comparer(&ws, &auto, &audit);
    match format {
        ComparerFormat::Term => super::emit(&ldm::typo::french(&audit::comparer::term(&c)))?,
        ComparerFormat::Json => {
            super::emit(&super::json_document(audit::comparer::JSON_VERSION, &c)?)?
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn init(path: &Path, autoevaluation: bool) -> anyhow::Result<ExitCode> {
    let root = dossier_root(path);
    let ws = Workspace::load(&root)?;
    let mut kept = 0;
    let files = if autoevaluation {
        audit::autoevaluation::skeleton(&ws)
    } else {
        audit::init::skeleton(&ws, &audit::echelles(&ws))
    };
    for (rel, text) in files {
        let at = root.join(&rel);
        ldm::fsutil::check_inside(&root, &at).map_err(|e| anyhow::anyhow!("{e}"))?;
        match ldm::fsutil::write_new(&at, &text) {
            Ok(Written::Created) => eprintln_fr!("écrit\u{a0}: {rel}"),
            Ok(Written::Kept) => {
                eprintln_fr!("gardé\u{a0}: {rel} (il existe déjà)");
                kept += 1;
            }
            Err(e) => {
                let why = ldm::fsutil::io_french(&e);
                anyhow::bail!("écriture impossible de « {rel} » : {why}");
            }
        }
    }
    if kept > 0 {
        eprintln_fr!("{kept} fichier(s) existant(s) gardé(s) tels quels.");
    }
    eprintln_fr!("« ldm audit check » liste ce qui reste à juger.");
    Ok(ExitCode::SUCCESS)
}

fn check(path: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let (ws, audit) = open(path)?;
    let diagnostics = audit::check::check(&ws, &audit, &audit::echelles(&ws));
    let report = CheckReport {
        edition: ws.edition.id.clone(),
        total: Counts::of(&diagnostics),
        diagnostics,
        criteres: Vec::new(),
        a_corriger: Vec::new(),
    };
    let etablissement = report::etablissement(&ws.dossier);
    let label = super::label::dossier_label(path, format);
    let checked = Checked::of(label, &audit.sources, etablissement, report);
    let opts = report::Options {
        format,
        color: super::color_stdout(),
        deny_warnings: false,
    };
    let mut out = String::new();
    report::write(&mut out, std::slice::from_ref(&checked), opts);
    super::emit(&out)?;
    Ok(ExitCode::from(u8::from(opts.fails(&checked))))
}

fn resume_all(paths: &[PathBuf], format: ResumeFormat) -> anyhow::Result<ExitCode> {
    let mut lignes = Vec::new();
    for p in paths {
        let (ws, audit) = match open(p) {
            Ok(x) => x,
            Err(e) => {
                eprintln_fr!("erreur\u{a0}: {e:#}");
                return Ok(ExitCode::from(EXIT_FAILURE));
            }
        };
        let label = super::shown(p);
        lignes.push(resume::ligne(&label, &ws, &audit, &audit::echelles(&ws)));
    }
    let text = match format {
        ResumeFormat::Term => ldm::typo::french(&resume::term(&lignes)),
        ResumeFormat::Csv => resume::csv(&lignes),
        ResumeFormat::Json => {
            let doc = ldm::ops::json::AuditResume { audits: &lignes };
            super::json_document(ldm::ops::json::AUDIT_RESUME_VERSION, &doc)?
        }
    };
    super::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
