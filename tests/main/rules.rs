//! Integration tests of `ldm check`: every rule fires, at the exact file and line.
//!
//! Each fixture under `tests/fixtures/` is a small dossier (most with their own
//! `referentiel.yaml`) holding exactly the problems it is meant to show. The tables
//! below list, per fixture, every expected finding as `(rule, file, line)`:
//! adding a case is one line.
//!
//! Known ldm bugs are written down next to the assertion they would break; that
//! assertion is left out (line `ANY`, or a comment) so that the suite stays green.

use crate::common::*;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Line of a finding about a whole file (no position in the JSON report).
const FILE: u32 = 0;
/// Line not asserted, because ldm reports a wrong one (see the bug note at the use).
const ANY: u32 = u32::MAX;

/// One finding of the JSON report.
#[derive(Debug, Clone, PartialEq)]
struct Finding {
    rule: String,
    severity: String,
    message: String,
    file: String,
    line: u32,
    column: u32,
    help: String,
}

type Expected<'a> = &'a [(&'a str, &'a str, u32)];

/// Runs `ldm check <dir> --format json`: exit code and parsed report.
fn check_json(dir: &Path) -> (i32, Value) {
    let out = Ldm::new()
        .arg("check")
        .arg(dir)
        .args(["--format", "json"])
        .run();
    (out.code, out.json())
}

