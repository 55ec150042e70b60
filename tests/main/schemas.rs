//! The JSON Schemas of `schema/`: committed copies equal the generated ones, the example
//! dossier and a new dossier validate against them, a typo does not; the JSON outputs of
//! every verb validate against their shipped schemas, which docs/json.md documents.
//!
//! After a change of the model types: `LDM_UPDATE_SCHEMAS=1 cargo test --test main schemas`
//! rewrites the files, then review the diff of `schema/`.

use crate::common::*;
use ldm::ops::json::all_schemas;
use ldm::schema::{self, SCHEMAS};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn committed_schemas_are_the_generated_ones() {
    let update = std::env::var_os("LDM_UPDATE_SCHEMAS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for e in all_schemas() {
        let path = root().join("schema").join(e.file);
        let want = e.json();
        if fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            if update {
                fs::write(&path, &want).unwrap();
            } else {
                stale.push(format!("schema/{}", e.file));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "schémas à régénérer : {}\n\
         les types Rust ont changé : lancez « LDM_UPDATE_SCHEMAS=1 cargo test --test main schemas » \
         (ou « cargo run -- schema NOM > schema/NOM.schema.json ») puis relisez le diff",
        stale.join(", ")
    );
}

/// The schema `ldm schema NAME` ships, as a validator.
fn validator(name: &str) -> jsonschema::Validator {
    let out = Ldm::new().args(["schema", name]).run();
    out.success();
    let v = out.json();
    jsonschema::draft7::new(&v).unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// The YAML between the first two `---` lines of a Markdown file, as JSON.
fn front_matter(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("closing ---");
    serde_saphyr::from_str(&rest[..end + 1]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Every file of `dir` that `ldm check` reads, with the schema that describes it.
fn dossier_files(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut files = vec![(dir.join("etablissement.md"), "etablissement")];
    for c in fs::read_dir(dir.join("criteres")).unwrap() {
        let c = c.unwrap().path();
        files.push((c.join("critere.md"), "critere"));
        for (folder, name) in [("actions", "action"), ("engagements", "engagement")] {
            if let Ok(entries) = fs::read_dir(c.join(folder)) {
                for f in entries {
                    files.push((f.unwrap().path(), name));
                }
            }
        }
    }
    files.sort();
    files
}

fn assert_dossier_validates(dir: &Path) {
    let toml_text = fs::read_to_string(dir.join("ldm.toml")).unwrap();
    let config: Value = toml::from_str(&toml_text).unwrap();
    let errs = errors(&validator("ldm.toml"), &config);
    assert!(errs.is_empty(), "ldm.toml: {errs:?}");
    let files = dossier_files(dir);
    assert!(files.len() >= 9, "{files:?}");
    for (path, name) in files {
        let errs = errors(&validator(name), &front_matter(&path));
        assert!(errs.is_empty(), "{}: {errs:?}", path.display());
    }
}

#[test]
fn the_example_dossier_validates() {
    assert_dossier_validates(&example());
}

#[test]
fn a_new_dossier_validates_and_points_editors_at_its_own_schemas() {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026", "--reseau"]).success();
    let dir = tmp.path().join("d");
    assert_dossier_validates(&dir);
    // The copies written into the dossier are the published schemas.
    for e in SCHEMAS {
        let copy = dir.join(schema::DOSSIER_DIR).join(e.file);
        assert_eq!(fs::read_to_string(copy).unwrap(), e.json(), "{}", e.file);
    }
    // Each scaffolded file's first front matter line names a schema that exists there.
    for (path, name) in dossier_files(&dir) {
        let text = fs::read_to_string(&path).unwrap();
        let line = text.lines().nth(1).unwrap();
        let rel = line
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{}: {line}", path.display()));
        assert!(rel.ends_with(&format!("/{name}.schema.json")), "{rel}");
        assert!(path.parent().unwrap().join(rel).is_file(), "{rel}");
    }
    let toml_text = fs::read_to_string(dir.join("ldm.toml")).unwrap();
    let rel = toml_text
        .lines()
        .next()
        .unwrap()
        .strip_prefix("#:schema ")
        .unwrap();
    assert!(dir.join(rel).is_file(), "{rel}");
}

#[test]
fn schemas_reject_an_unknown_field_and_a_wrong_type() {
    let actions = fixture("tout-en-un").join("criteres/1-offre-de-formation/actions");
    let v = validator("action");
    // « cibel » for « cible »: deny_unknown_fields became additionalProperties: false.
    let errs = errors(&v, &front_matter(&actions.join("visites-entreprises.md")));
    assert!(errs.iter().any(|e| e.contains("cibel")), "{errs:?}");
    // « cible: quarante »: a number is expected.
    let errs = errors(&v, &front_matter(&actions.join("mini-stages.md")));
    assert!(errs.iter().any(|e| e.contains("quarante")), "{errs:?}");
}

#[test]
fn the_embedded_editions_validate_against_the_referential_schema() {
    let v = validator("referentiel");
    for (id, text) in ldm::referentiel::EMBEDDED {
        let doc: Value = serde_saphyr::from_str(text).unwrap();
        let errs = errors(&v, &doc);
        assert!(errs.is_empty(), "{id}: {errs:?}");
    }
}

/// The broken fixtures beside the example: every JSON output must hold for them too.
const BROKEN: &[&str] = &[
    "dix-erreurs",
    "tout-en-un",
    "structure",
    "identite",
    "avertissements",
    "progression",
    "edition-inconnue",
    "audit-regles",
];

/// Validates `out`'s stdout against the shipped schema `name`.
fn assert_output_validates(name: &str, v: &jsonschema::Validator, what: &str, out: &Output) {
    let doc = out.json();
    let errs = errors(v, &doc);
    let first: Vec<&String> = errs.iter().take(8).collect();
    assert!(
        errs.is_empty(),
        "{what} contre {name} : {} erreurs, {first:?}",
        errs.len()
    );
}

#[test]
fn every_json_output_validates_against_its_shipped_schema() {
    let check = validator("sortie-check");
    let progress = validator("sortie-progress");
    let mut dossiers = vec![example()];
    dossiers.extend(BROKEN.iter().map(|f| fixture(f)));
    for d in &dossiers {
        let what = d.display().to_string();
        let out = Ldm::new().args(["check", "--format", "json"]).arg(d).run();
        assert_output_validates("sortie-check", &check, &what, &out);
        let out = Ldm::new()
            .args(["progress", "--format", "json"])
            .arg(d)
            .run();
        if out.code == 2 {
            // `identite`'s campaign year is out of range: a refusal, and no half document.
            assert!(out.stdout.is_empty() && d.ends_with("identite"), "{out}");
        } else {
            assert_output_validates("sortie-progress", &progress, &what, &out);
        }
    }
    // Everything on one command line: one document, every dossier in it.
    let out = Ldm::new()
        .args(["check", "--format", "json"])
        .args(&dossiers)
        .run();
    assert_eq!(
        out.json()["dossiers"].as_array().unwrap().len(),
        dossiers.len()
    );
    assert_output_validates("sortie-check", &check, "tous", &out);
}

#[test]
fn diff_and_audit_outputs_validate_against_their_shipped_schemas() {
    let old = root().join("examples/lycee-marie-marvingt-2021");
    let diff = validator("sortie-diff");
    for (a, b) in [
        (old.clone(), example()),
        (example(), fixture("dix-erreurs")),
    ] {
        let out = Ldm::new()
            .args(["diff", "--format", "json"])
            .arg(&a)
            .arg(&b)
            .run();
        assert_output_validates("sortie-diff", &diff, &b.display().to_string(), &out);
    }
    let check = validator("sortie-check");
    let resume = validator("sortie-audit-resume");
    for d in [example(), fixture("audit-regles")] {
        let what = d.display().to_string();
        let out = Ldm::new()
            .args(["audit", "check", "--format", "json"])
            .arg(&d)
            .run();
        assert_output_validates("sortie-check", &check, &what, &out);
        let out = Ldm::new()
            .args(["audit", "resume", "--format", "json"])
            .arg(&d)
            .run();
        assert_output_validates("sortie-audit-resume", &resume, &what, &out);
    }
}

#[test]
fn an_output_schema_refuses_an_unknown_status_and_a_field_added_without_a_version() {
    let progress = validator("sortie-progress");
    let out = Ldm::new()
        .args(["progress", "--format", "json"])
        .arg(example())
        .run();
    let mut doc = out.json();
    doc["criteres"][0]["fiches"][0]["objectifs"][0]["indicateurs"][0]["statut"] = "presque".into();
    doc["resume"]["nouveau"] = 1.into();
    let errs = errors(&progress, &doc);
    assert!(errs.iter().any(|e| e.contains("presque")), "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("nouveau")), "{errs:?}");
    doc = out.json();
    doc["version"] = 1.into();
    assert!(!errors(&progress, &doc).is_empty(), "la version est fixée");
}

/// Every string a schema allows as a closed value (`enum`, `const`), with its path.
fn closed_values(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("enum", Value::Array(values)) => out.extend(
                        values
                            .iter()
                            .filter_map(Value::as_str)
                            .map(|s| (at.to_string(), s.to_string())),
                    ),
                    ("const", Value::String(s)) => out.push((at.to_string(), s.clone())),
                    _ => closed_values(x, &format!("{at}/{k}"), out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| closed_values(x, at, out)),
        _ => {}
    }
}

#[test]
fn docs_json_lists_every_value_the_output_schemas_allow() {
    let docs = fs::read_to_string(root().join("docs/json.md")).unwrap();
    let mut missing = Vec::new();
    for e in ldm::ops::json::OUTPUTS {
        let v: Value = serde_json::from_str(&e.json()).unwrap();
        let mut values = Vec::new();
        closed_values(&v, "", &mut values);
        assert!(!values.is_empty(), "{}: {values:?}", e.name);
        for (at, value) in values {
            if !docs.contains(&format!("`{value}`")) {
                missing.push(format!("{} {at} : `{value}`", e.name));
            }
        }
        // Each output's schema is named on the page, and its version in the changelog.
        assert!(
            docs.contains(&format!("ldm schema {}", e.name)),
            "{}",
            e.name
        );
        let verb = e.title.trim_end_matches(" --format json");
        let version = &v["properties"]["version"]["const"];
        let entry = format!("**`{verb}`, version {version}**");
        assert!(docs.contains(&entry), "docs/json.md, Historique : {entry}");
    }
    assert!(
        missing.is_empty(),
        "absents de docs/json.md :\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_import_report_validates_against_its_shipped_schema() {
    let v = validator("sortie-import");
    let tmp = tempfile::tempdir().unwrap();
    // ldm's own annex in Word, always; the school's Word file where python-docx is.
    let annexe = tmp.path().join("annexe.docx");
    Ldm::new()
        .args(["render", "-o"])
        .arg(&annexe)
        .arg(example())
        .run()
        .success();
    let mut files = vec![annexe];
    if crate::import::python_docx() {
        files.push(crate::import::school_docx(tmp.path()));
    }
    for (i, f) in files.iter().enumerate() {
        let out = Ldm::new()
            .arg("import")
            .arg(f)
            .arg(tmp.path().join(format!("d{i}")))
            .args(["--format", "json"])
            .run();
        out.success();
        assert_output_validates("sortie-import", &v, &f.display().to_string(), &out);
        let json = out.json();
        assert_eq!(json["version"], 1, "{}", out.stdout);
        assert!(
            json["comptes"]["criteres"].as_u64() > Some(1),
            "{}",
            out.stdout
        );
        // A field the schema does not list is refused: the contract is closed.
        let mut extra = json.clone();
        extra["comptes"]["inattendu"] = Value::Bool(true);
        assert!(!v.is_valid(&extra));
    }
}
