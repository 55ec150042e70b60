//! Indicator rules: measures present, numeric, within bounds, in period, direction.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Rule};
use crate::model::front::{Chiffree, Indicateur, Periode, Sens, Sp, Unite, Valeur};
use crate::model::query::YEARS;
use crate::model::valeur::juge;
use crate::model::{Entity, Kind};
use crate::text::fold;

/// Subjects that improve by falling. Matched at the start of the indicator's name,
/// after « taux de », « nombre de »…, so that « Nombre d'actions contre le décrochage »
/// is not taken for a dropout rate.
const FALLING: &[&str] = &[
    "absenteisme",
    "absences",
    "decrochage",
    "decrocheurs",
    "exclusion",
    "abandon",
    "retards",
    "incidents",
    "sanctions",
    "redoublement",
    "sorties sans",
    "ruptures",
    "conseils de discipline",
];
const LEADS: &[&str] = &[
    "taux d'",
    "taux de ",
    "nombre d'",
    "nombre de ",
    "part d'",
    "part des ",
    "part de ",
    "pourcentage d'",
    "pourcentage de ",
];

/// True when an indicator's name says it should fall.
pub fn should_fall(intitule: &str) -> bool {
    let mut s = fold(intitule.trim());
    if let Some(rest) = LEADS.iter().find_map(|l| s.strip_prefix(l)) {
        s = rest.to_string();
    }
    FALLING.iter().any(|w| s.starts_with(w))
}

pub fn check(ctx: &mut Ctx) {
    // Measures may run up to the follow-up year (bilan annuel) when there is one.
    let annee = ctx.dossier.annee_courante();
    for (_, kind, e) in ctx.dossier.entities() {
        let Some(f) = &e.front else { continue };
        for o in &f.objectifs {
            for ind in &o.indicateurs {
                indicator(ctx, kind, e, f.periode.as_ref(), annee, ind);
            }
        }
    }
}

/// The rules about one indicator, in the order their findings are reported.
fn indicator(
    ctx: &mut Ctx,
    kind: Kind,
    e: &Entity,
    periode: Option<&Periode>,
    annee: Option<i64>,
    ind: &Indicateur,
) {
    let name = &ind.intitule.value;
    let this = if super::text::is_placeholder(name) {
        "cet indicateur".to_string()
    } else {
        format!("l'indicateur « {name} »")
    };
    has_measures(ctx, kind, e, annee, ind, &this);
    if kind == Kind::Engagement {
        measure_at_n(ctx, e, ctx.dossier.annee(), ind, &this);
    }
    calendars(ctx, e, ind, &this);
    target(ctx, e, ind, &this);
    // A wrong `sens` also makes the target look already beaten: report the cause only.
    if ind.sens() == Sens::Hausse && should_fall(name) {
        direction(ctx, e, ind);
    } else {
        target_side(ctx, e, ind, &this);
    }
    for (year, value) in &ind.mesures.0 {
        measure_year(ctx, e, periode, annee, year);
        measure_value(ctx, kind, e, ind, year.value, value);
    }
    if kind == Kind::Action {
        follow_up(ctx, e, periode, annee, ind);
    }
}

/// `indicateur-sans-mesure`: an indicator has at least one measure (for an engagement,
/// the « mesure à N »).
fn has_measures(
    ctx: &mut Ctx,
    kind: Kind,
    e: &Entity,
    annee: Option<i64>,
    ind: &Indicateur,
    this: &str,
) {
    if !ind.mesures.0.is_empty() {
        return;
    }
    let what = if kind == Kind::Engagement {
        "la mesure à N, chiffrée"
    } else {
        "au moins la mesure de début (N)"
    };
    ctx.push(
        Diagnostic::new(
            Rule::IndicateurSansMesure,
            format!("{this} n'a aucune mesure"),
        )
        .at(&e.path, e.pos(&ind.intitule))
        .help(format!(
            "ajoutez « mesures: {{{}: …}} » : {what}",
            annee.unwrap_or(2026)
        )),
    );
}

