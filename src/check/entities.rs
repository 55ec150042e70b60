//! Action and engagement rules: at least one of each, objectives, indicators, periods.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::Kind;
use crate::model::query::YEARS;

pub fn check(ctx: &mut Ctx) {
    let d = ctx.dossier;
    let mut seen = Vec::new();
    for c in &d.criteres {
        // An unknown or duplicate criterion folder is reported once, as such.
        if ctx.edition.critere(c.numero).is_none() || seen.contains(&c.numero) {
            continue;
        }
        seen.push(c.numero);
        let all = d.criteres.iter().filter(|o| o.numero == c.numero);
        let (n_actions, n_engagements) = all.fold((0, 0), |(a, e), o| {
            (a + o.actions.len(), e + o.engagements.len())
        });
        let at = c
            .critere
            .as_ref()
            .map_or(format!("{}/critere.md", c.dir), |doc| doc.path.clone());
        for (kind, n, rule) in [
            (Kind::Action, n_actions, "action-manquante"),
            (Kind::Engagement, n_engagements, "engagement-manquant"),
        ] {
            if n == 0 {
                ctx.push(
                    Diagnostic::new(
                        rule,
                        format!(
                            "le critère {} n'a {}",
                            c.numero,
                            match kind {
                                Kind::Action => "aucune action",
                                Kind::Engagement => "aucun engagement",
                            }
                        ),
                    )
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

    for (_, kind, e) in d.entities() {
        let Some(f) = &e.front else { continue };
        let at_name = e.pos(&f.denomination);
        if f.denomination.value.trim().is_empty() {
            ctx.push(
                Diagnostic::new(
                    "champ-manquant",
                    format!("la dénomination de l'{} est vide", kind.label()),
                )
                .at(&e.path, at_name)
                .help("donnez un titre représentatif, qui apparaîtra dans le tableau officiel"),
            );
        }
        if kind == Kind::Action && f.perenne.is_none() {
            ctx.push(
                Diagnostic::new(
                    "champ-manquant",
                    "champ « perenne » absent (Action pérenne OUI/NON)",
                )
                .at(&e.path, at_name)
                .help("ajoutez « perenne: true » (OUI) ou « perenne: false » (NON)"),
            );
        }
        match &f.periode {
            None => ctx.push(
                Diagnostic::new(
                    "champ-manquant",
                    format!("champ « periode » absent (durée de l'{})", kind.label()),
                )
                .at(&e.path, at_name)
                .help("ajoutez « periode: {debut: 2024, fin: 2026} »"),
            ),
            Some(p) => {
                let mut ok = true;
                for y in [&p.debut, &p.fin] {
                    if !YEARS.contains(&y.value) {
                        ok = false;
                        ctx.push(
                            Diagnostic::new(
                                "annee-invalide",
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
                            "periode-invalide",
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
        }
        if f.objectifs.is_empty() {
            ctx.push(
                Diagnostic::new("objectif-manquant", format!("l'{} « {} » n'a aucun objectif", kind.label(), f.denomination.value))
                    .at(&e.path, at_name)
                    .help("ajoutez « objectifs: » avec au moins un objectif opérationnel et ses indicateurs"),
            );
        }
        for o in &f.objectifs {
            if o.indicateurs.is_empty() {
                ctx.push(
                    Diagnostic::new("objectif-sans-indicateur", format!("l'objectif « {} » n'a aucun indicateur", o.intitule.value))
                        .at(&e.path, e.pos(&o.intitule))
                        .help("ajoutez « indicateurs: » sous l'objectif, avec l'intitulé, la cible et les mesures"),
                );
            }
        }
    }
}
