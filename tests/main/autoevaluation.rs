//! The school's self-assessment (`autoevaluation/`, the audit's format): checked by
//! `ldm check` with the audit's rules, compared with the audit by `ldm audit comparer`.

use crate::common::*;

const QUATRE: &str = "autoevaluation/criteres/4-partenariats.md";

#[test]
fn la_comparaison_de_l_exemple_nomme_chaque_exigence_jugee_autrement() {
    let out = run(example(), &["audit", "comparer"]);
    out.success()
        .stdout_has("40 sur 43 exigences jugées de même, 3 divergences")
        .stdout_has(
            "critère 4, exigence 4.3 : établissement « partiellement conforme, partielle », auditeurs « non conforme, insuffisante »",
        )
        .stdout_has("critère 1, exigence 1.4")
        .stdout_has("critère 7, exigence 7.2");
    let json = run(example(), &["audit", "comparer", "--format", "json"]);
    let v = json.success().json();
    let divergences = v["divergences"].as_array().unwrap();
    let ids: Vec<&str> = divergences
        .iter()
        .filter_map(|d| d["exigence"].as_str())
        .collect();
    assert_eq!(ids, ["1.4", "4.3", "7.2"], "{json}");
    assert_eq!(
        v["divergences"][1]["auditeurs"]["conformite"],
        "non conforme"
    );
}

#[test]
fn ldm_check_verifie_l_autoevaluation_avec_les_regles_de_l_audit() {
    let d = TempDossier::copy(&example(), "lycee");
    d.ldm().arg("check").run().success();
    d.edit(
        QUATRE,
        "  - id: \"4.1\"\n    conformite: conforme",
        "  - id: \"4.1\"\n    conformite: conformable",
    );
    let line = d
        .read(QUATRE)
        .lines()
        .position(|l| l.contains("conformable"))
        .unwrap()
        + 1;
    let out = d.ldm().args(["check", "--format", "json"]).run();
    let found = out.code(1).findings();
    assert!(
        found.contains(&("type-invalide".into(), QUATRE.into(), line as u64)),
        "{out}"
    );
    d.ldm()
        .arg("check")
        .run()
        .code(1)
        .stdout_has("vouliez-vous dire « conforme »");
}

#[test]
fn une_autoevaluation_nouvelle_est_a_juger_critere_par_critere() {
    let d = TempDossier::fixture("valide");
    d.ldm()
        .args(["audit", "init", "--autoevaluation"])
        .run()
        .success()
        .stderr_has("écrit : autoevaluation/criteres/1-");
    let out = d.ldm().args(["check", "--format", "json"]).run();
    out.code(1);
    let v = out.json();
    let unjudged = v["dossiers"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "audit-exigence-non-jugee")
        .filter(|f| {
            f["file"]
                .as_str()
                .unwrap()
                .starts_with("autoevaluation/criteres/")
        })
        .count();
    assert!(unjudged > 0, "{out}");
    d.remove("autoevaluation/criteres/1-offre-de-formation.md");
    d.ldm()
        .arg("check")
        .run()
        .code(1)
        .stdout_has("le critère 1 n'a pas de fichier d'autoévaluation");
}

#[test]
fn l_annexe_porte_la_synthese_de_l_autoevaluation_dans_les_quatre_formats() {
    use crate::complete::{annexes, words};
    let expected = [
        "Synthèse de l'auto-évaluation",
        "6 exigences jugées sur 6. Conformité : conforme (5), partiellement conforme (1). \
         Efficacité : satisfaisante (5), partielle (1).",
        "4.3 — partiellement conforme, partielle : Le bureau des entreprises est inscrit \
         dans un engagement",
    ];
    for (format, text) in annexes(&example()) {
        let text = words(&text);
        for e in expected {
            assert!(text.contains(&words(e)), "{format} : « {e} » absent");
        }
    }
}