/// `mesure-a-n-manquante`: an engagement's indicator with measures has one at the
/// campaign year N, its « Mesure à N » (another year would be printed under it).
fn measure_at_n(ctx: &mut Ctx, e: &Entity, n: Option<i64>, ind: &Indicateur, this: &str) {
    let Some(n) = n.filter(|n| YEARS.contains(n)) else {
        return;
    };
    let years = &ind.mesures.0;
    if years.is_empty() || years.iter().any(|(y, _)| y.value == n) {
        return;
    }
    let c = ind.mesures.calendrier();
    let written: Vec<String> = years.iter().map(|(y, _)| c.show(y.value)).collect();
    ctx.push(
        Diagnostic::new(
            Rule::MesureANManquante,
            format!(
                "{this} n'a pas de mesure à N ({}) : {} ne peut pas être la mesure de départ de l'engagement",
                ctx.dossier.show_year(n),
                written.join(", ")
            ),
        )
        .at(&e.path, e.pos(&years[0].0))
        .help(format!(
            "écrivez la mesure de l'année de la campagne, « {}: … » (0 si le dispositif n'existe pas encore)",
            c.show(n)
        )),
    );
}

/// `annees-melangees`: an indicator's years are all calendar years or all school years.
fn calendars(ctx: &mut Ctx, e: &Entity, ind: &Indicateur, this: &str) {
    let Some(i) = crate::model::annee::mixed(&ind.mesures.1) else {
        return;
    };
    let (first, other) = (ind.mesures.1[0], ind.mesures.1[i]);
    let year = &ind.mesures.0[i].0;
    ctx.push(
        Diagnostic::new(
            Rule::AnneesMelangees,
            format!(
                "{this} mélange années civiles et années scolaires : « {} » ({}) après « {} »",
                other.show(year.value),
                other.label(),
                first.show(ind.mesures.0[0].0.value)
            ),
        )
        .at(&e.path, e.pos(year))
        .help(format!(
            "écrivez toutes les années de l'indicateur de la même façon, ici « {} » (une année scolaire compte pour l'année où elle se termine)",
            first.show(year.value)
        )),
    );
}

/// `indicateur-sans-cible`: an indicator has a target, itself within the unit's bounds.
fn target(ctx: &mut Ctx, e: &Entity, ind: &Indicateur, this: &str) {
    match &ind.cible {
        None => ctx.push(
            Diagnostic::new(
                Rule::IndicateurSansCible,
                format!("{this} n'a pas de cible"),
            )
            .at(&e.path, e.pos(&ind.intitule))
            .help("ajoutez « cible: <valeur visée> » pour que sa progression puisse être calculée"),
        ),
        Some(c) => bounds(ctx, e, ind.unite(), c.value, e.pos(c), "la cible"),
    }
}

/// `sens-contradictoire`: an indicator whose name says it should fall (absentéisme,
/// décrochage…) is not meant to rise.
fn direction(ctx: &mut Ctx, e: &Entity, ind: &Indicateur) {
    let name = &ind.intitule.value;
    let pos = ind.sens.as_ref().map_or(e.pos(&ind.intitule), |s| e.pos(s));
    ctx.push(
        Diagnostic::new(
            Rule::SensContradictoire,
            format!("« {name} » devrait baisser, mais son sens est « hausse »"),
        )
        .at(&e.path, pos)
        .help(if ind.sens.is_none() {
            "sans « sens », un indicateur doit monter : ajoutez « sens: baisse »"
        } else {
            "écrivez « sens: baisse »"
        }),
    );
}

/// `annee-invalide`, `mesure-future`, `mesure-hors-periode`: a measure's year is
/// plausible, not after the dossier's year, and within the période (or the year before).
fn measure_year(
    ctx: &mut Ctx,
    e: &Entity,
    periode: Option<&Periode>,
    annee: Option<i64>,
    year: &Sp<i64>,
) {
    let y = year.value;
    let ypos = e.pos(year);
    if !YEARS.contains(&y) {
        ctx.push(
            Diagnostic::new(Rule::AnneeInvalide, format!("mesure datée de l'année {y}, impossible"))
                .at(&e.path, ypos)
                .help("chaque mesure s'écrit « <année sur 4 chiffres>: <valeur> », par exemple « 2024: 35 »"),
        );
    } else if annee.is_some_and(|a| y > a) {
        ctx.push(
            Diagnostic::new(Rule::MesureFuture, format!("mesure de {y}, postérieure à l'année {} du dossier", annee.unwrap_or(0)))
                .at(&e.path, ypos)
                .help("une mesure est prise au plus tard l'année de la candidature ; après le label, indiquez l'année du bilan annuel dans ldm.toml : [suivi] annee = …"),
        );
    } else if let Some(p) = periode
        && (y < p.debut.value.saturating_sub(1) || y > p.fin.value)
    {
        ctx.push(
            Diagnostic::new(Rule::MesureHorsPeriode, format!("mesure de {y}, hors de la période {}–{}", p.debut.value, p.fin.value))
                .at(&e.path, ypos)
                .help("une mesure se prend pendant la période (la mesure de départ peut dater de l'année précédente) ; vérifiez l'année ou la période"),
        );
    }
}

