//! The statuses of docs/format.md (« Les statuts des indicateurs ») implemented again here,
//! from that page alone and without `ldm::progress`, and compared with
//! `ldm progress --format json` on 10,000 generated indicators a run: starts, targets,
//! directions, measures in and out of the period, text measures, school and calendar years,
//! `--annee` and `[suivi]`, with values built to fall on the thresholds.

use crate::common::*;

use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Values are generated in thousandths, written as decimals (`12.345`): the spec reads
/// them as written, so this reading needs no floating point at all.
type Milli = i64;

#[derive(Debug, Clone)]
enum Val {
    Num(Milli),
    Text,
}

#[derive(Debug, Clone)]
struct Ind {
    hausse: bool,
    cible: Option<Milli>,
    mesures: Vec<(i64, Val)>,
}

/// One generated fiche: its period (as written: a school year or not) and indicators.
#[derive(Debug, Clone)]
struct Fiche {
    periode: Option<(i64, i64)>,
    scolaire: bool,
    inds: Vec<Ind>,
}

/// What the spec says of one indicator.
#[derive(Debug, Clone, PartialEq)]
struct Want {
    statut: &'static str,
    cause: Option<&'static str>,
    p: Option<i64>,
    a: Option<i64>,
}

/// ⌊100 × num / den⌋ for den ≠ 0.
fn floor_pct(num: i128, den: i128) -> i128 {
    let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
    (num * 100).div_euclid(den)
}

/// The spec's A: the share of the period elapsed in R, in whole percent rounded down.
fn attendu(periode: Option<(i64, i64)>, r: i64) -> Option<i64> {
    let (debut, fin) = periode?;
    if fin <= debut {
        return Some(if r >= fin { 100 } else { 0 });
    }
    Some(floor_pct(i128::from(r - debut), i128::from(fin - debut)).clamp(0, 100) as i64)
}

fn not(cause: &'static str, a: Option<i64>) -> Want {
    Want {
        statut: "non-mesurable",
        cause: Some(cause),
        p: None,
        a,
    }
}

/// docs/format.md, « Les statuts des indicateurs », in the page's order.
fn judge(ind: &Ind, periode: Option<(i64, i64)>, r: i64) -> Want {
    let a = attendu(periode, r);
    let mut nums: Vec<(i64, Milli)> = Vec::new();
    let mut latest_text = None;
    for (y, v) in ind.mesures.iter().filter(|(y, _)| *y <= r) {
        match v {
            Val::Num(x) => nums.push((*y, *x)),
            Val::Text => latest_text = latest_text.max(Some(*y)),
        }
    }
    nums.sort();
    if latest_text.is_some_and(|t| nums.last().is_none_or(|&(y, _)| t > y)) {
        return not("derniere-non-chiffree", a);
    }
    let (Some(&(_, d)), Some(&(_, l))) = (nums.first(), nums.last()) else {
        let cause = if ind.mesures.is_empty() {
            "aucune-mesure"
        } else {
            "aucune-mesure-avant"
        };
        return not(cause, a);
    };
    let Some(c) = ind.cible else {
        return not("pas-de-cible", a);
    };
    if nums.len() == 1 {
        return not("une-seule-mesure", a);
    }
    let better_or_equal = |x: Milli, y: Milli| if ind.hausse { x >= y } else { x <= y };
    let judged = |statut, p| Want {
        statut,
        cause: None,
        p,
        a,
    };
    if better_or_equal(d, c) {
        let statut = if better_or_equal(l, d) {
            "atteint"
        } else {
            "en-recul"
        };
        return judged(statut, None);
    }
    let p = floor_pct(i128::from(l - d), i128::from(c - d)) as i64;
    match a {
        _ if p >= 100 => judged("atteint", Some(p)),
        _ if p < 0 => judged("en-recul", Some(p)),
        None => not("periode-absente", None),
        Some(a) if p >= a => judged("en-bonne-voie", Some(p)),
        Some(_) if p >= 90 => judged("proche-de-la-cible", Some(p)),
        Some(_) => judged("en-retard", Some(p)),
    }
}

fn milli(x: Milli) -> String {
    let sign = if x < 0 { "-" } else { "" };
    format!("{sign}{}.{:03}", x.abs() / 1000, x.abs() % 1000)
}

fn year(y: i64, scolaire: bool) -> String {
    if scolaire {
        format!("{}-{y}", y - 1)
    } else {
        y.to_string()
    }
}

