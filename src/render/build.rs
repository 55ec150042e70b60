//! Builds the annex's view (`view::Annexe`) from a loaded dossier and its edition.

use super::colonnes::Colonnes;
use super::placement::{Placed, place};
use super::releves::{Choix, DASH, Releves};
use super::view::*;
use crate::model::front::{Calendrier, Indicateur, Lien};
use crate::model::query::{YEARS, citations, evidence_key, evidence_list};
use crate::model::{Dossier, Entity, Kind, sections};
use crate::referentiel::{Edition, coverage};
use crate::text::fold;
use std::collections::BTreeMap;
use std::ops::RangeInclusive;

fn mise_en_oeuvre(p: &Placed) -> MiseEnOeuvre {
    let sub = |t: &str| p.sub("Mise en œuvre", t);
    MiseEnOeuvre {
        moyens: sub("Moyens engagés"),
        calendrier: sub("Calendrier"),
        lieux: sub("Lieux"),
        modalites: sub("Modalités d'organisation"),
    }
}

/// The period as the label counts it: 2021–2026 is five years (five school years),
/// each year as written (`2020-2021` for a school year).
fn duree(periode: Option<(i64, i64)>, c: Calendrier) -> String {
    match periode {
        None => DASH.to_string(),
        Some((d, f)) if f <= d => c.show(d),
        Some((d, f)) if f == d + 1 => format!("{}–{} (1 an)", c.show(d), c.show(f)),
        Some((d, f)) => format!("{}–{} ({} ans)", c.show(d), c.show(f), f - d),
    }
}

fn calendrier(f: &crate::model::front::EntityFront) -> Calendrier {
    f.periode
        .as_ref()
        .map_or_else(Calendrier::default, |p| p.calendrier)
}

/// The three column headings, as the guide words them, dated when the period is known.
fn headings(c: Option<Colonnes>, cal: Calendrier) -> [String; 3] {
    let Some(c) = c else {
        return [
            "Mesure début (N)".to_string(),
            "Mesure suivi 2 (N+3)".to_string(),
            "Mesure fin (N+5)".to_string(),
        ];
    };
    [
        format!("Mesure début ({})", cal.show(c.debut)),
        c.suivi.map_or_else(
            || "Mesure suivi 2".to_string(),
            |s| format!("Mesure suivi 2 ({})", cal.show(s)),
        ),
        format!("Mesure fin ({})", cal.show(c.fin)),
    ]
}

/// An indicator's three cells under the columns `c` of a period written in `cal`'s
/// notation (dashes when the period is unknown), and the measures no column shows.
fn measures(i: &Indicateur, c: Option<Colonnes>, cal: Calendrier) -> IndicateurAction {
    let mut r = Releves::new(i, cal);
    let mut cell =
        |year: Option<i64>, range: Option<RangeInclusive<i64>>, choix| match (year, range) {
            (Some(y), Some(range)) => r.cell(y, range, choix),
            _ => DASH.to_string(),
        };
    let debut = cell(
        c.map(|c| c.debut),
        c.map(|c| c.debut_range()),
        Choix::Proche,
    );
    let suivi = cell(
        c.and_then(|c| c.suivi),
        c.and_then(|c| c.suivi_range()),
        Choix::Proche,
    );
    let fin = cell(
        c.map(|c| c.fin),
        c.and_then(|c| c.fin_range()),
        Choix::Dernier,
    );
    IndicateurAction {
        intitule: i.intitule.value.clone(),
        debut,
        suivi,
        fin,
        autres: note(i, r.autres()),
    }
}

