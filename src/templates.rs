//! Output templates (minijinja): embedded defaults from `templates/`, each overridable
//! by a file of the same name in the dossier's own `templates/` folder.
//!
//! HTML templates (`*.html.j2`) are auto-escaped; values that are already HTML (SVG
//! charts, rendered Markdown) are marked safe by the code that builds them.

use minijinja::{Environment, UndefinedBehavior};
use std::path::{Path, PathBuf};

/// Templates shipped in the binary: (name, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "tableau-de-bord.html.j2",
        include_str!("../templates/tableau-de-bord.html.j2"),
    ),
    ("commun.css.j2", include_str!("../templates/commun.css.j2")),
    (
        "annexe.html.j2",
        include_str!("../templates/annexe.html.j2"),
    ),
    ("annexe.md.j2", include_str!("../templates/annexe.md.j2")),
    ("diff.html.j2", include_str!("../templates/diff.html.j2")),
];

/// A template that could not be compiled or rendered: names the file and the line.
#[derive(Debug, thiserror::Error)]
#[error(
    "modèle « {file} »{} : {message}\naide : corrigez le modèle, ou retirez-le du dossier templates/ pour revenir au modèle intégré",
    line.map_or(String::new(), |l| format!(", ligne {l}"))
)]
pub struct TemplateError {
    /// `templates/x.html.j2` for a dossier's override, `(intégré) x.html.j2` otherwise.
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

/// The override of `name` in the dossier, if there is one.
fn override_path(root: Option<&Path>, name: &str) -> Option<PathBuf> {
    // Template names are ours; refuse anything that could leave the folder.
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return None;
    }
    let p = root?.join("templates").join(name);
    p.is_file().then_some(p)
}

/// An environment that looks templates up in `root/templates/` first, then in the binary.
pub fn environment(root: Option<&Path>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let root = root.map(Path::to_path_buf);
    env.set_loader(move |name| {
        if let Some(p) = override_path(root.as_deref(), name) {
            let text = std::fs::read_to_string(&p).map_err(|e| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("lecture impossible : {e}"),
                )
            })?;
            return Ok(Some(crate::source::normalize_text(&text)));
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
    root: Option<&Path>,
    name: &str,
    ctx: minijinja::Value,
) -> Result<String, TemplateError> {
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
        let shown = if override_path(root, file).is_some() {
            format!("templates/{file}")
        } else {
            format!("(intégré) {file}")
        };
        TemplateError {
            file: shown,
            line: inner.line(),
            message: inner
                .detail()
                .map_or_else(|| inner.kind().to_string(), str::to_string),
        }
    })
}