fn parse_findings(json: &Value) -> Vec<Finding> {
    let text = |d: &Value, k: &str| d[k].as_str().unwrap_or_default().to_string();
    let num = |d: &Value, k: &str| d[k].as_u64().map_or(FILE, |n| n as u32);
    json["dossiers"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics is a list")
        .iter()
        .map(|d| Finding {
            rule: text(d, "rule"),
            severity: text(d, "severity"),
            message: text(d, "message"),
            file: text(d, "file"),
            line: num(d, "line"),
            column: num(d, "column"),
            help: text(d, "help"),
        })
        .collect()
}

/// Exit code and findings of `ldm check <dir>`.
fn findings(dir: &Path) -> (i32, Vec<Finding>) {
    let (code, json) = check_json(dir);
    (code, parse_findings(&json))
}

fn show(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("  ({:?}, {:?}, {}) {}", f.rule, f.file, f.line, f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn matches(f: &Finding, rule: &str, file: &str, line: u32) -> bool {
    f.rule == rule && f.file == file && (line == ANY || f.line == line)
}

/// The finding `rule` in `file` at `line` (`FILE`: no line; `ANY`: any line).
fn assert_has<'a>(findings: &'a [Finding], rule: &str, file: &str, line: u32) -> &'a Finding {
    findings
        .iter()
        .find(|f| matches(f, rule, file, line))
        .unwrap_or_else(|| {
            panic!(
                "expected {rule} in {file} at line {line}, got:\n{}",
                show(findings)
            )
        })
}

fn assert_lacks(findings: &[Finding], rule: &str, file: &str, line: u32) {
    assert!(
        !findings.iter().any(|f| matches(f, rule, file, line)),
        "unexpected {rule} in {file} at line {line}:\n{}",
        show(findings)
    );
}

/// Exactly the expected findings, no more, no fewer (as a multiset).
fn assert_exactly(findings: &[Finding], expected: Expected) {
    let mut left: Vec<&Finding> = findings.iter().collect();
    let mut missing = Vec::new();
    // Exact lines first, so that an `ANY` does not take a finding an exact line needs.
    let mut order: Vec<_> = expected.iter().collect();
    order.sort_by_key(|(_, _, line)| *line == ANY);
    for (rule, file, line) in order {
        match left.iter().position(|f| matches(f, rule, file, *line)) {
            Some(i) => {
                left.remove(i);
            }
            None => missing.push(format!("  ({rule:?}, {file:?}, {line})")),
        }
    }
    let extra: Vec<Finding> = left.into_iter().cloned().collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing findings:\n{}\nunexpected findings:\n{}\nall findings:\n{}",
        missing.join("\n"),
        show(&extra),
        show(findings)
    );
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Rewrites every UTF-8 text file of `dir` with `f`; other files are left alone.
fn rewrite_text_files(dir: &Path, f: impl Fn(&str) -> String) {
    for path in files_under(dir) {
        if let Ok(text) = String::from_utf8(fs::read(&path).unwrap()) {
            fs::write(&path, f(&text)).unwrap();
        }
    }
}

/// Human report of `ldm check .` run inside `dir`: exit code and stdout.
fn human_in(dir: &Path) -> (i32, String) {
    let out = run(dir, &["check", "."]);
    (out.code, out.stdout)
}

/// JSON report of `ldm check . --format json` run inside `dir`.
fn json_in(dir: &Path) -> (i32, Value) {
    let out = run(dir, &["check", ".", "--format", "json"]);
    (out.code, out.json())
}

// ------------------------------------------------------------------ fixture tables

const STRUCTURE: Expected = &[
    // criterion 3 of referentiel.yaml has no folder: reported on `edition = …`
    ("critere-manquant", "ldm.toml", 19),
    ("fichier-manquant", "etablissement.md", FILE),
    (
        "fichier-manquant",
        "criteres/9-vie-lyceenne/critere.md",
        FILE,
    ),
    ("critere-inconnu", "criteres/9-vie-lyceenne", FILE),
    ("critere-inconnu", "criteres/annexes", FILE),
    // 2-entreprises sorts before 2-partenariats: the second one is the duplicate
    ("critere-en-double", "criteres/2-partenariats", FILE),
    // ESC[8m hides what follows on a terminal: replaced, at its column.
    (
        "caractere-de-controle",
        "criteres/2-partenariats/actions/job-dating.md",
        55,
    ),
    // criterion 2 of referentiel.yaml is « partenariats »
    ("critere-nom-different", "criteres/2-entreprises", FILE),
    ("fichier-ignore", "criteres/LISEZMOI.txt", FILE),
    (
        "fichier-ignore",
        "criteres/1-offre-de-formation/notes.txt",
        FILE,
    ),
    (
        "fichier-ignore",
        "criteres/1-offre-de-formation/actions/photo-atelier.jpg",
        FILE,
    ),
    (
        "fichier-illisible",
        "criteres/1-offre-de-formation/actions/ete-des-metiers.md",
        FILE,
    ),
    (
        "syntaxe-invalide",
        "criteres/1-offre-de-formation/actions/atelier-decouverte.md",
        2,
    ),
    (
        "champ-inconnu",
        "criteres/1-offre-de-formation/actions/visites-entreprises.md",
        13,
    ),
    (
        "type-invalide",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        12,
    ),
    (
        "cle-en-double",
        "criteres/1-offre-de-formation/actions/portes-ouvertes.md",
        16,
    ),
    // A missing field is reported at the first line of its mapping (the header's).
    (
        "champ-manquant",
        "criteres/1-offre-de-formation/actions/forum-orientation.md",
        2,
    ),
    (
        "champ-manquant",
        "criteres/1-offre-de-formation/actions/cordees-de-la-reussite.md",
        2,
    ),
    // The animateur without `prenom` (`animateur:` line 4, its fields 5-6): the
    // mapping's first key, and the message names « animateur ».
    (
        "champ-manquant",
        "criteres/1-offre-de-formation/engagements/tutorat.md",
        5,
    ),
    (
        "front-matter-absent",
        "criteres/1-offre-de-formation/actions/sans-en-tete.md",
        1,
    ),
    (
        "front-matter-absent",
        "criteres/1-offre-de-formation/actions/en-tete-non-ferme.md",
        1,
    ),
    // « # Conclusion » absent: reported on the first section of the body
    (
        "section-manquante",
        "criteres/1-offre-de-formation/actions/chef-d-oeuvre.md",
        17,
    ),
    // « ## Lieux » absent: reported on « # Mise en œuvre »
    (
        "section-manquante",
        "criteres/1-offre-de-formation/actions/chef-d-oeuvre.md",
        22,
    ),
    (
        "section-vide",
        "criteres/1-offre-de-formation/actions/chef-d-oeuvre.md",
        36,
    ),
    (
        "section-inconnue",
        "criteres/1-offre-de-formation/actions/chef-d-oeuvre.md",
        42,
    ),
    (
        "consigne-du-guide",
        "criteres/1-offre-de-formation/actions/stage-d-observation.md",
        19,
    ),
    (
        "texte-a-completer",
        "criteres/1-offre-de-formation/actions/stage-d-observation.md",
        42,
    ),
    (
        "champ-hors-contexte",
        "criteres/1-offre-de-formation/actions/parrainage.md",
        5,
    ),
    (
        "champ-hors-contexte",
        "criteres/1-offre-de-formation/engagements/atelier-drones.md",
        4,
    ),
    (
        "champ-hors-contexte",
        "criteres/1-offre-de-formation/engagements/atelier-drones.md",
        9,
    ),
];

const EDITION_INCONNUE: Expected = &[
    ("edition-inconnue", "ldm.toml", 19),
    // templates/ is a link to the repository's own templates, outside the dossier
    ("lien-hors-dossier", "templates", FILE),
    // ldm falls back to national-2026, whose 8 criteria have no folder here
    ("critere-manquant", "ldm.toml", 19),
    ("critere-manquant", "ldm.toml", 19),
    ("critere-manquant", "ldm.toml", 19),
    ("critere-manquant", "ldm.toml", 19),
    ("critere-manquant", "ldm.toml", 19),
    ("critere-manquant", "ldm.toml", 19),
    ("critere-manquant", "ldm.toml", 19),
    ("critere-manquant", "ldm.toml", 19),
];

const EQUIPE: Expected = &[
    ("personne-incomplete", "etablissement.md", 6),
    (
        "coordonnateur-manquant",
        "criteres/1-offre-de-formation/critere.md",
        2,
    ),
    (
        "animateur-manquant",
        "criteres/1-offre-de-formation/engagements/mention-complementaire-aeronautique.md",
        2,
    ),
    (
        "equipe-sans-membre",
        "criteres/2-partenariats/critere.md",
        2,
    ),
    (
        "fonction-incoherente",
        "criteres/2-partenariats/critere.md",
        2,
    ),
];

const ACTIONS: Expected = &[
    // The target (6) equals the baseline (6 in 2024): nothing to measure.
    (
        "cible-incoherente",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        34,
    ),
    (
        "periode-invalide",
        "criteres/1-offre-de-formation/actions/club-robotique.md",
        3,
    ),
    (
        "objectif-manquant",
        "criteres/1-offre-de-formation/actions/forum-des-metiers.md",
        2,
    ),
    // A renewal after the 2021 label: a fiche starting in 2019 belongs to the previous one.
    (
        "fiche-anterieure-au-label",
        "criteres/1-offre-de-formation/actions/forum-des-metiers.md",
        3,
    ),
    (
        "mesure-qualitative",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        14,
    ),
    (
        "mesure-qualitative",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        15,
    ),
    (
        "mesure-hors-periode",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        21,
    ),
    // « 12 k€ » for an indicator in euros: read as 12 000 €, said so.
    (
        "unite-differente",
        "criteres/2-partenariats/actions/job-dating.md",
        23,
    ),
    (
        "pourcentage-hors-bornes",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        23,
    ),
    (
        "valeur-negative",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        29,
    ),
    (
        "valeur-demesuree",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        41,
    ),
    (
        "annee-invalide",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        30,
    ),
    // « 2025-2026 » after « 2024 » in the same indicator
    (
        "annees-melangees",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        50,
    ),
    // N+3 missing on the first indicator, the end measure on the second
    (
        "mesure-de-suivi-manquante",
        "criteres/1-offre-de-formation/actions/suivi-des-sortants.md",
        9,
    ),
    (
        "mesure-de-suivi-manquante",
        "criteres/1-offre-de-formation/actions/suivi-des-sortants.md",
        14,
    ),
    (
        "objectif-sans-indicateur",
        "criteres/1-offre-de-formation/actions/tutorat-entre-pairs.md",
        7,
    ),
    (
        "indicateur-sans-cible",
        "criteres/1-offre-de-formation/actions/tutorat-entre-pairs.md",
        12,
    ),
    // on `sens: hausse` when written, else on the indicator's name
    (
        "sens-contradictoire",
        "criteres/1-offre-de-formation/actions/tutorat-entre-pairs.md",
        18,
    ),
    (
        "sens-contradictoire",
        "criteres/1-offre-de-formation/actions/tutorat-entre-pairs.md",
        21,
    ),
    (
        "mesure-non-chiffree",
        "criteres/2-partenariats/engagements/bureau-des-entreprises.md",
        13,
    ),
    (
        "mesure-future",
        "criteres/2-partenariats/engagements/bureau-des-entreprises.md",
        18,
    ),
    (
        "indicateur-sans-mesure",
        "criteres/2-partenariats/engagements/bureau-des-entreprises.md",
        19,
    ),
    // measured in 2025 only: nothing to print under « Mesure à 2026 »
    (
        "mesure-a-n-manquante",
        "criteres/2-partenariats/engagements/bureau-des-entreprises.md",
        27,
    ),
    (
        "annee-invalide",
        "criteres/2-partenariats/engagements/salon-des-metiers.md",
        3,
    ),
    (
        "action-manquante",
        "criteres/3-parcours-adaptes/critere.md",
        1,
    ),
    (
        "engagement-manquant",
        "criteres/3-parcours-adaptes/critere.md",
        1,
    ),
];

const CAHIER_DES_CHARGES: Expected = &[
    (
        "exigence-inconnue",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        5,
    ),
    (
        "exigence-inconnue",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        5,
    ),
    // « 2.1 » cited by a fiche of criterion 1 without « criteres_associes: [2] »
    (
        "exigence-hors-critere",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        5,
    ),
    (
        "exigence-non-couverte",
        "criteres/2-partenariats/critere.md",
        1,
    ),
    (
        "strategie-reseau-manquante",
        "criteres/2-partenariats/critere.md",
        1,
    ),
];

const PREUVES: Expected = &[
    (
        "preuve-introuvable",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        17,
    ),
    (
        "preuve-hors-dossier",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        18,
    ),
    (
        "preuve-hors-dossier",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        19,
    ),
    // becomes a symbolic link out of the dossier in `preuve_hors_dossier_par_lien`
    (
        "preuve-introuvable",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        20,
    ),
    // « htp:/… »: a link whose scheme is misspelt
    (
        "preuve-adresse-invalide",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        21,
    ),
    (
        "preuve-non-citee",
        "preuves/2-partenariats/liste-entreprises-2025.csv",
        FILE,
    ),
];

const IDENTITE: Expected = &[
    ("uai-cle-incorrecte", "ldm.toml", 5),
    ("label-precedent-incoherent", "ldm.toml", 15),
    ("uai-invalide", "ldm.toml", 16),
    ("suivi-hors-label", "ldm.toml", 22),
];

const IDENTITE_SANS_PRECEDENTE: Expected = &[("label-precedent-manquant", "ldm.toml", 13)];

const TOUT_EN_UN: Expected = &[
    ("uai-cle-incorrecte", "ldm.toml", 5),
    ("critere-manquant", "ldm.toml", 19),
    (
        "syntaxe-invalide",
        "criteres/1-offre-de-formation/actions/atelier-decouverte.md",
        2,
    ),
    (
        "champ-inconnu",
        "criteres/1-offre-de-formation/actions/visites-entreprises.md",
        13,
    ),
    (
        "type-invalide",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        12,
    ),
    (
        "exigence-inconnue",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        5,
    ),
    (
        "pourcentage-hors-bornes",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        14,
    ),
    (
        "preuve-hors-dossier",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        17,
    ),
    (
        "preuve-introuvable",
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        18,
    ),
];

const AVERTISSEMENTS: Expected = &[
    ("section-inconnue", "etablissement.md", 25),
    (
        "fichier-ignore",
        "criteres/1-offre-de-formation/notes-reunion.txt",
        FILE,
    ),
];

/// Every fixture with its expected exit code and findings.
const FIXTURES: &[(&str, i32, Expected)] = &[
    ("valide", 0, &[]),
    ("accents", 0, &[]),
    ("avertissements", 0, AVERTISSEMENTS),
    ("structure", 1, STRUCTURE),
    ("edition-inconnue", 1, EDITION_INCONNUE),
    ("equipe", 1, EQUIPE),
    ("actions", 1, ACTIONS),
    ("cahier-des-charges", 1, CAHIER_DES_CHARGES),
    ("preuves", 1, PREUVES),
    ("identite", 1, IDENTITE),
    ("identite-sans-precedente", 1, IDENTITE_SANS_PRECEDENTE),
    ("tout-en-un", 1, TOUT_EN_UN),
];

/// Fixtures that, together, trigger every rule of a family (`--explain` heading).
const FAMILLES: &[(&str, &[&str])] = &[
    ("STRUCTURE", &["structure", "edition-inconnue"]),
    ("ÉQUIPE", &["equipe"]),
    ("ACTIONS ET ENGAGEMENTS", &["actions"]),
    ("CAHIER DES CHARGES", &["cahier-des-charges"]),
    ("PREUVES", &["preuves"]),
    ("IDENTITÉ", &["identite", "identite-sans-precedente"]),
    // Run by `ldm audit check` (tests/main/audit.rs).
    ("AUDIT", &["audit-regles"]),
];

fn check_fixture(name: &str) -> Vec<Finding> {
    let (code, json) = check_json(&fixture(name));
    let (_, want_code, expected) = FIXTURES
        .iter()
        .find(|(n, _, _)| *n == name)
        .expect("fixture listed in FIXTURES");
    let found = parse_findings(&json);
    assert_exactly(&found, expected);
    assert_eq!(code, *want_code, "exit code of {name}");
    found
}

/// The catalogue as listed by `ldm check --explain`: (family, [rule names]).
fn catalogue() -> Vec<(String, Vec<String>)> {
    let out = Ldm::new().args(["check", "--explain"]).run();
    let text = &out.success().stdout;
    let mut families: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('«') {
            continue;
        }
        if !line.starts_with(' ') {
            families.push((line.trim().to_string(), Vec::new()));
        } else if let Some((_, rules)) = families.last_mut() {
            rules.push(line.split_whitespace().next().unwrap().to_string());
        }
    }
    assert!(
        families.iter().map(|(_, r)| r.len()).sum::<usize>() > 40,
        "could not read the catalogue from:\n{text}"
    );
    families
}

