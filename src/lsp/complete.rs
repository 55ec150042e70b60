//! Writing help: what may be typed at the cursor — front matter and `ldm.toml` field
//! names with their French description, the values of closed fields (`unite`, `sens`,
//! `statut`, `nature`, editions), requirement ids with their text, evidence paths, and
//! the headings a fiche's kind expects. Plain values; `server` makes protocol items.

use super::context::{self, Place};
use super::fields;
use crate::diagnostic::critere_of_path;
use crate::model::{Kind, sections};
use crate::text::fold;
use crate::workspace::Workspace;

/// What an item is, for the editor's icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sorte {
    Champ,
    Valeur,
    Exigence,
    Fichier,
    Titre,
}

/// One thing that may be typed: `insert` replaces the text from byte `from` to the
/// cursor. Items come in the order to show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    pub sorte: Sorte,
    pub insert: String,
    pub from: usize,
}

/// The items for byte `at` of `text`, the buffer of dossier file `rel`.
pub fn complete(ws: &Workspace, rel: &str, text: &str, at: usize) -> Vec<Item> {
    let Some(schema) = fields::schema_name(rel) else {
        return Vec::new();
    };
    let toml = schema == "ldm.toml";
    match context::place(text, at, toml) {
        Place::Key { path, from } => {
            let written = context::siblings(text, at, toml);
            keys(schema, &path, from, toml)
                .into_iter()
                .filter(|i| !written.contains(&i.label) && !foreign(schema, &path, &i.label))
                .collect()
        }
        Place::Value { path, from, quoted } => {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            values(ws, schema, rel, &path, from, quoted)
        }
        Place::Heading { level, from } => headings(schema, text, level, from),
        Place::Elsewhere => Vec::new(),
    }
}

fn keys(schema: &str, path: &[String], from: usize, toml: bool) -> Vec<Item> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    fields::fields(schema, &path)
        .into_iter()
        .map(|f| Item {
            insert: if toml {
                format!("{} = ", f.name)
            } else {
                format!("{}: ", f.name)
            },
            label: f.name,
            detail: f.description.clone(),
            documentation: f.description,
            sorte: Sorte::Champ,
            from,
        })
        .collect()
}

/// Whether field `name` under `path` belongs to the other kind of fiche (actions and
/// engagements share one schema; `model::Kind::foreign_fields` says which are whose).
fn foreign(schema: &str, path: &[String], name: &str) -> bool {
    let kind = match schema {
        "action" => Kind::Action,
        "engagement" => Kind::Engagement,
        _ => return false,
    };
    kind.foreign_fields().iter().any(|f| {
        f.split_last()
            .is_some_and(|(last, parent)| *last == name && parent.iter().eq(path.iter()))
    })
}

/// A value as written after what the person typed: a string gets quotes when it has
/// none and needs them — always in TOML; in YAML when it would be read as something
/// else (a bare `4.10` is the number 4.1).
fn written(value: &str, quoted: bool, string: bool, toml: bool) -> String {
    let plain_yaml = value.parse::<f64>().is_err()
        && !matches!(value, "true" | "false" | "null" | "~" | "")
        && !value.contains([':', '#', '"', '\'', ',', '[', ']', '{', '}']);
    if quoted || !string || (!toml && plain_yaml) {
        value.to_string()
    } else {
        format!("\"{value}\"")
    }
}

