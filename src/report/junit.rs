//! JUnit XML report: one test suite per dossier, one test case per file, a failure per
//! error (per warning too with `--deny warnings`); other findings as `<system-out>` lines.
//!
//! Test report viewers (GitLab's « Tests » tab, Jenkins) then list each dossier's files
//! and what keeps them from passing.

use super::{Checked, Options, located, repo_path};
use crate::diagnostic::{Diagnostic, Severity, file_rank};
use quick_xml::escape::{escape, partial_escape};
use std::collections::BTreeSet;
use std::fmt::Write;

/// One file of a dossier and its findings.
struct Case<'a> {
    file: &'a str,
    failures: Vec<&'a Diagnostic>,
    others: Vec<&'a Diagnostic>,
}

fn fails(d: &Diagnostic, opts: Options) -> bool {
    d.severity == Severity::Erreur || opts.deny_warnings && d.severity == Severity::Avertissement
}

/// The test cases of a dossier: every text file read, plus any other file a finding
/// names, in the dossier's own order.
fn cases<'a>(c: &'a Checked, opts: Options) -> Vec<Case<'a>> {
    let mut files: BTreeSet<(u8, Option<u32>, u8, &str)> = BTreeSet::new();
    let mut add = |f: &'a str| {
        let (rank, critere, within) = file_rank(f);
        files.insert((rank, critere, within, f));
    };
    c.files.iter().for_each(|f| add(f));
    c.report.diagnostics.iter().for_each(|d| add(located(d).0));
    files
        .into_iter()
        .map(|(.., file)| {
            let (failures, others) = c
                .report
                .diagnostics
                .iter()
                .filter(|d| located(d).0 == file)
                .partition(|d| fails(d, opts));
            Case {
                file,
                failures,
                others,
            }
        })
        .collect()
}

pub fn write(out: &mut String, checked: &[Checked], opts: Options) {
    let suites: Vec<(&Checked, Vec<Case>)> = checked.iter().map(|c| (c, cases(c, opts))).collect();
    let tests: usize = suites.iter().map(|(_, cs)| cs.len()).sum();
    let failures = |cs: &[Case]| cs.iter().filter(|c| !c.failures.is_empty()).count();
    let failed: usize = suites.iter().map(|(_, cs)| failures(cs)).sum();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"ldm check\" tests=\"{tests}\" failures=\"{failed}\" errors=\"0\">"
    );
    for (c, cs) in &suites {
        let label = attr(&c.label);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{label}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            cs.len(),
            failures(cs)
        );
        for case in cs {
            let head = format!(
                "    <testcase classname=\"{label}\" name=\"{}\"",
                attr(case.file)
            );
            if case.failures.is_empty() && case.others.is_empty() {
                let _ = writeln!(out, "{head}/>");
                continue;
            }
            let _ = writeln!(out, "{head}>");
            for d in &case.failures {
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    attr(d.rule.name()),
                    attr(&format!("{}: {}", d.rule, d.message)),
                    text(&details(c, d))
                );
            }
            if !case.others.is_empty() {
                let lines: Vec<String> = case.others.iter().map(|d| line(c, d)).collect();
                let _ = writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    text(&lines.join("\n"))
                );
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
}

/// `path:line:column`, then the hint: the body of a failure.
fn details(c: &Checked, d: &Diagnostic) -> String {
    let mut s = place(c, d);
    if let Some(h) = &d.help {
        let _ = write!(s, "\naide : {h}");
    }
    s
}

/// `avertissement[rule] path:line:column : message`, a line of `<system-out>`.
fn line(c: &Checked, d: &Diagnostic) -> String {
    format!("{}[{}] {} : {}", d.severity, d.rule, place(c, d), d.message)
}

fn place(c: &Checked, d: &Diagnostic) -> String {
    let (file, pos) = located(d);
    let path = repo_path(&c.label, file);
    match pos {
        Some(p) => format!("{path}:{}:{}", p.line, p.column),
        None => path,
    }
}

/// Characters XML 1.0 cannot carry at all become U+FFFD.
fn xml_chars(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// Element text: `<`, `>` and `&` escaped.
fn text(s: &str) -> String {
    partial_escape(xml_chars(s)).into_owned()
}

/// An attribute value: quotes escaped too, and line breaks and tabs as character
/// references, or parsers would turn them into spaces.
fn attr(s: &str) -> String {
    escape(xml_chars(s))
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_text_are_escaped() {
        assert_eq!(
            attr("a<b>&\"c\"\n'd'"),
            "a&lt;b&gt;&amp;&quot;c&quot;&#10;&apos;d&apos;"
        );
        assert_eq!(text("x\u{1}y 'a' <b>"), "x\u{fffd}y 'a' &lt;b&gt;");
        assert_eq!(text("« été »"), "« été »");
    }
}
