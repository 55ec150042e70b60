//! Cahier des charges rules: cited requirements exist, every requirement is answered,
//! networks write their common strategy.

use super::Ctx;
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::sections::STRATEGIE_RESEAU;
use crate::referentiel::coverage::{Covered, covered};
use crate::text::{fold, suggest};

pub fn check(ctx: &mut Ctx) -> Covered {
    let d = ctx.dossier;
    let covered = covered(d, &ctx.edition);
    let ids: Vec<String> = ctx.edition.exigence_ids().map(str::to_string).collect();
    for (_, _, e) in d.entities() {
        let Some(f) = &e.front else { continue };
        for x in &f.exigences {
            let id = x.value.trim();
            if ctx.edition.exigence(id).is_some() {
                continue;
            }
            let mut diag = Diagnostic::new(
                "exigence-inconnue",
                format!(
                    "l'exigence « {id} » n'existe pas dans l'édition {}",
                    ctx.edition.id
                ),
            )
            .at(&e.path, e.pos(x));
            let crit = id.split('.').next().and_then(|n| n.parse::<u32>().ok());
            diag.help = Some(
                match (
                    suggest(id, ids.iter().map(String::as_str)),
                    crit.and_then(|n| ctx.edition.critere(n)),
                ) {
                    (_, Some(c)) => format!(
                        "le critère {} a les exigences {} (« ldm referentiel {} » les détaille)",
                        c.numero,
                        c.exigences
                            .iter()
                            .map(|e| e.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        c.numero
                    ),
                    (Some(s), None) => format!(
                        "vouliez-vous dire « {s} » ? « ldm referentiel » liste les critères"
                    ),
                    (None, None) => {
                        "« ldm referentiel <critère> » liste les exigences de chaque critère"
                            .to_string()
                    }
                },
            );
            ctx.push(diag);
        }
    }

    for c in &ctx.edition.criteres {
        let Some(dir) = d.criteres.iter().find(|f| f.numero == c.numero) else {
            continue;
        };
        let file = dir
            .critere
            .as_ref()
            .map_or(format!("{}/critere.md", dir.dir), |doc| doc.path.clone());
        for x in &c.exigences {
            if !covered.contains(&x.id) {
                ctx.diags.push(
                    Diagnostic::new("exigence-non-couverte", format!("exigence {} non couverte : « {} »", x.id, shorten(&x.texte, 90)))
                        .at(&file, Pos::start())
                        .help(format!("citez « {} » dans « exigences » de l'action ou de l'engagement qui y répond", x.id)),
                );
            }
        }
    }

    let network = d
        .config
        .as_ref()
        .is_some_and(|c| !c.candidature.reseau.is_empty());
    if network {
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
                    Diagnostic::new("strategie-reseau-manquante", format!("candidature en réseau : la stratégie commune du critère {} manque", c.numero))
                        .at(&doc.path, Pos::start())
                        .help(format!("ajoutez une section « # {STRATEGIE_RESEAU} » décrivant la stratégie partagée avec les établissements co-candidats")),
                );
            }
        }
    }
    covered
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
