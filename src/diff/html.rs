//! The diff as one self-contained HTML page (same rules as the annex: inline CSS, no
//! script, nothing fetched), rendered by the `diff.html.j2` template.

use super::Diff;
use crate::templates::{self, TemplateError};
use minijinja::context;
use minijinja::value::{Serde, Value};

pub fn render(
    d: &Diff,
    files: Option<&dyn crate::vfs::FileSource>,
) -> Result<String, TemplateError> {
    let env = templates::environment(files);
    templates::render(
        &env,
        files,
        "diff.html.j2",
        context! { d => Value::from(Serde(d)) },
    )
}
