//! SARIF 2.1.0 report: the format of code-scanning tools (GitHub code scanning, IDEs).
//!
//! One run; `tool.driver.rules` describes every rule of the catalogue, in catalogue order,
//! and each result points at its rule by id and index; a rule's `name` is its PascalCase
//! identifier, distinct from the id, and every result has a region (line 1 for a finding
//! about a whole file), as GitHub code scanning wants. Columns count characters
//! (`columnKind: unicodeCodePoints`), as everywhere in ldm.

use super::{Checked, located, message_with_help, repo_path};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use serde::Serialize;
use serde_json::{Value, json};

pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// SARIF's levels: error, warning, note.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Erreur => "error",
        Severity::Avertissement => "warning",
        Severity::Info => "note",
    }
}

pub fn write(out: &mut String, checked: &[Checked]) {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            // The catalogue's texts are French prose, shown as findings are.
            let explication = crate::typo::french(r.explication());
            json!({
                "id": r.name(),
                "name": r.pascal_name(),
                "shortDescription": { "text": crate::typo::french(r.titre()) },
                "fullDescription": { "text": explication },
                "help": { "text": format!("{explication}\n\nldm check --explain {}", r.name()) },
                "defaultConfiguration": { "level": level(r.severity()) },
                "properties": { "tags": [r.famille().label()] },
            })
        })
        .collect();
    let mut driver = json!({
        "name": "ldm",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // The tool's page, when this build knows where ldm is published (src/release.rs).
    if let Some(repo) = crate::release::repository() {
        driver["informationUri"] = json!(repo);
    }
    let doc = Document {
        schema: SCHEMA,
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: Results(checked),
            tool: json!({ "driver": driver }),
        }],
        version: "2.1.0",
    };
    // Written into a buffer reserved at once (pages never touched cost nothing), and an
    // empty `out` takes it without a copy: 100,000 findings make 90 MB of SARIF, and a
    // buffer grown by doubling held twice that.
    let findings: usize = checked.iter().map(|c| c.report.diagnostics.len()).sum();
    let mut buffer = Vec::with_capacity(64 * 1024 + findings.saturating_mul(1024));
    // Serialising plain data into memory cannot fail, and serde_json writes UTF-8.
    let _ = serde_json::to_writer_pretty(&mut buffer, &doc);
    let text = String::from_utf8(buffer).unwrap_or_default();
    if out.is_empty() {
        *out = text;
    } else {
        out.push_str(&text);
    }
    out.push('\n');
}

// The document as typed values, fields in the order serde_json's maps print them
// (sorted): a tree of `Value`s cost 13 KB a finding, so 100,000 findings took 1.4 GB.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: Results<'a>,
    tool: Value,
}

/// The results, each made as it is written: never all in memory at once.
struct Results<'a>(&'a [Checked]);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().flat_map(|c| {
            let prints = super::gitlab::fingerprints(c);
            c.report
                .diagnostics
                .iter()
                .zip(prints)
                .map(move |(d, fingerprint)| result(c, d, fingerprint))
        }))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    level: &'static str,
    locations: [Location; 1],
    message: Text,
    partial_fingerprints: Fingerprints,
    /// The finding's second place (where the parser noticed an unclosed quote, say).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Physical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Uri,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Related {
    id: u32,
    message: Text,
    physical_location: Physical,
}

#[derive(Serialize)]
struct Uri {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
    start_line: u32,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "ldm/v1")]
    ldm: String,
}

/// One finding as a SARIF result.
fn result(c: &Checked, d: &Diagnostic, fingerprint: String) -> SarifResult {
    let (file, pos) = located(d);
    // Code scanning drops a result without a region: a finding about a whole file
    // points at its first line.
    let region = match pos {
        Some(p) => Region {
            end_column: Some(p.column + p.len),
            start_column: Some(p.column),
            start_line: p.line,
        },
        None => Region {
            end_column: None,
            start_column: None,
            start_line: 1,
        },
    };
    let artifact = || Uri {
        uri: uri(&repo_path(&c.label, file)),
    };
    let related_locations = d
        .secondary
        .iter()
        .map(|sec| Related {
            id: 1,
            message: Text {
                text: sec.message.clone(),
            },
            physical_location: Physical {
                artifact_location: artifact(),
                region: Region {
                    end_column: Some(sec.pos.column + sec.pos.len),
                    start_column: Some(sec.pos.column),
                    start_line: sec.pos.line,
                },
            },
        })
        .collect();
    SarifResult {
        level: level(d.severity),
        locations: [Location {
            physical_location: Physical {
                artifact_location: artifact(),
                region,
            },
        }],
        message: Text {
            text: message_with_help(d),
        },
        partial_fingerprints: Fingerprints { ldm: fingerprint },
        related_locations,
        rule_id: d.rule.name(),
        rule_index: d.rule.index(),
    }
}

/// A relative path as a URI reference: `/` kept, every byte outside RFC 3986's
/// unreserved and path characters percent-encoded (spaces, accents).
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_spaces_and_accents() {
        assert_eq!(
            uri("criteres/1-offre/actions/mini stages.md"),
            "criteres/1-offre/actions/mini%20stages.md"
        );
        assert_eq!(uri("preuves/été.pdf"), "preuves/%C3%A9t%C3%A9.pdf");
        assert_eq!(uri("a:b%c"), "a%3Ab%25c");
    }

    #[test]
    fn rule_names_are_pascal_case_and_differ_from_ids() {
        assert_eq!(Rule::SectionInconnue.pascal_name(), "SectionInconnue");
        for r in Rule::ALL {
            let name = r.pascal_name();
            assert_ne!(name, r.name());
            assert!(name.starts_with(|c: char| c.is_ascii_uppercase()), "{name}");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
        }
    }

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Erreur), "error");
        assert_eq!(level(Severity::Avertissement), "warning");
        assert_eq!(level(Severity::Info), "note");
    }
}
