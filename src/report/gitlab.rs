//! GitLab Code Quality report: a JSON array of issues, shown in merge requests.
//!
//! Each issue carries a fingerprint that does not depend on line numbers, so a finding
//! keeps its identity when lines are added above it (GitLab compares fingerprints between
//! the branch and its target to tell new problems from old ones).

use super::{Checked, located, message_with_help, repo_path};
use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// GitLab's severities are info, minor, major, critical and blocker.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Erreur => "major",
        Severity::Avertissement => "minor",
        Severity::Info => "info",
    }
}

pub fn write(out: &mut String, checked: &[Checked]) {
    let mut issues = Vec::new();
    for c in checked {
        let prints = fingerprints(c);
        for (d, fingerprint) in c.report.diagnostics.iter().zip(prints) {
            let (file, pos) = located(d);
            issues.push(Issue {
                kind: "issue",
                check_name: d.rule.name(),
                description: message_with_help(d),
                fingerprint,
                severity: severity(d.severity),
                location: Location {
                    path: repo_path(&c.label, file),
                    lines: Lines {
                        begin: pos.map_or(1, |p| p.line),
                    },
                },
            });
        }
    }
    // Serialising plain data to a String cannot fail.
    out.push_str(&serde_json::to_string_pretty(&issues).unwrap_or_default());
    out.push('\n');
}

/// One fingerprint per diagnostic of `c`, in order: a SHA-256 (hex) of the file's path
/// as reported, the rule, the message, the text of the finding's line (trimmed) and how
/// many identical findings came before it. The line number is left out on purpose.
pub fn fingerprints(c: &Checked) -> Vec<String> {
    let mut seen: HashMap<Vec<u8>, u32> = HashMap::new();
    c.report
        .diagnostics
        .iter()
        .map(|d| {
            let key = identity(c, d);
            let n = seen.entry(key.clone()).or_insert(0);
            let mut h = Sha256::new();
            h.update(&key);
            h.update(n.to_string().as_bytes());
            *n += 1;
            hex(&h.finalize())
        })
        .collect()
}

/// The parts that identify a finding, each followed by a NUL so that no two different
/// splits of the same bytes collide.
fn identity(c: &Checked, d: &Diagnostic) -> Vec<u8> {
    let (file, pos) = located(d);
    let line = d
        .file
        .as_ref()
        .and_then(|f| c.sources.get(f))
        .zip(pos)
        .and_then(|(src, p)| src.line(p.line))
        .map_or("", str::trim);
    let mut key = Vec::new();
    let path = repo_path(&c.label, file);
    // The message's words, not its typography: no-break spaces read as spaces, so a
    // finding keeps its fingerprint (and its history in GitLab or GitHub) whatever spaces
    // a version of ldm puts in it.
    let message: String = d
        .message
        .chars()
        .map(|ch| match ch {
            crate::typo::NBSP | crate::typo::NNBSP => ' ',
            ch => ch,
        })
        .collect();
    for part in [path.as_str(), d.rule.name(), message.as_str(), line] {
        key.extend_from_slice(part.as_bytes());
        key.push(0);
    }
    key
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_use_gitlab_names() {
        assert_eq!(severity(Severity::Erreur), "major");
        assert_eq!(severity(Severity::Avertissement), "minor");
        assert_eq!(severity(Severity::Info), "info");
    }

    #[test]
    fn hex_is_lowercase_and_padded() {
        assert_eq!(hex(&[0, 10, 255]), "000aff");
    }
}
