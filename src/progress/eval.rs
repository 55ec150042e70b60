//! The arithmetic of one indicator: baseline, latest, progress, expected progress, status.
//! The rules are specified in docs/format.md (« Les statuts des indicateurs »).

use super::exact::{Decimal, Ratio, worse};
use crate::model::front::{Calendrier, Sens};
use schemars::JsonSchema;
use serde::Serialize;

/// Where an indicator stands at the reference year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Statut {
    Atteint,
    EnBonneVoie,
    ProcheDeLaCible,
    EnRetard,
    EnRecul,
    NonMesurable,
}

/// Share of the way from baseline to target, in whole percent, from which an indicator
/// behind schedule is « proche de la cible » rather than « en retard »: a conseil
/// d'administration reads 94 % of a target as nearly there, not as late.
pub const PROCHE: i64 = 90;

/// The band of « proche de la cible », stated wherever the status is shown.
pub const PROCHE_BANDE: &str = "« proche de la cible » : au moins 90 % du chemin entre la mesure de départ et la cible, sans l'avoir atteinte";

/// How percentages are judged, stated wherever they are shown.
pub const ARRONDI: &str = "les pourcentages sont arrondis au pour cent inférieur, et c'est le pourcentage affiché qui est jugé";

/// The rule for measures written as text, stated wherever the statuses are shown.
pub const REGLE_TEXTE: &str = "une mesure écrite en texte n'est pas calculée ; si c'est la dernière connue, l'indicateur est « non mesurable »";

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

    /// The name in JSON (`en-bonne-voie`).
    pub fn code(self) -> &'static str {
        match self {
            Statut::Atteint => "atteint",
            Statut::EnBonneVoie => "en-bonne-voie",
            Statut::ProcheDeLaCible => "proche-de-la-cible",
            Statut::EnRetard => "en-retard",
            Statut::EnRecul => "en-recul",
            Statut::NonMesurable => "non-mesurable",
        }
    }
}

/// Why an indicator is « non mesurable »: the `cause` of the JSON output, each with the
/// French sentence of `raison`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Cause {
    /// No measure at all.
    AucuneMesure,
    /// Measures, but all after the reference year.
    AucuneMesureAvant,
    /// The latest measure known at the reference year is text.
    DerniereNonChiffree,
    PasDeCible,
    /// One number known: the baseline, nothing to compare it with.
    UneSeuleMesure,
    /// Progress between 0 and 100 % but no period to compare it with.
    PeriodeAbsente,
}

impl Cause {
    pub const ALL: [Cause; 6] = [
        Cause::AucuneMesure,
        Cause::AucuneMesureAvant,
        Cause::DerniereNonChiffree,
        Cause::PasDeCible,
        Cause::UneSeuleMesure,
        Cause::PeriodeAbsente,
    ];

    /// The name in JSON (`une-seule-mesure`).
    pub fn code(self) -> &'static str {
        match self {
            Cause::AucuneMesure => "aucune-mesure",
            Cause::AucuneMesureAvant => "aucune-mesure-avant",
            Cause::DerniereNonChiffree => "derniere-non-chiffree",
            Cause::PasDeCible => "pas-de-cible",
            Cause::UneSeuleMesure => "une-seule-mesure",
            Cause::PeriodeAbsente => "periode-absente",
        }
    }

    /// The French reason with its particulars (the year, the text) as placeholders,
    /// as README.md and docs/json.md list it.
    pub fn modele(self) -> &'static str {
        match self {
            Cause::AucuneMesure => "aucune mesure",
            Cause::AucuneMesureAvant => "aucune mesure en ANNÉE ou avant",
            Cause::DerniereNonChiffree => "dernière mesure non chiffrée (ANNÉE : « TEXTE »)",
            Cause::PasDeCible => "pas de cible",
            Cause::UneSeuleMesure => "une seule mesure (ANNÉE), point de départ",
            Cause::PeriodeAbsente => "période absente",
        }
    }

    /// The French reason for this indicator: the model with its year and text.
    fn raison(self, annee: &str, texte: &str) -> String {
        self.modele()
            .replace("ANNÉE", annee)
            .replace("TEXTE", texte)
    }
}

