//! The diff as one self-contained HTML page (same rules as the annex: inline CSS, no
//! script, nothing fetched), rendered by the `diff.html.j2` template.

use super::Diff;
use super::state::{CritereEtat, Fate, FicheEtat, IndicateurEtat, Par};
use crate::model::Kind;
use crate::templates::{self, TemplateError};
use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::Serialize;
use std::collections::BTreeMap;

pub fn render(
    d: &Diff,
    files: Option<&dyn crate::vfs::FileSource>,
) -> Result<String, TemplateError> {
    let env = templates::environment(files);
    templates::render(
        &env,
        files,
        "diff.html.j2",
        context! { d => Value::from(Serde(d)), libelles => Value::from(Serde(labels())) },
    )
}

/// The JSON word of a state, as the template sees it.
fn word<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

type Labels = BTreeMap<String, String>;

/// The French label of each state, by its JSON word: the template names states through
/// these, so the page says what the terminal and Markdown forms say.
fn labels() -> BTreeMap<&'static str, Labels> {
    fn map<T: Serialize + Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Labels {
        all.iter()
            .map(|e| (word(*e), label(*e).to_string()))
            .collect()
    }
    let fiche = |k: Kind| map(&FicheEtat::ALL, |e| e.label(k));
    let critere = [CritereEtat::Ajoute, CritereEtat::Retire];
    BTreeMap::from([
        ("action", fiche(Kind::Action)),
        ("engagement", fiche(Kind::Engagement)),
        ("critere", map(&critere, |e| e.label().unwrap_or_default())),
        ("devenir", map(&Fate::ALL, Fate::label)),
        ("par", map(&Par::ALL, Par::label)),
        (
            "indicateur",
            map(&IndicateurEtat::ALL, IndicateurEtat::label),
        ),
    ])
}
