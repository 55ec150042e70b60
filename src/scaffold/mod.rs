//! Scaffolding: a new dossier (`ldm init`) and new action or engagement files (`ldm new`).
//!
//! Files come from the minijinja templates of `templates/init/`, embedded in the binary.
//! Nothing existing is ever overwritten: `fsutil::write_new` keeps what is there.

use crate::fsutil::{Written, write_new};
use crate::model::Kind;
use crate::model::annee::Calendrier;
use crate::referentiel::{Critere, Edition};
use minijinja::{Environment, UndefinedBehavior, context};
use std::path::{Path, PathBuf};

mod front_text;
pub mod renouvellement;

const TEMPLATES: &[(&str, &str)] = &[
    ("ldm.toml", include_str!("../../templates/init/ldm.toml.j2")),
    (
        "etablissement.md",
        include_str!("../../templates/init/etablissement.md.j2"),
    ),
    (
        "critere.md",
        include_str!("../../templates/init/critere.md.j2"),
    ),
    (
        "action.md",
        include_str!("../../templates/init/action.md.j2"),
    ),
    (
        "engagement.md",
        include_str!("../../templates/init/engagement.md.j2"),
    ),
    (
        "README.md",
        include_str!("../../templates/init/README.md.j2"),
    ),
    (
        "gitignore",
        include_str!("../../templates/init/gitignore.j2"),
    ),
    (
        "gitlab-ci.yml",
        include_str!("../../templates/init/gitlab-ci.yml.j2"),
    ),
    (
        "github-workflow.yml",
        include_str!("../../templates/init/github-workflow.yml.j2"),
    ),
];

/// The starter fiches `init` writes in every criterion: one action, one engagement, to
/// be filled in (and renamed) or removed once the school's own fiches exist.
pub const STARTERS: [&str; 2] = [
    "actions/premiere-action.md",
    "engagements/premier-engagement.md",
];

/// Whether `rel` is one of the starter fiches of a criterion folder.
pub fn is_starter(rel: &str) -> bool {
    rel.starts_with("criteres/") && STARTERS.iter().any(|s| rel.ends_with(&format!("/{s}")))
}

/// The starter fiches of criterion `numero` still waiting to be written: present under
/// their starter name with their title still « À compléter » (or unreadable).
pub fn starters_left(dossier: &crate::model::Dossier, numero: u32) -> Vec<String> {
    let Some(c) = dossier.criteres.iter().find(|c| c.numero == numero) else {
        return Vec::new();
    };
    c.entities()
        .map(|(_, e)| e)
        .filter(|e| is_starter(&e.path))
        .filter(|e| {
            e.front
                .as_ref()
                .is_none_or(|f| crate::check::text::is_placeholder(&f.denomination.value))
        })
        .map(|e| e.path.clone())
        .collect()
}

/// Continuous integration that `ldm init --ci` sets up in the school's repository.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Ci {
    #[default]
    None,
    /// `.gitlab-ci.yml`: a check job (Code Quality report) and a render job (annex artifact).
    Gitlab,
    /// `.github/workflows/ldm.yml`: check (annotations, step summary), render, artifact.
    Github,
}

impl Ci {
    /// Every choice, `ldm init --ci`'s values in this order.
    pub const ALL: [Ci; 3] = [Ci::None, Ci::Gitlab, Ci::Github];

    /// The value typed after `--ci`.
    pub fn value(self) -> &'static str {
        match self {
            Ci::None => "aucun",
            Ci::Gitlab => "gitlab",
            Ci::Github => "github",
        }
    }

    /// The English value of earlier versions, still accepted.
    pub fn english(self) -> Option<&'static str> {
        (self == Ci::None).then_some("none")
    }

    /// The file written and its template, if any.
    pub fn file(self) -> Option<(&'static str, &'static str)> {
        match self {
            Ci::None => None,
            Ci::Gitlab => Some((".gitlab-ci.yml", "gitlab-ci.yml")),
            Ci::Github => Some((".github/workflows/ldm.yml", "github-workflow.yml")),
        }
    }
}

