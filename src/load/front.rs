//! How each front matter type is read from the YAML tree: its fields, which are
//! required, and the French hints of its common mistakes.

use super::decode::{self, CHAMPS, Cx, Decode, Fields, NOMBRE, duplicate, variant};
use super::errors::type_hint;
use super::yaml::{Kind, Node};
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::model::front::{
    Calendrier, CritereFront, EntityFront, EtablissementFront, Indicateur, Mesures, Objectif,
    Periode, Personne, Personnes, Sens, Sp, Transversalite, Unite, Valeur,
};
use crate::model::{annee, valeur};
use crate::source::Source;

/// Decodes a whole front matter; `None` when any finding was made (they are returned).
pub fn decode<F: Decode>(tree: &Node, src: &Source) -> (Option<F>, Vec<Diagnostic>) {
    let mut cx = Cx {
        src,
        diags: Vec::new(),
    };
    let front = F::decode(tree, &mut cx, "");
    let front = front.filter(|_| cx.diags.is_empty());
    (front, cx.diags)
}

/// The fields of a mapping of `field` (top level when empty).
fn fields<'n>(n: &'n Node, cx: &mut Cx, field: &str, known: &[&str]) -> Option<Fields<'n>> {
    Fields::of(n, cx, field, known, type_hint(CHAMPS))
}

/// Written as one line of text, a person gets the expected shape with an example.
fn person_hint(field: &str) -> String {
    format!(
        "une personne s'écrit en trois champs, par exemple « {field}: {{nom: Bertin, prenom: Aurélie, fonction: professeure de lettres}} », ou un champ par ligne, indenté sous « {field}: »"
    )
}

impl Decode for Personne {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = ["nom", "prenom", "fonction", "depuis", "jusqu_a"];
        let f = Fields::of(n, cx, field, &known, &person_hint(field))?;
        let nom = f.req(cx, "nom");
        let prenom = f.req(cx, "prenom");
        let fonction = f.req(cx, "fonction");
        let depuis = f.opt::<Ecrite>(cx, "depuis");
        let jusqu_a = f.opt::<Ecrite>(cx, "jusqu_a");
        Some(Personne {
            nom: nom?,
            prenom: prenom?,
            fonction: fonction?,
            depuis: depuis.ok()?.map(|e| e.0),
            jusqu_a: jusqu_a.ok()?.map(|e| e.0),
        })
    }
}

impl Decode for Personnes {
    /// One person (a mapping) or a list of them, each decoded as a `Personne`.
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        match &n.kind {
            Kind::Seq(_) => Vec::<Personne>::decode(n, cx, field).map(Personnes),
            _ => Personne::decode(n, cx, field).map(|p| Personnes(vec![p])),
        }
    }
}

impl Decode for EtablissementFront {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = ["chef_etablissement", "ddfpt", "comite_pilotage", "anciens"];
        let f = fields(n, cx, field, &known)?;
        let chef_etablissement = f.opt(cx, "chef_etablissement");
        let ddfpt = f.opt(cx, "ddfpt");
        let comite_pilotage = f.list(cx, "comite_pilotage");
        let anciens = f.list(cx, "anciens");
        Some(EtablissementFront {
            chef_etablissement: chef_etablissement.ok()?,
            ddfpt: ddfpt.ok()?,
            comite_pilotage: comite_pilotage?,
            anciens: anciens?,
        })
    }
}

impl Decode for Transversalite {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = [
            "auto_evaluation",
            "projet_etablissement",
            "contrat_objectifs",
            "campus_metiers",
        ];
        let f = fields(n, cx, field, &known)?;
        let [a, p, c, m] = known.map(|k| f.opt::<Sp<String>>(cx, k));
        Some(Transversalite {
            auto_evaluation: a.ok()?,
            projet_etablissement: p.ok()?,
            contrat_objectifs: c.ok()?,
            campus_metiers: m.ok()?,
        })
    }
}

impl Decode for CritereFront {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = ["coordonnateur", "membres", "transversalite", "anciens"];
        let f = fields(n, cx, field, &known)?;
        let coordonnateur = f.opt(cx, "coordonnateur");
        let membres = f.list(cx, "membres");
        let transversalite = f.opt(cx, "transversalite");
        let anciens = f.list(cx, "anciens");
        Some(CritereFront {
            coordonnateur: coordonnateur.ok()?,
            membres: membres?,
            transversalite: transversalite.ok()?.unwrap_or_default(),
            anciens: anciens?,
        })
    }
}