// ------------------------------------------------------------------ tests

#[test]
fn valide_passe_sans_aucun_probleme() {
    let (code, json) = check_json(&fixture("valide"));
    assert_eq!(code, 0);
    let f = parse_findings(&json);
    assert!(f.is_empty(), "valide has findings:\n{}", show(&f));
    let total = &json["dossiers"][0]["total"];
    assert_eq!(total["erreurs"], 0);
    assert_eq!(total["avertissements"], 0);
    assert_eq!(total["infos"], 0);
    assert_eq!(json["dossiers"][0]["edition"], "essai-ldm");
    for c in json["dossiers"][0]["criteres"].as_array().unwrap() {
        assert_eq!(c["exigences_couvertes"], c["exigences_total"], "{c}");
    }
}

#[test]
fn famille_structure() {
    let f = check_fixture("structure");
    let help = |rule: &str, file: &str, line| assert_has(&f, rule, file, line).help.clone();
    assert!(
        help(
            "champ-inconnu",
            "criteres/1-offre-de-formation/actions/visites-entreprises.md",
            13
        )
        .contains(&fr("vouliez-vous dire « cible »"))
    );
    let chef = "criteres/1-offre-de-formation/actions/chef-d-oeuvre.md";
    assert!(
        f.iter()
            .any(|d| matches(d, "section-manquante", chef, 17) && d.message.contains("Conclusion"))
    );
    assert!(
        f.iter()
            .any(|d| matches(d, "section-manquante", chef, 22) && d.message.contains("Lieux"))
    );
    let dup = assert_has(
        &f,
        "cle-en-double",
        "criteres/1-offre-de-formation/actions/portes-ouvertes.md",
        16,
    );
    assert!(dup.message.contains("2024"), "{}", dup.message);
    let typ = assert_has(
        &f,
        "type-invalide",
        "criteres/1-offre-de-formation/actions/mini-stages.md",
        12,
    );
    assert_eq!(typ.column, 16);
    assert!(typ.message.contains("quarante"));
}

