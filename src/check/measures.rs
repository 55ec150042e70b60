//! Indicator rules: measures present, numeric, within bounds, in period, direction.

use super::Ctx;
use crate::diagnostic::Diagnostic;
use crate::model::front::{Indicateur, Periode, Sens, Unite, Valeur};
use crate::model::query::YEARS;
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

fn indicator(
    ctx: &mut Ctx,
    kind: Kind,
    e: &Entity,
    periode: Option<&Periode>,
    annee: Option<i64>,
    ind: &Indicateur,
) {
    let name = &ind.intitule.value;
    let at = e.pos(&ind.intitule);
    let this = if super::text::is_placeholder(name) {
        "cet indicateur".to_string()
    } else {
        format!("l'indicateur « {name} »")
    };
    if ind.mesures.0.is_empty() {
        let what = if kind == Kind::Engagement {
            "la mesure à N, chiffrée"
        } else {
            "au moins la mesure de début (N)"
        };
        ctx.push(
            Diagnostic::new(
                "indicateur-sans-mesure",
                format!("{this} n'a aucune mesure"),
            )
            .at(&e.path, at)
            .help(format!(
                "ajoutez « mesures: {{{}: …}} » : {what}",
                annee.unwrap_or(2026)
            )),
        );
    }
    match &ind.cible {
        None => ctx.push(
            Diagnostic::new(
                "indicateur-sans-cible",
                format!("{this} n'a pas de cible"),
            )
            .at(&e.path, at)
            .help("ajoutez « cible: <valeur visée> » pour que sa progression puisse être calculée"),
        ),
        Some(c) => bounds(ctx, e, ind.unite(), c.value, e.pos(c), "la cible"),
    }
    let contradictory = ind.sens() == Sens::Hausse && should_fall(name);
    // A wrong `sens` also makes the target look already beaten: report the cause only.
    if !contradictory {
        target_side(ctx, e, ind, &this);
    }
    if contradictory {
        let pos = ind.sens.as_ref().map_or(at, |s| e.pos(s));
        ctx.push(
            Diagnostic::new(
                "sens-contradictoire",
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
    for (year, value) in &ind.mesures.0 {
        let y = year.value;
        let ypos = e.pos(year);
        if !YEARS.contains(&y) {
            ctx.push(
                Diagnostic::new("annee-invalide", format!("mesure datée de l'année {y}, impossible"))
                    .at(&e.path, ypos)
                    .help("chaque mesure s'écrit « <année sur 4 chiffres>: <valeur> », par exemple « 2024: 35 »"),
            );
        } else if annee.is_some_and(|a| y > a) {
            ctx.push(
                Diagnostic::new("mesure-future", format!("mesure de {y}, postérieure à l'année {} du dossier", annee.unwrap_or(0)))
                    .at(&e.path, ypos)
                    .help("une mesure est prise au plus tard l'année de la candidature ; après le label, indiquez l'année du bilan annuel dans ldm.toml : [suivi] annee = …"),
            );
        } else if let Some(p) = periode
            && (y < p.debut.value - 1 || y > p.fin.value)
        {
            ctx.push(
                Diagnostic::new("mesure-hors-periode", format!("mesure de {y}, hors de la période {}–{}", p.debut.value, p.fin.value))
                    .at(&e.path, ypos)
                    .help("une mesure se prend pendant la période (la mesure de départ peut dater de l'année précédente) ; vérifiez l'année ou la période"),
            );
        }
        match &value.value {
            Valeur::Texte(t) if kind == Kind::Engagement => ctx.push(
                Diagnostic::new("mesure-non-chiffree", format!("la mesure « {t} » de l'engagement n'est pas un nombre"))
                    .at(&e.path, e.pos(value))
                    .help("le guide demande une mesure chiffrée : écrivez un nombre (0 si rien n'existe encore)"),
            ),
            Valeur::Texte(t) => ctx.push(
                Diagnostic::new("mesure-qualitative", format!("la mesure « {t} » n'est pas un nombre"))
                    .at(&e.path, e.pos(value))
                    .help("chiffrez-la si possible, pour suivre la progression (par exemple 0 ou 1 pour absent ou en place)"),
            ),
            Valeur::Nombre(v) => bounds(ctx, e, ind.unite(), *v, e.pos(value), &format!("la mesure de {y}")),
        }
    }
    if kind == Kind::Action {
        follow_up(ctx, e, periode, annee, ind);
    }
}

/// A target equal to the baseline, or already beaten by it, leaves nothing to measure.
fn target_side(ctx: &mut Ctx, e: &Entity, ind: &Indicateur, this: &str) {
    let Some(cible) = &ind.cible else { return };
    let baseline = ind
        .mesures
        .0
        .iter()
        .filter_map(|(y, v)| match v.value {
            Valeur::Nombre(x) => Some((y.value, x)),
            Valeur::Texte(_) => None,
        })
        .min_by_key(|(y, _)| *y);
    let Some((year, base)) = baseline else { return };
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
                "cible-incoherente",
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

fn bounds(
    ctx: &mut Ctx,
    e: &Entity,
    unite: Unite,
    v: f64,
    pos: crate::diagnostic::Pos,
    what: &str,
) {
    let shown = crate::numfmt::number(v);
    if unite == Unite::Pourcentage && !(0.0..=100.0).contains(&v) {
        ctx.push(
            Diagnostic::new("pourcentage-hors-bornes", format!("{what} vaut {shown} %, hors de 0–100"))
                .at(&e.path, pos)
                .help("un pourcentage est compris entre 0 et 100 ; si c'est un effectif, écrivez « unite: nombre »"),
        );
    } else if v < 0.0 {
        ctx.push(
            Diagnostic::new(
                "valeur-negative",
                format!("{what} vaut {shown}, une valeur négative"),
            )
            .at(&e.path, pos)
            .help("un nombre ou un montant est positif ; une baisse se lit entre deux mesures"),
        );
    }
}

/// An action running for 3 (5) years shows its N+3 (N+5) measure.
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
                "mesure-de-suivi-manquante",
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
                "mesure-de-suivi-manquante",
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