impl Decode for Periode {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let f = fields(n, cx, field, &["debut", "fin"])?;
        let debut: Option<Ecrite> = f.req(cx, "debut");
        let fin: Option<Ecrite> = f.req(cx, "fin");
        let (debut, fin) = (debut?, fin?);
        Some(Periode {
            debut: debut.0,
            fin: fin.0,
            calendrier: fin.1,
        })
    }
}

/// A year as written: `2024`, or a school year `2023-2024` (`model::annee`).
struct Ecrite(Sp<i64>, Calendrier);

impl Decode for Ecrite {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        year_as(n, cx, field, PERIODE_HINT)
    }
}

const PERIODE_HINT: &str = "écrivez l'année sur quatre chiffres, « debut: 2023 », ou l'année scolaire, « debut: 2022-2023 » (elle compte pour l'année où elle se termine)";

/// A year or a school year at `n`; `type-invalide` with `hint` otherwise.
fn year_as(n: &Node, cx: &mut Cx, field: &str, hint: &str) -> Option<Ecrite> {
    let y = n.scalar().filter(|_| !n.is_null()).and_then(annee::parse);
    if y.is_none() {
        cx.wrong_with(n, field, annee::FORME, hint);
    }
    y.map(|(value, c)| Ecrite(Sp { value, pos: n.pos }, c))
}

impl Decode for Unite {
    /// A named unit or any short one (`Unite::parse`).
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let text = n.scalar().filter(|_| !n.is_null()).unwrap_or("");
        // « pourcentages », « euro » typed for a named unit: refused with the name.
        let named = [
            ("nombre", Unite::Nombre),
            ("pourcentage", Unite::Pourcentage),
            ("euros", Unite::Euros),
        ];
        let folded = crate::text::fold(text.trim());
        let near =
            |(name, _): &(&str, Unite)| *name != folded && strsim::levenshtein(name, &folded) <= 1;
        if named.iter().any(near) && folded != "euro" {
            return variant(n, cx, field, &named);
        }
        let unit = Unite::parse(text);
        if unit.is_none() {
            cx.wrong_with(n, field, crate::numfmt::UNITE_FORME, UNITE_HINT);
        }
        unit
    }
}

const UNITE_HINT: &str = "écrivez « unite: pourcentage », « unite: euros », « unite: nombre », ou l'unité elle-même, « unite: M€ », « unite: m² », « unite: heures »";

impl Decode for Sens {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        variant(
            n,
            cx,
            field,
            &[("hausse", Sens::Hausse), ("baisse", Sens::Baisse)],
        )
    }
}

impl Decode for Valeur {
    /// A plain number; « NC » with its reason; a number or a range written with its
    /// unit; else a text (a qualitative measure). A number with a decimal comma and no
    /// unit, or a range without its upper bound, is a mistake, as it is for `cible`.
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let text = n.scalar().filter(|_| !n.is_null());
        let Some(text) = text else {
            cx.wrong(n, field, NOMBRE);
            return None;
        };
        let plain = matches!(n.kind, Kind::Scalar { plain: true, .. });
        if let Some(v) = decode::number(text).filter(|_| plain) {
            return Some(Valeur::Nombre(v));
        }
        if let Some(reason) = valeur::non_mesure(text) {
            return Some(Valeur::NonMesure(reason));
        }
        // Before reading a unit: « 70 à » would read as 70 in a unit « à ».
        if valeur::inacheve(text) {
            cx.wrong_with(n, field, NOMBRE, INACHEVE_HINT);
            return None;
        }
        if let Some(c) = valeur::chiffree(text) {
            return Some(Valeur::Chiffree(c));
        }
        if decode::misspelt_number(text) {
            cx.wrong_with(n, field, NOMBRE, decode::number_hint(text));
            None
        } else {
            Some(Valeur::Texte(text.to_string()))
        }
    }
}

const INACHEVE_HINT: &str =
    "un intervalle s'écrit avec ses deux bornes, « 70 à 80 % » : la borne haute manque";