#[test]
fn famille_structure_edition_inconnue() {
    let f = check_fixture("edition-inconnue");
    let d = assert_has(&f, "edition-inconnue", "ldm.toml", 19);
    assert!(d.help.contains(&fr("« national-2026 »")), "{}", d.help);
}

#[test]
fn edition_inconnue_autres_formes() {
    // A referential file that does not exist.
    let dir = TempDossier::fixture("valide");
    dir.edit("ldm.toml", "\"referentiel.yaml\"", "\"absent.yaml\"");
    let (code, f) = findings(dir.path());
    assert_eq!(code, 1);
    assert_has(&f, "edition-inconnue", "ldm.toml", 19);

    // A referential file outside the dossier.
    let dir = TempDossier::fixture("valide");
    dir.edit(
        "ldm.toml",
        "\"referentiel.yaml\"",
        "\"../referentiel.yaml\"",
    );
    let (_, f) = findings(dir.path());
    assert!(
        assert_has(&f, "edition-inconnue", "ldm.toml", 19)
            .message
            .contains("hors du dossier")
    );

    // A referential that extends an edition ldm does not have.
    let dir = TempDossier::fixture("valide");
    dir.edit(
        "referentiel.yaml",
        "criteres:",
        "etend: nationale-2026\ncriteres:",
    );
    let (code, f) = findings(dir.path());
    assert_eq!(code, 1);
    let text = dir.read("referentiel.yaml");
    let line = text.lines().position(|l| l.starts_with("etend:")).unwrap() as u32 + 1;
    let d = assert_has(&f, "edition-inconnue", "referentiel.yaml", line);
    assert!(d.message.contains("nationale-2026"), "{}", d.message);
}

