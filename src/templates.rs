//! Output templates (minijinja): embedded defaults from `templates/`, each overridable
//! by a file of the same name in the dossier's own `templates/` folder.
//!
//! HTML templates (`*.html.j2`) are auto-escaped; values that are already HTML (SVG
//! charts, rendered Markdown) are marked safe by the code that builds them.

use crate::markup;
use crate::vfs::{FileSource, Kind};
use minijinja::{Environment, UndefinedBehavior};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Templates shipped in the binary: (name, text).
pub const EMBEDDED: &[(&str, &str)] =
    &[("commun.css.j2", include_str!("../templates/commun.css.j2"))];

/// Instructions one render of a dossier's own templates may run, plus `FUEL_PER_VALUE`
/// for each value it is given: a template that loops on nothing stops within a second,
/// one that walks a large dossier once is never stopped. ldm's built-in templates have
/// no budget: their work is a walk of the dossier, bounded by what `load` reads.
const FUEL: u64 = 500_000;

/// Instructions allowed per value of the template's context (a real annex spends about
/// five).
const FUEL_PER_VALUE: u64 = 100;

/// Nesting of includes, macros and loops one render may reach.
const RECURSION_LIMIT: usize = 100;

/// A template that could not be compiled or rendered: names the file and the line.
#[derive(Debug, thiserror::Error)]
#[error(
    "modèle « {file} »{} : {message}\naide : {}",
    line.map_or(String::new(), |l| format!(", ligne {l}")),
    if file.starts_with(BUILT_IN) {
        "c'est un modèle intégré à ldm, que le dossier ne peut pas corriger : signalez l'erreur aux responsables de ldm avec la commande lancée"
    } else {
        "corrigez le modèle, ou retirez-le du dossier templates/ pour revenir au modèle intégré"
    }
)]
pub struct TemplateError {
    /// `templates/x.html.j2` for a dossier's override, `(intégré) x.html.j2` otherwise.
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// How a built-in template is named in messages: « (intégré) diff.html.j2 ».
const BUILT_IN: &str = "(intégré)";

/// Whether `name` can be a file of the dossier's `templates/` folder.
fn overridable(name: &str) -> bool {
    // Template names are ours; refuse anything that could leave the folder.
    !name.contains(['/', '\\']) && !name.starts_with('.')
}

/// Whether the dossier overrides template `name`.
fn is_override(files: Option<&dyn FileSource>, name: &str) -> bool {
    overridable(name)
        && files
            .and_then(|f| f.kind(&format!("templates/{name}")))
            .is_some_and(|k| k != Kind::Dir)
}

/// The dossier's overrides, read through its file source: name → text, or why it
/// could not be read (reported when the template is used).
fn overrides(files: Option<&dyn FileSource>) -> BTreeMap<String, Result<String, String>> {
    let Some(files) = files else {
        return BTreeMap::new();
    };
    let entries = files.list("templates").unwrap_or_default();
    entries
        .into_iter()
        .filter(|e| e.kind != Kind::Dir && overridable(&e.name))
        .map(|e| {
            let text = files
                .read(&format!("templates/{}", e.name))
                .map_err(|e| e.to_string())
                .and_then(|b| {
                    String::from_utf8(b).map_err(|_| "ce n'est pas un texte UTF-8".into())
                });
            let text = text.map(|t| crate::source::normalize_text(&t));
            (e.name, text)
        })
        .collect()
}

/// The embedded templates alone, set up once per process and shared by every dossier
/// without overrides (nearly all): each template is compiled at its first use only,
/// not again for every page of a batch, a server or a fuzzing run.
static EMBEDDED_ONLY: LazyLock<Environment<'static>> =
    LazyLock::new(|| configured(BTreeMap::new(), None));

/// An environment that looks templates up in the dossier's `templates/` first, then
/// in the binary: the shared one when the dossier overrides none.
pub fn environment(files: Option<&dyn FileSource>) -> Cow<'static, Environment<'static>> {
    let overrides = overrides(files);
    if overrides.is_empty() {
        Cow::Borrowed(&*EMBEDDED_ONLY)
    } else {
        Cow::Owned(configured(overrides, Some(FUEL)))
    }
}

/// An environment with ldm's limits and filters, serving `overrides` before the
/// embedded templates; `fuel` is the base budget (`None` for ldm's templates alone).
fn configured(
    overrides: BTreeMap<String, Result<String, String>>,
    fuel: Option<u64>,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // A dossier's override is untrusted code: a nested `range` or a template that
    // includes itself must stop quickly, not loop or exhaust the stack.
    env.set_fuel(fuel);
    env.set_recursion_limit(RECURSION_LIMIT);
    // The annexes' table cells: a field escaped onto one line, prose kept as Markdown.
    env.add_filter("cell", |s: String| markup::md_field(&s));
    env.add_filter("prose_cell", |s: String| markup::md_cell(&s));
    env.set_loader(move |name| {
        if let Some(text) = overrides.get(name) {
            return text.clone().map(Some).map_err(|e| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("lecture impossible : {e}"),
                )
            });
        }
        Ok(EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string()))
    });
    env
}

