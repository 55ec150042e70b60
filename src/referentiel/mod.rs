//! The cahier des charges as data: embedded editions and a school's own file.

use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::source::Source;
use crate::vfs::{FileSource, ReadError};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

pub mod coverage;
pub mod display;
mod select;

pub use select::select_edition;

/// The editions shipped inside the binary: (id, JSON text). build.rs converts
/// `schema/referentiels/<id>.yaml` to JSON, which serde_json reads in a fraction of the
/// time a YAML parse takes at every start; the tests check both parses agree.
pub const EMBEDDED: [(&str, &str); 2] = [
    (
        "national-2026",
        include_str!(concat!(env!("OUT_DIR"), "/national-2026.json")),
    ),
    (
        "aix-marseille-2026",
        include_str!(concat!(env!("OUT_DIR"), "/aix-marseille-2026.json")),
    ),
];

/// A list item of the guide: plain text, or text with sub-bullets.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(
    description = "Un élément de liste du guide : un texte, ou un texte et ses sous-points."
)]
pub enum Item {
    Texte(String),
    // Sub-bullets are items too: the guide nests three levels (criterion 3's examples).
    Detail { texte: String, details: Vec<Item> },
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Une exigence du critère : son numéro (ex. « 4.1 ») et son texte.")]
pub struct Exigence {
    pub id: String,
    pub texte: String,
    /// Asked only of a network application (« Dans le cas de candidatures en réseau… »).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(
        description = "L'exigence ne concerne que les candidatures en réseau : elle n'est pas demandée à un établissement seul."
    )]
    pub reseau: bool,
}

impl Critere {
    /// The requirements asked of a school, in a network application or not.
    pub fn exigences_demandees(&self, en_reseau: bool) -> impl Iterator<Item = &Exigence> {
        self.exigences
            .iter()
            .filter(move |e| en_reseau || !e.reseau)
    }
}

/// Where the text of a criterion comes from when ldm wrote part of it: every view of
/// the criterion (`ldm referentiel`, the files `init` writes, `check`, the annex) says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    description = "Texte écrit par ldm : « reconstitue » (source coupée, passages complétés), « analogie » (rédigé par analogie, faute de texte officiel)."
)]
pub enum Origine {
    Reconstitue,
    Analogie,
}

impl Origine {
    /// The mark shown next to the text, in parentheses.
    pub fn label(self) -> &'static str {
        match self {
            Origine::Reconstitue => "texte reconstitué par ldm",
            Origine::Analogie => "texte rédigé par ldm par analogie",
        }
    }
}

/// One criterion of the cahier des charges.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Un critère du cahier des charges : numéro, dossier (slug), intitulé, exigences et repères du guide."
)]
pub struct Critere {
    #[schemars(description = "Numéro du critère.")]
    pub numero: u32,
    #[schemars(
        description = "Nom du dossier du critère après son numéro, ex. « partenariats » pour criteres/4-partenariats."
    )]
    pub slug: String,
    #[schemars(description = "Intitulé du critère.")]
    pub intitule: String,
    #[serde(default)]
    #[schemars(
        description = "Une candidature en réseau décrit sa stratégie commune dans ce critère."
    )]
    pub strategie_commune_reseau: bool,
    pub exigences: Vec<Exigence>,
    #[serde(default)]
    pub fiches_qualeduc: Vec<Item>,
    #[serde(default)]
    pub mesures_reforme: Vec<Item>,
    #[serde(default)]
    pub acteurs: Vec<Item>,
    #[serde(default)]
    pub evaluation_etablissement: Vec<Item>,
    #[serde(default)]
    pub axes_strategiques: Vec<Item>,
    #[serde(default)]
    pub objectifs_operationnels: Vec<Item>,
    #[serde(default)]
    pub exemples_actions: Vec<Item>,
    #[serde(default)]
    pub exemples_indicateurs: Vec<Item>,
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origine: Option<Origine>,
}

/// An edition as written in its file (public for its JSON Schema, `crate::schema`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    #[schemars(description = "Identifiant de l'édition, ex. « aix-marseille-2026 ».")]
    id: String,
    #[schemars(description = "Titre de l'édition.")]
    titre: String,
    #[schemars(description = "Document d'où vient le cahier des charges.")]
    source: Option<String>,
    #[schemars(
        description = "Édition intégrée à ldm que celle-ci complète (ex. « national-2026 ») : ses critères sont repris, ceux de ce fichier s'y ajoutent ou les remplacent (même numéro)."
    )]
    etend: Option<String>,
    #[schemars(description = "Les critères de l'édition.")]
    criteres: Vec<Critere>,
    #[schemars(
        description = "Les échelles de l'audit (conformité, efficacité, écarts) ; sans elles, celles de l'édition étendue."
    )]
    audit: Option<Echelles>,
}