#[test]
fn famille_equipe() {
    let f = check_fixture("equipe");
    let d = assert_has(
        &f,
        "fonction-incoherente",
        "criteres/2-partenariats/critere.md",
        2,
    );
    assert!(d.message.contains("DDFPT") && d.message.contains("etablissement.md"));
    let d = assert_has(&f, "personne-incomplete", "etablissement.md", 6);
    assert!(d.message.contains("prenom"), "{}", d.message);
}

#[test]
fn famille_actions_et_engagements() {
    let f = check_fixture("actions");
    let sortants = "criteres/1-offre-de-formation/actions/suivi-des-sortants.md";
    assert!(
        assert_has(&f, "mesure-de-suivi-manquante", sortants, 9)
            .message
            .contains("N+3 (2024)")
    );
    assert!(
        assert_has(&f, "mesure-de-suivi-manquante", sortants, 14)
            .message
            .contains("fin (2026)")
    );
    let stages = "criteres/1-offre-de-formation/actions/mini-stages.md";
    assert!(
        assert_has(&f, "pourcentage-hors-bornes", stages, 23)
            .message
            .contains("140")
    );
    assert!(
        assert_has(&f, "annee-invalide", stages, 30)
            .message
            .contains("226")
    );
}

#[test]
fn famille_cahier_des_charges() {
    let f = check_fixture("cahier-des-charges");
    let file = "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md";
    let cols: BTreeSet<u32> = f
        .iter()
        .filter(|d| matches(d, "exigence-inconnue", file, 5))
        .map(|d| d.column)
        .collect();
    assert_eq!(cols, BTreeSet::from([20, 27]), "« 1.9 » then « 7.2 »");
    let d = f
        .iter()
        .find(|d| d.rule == "exigence-inconnue" && d.message.contains(&fr("« 1.9 »")))
        .unwrap();
    assert!(d.help.contains("1.1, 1.2"), "{}", d.help);
    let d = assert_has(
        &f,
        "exigence-non-couverte",
        "criteres/2-partenariats/critere.md",
        1,
    );
    assert!(d.message.contains("2.2"));
}

#[test]
fn famille_preuves() {
    check_fixture("preuves");
}

#[cfg(unix)]
#[test]
fn preuve_hors_dossier_par_lien_symbolique() {
    let action = "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md";
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("convention-confidentielle.md");
    fs::write(&secret, "# Convention confidentielle\n").unwrap();

    // A link out of the dossier, cited with a clean path (line 20).
    let dir = TempDossier::fixture("preuves");
    let link = dir.join("preuves/1-offre-de-formation/convention-externe.md");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let (code, f) = findings(dir.path());
    assert_eq!(code, 1);
    let d = assert_has(&f, "preuve-hors-dossier", action, 20);
    assert!(d.message.contains("lien"), "{}", d.message);
    assert_lacks(&f, "preuve-introuvable", action, 20);
    // The other findings are unchanged.
    assert_has(&f, "preuve-introuvable", action, 17);
    assert_has(&f, "preuve-hors-dossier", action, 18);
    assert_has(&f, "preuve-hors-dossier", action, 19);

    // A link that stays inside the dossier is a good evidence file.
    let dir = TempDossier::fixture("preuves");
    let link = dir.join("preuves/1-offre-de-formation/convention-externe.md");
    let inside = dir.join("preuves/2-partenariats/bilan-job-dating-2026.md");
    std::os::unix::fs::symlink(&inside, &link).unwrap();
    let (_, f) = findings(dir.path());
    assert_lacks(&f, "preuve-hors-dossier", action, 20);
    assert_lacks(&f, "preuve-introuvable", action, 20);
}

