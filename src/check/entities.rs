//! Action and engagement rules: at least one of each, objectives, indicators, periods.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::config::Nature;
use crate::model::front::{EntityFront, Periode};
use crate::model::query::YEARS;
use crate::model::{CritereDir, Entity, Kind};

pub fn check(ctx: &mut Ctx) {
    let d = ctx.dossier;
    let mut seen = Vec::new();
    for c in &d.criteres {
        // An unknown or duplicate criterion folder is reported once, as such.
        if ctx.edition.critere(c.numero).is_none() || seen.contains(&c.numero) {
            continue;
        }
        seen.push(c.numero);
        actions_and_engagements(ctx, c);
    }
    // Per fiche, in this order: findings at the same place keep it in reports.
    for (_, kind, e) in d.entities() {
        let Some(f) = &e.front else { continue };
        required_fields(ctx, kind, e, f);
        if let Some(p) = &f.periode {
            period(ctx, e, p);
            before_previous_label(ctx, kind, e, p);
        }
        objectives(ctx, kind, e, f);
        objective_indicators(ctx, e, f);
    }
}

/// `action-manquante`, `engagement-manquant`: a criterion shows at least one action and
/// one engagement, counted over all the folders bearing its number.
fn actions_and_engagements(ctx: &mut Ctx, c: &CritereDir) {
    let all = ctx.dossier.criteres.iter().filter(|o| o.numero == c.numero);
    let (n_actions, n_engagements) = all.fold((0, 0), |(a, e), o| {
        (a + o.actions.len(), e + o.engagements.len())
    });
    let at = c
        .critere
        .as_ref()
        .map_or(format!("{}/critere.md", c.dir), |doc| doc.path.clone());
    for (kind, n, rule, none) in [
        (
            Kind::Action,
            n_actions,
            Rule::ActionManquante,
            "aucune action",
        ),
        (
            Kind::Engagement,
            n_engagements,
            Rule::EngagementManquant,
            "aucun engagement",
        ),
    ] {
        if n == 0 {
            ctx.push(
                Diagnostic::new(rule, format!("le critère {} n'a {none}", c.numero))
                    .at(&at, Pos::start())
                    .help(format!(
                        "créez-en un avec « ldm new {} {} \"Titre\" »",
                        kind.label(),
                        c.numero
                    )),
            );
        }
    }
}

/// `champ-manquant`: a fiche has a non-empty dénomination and a période; an action also
/// says whether it is pérenne. Reported at the dénomination.
fn required_fields(ctx: &mut Ctx, kind: Kind, e: &Entity, f: &EntityFront) {
    let at_name = e.pos(&f.denomination);
    if f.denomination.value.trim().is_empty() {
        ctx.push(
            Diagnostic::new(
                Rule::ChampManquant,
                format!("la dénomination de l'{} est vide", kind.label()),
            )
            .at(&e.path, at_name)
            .help("donnez un titre représentatif, qui apparaîtra dans le tableau officiel"),
        );
    }
    if kind == Kind::Action && f.perenne.is_none() {
        ctx.push(
            Diagnostic::new(
                Rule::ChampManquant,
                "champ « perenne » absent (Action pérenne OUI/NON)",
            )
            .at(&e.path, at_name)
            .help("ajoutez « perenne: true » (OUI) ou « perenne: false » (NON)"),
        );
    }
    if f.periode.is_none() {
        ctx.push(
            Diagnostic::new(
                Rule::ChampManquant,
                format!("champ « periode » absent (durée de l'{})", kind.label()),
            )
            .at(&e.path, at_name)
            .help("ajoutez « periode: {debut: 2024, fin: 2026} »"),
        );
    }
}

/// `annee-invalide`, `periode-invalide`: both years of the période are plausible, and
/// it does not end before it starts (checked only when both years are plausible).
fn period(ctx: &mut Ctx, e: &Entity, p: &Periode) {
    let mut ok = true;
    for y in [&p.debut, &p.fin] {
        if !YEARS.contains(&y.value) {
            ok = false;
            ctx.push(
                Diagnostic::new(
                    Rule::AnneeInvalide,
                    format!("l'année {} est impossible", y.value),
                )
                .at(&e.path, e.pos(y))
                .help("écrivez l'année sur quatre chiffres, par exemple 2024"),
            );
        }
    }
    if ok && p.fin.value < p.debut.value {
        ctx.push(
            Diagnostic::new(
                Rule::PeriodeInvalide,
                format!(
                    "la période finit en {} avant de commencer en {}",
                    p.fin.value, p.debut.value
                ),
            )
            .at(&e.path, e.pos(&p.fin))
            .help("inversez début et fin, ou corrigez l'année"),
        );
    }
}

/// `fiche-anterieure-au-label`: in a renewal, a fiche starts no earlier than the
/// previous label (`precedente`): an older one belongs to the previous dossier.
fn before_previous_label(ctx: &mut Ctx, kind: Kind, e: &Entity, p: &Periode) {
    let config = ctx.dossier.config.as_ref();
    let renewal = config.filter(|c| *c.candidature.nature.get_ref() == Nature::Renouvellement);
    let Some(label) = renewal.and_then(|c| c.candidature.precedente.as_ref()) else {
        return;
    };
    let label = *label.get_ref();
    if !YEARS.contains(&label) || !YEARS.contains(&p.debut.value) || p.debut.value >= label {
        return;
    }
    let shown = ctx.dossier.show_year(label);
    ctx.push(
        Diagnostic::new(
            Rule::FicheAnterieureAuLabel,
            format!(
                "{} commence en {}, avant le label précédent ({shown})",
                capitalised(kind.with_article()),
                p.show(p.debut.value)
            ),
        )
        .at(&e.path, e.pos(&p.debut))
        .help(format!(
            "un renouvellement présente le travail mené depuis le label de {shown} : vérifiez l'année de début, ou retirez la fiche du dossier"
        )),
    );
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// `objectif-manquant`: a fiche has at least one operational objective.
fn objectives(ctx: &mut Ctx, kind: Kind, e: &Entity, f: &EntityFront) {
    if f.objectifs.is_empty() {
        ctx.push(
            Diagnostic::new(
                Rule::ObjectifManquant,
                format!(
                    "l'{} « {} » n'a aucun objectif",
                    kind.label(),
                    f.denomination.value
                ),
            )
            .at(&e.path, e.pos(&f.denomination))
            .help(
                "ajoutez « objectifs: » avec au moins un objectif opérationnel et ses indicateurs",
            ),
        );
    }
}

/// `objectif-sans-indicateur`: every objective is followed by at least one indicator.
fn objective_indicators(ctx: &mut Ctx, e: &Entity, f: &EntityFront) {
    for o in &f.objectifs {
        if o.indicateurs.is_empty() {
            ctx.push(
                Diagnostic::new(Rule::ObjectifSansIndicateur, format!("l'objectif « {} » n'a aucun indicateur", o.intitule.value))
                    .at(&e.path, e.pos(&o.intitule))
                    .help("ajoutez « indicateurs: » sous l'objectif, avec l'intitulé, la cible et les mesures"),
            );
        }
    }
}