/// The scales an auditor judges with: ldm's proposal in national-2026, which an
/// académie may replace in its edition (the guide names the two questions, not scales).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Les échelles de l'audit : conformité et efficacité de chaque exigence, niveaux des écarts."
)]
pub struct Echelles {
    #[schemars(
        description = "Valeurs de la conformité d'une exigence, de la meilleure à la moins bonne."
    )]
    pub conformite: Vec<Niveau>,
    #[schemars(description = "Niveaux de l'efficacité de la démarche, du plus élevé au plus bas.")]
    pub efficacite: Vec<Niveau>,
    #[schemars(description = "Niveaux des écarts, du moins grave au plus grave.")]
    pub ecarts: Vec<Niveau>,
}

/// One value of a scale, with what the rules of `ldm audit check` make of it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Une valeur d'une échelle de l'audit et sa définition.")]
pub struct Niveau {
    #[schemars(
        description = "La valeur telle que l'auditeur l'écrit, ex. « partiellement conforme »."
    )]
    pub valeur: String,
    #[schemars(description = "Sa définition, reprise dans le rapport d'audit.")]
    pub definition: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(
        description = "Conformité : cette valeur veut dire que l'exigence n'est pas encore jugée."
    )]
    pub non_evalue: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(description = "Conformité : cette valeur demande un écart qui la décrit.")]
    pub ecart: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(
        description = "Écart : ce niveau est incompatible avec un avis favorable, même avec réserves."
    )]
    pub majeur: bool,
}

impl Echelles {
    /// The scales of national-2026, for an edition file that sets none and extends none.
    pub fn national() -> Option<Echelles> {
        embedded("national-2026")?.ok()?.audit
    }
}

/// A resolved edition: its own criteria plus those it extends, by number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edition {
    pub id: String,
    pub titre: String,
    pub source: Option<String>,
    pub etend: Option<String>,
    pub criteres: Vec<Critere>,
    /// The audit's scales, inherited through `etend`.
    #[serde(skip)]
    pub audit: Option<Echelles>,
}

impl Edition {
    pub fn critere(&self, numero: u32) -> Option<&Critere> {
        self.criteres.iter().find(|c| c.numero == numero)
    }

    pub fn exigence(&self, id: &str) -> Option<(&Critere, &Exigence)> {
        self.criteres
            .iter()
            .find_map(|c| c.exigences.iter().find(|e| e.id == id).map(|e| (c, e)))
    }

    pub fn exigence_ids(&self) -> impl Iterator<Item = &str> {
        self.criteres
            .iter()
            .flat_map(|c| c.exigences.iter().map(|e| e.id.as_str()))
    }
}

/// Ids of the embedded editions.
pub fn embedded_ids() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(id, _)| *id)
}

/// Each embedded edition once parsed, in the order of [`EMBEDDED`], on first use only:
/// a dossier on the national edition never parses an académie's.
static PARSED: [OnceLock<Result<Edition, String>>; EMBEDDED.len()] =
    [const { OnceLock::new() }; EMBEDDED.len()];

/// An embedded edition by id. The embedded files are checked by the test suite,
/// so a parse failure here is a packaging bug reported as an error, not a panic.
/// Each is parsed once per process (a batch of a thousand dossiers, render, progress
/// and diff all share it), then cloned: a clone costs far less than a parse.
pub fn embedded(id: &str) -> Option<Result<Edition, String>> {
    let at = EMBEDDED.iter().position(|(i, _)| *i == id)?;
    let (id, json) = EMBEDDED[at];
    let parsed = PARSED[at].get_or_init(|| parse_embedded(id, json));
    Some(parsed.clone())
}

/// An embedded edition from its JSON (see [`EMBEDDED`]).
fn parse_embedded(id: &str, json: &str) -> Result<Edition, String> {
    let path = format!("<édition intégrée {id}>");
    let file: EditionFile = serde_json::from_str(json).map_err(|e| format!("{path}\u{a0}: {e}"))?;
    assemble(file, &path, |_| Pos::start()).map_err(|d| d.message)
}

/// Parses an edition file, resolving `etend` against the embedded editions.
pub fn parse(text: &str, path: &str) -> Result<Edition, Diagnostic> {
    let src = Source::new(path, text);
    let file: EditionFile = serde_saphyr::from_str(&src.text)
        .map_err(|e| crate::load::errors::yaml_error(&e, &src, 0))?;
    let file = without_controls(file, &src.text);
    assemble(file, path, |base| etend_pos(&src, base))
}

