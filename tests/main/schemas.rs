//! The JSON Schemas of `schema/`: committed copies equal the generated ones, the example
//! dossier and a new dossier validate against them, a typo does not.
//!
//! After a change of the model types: `LDM_UPDATE_SCHEMAS=1 cargo test --test main schemas`
//! rewrites the files, then review the diff of `schema/`.

use crate::common::*;
use ldm::schema::{self, SCHEMAS};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn committed_schemas_are_the_generated_ones() {
    let update = std::env::var_os("LDM_UPDATE_SCHEMAS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for e in SCHEMAS {
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

fn validator(name: &str) -> jsonschema::Validator {
    let e = schema::entry(name).unwrap();
    let v: Value = serde_json::from_str(&e.json()).unwrap();
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
