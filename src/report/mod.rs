//! Reports of `ldm check`: human (rustc-like), short, and JSON.

pub mod human;
pub mod json;

use crate::check::CheckReport;
use crate::model::Dossier;

/// Output formats of `ldm check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Short,
    Json,
}

/// One checked dossier, ready to report.
pub struct Checked<'a> {
    /// The path as the user typed it.
    pub label: String,
    pub dossier: &'a Dossier,
    pub report: CheckReport,
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
    }
}

/// A number as French readers write it: no trailing `.0`, a decimal comma.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{:.2}", v);
        s.trim_end_matches('0')
            .trim_end_matches('.')
            .replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_french() {
        for (v, s) in [
            (140.0, "140"),
            (85.5, "85,5"),
            (1.0 / 3.0, "0,33"),
            (-3.0, "-3"),
        ] {
            assert_eq!(super::number(v), s);
        }
    }
}
