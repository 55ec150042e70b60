//! JSON Schemas (draft-07) of the files a school writes, generated from the Rust types
//! with schemars, so the schemas cannot drift from what ldm reads.
//!
//! The committed copies live in `schema/` (a test compares them with these), `ldm schema
//! NAME` prints one, and `ldm init` writes them into the new dossier's `.ldm/schema/` so
//! that editors validate the front matter offline (`# yaml-language-server: $schema=…`).

use crate::model::config::Config;
use crate::model::front::{CritereFront, EntityFront, EtablissementFront};
use crate::referentiel::EditionFile;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

/// Folder of a dossier where `ldm init` writes the schemas.
pub const DOSSIER_DIR: &str = ".ldm/schema";

/// A schema ldm publishes.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Name given to `ldm schema`.
    pub name: &'static str,
    /// File name in `schema/` and `.ldm/schema/`.
    pub file: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    generate: fn() -> Schema,
}

/// The root schema of `T` as draft-07, the dialect editors and validators agree on.
pub fn draft07<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

impl Entry {
    /// An entry of another list (the outputs' schemas of `ops::json`).
    pub const fn new(
        name: &'static str,
        file: &'static str,
        title: &'static str,
        description: &'static str,
        generate: fn() -> Schema,
    ) -> Entry {
        Entry {
            name,
            file,
            title,
            description,
            generate,
        }
    }
}

/// The kind of a fiche in the outputs (`"action"`, `"engagement"`), written as a string
/// by the outputs that carry it.
pub fn nature(_: &mut schemars::SchemaGenerator) -> Schema {
    schemars::json_schema!({ "type": "string", "enum": ["action", "engagement"] })
}

/// Every schema, in the order of `ldm schema`'s help.
pub const SCHEMAS: &[Entry] = &[
    Entry {
        name: "ldm.toml",
        file: "ldm.toml.schema.json",
        title: "ldm.toml",
        description: "Identité de l'établissement, candidature et édition du cahier des charges d'un dossier « Lycée des métiers ».",
        generate: draft07::<Config>,
    },
    Entry {
        name: "etablissement",
        file: "etablissement.schema.json",
        title: "etablissement.md (en-tête YAML)",
        description: "Les personnes qui pilotent la démarche : chef d'établissement, DDFPT, comité de pilotage.",
        generate: draft07::<EtablissementFront>,
    },
    Entry {
        name: "critere",
        file: "critere.schema.json",
        title: "critere.md (en-tête YAML)",
        description: "L'équipe du critère (tableau « Équipe critère ») et la transversalité de la démarche qualité.",
        generate: draft07::<CritereFront>,
    },
    Entry {
        name: "action",
        file: "action.schema.json",
        title: "Fiche action (en-tête YAML)",
        description: "Une action réalisée : dénomination, période, pérennité, exigences, objectifs et indicateurs mesurés, preuves. « animateur » est réservé aux engagements.",
        generate: draft07::<EntityFront>,
    },
    Entry {
        name: "engagement",
        file: "engagement.schema.json",
        title: "Fiche engagement (en-tête YAML)",
        description: "Un engagement (action à venir) : dénomination, période, animateur, exigences, objectifs et indicateurs chiffrés, preuves. « perenne » et « plus_value » sont réservés aux actions.",
        generate: draft07::<EntityFront>,
    },
    Entry {
        name: "referentiel",
        file: "referentiel.schema.json",
        title: "Édition du cahier des charges",
        description: "Un fichier d'édition du cahier des charges « Lycée des métiers » : critères, exigences, repères du guide (voir schema/referentiels/).",
        generate: draft07::<EditionFile>,
    },
];

/// The schema called `name`, if any.
pub fn entry(name: &str) -> Option<&'static Entry> {
    SCHEMAS.iter().find(|e| e.name == name)
}

impl Entry {
    /// The schema as pretty JSON, ending with a newline: the bytes of its file.
    pub fn json(&self) -> String {
        let mut schema = (self.generate)();
        schema.insert("title".into(), self.title.into());
        schema.insert("description".into(), self.description.into());
        // Serialising a JSON value to a String cannot fail.
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_draft_07_and_titled_in_french() {
        for e in SCHEMAS {
            let v: serde_json::Value = serde_json::from_str(&e.json()).unwrap();
            assert_eq!(
                v["$schema"], "http://json-schema.org/draft-07/schema#",
                "{}",
                e.name
            );
            assert_eq!(v["title"], e.title);
            assert_eq!(v["additionalProperties"], false, "{}", e.name);
        }
        assert!(entry("critere").is_some() && entry("inconnu").is_none());
    }

    /// Editors show descriptions to the dossier's writers: no English doc comment may leak.
    #[test]
    fn descriptions_are_french() {
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::String(d)) = m.get("description") {
                        out.push(d.clone());
                    }
                    m.values().for_each(|x| walk(x, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        for e in SCHEMAS {
            let mut descriptions = Vec::new();
            walk(&serde_json::from_str(&e.json()).unwrap(), &mut descriptions);
            for d in descriptions {
                let english = [" the ", " of ", "`", " is ", " an "]
                    .iter()
                    .any(|w| format!(" {d} ").to_lowercase().contains(w));
                assert!(!english, "{}: English description « {d} »", e.name);
            }
        }
    }

    #[test]
    fn spanned_fields_are_described_as_their_value() {
        let v: serde_json::Value =
            serde_json::from_str(&entry("ldm.toml").unwrap().json()).unwrap();
        let uai = &v["definitions"]["Etablissement"]["properties"]["uai"];
        assert_eq!(uai["type"], "string", "{uai}");
        // A year is a number or a school year (« 2025-2026 »), one definition for all.
        let annee = &v["definitions"]["Candidature"]["properties"]["annee"];
        assert_eq!(annee["allOf"][0]["$ref"], "#/definitions/Annee", "{annee}");
        let forms = &v["definitions"]["Annee"]["anyOf"];
        assert_eq!(forms[0]["type"], "integer", "{forms}");
        assert_eq!(forms[1]["type"], "string", "{forms}");
    }
}
