//! The annex as display data: every table cell of the guide's dossier (section E),
//! which `document` lays out (`build` makes it from a dossier).

use crate::markup;
use crate::model::front::Personne;
use serde::Serialize;

/// Prose in both forms: safe HTML and Markdown.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Prose {
    pub html: String,
    pub md: String,
}

impl Prose {
    pub(super) fn new(md: &str) -> Self {
        Prose {
            html: markup::to_html(md),
            md: markup::without_comments(md),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Gens {
    pub nom: String,
    pub prenom: String,
    pub fonction: String,
}

impl From<&Personne> for Gens {
    fn from(p: &Personne) -> Self {
        Gens {
            nom: p.nom.value.clone(),
            prenom: p.prenom.value.clone(),
            fonction: p.fonction.value.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
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
    pub edition_titre: String,
    pub reseau: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Synopsis {
    pub numero: u32,
    pub intitule: String,
    pub coordonnateur: String,
    pub actions: usize,
    pub engagements: usize,
    pub exigences: String,
    /// Fiches of other criteria serving this one, named (« critère 4 : action « … » »).
    pub contributions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicateurAction {
    pub intitule: String,
    pub debut: String,
    pub suivi: String,
    pub fin: String,
    /// « Autres relevés : 2022 : 25 % » — the measures no column shows; empty when none.
    pub autres: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectifAction {
    pub intitule: String,
    pub plus_value: String,
    pub indicateurs: Vec<IndicateurAction>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MiseEnOeuvre {
    pub moyens: Prose,
    pub calendrier: Prose,
    pub lieux: Prose,
    pub modalites: Prose,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub n: usize,
    pub id: String,
    pub denomination: String,
    pub duree: String,
    pub perenne: String,
    pub exigences: String,
    pub description: Prose,
    /// Column headings: « Mesure début (2021) », « Mesure suivi (2024) », « Mesure fin (2026) ».
    pub colonnes: [String; 3],
    pub objectifs: Vec<ObjectifAction>,
    pub mise_en_oeuvre: MiseEnOeuvre,
    pub points_forts: Prose,
    pub axes_de_progres: Prose,
    pub conclusion: Prose,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicateurEngagement {
    pub intitule: String,
    pub mesure: String,
    /// The measures other than the « mesure à N »; empty when none.
    pub autres: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectifEngagement {
    pub intitule: String,
    pub indicateurs: Vec<IndicateurEngagement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Engagement {
    pub n: usize,
    pub id: String,
    pub denomination: String,
    pub description: Prose,
    pub animateur: String,
    pub duree: String,
    pub exigences: String,
    pub suite_de: String,
    /// « Mesure à 2026 ».
    pub colonne: String,
    pub objectifs: Vec<ObjectifEngagement>,
    pub mise_en_oeuvre: MiseEnOeuvre,
}

#[derive(Debug, Clone, Serialize)]
pub struct Critere {
    pub numero: u32,
    pub intitule: String,
    pub etat_des_lieux: Prose,
    pub objectif_general: Prose,
    pub strategie_reseau: Option<Prose>,
    /// Fiches of other criteria that declare they serve this one (`criteres_associes`).
    pub contributions: Vec<String>,
    /// The four rows of « Transversalité de la démarche qualité ».
    pub transversalite: Vec<(String, String)>,
    /// One row each: co-coordinators are listed in the order written.
    pub coordonnateurs: Vec<Gens>,
    pub membres: Vec<Gens>,
    pub actions: Vec<Action>,
    pub engagements: Vec<Engagement>,
    /// Said when ldm wrote part of the criterion's text (`referentiel::Origine`).
    pub origine: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Preuve {
    /// Its number, the same in the annex and in the evidence annex (« preuve 12 »).
    pub numero: usize,
    /// The file's path, or for a page on line « texte (adresse) ».
    pub chemin: String,
    /// A page on line: its address (well formed, http or https) and its text.
    pub adresse: Option<String>,
    pub texte: Option<String>,
    pub citee_par: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Membre {
    pub nom: String,
    pub prenom: String,
    pub fonction: String,
    pub roles: Vec<String>,
}

/// The guide's requirements are unnumbered bullets: the numbers are ldm's.
pub use crate::referentiel::NOTE_EXIGENCES;

/// The whole annex.
#[derive(Debug, Clone, Serialize)]
pub struct Annexe {
    pub identite: Identite,
    pub contexte: Prose,
    pub articulation: Prose,
    pub pilotage: Prose,
    pub synopsis: Vec<Synopsis>,
    /// What the requirement numbers are, said once where they first appear.
    pub note_exigences: &'static str,
    pub criteres: Vec<Critere>,
    pub preuves: Vec<Preuve>,
    pub collectif: Vec<Membre>,
}