/// Renders template `name` with `ctx`, turning any template error into a located one.
pub fn render(
    env: &Environment,
    files: Option<&dyn FileSource>,
    name: &str,
    ctx: minijinja::Value,
) -> Result<String, TemplateError> {
    // A dossier's templates get a budget that grows with what they are given.
    let scaled;
    let env = match env.fuel() {
        Some(base) => {
            let mut e = env.clone();
            e.set_fuel(Some(
                base.saturating_add(FUEL_PER_VALUE.saturating_mul(weight(&ctx))),
            ));
            scaled = e;
            &scaled
        }
        None => env,
    };
    let result = env.get_template(name).and_then(|t| t.render(ctx));
    result.map_err(|e| {
        // The innermost error names the template where it happened (an include, say).
        let mut inner: &minijinja::Error = &e;
        while let Some(src) =
            std::error::Error::source(inner).and_then(|s| s.downcast_ref::<minijinja::Error>())
        {
            inner = src;
        }
        let file = inner.name().unwrap_or(name);
        let shown = if is_override(files, file) {
            format!("templates/{file}")
        } else {
            format!("{BUILT_IN} {file}")
        };
        TemplateError {
            file: shown,
            line: inner.line(),
            message: french_message(inner),
        }
    })
}

/// How many values `ctx` holds, all levels together (a string counts one per 64 bytes).
fn weight(ctx: &minijinja::Value) -> u64 {
    let mut count = 0u64;
    let mut stack = vec![ctx.clone()];
    while let Some(v) = stack.pop() {
        count += 1;
        if let Some(s) = v.as_str() {
            count += s.len() as u64 / 64;
            continue;
        }
        let Ok(items) = v.try_iter() else { continue };
        let map = v.kind() == minijinja::value::ValueKind::Map;
        for item in items {
            // A map's keys lead to its values; a sequence's items are the values.
            match map {
                true => stack.extend(v.get_item(&item).ok()),
                false => stack.push(item),
            }
        }
    }
    count
}

/// minijinja's message in French: its kind always, its English detail when we know it.
fn french_message(err: &minijinja::Error) -> String {
    use minijinja::ErrorKind as K;
    let kind = match err.kind() {
        K::NonPrimitive => "valeur non élémentaire",
        K::NonKey => "valeur impossible à employer comme clé",
        K::InvalidOperation => "opération invalide",
        K::SyntaxError => "erreur de syntaxe",
        K::TemplateNotFound => {
            "modèle introuvable (seuls les modèles de templates/ et les modèles intégrés peuvent être inclus)"
        }
        K::TooManyArguments => "trop d'arguments",
        K::MissingArgument => "argument manquant",
        K::UnknownFilter => "filtre inconnu",
        K::UnknownFunction => "fonction inconnue",
        K::UnknownTest => "test inconnu",
        K::UnknownMethod => "méthode inconnue",
        K::BadEscape => "séquence d'échappement invalide",
        K::UndefinedError => "valeur non définie",
        K::BadSerialization => "valeur impossible à convertir",
        K::CannotDeserialize => "valeur impossible à lire",
        K::BadInclude => "inclusion impossible",
        K::EvalBlock => "bloc impossible à produire",
        K::CannotUnpack => "décomposition impossible",
        K::WriteFailure => "écriture impossible",
        K::OutOfFuel => {
            "le modèle fait trop de calculs (boucles trop longues ou imbriquées) ; ldm l'a arrêté"
        }
        K::InvalidDelimiter => "délimiteurs invalides",
        _ => "erreur du modèle",
    };
    match err.detail().map(french_detail) {
        Some(Some(detail)) => format!("{kind} : {detail}"),
        Some(None) => format!("{kind} ({})", err.detail().unwrap_or_default()),
        None => kind.to_string(),
    }
}