/// A numeric measure.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Mesure {
    pub annee: i64,
    pub valeur: f64,
}

/// A measure written as text, kept as the school wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MesureTexte {
    pub annee: i64,
    pub texte: String,
}

/// What is known of an indicator at a reference year.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Evaluation {
    /// Earliest numeric measure known at the reference year.
    pub depart: Option<Mesure>,
    /// Latest numeric measure known at the reference year.
    pub derniere: Option<Mesure>,
    /// Share of the way from baseline to target (1.0 = target reached); may exceed 1 or be negative.
    pub progression: Option<f64>,
    /// Share of the period elapsed at the reference year, 0 to 1.
    pub attendu: Option<f64>,
    /// `progression` in whole percent rounded down: what is printed and judged.
    pub progression_pourcent: Option<i64>,
    /// `attendu` in whole percent rounded down: what is printed and judged.
    pub attendu_pourcent: Option<i64>,
    pub statut: Statut,
    /// Why the indicator is not measurable, in French.
    pub raison: Option<String>,
    /// Why the indicator is not measurable, as a stable name.
    pub cause: Option<Cause>,
}

impl Evaluation {
    /// What the outputs print after the status: the reason of a « non mesurable », or why
    /// an indicator whose target was reached at the start has no progression.
    pub fn explication(&self) -> Option<String> {
        match (self.statut, self.progression) {
            (Statut::NonMesurable, _) => self.raison.clone(),
            (_, Some(_)) => None,
            (Statut::Atteint, None) => Some("cible atteinte dès le départ, et tenue".to_string()),
            (_, None) => Some(
                "cible atteinte au départ, dernière mesure moins bonne que la première".to_string(),
            ),
        }
    }

    /// The progress counted in the mean: capped to 0..=1, and for a target reached at the
    /// start, 1 if held (« atteint ») and 0 if lost (« en recul »). `None` when not measurable.
    pub fn part(&self) -> Option<f64> {
        match (self.statut, self.progression) {
            (Statut::NonMesurable, _) => None,
            (_, Some(p)) => Some(p.clamp(0.0, 1.0)),
            (Statut::Atteint, None) => Some(1.0),
            (_, None) => Some(0.0),
        }
    }
}

/// The inputs of an evaluation, as plain values (unit tests and property tests use it).
#[derive(Debug, Clone)]
pub struct Inputs<'a> {
    /// Numeric measures, in any order.
    pub mesures: &'a [Mesure],
    /// Measures written as text, in any order.
    pub textes: &'a [MesureTexte],
    pub cible: Option<f64>,
    pub sens: Sens,
    pub periode: Option<(i64, i64)>,
    pub annee: i64,
    /// How the years are written, for the reasons.
    pub calendrier: Calendrier,
}

/// Share of the period (first year to last year) elapsed at `annee`, clamped to 0..=1.
pub fn elapsed(periode: (i64, i64), annee: i64) -> f64 {
    Ratio::elapsed(periode, annee).value()
}

/// A whole percentage as printed: « 90 % ».
pub fn pourcent(p: i64) -> String {
    format!("{p} %")
}

