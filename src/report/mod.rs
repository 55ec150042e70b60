//! Reports of `ldm check`: human (rustc-like), short, JSON, and the CI formats
//! (GitLab Code Quality, GitHub workflow commands, SARIF, JUnit XML).

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod overview;
pub mod sarif;

use crate::check::CheckReport;
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::Dossier;
use crate::source::Source;
use std::collections::{BTreeMap, BTreeSet};

/// Output formats of `ldm check`; the variants' doc comments are the French help of
/// `--format`'s values (shell completions show them). Values are French; the English
/// ones of earlier versions are hidden aliases, so existing scripts keep working.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Messages détaillés avec extrait du fichier (par défaut)
    #[value(name = "humain", alias = "human")]
    Human,
    /// Une ligne par problème : fichier:ligne:colonne
    #[value(name = "court", alias = "short")]
    Short,
    /// Données JSON pour d'autres outils
    Json,
    /// Rapport Code Quality de GitLab (JSON)
    Gitlab,
    /// Annotations GitHub Actions (et résumé dans le fichier que nomme la variable GITHUB_STEP_SUMMARY)
    Github,
    /// SARIF 2.1.0 (analyse de code : GitHub, éditeurs)
    Sarif,
    /// JUnit XML (onglet « Tests » des forges)
    Junit,
    /// Une ligne par dossier (nom, UAI, erreurs, avertissements, exigences couvertes) et
    /// une ligne de total : la vue d'un lot de dossiers
    Resume,
}

/// One checked dossier, ready to report: only what the reports need of it, so that a
/// batch keeps these small records and drops each dossier once checked.
pub struct Checked {
    /// The path as the user typed it.
    pub label: String,
    /// Every text file read, by relative path (JUnit's test cases).
    pub files: Vec<String>,
    /// The text of each file a finding points into, to quote its line.
    pub sources: BTreeMap<String, Source>,
    /// The school's name and UAI from `ldm.toml`, when it could be read.
    pub etablissement: Option<(String, String)>,
    pub report: CheckReport,
    /// Findings outside the scope the user asked for (`--critere`, a file), not shown.
    pub hidden: usize,
    /// The human report may be an overview when the findings do not fit a screen
    /// (`overview`): `ldm check` on a whole dossier without `--tout`.
    pub overview: bool,
}

impl Checked {
    /// Keeps from `dossier` what the reports of `report` quote.
    pub fn new(label: String, dossier: &Dossier, report: CheckReport, hidden: usize) -> Checked {
        let etablissement = etablissement(dossier);
        Checked {
            hidden,
            ..Checked::of(label, &dossier.sources, etablissement, report)
        }
    }

    /// Keeps from the files read, `sources`, what the reports of `report` quote: also
    /// the report of files that are not a dossier's own (`ldm audit check`).
    pub fn of(
        label: String,
        sources: &BTreeMap<String, Source>,
        etablissement: Option<(String, String)>,
        report: CheckReport,
    ) -> Checked {
        let cited: BTreeSet<&str> = report
            .diagnostics
            .iter()
            .filter_map(|d| d.file.as_deref())
            .collect();
        let quoted = sources
            .iter()
            .filter(|(f, _)| cited.contains(f.as_str()))
            .map(|(f, s)| (f.clone(), s.clone()))
            .collect();
        Checked {
            label,
            files: sources.keys().cloned().collect(),
            sources: quoted,
            etablissement,
            report,
            hidden: 0,
            overview: false,
        }
    }
}

/// The school's name and UAI from `ldm.toml`, when it could be read.
pub fn etablissement(dossier: &Dossier) -> Option<(String, String)> {
    dossier.config.as_ref().map(|k| {
        let e = &k.etablissement;
        (e.nom.get_ref().clone(), e.uai.get_ref().clone())
    })
}

/// How the report is written and what counts as a failure.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    pub color: bool,
    /// `--deny warnings`: a dossier with warnings fails too.
    pub deny_warnings: bool,
}

impl Options {
    /// A report in `format` that fails on errors only (warnings do not fail it).
    pub fn new(format: Format, color: bool) -> Options {
        Options {
            format,
            color,
            deny_warnings: false,
        }
    }

    /// True when this dossier makes `ldm check` fail.
    pub fn fails(&self, c: &Checked) -> bool {
        let t = c.report.total;
        t.erreurs > 0 || self.deny_warnings && t.avertissements > 0
    }
}

/// Writes the report of several dossiers in the chosen format.
pub fn write(out: &mut String, checked: &[Checked], opts: Options) {
    match opts.format {
        Format::Human | Format::Short => human::write(out, checked, opts),
        Format::Json => json::write(out, checked),
        Format::Gitlab => gitlab::write(out, checked),
        Format::Github => github::write(out, checked),
        Format::Sarif => sarif::write(out, checked),
        Format::Junit => junit::write(out, checked, opts),
        Format::Resume => human::resume(out, checked, opts),
    }
}

/// A file of a dossier as a path from where ldm ran: the dossier as the user typed it,
/// then the file, with `/` separators and no leading `./` (what CI tools expect).
pub fn repo_path(label: &str, file: &str) -> String {
    let label = label.trim_end_matches('/');
    let mut path = if label.is_empty() || label == "." {
        file.to_string()
    } else {
        format!("{label}/{file}")
    };
    if std::path::MAIN_SEPARATOR != '/' {
        path = path.replace(std::path::MAIN_SEPARATOR, "/");
    }
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    path
}

/// The file a finding is reported on, relative to the dossier (`ldm.toml` for a finding
/// about the whole dossier: CI tools need a file), and its position when it has one.
pub fn located(d: &Diagnostic) -> (&str, Option<Pos>) {
    match &d.file {
        Some(f) => (f.as_str(), d.pos),
        None => ("ldm.toml", None),
    }
}

/// The message with its hint on a second line, for formats that have one text field.
pub fn message_with_help(d: &Diagnostic) -> String {
    match &d.help {
        Some(h) => format!("{}\naide\u{a0}: {h}", d.message),
        None => d.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn repo_paths_have_no_leading_dot() {
        for (label, want) in [
            (".", "ldm.toml"),
            ("./", "ldm.toml"),
            ("./a", "a/ldm.toml"),
            ("a/b/", "a/b/ldm.toml"),
            ("", "ldm.toml"),
        ] {
            assert_eq!(super::repo_path(label, "ldm.toml"), want, "{label}");
        }
    }
}