/// The French for the English details of minijinja that a dossier's author can meet;
/// `None` keeps the original (quoted after the French kind).
fn french_detail(detail: &str) -> Option<String> {
    const KNOWN: &[(&str, &str)] = &[
        (
            "recursion limit exceeded",
            "trop d'imbrication (un modèle qui s'inclut ou s'appelle lui-même ?) ; ldm l'a arrêté",
        ),
        ("range has too many elements", "intervalle trop long"),
        ("unexpected end of input", "fin du modèle inattendue"),
        ("unknown statement", "instruction inconnue"),
        ("missing argument", "argument manquant"),
        ("too many arguments", "trop d'arguments"),
        ("undefined value", "valeur non définie"),
    ];
    // `template "name" does not exist`, `tried to include non-existing template 'name'`.
    let missing = detail
        .strip_prefix("template ")
        .and_then(|rest| rest.strip_suffix(" does not exist"))
        .or_else(|| detail.strip_prefix("tried to include non-existing template "));
    if let Some(name) = missing {
        let name = name.trim_matches(['"', '\'']).replace("\\\"", "\"");
        return Some(format!("« {name} » n'existe pas"));
    }
    if let Some((got, want)) = detail
        .strip_prefix("unexpected ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        let got = got.replace("end of input", "fin du modèle");
        return Some(format!("{got} inattendu, attendu : {want}"));
    }
    KNOWN
        .iter()
        .find(|(en, _)| detail.starts_with(en))
        .map(|(_, fr)| (*fr).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Memory;

    fn styles(files: Option<&dyn FileSource>) -> String {
        let env = environment(files);
        render(&env, files, "commun.css.j2", minijinja::Value::UNDEFINED).unwrap()
    }

    fn overriding(text: &str) -> Memory {
        let mut m = Memory::new();
        m.insert("templates/commun.css.j2", text);
        m
    }

    #[test]
    fn the_shared_environment_never_serves_a_dossiers_override_to_another() {
        let embedded = styles(None);
        assert!(embedded.contains("@page"));
        assert_eq!(styles(Some(&overriding("/* a */"))), "/* a */");
        assert_eq!(styles(None), embedded);
        assert_eq!(styles(Some(&Memory::new())), embedded);
        assert_eq!(styles(Some(&overriding("/* b */"))), "/* b */");
    }

    /// Renders `text`, a dossier's own `commun.css.j2`, with `n` items.
    fn with_items(text: &str, n: usize) -> Result<String, TemplateError> {
        let files = overriding(text);
        let env = environment(Some(&files));
        let items: Vec<u32> = (0..n as u32).collect();
        let ctx = minijinja::context! { items => items };
        render(&env, Some(&files), "commun.css.j2", ctx)
    }

    #[test]
    fn a_dossiers_template_budget_grows_with_the_dossier_and_still_stops_a_loop() {
        // About 30 instructions an item: 60,000 items pass 500,000 only with the scaling.
        let walk = "{% for i in items %}{% if i > 3 %}{{ i }},{% endif %}{% endfor %}";
        assert!(with_items(walk, 60_000).is_ok());
        let spin =
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}";
        let e = with_items(spin, 60_000).unwrap_err();
        assert!(e.message.contains("trop de calculs"), "{e}");
        assert!(
            e.to_string().contains("retirez-le du dossier templates/"),
            "{e}"
        );
    }

    #[test]
    fn a_built_in_templates_error_says_so_not_to_fix_templates() {
        let e = TemplateError {
            file: format!("{BUILT_IN} diff.html.j2"),
            line: Some(3),
            message: "valeur non définie".to_string(),
        };
        let shown = e.to_string();
        assert!(shown.contains("c'est un modèle intégré à ldm"), "{shown}");
        assert!(!shown.contains("templates/"), "{shown}");
        assert!(
            EMBEDDED_ONLY.fuel().is_none(),
            "ldm's own templates have no budget"
        );
    }
}