/// `file` with the control characters its YAML escapes (`"\x01"`, `"\e"`) produced
/// replaced by « � », as the dossier's own files are at load: the edition's texts reach
/// the Word annex, which XML forbids them in. Only a text with a backslash can hold one
/// (YAML refuses them raw); it is read once more as plain values to be scrubbed.
fn without_controls(file: EditionFile, text: &str) -> EditionFile {
    if !text.contains('\\') {
        return file;
    }
    let Ok(mut value) = serde_saphyr::from_str::<serde_json::Value>(text) else {
        return file;
    };
    let mut stack = vec![&mut value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => {
                if let std::borrow::Cow::Owned(clean) = crate::load::control::scrub(s) {
                    *s = clean;
                }
            }
            serde_json::Value::Array(items) => stack.extend(items.iter_mut()),
            serde_json::Value::Object(map) => stack.extend(map.values_mut()),
            _ => {}
        }
    }
    serde_json::from_value(value).unwrap_or(file)
}

/// An edition from its file's data: the criteria it extends, then its own, by number.
/// `etend_at` places a finding on the `etend` line of the file.
fn assemble(
    file: EditionFile,
    path: &str,
    etend_at: impl Fn(&str) -> Pos,
) -> Result<Edition, Diagnostic> {
    let (mut criteres, base_audit) = match &file.etend {
        None => (Vec::new(), None),
        Some(base) => match EMBEDDED.iter().find(|(i, _)| i == base) {
            Some(_) if base != &file.id => base_edition(base)?,
            _ => {
                return Err(Diagnostic::new(
                    Rule::EditionInconnue,
                    format!("« etend: {base} » ne désigne pas une édition intégrée à ldm"),
                )
                .at(path, etend_at(base))
                .help(format!(
                    "éditions disponibles : {}",
                    embedded_ids().collect::<Vec<_>>().join(", ")
                )));
            }
        },
    };
    for c in file.criteres {
        criteres.retain(|o| o.numero != c.numero);
        criteres.push(c);
    }
    criteres.sort_by_key(|c| c.numero);
    Ok(Edition {
        id: file.id,
        titre: file.titre,
        source: file.source,
        etend: file.etend,
        criteres,
        audit: file.audit.or(base_audit),
    })
}

/// The criteria and audit scales of the embedded edition `base` that a file extends.
fn base_edition(base: &str) -> Result<(Vec<Critere>, Option<Echelles>), Diagnostic> {
    match embedded(base) {
        Some(Ok(e)) => Ok((e.criteres, e.audit)),
        _ => Err(Diagnostic::new(
            Rule::EditionInconnue,
            format!("« {base} » illisible"),
        )),
    }
}

/// Where `etend:` is written in an edition file.
fn etend_pos(src: &Source, base: &str) -> Pos {
    let line = src
        .text
        .lines()
        .position(|l| l.trim_start().starts_with("etend:"))
        .map_or(1, |i| i as u32 + 1);
    src.pos_on_line(line, base)
}

/// Resolves what `ldm.toml` names: an embedded id, or a YAML file inside the dossier.
/// A file is read through `files` (the dossier's source), so it stays inside the dossier.
pub fn resolve(name: &str, files: &dyn FileSource) -> Result<Edition, Diagnostic> {
    if let Some(ed) = embedded(name) {
        return ed.map_err(|m| Diagnostic::new(Rule::EditionInconnue, m));
    }
    let looks_like_file = name.ends_with(".yaml") || name.ends_with(".yml");
    if !looks_like_file {
        let mut d = Diagnostic::new(
            Rule::EditionInconnue,
            format!("l'édition « {name} » n'existe pas"),
        );
        let ids: Vec<_> = embedded_ids().collect();
        d = d.help(match crate::text::suggest(name, ids.iter().copied()) {
            Some(s) => format!(
                "vouliez-vous dire « {s} » ? Éditions intégrées : {}",
                ids.join(", ")
            ),
            None => format!(
                "éditions intégrées : {} ; ou le chemin d'un fichier .yaml du dossier",
                ids.join(", ")
            ),
        });
        return Err(d);
    }
    let Some(rel) = crate::vfs::normalize(name).filter(|_| !name.starts_with('\\')) else {
        return Err(Diagnostic::new(Rule::EditionInconnue, format!("le référentiel « {name} » est hors du dossier"))
            .help("placez le fichier du référentiel dans le dossier et indiquez un chemin relatif, par exemple « referentiel.yaml »"));
    };
    let bytes = files.read(&rel).map_err(|e| match e {
        ReadError::Outside { target } => Diagnostic::new(Rule::LienHorsDossier,
            format!("le référentiel « {name} » est un lien vers « {target} », hors du dossier : il n'est pas lu"),
        )
        .help("remplacez le lien symbolique par une copie du fichier dans le dossier"),
        e => Diagnostic::new(Rule::EditionInconnue,
            format!("lecture impossible du référentiel « {name} » : {e}"),
        )
        .help("vérifiez le chemin, relatif au dossier (là où se trouve ldm.toml)"),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::new(
            Rule::EditionInconnue,
            format!("le référentiel « {name} » n'est pas un texte UTF-8"),
        )
        .help("enregistrez le fichier en UTF-8")
    })?;
    parse(&text, name)
}