#[test]
fn famille_identite() {
    let f = check_fixture("identite");
    let d = assert_has(&f, "uai-cle-incorrecte", "ldm.toml", 5);
    assert!(d.help.contains(&fr("« W »")), "{}", d.help);
    check_fixture("identite-sans-precedente");
}

#[test]
fn tout_en_un_tout_est_signale_en_une_fois() {
    let f = check_fixture("tout-en-un");
    let d = assert_has(
        &f,
        "champ-inconnu",
        "criteres/1-offre-de-formation/actions/visites-entreprises.md",
        13,
    );
    assert!(
        d.help.contains(&fr("vouliez-vous dire « cible »")),
        "{}",
        d.help
    );
    // Each problem at its own line.
    let places: BTreeSet<(&str, u32)> = f.iter().map(|d| (d.file.as_str(), d.line)).collect();
    assert_eq!(places.len(), f.len(), "two findings share a line");
    // The other formats do not panic either, and agree on the exit code.
    for format in ["human", "short"] {
        let out = Ldm::new()
            .arg("check")
            .arg(fixture("tout-en-un"))
            .args(["--format", format])
            .run();
        out.code(1);
        assert!(out.stderr.is_empty(), "{format}: {out}");
    }
}

#[test]
fn chaque_regle_du_catalogue_est_declenchee() {
    let mut fired: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, _, _) in FIXTURES {
        let (_, f) = findings(&fixture(name));
        fired.insert(name, f.into_iter().map(|d| d.rule).collect());
    }
    for (name, _) in crate::audit::FIXTURES {
        let (_, f) = crate::audit::audit_findings(&fixture(name));
        fired.insert(name, f.into_iter().map(|d| d.0).collect());
    }
    let all: BTreeSet<&String> = fired.values().flatten().collect();
    let catalogue = catalogue();
    let missing: Vec<&String> = catalogue
        .iter()
        .flat_map(|(_, rules)| rules)
        .filter(|r| !all.contains(r))
        .collect();
    assert!(missing.is_empty(), "rules no fixture triggers: {missing:?}");

    // Each family fixture triggers every rule of its family.
    for (famille, rules) in &catalogue {
        let (_, names) = FAMILLES
            .iter()
            .find(|(f, _)| f == famille)
            .unwrap_or_else(|| panic!("no fixture for family {famille}"));
        let here: BTreeSet<&String> = names.iter().flat_map(|n| &fired[n]).collect();
        let missing: Vec<&String> = rules.iter().filter(|r| !here.contains(r)).collect();
        assert!(
            missing.is_empty(),
            "family {famille}: {names:?} do not trigger {missing:?}"
        );
    }
}

#[test]
fn fins_de_ligne_crlf_et_bom_donnent_le_meme_rapport() {
    for name in ["tout-en-un", "structure", "actions"] {
        let orig = TempDossier::fixture(name);
        let crlf = TempDossier::fixture(name);
        let bom = TempDossier::fixture(name);
        rewrite_text_files(crlf.path(), |t| t.replace('\n', "\r\n"));
        rewrite_text_files(bom.path(), |t| format!("\u{feff}{t}"));
        // The copies really differ from the original.
        let etab = if name == "structure" {
            "ldm.toml"
        } else {
            "etablissement.md"
        };
        assert!(fs::read(crlf.join(etab)).unwrap().contains(&b'\r'));
        assert!(
            fs::read(bom.join(etab))
                .unwrap()
                .starts_with(b"\xef\xbb\xbf")
        );

        let (code, want) = human_in(orig.path());
        assert_eq!(code, 1);
        assert!(!want.is_empty());
        for (variant, dir) in [("CRLF", &crlf), ("BOM", &bom)] {
            let (c, got) = human_in(dir.path());
            assert_eq!(c, code, "{name} {variant}");
            assert!(
                got == want,
                "{name}: the {variant} copy reports differently:\n--- original\n{want}\n--- {variant}\n{got}",
            );
        }
    }
}