fn action(d: &Dossier, n: usize, e: &Entity, campagne: Option<i64>) -> Option<Action> {
    let f = e.front.as_ref()?;
    // A période with an impossible year is reported by check and shown as none here.
    let periode = f
        .periode
        .as_ref()
        .map(|p| (p.debut.value, p.fin.value))
        .filter(|(d, f)| YEARS.contains(d) && YEARS.contains(f));
    let colonnes = periode.map(|(d, f)| Colonnes::of(d, f, campagne));
    let p = place(d, e, sections::ACTION, &[]);
    Some(Action {
        n,
        id: e.id(),
        denomination: f.denomination.value.clone(),
        duree: duree(periode, calendrier(f)),
        perenne: f
            .perenne
            .as_ref()
            .map_or(DASH, |p| if p.value { "OUI" } else { "NON" })
            .to_string(),
        exigences: exigences(f),
        description: p.section("Description"),
        colonnes: headings(colonnes, calendrier(f)),
        objectifs: f
            .objectifs
            .iter()
            .map(|o| ObjectifAction {
                intitule: o.intitule.value.clone(),
                plus_value: o
                    .plus_value
                    .as_ref()
                    .map_or(String::new(), |p| p.value.clone()),
                indicateurs: o
                    .indicateurs
                    .iter()
                    .map(|i| measures(i, colonnes, calendrier(f)))
                    .collect(),
            })
            .collect(),
        mise_en_oeuvre: mise_en_oeuvre(&p),
        points_forts: p.section("Points forts"),
        axes_de_progres: p.section("Axes de progrès"),
        conclusion: p.section("Conclusion"),
    })
}

