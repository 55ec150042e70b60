//! `ldm import`: a Word dossier that follows the guide's tables (seed 003, section E.V),
//! ldm's own annex or one a school filled by hand, read back into dossier files, with
//! every table, row or cell that could not be placed reported.

mod body;
mod fiches;
mod guide;
mod package;
mod report;
mod tables;
mod values;
mod write;

pub use package::{MAX_FILE, PackageError};
pub use report::{JSON_VERSION, Sortie, not_docx};
pub use write::File;

use serde::Serialize;

/// A person as the dossier writes one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub nom: String,
    pub prenom: String,
    pub fonction: String,
}

/// An indicator: its measures by year as they will be written (`2024`, `2023-2024`),
/// each value a YAML scalar, with what was interpreted kept as written.
#[derive(Debug, Clone, Default)]
pub struct Indicateur {
    pub intitule: String,
    pub unite: Option<String>,
    /// The target and its direction, as the annex writes them under the indicator.
    pub cible: Option<String>,
    pub sens: Option<&'static str>,
    pub mesures: Vec<(String, String)>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Objectif {
    pub intitule: String,
    pub plus_value: String,
    pub indicateurs: Vec<Indicateur>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Action,
    Engagement,
}

/// An action or an engagement.
#[derive(Debug, Clone, Default)]
pub struct Fiche {
    pub kind: Kind,
    /// Its number in its criterion, as the annex numbers it.
    pub n: usize,
    pub denomination: String,
    pub periode: Option<(String, String)>,
    pub perenne: Option<bool>,
    pub exigences: Vec<String>,
    pub animateur: Vec<Person>,
    /// The animateur cell as written, resolved once the collective is read.
    pub animateur_raw: String,
    pub objectifs: Vec<Objectif>,
    /// Markdown sections by their heading (`Description`, `Moyens engagés`…).
    pub sections: Vec<(String, String)>,
    pub preuves: Vec<String>,
    /// `# À vérifier : …` lines of its front matter.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Critere {
    pub numero: u32,
    pub etat_des_lieux: String,
    pub objectif_general: String,
    pub strategie_reseau: Option<String>,
    pub transversalite: Vec<(&'static str, String)>,
    pub coordonnateurs: Vec<Person>,
    pub membres: Vec<Person>,
    pub fiches: Vec<Fiche>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Identite {
    pub nom: String,
    pub uai: String,
    pub academie: String,
    pub ville: String,
    pub denomination: String,
    pub nature: String,
    pub annee: String,
    pub precedente: String,
    pub edition: String,
    pub reseau: Vec<String>,
    pub notes: Vec<String>,
}

/// What was read from the Word file, before it is written as files.
#[derive(Debug, Clone, Default)]
pub struct Dossier {
    pub identite: Identite,
    pub contexte: String,
    pub articulation: String,
    pub pilotage: String,
    pub chef: Option<Person>,
    pub ddfpt: Option<Person>,
    pub comite: Vec<Person>,
    pub criteres: Vec<Critere>,
}

/// A piece of the Word file not placed, or placed after an interpretation.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Note {
    /// « tableau 14, ligne 3, colonne 2 », or « paragraphe 120 ».
    pub endroit: String,
    /// The text as written (shortened).
    pub texte: String,
    /// What happened to it.
    pub motif: String,
}

/// The import's result: the files to write and the report.
#[derive(Debug, Default)]
pub struct Imported {
    pub files: Vec<File>,
    pub notes: Vec<Note>,
    pub counts: Counts,
}

/// What was imported, counted: the figures a user compares with the Word file.
#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct Counts {
    pub criteres: usize,
    pub actions: usize,
    pub engagements: usize,
    pub objectifs: usize,
    pub indicateurs: usize,
    pub mesures: usize,
    pub personnes: usize,
}

/// Reads a .docx's bytes into dossier files; `Err` when the file is not a readable Word
/// document (the message is the user's).
pub fn import(bytes: &[u8]) -> Result<Imported, PackageError> {
    let xml = package::document_xml(bytes)?;
    let body = body::read(&xml);
    drop(xml);
    let (dossier, mut notes) = guide::read(&body);
    for s in &body.skipped {
        notes.push(Note {
            endroit: "document".to_string(),
            texte: String::new(),
            motif: s.clone(),
        });
    }
    let counts = counts(&dossier);
    Ok(Imported {
        files: write::files(&dossier),
        notes,
        counts,
    })
}

fn counts(d: &Dossier) -> Counts {
    let fiches = || d.criteres.iter().flat_map(|c| &c.fiches);
    let objectifs = || fiches().flat_map(|f| &f.objectifs);
    let indicateurs = || objectifs().flat_map(|o| &o.indicateurs);
    let mut people: Vec<&Person> = d.chef.iter().chain(&d.ddfpt).chain(&d.comite).collect();
    for c in &d.criteres {
        people.extend(c.coordonnateurs.iter().chain(&c.membres));
        people.extend(c.fiches.iter().flat_map(|f| &f.animateur));
    }
    let mut names: Vec<(String, String)> = people
        .iter()
        .map(|p| (crate::text::fold(&p.nom), crate::text::fold(&p.prenom)))
        .collect();
    names.sort();
    names.dedup();
    Counts {
        criteres: d.criteres.len(),
        actions: fiches().filter(|f| f.kind == Kind::Action).count(),
        engagements: fiches().filter(|f| f.kind == Kind::Engagement).count(),
        objectifs: objectifs().count(),
        indicateurs: indicateurs().count(),
        mesures: indicateurs().map(|i| i.mesures.len()).sum(),
        personnes: names.len(),
    }
}
