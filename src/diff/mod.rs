//! `ldm diff`: what changed between the previous dossier and the renewal.
//!
//! Criteria are paired by folder slug (editions renumber them), then by title;
//! actions and engagements by criterion, kind and file name, then by similar
//! dénomination (a rename or a move); each old engagement gets its fate (tenu,
//! reconduit, abandonné) from `suite_de`, then from the pairing, then from similarity.

mod criteres;
pub mod document;
pub mod entity;
mod fate;
mod index;
pub mod matching;
mod pairing;
pub mod state;
pub mod team;
pub mod term;

use crate::model::{Dossier, Entity, Kind};

/// Version of `ldm diff --format json` (docs/json.md keeps the changelog).
pub const JSON_VERSION: u32 = 2;
use crate::referentiel::Edition;
use entity::Changes;
use serde::{Serialize, Serializer};
use state::{CritereEtat, Fate, FicheEtat, Par};
use std::collections::BTreeMap;

/// One side of the comparison.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Side {
    /// As the user named it: a folder, or a git revision.
    pub source: String,
    pub annee: Option<i64>,
    pub edition: String,
}

fn kind_word<S: Serializer>(k: &Kind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.label())
}

/// What happened to an action or engagement.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EntityDiff {
    /// « action » or « engagement ».
    #[serde(serialize_with = "kind_word")]
    #[schemars(schema_with = "crate::schema::nature")]
    pub nature: Kind,
    pub etat: FicheEtat,
    pub id: String,
    pub ancien_id: Option<String>,
    pub denomination: String,
    /// For a new action: the old engagement it carries out.
    pub realise: Option<String>,
    /// The title of that engagement.
    pub realise_denomination: Option<String>,
    pub changements: Changes,
}

/// The fate of an old engagement.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Devenir {
    pub engagement: String,
    pub denomination: String,
    pub devenir: Fate,
    /// The new action or engagement that follows it.
    pub suite: Option<String>,
    /// The title of that follower.
    pub suite_denomination: Option<String>,
    /// How the follower was found.
    pub par: Option<Par>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CritereDiff {
    pub etat: CritereEtat,
    pub ancien_numero: Option<u32>,
    pub numero: Option<u32>,
    pub intitule: String,
    pub fiches: Vec<EntityDiff>,
    pub engagements: Vec<Devenir>,
    pub equipe: team::TeamDiff,
}

#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Resume {
    pub criteres_ajoutes: usize,
    pub criteres_retires: usize,
    pub fiches_ajoutees: usize,
    pub fiches_retirees: usize,
    pub fiches_renommees: usize,
    pub fiches_modifiees: usize,
    pub engagements_tenus: usize,
    pub engagements_reconduits: usize,
    pub engagements_abandonnes: usize,
    pub personnes_arrivees: usize,
    pub personnes_parties: usize,
    /// People whose function or roles changed (since JSON version 2: people, not changes).
    pub personnes_changees: usize,
}

impl Resume {
    pub fn is_empty(&self) -> bool {
        self.criteres_ajoutes
            + self.criteres_retires
            + self.fiches_ajoutees
            + self.fiches_retirees
            + self.fiches_renommees
            + self.fiches_modifiees
            == 0
            && self.personnes_arrivees + self.personnes_parties + self.personnes_changees == 0
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Diff {
    pub ancien: Side,
    pub nouveau: Side,
    pub resume: Resume,
    pub criteres: Vec<CritereDiff>,
    /// Everyone involved, across the dossier.
    pub equipe: team::TeamDiff,
}

/// A loaded dossier with its edition and how the user named it.
pub struct Input<'a> {
    pub source: String,
    pub dossier: &'a Dossier,
    pub edition: &'a Edition,
}

/// Compares `old` and `new`: pairs criteria, then fiches, finds what became of each old
/// engagement, and reports per criterion.
pub fn compare(old: &Input, new: &Input) -> Diff {
    let (od, nd) = (old.dossier, new.dossier);
    let crits = pairing::criteria(od, nd, old.edition);
    let (of, nf) = (pairing::fiches(od), pairing::fiches(nd));
    let fiches = pairing::fiches_pairs((od, &of), (nd, &nf), &crits);
    let fates = fate::fates(&of, &nf, &fiches);
    let criteres = criteres::criteres(&criteres::Steps {
        old,
        new,
        of: &of,
        nf: &nf,
        crits: &crits,
        fiches: &fiches,
        fates: &fates,
    });
    let mut names = team::CritereNames::new();
    team::critere_names(nd, new.edition, &mut names);
    team::critere_names(od, old.edition, &mut names);
    let equipe = team::compare(od, nd, &names);
    let side = |i: &Input| Side {
        source: i.source.clone(),
        annee: i.dossier.annee(),
        edition: i.edition.id.clone(),
    };
    let mut criteres = criteres;
    name_followers(&mut criteres);
    Diff {
        ancien: side(old),
        nouveau: side(new),
        resume: criteres::resume(&criteres, &equipe),
        criteres,
        equipe,
    }
}

/// Gives each link between fiches the title of the fiche it points to: auditors read
/// titles, not file names.
fn name_followers(criteres: &mut [CritereDiff]) {
    let new: BTreeMap<String, String> = (criteres.iter().flat_map(|c| &c.fiches))
        .map(|f| (f.id.clone(), f.denomination.clone()))
        .collect();
    let old: BTreeMap<String, String> = (criteres.iter().flat_map(|c| &c.engagements))
        .map(|e| (e.engagement.clone(), e.denomination.clone()))
        .collect();
    for c in criteres.iter_mut() {
        for e in &mut c.engagements {
            e.suite_denomination = e.suite.as_ref().and_then(|s| new.get(s).cloned());
        }
        for f in &mut c.fiches {
            f.realise_denomination = f.realise.as_ref().and_then(|s| old.get(s).cloned());
        }
    }
}

/// The prose of a section, for comparisons.
pub(crate) fn section_text(d: &Dossier, e: &Entity, title: &str, parent: Option<&str>) -> String {
    crate::markup::without_comments(&d.section_text(e, title, parent))
}
