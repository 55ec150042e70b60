//! `ldm progress`: the indicators over the five years — the bilan annuel's figures.
//!
//! `eval` does the arithmetic of one indicator; this module walks the dossier at a
//! reference year and builds summaries per objective, per criterion and overall.
//! Renderers: `term` (terminal table), and `document` (the tableau de bord / bilan annuel
//! as one `doc::Document`, for HTML, Markdown and PDF); `md` keeps the Markdown figures
//! the `bilan` writes into its own document, until the bilan is built on `doc` too.

pub mod document;
pub mod eval;
pub mod exact;
pub mod svg;
pub mod term;

use crate::model::front::{Calendrier, Sens, Unite, Valeur};
use crate::model::query::YEARS;
use crate::model::{Dossier, Kind};
// Values check reports as `valeur-demesuree` are left out of every computation.
use crate::model::valeur::juge;
use crate::numfmt::{plausible, with_unit};
use crate::referentiel::Edition;
pub use eval::MesureTexte;
use eval::{Evaluation, Inputs, Mesure, Statut};
use schemars::JsonSchema;
use serde::Serialize;

/// Version of `ldm progress --format json` (docs/json.md keeps the changelog): fields
/// added since version 1, none removed or changed in meaning.
pub const JSON_VERSION: u32 = 2;

/// Counts by status and the mean progress of the measurable indicators.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Resume {
    pub indicateurs: usize,
    pub atteint: usize,
    pub en_bonne_voie: usize,
    pub proche_de_la_cible: usize,
    pub en_retard: usize,
    pub en_recul: usize,
    pub non_mesurable: usize,
    /// Mean of the progress of measurable indicators, each capped to 0..=1 so that one
    /// target passed twice over does not hide a late one (`Evaluation::part`).
    pub progression_moyenne: Option<f64>,
    /// How many indicators the mean is taken over (the measurable ones).
    pub mesurables: usize,
}

