//! The self-assessment's synthesis, as `doc` blocks for the annex (where the guide asks
//! for the articulation with the self-assessment) and any document that shows it: per
//! criterion, the requirements judged, the counts on each scale, and the weakest points
//! with their findings and evidence.

use super::{Audit, Jugement, echelles};
use crate::doc::{Block, Inline, heading};
use crate::referentiel::{Echelles, Niveau};
use crate::workspace::Workspace;

/// At most this many weakest points per criterion: the synthesis points, the files detail.
const WEAKEST: usize = 3;

/// The synthesis of the self-assessment `auto`, criterion by criterion (those of `only`,
/// or all when empty), each under a heading of `level`.
pub fn synthese(ws: &Workspace, auto: &Audit, only: &[u32], level: u8) -> Vec<Block> {
    let s = echelles(ws);
    let en_reseau = super::en_reseau(ws);
    let mut out = Vec::new();
    for (numero, doc) in &auto.criteres {
        if !only.is_empty() && !only.contains(numero) {
            continue;
        }
        let Some(front) = doc.front.as_ref() else {
            continue;
        };
        let critere = ws.edition.critere(*numero);
        let title = critere.map_or_else(
            || format!("Critère {numero}"),
            |c| format!("Critère {numero} — {}", c.intitule),
        );
        let asked = critere.map(|c| c.exigences_demandees(en_reseau).count());
        out.push(heading(level, &format!("autoevaluation-{numero}"), &title));
        out.push(text(&counts(&front.exigences, asked, &s)));
        out.push(weakest(&front.exigences, &s));
    }
    out
}

/// A judgement's rank on a scale (0: the best), when its value is on it and judged.
fn rank(scale: &[Niveau], v: Option<&crate::model::front::Sp<String>>) -> Option<usize> {
    let v = crate::text::fold(v?.value.trim());
    (scale.iter())
        .position(|n| crate::text::fold(&n.valeur) == v)
        .filter(|i| !scale[*i].non_evalue)
}

/// « 8 exigences jugées sur 8. Conformité : conforme (7), partiellement conforme (1).
/// Efficacité : satisfaisante (7), partielle (1). » — the scale's words as written, each
/// with its count, so no agreement of a level's word with a number is needed.
fn counts(jugements: &[Jugement], asked: Option<usize>, s: &Echelles) -> String {
    let judged = (jugements.iter())
        .filter(|j| rank(&s.conformite, j.conformite.as_ref()).is_some())
        .count();
    let sur = asked.map_or_else(String::new, |n| format!(" sur {n}"));
    let tally = |scale: &[Niveau],
                 pick: fn(&Jugement) -> Option<&crate::model::front::Sp<String>>| {
        let parts: Vec<String> = (scale.iter().enumerate())
            .filter(|(_, n)| !n.non_evalue)
            .map(|(i, n)| {
                let k = (jugements.iter())
                    .filter(|j| rank(scale, pick(j)) == Some(i))
                    .count();
                (k, &n.valeur)
            })
            .filter(|(k, _)| *k > 0)
            .map(|(k, v)| format!("{v} ({k})"))
            .collect();
        if parts.is_empty() {
            "aucune".to_string()
        } else {
            parts.join(", ")
        }
    };
    format!(
        "{} jugée{}{sur}. Conformité : {}. Efficacité : {}.",
        crate::text::count(judged, "exigence", "exigences"),
        if judged > 1 { "s" } else { "" },
        tally(&s.conformite, |j| j.conformite.as_ref()),
        tally(&s.efficacite, |j| j.efficacite.as_ref()),
    )
}

/// The requirements judged below the best conformity or in the lower half of the
/// efficacy scale, the weakest first, each with its findings and evidence.
fn weakest(jugements: &[Jugement], s: &Echelles) -> Block {
    let half = s.efficacite.len() / 2;
    let mut weak: Vec<(usize, usize, &Jugement)> = (jugements.iter())
        .filter_map(|j| {
            let c = rank(&s.conformite, j.conformite.as_ref())?;
            let e = rank(&s.efficacite, j.efficacite.as_ref()).unwrap_or(0);
            (c > 0 || e >= half).then_some((c, e, j))
        })
        .collect();
    weak.sort_by_key(|w| std::cmp::Reverse((w.0, w.1)));
    if weak.is_empty() {
        return text(
            "Point le plus faible : aucun, chaque exigence jugée conforme et d'une efficacité au moins dans la moitié haute de l'échelle.",
        );
    }
    let items: Vec<Vec<Block>> = (weak.iter().take(WEAKEST))
        .map(|(_, _, j)| vec![text(&point(j))])
        .collect();
    let label = if items.len() == 1 {
        "Point le plus faible :"
    } else {
        "Points les plus faibles :"
    };
    Block::Frame(vec![text(label), Block::List { start: None, items }])
}

/// « 4.3 — partiellement conforme, partielle : le constat (preuves 7, 9) ».
fn point(j: &Jugement) -> String {
    let value = |v: &Option<crate::model::front::Sp<String>>| {
        v.as_ref()
            .map_or("—".to_string(), |v| v.value.trim().to_string())
    };
    let mut t = format!(
        "{} — {}, {}",
        j.id.value.trim(),
        value(&j.conformite),
        value(&j.efficacite)
    );
    if let Some(c) = j
        .constats
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        t.push_str(&format!(" : {c}"));
    }
    if !j.preuves.is_empty() {
        let n: Vec<String> = j.preuves.iter().map(|p| p.value.to_string()).collect();
        let label = if n.len() == 1 { "preuve" } else { "preuves" };
        t.push_str(&format!(" ({label} {})", n.join(", ")));
    }
    t
}

fn text(t: &str) -> Block {
    Block::Para(vec![Inline::Text(crate::typo::french(t))])
}

#[cfg(test)]
mod tests {
    use crate::workspace::Workspace;

    #[test]
    fn the_example_s_synthesis_names_its_weakest_points_with_their_evidence() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lycee-marie-marvingt");
        let ws = Workspace::load(&root).unwrap();
        let auto = super::super::autoevaluation::load(&ws).unwrap();
        let blocks = super::synthese(&ws, auto, &[], 3);
        let plain = crate::typo::french(&crate::doc::blocks_plain(&blocks));
        let has = |s: &str| {
            let s = crate::typo::french(s);
            assert!(plain.contains(&s), "« {s} » not in:\n{plain}");
        };
        has("Critère 4 — Un partenariat actif");
        has(
            "6 exigences jugées sur 6. Conformité : conforme (5), partiellement conforme (1). Efficacité : satisfaisante (5), partielle (1).",
        );
        has("Point le plus faible : 4.3");
        has(
            "4.3 — partiellement conforme, partielle : Le bureau des entreprises est inscrit dans un engagement",
        );
        has("(preuve 7)");
        // Every criterion of the edition has its synthesis.
        let headings = blocks
            .iter()
            .filter(|b| matches!(b, crate::doc::Block::Heading { .. }));
        assert_eq!(headings.count(), 8);
    }
}