#[test]
fn noms_accentues_nfc_et_nfd() {
    let action = "criteres/2-actions-culturelles/actions/sortie-théâtre.md";
    let preuve = "preuves/2-actions-culturelles/programme-théâtre.md";
    check_fixture("accents");
    let nfc = TempDossier::fixture("accents");
    assert!(nfc.join(action).is_file() && nfc.join(preuve).is_file());
    let (code, want) = json_in(nfc.path());
    assert_eq!(code, 0);

    let nfd_name = |rel: &str| -> PathBuf {
        let (dir, file) = rel.rsplit_once('/').unwrap();
        Path::new(dir).join(file.nfd().collect::<String>())
    };

    // Evidence file written decomposed (as macOS does), cited by its NFC name.
    let twin = TempDossier::fixture("accents");
    twin.rename(preuve, nfd_name(preuve));
    assert!(
        !twin.join(preuve).exists(),
        "the file system normalises names"
    );
    let (c, got) = json_in(twin.path());
    assert_eq!(c, code);
    assert_eq!(got, want, "NFD evidence name changes the report");

    // Action and evidence file names both decomposed.
    let twin = TempDossier::fixture("accents");
    twin.rename(preuve, nfd_name(preuve));
    twin.rename(action, nfd_name(action));
    let (_, got) = json_in(twin.path());
    let f = parse_findings(&got);
    assert!(
        !f.iter().any(|d| d.rule == "preuve-introuvable"),
        "{}",
        show(&f)
    );
    assert_eq!(got, want, "NFD action and evidence names change the report");
}

#[test]
fn dossier_sans_ldm_toml_ou_absent() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Ldm::new().arg("check").arg(tmp.path()).run();
    out.code(2)
        .stderr_has("n'est pas un dossier ldm")
        .stderr_has("ldm.toml est introuvable");
    assert!(out.stdout.is_empty());

    let missing = tmp.path().join("dossier-absent");
    Ldm::new()
        .arg("check")
        .arg(&missing)
        .run()
        .code(2)
        .stderr_has("n'existe pas");

    // A file inside a dossier: the dossier is checked, only that file's findings shown.
    let file = fixture("valide").join("ldm.toml");
    Ldm::new()
        .arg("check")
        .arg(&file)
        .run()
        .success()
        .stdout_has("Bilan de ");
}

#[test]
fn deny_warnings_rend_les_avertissements_bloquants() {
    let f = check_fixture("avertissements");
    assert!(f.iter().all(|d| d.severity == "avertissement"));
    let dir = fixture("avertissements");
    Ldm::new().arg("check").arg(&dir).run().code(0);
    Ldm::new()
        .arg("check")
        .arg(&dir)
        .args(["--deny", "warnings"])
        .run()
        .code(1);
    // Without warnings, --deny warnings changes nothing.
    Ldm::new()
        .arg("check")
        .arg(fixture("valide"))
        .args(["--deny", "warnings"])
        .run()
        .code(0);
}

