//! The report per criterion: the new dossier's criteria in order, each with its fiches
//! (paired, added, or removed from the criterion it continues) and the fates of its old
//! engagements, then the criteria that disappeared; and the summary counts.

use super::fate::Fates;
use super::pairing::{Fiche, Pairs, intitule};
use super::state::{CritereEtat, Fate, FicheEtat};
use super::{CritereDiff, EntityDiff, Input, Resume, entity, team};
use entity::Changes;

/// Everything the earlier steps found.
pub(super) struct Steps<'a> {
    pub old: &'a Input<'a>,
    pub new: &'a Input<'a>,
    pub of: &'a [Fiche<'a>],
    pub nf: &'a [Fiche<'a>],
    pub crits: &'a Pairs,
    pub fiches: &'a Pairs,
    pub fates: &'a Fates,
}

pub(super) fn criteres(s: &Steps) -> Vec<CritereDiff> {
    let (od, nd) = (s.old.dossier, s.new.dossier);
    let mut out: Vec<CritereDiff> = (0..nd.criteres.len()).map(|j| kept(s, j)).collect();
    let gone = (0..od.criteres.len()).filter(|i| s.crits.new_of_old[*i].is_none());
    out.extend(gone.map(|i| retired(s, i)));
    out
}

/// New criterion `j`, with the old one it continues if any.
fn kept(s: &Steps, j: usize) -> CritereDiff {
    let (od, nd) = (s.old.dossier, s.new.dossier);
    let nc = &nd.criteres[j];
    let old_index = s.crits.old_of_new[j];
    let oc = old_index.map(|i| &od.criteres[i]);
    let mut fiches: Vec<EntityDiff> = (s.nf.iter().enumerate())
        .filter(|(_, n)| n.crit == j)
        .map(|(nj, n)| new_fiche(s, nj, n))
        .collect();
    if let Some(i) = old_index {
        let left = (s.of.iter().enumerate()).filter(|(k, o)| {
            o.crit == i && s.fiches.new_of_old[*k].is_none() && !s.fates.followed(&o.entity.id())
        });
        fiches.extend(left.map(|(_, o)| removed(o)));
    }
    CritereDiff {
        etat: if oc.is_some() {
            CritereEtat::Commun
        } else {
            CritereEtat::Ajoute
        },
        ancien_numero: oc.map(|c| c.numero),
        numero: Some(nc.numero),
        intitule: intitule(s.new.edition, nc),
        fiches,
        engagements: s.fates.of_critere(old_index),
        equipe: team::compare_critere(oc, Some(nc)),
    }
}

/// Old criterion `i`, which nothing continues.
fn retired(s: &Steps, i: usize) -> CritereDiff {
    let oc = &s.old.dossier.criteres[i];
    CritereDiff {
        etat: CritereEtat::Retire,
        ancien_numero: Some(oc.numero),
        numero: None,
        intitule: intitule(s.old.edition, oc),
        fiches: (s.of.iter())
            .filter(|o| o.crit == i && !s.fates.followed(&o.entity.id()))
            .map(removed)
            .collect(),
        engagements: s.fates.of_critere(Some(i)),
        equipe: team::compare_critere(Some(oc), None),
    }
}

/// New fiche `nj`: added, or compared with the old fiche it is paired with.
fn new_fiche(s: &Steps, nj: usize, n: &Fiche) -> EntityDiff {
    let realise = s.fates.realise[nj].clone();
    let Some(i) = s.fiches.old_of_new[nj] else {
        return EntityDiff {
            nature: n.kind,
            etat: FicheEtat::Ajoutee,
            id: n.entity.id(),
            ancien_id: None,
            denomination: n.denomination.clone(),
            realise,
            realise_denomination: None,
            changements: Changes::default(),
        };
    };
    let o = &s.of[i];
    let changes = entity::compare(s.old.dossier, o.entity, s.new.dossier, n.entity);
    let moved = s.crits.old_of_new[n.crit] != Some(o.crit);
    let etat = if o.stem != n.stem {
        FicheEtat::Renommee
    } else if moved {
        FicheEtat::Deplacee
    } else if changes.is_empty() {
        FicheEtat::Identique
    } else {
        FicheEtat::Modifiee
    };
    EntityDiff {
        nature: n.kind,
        etat,
        id: n.entity.id(),
        ancien_id: Some(o.entity.id()),
        denomination: n.denomination.clone(),
        realise,
        realise_denomination: None,
        changements: changes,
    }
}

/// An old fiche with nothing after it.
fn removed(o: &Fiche) -> EntityDiff {
    EntityDiff {
        nature: o.kind,
        etat: FicheEtat::Retiree,
        id: o.entity.id(),
        ancien_id: Some(o.entity.id()),
        denomination: o.denomination.clone(),
        realise: None,
        realise_denomination: None,
        changements: Changes::default(),
    }
}

/// The counts of the synthesis.
pub(super) fn resume(criteres: &[CritereDiff], equipe: &team::TeamDiff) -> Resume {
    let crits = |e: CritereEtat| criteres.iter().filter(|c| c.etat == e).count();
    let fiches = |e: FicheEtat| {
        (criteres.iter().flat_map(|c| c.fiches.iter()))
            .filter(|f| f.etat == e)
            .count()
    };
    let fates = |d: Fate| {
        (criteres.iter().flat_map(|c| c.engagements.iter()))
            .filter(|e| e.devenir == d)
            .count()
    };
    Resume {
        criteres_ajoutes: crits(CritereEtat::Ajoute),
        criteres_retires: crits(CritereEtat::Retire),
        fiches_ajoutees: fiches(FicheEtat::Ajoutee),
        fiches_retirees: fiches(FicheEtat::Retiree),
        fiches_renommees: fiches(FicheEtat::Renommee) + fiches(FicheEtat::Deplacee),
        fiches_modifiees: fiches(FicheEtat::Modifiee),
        engagements_tenus: fates(Fate::Tenu),
        engagements_reconduits: fates(Fate::Reconduit),
        engagements_abandonnes: fates(Fate::Abandonne),
        personnes_arrivees: equipe.arrivees.len(),
        personnes_parties: equipe.departs.len(),
        // People, not entries: one person may change both function and roles.
        personnes_changees: (equipe.changements.iter())
            .map(|c| crate::text::fold(&c.personne))
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
    }
}