/// A fiche as an action file; indicators are named `i<fiche>-<n>`.
fn action(n: usize, f: &Fiche) -> String {
    let mut s = format!("---\ndenomination: \"Fiche {n}\"\n");
    if let Some((d, e)) = f.periode {
        let _ = writeln!(
            s,
            "periode: {{debut: {}, fin: {}}}",
            year(d, f.scolaire),
            year(e, f.scolaire)
        );
    }
    s.push_str("objectifs:\n  - intitule: \"Objectif\"\n    indicateurs:\n");
    for (k, i) in f.inds.iter().enumerate() {
        let _ = writeln!(s, "      - intitule: \"i{n}-{k}\"");
        let _ = writeln!(
            s,
            "        sens: {}",
            if i.hausse { "hausse" } else { "baisse" }
        );
        if let Some(c) = i.cible {
            let _ = writeln!(s, "        cible: {}", milli(c));
        }
        let ms: Vec<String> = (i.mesures.iter())
            .map(|(y, v)| {
                let v = match v {
                    Val::Num(x) => milli(*x),
                    Val::Text => "\"une vingtaine\"".to_string(),
                };
                format!("{}: {v}", year(*y, f.scolaire))
            })
            .collect();
        let _ = writeln!(s, "        mesures: {{{}}}", ms.join(", "));
    }
    s.push_str("---\n\n# Description\n\nFiche générée.\n");
    s
}

/// A latest value that lands on a threshold (or a thousandth off it) of the way from
/// `d` to `d + gap`, or anywhere.
fn latest(d: Milli, gap: Milli) -> impl Strategy<Value = Milli> {
    let k = prop_oneof![
        Just(-1i64),
        Just(0),
        Just(20),
        Just(40),
        Just(50),
        Just(59),
        Just(60),
        Just(66),
        Just(75),
        Just(80),
        Just(89),
        Just(90),
        Just(99),
        Just(100),
        Just(101),
        -150i64..250
    ];
    (k, -1i64..=1, 0..4).prop_map(move |(k, jitter, free)| {
        // A gap in tenths of a hundred keeps d + gap × k / 100 a whole number of thousandths.
        let l = d + gap * k / 100;
        if free == 0 { l } else { l + jitter }
    })
}

fn indicator() -> impl Strategy<Value = Ind> {
    let d = prop_oneof![0i64..200_000, Just(12_600), Just(400), Just(100_000)];
    let gap = prop_oneof![
        (-2_000i64..2_000).prop_map(|g| g * 100),
        Just(-4_600),
        Just(500)
    ];
    let years = prop_oneof![
        1 => proptest::collection::btree_set(2014i64..2033, 0..2),
        6 => proptest::collection::btree_set(2016i64..2032, 2..6),
    ];
    (any::<bool>(), d, gap, years, 0usize..16, 0..12)
        .prop_flat_map(|(hausse, d, gap, years, text_at, no_target)| {
            let n = years.len();
            let others = proptest::collection::vec(latest(d, gap), n);
            (
                Just((hausse, d, gap, years, text_at, no_target)),
                latest(d, gap),
                others,
            )
        })
        .prop_map(|((hausse, d, gap, years, text_at, no_target), l, others)| {
            let years: Vec<i64> = years.into_iter().collect();
            let mut mesures: Vec<(i64, Val)> = Vec::new();
            for (k, y) in years.iter().enumerate() {
                let v = match k {
                    _ if k == text_at => Val::Text,
                    0 => Val::Num(d),
                    k if k + 1 == years.len() => Val::Num(l),
                    k => Val::Num(others[k]),
                };
                mesures.push((*y, v));
            }
            Ind {
                hausse,
                cible: (no_target > 0).then_some(d + gap),
                mesures,
            }
        })
}

fn fiche() -> impl Strategy<Value = Fiche> {
    let periode = prop_oneof![
        Just(Some((2021, 2026))),
        Just(Some((2022, 2026))),
        Just(Some((2023, 2028))),
        Just(Some((2018, 2021))),
        Just(Some((2026, 2026))),
        Just(Some((2027, 2031))),
        (2014i64..2032, 2014i64..2032).prop_map(Some),
        Just(None)
    ];
    (
        periode,
        any::<bool>(),
        proptest::collection::vec(indicator(), 250),
    )
        .prop_map(|(periode, scolaire, inds)| Fiche {
            periode,
            scolaire,
            inds,
        })
}

