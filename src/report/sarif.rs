//! SARIF 2.1.0 report: the format of code-scanning tools (GitHub code scanning, IDEs).
//!
//! One run; `tool.driver.rules` describes every rule of the catalogue, in catalogue order,
//! and each result points at its rule by id and index; a rule's `name` is its PascalCase
//! identifier, distinct from the id, and every result has a region (line 1 for a finding
//! about a whole file), as GitHub code scanning wants. Columns count characters
//! (`columnKind: unicodeCodePoints`), as everywhere in ldm.

use super::{Checked, located, message_with_help, repo_path};
use crate::diagnostic::{Rule, Severity};
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
    let mut results = Vec::new();
    for c in checked {
        let prints = super::gitlab::fingerprints(c);
        for (d, fingerprint) in c.report.diagnostics.iter().zip(prints) {
            let (file, pos) = located(d);
            let mut physical = json!({
                "artifactLocation": { "uri": uri(&repo_path(&c.label, file)) },
            });
            // Code scanning drops a result without a region: a finding about a whole
            // file points at its first line.
            physical["region"] = match pos {
                Some(p) => json!({
                    "startLine": p.line,
                    "startColumn": p.column,
                    "endColumn": p.column + p.len,
                }),
                None => json!({ "startLine": 1 }),
            };
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": message_with_help(d) },
                "locations": [{ "physicalLocation": physical }],
                "partialFingerprints": { "ldm/v1": fingerprint },
            });
            result["ruleIndex"] = json!(d.rule.index());
            results.push(result);
        }
    }
    let mut driver = json!({
        "name": "ldm",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // The tool's page, when this build knows where ldm is published (src/release.rs).
    if let Some(repo) = crate::release::repository() {
        driver["informationUri"] = json!(repo);
    }
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    // Serialising plain data to a String cannot fail.
    out.push_str(&serde_json::to_string_pretty(&doc).unwrap_or_default());
    out.push('\n');
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