/// `mesure-non-chiffree` (engagement), `mesure-qualitative` (action): a measure is a
/// number, within the unit's bounds; `unite-differente`: one written with its unit is in
/// the indicator's. « NC » is a state, never a finding.
fn measure_value(
    ctx: &mut Ctx,
    kind: Kind,
    e: &Entity,
    ind: &Indicateur,
    y: i64,
    value: &Sp<Valeur>,
) {
    let what = format!("la mesure de {y}");
    match &value.value {
        Valeur::Texte(t) if kind == Kind::Engagement => ctx.push(
            Diagnostic::new(Rule::MesureNonChiffree, format!("la mesure « {t} » de l'engagement n'est pas un nombre"))
                .at(&e.path, e.pos(value))
                .help("le guide demande une mesure chiffrée : écrivez un nombre (0 si rien n'existe encore), ou « NC (raison) » si elle n'a pas pu être prise"),
        ),
        Valeur::Texte(t) => ctx.push(
            Diagnostic::new(Rule::MesureQualitative, format!("la mesure « {t} » n'est pas un nombre"))
                .at(&e.path, e.pos(value))
                .help("chiffrez-la si possible, pour suivre la progression (par exemple 0 ou 1 pour absent ou en place), ou écrivez « NC (raison) » si elle n'a pas été prise"),
        ),
        Valeur::Nombre(v) => bounds(ctx, e, ind.unite(), *v, e.pos(value), &what),
        Valeur::Chiffree(c) => match c.en(ind.unite()) {
            Some((bas, haut)) => {
                if c.unite.is_some_and(|u| u != ind.unite()) {
                    other_unit(ctx, e, ind, value, c);
                }
                bounds(ctx, e, ind.unite(), bas, e.pos(value), &what);
                if haut != bas {
                    bounds(ctx, e, ind.unite(), haut, e.pos(value), &what);
                }
            }
            None => other_unit(ctx, e, ind, value, c),
        },
        Valeur::NonMesure(_) => {}
    }
}

/// `unite-differente`: « 12 k€ » for an indicator in euros (converted, and said so), or
/// « 36 heures » for one in percent (left out of the progress).
fn other_unit(ctx: &mut Ctx, e: &Entity, ind: &Indicateur, value: &Sp<Valeur>, c: &Chiffree) {
    let (unit, written) = (
        ind.unite(),
        c.unite.map_or_else(String::new, |u| u.name().to_string()),
    );
    let converted = c.en(unit);
    let help = match converted {
        Some((bas, _)) if !c.is_range() => format!(
            "ldm la lit comme {} ; écrivez « {} » pour être clair, ou « unite: {written} » si tout l'indicateur est en {written}",
            shown(bas, unit),
            shown(bas, unit)
        ),
        Some(_) => format!(
            "ldm convertit les bornes en {} ; écrivez-les dans cette unité, ou « unite: {written} » pour tout l'indicateur",
            unit.name()
        ),
        None => format!(
            "écrivez la valeur en {} (l'unité de l'indicateur), ou « unite: {written} » si tout l'indicateur se mesure en {written} ; en attendant, elle n'entre pas dans la progression",
            unit.name()
        ),
    };
    ctx.push(
        Diagnostic::new(
            Rule::UniteDifferente,
            format!(
                "la mesure « {} » est en {written}, l'indicateur « {} » en {}",
                c.texte,
                ind.intitule.value,
                unit.name()
            ),
        )
        .at(&e.path, e.pos(value))
        .help(help),
    );
}

/// `cible-incoherente`: a target equal to the baseline, or already beaten by it in the
/// wanted direction, leaves nothing to measure.
fn target_side(ctx: &mut Ctx, e: &Entity, ind: &Indicateur, this: &str) {
    let Some(cible) = &ind.cible else { return };
    let baseline = ind
        .mesures
        .0
        .iter()
        .filter_map(|(y, v)| match &v.value {
            Valeur::Nombre(x) => Some((y.value, *x)),
            Valeur::Chiffree(c) => c.en(ind.unite()).map(|b| (y.value, juge(b, ind.sens()))),
            Valeur::NonMesure(_) | Valeur::Texte(_) => None,
        })
        .min_by_key(|(y, _)| *y);
    let Some((year, base)) = baseline else { return };
    if !crate::numfmt::plausible(base) || !crate::numfmt::plausible(cible.value) {
        return; // reported by `valeur-demesuree`
    }
    let gap = cible.value - base;
    let beaten = match ind.sens() {
        Sens::Hausse => gap < 0.0,
        Sens::Baisse => gap > 0.0,
    };
    if gap == 0.0 || beaten {
        let unit = ind.unite();
        let what = if gap == 0.0 {
            "égale à"
        } else {
            "déjà dépassée par"
        };
        ctx.push(
            Diagnostic::new(
                Rule::CibleIncoherente,
                format!("pour {this}, la cible ({}) est {what} la mesure de départ ({} en {year})", shown(cible.value, unit), shown(base, unit)),
            )
            .at(&e.path, e.pos(cible))
            .help("la progression ne peut pas être calculée : vérifiez la cible, la mesure de départ et le sens (hausse ou baisse)"),
        );
    }
}