impl Decode for Mesures {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let Kind::Map(entries) = &n.kind else {
            cx.wrong_with(n, field, CHAMPS, MESURES_HINT);
            return None;
        };
        let mut pairs: Vec<(Sp<i64>, Sp<Valeur>)> = Vec::new();
        let mut calendriers = Vec::new();
        let mut jours = Vec::new();
        let mut ok = true;
        let mut i = 0;
        while i < entries.len() {
            let (k, v) = &entries[i];
            if let Some(next) = entries
                .get(i + 1)
                .filter(|(k2, v2)| decimal_comma(v, k2, v2))
            {
                cx.push(cut_decimal(cx.src, k, v, &next.0));
                (ok, i) = (false, i + 2);
                continue;
            }
            let (year, jour) = year(k, cx).unzip();
            let value = Sp::<Valeur>::decode(v, cx, k.scalar().unwrap_or(field));
            match (year, value) {
                (Some(Ecrite(y, c)), _) if pairs.iter().any(|(p, _)| p.value == y.value) => {
                    let written = k
                        .scalar()
                        .map_or_else(|| c.show(y.value), |t| t.trim().to_string());
                    let message = format!("l'année {written} est écrite deux fois");
                    cx.push(duplicate(cx.src, k, &message));
                    ok = false;
                }
                (Some(Ecrite(y, c)), Some(v)) => {
                    pairs.push((y, v));
                    calendriers.push(c);
                    jours.push(jour.flatten());
                }
                _ => ok = false,
            }
            i += 1;
        }
        days_in_calendar(&mut pairs, &mut calendriers, &jours);
        ok.then_some(Mesures(pairs, calendriers, jours))
    }
}

const MESURES_HINT: &str = "écrivez une mesure par année, « année: valeur », par exemple « mesures: {2023: 12, 2026: 25} », ou par année scolaire, « mesures: {2022-2023: 12, 2025-2026: 25} »";

/// A measure's year: `2024`, a school year `2023-2024`, or a day `2005-04-06` (the
/// year of that day, the day kept).
fn year(k: &Node, cx: &mut Cx) -> Option<(Ecrite, Option<String>)> {
    let day = k.scalar().filter(|_| !k.is_null()).and_then(|t| {
        let (y, m, d) = annee::jour(t)?;
        Some((y, format!("{y:04}-{m:02}-{d:02}"), m))
    });
    match day {
        Some((value, iso, _)) => {
            let y = Sp { value, pos: k.pos };
            Some((Ecrite(y, Calendrier::Civil), Some(iso)))
        }
        None => year_as(k, cx, "mesures", MESURES_HINT).map(|e| (e, None)),
    }
}

/// A day-dated measure is written in its indicator's calendar: in school years (taken
/// from the first year written without a day), a day from September on belongs to the
/// school year that starts then, which counts as the next calendar year.
fn days_in_calendar(
    pairs: &mut [(Sp<i64>, Sp<Valeur>)],
    cals: &mut [Calendrier],
    jours: &[Option<String>],
) {
    let own = (cals.iter().zip(jours))
        .find(|(_, j)| j.is_none())
        .map_or(Calendrier::Civil, |(c, _)| *c);
    for ((pair, cal), jour) in pairs.iter_mut().zip(cals.iter_mut()).zip(jours) {
        let Some(month) = jour
            .as_deref()
            .and_then(|j| j.get(5..7)?.parse::<u8>().ok())
        else {
            continue;
        };
        *cal = own;
        if own == Calendrier::Scolaire && month >= 9 {
            pair.0.value = pair.0.value.saturating_add(1);
        }
    }
}

/// `{2024: 84,6}`: in a flow mapping the comma ends the value, leaving `84` and a key
/// `6` without value, written right after it.
fn decimal_comma(v: &Node, k2: &Node, v2: &Node) -> bool {
    let digits = |n: &Node| {
        matches!(&n.kind, Kind::Scalar { text, plain: true }
            if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()))
    };
    digits(v)
        && digits(k2)
        && v2.is_null()
        && k2.pos.line == v.pos.line
        && k2.pos.column == v.pos.column + v.pos.len + 1
}

/// `type-invalide` over the whole `84,6`.
fn cut_decimal(src: &Source, key: &Node, v: &Node, k2: &Node) -> Diagnostic {
    let written = format!("{},{}", v.scalar().unwrap_or(""), k2.scalar().unwrap_or(""));
    let len = written.chars().count() as u32;
    let year = key.scalar().unwrap_or("");
    Diagnostic::new(
        Rule::TypeInvalide,
        format!("« {written} » ne convient pas pour « {year} » : {NOMBRE}"),
    )
    .at(&src.path, Pos::new(v.pos.line, v.pos.column, len))
    .help(format!(
        "écrivez la décimale avec un point, « {} » : entre accolades, la virgule sépare deux mesures",
        written.replace(',', ".")
    ))
}