/// The note under the annex's requirements: the guide's are unnumbered bullets, the
/// numbers are ldm's (the import knows it as ldm's own text).
pub const NOTE_EXIGENCES: &str = "Les exigences sont les points du cahier des charges (section F du guide), que le guide ne numérote pas : ldm les numérote dans l'ordre où le guide les écrit, 4.2 désignant le deuxième point du critère 4.";

#[cfg(test)]
mod tests {
    use super::*;

    /// The YAML each embedded edition is written in, as a school's own file would be read.
    const YAML: [(&str, &str); 2] = [
        (
            "national-2026",
            include_str!("../../schema/referentiels/national-2026.yaml"),
        ),
        (
            "aix-marseille-2026",
            include_str!("../../schema/referentiels/aix-marseille-2026.yaml"),
        ),
    ];

    #[test]
    fn control_characters_written_as_escapes_are_replaced() {
        let yaml = YAML[0]
            .1
            .replacen("intitule: \"", "intitule: \"\\x01\\e", 1);
        assert_ne!(yaml, YAML[0].1, "the edition has a quoted intitule");
        let ed = parse(&yaml, "referentiel.yaml").unwrap();
        let json = serde_json::to_string(&ed).unwrap();
        assert!(json.contains("\u{fffd}\u{fffd}"), "{json}");
        assert!(!json.contains("\\u0001") && !json.contains("\\u001b"));
    }

    #[test]
    fn the_json_built_for_the_binary_reads_as_the_yaml_it_came_from() {
        assert_eq!(YAML.map(|(id, _)| id), EMBEDDED.map(|(id, _)| id));
        for (id, yaml) in YAML {
            let from_yaml = parse(yaml, id).unwrap_or_else(|d| panic!("{id}: {}", d.message));
            assert_eq!(embedded(id).unwrap().unwrap(), from_yaml, "{id}");
        }
    }

    #[test]
    fn embedded_editions_parse_with_unique_requirement_ids() {
        for id in embedded_ids() {
            let ed = embedded(id)
                .unwrap()
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            let mut ids: Vec<_> = ed.exigence_ids().collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), n, "{id} has duplicate requirement ids");
            for c in &ed.criteres {
                assert!(
                    !c.exigences.is_empty(),
                    "{id} criterion {} has no requirement",
                    c.numero
                );
                for e in &c.exigences {
                    assert!(
                        e.id.starts_with(&format!("{}.", c.numero)),
                        "{id}: {} under {}",
                        e.id,
                        c.numero
                    );
                }
            }
        }
    }

    #[test]
    fn national_has_the_eight_criteria_and_network_strategy_on_4_5_6_8() {
        let ed = embedded("national-2026").unwrap().unwrap();
        let nums: Vec<_> = ed.criteres.iter().map(|c| c.numero).collect();
        assert_eq!(nums, [1, 2, 3, 4, 5, 6, 7, 8]);
        let network: Vec<_> = ed
            .criteres
            .iter()
            .filter(|c| c.strategie_commune_reseau)
            .map(|c| c.numero)
            .collect();
        assert_eq!(network, [4, 5, 6, 8]);
    }

    #[test]
    fn academic_edition_extends_national_with_two_criteria() {
        let ed = embedded("aix-marseille-2026").unwrap().unwrap();
        let nums: Vec<_> = ed.criteres.iter().map(|c| c.numero).collect();
        assert_eq!(nums, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert!(
            ed.critere(9)
                .unwrap()
                .intitule
                .contains("développement durable")
        );
    }

    #[test]
    fn unknown_edition_suggests_the_closest() {
        let d = resolve("nationale-2026", &crate::vfs::Memory::new()).unwrap_err();
        assert_eq!(d.rule, Rule::EditionInconnue);
        assert!(d.help.unwrap().contains("«\u{202f}national-2026\u{202f}»"));
    }
}