pub fn evaluate(i: &Inputs) -> Evaluation {
    let mut known: Vec<Mesure> = (i.mesures.iter().copied())
        .filter(|m| m.annee <= i.annee)
        .collect();
    known.sort_by_key(|m| m.annee);
    let texte = (i.textes.iter())
        .filter(|t| t.annee <= i.annee)
        .max_by_key(|t| t.annee);
    let attendu = i.periode.map(|p| Ratio::elapsed(p, i.annee));
    let mut e = Evaluation {
        depart: known.first().copied(),
        derniere: known.last().copied(),
        progression: None,
        attendu: attendu.map(Ratio::value),
        progression_pourcent: None,
        attendu_pourcent: attendu.map(Ratio::percent),
        statut: Statut::NonMesurable,
        raison: None,
        cause: None,
    };
    let why = |e: &mut Evaluation, cause: Cause, annee: i64, texte: &str| {
        e.cause = Some(cause);
        e.raison = Some(cause.raison(&i.calendrier.show(annee), texte));
    };
    // A text newer than every number: the state at the reference year is not a number.
    if let Some(t) = texte.filter(|t| e.derniere.is_none_or(|l| t.annee > l.annee)) {
        why(&mut e, Cause::DerniereNonChiffree, t.annee, &t.texte);
        return e;
    }
    let (Some(d), Some(l)) = (e.depart, e.derniere) else {
        let any = !i.mesures.is_empty() || !i.textes.is_empty();
        let cause = if any {
            Cause::AucuneMesureAvant
        } else {
            Cause::AucuneMesure
        };
        why(&mut e, cause, i.annee, "");
        return e;
    };
    let Some(cible) = i.cible else {
        why(&mut e, Cause::PasDeCible, i.annee, "");
        return e;
    };
    if known.len() < 2 {
        why(&mut e, Cause::UneSeuleMesure, d.annee, "");
        return e;
    }
    judge(e, (d, l, cible), i)
}