impl Resume {
    fn of<'a>(inds: impl IntoIterator<Item = &'a Indicateur>) -> Self {
        let mut r = Resume::default();
        let mut sum = 0.0;
        let mut n = 0;
        for i in inds {
            r.indicateurs += 1;
            *r.count_mut(i.evaluation.statut) += 1;
            if let Some(p) = i.evaluation.part() {
                sum += p;
                n += 1;
            }
        }
        r.progression_moyenne = (n > 0).then(|| sum / n as f64);
        r.mesurables = n;
        r
    }

    fn count_mut(&mut self, s: Statut) -> &mut usize {
        match s {
            Statut::Atteint => &mut self.atteint,
            Statut::EnBonneVoie => &mut self.en_bonne_voie,
            Statut::ProcheDeLaCible => &mut self.proche_de_la_cible,
            Statut::EnRetard => &mut self.en_retard,
            Statut::EnRecul => &mut self.en_recul,
            Statut::NonMesurable => &mut self.non_mesurable,
        }
    }

    pub fn count(&self, s: Statut) -> usize {
        match s {
            Statut::Atteint => self.atteint,
            Statut::EnBonneVoie => self.en_bonne_voie,
            Statut::ProcheDeLaCible => self.proche_de_la_cible,
            Statut::EnRetard => self.en_retard,
            Statut::EnRecul => self.en_recul,
            Statut::NonMesurable => self.non_mesurable,
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Indicateur {
    pub intitule: String,
    pub unite: Unite,
    #[schemars(with = "crate::model::front::Sens")]
    pub sens: &'static str,
    pub cible: Option<f64>,
    /// Numeric measures known at the reference year, by year.
    pub mesures: Vec<Mesure>,
    /// Measures written as text (« une douzaine », « plus de 400 ») known at the
    /// reference year, by year: not computable, but part of the history.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mesures_texte: Vec<MesureTexte>,
    /// How the numeric measures not written as a plain number are shown, by year: as
    /// written (« 13,70 M€ », « 70 à 80 % »), with their day (`valeur::ecrite`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mesures_ecrites: Vec<MesureTexte>,
    /// The years written « NC » (not measured) known at the reference year, with their
    /// reason (empty when none was written): never a value, listed apart.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub non_mesurees: Vec<MesureTexte>,
    /// How the school wrote the indicator's years (`scolaire`: « 2023-2024 » is 2024).
    #[serde(skip_serializing_if = "Calendrier::is_civil")]
    pub calendrier: Calendrier,
    #[serde(flatten)]
    pub evaluation: Evaluation,
}

impl Indicateur {
    /// A numeric measure as every renderer shows it: as written, else with its unit.
    pub fn valeur(&self, m: &Mesure) -> String {
        self.mesures_ecrites
            .iter()
            .find(|w| w.annee == m.annee)
            .map_or_else(|| with_unit(m.valeur, self.unite), |w| w.texte.clone())
    }

    /// The text and « NC » measures in one line (« non chiffrées : 2024 : « une
    /// douzaine » ; non mesurées : 2025 (grève) »), for every renderer; `None` when
    /// there are none.
    pub fn textes(&self) -> Option<String> {
        let y = |annee| self.calendrier.show(annee);
        let texte: Vec<String> = (self.mesures_texte.iter())
            .map(|m| format!("{}\u{a0}: «\u{a0}{}\u{a0}»", y(m.annee), m.texte))
            .collect();
        let nc: Vec<String> = (self.non_mesurees.iter())
            .map(|m| match m.texte.as_str() {
                "" => y(m.annee),
                r => format!("{} ({r})", y(m.annee)),
            })
            .collect();
        let mut parts = Vec::new();
        if !texte.is_empty() {
            parts.push(format!("non chiffrées\u{a0}: {}", texte.join("\u{a0}; ")));
        }
        if !nc.is_empty() {
            parts.push(format!(
                "non mesurées (NC)\u{a0}: {}{}",
                nc.join("\u{a0}; "),
                self.nc_last()
            ));
        }
        (!parts.is_empty()).then(|| parts.join("\u{a0}; "))
    }

    /// When the latest year is « NC »: the status reads the latest measure, said so.
    fn nc_last(&self) -> String {
        let last_nc = self.non_mesurees.iter().map(|m| m.annee).max();
        let last = self.mesures.iter().map(|m| m.annee).max();
        let last_text = self.mesures_texte.iter().map(|m| m.annee).max();
        match (last_nc, last) {
            (Some(n), Some(l)) if n > l && last_text.is_none_or(|t| n > t) => format!(
                ", le statut se lit sur la dernière mesure, {}",
                self.calendrier.show(l)
            ),
            _ => String::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Objectif {
    pub intitule: String,
    pub resume: Resume,
    pub indicateurs: Vec<Indicateur>,
}

/// An action or engagement.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Fiche {
    pub id: String,
    #[schemars(schema_with = "crate::schema::nature")]
    pub nature: &'static str,
    pub denomination: String,
    pub periode: Option<(i64, i64)>,
    /// How the school wrote the period's years.
    #[serde(skip_serializing_if = "Calendrier::is_civil")]
    pub calendrier: Calendrier,
    pub resume: Resume,
    pub objectifs: Vec<Objectif>,
}

impl Fiche {
    /// « (2021–2026) » or « (2020-2021–2025-2026) », as written; empty without period.
    pub fn periode_ecrite(&self) -> Option<String> {
        let c = self.calendrier;
        self.periode
            .map(|(d, e)| format!("{}–{}", c.show(d), c.show(e)))
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Critere {
    pub numero: u32,
    pub intitule: String,
    pub resume: Resume,
    pub fiches: Vec<Fiche>,
}

/// The whole picture at a reference year.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Progress {
    pub annee: i64,
    /// How the campaign year is written (`scolaire`: the reference year shows as « 2025-2026 »).
    #[serde(skip_serializing_if = "Calendrier::is_civil")]
    pub calendrier: Calendrier,
    pub etablissement: String,
    pub uai: String,
    pub denomination: String,
    pub edition: String,
    pub resume: Resume,
    pub criteres: Vec<Critere>,
}

impl Progress {
    /// The reference year as the school writes it.
    pub fn annee_ecrite(&self) -> String {
        self.calendrier.show(self.annee)
    }

    pub fn indicateurs(&self) -> impl Iterator<Item = &Indicateur> {
        self.criteres
            .iter()
            .flat_map(|c| c.fiches.iter())
            .flat_map(|f| f.objectifs.iter())
            .flat_map(|o| o.indicateurs.iter())
    }
}

/// The default reference year: the follow-up year if `ldm.toml` names one
/// (`[suivi] annee`), else the campaign year.
pub fn default_year(d: &Dossier) -> Option<i64> {
    d.annee_courante()
}

/// Computes every indicator of the dossier as known at `annee`, optionally for one
/// criterion only. Files that could not be read are simply absent (check reports them).
pub fn compute(d: &Dossier, edition: &Edition, annee: i64, only: Option<u32>) -> Progress {
    // An impossible year in ldm.toml is reported by check; drawing up to it would mean
    // an axis of billions of years.
    let annee = annee.clamp(*YEARS.start(), *YEARS.end());
    let mut criteres = Vec::new();
    for c in &d.criteres {
        if only.is_some_and(|n| n != c.numero) {
            continue;
        }
        let fiches: Vec<Fiche> = c
            .entities()
            .filter_map(|(kind, e)| fiche(kind, e, annee))
            .collect();
        let intitule = edition
            .critere(c.numero)
            .map_or_else(|| c.dir.clone(), |r| r.intitule.clone());
        let resume = Resume::of(
            fiches
                .iter()
                .flat_map(|f| f.objectifs.iter())
                .flat_map(|o| o.indicateurs.iter()),
        );
        criteres.push(Critere {
            numero: c.numero,
            intitule,
            resume,
            fiches,
        });
    }
    let config = d.config.as_ref();
    let text =
        |f: fn(&crate::model::Config) -> &str| config.map_or(String::new(), |c| f(c).to_string());
    let mut p = Progress {
        annee,
        calendrier: d.campaign.calendrier,
        etablissement: text(|c| c.etablissement.nom.get_ref()),
        uai: text(|c| c.etablissement.uai.get_ref()),
        denomination: text(|c| c.etablissement.denomination.get_ref()),
        edition: edition.id.clone(),
        resume: Resume::default(),
        criteres,
    };
    p.resume = Resume::of(p.indicateurs());
    p
}

fn fiche(kind: Kind, e: &crate::model::Entity, annee: i64) -> Option<Fiche> {
    let f = e.front.as_ref()?;
    // A période with an impossible year is reported by check and drawn as none.
    let periode = f
        .periode
        .as_ref()
        .map(|p| (p.debut.value, p.fin.value))
        .filter(|(d, f)| YEARS.contains(d) && YEARS.contains(f));
    let objectifs: Vec<Objectif> = f
        .objectifs
        .iter()
        .map(|o| {
            let indicateurs: Vec<Indicateur> = o
                .indicateurs
                .iter()
                .map(|i| indicateur(i, periode, annee))
                .collect();
            Objectif {
                intitule: o.intitule.value.clone(),
                resume: Resume::of(&indicateurs),
                indicateurs,
            }
        })
        .collect();
    Some(Fiche {
        id: e.id(),
        nature: kind.label(),
        denomination: f.denomination.value.clone(),
        periode,
        calendrier: f
            .periode
            .as_ref()
            .map_or_else(Calendrier::default, |p| p.calendrier),
        resume: Resume::of(objectifs.iter().flat_map(|o| o.indicateurs.iter())),
        objectifs,
    })
}

fn cible(i: &crate::model::front::Indicateur) -> Option<f64> {
    i.cible.as_ref().map(|c| c.value).filter(|&c| plausible(c))
}

fn indicateur(
    i: &crate::model::front::Indicateur,
    periode: Option<(i64, i64)>,
    annee: i64,
) -> Indicateur {
    let (mut mesures, mut textes, mut ecrites, mut nc) = (vec![], vec![], vec![], vec![]);
    let unite = i.unite();
    for (k, (y, v)) in i.mesures.0.iter().enumerate() {
        if !YEARS.contains(&y.value) {
            continue; // an impossible year is reported by check; left out here
        }
        let annee = y.value;
        let texte = |t: String| MesureTexte { annee, texte: t };
        let written = || texte(i.mesures.ecrite(k, unite));
        let number = match &v.value {
            Valeur::Nombre(x) => Some(*x),
            Valeur::Chiffree(c) => c.en(unite).map(|b| juge(b, i.sens())),
            Valeur::NonMesure(r) => {
                nc.push(texte(r.clone().unwrap_or_default()));
                continue;
            }
            Valeur::Texte(_) => None,
        };
        match number {
            // Absurd values are reported by check (`valeur-demesuree`); left out here.
            Some(x) if !plausible(x) => {}
            Some(x) => {
                mesures.push(Mesure { annee, valeur: x });
                if !matches!(v.value, Valeur::Nombre(_)) || i.mesures.jour(k).is_some() {
                    ecrites.push(written());
                }
            }
            None => textes.push(written()),
        }
    }
    let evaluation = eval::evaluate(&Inputs {
        mesures: &mesures,
        textes: &textes,
        cible: cible(i),
        sens: i.sens(),
        periode,
        annee,
        calendrier: i.mesures.calendrier(),
    });
    mesures.retain(|m| m.annee <= annee);
    mesures.sort_by_key(|m| m.annee);
    for list in [&mut textes, &mut ecrites, &mut nc] {
        list.retain(|m| m.annee <= annee);
        list.sort_by_key(|m| m.annee);
    }
    Indicateur {
        intitule: i.intitule.value.clone(),
        unite: i.unite(),
        sens: match i.sens() {
            Sens::Hausse => "hausse",
            Sens::Baisse => "baisse",
        },
        cible: cible(i),
        mesures,
        mesures_texte: textes,
        mesures_ecrites: ecrites,
        non_mesurees: nc,
        calendrier: i.mesures.calendrier(),
        evaluation,
    }
}