#[test]
fn plusieurs_dossiers_le_bilan_nomme_le_dossier_en_erreur() {
    let fixtures = fixture("valide").parent().unwrap().to_path_buf();
    let out = run(&fixtures, &["check", "valide", "identite", "accents"]);
    let text = &out.code(1).stdout;
    assert_eq!(
        text.trim_end().lines().last(),
        Some("3 dossiers vérifiés, 1 avec des erreurs\u{a0}: identite"),
        "{text}"
    );
    // The JSON report has the three dossiers, in order.
    let json = run(
        &fixtures,
        &["check", "valide", "identite", "accents", "--format", "json"],
    )
    .json();
    let labels: Vec<&str> = json["dossiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["dossier"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["valide", "identite", "accents"]);
}

#[test]
fn explain_decrit_une_regle_et_refuse_un_nom_inconnu() {
    for (_, rules) in catalogue() {
        for rule in rules {
            let out = Ldm::new().args(["check", "--explain", &rule]).run();
            assert!(out.success().stdout.starts_with(&rule), "{out}");
        }
    }
    Ldm::new()
        .args(["check", "--explain", "preuve-introuvabel"])
        .run()
        .code(2)
        .stderr_has("« preuve-introuvable »");
}

/// Regressions of the first review: each case once reported wrongly.
#[test]
fn erreurs_de_lecture_bien_classees_et_situees() {
    const JOB: &str = "criteres/2-partenariats/actions/job-dating.md";
    // (file, text replaced, replacement, rule, line, words the message or help must hold)
    let cases: &[(&str, &str, &str, &str, u32, &str)] = &[
        // An unclosed TOML string is a syntax error, not a type error.
        (
            "ldm.toml",
            "nom = \"Lycée professionnel Louis Blériot\"",
            "nom = \"Lycée professionnel",
            "syntaxe-invalide",
            4,
            "TOML",
        ),
        // An unclosed YAML quote too: the string runs on to the next quote, line 10,
        // where the parser fails; the finding is where the quote opened, line 8.
        (
            JOB,
            "un employeur.\"",
            "un employeur.",
            "syntaxe-invalide",
            8,
            "le guillemet ouvert ici n'est jamais fermé",
        ),
        // A tab is reported on its own line, not at the end of the previous one.
        (
            JOB,
            "        sens: hausse",
            "\tsens: hausse",
            "syntaxe-invalide",
            12,
            "tabulation",
        ),
        // Text where a list is expected: « une liste est attendue ».
        (
            JOB,
            "exigences: [\"2.1\", \"2.2\"]",
            "exigences: {a: 1}",
            "type-invalide",
            5,
            "une liste est attendue",
        ),
        // A missing TOML field is explained in TOML syntax.
        (
            "ldm.toml",
            "uai = \"0131234W\"\n",
            "",
            "champ-manquant",
            3,
            "uai = …",
        ),
    ];
    for (file, from, to, rule, line, words) in cases {
        let dir = TempDossier::fixture("valide");
        dir.edit(file, from, to);
        let (code, f) = findings(dir.path());
        assert_eq!(code, 1, "{rule} in {file}");
        let d = assert_has(&f, rule, file, *line);
        let text = format!("{} {}", d.message, d.help);
        assert!(text.contains(words), "{rule}: {words:?} not in {text:?}");
    }
}

#[test]
fn preuve_par_lien_symbolique_sortant_est_citee_mais_hors_dossier() {
    let dir = TempDossier::fixture("valide");
    let outside = dir.outside().join("secret.md");
    fs::write(&outside, "hors du dossier\n").unwrap();
    let cited = "preuves/2-partenariats/bilan-job-dating-2026.md";
    dir.remove(cited);
    std::os::unix::fs::symlink(&outside, dir.join(cited)).unwrap();
    let (code, f) = findings(dir.path());
    assert_eq!(code, 1);
    assert_has(
        &f,
        "preuve-hors-dossier",
        "criteres/2-partenariats/actions/job-dating.md",
        18,
    );
    assert_lacks(&f, "preuve-non-citee", cited, FILE);
}

#[test]
fn preuve_introuvable_suggere_le_fichier_au_nom_proche() {
    let dir = TempDossier::fixture("valide");
    dir.edit(
        "criteres/2-partenariats/actions/job-dating.md",
        "bilan-job-dating-2026.md",
        "bilan-jobdating-2026.md",
    );
    let (_, f) = findings(dir.path());
    let d = assert_has(
        &f,
        "preuve-introuvable",
        "criteres/2-partenariats/actions/job-dating.md",
        18,
    );
    assert!(
        d.help
            .contains(&fr("« preuves/2-partenariats/bilan-job-dating-2026.md »")),
        "{}",
        d.help
    );
}

#[test]
fn resume_multi_dossiers_tient_compte_de_deny_warnings() {
    run(
        fixture("valide").parent().unwrap(),
        &["check", "valide", "avertissements", "--deny", "warnings"],
    )
    .code(1)
    .stdout_has(
        "2 dossiers vérifiés, 1 en échec (erreurs ou avertissements)\u{a0}: avertissements",
    );
}

#[test]
fn une_sortie_interrompue_n_est_pas_une_erreur() {
    // The reader goes away before ldm writes (`ldm check --explain | head -0`).
    let mut child = Ldm::new()
        .args(["check", "--explain"])
        .command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The report without the dossier's own lines: the excerpts under a finding in the human
/// report (`12 | texte`, `   |`), which stay byte for byte what the file holds.
fn without_excerpts(report: &str) -> String {
    report
        .lines()
        .filter(|l| {
            let l = l
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            !l.trim_start().starts_with('|')
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Invariant (ARCHITECTURE.md): every finding's message and help, in every format, has
/// French typography — no ordinary space before « : ; ! ? % € » or inside « » — while
/// the excerpts of the dossier keep the file's own spaces. Every rule fires across
/// these fixtures (see `chaque_regle_du_catalogue_est_declenchee`).
#[test]
fn chaque_message_a_la_typographie_francaise_dans_chaque_format() {
    let formats = [
        "human", "short", "json", "sarif", "junit", "github", "gitlab",
    ];
    let mut bad = Vec::new();
    let mut runs: Vec<(String, Vec<String>)> = Vec::new();
    for (name, _, _) in FIXTURES {
        for format in formats {
            runs.push((
                format!("check {name} --format {format}"),
                vec![
                    "check".into(),
                    fixture(name).display().to_string(),
                    "--format".into(),
                    format.into(),
                ],
            ));
        }
    }
    for (name, _) in crate::audit::FIXTURES {
        for format in ["human", "json"] {
            runs.push((
                format!("audit check {name} --format {format}"),
                vec![
                    "audit".into(),
                    "check".into(),
                    fixture(name).display().to_string(),
                    "--format".into(),
                    format.into(),
                ],
            ));
        }
    }
    for (what, args) in &runs {
        let out = Ldm::new().args(args).run();
        assert!(out.code == 0 || out.code == 1, "{what}: {out}");
        for text in [&out.stdout, &out.stderr] {
            for spot in breakable_spaces(&without_excerpts(text)) {
                bad.push(format!("{what}: {spot:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "ordinary spaces:\n{}", bad.join("\n"));

    // The excerpt keeps the file's own spaces: « Atelier : découverte » is quoted as written.
    let out = run(root(), &["check", "tests/fixtures/tout-en-un"]);
    out.code(1)
        .stdout_has_verbatim("2 | denomination: Atelier : découverte des métiers")
        .stdout_has("la lettre est «\u{202f}W\u{202f}»\u{202f}; vérifiez");
}
