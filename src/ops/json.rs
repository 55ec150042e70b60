//! The JSON outputs as contracts: the envelope every JSON document of ldm carries and
//! the schemas of the outputs of `check`, `progress`, `diff`, `audit` and `import`, generated from
//! the very types that are serialised, shipped by `ldm schema` and committed in `schema/`.

use crate::schema::Entry;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde::Serialize;
use serde_json::{Map, Value};

/// A JSON document of ldm: its generator mark (which lets `fsutil::write_output`
/// recognise its own files) and the version of its shape (each document's own, see
/// docs/json.md), then the report's fields.
#[derive(Serialize, JsonSchema)]
pub struct Envelope<'a, T: Serialize + JsonSchema> {
    generateur: &'static str,
    version: u32,
    #[serde(flatten)]
    report: &'a T,
}

/// `report` in its envelope, pretty-printed, ending with a newline.
pub fn document(version: u32, report: &(impl Serialize + JsonSchema)) -> String {
    let doc = Envelope {
        generateur: "ldm",
        version,
        report,
    };
    // Serialising plain data to a String cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// `ldm audit resume --format json`: one line per audited school.
#[derive(Serialize, JsonSchema)]
pub struct AuditResume<'a> {
    pub audits: &'a [crate::audit::resume::Ligne],
}

/// The version of `ldm audit resume --format json` (docs/json.md keeps the changelog).
pub const AUDIT_RESUME_VERSION: u32 = 1;

/// The outputs' schemas, in the order of `ldm schema`'s help.
pub const OUTPUTS: &[Entry] = &[
    Entry::new(
        "sortie-check",
        "sortie-check.schema.json",
        "ldm check --format json",
        "Les constats de « ldm check » (et de « ldm audit check ») sur un ou plusieurs dossiers, avec le résumé par critère.",
        check,
    ),
    Entry::new(
        "sortie-progress",
        "sortie-progress.schema.json",
        "ldm progress --format json",
        "Les indicateurs du dossier à l'année de référence : mesures, progression, statut, résumés.",
        progress,
    ),
    Entry::new(
        "sortie-diff",
        "sortie-diff.schema.json",
        "ldm diff --format json",
        "Ce qui a changé entre deux dossiers : critères, fiches, engagements, équipe.",
        diff,
    ),
    Entry::new(
        "sortie-audit-resume",
        "sortie-audit-resume.schema.json",
        "ldm audit resume --format json",
        "Une ligne par établissement audité : UAI, nom, date, avis, écarts.",
        audit_resume,
    ),
    Entry::new(
        "sortie-audit-comparer",
        "sortie-audit-comparer.schema.json",
        "ldm audit comparer --format json",
        "Les exigences que l'autoévaluation du lycée et l'audit jugent autrement.",
        audit_comparer,
    ),
    Entry::new(
        "sortie-import",
        "sortie-import.schema.json",
        "ldm import --format json",
        "Ce que « ldm import » a repris d'un dossier Word : fichiers écrits, comptes, passages non repris.",
        import,
    ),
];

/// The schema named `name`, of a dossier's file or of an output.
pub fn schema(name: &str) -> Option<&'static Entry> {
    crate::schema::entry(name).or_else(|| OUTPUTS.iter().find(|e| e.name == name))
}

/// Every schema `ldm schema` ships: the dossier's files, then the outputs.
pub fn all_schemas() -> impl Iterator<Item = &'static Entry> {
    crate::schema::SCHEMAS.iter().chain(OUTPUTS)
}

/// The draft-07 schema of what `T` serialises to (a field skipped when empty is optional).
fn written<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

fn check() -> Schema {
    contract(
        written::<crate::report::json::Doc<'static>>(),
        crate::report::json::VERSION,
        false,
    )
}

fn progress() -> Schema {
    let s = written::<Envelope<'static, crate::progress::Progress>>();
    contract(s, crate::progress::JSON_VERSION, true)
}

fn diff() -> Schema {
    let s = written::<Envelope<'static, crate::diff::Diff>>();
    contract(s, crate::diff::JSON_VERSION, true)
}

fn audit_resume() -> Schema {
    let s = written::<Envelope<'static, AuditResume<'static>>>();
    contract(s, AUDIT_RESUME_VERSION, true)
}

fn audit_comparer() -> Schema {
    let s = written::<Envelope<'static, crate::audit::comparer::Comparaison>>();
    contract(s, crate::audit::comparer::JSON_VERSION, true)
}

fn import() -> Schema {
    let s = written::<Envelope<'static, crate::import::Sortie<'static>>>();
    contract(s, crate::import::JSON_VERSION, true)
}

/// A generated schema made a contract: the version pinned (`const`), the generator mark
/// too when the document has one, no property beyond those listed (a field added is a
/// new version, docs/json.md), and the Rust doc comments left out (English, and written
/// for ldm's developers: docs/json.md is the outputs' documentation).
fn contract(schema: Schema, version: u32, generateur: bool) -> Schema {
    let mut v = schema.to_value();
    strip(&mut v);
    if let Some(props) = v.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert(
            "version".into(),
            serde_json::json!({ "type": "integer", "const": version }),
        );
        if generateur {
            props.insert(
                "generateur".into(),
                serde_json::json!({ "type": "string", "const": "ldm" }),
            );
        }
    }
    Schema::try_from(v).unwrap_or_default()
}

/// Removes `description` and nested `title`s, and closes every object that lists its
/// properties.
fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("description");
            m.remove("title");
            close(m);
            m.values_mut().for_each(strip);
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

fn close(m: &mut Map<String, Value>) {
    if m.contains_key("properties") && !m.contains_key("additionalProperties") {
        m.insert("additionalProperties".into(), Value::Bool(false));
    }
}