/// Identity and campaign of a new dossier; unknown values stay « À compléter ».
#[derive(Debug, Clone)]
pub struct Identity {
    pub nom: String,
    pub uai: String,
    pub academie: String,
    pub ville: Option<String>,
    pub statut: String,
    pub type_etablissement: String,
    pub denomination: String,
    pub nature: String,
    pub annee: i64,
    /// How the campaign year was given (`2026` or `2025-2026`): written back that way.
    pub calendrier: Calendrier,
    /// The year of the label being renewed; five years before `annee` when not given.
    pub precedente: Option<i64>,
    pub edition: String,
    pub reseau: bool,
    /// The schools of the network, written in `reseau` of `ldm.toml`.
    pub partenaires: Vec<crate::model::config::Partenaire>,
    pub ci: Ci,
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "le dossier « {0} » n'est pas vide ; « --force » ajoute les fichiers manquants sans modifier ceux qui existent"
    )]
    NotEmpty(PathBuf),
    #[error("« {0} » existe déjà : ldm n'écrase jamais un fichier ; choisissez un autre titre")]
    Exists(PathBuf),
    #[error(
        "le critère {0} n'a pas de dossier dans criteres/ ; « ldm init --force » crée les dossiers manquants"
    )]
    NoCritere(u32),
    #[error("écriture impossible de « {} » : {}", .path.display(), crate::fsutil::io_french(.source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Outside(#[from] crate::fsutil::OutputError),
    #[error(
        "le dossier précédent n'a pas d'année de campagne lisible (« annee » de [candidature] dans ldm.toml) ; corrigez-la, ou donnez l'année de la nouvelle campagne avec « --annee »"
    )]
    NoYear,
    #[error("modèle « {name} » invalide : {source}")]
    Template {
        name: String,
        source: minijinja::Error,
    },
}

fn env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build();
    env.set_syntax(syntax.expect("static syntax configuration"));
    // A double-quoted string valid in both TOML and YAML: JSON's escaping is a subset of both.
    env.add_filter("q", |s: String| {
        serde_json::to_string(&s).unwrap_or_default()
    });
    // The referentiel's texts quoted in comments, in French typography like ldm's own.
    env.add_filter("fr", |s: String| crate::typo::french(&s));
    for (name, text) in TEMPLATES {
        env.add_template(name, text)
            .expect("embedded templates are tested");
    }
    env
}

fn render(env: &Environment, name: &str, ctx: minijinja::Value) -> Result<String, ScaffoldError> {
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|source| ScaffoldError::Template {
            name: name.to_string(),
            source,
        })
}

/// The files of a new dossier: (relative path, content), in writing order.
pub fn dossier_files(
    id: &Identity,
    edition: &Edition,
) -> Result<Vec<(String, String)>, ScaffoldError> {
    let env = env();
    // A school year is a TOML string (`"2025-2026"`), a calendar year a number.
    let written = |y: i64| match id.calendrier {
        Calendrier::Civil => y.to_string(),
        Calendrier::Scolaire => format!("\"{}\"", id.calendrier.show(y)),
    };
    let precedente = (id.precedente)
        .or_else(|| (id.nature == "renouvellement").then(|| id.annee - 5))
        .map(written);
    let mut files = vec![
        (
            "ldm.toml".to_string(),
            render(
                &env,
                "ldm.toml",
                context! {
                    nom => id.nom.as_str(), uai => id.uai.as_str(), academie => id.academie.as_str(), ville => id.ville.as_deref(), statut => id.statut.as_str(),
                    type => id.type_etablissement.as_str(), denomination => id.denomination.as_str(), nature => id.nature.as_str(),
                    annee => written(id.annee), precedente => precedente, edition => id.edition.as_str(),
                    reseau => reseau_toml(&id.partenaires),
                },
            )?,
        ),
        (
            "etablissement.md".to_string(),
            render(&env, "etablissement.md", context! {})?,
        ),
        (
            "README.md".to_string(),
            render(
                &env,
                "README.md",
                context! { edition => edition.id.as_str() },
            )?,
        ),
        (
            ".gitignore".to_string(),
            render(&env, "gitignore", context! {})?,
        ),
        ("preuves/.gitkeep".to_string(), String::new()),
    ];
    // The JSON Schemas the front matter's `yaml-language-server` lines point at.
    for e in crate::schema::SCHEMAS {
        files.push((
            format!("{}/{}", crate::schema::DOSSIER_DIR, e.file),
            e.json(),
        ));
    }
    if let Some((path, template)) = id.ci.file() {
        // The version the CI files pin, and where its binaries are published when this
        // build knows it (else the school writes the address: README, « Intégration continue »).
        let ctx = context! {
            version => env!("CARGO_PKG_VERSION"),
            telechargement => crate::release::download_base().unwrap_or_default(),
        };
        files.push((path.to_string(), render(&env, template, ctx)?));
    }
    for c in &edition.criteres {
        let dir = format!("criteres/{}-{}", c.numero, c.slug);
        let reseau = id.reseau && c.strategie_commune_reseau;
        files.push((format!("{dir}/critere.md"), render(&env, "critere.md", context! { c => minijinja::Value::from(minijinja::value::Serde(c)), origine => c.origine.map(|o| o.label()), reseau => reseau })?));
        for (starter, kind) in STARTERS.iter().zip([Kind::Action, Kind::Engagement]) {
            files.push((
                format!("{dir}/{starter}"),
                entity(&env, kind, c, "À compléter", id.annee)?,
            ));
        }
    }
    Ok(files)
}

