//! One check, three front ends: the command line's `check --format json`, the state
//! `ldm serve` gives the page (`/api/etat`) and the findings `ldm lsp` publishes give the
//! same findings (rule and line), the same counts and the same grouping by file — the
//! findings about the whole dossier on `ldm.toml` in all three — for the example and the
//! broken fixtures and a new dossier (whose repeated « À compléter » the page groups
//! under one card, as the terminal does).

use crate::common::*;
use crate::lsp::Client;
use crate::serve::Serve;
use serde_json::Value;
use std::collections::BTreeMap;

/// The findings of each file, as (rule, 1-based line), files in the order shown.
type ByFile = Vec<(String, Vec<(String, u64)>)>;

/// Severity counts: errors, warnings, infos.
type Counts = (u64, u64, u64);

const DOSSIERS: &[&str] = &[
    "dix-erreurs",
    "tout-en-un",
    "structure",
    "identite",
    "avertissements",
];

fn counts(v: &Value) -> Counts {
    let n = |k: &str| v[k].as_u64().unwrap();
    (n("erreurs"), n("avertissements"), n("infos"))
}

fn command_line(dossier: &TempDossier) -> (Counts, ByFile) {
    let out = Ldm::new()
        .args(["check", "--format", "json"])
        .arg(dossier.path())
        .run();
    let report = &out.json()["dossiers"][0];
    let mut by_file: ByFile = Vec::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap_or("ldm.toml").to_string();
        let found = (
            d["rule"].as_str().unwrap().to_string(),
            d["line"].as_u64().unwrap_or(1),
        );
        match by_file.iter_mut().find(|(f, _)| *f == file) {
            Some((_, list)) => list.push(found),
            None => by_file.push((file, vec![found])),
        }
    }
    (counts(&report["total"]), by_file)
}

/// The page's state: each card with the repeats grouped under it (`aussi`) expanded, so
/// the findings compare one for one; and how many cards the page shows.
fn serve(dossier: TempDossier) -> (Counts, ByFile, usize) {
    let state = Serve::start(dossier, &[]).json();
    let mut cards = 0;
    let mut by_file = Vec::new();
    for f in state["resume"]["ordre"].as_array().unwrap() {
        let f = f.as_str().unwrap();
        let mut found = Vec::new();
        for c in state["fichiers"][f].as_array().unwrap() {
            cards += 1;
            let rule = c["regle"].as_str().unwrap().to_string();
            found.push((rule.clone(), c["ligne"].as_u64().unwrap_or(1)));
            let again = c["aussi"].as_array().map_or(&[][..], Vec::as_slice);
            found.extend(again.iter().map(|l| (rule.clone(), l.as_u64().unwrap())));
            let note = c["aussi_note"].as_str().unwrap_or_default();
            assert_eq!(again.is_empty(), note.is_empty(), "{c}");
        }
        found.sort();
        by_file.push((f.to_string(), found));
    }
    (counts(&state["resume"]["total"]), by_file, cards)
}

/// What `ldm lsp` publishes once `ldm.toml` is opened: a request is answered only after
/// the check's findings are published, so they are all there when its answer comes.
fn lsp(dossier: TempDossier) -> (Counts, BTreeMap<String, Vec<(String, u64)>>) {
    let mut c = Client::start(dossier);
    let text = c.dossier.read("ldm.toml");
    c.open("ldm.toml", &text);
    c.request("textDocument/hover", c.at("ldm.toml", 0, 0));
    let base = c.uri("ldm.toml").trim_end_matches("ldm.toml").to_string();
    let mut by_file = BTreeMap::new();
    let mut tally = (0, 0, 0);
    for m in c.pending.drain(..) {
        if m["method"] != "textDocument/publishDiagnostics" {
            continue;
        }
        let uri = m["params"]["uri"].as_str().unwrap();
        let file = uri.strip_prefix(&base).unwrap().to_string();
        let found: Vec<(String, u64)> = m["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                match d["severity"].as_u64() {
                    Some(1) => tally.0 += 1,
                    Some(2) => tally.1 += 1,
                    _ => tally.2 += 1,
                }
                let line = d["range"]["start"]["line"].as_u64().unwrap() + 1;
                (d["code"].as_str().unwrap().to_string(), line)
            })
            .collect();
        by_file.insert(file, found);
    }
    c.stop();
    (tally, by_file)
}

/// The example with a mistake in its self-assessment and a bilan left to write: files
/// beside the dossier that `check` reads too, as must serve and lsp.
fn beside_the_dossier() -> TempDossier {
    let d = TempDossier::copy(&example(), "a-cote");
    d.edit(
        "autoevaluation/criteres/1-offre-de-formation.md",
        "efficacite: remarquable",
        "efficacite: formidable",
    );
    d.write("bilans/2026.md", "# Bilan 2026\n\nÀ compléter\n");
    d
}

/// A dossier just made by `ldm init`: hundreds of « À compléter », repeated in each file.
fn new_dossier() -> TempDossier {
    let tmp = tempfile::tempdir().unwrap();
    run(tmp.path(), &["init", "neuf", "--annee", "2026"]).success();
    TempDossier::copy(&tmp.path().join("neuf"), "neuf")
}

#[test]
fn the_command_line_serve_and_lsp_say_the_same_thing() {
    let mut dossiers = vec![
        TempDossier::copy(&example(), "lycee"),
        new_dossier(),
        beside_the_dossier(),
    ];
    dossiers.extend(DOSSIERS.iter().map(|f| TempDossier::fixture(f)));
    for dossier in dossiers {
        let name = dossier.path().display().to_string();
        let (total, mut by_file) = command_line(&dossier);
        by_file.iter_mut().for_each(|(_, found)| found.sort());
        let copy = TempDossier::copy(dossier.path(), "copie");
        let (serve_total, serve_by_file, cards) = serve(copy);
        assert_eq!(serve_total, total, "{name}: serve");
        assert_eq!(serve_by_file, by_file, "{name}: serve");
        let findings: usize = by_file.iter().map(|(_, f)| f.len()).sum();
        if name.ends_with("a-cote") {
            let files: Vec<&str> = by_file.iter().map(|(f, _)| f.as_str()).collect();
            assert!(
                files.iter().any(|f| f.starts_with("autoevaluation/"))
                    && files.iter().any(|f| f.starts_with("bilans/")),
                "{files:?}"
            );
        }
        if name.ends_with("neuf") {
            // The page groups the repeats as the terminal does: far fewer cards.
            assert!(
                cards * 3 < findings,
                "{cards} cartes pour {findings} constats"
            );
        }
        let (lsp_total, mut lsp_by_file) = lsp(dossier);
        lsp_by_file.values_mut().for_each(|found| found.sort());
        assert_eq!(lsp_total, total, "{name}: lsp");
        let cli: BTreeMap<String, Vec<(String, u64)>> = by_file.into_iter().collect();
        assert_eq!(lsp_by_file, cli, "{name}: lsp");
    }
}
