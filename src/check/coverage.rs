//! Cahier des charges rules: cited requirements exist, every requirement is answered,
//! networks write their common strategy.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::sections::STRATEGIE_RESEAU;
use crate::referentiel::Edition;
use crate::referentiel::coverage::{Covered, covered, en_reseau};
use crate::text::{fold, suggest};

/// Runs the coverage rules; returns the requirement ids answered by some fiche.
pub fn check(ctx: &mut Ctx) -> Covered {
    let covered = covered(ctx.dossier, &ctx.edition);
    unknown_requirements(ctx);
    foreign_requirements(ctx);
    uncovered_requirements(ctx, &covered);
    network_strategy(ctx);
    covered
}

/// `exigence-inconnue`: every id cited in « exigences » is a requirement of the edition.
fn unknown_requirements(ctx: &mut Ctx) {
    for (_, _, e) in ctx.dossier.entities() {
        let Some(f) = &e.front else { continue };
        for x in &f.exigences {
            let id = x.value.trim();
            if ctx.edition.exigence(id).is_some() {
                continue;
            }
            let mut diag = Diagnostic::new(
                Rule::ExigenceInconnue,
                format!(
                    "l'exigence « {id} » n'existe pas dans l'édition {}",
                    ctx.edition.id
                ),
            )
            .at(&e.path, e.pos(x));
            diag = diag.help(unknown_requirement_help(&ctx.edition, id));
            ctx.push(diag);
        }
    }
}

/// `exigence-hors-critere`: a fiche cites requirements of its own criterion, or of a
/// criterion it declares in « criteres_associes »; reported at the citation.
fn foreign_requirements(ctx: &mut Ctx) {
    for (dir, _, e) in ctx.dossier.entities() {
        let Some(f) = &e.front else { continue };
        let numero = dir.numero;
        let declared = |n: u32| f.criteres_associes.iter().any(|c| c.value == i64::from(n));
        for x in &f.exigences {
            let id = x.value.trim();
            let critere = ctx.edition.exigence(id).map(|(c, _)| c.numero);
            let Some(other) = critere.filter(|&o| o != numero) else {
                continue;
            };
            if declared(other) {
                continue;
            }
            ctx.push(
                Diagnostic::new(
                    Rule::ExigenceHorsCritere,
                    format!("l'exigence « {id} » est celle du critère {other}, que la fiche ne déclare pas servir"),
                )
                .at(&e.path, e.pos(x))
                .help(format!("si la fiche sert aussi le critère {other}, ajoutez « criteres_associes: [{other}] » ; sinon citez une exigence du critère {numero}")),
            );
        }
    }
}

/// The requirements of the criterion an unknown id names, else the closest id.
fn unknown_requirement_help(ed: &Edition, id: &str) -> String {
    let crit = id.split('.').next().and_then(|n| n.parse::<u32>().ok());
    match (
        suggest(id, ed.exigence_ids()),
        crit.and_then(|n| ed.critere(n)),
    ) {
        (_, Some(c)) => format!(
            "le critère {} a les exigences {} (« ldm referentiel {} » les détaille)",
            c.numero,
            // A network-only requirement says so, as `ldm referentiel` does.
            c.exigences
                .iter()
                .map(|e| if e.reseau {
                    format!("{} (réseau)", e.id)
                } else {
                    e.id.clone()
                })
                .collect::<Vec<_>>()
                .join(", "),
            c.numero
        ),
        (Some(s), None) => {
            format!("vouliez-vous dire « {s} » ? « ldm referentiel » liste les critères")
        }
        (None, None) => {
            "« ldm referentiel <critère> » liste les exigences de chaque critère".to_string()
        }
    }
}

/// `exigence-non-couverte`: every requirement of a criterion that has a folder is cited
/// by at least one of the dossier's fiches (network-only ones in a network application
/// only). Reported on the criterion's critere.md.
fn uncovered_requirements(ctx: &mut Ctx, covered: &Covered) {
    let d = ctx.dossier;
    let reseau = en_reseau(d);
    // A fiche ldm could not read may answer them: the summary asks to fix it first.
    if !d.fiches_a_corriger().is_empty() {
        return;
    }
    for c in &ctx.edition.criteres {
        let Some(dir) = d.criteres.iter().find(|f| f.numero == c.numero) else {
            continue;
        };
        let file = dir
            .critere
            .as_ref()
            .map_or(format!("{}/critere.md", dir.dir), |doc| doc.path.clone());
        for x in c.exigences_demandees(reseau) {
            if !covered.contains(&x.id) {
                ctx.diags.push(
                    Diagnostic::new(Rule::ExigenceNonCouverte, format!("exigence {} non couverte : « {} »{}", x.id, shorten(&x.texte, 90), c.origine.map_or(String::new(), |o| format!(" ({})", o.label()))))
                        .at(&file, Pos::start())
                        .help("citez son numéro dans « exigences » de l'action ou de l'engagement qui y répond"),
                );
            }
        }
    }
}

/// `strategie-reseau-manquante`: in a network application, each criterion the edition
/// marks writes the network's common strategy in its critere.md.
fn network_strategy(ctx: &mut Ctx) {
    let d = ctx.dossier;
    let network = d
        .config
        .as_ref()
        .is_some_and(|c| !c.candidature.reseau.is_empty());
    if !network {
        return;
    }
    for c in ctx
        .edition
        .criteres
        .iter()
        .filter(|c| c.strategie_commune_reseau)
    {
        let Some(doc) = d
            .criteres
            .iter()
            .find(|f| f.numero == c.numero)
            .and_then(|f| f.critere.as_ref())
        else {
            continue;
        };
        let written = doc
            .sections
            .iter()
            .find(|s| fold(&s.title) == fold(STRATEGIE_RESEAU))
            .is_some_and(|s| !crate::markup::blank_comments(&s.body).trim().is_empty());
        if !written {
            ctx.diags.push(
                Diagnostic::new(Rule::StrategieReseauManquante, format!("candidature en réseau : la stratégie commune du critère {} manque", c.numero))
                    .at(&doc.path, Pos::start())
                    .help(format!("ajoutez une section « # {STRATEGIE_RESEAU} » décrivant la stratégie partagée avec les établissements co-candidats")),
            );
        }
    }
}

/// Cuts a text at a word boundary for one-line messages.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}
