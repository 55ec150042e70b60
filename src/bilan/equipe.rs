//! What changed in a team during one year, read from the dated entries of the dossier:
//! `depuis` on a person (the year they took that place) and the `anciens` list (each
//! with `jusqu_a`, the year they left). The dossier says it, so a bilan of a past year
//! reads the same from the files of that year and from today's.

use crate::model::front::Personne;
use crate::text::fold;
use std::collections::BTreeMap;

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

/// Each person's places in the team (the place, and whether held from before the year).
type Held<'a> = BTreeMap<(String, String), Vec<(&'a str, bool)>>;

impl Equipe<'_> {
    /// Who joined, left, or took a new place in the team in `annee`. Indexed by person
    /// once, so a team of thousands costs a few thousand lookups, not millions.
    pub fn changements(&self, annee: i64) -> Changements {
        let mut held: Held = BTreeMap::new();
        for (place, people) in &self.places {
            for p in people.iter() {
                let earlier = p.depuis.as_ref().is_none_or(|d| d.value < annee);
                held.entry(key(p)).or_default().push((place, earlier));
            }
        }
        let left: BTreeMap<_, _> = (self.anciens.iter().rev())
            .filter(|p| is_year(p.jusqu_a.as_ref(), annee))
            .map(|p| (key(p), p))
            .collect();
        let mut c = Changements::new();
        for (place, people) in &self.places {
            for p in people.iter().filter(|p| is_year(p.depuis.as_ref(), annee)) {
                let k = key(p);
                let other = (held.get(&k).into_iter().flatten())
                    .find(|(other, earlier)| other != place && *earlier)
                    .map(|(other, _)| (*other).to_string());
                let before = other.or_else(|| left.get(&k).map(|q| fonction(q)));
                let (m, what) = match before {
                    Some(avant) => (Mouvement::Role, format!(", auparavant {avant}")),
                    None => (Mouvement::Arrivee, String::new()),
                };
                c.push((m, format!("{} ({}, {place}){what}", name(p), fonction(p))));
            }
        }
        for p in self.anciens.iter() {
            if is_year(p.jusqu_a.as_ref(), annee) && !held.contains_key(&key(p)) {
                c.push((Mouvement::Depart, format!("{} ({})", name(p), fonction(p))));
            }
        }
        c.sort_by_key(|(m, _)| *m);
        c
    }
}

fn fonction(p: &Personne) -> String {
    p.fonction.value.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;
    use crate::model::front::Sp;

    fn sp<T>(value: T) -> Sp<T> {
        Sp {
            value,
            pos: Pos::new(1, 1, 1),
        }
    }

    fn personne(nom: &str, depuis: Option<i64>, jusqu_a: Option<i64>) -> Personne {
        Personne {
            nom: sp(nom.to_string()),
            prenom: sp("Ana".to_string()),
            fonction: sp("CPE".to_string()),
            depuis: depuis.map(sp),
            jusqu_a: jusqu_a.map(sp),
        }
    }

    #[test]
    fn a_member_who_becomes_coordinator_has_a_new_role_not_an_arrival() {
        let coordination = [personne("Roy", Some(2025), None)];
        let membres = [
            personne("Roy", None, None),
            personne("Lin", Some(2025), None),
        ];
        let anciens = [
            personne("Lin", None, Some(2024)),
            personne("Vidal", None, Some(2025)),
        ];
        let equipe = Equipe {
            places: vec![("coordination", &coordination), ("membre", &membres)],
            anciens: &anciens,
        };
        let c = equipe.changements(2025);
        assert_eq!(
            c,
            [
                (Mouvement::Arrivee, "Ana Lin (CPE, membre)".to_string()),
                (Mouvement::Depart, "Ana Vidal (CPE)".to_string()),
                (
                    Mouvement::Role,
                    "Ana Roy (CPE, coordination), auparavant membre".to_string()
                ),
            ]
        );
        assert!(equipe.changements(2023).is_empty());
    }
}
