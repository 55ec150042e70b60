//! Pairing the two dossiers: criteria by folder slug (editions renumber them) then by
//! title; actions and engagements, kind by kind, by criterion and file name, then by
//! similar dénomination (a rename or a move).

use super::matching;
use crate::model::{CritereDir, Dossier, Entity, Kind};
use crate::referentiel::Edition;

/// The folder name of a criterion without its number.
pub(super) fn slug(dir: &CritereDir) -> String {
    let name = dir.dir.trim_start_matches("criteres/");
    name.split_once('-').map_or(name, |(_, s)| s).to_string()
}

/// The criterion's title in `ed`, or its slug when the edition does not have it.
pub(super) fn intitule(ed: &Edition, dir: &CritereDir) -> String {
    ed.critere(dir.numero)
        .map_or_else(|| slug(dir), |c| c.intitule.clone())
}

/// An action or engagement with what pairing needs.
pub(super) struct Fiche<'a> {
    /// Index of its criterion in its dossier.
    pub crit: usize,
    pub kind: Kind,
    pub entity: &'a Entity,
    pub stem: String,
    pub denomination: String,
}

/// The fiches of a dossier that have a front matter, in the dossier's order.
pub(super) fn fiches(d: &Dossier) -> Vec<Fiche<'_>> {
    let mut out = Vec::new();
    for (crit, c) in d.criteres.iter().enumerate() {
        for (kind, e) in c.entities() {
            let Some(f) = e.front.as_ref() else { continue };
            let file = e.path.rsplit('/').next().unwrap_or("");
            out.push(Fiche {
                crit,
                kind,
                entity: e,
                stem: file.trim_end_matches(".md").to_string(),
                denomination: f.denomination.value.clone(),
            });
        }
    }
    out
}

/// Who is paired with whom, by index, both ways.
pub(super) struct Pairs {
    pub new_of_old: Vec<Option<usize>>,
    pub old_of_new: Vec<Option<usize>>,
}

impl Pairs {
    fn new(old: usize, new: usize, pairs: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut p = Pairs {
            new_of_old: vec![None; old],
            old_of_new: vec![None; new],
        };
        for (i, j) in pairs {
            p.new_of_old[i] = Some(j);
            p.old_of_new[j] = Some(i);
        }
        p
    }
}

/// Criteria: same slug, then similar title (both named in the old edition's words).
pub(super) fn criteria(od: &Dossier, nd: &Dossier, old_edition: &Edition) -> Pairs {
    let pairs = matching::pair(&od.criteres, &nd.criteres, slug, |c| {
        intitule(old_edition, c)
    });
    Pairs::new(
        od.criteres.len(),
        nd.criteres.len(),
        pairs.into_iter().map(|(i, j, _)| (i, j)),
    )
}

/// Fiches of each kind: same criterion and file name, then similar dénomination.
pub(super) fn fiches_pairs(
    (od, of): (&Dossier, &[Fiche]),
    (nd, nf): (&Dossier, &[Fiche]),
    crits: &Pairs,
) -> Pairs {
    let key_old = |o: &Fiche| format!("{}/{}", slug(&od.criteres[o.crit]), o.stem);
    // A file keeps its identity when its criterion was only renumbered.
    let key_new = |n: &Fiche| {
        let crit = crits.old_of_new[n.crit].map_or(&nd.criteres[n.crit], |i| &od.criteres[i]);
        format!("{}/{}", slug(crit), n.stem)
    };
    let mut all = Vec::new();
    for kind in [Kind::Action, Kind::Engagement] {
        let side = |fs: &[Fiche], key: &dyn Fn(&Fiche) -> String| -> Vec<(usize, String, String)> {
            (fs.iter().enumerate())
                .filter(|(_, f)| f.kind == kind)
                .map(|(i, f)| (i, key(f), f.denomination.clone()))
                .collect()
        };
        let (olds, news) = (side(of, &key_old), side(nf, &key_new));
        let found = matching::pair(&olds, &news, |x| x.1.clone(), |x| x.2.clone());
        all.extend(found.into_iter().map(|(a, b, _)| (olds[a].0, news[b].0)));
    }
    Pairs::new(of.len(), nf.len(), all)
}