fn shown(v: f64, unite: Unite) -> String {
    crate::numfmt::with_unit(v, unite)
}

/// `pourcentage-hors-bornes`, `valeur-negative`: a percentage is within 0–100, a number
/// or an amount is not negative.
fn bounds(
    ctx: &mut Ctx,
    e: &Entity,
    unite: Unite,
    v: f64,
    pos: crate::diagnostic::Pos,
    what: &str,
) {
    let shown = crate::numfmt::number(v);
    if !crate::numfmt::plausible(v) {
        ctx.push(
            Diagnostic::new(Rule::ValeurDemesuree, format!("{what} dépasse mille milliards"))
                .at(&e.path, pos)
                .help("écrivez la valeur mesurée en chiffres, sans exposant ni zéros en trop (par exemple « 2024: 35 »)"),
        );
    } else if unite == Unite::Pourcentage && !(0.0..=100.0).contains(&v) {
        ctx.push(
            Diagnostic::new(Rule::PourcentageHorsBornes, format!("{what} vaut {shown} %, hors de 0–100"))
                .at(&e.path, pos)
                .help("un pourcentage est compris entre 0 et 100 ; si c'est un effectif, écrivez « unite: nombre »"),
        );
    } else if v < 0.0 {
        ctx.push(
            Diagnostic::new(
                Rule::ValeurNegative,
                format!("{what} vaut {shown}, une valeur négative"),
            )
            .at(&e.path, pos)
            .help("un nombre ou un montant est positif ; une baisse se lit entre deux mesures"),
        );
    }
}

/// `mesure-de-suivi-manquante`: an action running for 3 (5) years, once the campaign
/// reaches that year, shows its N+3 (N+5) measure.
fn follow_up(
    ctx: &mut Ctx,
    e: &Entity,
    periode: Option<&Periode>,
    annee: Option<i64>,
    ind: &Indicateur,
) {
    let (Some(p), Some(annee)) = (periode, annee) else {
        return;
    };
    if ind.mesures.0.is_empty() || !YEARS.contains(&p.debut.value) {
        return;
    }
    let n = p.debut.value;
    let years: Vec<i64> = ind.mesures.0.iter().map(|(y, _)| y.value).collect();
    let at = e.pos(&ind.intitule);
    let name = &ind.intitule.value;
    if annee >= n + 3 && p.fin.value >= n + 3 && !years.iter().any(|y| (n + 2..=n + 4).contains(y))
    {
        ctx.push(
            Diagnostic::new(
                Rule::MesureDeSuiviManquante,
                format!("« {name} » : la mesure de suivi N+3 ({}) manque", n + 3),
            )
            .at(&e.path, at)
            .help(format!("ajoutez la mesure de {} dans « mesures »", n + 3)),
        );
    }
    let end = p.fin.value.min(n + 5);
    if end > n + 3 && annee >= end && !years.iter().any(|y| *y >= end) {
        ctx.push(
            Diagnostic::new(
                Rule::MesureDeSuiviManquante,
                format!("« {name} » : la mesure de fin ({end}) manque"),
            )
            .at(&e.path, at)
            .help(format!("ajoutez la mesure de {end} dans « mesures »")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::should_fall;

    #[test]
    fn falling_indicators_are_recognised_by_their_subject() {
        for (name, falls) in [
            ("Taux d'absentéisme en PFMP", true),
            ("Nombre d'exclusions de cours", true),
            ("Taux de décrochage en seconde", true),
            ("Absentéisme des apprentis", true),
            ("Nombre d'actions de prévention du décrochage", false),
            ("Taux de réussite au bac pro", false),
            ("Nombre d'apprenants accompagnés", false),
        ] {
            assert_eq!(should_fall(name), falls, "{name}");
        }
    }
}
