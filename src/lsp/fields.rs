//! What a file may hold at a place, read from ldm's own JSON Schemas (`schema`): the
//! field names with their French descriptions, and the values a field accepts. The
//! schemas are generated from the model types, so completion cannot drift from what
//! ldm reads.

use serde_json::Value;
use std::sync::OnceLock;

/// A field that may be written at a place, with its French description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub description: Option<String>,
}

/// The schema of the file at dossier path `rel`, by its place in the layout.
pub fn schema_name(rel: &str) -> Option<&'static str> {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["ldm.toml"] => Some("ldm.toml"),
        ["etablissement.md"] => Some("etablissement"),
        ["criteres", _, "critere.md"] => Some("critere"),
        ["criteres", _, "actions", f] if f.ends_with(".md") => Some("action"),
        ["criteres", _, "engagements", f] if f.ends_with(".md") => Some("engagement"),
        _ => None,
    }
}

fn schema(name: &str) -> Option<&'static Value> {
    static SCHEMAS: OnceLock<Vec<(&'static str, Value)>> = OnceLock::new();
    let all = SCHEMAS.get_or_init(|| {
        crate::schema::SCHEMAS
            .iter()
            .filter_map(|e| Some((e.name, serde_json::from_str(&e.json()).ok()?)))
            .collect()
    });
    all.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// The node of schema `name` that describes the value at `path` (field names from the
/// root; a list is walked into its items, since `- x` lines sit under the list's key).
fn node(name: &str, path: &[&str]) -> Option<(&'static Value, &'static Value)> {
    let root = schema(name)?;
    let mut at = resolve(root, root);
    for key in path {
        at = resolve(root, at.get("properties")?.get(*key)?);
        if let Some(items) = at.get("items") {
            at = resolve(root, items);
        }
    }
    Some((root, at))
}

/// `node` without its `$ref`, `allOf` and `anyOf` wrappers (the first variant that says
/// something beyond `null`).
fn resolve<'a>(root: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..16 {
        if let Some(r) = v.get("$ref").and_then(Value::as_str) {
            match r
                .strip_prefix("#/definitions/")
                .and_then(|d| root.get("definitions")?.get(d))
            {
                Some(target) => v = target,
                None => return v,
            }
            continue;
        }
        let variants = ["allOf", "anyOf", "oneOf"]
            .iter()
            .find_map(|k| v.get(*k).and_then(Value::as_array));
        match variants.and_then(|vs| {
            vs.iter()
                .find(|x| x.get("type") != Some(&Value::from("null")))
        }) {
            Some(inner) => v = inner,
            None => return v,
        }
    }
    v
}

/// The description of a property: its own, else the one of the type it names.
fn description(root: &Value, prop: &Value) -> Option<String> {
    prop.get("description")
        .or_else(|| resolve(root, prop).get("description"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The fields that may be written at `path` of a file of schema `name`, in the schema's
/// (alphabetical) order.
pub fn fields(name: &str, path: &[&str]) -> Vec<Field> {
    let Some((root, at)) = node(name, path) else {
        return Vec::new();
    };
    let Some(props) = at.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    props
        .iter()
        .map(|(k, v)| Field {
            name: k.clone(),
            description: description(root, v),
        })
        .collect()
}

/// The description of field `path` (its last name) of schema `name`.
pub fn field(name: &str, path: &[&str]) -> Option<Field> {
    let (last, parent) = path.split_last()?;
    fields(name, parent).into_iter().find(|f| f.name == *last)
}

/// The values field `path` accepts when they form a closed list (`unite`, `sens`,
/// `statut`, `nature`, …), or `true`/`false` for a yes-or-no field.
pub fn values(name: &str, path: &[&str]) -> Vec<String> {
    let Some((_, at)) = node(name, path) else {
        return Vec::new();
    };
    // An open list (`unite`: the named units or any short one) offers its named values.
    let listed = at.get("enum").or_else(|| {
        (at.get("anyOf").and_then(Value::as_array)?.iter()).find_map(|a| a.get("enum"))
    });
    if let Some(e) = listed.and_then(Value::as_array) {
        return e
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
    }
    let boolean = match at.get("type") {
        Some(Value::String(t)) => t == "boolean",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "boolean"),
        _ => false,
    };
    if boolean {
        vec!["true".to_string(), "false".to_string()]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_values_follow_the_schemas_at_every_depth() {
        let names = |schema, path: &[&str]| -> Vec<String> {
            fields(schema, path).into_iter().map(|f| f.name).collect()
        };
        assert!(names("action", &[]).contains(&"exigences".to_string()));
        assert!(names("action", &["objectifs"]).contains(&"indicateurs".to_string()));
        assert!(names("action", &["objectifs", "indicateurs"]).contains(&"unite".to_string()));
        assert!(names("ldm.toml", &["candidature"]).contains(&"nature".to_string()));
        let unite = values("action", &["objectifs", "indicateurs", "unite"]);
        assert_eq!(unite, ["nombre", "pourcentage", "euros"]);
        assert_eq!(
            values("action", &["objectifs", "indicateurs", "sens"]),
            ["hausse", "baisse"]
        );
        assert!(values("ldm.toml", &["candidature", "nature"]).contains(&"renouvellement".into()));
        assert!(values("ldm.toml", &["etablissement", "statut"]).contains(&"public".into()));
        assert_eq!(values("action", &["perenne"]), ["true", "false"]);
        let d = field("action", &["exigences"])
            .unwrap()
            .description
            .unwrap();
        assert!(d.contains("exigences du cahier des charges"), "{d}");
        assert_eq!(
            schema_name("criteres/4-x/engagements/y.md"),
            Some("engagement")
        );
        assert_eq!(schema_name("preuves/a.md"), None);
    }
}
