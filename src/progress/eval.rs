//! The arithmetic of one indicator: baseline, latest, progress, expected progress, status.

use crate::model::front::Sens;
use serde::Serialize;

/// Where an indicator stands at the reference year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Statut {
    Atteint,
    EnBonneVoie,
    ProcheDeLaCible,
    EnRetard,
    EnRecul,
    NonMesurable,
}

/// Share of the way from baseline to target from which an indicator behind schedule is
/// « proche de la cible » rather than « en retard »: a conseil d'administration reads
/// 94 % of a target as nearly there, not as late.
pub const PROCHE: f64 = 0.9;

/// The band of « proche de la cible », stated wherever the status is shown.
pub const PROCHE_BANDE: &str = "« proche de la cible » : au moins 90 % du chemin entre la mesure de départ et la cible, sans l'avoir atteinte";

impl Statut {
    pub const ALL: [Statut; 6] = [
        Statut::Atteint,
        Statut::EnBonneVoie,
        Statut::ProcheDeLaCible,
        Statut::EnRetard,
        Statut::EnRecul,
        Statut::NonMesurable,
    ];

    /// The label agreeing with a count: « 1 atteint », « 3 atteints ».
    pub fn label_n(self, n: usize) -> &'static str {
        match (self, n > 1) {
            (Statut::Atteint, true) => "atteints",
            (Statut::NonMesurable, true) => "non mesurables",
            (Statut::ProcheDeLaCible, true) => "proches de la cible",
            _ => self.label(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Statut::Atteint => "atteint",
            Statut::EnBonneVoie => "en bonne voie",
            Statut::ProcheDeLaCible => "proche de la cible",
            Statut::EnRetard => "en retard",
            Statut::EnRecul => "en recul",
            Statut::NonMesurable => "non mesurable",
        }
    }
}

/// A numeric measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Mesure {
    pub annee: i64,
    pub valeur: f64,
}

/// What is known of an indicator at a reference year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Earliest measure known at the reference year.
    pub depart: Option<Mesure>,
    /// Latest measure known at the reference year.
    pub derniere: Option<Mesure>,
    /// Share of the way from baseline to target (1.0 = target reached); may exceed 1 or be negative.
    pub progression: Option<f64>,
    /// Share of the period elapsed at the reference year, 0 to 1.
    pub attendu: Option<f64>,
    pub statut: Statut,
    /// Why the indicator is not measurable, in French.
    pub raison: Option<String>,
}

/// The inputs of an evaluation, as plain values (unit tests and property tests use it).
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    /// Numeric measures, in any order.
    pub mesures: &'a [Mesure],
    /// Measures that could not be used (text), counted for the reason given.
    pub non_chiffrees: usize,
    pub cible: Option<f64>,
    pub sens: Sens,
    pub periode: Option<(i64, i64)>,
    pub annee: i64,
}

/// Share of the period (first year to last year) elapsed at `annee`, clamped to 0..=1.
pub fn elapsed(periode: (i64, i64), annee: i64) -> f64 {
    let (debut, fin) = periode;
    if fin <= debut {
        return if annee >= fin { 1.0 } else { 0.0 };
    }
    // Saturating: the years are checked upstream, but a wrap here would be silent.
    (annee.saturating_sub(debut) as f64 / fin.saturating_sub(debut) as f64).clamp(0.0, 1.0)
}

