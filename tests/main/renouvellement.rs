//! `ldm init --depuis`: the renewal made from the previous dossier (issue 34).

use crate::common::*;

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The 2021 dossier the 2026 example renews.
fn dossier_2021() -> std::path::PathBuf {
    root().join("examples/lycee-marie-marvingt-2021")
}

/// `ldm init [extra] --depuis OLD TARGET`, run in `work`.
fn renew(work: &Path, extra: &[&str], old: &Path, target: &str) -> Output {
    Ldm::new()
        .current_dir(work)
        .arg("init")
        .args(extra)
        .arg("--depuis")
        .arg(old)
        .arg(target)
        .run()
}

/// Every path under `dir` with its bytes, hashed: two equal fingerprints, the same tree.
fn fingerprint(dir: &Path) -> String {
    let mut h = Sha256::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        h.update(rel.as_bytes());
        h.update([0]);
        if e.file_type().is_file() {
            h.update(fs::read(e.path()).unwrap());
        }
        h.update([0]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The ids of the engagements of a dossier (`3-partenariats/engagements/creer-un-job-dating`).
fn engagement_ids(dir: &Path) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for c in fs::read_dir(dir.join("criteres")).unwrap() {
        let c = c.unwrap();
        let Ok(files) = fs::read_dir(c.path().join("engagements")) else {
            continue;
        };
        for f in files {
            let name = f.unwrap().file_name().to_string_lossy().into_owned();
            let stem = name.trim_end_matches(".md");
            ids.insert(format!(
                "{}/engagements/{stem}",
                c.file_name().to_string_lossy()
            ));
        }
    }
    ids
}

/// The `suite_de` of every action of a dossier.
fn actions_suite_de(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in fs::read_dir(dir.join("criteres")).unwrap() {
        let Ok(files) = fs::read_dir(c.unwrap().path().join("actions")) else {
            continue;
        };
        for f in files {
            let text = fs::read_to_string(f.unwrap().path()).unwrap();
            let line = text.lines().find_map(|l| l.strip_prefix("suite_de: \""));
            out.extend(line.and_then(|l| l.split('"').next()).map(str::to_string));
        }
    }
    out
}

/// What `ldm check` may find in a renewal just made: what the school writes anew
/// (« À compléter », the starter engagements), the measures of the new campaign, the
/// requirements to cite again in a new edition, and the perennial actions that started
/// before the previous label. Anything else is a fault of the renewal.
const FRESH_RENEWAL: &[&str] = &[
    "texte-a-completer",
    "indicateur-sans-mesure",
    "indicateur-sans-cible",
    "mesure-de-suivi-manquante",
    "exigence-non-couverte",
    "fiche-anterieure-au-label",
];

#[test]
fn le_renouvellement_de_2021_fait_de_chaque_engagement_une_action_et_ne_touche_pas_l_ancien() {
    let old = TempDossier::copy(&dossier_2021(), "lycee-2021");
    let before = fingerprint(old.path());
    let work = tempfile::tempdir().unwrap();
    let new = work.path().join("lycee-2026");
    renew(work.path(), &[], old.path(), "lycee-2026")
        .success()
        .stdout_has("Renouvellement 2026")
        .stdout_has("13 engagements devenus des actions dont rendre compte")
        .stdout_has("7 pièces justificatives");
    assert_eq!(fingerprint(old.path()), before, "the old dossier changed");

    let engagements = engagement_ids(old.path());
    assert_eq!(engagements.len(), 13);
    let followed = actions_suite_de(&new);
    let missing: Vec<_> = engagements.difference(&followed).collect();
    assert!(
        missing.is_empty(),
        "engagements without an action: {missing:?}"
    );

    let toml = fs::read_to_string(new.join("ldm.toml")).unwrap();
    assert!(toml.contains("annee = 2026\nprecedente = 2021"), "{toml}");
    assert!(toml.contains("uai = \"0271582Y\""), "{toml}");
    // The evidence the carried fiches cite comes along, byte for byte.
    let cited = "preuves/3-partenariats/bilan-job-dating-2021.md";
    assert_eq!(
        fs::read(new.join(cited)).unwrap(),
        fs::read(old.join(cited)).unwrap()
    );
    let critere = fs::read_to_string(new.join("criteres/4-partenariats/critere.md")).unwrap();
    assert!(
        critere.contains("coordonnateur: {nom: \"Marchetti\""),
        "{critere}"
    );

    let check = run(work.path(), &["check", "lycee-2026", "--format", "json"]);
    let rules: BTreeSet<String> = check.code(1).findings().into_iter().map(|f| f.0).collect();
    let unexpected: Vec<_> = rules
        .iter()
        .filter(|r| !FRESH_RENEWAL.contains(&r.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unexpected findings {unexpected:?}:\n{check}"
    );
    assert!(rules.contains("texte-a-completer"));
    assert_eq!(
        fingerprint(old.path()),
        before,
        "check changed the old dossier"
    );
}

#[test]
fn ldm_diff_lit_chaque_engagement_comme_tenu_ou_reconduit_apres_le_renouvellement() {
    let work = tempfile::tempdir().unwrap();
    renew(work.path(), &[], &dossier_2021(), "nouveau").success();
    let diff = Ldm::new()
        .current_dir(work.path())
        .arg("diff")
        .arg(dossier_2021())
        .args(["nouveau", "--format", "json"])
        .run();
    let v = diff.json();
    assert_eq!(v["resume"]["engagements_abandonnes"], 0, "{diff}");
    let criteres = v["criteres"].as_array().unwrap();
    let fates: Vec<&Value> = (criteres.iter())
        .flat_map(|c| c["engagements"].as_array().unwrap())
        .collect();
    assert_eq!(fates.len(), 13, "{diff}");
    for f in fates {
        let fate = f["devenir"].as_str().unwrap();
        assert!(fate == "tenu" || fate == "reconduit", "{f}");
        assert_eq!(f["par"], "suite_de", "{f}");
    }
}

#[test]
fn un_dossier_cible_non_vide_est_refuse_sans_force_et_complete_avec() {
    let target = TempDossier::fixture("valide");
    let before = fingerprint(target.path());
    renew(target.path(), &[], &dossier_2021(), ".")
        .code(2)
        .stderr_has("n'est pas vide");
    assert_eq!(
        fingerprint(target.path()),
        before,
        "a refused renewal wrote"
    );

    renew(target.path(), &["--force"], &dossier_2021(), ".").success();
    let toml = target.read("ldm.toml");
    let kept = fs::read_to_string(fixture("valide").join("ldm.toml")).unwrap();
    assert_eq!(toml, kept, "--force replaced an existing file");
}

#[test]
fn l_annee_de_la_nouvelle_campagne_et_l_identite_ne_se_donnent_pas_deux_fois() {
    let work = tempfile::tempdir().unwrap();
    renew(work.path(), &["--annee", "2027"], &dossier_2021(), "n")
        .success()
        .stdout_has("Renouvellement 2027");
    let toml = fs::read_to_string(work.path().join("n/ldm.toml")).unwrap();
    assert!(toml.contains("annee = 2027\nprecedente = 2021"), "{toml}");
    renew(work.path(), &["--uai", "0271582Y"], &dossier_2021(), "m")
        .code(2)
        .stderr_has("--uai");
    assert!(!work.path().join("m").exists());
}

#[test]
fn une_action_perenne_reprise_garde_son_debut_et_court_jusqu_a_la_nouvelle_campagne() {
    let work = tempfile::tempdir().unwrap();
    renew(work.path(), &[], &dossier_2021(), "n").success();
    let action = fs::read_to_string(
        work.path()
            .join("n/criteres/7-decrochage-scolaire/actions/retour-en-formation-mlds-foquale.md"),
    )
    .unwrap();
    // 2018–2021 in the 2021 dossier: its measures since 2018 stay inside its period.
    assert!(
        action.contains(&fr(
            "periode: {debut: 2018, fin: 2026}  # action pérenne : période du dossier de 2021 : 2018–2021\n"
        )),
        "{action}"
    );
    assert!(action.contains("          2018: 1\n"), "{action}");
    let check = run(work.path(), &["check", "n", "--format", "json"]);
    let rules: BTreeSet<String> = check.code(1).findings().into_iter().map(|f| f.0).collect();
    assert!(!rules.contains("mesure-hors-periode"), "{check}");
}

/// The rules `ldm check` reports on `dir`.
fn rules_of(work: &Path, dir: &str) -> BTreeSet<String> {
    let check = run(work, &["check", dir, "--format", "json"]);
    check.findings().into_iter().map(|f| f.0).collect()
}

#[test]
fn un_dossier_importe_de_word_se_renouvelle_comme_un_autre() {
    // The school's Word dossier of `ldm import`'s tests, made by python-docx.
    if !crate::import::python_docx() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    crate::import::school_docx(work.path());
    Ldm::new()
        .current_dir(work.path())
        .args(["import", "ecole.docx", "ancien"])
        .run()
        .success();
    let old = work.path().join("ancien");
    let before = fingerprint(&old);
    renew(work.path(), &[], &old, "nouveau")
        .success()
        .stdout_has("1 engagement devenus des actions dont rendre compte");
    let engagements = engagement_ids(&old);
    assert_eq!(engagements.len(), 1);
    let followed = actions_suite_de(&work.path().join("nouveau"));
    assert!(engagements.is_subset(&followed), "{followed:?}");

    // Only what a fresh renewal leaves to do, and what the imported dossier already had.
    let had = rules_of(work.path(), "ancien");
    let unexpected: Vec<String> = rules_of(work.path(), "nouveau")
        .into_iter()
        .filter(|r| !FRESH_RENEWAL.contains(&r.as_str()) && !had.contains(r))
        .collect();
    assert!(unexpected.is_empty(), "unexpected findings {unexpected:?}");
    // The old « À compléter » is not offered as a text to start from.
    let etablissement = fs::read_to_string(work.path().join("nouveau/etablissement.md")).unwrap();
    assert!(
        !etablissement.contains("Texte du dossier de"),
        "{etablissement}"
    );

    let diff = Ldm::new()
        .current_dir(work.path())
        .args(["diff", "ancien", "nouveau", "--format", "json"])
        .run();
    let v = diff.json();
    assert_eq!(v["resume"]["engagements_abandonnes"], 0, "{diff}");
    let fates: Vec<&Value> = (v["criteres"].as_array().unwrap().iter())
        .flat_map(|c| c["engagements"].as_array().unwrap())
        .collect();
    assert_eq!(fates.len(), 1, "{diff}");
    assert_eq!(fates[0]["devenir"], "tenu", "{diff}");
    assert_eq!(fates[0]["par"], "suite_de", "{diff}");
    // A new criterion's team still « À compléter » is nobody's arrival.
    Ldm::new()
        .current_dir(work.path())
        .args(["diff", "ancien", "nouveau"])
        .run()
        .success()
        .stdout_lacks(&fr("arrivée : À compléter"));
    assert_eq!(fingerprint(&old), before, "the imported dossier changed");
}
