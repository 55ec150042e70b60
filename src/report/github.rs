//! GitHub Actions report: one workflow command per finding (`::error file=…::message`),
//! which GitHub shows as annotations on the files, and a Markdown summary of the run
//! for `$GITHUB_STEP_SUMMARY`.

use super::{Checked, Options, located, message_with_help, repo_path};
use crate::diagnostic::Severity;
use crate::text::count;
use std::fmt::Write;
use std::path::Path;

/// Escapes the message of a workflow command, as GitHub documents it.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=…`, `title=…`): the message escaping plus `:` and `,`,
/// which separate the properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Erreur => "error",
        Severity::Avertissement => "warning",
        Severity::Info => "notice",
    }
}

pub fn write(out: &mut String, checked: &[Checked]) {
    for c in checked {
        for d in &c.report.diagnostics {
            let (file, pos) = located(d);
            let mut props = vec![format!(
                "file={}",
                escape_property(&repo_path(&c.label, file))
            )];
            if let Some(p) = pos {
                props.push(format!("line={}", p.line));
                props.push(format!("col={}", p.column));
            }
            props.push(format!("title={}", escape_property(d.rule.name())));
            let _ = writeln!(
                out,
                "::{} {}::{}",
                command(d.severity),
                props.join(","),
                escape_data(&message_with_help(d))
            );
        }
        let _ = writeln!(out, "{}\u{a0}: {}", c.label, totals(c));
    }
}

fn totals(c: &Checked) -> String {
    let t = c.report.total;
    format!(
        "{}, {}, {}",
        count(t.erreurs, "erreur", "erreurs"),
        count(t.avertissements, "avertissement", "avertissements"),
        count(t.infos, "info", "infos")
    )
}

/// The Markdown summary of a run: one line per dossier, then a table of every finding.
pub fn step_summary(checked: &[Checked], opts: Options) -> String {
    let mut md = String::from("## ldm check\n\n| Dossier | Bilan |\n| --- | --- |\n");
    for c in checked {
        let verdict = if opts.fails(c) {
            "à reprendre avant le dépôt"
        } else {
            "prêt pour le dépôt"
        };
        let _ = writeln!(md, "| {} | {} · {verdict} |", cell(&c.label), totals(c));
    }
    if checked.iter().all(|c| c.report.diagnostics.is_empty()) {
        md.push_str("\nAucun problème.\n");
        return md;
    }
    md.push_str(
        "\n| Gravité | Fichier | Ligne | Règle | Message |\n| --- | --- | ---: | --- | --- |\n",
    );
    for c in checked {
        for d in &c.report.diagnostics {
            let (file, pos) = located(d);
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                d.severity,
                cell(&repo_path(&c.label, file)),
                pos.map_or(String::new(), |p| p.line.to_string()),
                cell(d.rule.name()),
                cell(&message_with_help(d)),
            );
        }
    }
    md
}

/// Text safe inside a GFM table cell: Markdown punctuation and HTML are escaped, line
/// breaks become `<br>`.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// Appends `text` to the file GitHub names in `$GITHUB_STEP_SUMMARY`, creating it if needed.
pub fn append_step_summary(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("100 % : a, b\r\nc"), "100 %25 : a, b%0D%0Ac");
        // `%` first, so an escape is never escaped twice.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("a:b,c%d\ne"),
            "a%3Ab%2Cc%25d%0Ae".to_string()
        );
    }

    #[test]
    fn cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<script>"), "&lt;script&gt;");
        assert_eq!(cell("l1\nl2"), "l1<br>l2");
        assert_eq!(cell("« quarante »"), "« quarante »");
    }

    #[test]
    fn summary_is_appended_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("summary.md");
        append_step_summary(&p, "un\n").unwrap();
        append_step_summary(&p, "deux\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "un\ndeux\n");
    }
}