/// The schools of a network as a TOML array: UAIs, or inline tables when named.
fn reseau_toml(partenaires: &[crate::model::config::Partenaire]) -> String {
    use crate::model::config::Partenaire;
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let items: Vec<String> = (partenaires.iter())
        .map(|p| match p {
            Partenaire::Uai(u) => q(u),
            Partenaire::Nomme(n) => {
                let mut fields = vec![format!("uai = {}", q(&n.uai))];
                fields.extend(n.nom.as_deref().map(|v| format!("nom = {}", q(v))));
                fields.extend(n.ville.as_deref().map(|v| format!("ville = {}", q(v))));
                format!("{{ {} }}", fields.join(", "))
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// The text of a new action or engagement of criterion `c`, for campaign year `annee`.
fn entity(
    env: &Environment,
    kind: Kind,
    c: &Critere,
    titre: &str,
    annee: i64,
) -> Result<String, ScaffoldError> {
    // An action is done: the last three years; an engagement runs the five years of the label.
    let (debut, fin) = match kind {
        Kind::Action => (annee - 3, annee),
        Kind::Engagement => (annee, annee + 5),
    };
    let name = match kind {
        Kind::Action => "action.md",
        Kind::Engagement => "engagement.md",
    };
    render(
        env,
        name,
        context! { titre => titre, debut => debut, fin => fin, numero => c.numero },
    )
}

/// True when `dir` holds nothing but perhaps a `.git` folder.
fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(true, |mut it| {
        it.all(|e| e.is_ok_and(|e| e.file_name() == ".git"))
    })
}

/// Writes a new dossier into `dir`. Returns each file with what happened to it.
pub fn init(
    dir: &Path,
    id: &Identity,
    edition: &Edition,
    force: bool,
) -> Result<Vec<(String, Written)>, ScaffoldError> {
    if dir.exists() && !is_empty_dir(dir) && !force {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    let mut files = dossier_files(id, edition)?;
    if dir.join("ldm.toml").is_file() {
        files = for_existing(dir, id, files);
    }
    let mut out = Vec::with_capacity(files.len());
    for (rel, content) in files {
        let path = dir.join(&rel);
        if dir.exists() {
            crate::fsutil::check_inside(dir, &path)?;
        }
        let w = write_new(&path, &content).map_err(|source| ScaffoldError::Io { path, source })?;
        out.push((rel, w));
    }
    Ok(out)
}

/// What `init` may add to a folder that already holds a dossier: never a fiche to a
/// criterion that has actions or engagements, never a README or .gitignore beside the
/// team's files; with `--ci`, only the CI file and the schemas. A criterion whose folder
/// exists under another name gets its missing files in that folder.
fn for_existing(dir: &Path, id: &Identity, files: Vec<(String, String)>) -> Vec<(String, String)> {
    let ci = id.ci.file().map(|(path, _)| path);
    let schemas = format!("{}/", crate::schema::DOSSIER_DIR);
    let mut kept = Vec::new();
    for (rel, text) in files {
        let infra = Some(rel.as_str()) == ci || rel.starts_with(&schemas);
        if ci.is_some() && !infra {
            continue;
        }
        let rel = match critere_file(dir, &rel) {
            Some(Some(mapped)) => mapped,
            Some(None) => continue,
            None if infra || rel == "ldm.toml" || rel == "etablissement.md" => rel,
            None if rel.starts_with("preuves/") => rel,
            None => continue,
        };
        kept.push((rel, text));
    }
    kept
}

/// For a file of a criterion's folder: `Some(Some(path))` where it goes (the existing
/// folder of that criterion, whatever its name), `Some(None)` when it must not be added
/// (a fiche of a criterion that already has fiches); `None` for other files.
fn critere_file(dir: &Path, rel: &str) -> Option<Option<String>> {
    let rest = rel.strip_prefix("criteres/")?;
    let (folder, inner) = rest.split_once('/')?;
    let numero = crate::diagnostic::critere_of_path(rel)?;
    let existing = existing_critere_dir(dir, numero).unwrap_or_else(|| folder.to_string());
    let fiche = inner.starts_with("actions/") || inner.starts_with("engagements/");
    if fiche && has_fiches(&dir.join("criteres").join(&existing)) {
        return Some(None);
    }
    Some(Some(format!("criteres/{existing}/{inner}")))
}

/// The folder of criterion `numero` in `dir/criteres`, when there is one (`5-…`).
fn existing_critere_dir(dir: &Path, numero: u32) -> Option<String> {
    let prefix = format!("{numero}-");
    let mut names: Vec<String> = std::fs::read_dir(dir.join("criteres"))
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    names.into_iter().next()
}

/// True when a criterion folder holds an action or an engagement.
fn has_fiches(critere_dir: &Path) -> bool {
    ["actions", "engagements"].iter().any(|sub| {
        std::fs::read_dir(critere_dir.join(sub)).is_ok_and(|mut it| {
            it.any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "md")))
        })
    })
}

/// Adds an action or engagement titled `titre` to criterion `numero` of a loaded
/// dossier. Returns the path of the new file, relative to the dossier root.
pub fn new_entity(
    dossier: &crate::model::Dossier,
    kind: Kind,
    numero: u32,
    titre: &str,
    edition: &Edition,
    annee: i64,
) -> Result<String, ScaffoldError> {
    let root = &dossier.root;
    let dir = dossier
        .criteres
        .iter()
        .find(|c| c.numero == numero)
        .ok_or(ScaffoldError::NoCritere(numero))?;
    let c = edition.critere(numero).cloned().unwrap_or_else(|| Critere {
        numero,
        ..Critere::default()
    });
    let slug = crate::text::slugify(titre);
    let slug = if slug.is_empty() {
        kind.label().to_string()
    } else {
        slug
    };
    let rel = format!("{}/{}/{slug}.md", dir.dir, kind.folder());
    let path = root.join(&rel);
    crate::fsutil::check_inside(root, &path)?;
    let text = entity(&env(), kind, &c, titre, annee)?;
    match write_new(&path, &text).map_err(|source| ScaffoldError::Io {
        path: path.clone(),
        source,
    })? {
        Written::Created => Ok(rel),
        Written::Kept => Err(ScaffoldError::Exists(path)),
    }
}

/// The current year, for default campaign years (UTC, from the system clock, which the
/// WebAssembly build has not).
#[cfg(not(target_arch = "wasm32"))]
pub fn current_year() -> i64 {
    i64::from(time::OffsetDateTime::now_utc().year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_year_is_a_campaign_year() {
        assert!((2025..=2100).contains(&current_year()));
    }
}