fn exigences(f: &crate::model::front::EntityFront) -> String {
    f.exigences
        .iter()
        .map(|x| x.value.trim().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One or several people in one cell, each written by `one`; a dash when nobody.
fn people(
    ps: Option<&crate::model::front::Personnes>,
    sep: &str,
    one: impl Fn(&crate::model::front::Personne) -> String,
) -> String {
    match ps {
        Some(ps) if !ps.is_empty() => ps.iter().map(one).collect::<Vec<_>>().join(sep),
        _ => DASH.to_string(),
    }
}

/// The small print under an indicator: its target as the school set it (the guide's
/// table has no column for it, and nothing the school wrote is left out), then the
/// measures no column shows.
fn note(i: &Indicateur, autres: String) -> String {
    let Some(c) = &i.cible else {
        return autres;
    };
    let sens = match i.sens() {
        crate::model::front::Sens::Hausse => "hausse",
        crate::model::front::Sens::Baisse => "baisse",
    };
    let cible = format!(
        "Cible : {} ({sens})",
        crate::numfmt::with_unit(c.value, i.unite())
    );
    if autres.is_empty() {
        cible
    } else {
        format!("{cible} — {autres}")
    }
}

/// An engagement's « mesure à N »: the one of N, else the latest before it (shown with
/// its year, as `check` reports); the others are listed under the indicator.
fn mesure_a_n(i: &Indicateur, annee: i64) -> IndicateurEngagement {
    // The campaign and the measures count years the same way (`model::annee`).
    let mut r = Releves::new(i, i.mesures.calendrier());
    let mesure = r.cell(annee, i64::MIN..=annee, Choix::Dernier);
    IndicateurEngagement {
        intitule: i.intitule.value.clone(),
        mesure,
        autres: note(i, r.autres()),
    }
}

fn engagement(d: &Dossier, n: usize, e: &Entity, annee: i64) -> Option<Engagement> {
    let f = e.front.as_ref()?;
    let p = place(d, e, sections::ENGAGEMENT, &[]);
    Some(Engagement {
        n,
        id: e.id(),
        denomination: f.denomination.value.clone(),
        description: p.section("Description"),
        animateur: people(f.animateur.as_ref(), " ; ", |p| {
            format!("{} {}, {}", p.prenom.value, p.nom.value, p.fonction.value)
        }),
        duree: duree(
            f.periode.as_ref().map(|p| (p.debut.value, p.fin.value)),
            calendrier(f),
        ),
        exigences: exigences(f),
        suite_de: f
            .suite_de
            .as_ref()
            .map_or(String::new(), |s| s.value.clone()),
        colonne: format!("Mesure à {}", d.show_year(annee)),
        objectifs: f
            .objectifs
            .iter()
            .map(|o| ObjectifEngagement {
                intitule: o.intitule.value.clone(),
                indicateurs: o.indicateurs.iter().map(|i| mesure_a_n(i, annee)).collect(),
            })
            .collect(),
        mise_en_oeuvre: mise_en_oeuvre(&p),
    })
}

fn critere(
    d: &Dossier,
    ed: &Edition,
    c: &crate::model::CritereDir,
    annee: i64,
    reseau: bool,
) -> Critere {
    let front = c.critere.as_ref().and_then(|doc| doc.front.as_ref());
    let placed = c
        .critere
        .as_ref()
        .map(|doc| place(d, doc, sections::CRITERE, &[sections::STRATEGIE_RESEAU]));
    let text = |title: &str| {
        placed
            .as_ref()
            .map_or_else(Prose::default, |p| p.section(title))
    };
    let asks_network = ed
        .critere(c.numero)
        .is_some_and(|r| r.strategie_commune_reseau);
    let origine = ed.critere(c.numero).and_then(|r| r.origine);
    let (actions, engagements) = fiches(d, c, annee, origine);
    Critere {
        numero: c.numero,
        intitule: ed
            .critere(c.numero)
            .map_or_else(|| c.dir.clone(), |r| r.intitule.clone()),
        etat_des_lieux: text("État des lieux"),
        objectif_general: text("Objectif général"),
        // Shown when the edition asks for it in a network candidature, and whenever written.
        strategie_reseau: Some(text(sections::STRATEGIE_RESEAU))
            .filter(|p| (reseau && asks_network) || !p.md.trim().is_empty()),
        contributions: contributions(d, c.numero),
        transversalite: transversalite(front),
        coordonnateurs: front
            .and_then(|f| f.coordonnateur.as_ref())
            .map_or_else(Vec::new, |ps| ps.iter().map(Gens::from).collect()),
        membres: front.map_or_else(Vec::new, |f| f.membres.iter().map(Gens::from).collect()),
        actions,
        engagements,
        origine: origine.map(|o| {
            format!(
                "Les exigences de ce critère sont tirées d'un {} : à vérifier sur le cahier des charges officiel.",
                o.label()
            )
        }),
    }
}

/// A criterion's actions and engagements, numbered; each cell citing requirements says
/// when their text is ldm's (`origine`).
fn fiches(
    d: &Dossier,
    c: &crate::model::CritereDir,
    annee: i64,
    origine: Option<crate::referentiel::Origine>,
) -> (Vec<Action>, Vec<Engagement>) {
    let mut actions: Vec<Action> = c
        .actions
        .iter()
        .enumerate()
        .filter_map(|(i, e)| action(d, i + 1, e, (annee > 0).then_some(annee)))
        .collect();
    let mut engagements: Vec<Engagement> = c
        .engagements
        .iter()
        .enumerate()
        .filter_map(|(i, e)| engagement(d, i + 1, e, annee))
        .collect();
    if let Some(o) = origine {
        let mark = |x: &mut String| {
            if !x.is_empty() {
                x.push_str(&format!(" ({})", o.label()));
            }
        };
        actions.iter_mut().for_each(|a| mark(&mut a.exigences));
        engagements.iter_mut().for_each(|e| mark(&mut e.exigences));
    }
    (actions, engagements)
}

/// The guide's « transversalité » table of a criterion: label, then what the school wrote.
fn transversalite(front: Option<&crate::model::front::CritereFront>) -> Vec<(String, String)> {
    let t = front.map(|f| &f.transversalite);
    let cell = |v: Option<&crate::model::front::Sp<String>>| {
        v.map_or(DASH.to_string(), |s| s.value.clone())
    };
    vec![
        (
            "Domaine d'auto-évaluation de l'établissement".to_string(),
            cell(t.and_then(|t| t.auto_evaluation.as_ref())),
        ),
        (
            "Axe du projet d'établissement".to_string(),
            cell(t.and_then(|t| t.projet_etablissement.as_ref())),
        ),
        (
            "Axe du contrat d'objectifs tripartite".to_string(),
            cell(t.and_then(|t| t.contrat_objectifs.as_ref())),
        ),
        (
            "Critère du campus des métiers et des qualifications".to_string(),
            cell(t.and_then(|t| t.campus_metiers.as_ref())),
        ),
    ]
}

/// Builds the annex of `d`, restricted to the criteria `only` when it is not empty.
/// The school's identity as ldm.toml writes it, « — » where it says nothing.
fn identite(d: &Dossier, ed: &Edition) -> Identite {
    let cfg = d.config.as_ref();
    let text = |f: fn(&crate::model::Config) -> String| cfg.map_or(DASH.to_string(), f);
    let annee = d.annee().unwrap_or(0);
    let reseau: Vec<String> = cfg.map_or_else(Vec::new, |c| {
        c.candidature
            .reseau
            .iter()
            .map(|u| u.get_ref().shown())
            .collect()
    });
    Identite {
        nom: text(|c| c.etablissement.nom.get_ref().clone()),
        uai: text(|c| c.etablissement.uai.get_ref().clone()),
        academie: text(|c| c.etablissement.academie.get_ref().clone()),
        ville: cfg
            .and_then(|c| c.etablissement.ville.as_ref())
            .map_or(String::new(), |v| v.get_ref().clone()),
        denomination: text(|c| c.etablissement.denomination.get_ref().clone()),
        nature: text(|c| match c.candidature.nature.get_ref() {
            crate::model::config::Nature::PremiereDemande => "Première demande".to_string(),
            crate::model::config::Nature::Renouvellement => "Renouvellement".to_string(),
        }),
        annee: if annee > 0 {
            d.show_year(annee)
        } else {
            DASH.to_string()
        },
        precedente: cfg
            .and_then(|c| c.candidature.precedente.as_ref())
            .map_or(String::new(), |p| previous_label(d, p)),
        edition: ed.id.clone(),
        edition_titre: ed.titre.clone(),
        reseau: reseau.clone(),
    }
}

pub fn build(d: &Dossier, ed: &Edition, only: &[u32]) -> Annexe {
    let annee = d.annee().unwrap_or(0);
    let identite = identite(d, ed);
    let reseau = identite.reseau.clone();
    let etab = d.etablissement.as_ref();
    let etab = etab.map(|doc| place(d, doc, sections::ETABLISSEMENT, &[]));
    let etab_text = |t: &str| etab.as_ref().map_or_else(Prose::default, |p| p.section(t));
    let selected = |n: u32| only.is_empty() || only.contains(&n);
    // Coverage only: the annex does not need the rules' findings.
    let covered = coverage::per_critere(d, ed, &coverage::covered(d, ed));
    let dirs: Vec<_> = d.criteres.iter().filter(|c| selected(c.numero)).collect();
    let synopsis = covered
        .iter()
        .filter(|s| selected(s.numero))
        .map(|s| {
            let dir = dirs.iter().find(|c| c.numero == s.numero);
            let coord = dir
                .and_then(|c| c.critere.as_ref())
                .and_then(|doc| doc.front.as_ref())
                .and_then(|f| f.coordonnateur.as_ref());
            let coord = people(coord, ", ", |p| {
                format!("{} {}", p.prenom.value, p.nom.value)
            });
            Synopsis {
                numero: s.numero,
                intitule: s.intitule.clone(),
                coordonnateur: coord,
                actions: s.actions,
                engagements: s.engagements,
                exigences: format!("{}/{}", s.exigences_couvertes, s.exigences_total),
                contributions: contributions(d, s.numero),
            }
        })
        .collect();
    let criteres = dirs
        .iter()
        .map(|c| critere(d, ed, c, annee, !reseau.is_empty()))
        .collect::<Vec<_>>();
    Annexe {
        identite,
        contexte: etab_text("Contexte"),
        articulation: etab_text("Articulation avec les autres démarches"),
        pilotage: etab_text("Pilotage de la démarche"),
        synopsis,
        note_exigences: NOTE_EXIGENCES,
        preuves: preuves(d, &criteres),
        collectif: collectif(d),
        criteres,
    }
}

/// The fiches of other criteria that declare they also serve criterion `numero`.
fn contributions(d: &Dossier, numero: u32) -> Vec<String> {
    d.entities()
        .filter(|(c, _, _)| c.numero != numero)
        .filter_map(|(c, kind, e)| {
            let f = e.front.as_ref()?;
            let serves = f
                .criteres_associes
                .iter()
                .any(|n| n.value == i64::from(numero));
            serves.then(|| {
                format!(
                    "critère {} : {} « {} »",
                    c.numero,
                    kind.label(),
                    f.denomination.value
                )
            })
        })
        .collect()
}

/// Every evidence file with the actions and engagements that cite it, numbered in path
/// order: the one numbering of the annex and the evidence annex.
fn preuves(d: &Dossier, criteres: &[Critere]) -> Vec<Preuve> {
    let numbered = evidence_list(d, |n| criteres.iter().any(|c| c.numero == n));
    let mut by_file: BTreeMap<String, Vec<String>> =
        numbered.into_iter().map(|k| (k, Vec::new())).collect();
    for c in criteres {
        let dir = d.criteres.iter().find(|x| x.numero == c.numero);
        for (kind, e) in dir.into_iter().flat_map(|x| x.entities()) {
            let Some(f) = &e.front else { continue };
            let (label, n) = match kind {
                Kind::Action => (
                    "action",
                    c.actions.iter().find(|a| a.id == e.id()).map(|a| a.n),
                ),
                Kind::Engagement => (
                    "engagement",
                    c.engagements.iter().find(|a| a.id == e.id()).map(|a| a.n),
                ),
            };
            let who = format!(
                "critère {} : {label} {} « {} »",
                c.numero,
                n.unwrap_or(0),
                f.denomination.value
            );
            for p in &f.preuves {
                by_file
                    .entry(evidence_key(&p.value))
                    .or_default()
                    .push(who.clone());
            }
        }
    }
    by_file
        .into_iter()
        .enumerate()
        .map(|(i, (chemin, citee_par))| {
            // Only a well-formed http(s) address becomes a link; check reports the others.
            let lien = Lien::of(&chemin).filter(|l| l.check().is_ok());
            Preuve {
                numero: i + 1,
                adresse: lien.map(|l| l.adresse.to_string()),
                texte: lien.and_then(|l| l.texte.map(str::to_string)),
                chemin: lien.map_or_else(|| chemin.clone(), |l| l.shown()),
                citee_par,
            }
        })
        .collect()
}

/// Everyone involved, by name, with their function and roles.
fn collectif(d: &Dossier) -> Vec<Membre> {
    let mut people: BTreeMap<(String, String), Membre> = BTreeMap::new();
    for c in citations(d) {
        let p = c.personne;
        let key = (fold(p.nom.value.trim()), fold(p.prenom.value.trim()));
        let m = people.entry(key).or_insert_with(|| Membre {
            nom: p.nom.value.trim().to_string(),
            prenom: p.prenom.value.trim().to_string(),
            fonction: p.fonction.value.trim().to_string(),
            roles: Vec::new(),
        });
        if !m.roles.contains(&c.role) {
            m.roles.push(c.role);
        }
    }
    people.into_values().collect()
}

/// The previous label as `ldm.toml` writes it: a period « 2002-2007 » as written, a
/// year the way the campaign year is written.
fn previous_label(d: &Dossier, p: &toml::Spanned<i64>) -> String {
    let written = (d.sources.get("ldm.toml"))
        .and_then(|s| s.text.get(p.span()))
        .map(|t| t.trim().trim_matches(['"', '\'']).trim());
    match written {
        Some(t) if crate::model::annee::parse(t).is_none() && !t.is_empty() => t.to_string(),
        _ => d.show_year(*p.get_ref()),
    }
}