pub fn evaluate(i: &Inputs) -> Evaluation {
    let mut known: Vec<Mesure> = i
        .mesures
        .iter()
        .copied()
        .filter(|m| m.annee <= i.annee)
        .collect();
    known.sort_by_key(|m| m.annee);
    let depart = known.first().copied();
    let derniere = known.last().copied();
    let attendu = i.periode.map(|p| elapsed(p, i.annee));
    let unmeasurable = |raison: String| Evaluation {
        depart,
        derniere,
        progression: None,
        attendu,
        statut: Statut::NonMesurable,
        raison: Some(raison),
    };
    let (Some(d), Some(l)) = (depart, derniere) else {
        return unmeasurable(if i.non_chiffrees > 0 {
            "mesures non chiffrées".to_string()
        } else if i.mesures.is_empty() {
            "aucune mesure".to_string()
        } else {
            format!("aucune mesure en {} ou avant", i.annee)
        });
    };
    let Some(cible) = i.cible else {
        return unmeasurable("pas de cible".to_string());
    };
    if known.len() < 2 {
        return unmeasurable(format!("une seule mesure ({}), point de départ", d.annee));
    }
    let gap = cible - d.valeur;
    if gap == 0.0 {
        return unmeasurable("la mesure de départ est égale à la cible".to_string());
    }
    let wrong_side = match i.sens {
        Sens::Hausse => gap < 0.0,
        Sens::Baisse => gap > 0.0,
    };
    if wrong_side {
        return unmeasurable("la cible est déjà dépassée par la mesure de départ".to_string());
    }
    let Some(attendu_v) = attendu else {
        return unmeasurable("période absente".to_string());
    };
    let p = (l.valeur - d.valeur) / gap;
    let statut = if p >= 1.0 {
        Statut::Atteint
    } else if p < 0.0 {
        Statut::EnRecul
    } else if p >= attendu_v {
        Statut::EnBonneVoie
    } else if p >= PROCHE {
        Statut::ProcheDeLaCible
    } else {
        Statut::EnRetard
    };
    Evaluation {
        depart,
        derniere,
        progression: Some(p),
        attendu: Some(attendu_v),
        statut,
        raison: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Statut::*;

    fn m(v: &[(i64, f64)]) -> Vec<Mesure> {
        v.iter()
            .map(|&(annee, valeur)| Mesure { annee, valeur })
            .collect()
    }

    /// (case, measures, target, sens, period, year, then the expected status,
    /// progress % and expected %).
    type Case = (
        &'static str,
        &'static [(i64, f64)],
        Option<f64>,
        Sens,
        Option<(i64, i64)>,
        i64,
        Statut,
        Option<i64>,
        Option<i64>,
    );

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        ("rising, on track", &[(2021, 12.0), (2024, 30.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, EnBonneVoie, Some(64), Some(60)),
        ("rising, behind", &[(2021, 12.0), (2024, 15.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, EnRetard, Some(11), Some(60)),
        ("falling absentéisme, short at the end", &[(2021, 11.4), (2024, 8.2), (2026, 7.1)], Some(6.0), Sens::Baisse, Some((2021, 2026)), 2026, EnRetard, Some(80), Some(100)),
        ("falling, reached", &[(2021, 11.4), (2026, 6.0)], Some(6.0), Sens::Baisse, Some((2021, 2026)), 2026, Atteint, Some(100), Some(100)),
        ("target passed", &[(2021, 10.0), (2025, 55.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2025, Atteint, Some(150), Some(80)),
        ("regression", &[(2021, 48200.0), (2024, 39600.0)], Some(60000.0), Sens::Hausse, Some((2021, 2026)), 2024, EnRecul, Some(-73), Some(60)),
        ("single measure", &[(2026, 0.0)], Some(30.0), Sens::Hausse, Some((2026, 2031)), 2026, NonMesurable, None, Some(0)),
        ("no target", &[(2021, 1.0), (2024, 2.0)], None, Sens::Hausse, Some((2021, 2026)), 2024, NonMesurable, None, Some(60)),
        ("baseline equals target", &[(2021, 40.0), (2024, 41.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, NonMesurable, None, Some(60)),
        ("out of year order", &[(2024, 25.0), (2021, 12.0), (2026, 38.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2026, ProcheDeLaCible, Some(93), Some(100)),
        ("just under the band at the end", &[(2021, 0.0), (2026, 89.0)], Some(100.0), Sens::Hausse, Some((2021, 2026)), 2026, EnRetard, Some(89), Some(100)),
        ("in the band, ahead of schedule", &[(2021, 0.0), (2024, 95.0)], Some(100.0), Sens::Hausse, Some((2021, 2026)), 2024, EnBonneVoie, Some(95), Some(60)),
        ("percentage target", &[(2022, 62.5), (2025, 76.0)], Some(80.0), Sens::Hausse, Some((2022, 2026)), 2025, EnBonneVoie, Some(77), Some(75)),
        ("period not started", &[(2026, 3.0)], Some(10.0), Sens::Hausse, Some((2027, 2031)), 2026, NonMesurable, None, Some(0)),
        ("not started, two measures", &[(2025, 3.0), (2026, 4.0)], Some(10.0), Sens::Hausse, Some((2027, 2031)), 2026, EnBonneVoie, Some(14), Some(0)),
        ("year before the first measure", &[(2021, 12.0), (2024, 25.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2020, NonMesurable, None, Some(0)),
        ("later measures ignored", &[(2021, 12.0), (2024, 30.0), (2026, 45.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, EnBonneVoie, Some(64), Some(60)),
        ("target beaten at baseline", &[(2021, 50.0), (2024, 55.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, NonMesurable, None, Some(60)),
    ];

    #[test]
    fn table_of_cases() {
        for &(name, mesures, cible, sens, periode, annee, statut, prog, att) in CASES {
            let e = evaluate(&Inputs {
                mesures: &m(mesures),
                non_chiffrees: 0,
                cible,
                sens,
                periode,
                annee,
            });
            let pct = |v: Option<f64>| v.map(|x| (x * 100.0).round() as i64);
            assert_eq!(
                (e.statut, pct(e.progression), pct(e.attendu)),
                (statut, prog, att),
                "{name}: {e:?}"
            );
            assert_eq!(e.raison.is_some(), statut == NonMesurable, "{name}");
        }
    }

    #[test]
    fn reasons_say_why() {
        let none = evaluate(&Inputs {
            mesures: &[],
            non_chiffrees: 2,
            cible: Some(1.0),
            sens: Sens::Hausse,
            periode: Some((2021, 2026)),
            annee: 2026,
        });
        assert_eq!(none.raison.as_deref(), Some("mesures non chiffrées"));
        let early = evaluate(&Inputs {
            mesures: &m(&[(2024, 1.0)]),
            non_chiffrees: 0,
            cible: Some(3.0),
            sens: Sens::Hausse,
            periode: Some((2021, 2026)),
            annee: 2022,
        });
        assert_eq!(
            early.raison.as_deref(),
            Some("aucune mesure en 2022 ou avant")
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn sens() -> impl Strategy<Value = Sens> {
        prop_oneof![Just(Sens::Hausse), Just(Sens::Baisse)]
    }

    /// Measures in distinct years within 2015..2030, values within ±10 000.
    fn measures() -> impl Strategy<Value = Vec<Mesure>> {
        proptest::collection::btree_map(2015i64..2030, -10_000i32..10_000, 1..6).prop_map(|m| {
            m.into_iter()
                .map(|(annee, v)| Mesure {
                    annee,
                    valeur: f64::from(v),
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn latest_equal_to_target_is_100_percent(mut ms in measures(), s in sens(), extra in 1i32..500) {
            // A baseline on the right side of the target, then a latest measure equal to it.
            let base = ms[0].valeur;
            let cible = match s { Sens::Hausse => base + f64::from(extra), Sens::Baisse => base - f64::from(extra) };
            let last = ms.last().unwrap().annee;
            ms.push(Mesure { annee: last + 1, valeur: cible });
            let e = evaluate(&Inputs { mesures: &ms, non_chiffrees: 0, cible: Some(cible), sens: s, periode: Some((2015, 2035)), annee: last + 1 });
            prop_assert_eq!(e.progression, Some(1.0));
            prop_assert_eq!(e.statut, Statut::Atteint);
        }

        #[test]
        fn mirroring_values_and_swapping_sens_keeps_the_status(ms in measures(), cible in -10_000i32..10_000, s in sens(), annee in 2015i64..2032) {
            let mirrored: Vec<Mesure> = ms.iter().map(|m| Mesure { annee: m.annee, valeur: -m.valeur }).collect();
            let other = match s { Sens::Hausse => Sens::Baisse, Sens::Baisse => Sens::Hausse };
            let a = evaluate(&Inputs { mesures: &ms, non_chiffrees: 0, cible: Some(f64::from(cible)), sens: s, periode: Some((2016, 2026)), annee });
            let b = evaluate(&Inputs { mesures: &mirrored, non_chiffrees: 0, cible: Some(-f64::from(cible)), sens: other, periode: Some((2016, 2026)), annee });
            prop_assert_eq!(a.statut, b.statut);
            prop_assert_eq!(a.progression, b.progression);
        }

        #[test]
        fn a_year_before_the_first_measure_is_not_measurable(ms in measures(), cible in -10_000i32..10_000, s in sens(), before in 1i64..10) {
            let annee = ms.iter().map(|m| m.annee).min().unwrap() - before;
            let e = evaluate(&Inputs { mesures: &ms, non_chiffrees: 0, cible: Some(f64::from(cible)), sens: s, periode: Some((2015, 2030)), annee });
            prop_assert_eq!(e.statut, Statut::NonMesurable);
            prop_assert!(e.depart.is_none());
        }
    }
}