fn values(
    ws: &Workspace,
    schema: &str,
    rel: &str,
    path: &[&str],
    from: usize,
    quoted: bool,
) -> Vec<Item> {
    let item = |label: &str, detail: Option<String>, doc: Option<String>, sorte, string| Item {
        label: label.to_string(),
        insert: written(label, quoted, string, schema == "ldm.toml"),
        detail,
        documentation: doc,
        sorte,
        from,
    };
    match path {
        ["exigences"] => {
            // The fiche's own criterion first.
            let own = critere_of_path(rel);
            let mut criteres: Vec<_> = ws.edition.criteres.iter().collect();
            criteres.sort_by_key(|c| Some(c.numero) != own);
            criteres
                .into_iter()
                .flat_map(|c| c.exigences.iter().map(move |e| (c, e)))
                .map(|(c, e)| {
                    let doc = super::hover::requirement(c, e);
                    item(
                        &e.id,
                        Some(e.texte.clone()),
                        Some(doc),
                        Sorte::Exigence,
                        true,
                    )
                })
                .collect()
        }
        ["preuves"] => ws
            .dossier
            .preuves
            .iter()
            .filter(|(_, k)| matches!(k, crate::vfs::Kind::File { .. }))
            .map(|(p, _)| item(p, None, None, Sorte::Fichier, true))
            .collect(),
        ["referentiel", "edition"] if schema == "ldm.toml" => crate::referentiel::embedded_ids()
            .map(|id| item(id, None, None, Sorte::Valeur, true))
            .collect(),
        _ => fields::values(schema, path)
            .iter()
            .map(|v| {
                let string = v != "true" && v != "false";
                item(v, None, None, Sorte::Valeur, string)
            })
            .collect(),
    }
}

/// The headings of the fiche's kind at `level` not yet in the text: sections at level
/// 1, the subsections of « Mise en œuvre » at level 2.
fn headings(schema: &str, text: &str, level: usize, from: usize) -> Vec<Item> {
    let titles: Vec<&str> = match (schema, level) {
        ("action", 1) => sections::ACTION.iter().map(|s| s.0).collect(),
        ("engagement", 1) => sections::ENGAGEMENT.iter().map(|s| s.0).collect(),
        ("action" | "engagement", 2) => sections::MISE_EN_OEUVRE.to_vec(),
        ("critere", 1) => sections::CRITERE
            .iter()
            .map(|s| s.0)
            .chain([sections::STRATEGIE_RESEAU])
            .collect(),
        ("etablissement", 1) => sections::ETABLISSEMENT.iter().map(|s| s.0).collect(),
        _ => Vec::new(),
    };
    let marks = "#".repeat(level);
    let present: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{marks} ")))
        .map(|t| fold(t.trim()))
        .collect();
    titles
        .into_iter()
        .filter(|t| !present.contains(&fold(t)))
        .map(|t| Item {
            label: t.to_string(),
            detail: Some(format!("section attendue {}", of_kind(schema))),
            documentation: None,
            sorte: Sorte::Titre,
            insert: format!("{marks} {t}"),
            from,
        })
        .collect()
}

fn of_kind(schema: &str) -> &'static str {
    match schema {
        "action" => "d'une fiche action",
        "engagement" => "d'une fiche engagement",
        "critere" => "de critere.md",
        _ => "d'etablissement.md",
    }
}

#[cfg(test)]
mod tests {
    use super::{foreign, written};

    #[test]
    fn each_kind_of_fiche_is_offered_only_its_own_fields() {
        let at = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(foreign("action", &[], "animateur"));
        assert!(!foreign("engagement", &[], "animateur"));
        assert!(foreign("engagement", &[], "perenne"));
        assert!(foreign("engagement", &at(&["objectifs"]), "plus_value"));
        assert!(!foreign("engagement", &[], "plus_value"));
        assert!(!foreign("action", &at(&["objectifs"]), "plus_value"));
        assert!(!foreign("critere", &[], "animateur"));
    }

    #[test]
    fn values_are_quoted_only_when_they_need_it() {
        assert_eq!(written("4.10", false, true, false), "\"4.10\"");
        assert_eq!(written("nombre", false, true, false), "nombre");
        assert_eq!(
            written("preuves/a b.pdf", false, true, false),
            "preuves/a b.pdf"
        );
        assert_eq!(written("public", false, true, true), "\"public\"");
        assert_eq!(written("public", true, true, true), "public");
        assert_eq!(written("true", false, false, false), "true");
    }
}