/// The status of an indicator with a baseline, a latest measure and a target.
fn judge(mut e: Evaluation, (d, l, cible): (Mesure, Mesure, f64), i: &Inputs) -> Evaluation {
    let hausse = i.sens == Sens::Hausse;
    let (dd, ld, cd) = (
        Decimal::of(d.valeur),
        Decimal::of(l.valeur),
        Decimal::of(cible),
    );
    // A target already reached at the start: judged on whether it is held.
    let Some(p) = Ratio::progress(dd, ld, cd).filter(|_| worse(dd, cd, hausse)) else {
        e.statut = if worse(ld, dd, hausse) {
            Statut::EnRecul
        } else {
            Statut::Atteint
        };
        return e;
    };
    let pp = p.percent();
    e.statut = match e.attendu_pourcent {
        _ if pp >= 100 => Statut::Atteint,
        _ if pp < 0 => Statut::EnRecul,
        // Progress is `null` for every « non mesurable », as documented.
        None => {
            e.cause = Some(Cause::PeriodeAbsente);
            e.raison = Some(Cause::PeriodeAbsente.modele().to_string());
            return e;
        }
        Some(a) if pp >= a => Statut::EnBonneVoie,
        Some(_) if pp >= PROCHE => Statut::ProcheDeLaCible,
        Some(_) => Statut::EnRetard,
    };
    e.progression = Some(p.value());
    e.progression_pourcent = Some(pp);
    e
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
        ("rising, behind", &[(2021, 12.0), (2024, 15.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, EnRetard, Some(10), Some(60)),
        ("falling absentéisme, short at the end", &[(2021, 11.4), (2024, 8.2), (2026, 7.1)], Some(6.0), Sens::Baisse, Some((2021, 2026)), 2026, EnRetard, Some(79), Some(100)),
        ("falling, reached", &[(2021, 11.4), (2026, 6.0)], Some(6.0), Sens::Baisse, Some((2021, 2026)), 2026, Atteint, Some(100), Some(100)),
        ("target passed", &[(2021, 10.0), (2025, 55.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2025, Atteint, Some(150), Some(80)),
        ("regression", &[(2021, 48200.0), (2024, 39600.0)], Some(60000.0), Sens::Hausse, Some((2021, 2026)), 2024, EnRecul, Some(-73), Some(60)),
        ("single measure", &[(2026, 0.0)], Some(30.0), Sens::Hausse, Some((2026, 2031)), 2026, NonMesurable, None, Some(0)),
        ("no target", &[(2021, 1.0), (2024, 2.0)], None, Sens::Hausse, Some((2021, 2026)), 2024, NonMesurable, None, Some(60)),
        ("baseline equals target, held", &[(2021, 40.0), (2024, 41.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, Atteint, None, Some(60)),
        ("out of year order", &[(2024, 25.0), (2021, 12.0), (2026, 38.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2026, ProcheDeLaCible, Some(92), Some(100)),
        ("just under the band at the end", &[(2021, 0.0), (2026, 89.0)], Some(100.0), Sens::Hausse, Some((2021, 2026)), 2026, EnRetard, Some(89), Some(100)),
        ("in the band, ahead of schedule", &[(2021, 0.0), (2024, 95.0)], Some(100.0), Sens::Hausse, Some((2021, 2026)), 2024, EnBonneVoie, Some(95), Some(60)),
        ("percentage target", &[(2022, 62.5), (2025, 76.0)], Some(80.0), Sens::Hausse, Some((2022, 2026)), 2025, EnBonneVoie, Some(77), Some(75)),
        ("period not started", &[(2026, 3.0)], Some(10.0), Sens::Hausse, Some((2027, 2031)), 2026, NonMesurable, None, Some(0)),
        ("not started, two measures", &[(2025, 3.0), (2026, 4.0)], Some(10.0), Sens::Hausse, Some((2027, 2031)), 2026, EnBonneVoie, Some(14), Some(0)),
        ("year before the first measure", &[(2021, 12.0), (2024, 25.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2020, NonMesurable, None, Some(0)),
        ("later measures ignored", &[(2021, 12.0), (2024, 30.0), (2026, 45.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, EnBonneVoie, Some(64), Some(60)),
        ("target beaten at baseline", &[(2021, 50.0), (2024, 55.0)], Some(40.0), Sens::Hausse, Some((2021, 2026)), 2024, Atteint, None, Some(60)),
        ("target beaten at baseline, then a fall", &[(2021, 12.0), (2024, 8.0)], Some(10.0), Sens::Hausse, Some((2021, 2026)), 2024, EnRecul, None, Some(60)),
        ("target beaten at baseline, a smaller fall", &[(2021, 12.0), (2024, 11.0)], Some(10.0), Sens::Hausse, Some((2021, 2026)), 2024, EnRecul, None, Some(60)),
        ("100 % held", &[(2021, 100.0), (2026, 100.0)], Some(100.0), Sens::Hausse, Some((2021, 2026)), 2026, Atteint, None, Some(100)),
        ("exactly 90 %, falling", &[(2021, 12.6), (2026, 8.46)], Some(8.0), Sens::Baisse, Some((2021, 2026)), 2026, ProcheDeLaCible, Some(90), Some(100)),
        ("exactly on schedule, decimals", &[(2021, 0.4), (2024, 0.7)], Some(0.9), Sens::Hausse, Some((2021, 2026)), 2024, EnBonneVoie, Some(60), Some(60)),
        ("a hair's breadth behind", &[(2021, 0.4), (2024, 0.69999)], Some(0.9), Sens::Hausse, Some((2021, 2026)), 2024, EnRetard, Some(59), Some(60)),
        ("no period, target reached", &[(2021, 1.0), (2024, 5.0)], Some(5.0), Sens::Hausse, None, 2024, Atteint, Some(100), None),
        ("no period, a fall", &[(2021, 3.0), (2024, 2.0)], Some(5.0), Sens::Hausse, None, 2024, EnRecul, Some(-50), None),
        ("no period, half way", &[(2021, 1.0), (2024, 3.0)], Some(5.0), Sens::Hausse, None, 2024, NonMesurable, None, None),
    ];

    #[test]
    fn table_of_cases() {
        for &(name, mesures, cible, sens, periode, annee, statut, prog, att) in CASES {
            let e = evaluate(&Inputs {
                mesures: &m(mesures),
                textes: &[],
                cible,
                sens,
                periode,
                annee,
                calendrier: Calendrier::Civil,
            });
            assert_eq!(
                (e.statut, e.progression_pourcent, e.attendu_pourcent),
                (statut, prog, att),
                "{name}: {e:?}"
            );
            assert_eq!(e.raison.is_some(), statut == NonMesurable, "{name}");
            assert_eq!(e.cause.is_some(), statut == NonMesurable, "{name}");
        }
    }

    fn with_texts(mesures: &[(i64, f64)], textes: &[(i64, &str)], annee: i64) -> Evaluation {
        let textes: Vec<MesureTexte> = (textes.iter())
            .map(|&(annee, t)| MesureTexte {
                annee,
                texte: t.to_string(),
            })
            .collect();
        evaluate(&Inputs {
            mesures: &m(mesures),
            textes: &textes,
            cible: Some(30.0),
            sens: Sens::Hausse,
            periode: Some((2021, 2026)),
            annee,
            calendrier: Calendrier::Scolaire,
        })
    }

    #[test]
    fn reasons_say_why() {
        let text = with_texts(&[], &[(2025, "en cours")], 2026);
        assert_eq!(
            text.raison.as_deref(),
            Some("dernière mesure non chiffrée (2024-2025 : « en cours »)")
        );
        let early = with_texts(&[(2024, 1.0)], &[], 2022);
        assert_eq!(
            early.raison.as_deref(),
            Some("aucune mesure en 2021-2022 ou avant")
        );
        let none = with_texts(&[], &[], 2026);
        assert_eq!(none.cause, Some(Cause::AucuneMesure));
    }

    #[test]
    fn a_text_judged_only_when_it_is_not_the_latest() {
        // « une vingtaine » after 19: the state now is not a number.
        let latest = with_texts(
            &[(2021, 10.0), (2024, 19.0)],
            &[(2026, "une vingtaine")],
            2026,
        );
        assert_eq!(latest.statut, NonMesurable);
        assert_eq!(latest.cause, Some(Cause::DerniereNonChiffree));
        // Read in 2024, the text is not known yet; an older text changes nothing.
        let before = with_texts(
            &[(2021, 10.0), (2024, 19.0)],
            &[(2026, "une vingtaine")],
            2024,
        );
        assert_eq!(before.statut, EnRetard);
        let older = with_texts(
            &[(2021, 10.0), (2024, 19.0)],
            &[(2022, "une douzaine")],
            2024,
        );
        assert_eq!(older.progression_pourcent, Some(45));
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
            let e = evaluate(&Inputs { mesures: &ms, textes: &[], calendrier: Calendrier::Civil, cible: Some(cible), sens: s, periode: Some((2015, 2035)), annee: last + 1 });
            prop_assert_eq!(e.progression, Some(1.0));
            prop_assert_eq!(e.statut, Statut::Atteint);
        }

        #[test]
        fn mirroring_values_and_swapping_sens_keeps_the_status(ms in measures(), cible in -10_000i32..10_000, s in sens(), annee in 2015i64..2032) {
            let mirrored: Vec<Mesure> = ms.iter().map(|m| Mesure { annee: m.annee, valeur: -m.valeur }).collect();
            let other = match s { Sens::Hausse => Sens::Baisse, Sens::Baisse => Sens::Hausse };
            let a = evaluate(&Inputs { mesures: &ms, textes: &[], calendrier: Calendrier::Civil, cible: Some(f64::from(cible)), sens: s, periode: Some((2016, 2026)), annee });
            let b = evaluate(&Inputs { mesures: &mirrored, textes: &[], calendrier: Calendrier::Civil, cible: Some(-f64::from(cible)), sens: other, periode: Some((2016, 2026)), annee });
            prop_assert_eq!(a.statut, b.statut);
            prop_assert_eq!(a.progression, b.progression);
        }

        #[test]
        fn a_year_before_the_first_measure_is_not_measurable(ms in measures(), cible in -10_000i32..10_000, s in sens(), before in 1i64..10) {
            let annee = ms.iter().map(|m| m.annee).min().unwrap() - before;
            let e = evaluate(&Inputs { mesures: &ms, textes: &[], calendrier: Calendrier::Civil, cible: Some(f64::from(cible)), sens: s, periode: Some((2015, 2030)), annee });
            prop_assert_eq!(e.statut, Statut::NonMesurable);
            prop_assert!(e.depart.is_none());
        }
    }
}