impl Decode for Indicateur {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = ["intitule", "unite", "sens", "cible", "mesures"];
        let f = fields(n, cx, field, &known)?;
        let intitule = f.req(cx, "intitule");
        let unite = f.opt(cx, "unite");
        let sens = f.opt(cx, "sens");
        let cible = f.opt(cx, "cible");
        let mesures = f.opt(cx, "mesures");
        Some(Indicateur {
            intitule: intitule?,
            unite: unite.ok()?,
            sens: sens.ok()?,
            cible: cible.ok()?,
            mesures: mesures.ok()?.unwrap_or_default(),
        })
    }
}

impl Decode for Objectif {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = ["intitule", "plus_value", "indicateurs"];
        let f = fields(n, cx, field, &known)?;
        let intitule = f.req(cx, "intitule");
        let plus_value = f.opt(cx, "plus_value");
        let indicateurs = f.list(cx, "indicateurs");
        Some(Objectif {
            intitule: intitule?,
            plus_value: plus_value.ok()?,
            indicateurs: indicateurs?,
        })
    }
}

impl Decode for EntityFront {
    fn decode(n: &Node, cx: &mut Cx, field: &str) -> Option<Self> {
        let known = [
            "denomination",
            "periode",
            "perenne",
            "animateur",
            "suite_de",
            "exigences",
            "criteres_associes",
            "objectifs",
            "preuves",
        ];
        let f = fields(n, cx, field, &known)?;
        let denomination = f.req(cx, "denomination");
        let periode = f.opt(cx, "periode");
        let perenne = f.opt(cx, "perenne");
        let animateur = f.opt(cx, "animateur");
        let suite_de = f.opt(cx, "suite_de");
        let exigences = f.list(cx, "exigences");
        let criteres_associes = f.list(cx, "criteres_associes");
        let objectifs = f.list(cx, "objectifs");
        let preuves = f.list(cx, "preuves");
        Some(EntityFront {
            denomination: denomination?,
            periode: periode.ok()?,
            perenne: perenne.ok()?,
            animateur: animateur.ok()?,
            suite_de: suite_de.ok()?,
            exigences: exigences?,
            criteres_associes: criteres_associes?,
            objectifs: objectifs?,
            preuves: preuves?,
        })
    }
}

/// Reads the YAML text of a front matter (`offset`: file lines before it). A syntax
/// error stops this file with one finding; otherwise every field is checked.
pub fn read<F: Decode>(yaml: &str, src: &Source, offset: u32) -> (Option<F>, Vec<Diagnostic>) {
    match super::yaml::read(yaml, src, offset) {
        Ok(mut tree) => {
            let found = super::control::in_tree(&mut tree, src);
            let (front, mut diags) = decode(&tree, src);
            diags.splice(0..0, found);
            (front, diags)
        }
        Err(d) => (None, vec![d]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_entity(yaml: &str) -> (Option<EntityFront>, Vec<Diagnostic>) {
        let src = Source::new("a.md", &format!("---\n{yaml}---\n"));
        read(yaml, &src, 1)
    }

    #[test]
    fn a_repeated_year_is_named_and_every_other_mistake_still_reported() {
        let (front, d) = read_entity(
            "denomination: x\nperenne: peut-etre\nobjectifs:\n  - intitule: o\n    indicateurs:\n      - intitule: i\n        mesures: {2017: 145, 2017: 152}\n",
        );
        assert!(front.is_none());
        let got: Vec<(Rule, u32, &str)> = d
            .iter()
            .map(|d| (d.rule, d.pos.unwrap().line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Rule::TypeInvalide,
                    3,
                    crate::typo::french(
                        "« peut-etre » ne convient pas pour « perenne » : true (oui) ou false (non) est attendu"
                    )
                    .as_str()
                ),
                (Rule::CleEnDouble, 8, "l'année 2017 est écrite deux fois"),
            ]
        );
    }

    #[test]
    fn a_header_that_is_not_a_mapping_says_what_is_expected() {
        let (front, d) = read_entity("juste du texte\n");
        assert!(front.is_none());
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            crate::typo::french(
                "« juste du texte » ne convient pas pour cet emplacement : un ensemble de champs (clé: valeur) est attendu"
            )
        );
    }

    #[test]
    fn an_empty_header_is_a_front_matter_without_fields() {
        let src = Source::new("e.md", "---\n---\n");
        let (front, d) = read::<EtablissementFront>("", &src, 1);
        assert!(d.is_empty(), "{d:?}");
        assert!(front.is_some_and(|f| f.comite_pilotage.is_empty()));
    }
}
