//! What changed in a team during one year, read from the dated entries of the dossier:
//! `depuis` on a person (the year they took that place) and the `anciens` list (each
//! with `jusqu_a`, the year they left). The dossier says it, so a bilan of a past year
//! reads the same from the files of that year and from today's.

use crate::model::front::Personne;
use crate::text::fold;

/// What happened to someone in the team during the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mouvement {
    /// « Nicolas Faure (professeur de logistique, membre) ».
    Arrivee,
    /// « Didier Hamel (professeur de logistique) ».
    Depart,
    /// « Nathalie Caron (référente décrochage, membre), auparavant professeure ».
    Role,
}

impl Mouvement {
    /// Its label for one person, and for several.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Mouvement::Arrivee => ("arrivée", "arrivées"),
            Mouvement::Depart => ("départ", "départs"),
            Mouvement::Role => ("nouveau rôle", "nouveaux rôles"),
        }
    }
}

/// One team's changes in a year, each person as a sentence ready to print.
pub type Changements = Vec<(Mouvement, String)>;

/// A team: each place (« coordonnateur », « membre »…) with its people, and who left.
pub struct Equipe<'a> {
    pub places: Vec<(&'static str, &'a [Personne])>,
    pub anciens: &'a [Personne],
}

fn key(p: &Personne) -> (String, String) {
    (fold(p.nom.value.trim()), fold(p.prenom.value.trim()))
}

fn name(p: &Personne) -> String {
    format!("{} {}", p.prenom.value.trim(), p.nom.value.trim())
}

fn is_year(y: Option<&crate::model::front::Sp<i64>>, annee: i64) -> bool {
    y.is_some_and(|y| y.value == annee)
}

impl Equipe<'_> {
    /// Who joined, left, or took a new place in the team in `annee`.
    pub fn changements(&self, annee: i64) -> Changements {
        let mut c = Changements::new();
        for (place, people) in &self.places {
            for p in people.iter().filter(|p| is_year(p.depuis.as_ref(), annee)) {
                match self.before(p, place, annee) {
                    Some(avant) => c.push((
                        Mouvement::Role,
                        format!(
                            "{} ({}, {place}), auparavant {avant}",
                            name(p),
                            p.fonction.value.trim()
                        ),
                    )),
                    None => c.push((
                        Mouvement::Arrivee,
                        format!("{} ({}, {place})", name(p), p.fonction.value.trim()),
                    )),
                }
            }
        }
        let current =
            |p: &Personne| (self.places.iter()).any(|(_, ps)| ps.iter().any(|q| key(q) == key(p)));
        for p in self.anciens.iter() {
            if is_year(p.jusqu_a.as_ref(), annee) && !current(p) {
                let who = format!("{} ({})", name(p), p.fonction.value.trim());
                c.push((Mouvement::Depart, who));
            }
        }
        c.sort_by_key(|(m, _)| *m);
        c
    }

    /// Where `p`, who took `place` in `annee`, was in the team before: another place
    /// held from before `annee`, or a place left in `annee` (`anciens`).
    fn before(&self, p: &Personne, place: &str, annee: i64) -> Option<String> {
        let earlier = |q: &Personne| q.depuis.as_ref().is_none_or(|d| d.value < annee);
        let other = (self.places.iter())
            .filter(|(other, _)| *other != place)
            .find(|(_, ps)| ps.iter().any(|q| key(q) == key(p) && earlier(q)));
        if let Some((other, _)) = other {
            return Some((*other).to_string());
        }
        (self.anciens.iter())
            .find(|q| key(q) == key(p) && is_year(q.jusqu_a.as_ref(), annee))
            .map(|q| q.fonction.value.trim().to_string())
    }
}