/// The `progression` fixture (campaign 2026) without its actions and engagements: a
/// dossier whose only indicators are those a test writes.
pub(crate) fn without_fiches() -> TempDossier {
    let d = TempDossier::fixture("progression");
    for f in [
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        "criteres/1-offre-de-formation/engagements/mention-complementaire-aeronautique.md",
        "criteres/2-partenariats/actions/job-dating.md",
        "criteres/2-partenariats/engagements/bureau-des-entreprises.md",
    ] {
        d.remove(f);
    }
    d
}

/// A dossier of `fiches` (campaign 2026, `[suivi]` if given), the fixture's criteria.
fn dossier(fiches: &[Fiche], suivi: Option<i64>) -> TempDossier {
    let d = without_fiches();
    if let Some(y) = suivi {
        let toml = d.read("ldm.toml") + &format!("\n[suivi]\nannee = {y}\n");
        d.write("ldm.toml", &toml);
    }
    for (n, f) in fiches.iter().enumerate() {
        d.write(
            format!("criteres/1-offre-de-formation/actions/g{n}.md"),
            &action(n, f),
        );
    }
    d
}

/// Every indicator of a JSON report by title, and the report's summary counts.
fn reported(v: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for c in v["criteres"].as_array().unwrap() {
        for f in c["fiches"].as_array().unwrap() {
            for i in f["objectifs"][0]["indicateurs"].as_array().unwrap() {
                out.insert(i["intitule"].as_str().unwrap().to_string(), i.clone());
            }
        }
    }
    out
}

fn got(i: &Value) -> Want {
    let status = i["statut"].as_str().unwrap();
    let statut = [
        "atteint",
        "en-bonne-voie",
        "proche-de-la-cible",
        "en-retard",
        "en-recul",
        "non-mesurable",
    ]
    .into_iter()
    .find(|s| *s == status)
    .unwrap_or("inconnu");
    let cause = [
        "derniere-non-chiffree",
        "aucune-mesure",
        "aucune-mesure-avant",
        "pas-de-cible",
        "une-seule-mesure",
        "periode-absente",
    ]
    .into_iter()
    .find(|c| i["cause"] == *c);
    Want {
        statut,
        cause,
        p: i["progression_pourcent"].as_i64(),
        a: i["attendu_pourcent"].as_i64(),
    }
}

/// Runs `ldm progress` on the dossier at `r` (`None`: its default year) and compares every
/// indicator and the summary with the spec; returns how many indicators were judged.
fn compare(d: &TempDossier, fiches: &[Fiche], annee: Option<&str>, r: i64) -> usize {
    let mut args = vec!["progress", ".", "--format", "json"];
    args.extend(annee.iter().flat_map(|a| ["--annee", a]));
    let v = run(d.path(), &args).success().json();
    assert_eq!(v["annee"], r, "reference year");
    let all = reported(&v);
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for (n, f) in fiches.iter().enumerate() {
        for (k, ind) in f.inds.iter().enumerate() {
            let want = judge(ind, f.periode, r);
            let i = &all[&format!("i{n}-{k}")];
            assert_eq!(
                got(i),
                want,
                "R = {r}, period {:?}, {ind:?}:\n{i:#}",
                f.periode
            );
            *counts.entry(want.statut).or_default() += 1;
        }
    }
    for (statut, n) in counts {
        assert_eq!(
            v["resume"][statut.replace('-', "_")],
            n,
            "summary of {statut}"
        );
    }
    all.len()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, max_shrink_iters: 8, failure_persistence: None, ..ProptestConfig::default() })]

    /// 4 dossiers of 10 fiches of 250 indicators: 10,000 indicators, each judged at the
    /// dossier's default year and at two `--annee`, one written as a school year.
    #[test]
    fn ldm_progress_follows_its_specification(
        fiches in proptest::collection::vec(fiche(), 10),
        suivi in prop_oneof![Just(None), (2026i64..=2031).prop_map(Some)],
        r1 in 2016i64..=2031,
        r2 in 2016i64..=2031,
    ) {
        let d = dossier(&fiches, suivi);
        let mut judged = compare(&d, &fiches, None, suivi.unwrap_or(2026));
        judged += compare(&d, &fiches, Some(&r1.to_string()), r1);
        judged += compare(&d, &fiches, Some(&format!("{}-{r2}", r2 - 1)), r2);
        prop_assert_eq!(judged, 3 * 2_500);
    }
}
