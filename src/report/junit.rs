//! JUnit XML report, valid against the strict Ant schema (windyroad's `JUnit.xsd`,
//! tests/vendor/junit): one test suite per dossier; one test case per error (per warning
//! too with `--deny warnings`), since viewers that keep one failure per case (junit2html,
//! xunitparser) would lose the others; one passing case per file without any; the other
//! findings in the suite's `<system-out>`.
//!
//! Test report viewers (GitLab's « Tests » tab, Jenkins) then list each dossier's files
//! and what keeps them from passing.

use super::{Checked, Options, located, repo_path};
use crate::diagnostic::{Diagnostic, Severity, file_rank};
use quick_xml::escape::{escape, partial_escape};
use std::collections::BTreeSet;
use std::fmt::Write;

/// One test case: a failing finding, or a file that has none.
enum Case<'a> {
    Failure(&'a Diagnostic),
    Passed(&'a str),
}

/// The cases and the other findings of one dossier.
struct Suite<'a> {
    cases: Vec<Case<'a>>,
    others: Vec<&'a Diagnostic>,
}

fn fails(d: &Diagnostic, opts: Options) -> bool {
    d.severity == Severity::Erreur || opts.deny_warnings && d.severity == Severity::Avertissement
}

/// The suite of a dossier: every text file read, plus any other file a finding names,
/// in the dossier's own order, each as its failures or as one passing case.
fn suite<'a>(c: &'a Checked, opts: Options) -> Suite<'a> {
    let mut files: BTreeSet<(u8, Option<u32>, u8, &str)> = BTreeSet::new();
    let mut add = |f: &'a str| {
        let (rank, critere, within) = file_rank(f);
        files.insert((rank, critere, within, f));
    };
    c.files.iter().for_each(|f| add(f));
    c.report.diagnostics.iter().for_each(|d| add(located(d).0));
    let mut cases = Vec::new();
    for (.., file) in files {
        let before = cases.len();
        cases.extend(
            c.report
                .diagnostics
                .iter()
                .filter(|d| located(d).0 == file && fails(d, opts))
                .map(Case::Failure),
        );
        if cases.len() == before {
            cases.push(Case::Passed(file));
        }
    }
    let others = c
        .report
        .diagnostics
        .iter()
        .filter(|d| !fails(d, opts))
        .collect();
    Suite { cases, others }
}

pub fn write(out: &mut String, checked: &[Checked], opts: Options) {
    let timestamp = timestamp();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    for (id, c) in checked.iter().enumerate() {
        let s = suite(c, opts);
        let label = attr(&c.label);
        let failures = s
            .cases
            .iter()
            .filter(|k| matches!(k, Case::Failure(_)))
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{label}\" package=\"{label}\" id=\"{id}\" timestamp=\"{timestamp}\" \
             hostname=\"localhost\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">",
            s.cases.len(),
        );
        out.push_str("    <properties/>\n");
        for case in &s.cases {
            write_case(out, c, &label, case);
        }
        let lines: Vec<String> = s.others.iter().map(|d| line(c, d)).collect();
        let _ = writeln!(
            out,
            "    <system-out>{}</system-out>\n    <system-err/>\n  </testsuite>",
            text(&lines.join("\n"))
        );
    }
    out.push_str("</testsuites>\n");
}

/// A case is named after its file, and a failing one after its place and rule too.
fn write_case(out: &mut String, c: &Checked, label: &str, case: &Case) {
    let head = format!("    <testcase classname=\"{label}\"");
    match case {
        Case::Passed(file) => {
            let name = attr(&repo_path(&c.label, file));
            let _ = writeln!(out, "{head} name=\"{name}\" time=\"0\"/>");
        }
        Case::Failure(d) => {
            let name = attr(&format!("{} {}", place(c, d), d.rule));
            let _ = writeln!(
                out,
                "{head} name=\"{name}\" time=\"0\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                attr(d.rule.name()),
                attr(&format!("{}: {}", d.rule, d.message)),
                text(&details(c, d))
            );
        }
    }
}

/// The suites' `timestamp` (the schema requires one), in UTC and the schema's form (no
/// zone): `SOURCE_DATE_EPOCH` when set, else the Unix epoch, 1970-01-01T00:00:00. Never
/// the clock: the same dossier gives the same report bytes (ARCHITECTURE.md).
fn timestamp() -> String {
    crate::epoch::iso(crate::epoch::from_env().unwrap_or(time::OffsetDateTime::UNIX_EPOCH))
}

/// `path:line:column`, then the hint: the body of a failure.
fn details(c: &Checked, d: &Diagnostic) -> String {
    let mut s = place(c, d);
    if let Some(h) = &d.help {
        let _ = write!(s, "\naide\u{a0}: {h}");
    }
    s
}

/// `avertissement[rule] path:line:column : message`, a line of `<system-out>`.
fn line(c: &Checked, d: &Diagnostic) -> String {
    format!(
        "{}[{}] {}\u{a0}: {}",
        d.severity,
        d.rule,
        place(c, d),
        d.message
    )
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
