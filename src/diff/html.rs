//! The diff as one self-contained HTML page (same rules as the annex: inline CSS, no
//! script, nothing fetched), rendered by the `diff.html.j2` template.

use super::Diff;
use crate::templates::{self, TemplateError};
use minijinja::context;
use minijinja::value::{Serde, Value};
use std::path::Path;

pub fn render(d: &Diff, root: Option<&Path>) -> Result<String, TemplateError> {
    let env = templates::environment(root);
    templates::render(
        &env,
        root,
        "diff.html.j2",
        context! { d => Value::from(Serde(d)) },
    )
}
