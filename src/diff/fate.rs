//! What became of each engagement of the previous dossier: the new fiche that declares it
//! in `suite_de`, else the fiche it was paired with, else the most similar new action
//! left unpaired. Followed by an action, it was kept (tenu); by an engagement, renewed.

use super::Devenir;
use super::index::Index;
use super::matching::{self, Title};
use super::pairing::{Fiche, Pairs};
use super::state::{Fate, Par};
use crate::model::Kind;
use std::collections::{HashMap, HashSet};

/// The fates, each with the index of its old criterion, and for each new fiche the old
/// engagement it carries out.
pub(super) struct Fates {
    pub devenirs: Vec<(usize, Devenir)>,
    pub realise: Vec<Option<String>>,
    followed: HashSet<String>,
}

impl Fates {
    /// Whether something continues the old fiche `id`: then it is not listed as removed.
    pub fn followed(&self, id: &str) -> bool {
        self.followed.contains(id)
    }

    /// The fates of the engagements of old criterion `crit`.
    pub fn of_critere(&self, crit: Option<usize>) -> Vec<Devenir> {
        (self.devenirs.iter())
            .filter(|(c, _)| Some(*c) == crit)
            .map(|(_, d)| d.clone())
            .collect()
    }
}

pub(super) fn fates(of: &[Fiche], nf: &[Fiche], pairs: &Pairs) -> Fates {
    let mut suite_de: HashMap<String, usize> = HashMap::new();
    for (j, n) in nf.iter().enumerate() {
        if let Some(s) = n.entity.front.as_ref().and_then(|f| f.suite_de.as_ref()) {
            suite_de.entry(s.value.trim().to_string()).or_insert(j);
        }
    }
    let (at, titles) = unpaired_actions(nf, pairs);
    let index = Index::new(&titles);
    let similar = |d: &str| most_similar(&titles, &index, d).map(|k| at[k]);
    let mut out = Fates {
        devenirs: Vec::new(),
        realise: vec![None; nf.len()],
        followed: HashSet::new(),
    };
    for (i, o) in of
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind == Kind::Engagement)
    {
        let id = o.entity.id();
        let found = match (suite_de.get(&id), pairs.new_of_old[i]) {
            (Some(&j), _) => Some((j, Par::SuiteDe)),
            (None, Some(j)) if nf[j].stem == o.stem => Some((j, Par::Identifiant)),
            (None, Some(j)) => Some((j, Par::Similarite)),
            (None, None) => similar(&o.denomination).map(|j| (j, Par::Similarite)),
        };
        let devenir = match found.map(|(j, _)| nf[j].kind) {
            Some(Kind::Action) => Fate::Tenu,
            Some(Kind::Engagement) => Fate::Reconduit,
            None => Fate::Abandonne,
        };
        if let (Some((j, _)), Fate::Tenu) = (found, devenir) {
            out.realise[j] = Some(id.clone());
        }
        if found.is_some() {
            out.followed.insert(id.clone());
        }
        let devenir = Devenir {
            engagement: id,
            denomination: o.denomination.clone(),
            devenir,
            suite: found.map(|(j, _)| nf[j].entity.id()),
            suite_denomination: None,
            par: found.map(|(_, p)| p),
        };
        out.devenirs.push((o.crit, devenir));
    }
    out
}

/// The new actions paired with nothing: where an old engagement without a follower may
/// have gone, under another name. Their indexes, and their titles.
fn unpaired_actions(nf: &[Fiche], pairs: &Pairs) -> (Vec<usize>, Vec<Title>) {
    let at: Vec<usize> = (0..nf.len())
        .filter(|j| nf[*j].kind == Kind::Action && pairs.old_of_new[*j].is_none())
        .collect();
    let titles = at
        .iter()
        .map(|j| Title::new(&nf[*j].denomination))
        .collect();
    (at, titles)
}

/// The title most similar to `denomination` above the threshold; the first on a tie.
fn most_similar(titles: &[Title], index: &Index, denomination: &str) -> Option<usize> {
    let t = Title::new(denomination);
    let mut best: Option<(usize, f64)> = None;
    for k in index.candidates(&t) {
        let s = matching::score(&t, &titles[k]);
        if s >= matching::THRESHOLD && best.is_none_or(|(_, b)| s > b) {
            best = Some((k, s));
        }
    }
    best.map(|(k, _)| k)
}
