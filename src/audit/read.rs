//! Reads the audit's files through the dossier's file source, with `load`'s own
//! machinery: bounded text reads, the spanned YAML tree decoded field by field, so every
//! finding is located and every mistake of a file comes out in one run.

use super::{Audit, CritereFront, DIR, Ecart, Fiche, Jugement};
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::load::decode::{Cx, Decode, Fields};
use crate::load::yaml::Node;
use crate::load::{self, errors};
use crate::markup;
use crate::vfs::{self, Kind};
use crate::workspace::Workspace;
use std::collections::BTreeMap;

const HINT: &str =
    "un ensemble de champs (clé: valeur), comme dans le fichier écrit par « ldm audit init »";

impl Decode for Jugement {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = ["id", "conformite", "efficacite", "constats", "preuves"];
        let f = Fields::of(n, cx, field, &known, HINT)?;
        let id = f.req(cx, "id");
        let conformite = f.opt(cx, "conformite");
        let efficacite = f.opt(cx, "efficacite");
        let constats = f.opt(cx, "constats");
        let preuves = f.list(cx, "preuves");
        Some(Jugement {
            id: id?,
            conformite: conformite.ok()?,
            efficacite: efficacite.ok()?,
            constats: constats.ok()?,
            preuves: preuves?,
        })
    }
}

impl Decode for Ecart {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = [
            "niveau",
            "exigence",
            "constat",
            "correction",
            "echeance",
            "preuves",
        ];
        let f = Fields::of(n, cx, field, &known, HINT)?;
        let niveau = f.req(cx, "niveau");
        let exigence = f.req(cx, "exigence");
        let constat = f.opt(cx, "constat");
        let correction = f.opt(cx, "correction");
        let echeance = f.opt(cx, "echeance");
        let preuves = f.list(cx, "preuves");
        Some(Ecart {
            pos: n.pos,
            niveau: niveau?,
            exigence: exigence?,
            constat: constat.ok()?,
            correction: correction.ok()?,
            echeance: echeance.ok()?,
            preuves: preuves?,
        })
    }
}

impl Decode for CritereFront {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = ["critere", "exigences", "ecarts", "points_forts"];
        let f = Fields::of(n, cx, field, &known, HINT)?;
        let critere = f.req(cx, "critere");
        let exigences = f.list(cx, "exigences");
        let ecarts = f.list(cx, "ecarts");
        let points_forts = f.list(cx, "points_forts");
        Some(CritereFront {
            critere: critere?,
            exigences: exigences?,
            ecarts: ecarts?,
            points_forts: points_forts?,
        })
    }
}

/// Reads the audit of the workspace's dossier from its `audit/` folder. `None` when
/// the dossier has no `audit/` folder at all.
pub fn load(ws: &Workspace) -> Option<Audit> {
    let mut audit = load_criteres(ws, DIR)?;
    let toml_path = format!("{DIR}/audit.toml");
    if let Some(src) = text(&mut audit, ws, &toml_path) {
        match toml::from_str::<Fiche>(&src.text) {
            Ok(f) => audit.fiche = Some(f),
            Err(e) => audit.diagnostics.push(errors::toml_error(&e, &src)),
        }
    }
    if let Some(src) = text(&mut audit, ws, &format!("{DIR}/plan.md")) {
        audit.plan = Some(markup::without_comments(&src.text));
    }
    Some(audit)
}

/// Reads the criterion files of `folder/criteres/` (the audit's, or the school's
/// self-assessment in the same format). `None` when there is no `folder`.
pub fn load_criteres(ws: &Workspace, folder: &str) -> Option<Audit> {
    let d = &ws.dossier;
    let files = d.files.as_ref();
    if files.kind(folder) != Some(Kind::Dir) {
        return None;
    }
    let mut audit = Audit {
        fiche: None,
        plan: None,
        criteres: BTreeMap::new(),
        sources: BTreeMap::new(),
        diagnostics: Vec::new(),
    };
    let dir = format!("{folder}/criteres");
    let mut names: Vec<String> = files
        .list(&dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.name.ends_with(".md") && matches!(e.kind, Kind::File { .. }))
        .map(|e| e.name)
        .collect();
    names.sort();
    for name in names {
        let rel = vfs::join(&dir, &name);
        let (doc, sources, diags) = load::read_doc::<CritereFront>(files, &d.root, &rel);
        audit.sources.extend(sources);
        audit.diagnostics.extend(diags);
        let Some(doc) = doc else { continue };
        add_critere(&mut audit, doc, &rel, folder);
    }
    Some(audit)
}

/// Files criterion `doc` under its number; a second file of one number is a finding.
fn add_critere(audit: &mut Audit, doc: crate::model::Doc<CritereFront>, rel: &str, folder: &str) {
    let numero = doc.front.as_ref().map(|f| f.critere.value);
    match numero.and_then(|n| u32::try_from(n).ok()) {
        Some(n) if !audit.criteres.contains_key(&n) => {
            audit.criteres.insert(n, doc);
        }
        Some(_) => {
            let pos = doc.front.as_ref().map_or(Pos::start(), |f| f.critere.pos);
            audit.diagnostics.push(
                Diagnostic::new(
                    Rule::CleEnDouble,
                    format!(
                        "le critère {} a déjà son fichier dans {folder}/",
                        numero.unwrap_or(0)
                    ),
                )
                .at(rel, pos)
                .help(format!(
                    "gardez un seul fichier par critère dans {folder}/criteres/"
                )),
            );
        }
        None => {}
    }
}

/// Reads a text file of the audit; a missing one is named with how to create it.
fn text(audit: &mut Audit, ws: &Workspace, rel: &str) -> Option<crate::source::Source> {
    let files = ws.dossier.files.as_ref();
    if !matches!(files.kind(rel), Some(Kind::File { .. })) {
        audit.diagnostics.push(
            Diagnostic::new(
                Rule::FichierManquant,
                format!("le fichier « {rel} » est absent"),
            )
            .in_file(rel)
            .help("« ldm audit init » écrit les fichiers manquants de l'audit sans rien écraser"),
        );
        return None;
    }
    let (src, sources, diags) = load::read_text(files, &ws.dossier.root, rel);
    audit.sources.extend(sources);
    audit.diagnostics.extend(diags);
    src
}

/// The spanned value `v` of a TOML file as a position in `src`.
pub fn toml_pos<T>(src: Option<&crate::source::Source>, v: &toml::Spanned<T>) -> Pos {
    let span = v.span();
    src.map_or(Pos::start(), |s| s.pos_of_byte(span.start, span.end))
}
