//! `ldm audit`: the skeleton, the rules (one fixture firing each, located), the example
//! audit, the rapport (snapshots) and the summary over several audits.

use crate::common::*;
use serde_json::Value;
use std::fs;

/// One expected finding: (rule, file, line).
type Finding = (&'static str, &'static str, u64);

/// The audit fixtures and the findings each must give, exactly.
pub const FIXTURES: &[(&str, &[Finding])] = &[(
    "audit-regles",
    &[
        ("audit-avis-manquant", "audit/audit.toml", 19),
        ("audit-avis-incoherent", "audit/audit.toml", 19),
        (
            "audit-exigence-non-jugee",
            "audit/criteres/1-offre-de-formation.md",
            2,
        ),
        (
            "audit-ecart-manquant",
            "audit/criteres/1-offre-de-formation.md",
            5,
        ),
        (
            "audit-preuve-inconnue",
            "audit/criteres/1-offre-de-formation.md",
            8,
        ),
        (
            "audit-exigence-inconnue",
            "audit/criteres/1-offre-de-formation.md",
            9,
        ),
        (
            "audit-ecart-incomplet",
            "audit/criteres/1-offre-de-formation.md",
            13,
        ),
        (
            "audit-exigence-inconnue",
            "audit/criteres/1-offre-de-formation.md",
            14,
        ),
        (
            "audit-exigence-non-jugee",
            "audit/criteres/2-partenariats.md",
            5,
        ),
    ],
)];

/// `ldm audit check <dir> --format json`: exit code and (rule, file, line, message).
pub fn audit_findings(dir: &std::path::Path) -> (i32, Vec<(String, String, u64, String)>) {
    let out = Ldm::new()
        .args(["audit", "check"])
        .arg(dir)
        .args(["--format", "json"])
        .run();
    let json = out.json();
    let text = |d: &Value, k: &str| d[k].as_str().unwrap_or_default().to_string();
    let found = json["dossiers"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics is a list")
        .iter()
        .map(|d| {
            (
                text(d, "rule"),
                text(d, "file"),
                d["line"].as_u64().unwrap_or(0),
                text(d, "message"),
            )
        })
        .collect();
    (out.code, found)
}

#[test]
fn chaque_regle_de_l_audit_est_declenchee_a_sa_ligne() {
    for (name, expected) in FIXTURES {
        let (code, found) = audit_findings(&fixture(name));
        let got: Vec<(&str, &str, u64)> = found
            .iter()
            .map(|(r, f, l, _)| (r.as_str(), f.as_str(), *l))
            .collect();
        assert_eq!(got, *expected, "{name}: {found:#?}");
        assert_eq!(code, 1, "{name}");
    }
}

#[test]
fn les_messages_disent_quoi_faire_en_francais() {
    let (_, found) = audit_findings(&fixture("audit-regles"));
    let message = |rule: &str, line: u64| {
        found
            .iter()
            .find(|(r, _, l, _)| r == rule && *l == line)
            .map(|f| f.3.clone())
            .unwrap_or_else(|| panic!("{rule} at {line}: {found:#?}"))
    };
    assert_eq!(
        message("audit-avis-incoherent", 19),
        fr(
            "avis « favorable » malgré 1 écart majeur (exigence 1.3) : un écart majeur empêche de proposer le label"
        )
    );
    assert_eq!(
        message("audit-ecart-manquant", 5),
        fr("exigence 1.1 jugée « non conforme » sans écart qui la décrive")
    );
    assert_eq!(
        message("audit-preuve-inconnue", 8),
        fr("la preuve n° 3 n'existe pas : le dossier en compte 2")
    );
    assert_eq!(
        message("audit-exigence-non-jugee", 2),
        fr("l'exigence 1.2 n'est pas jugée : elle manque dans « exigences »")
    );
    assert_eq!(
        message("audit-ecart-incomplet", 13),
        fr(
            "écart sur l'exigence 1.3 sans la correction attendue (« correction ») ni l'échéance (« echeance »)"
        )
    );
    // The terminal report quotes the line, as `ldm check` does.
    Ldm::new()
        .args(["audit", "check"])
        .arg(fixture("audit-regles"))
        .run()
        .code(1)
        .stdout_has("erreur[audit-ecart-manquant]")
        .stdout_has("conformite: non conforme")
        .stdout_has("9 erreurs");
}

#[test]
fn init_puis_check_liste_ce_qui_reste_a_juger() {
    let d = TempDossier::copy(&example(), "lycee");
    fs::remove_dir_all(d.join("audit")).unwrap();
    let out = d.ldm().args(["audit", "init"]).run();
    out.success()
        .stderr_has("écrit\u{a0}: audit/criteres/8-communication.md");
    let plan = d.read("audit/plan.md");
    assert!(plan.starts_with("# Plan d'audit"), "{plan}");
    let fiche = d.read("audit/audit.toml");
    assert!(fiche.contains("uai = \"0271582Y\""), "{fiche}");
    let c4 = d.read("audit/criteres/4-partenariats.md");
    assert!(
        c4.contains("  # 4.3 — Le bureau des entreprises est clairement identifié"),
        "{c4}"
    );
    // A school applying alone is not asked the network's requirement.
    assert!(!c4.contains("id: \"4.7\""), "{c4}");

    let (code, found) = audit_findings(d.path());
    assert_eq!(code, 1);
    let to_judge: Vec<&(String, String, u64, String)> = found
        .iter()
        .filter(|f| f.0 == "audit-exigence-non-jugee")
        .collect();
    // 47 requirements, 4 of them asked of a network only.
    assert_eq!(to_judge.len(), 43, "{found:#?}");
    assert!(to_judge.iter().all(|f| f.2 > 0), "every item is located");
    let first = to_judge
        .iter()
        .find(|f| f.1 == "audit/criteres/1-offre-de-formation.md")
        .unwrap();
    assert_eq!(
        first.3,
        fr("exigence 1.1 : sa conformité et son efficacité à juger")
    );
    assert_eq!(
        found
            .iter()
            .filter(|f| f.0 != "audit-exigence-non-jugee")
            .map(|f| f.0.as_str())
            .collect::<Vec<_>>(),
        ["audit-avis-manquant"]
    );

    // Run again: every file is kept as it is.
    fs::write(d.join("audit/plan.md"), "# Mon plan\n").unwrap();
    d.ldm()
        .args(["audit", "init"])
        .run()
        .success()
        .stderr_has("gardé\u{a0}: audit/plan.md (il existe déjà)");
    assert_eq!(d.read("audit/plan.md"), "# Mon plan\n");
}

#[test]
fn l_audit_de_l_exemple_est_complet_et_le_dossier_toujours_valide() {
    let (code, found) = audit_findings(&example());
    assert_eq!((code, found.len()), (0, 0), "{found:#?}");
    run(example(), &["check", "."]).success();
    let out = run(example(), &["audit", "render", ".", "--format", "md"]);
    out.success()
        .stdout_has("## Avis proposé\n\n**ajournement**\n\n1 écart majeur, 2 écarts mineurs.");
}

#[test]
fn l_avis_suit_les_ecarts() {
    let d = TempDossier::copy(&example(), "lycee");
    let rule = |d: &TempDossier| {
        let (_, found) = audit_findings(d.path());
        found.into_iter().map(|f| f.0).collect::<Vec<_>>()
    };
    let avis = |d: &TempDossier, from: &str, to: &str| {
        d.edit("audit/audit.toml", from, to);
    };
    // A major écart: even « avec réserves » is refused.
    avis(
        &d,
        "proposition = \"ajournement\"",
        "proposition = \"favorable avec réserves\"",
    );
    assert_eq!(rule(&d), ["audit-avis-incoherent"]);
    // Only minor écarts: « avec réserves » holds, an unreserved « favorable » does not.
    d.edit(
        "audit/criteres/4-partenariats.md",
        "niveau: majeur",
        "niveau: mineur",
    );
    assert!(rule(&d).is_empty());
    avis(&d, "\"favorable avec réserves\"", "\"favorable\"");
    let (_, found) = audit_findings(d.path());
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].3,
        fr("avis « favorable » sans réserve malgré 3 écarts")
    );
    // A value outside the scales is named with the closest one.
    d.edit(
        "audit/criteres/4-partenariats.md",
        "niveau: mineur",
        "niveau: mineure",
    );
    let out = Ldm::new().args(["audit", "check"]).arg(d.path()).run();
    out.code(1)
        .stdout_has("valeur « mineure » inconnue pour « niveau »")
        .stdout_has("vouliez-vous dire « mineur »");
}

#[test]
fn sans_dossier_audit_ldm_dit_quoi_faire() {
    Ldm::new()
        .args(["audit", "check"])
        .arg(fixture("valide"))
        .run()
        .code(2)
        .stderr_has("n'a pas de dossier audit/ : « ldm audit init » l'écrit");
}

#[test]
fn snapshots_du_rapport_de_l_exemple() {
    let html = run(example(), &["audit", "render", ".", "--format", "html"]);
    let md = run(example(), &["audit", "render", ".", "--format", "md"]);
    let (html, md) = (&html.success().stdout, &md.success().stdout);
    assert!(html.contains("<meta name=\"generator\" content=\"ldm\">"));
    assert!(
        breakable_spaces(md).is_empty(),
        "{:?}",
        breakable_spaces(md)
    );
    insta::assert_snapshot!("rapport_html", html);
    insta::assert_snapshot!("rapport_md", md);
}

#[test]
fn le_rapport_ne_remplace_pas_un_fichier_ecrit_par_quelqu_un() {
    let d = TempDossier::copy(&example(), "lycee");
    d.write("rapport.html", "<p>mon rapport</p>");
    d.ldm()
        .args(["audit", "render", ".", "-o", "rapport.html"])
        .run()
        .code(2);
    assert_eq!(d.read("rapport.html"), "<p>mon rapport</p>");
    d.ldm()
        .args(["audit", "render", ".", "-o", "rapport-ldm.html"])
        .run()
        .success();
    // Its own output is replaced.
    d.ldm()
        .args(["audit", "render", ".", "-o", "rapport-ldm.html"])
        .run()
        .success();
}

/// A school not yet audited, among others: named on stderr, left out, the others summed
/// up all the same; exit 1 (the summary is incomplete).
#[test]
fn le_resume_laisse_de_cote_un_dossier_sans_audit_et_resume_les_autres() {
    let out = Ldm::new()
        .current_dir(example().parent().unwrap())
        .args([
            "audit",
            "resume",
            "lycee-marie-marvingt-2021",
            "lycee-marie-marvingt",
        ])
        .args(["--format", "csv"])
        .run();
    out.code(1).stderr_has(
        "attention : « lycee-marie-marvingt-2021 » n'a pas de dossier audit/ : « ldm audit init » l'écrit ; dossier laissé de côté",
    );
    let rows: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert!(rows[1].starts_with("0271582Y,"), "{rows:#?}");
}

/// The example and two other audited schools (made here), summed up.
#[test]
fn le_resume_donne_une_ligne_par_etablissement() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    copy_dir(&example(), &a);
    copy_dir(&example(), &b);
    edit(&a.join("audit/audit.toml"), "0271582Y", "0270001F");
    edit(
        &a.join("audit/audit.toml"),
        "Lycée polyvalent Marie Marvingt",
        "Lycée Aristide Briand",
    );
    edit(
        &a.join("audit/criteres/4-partenariats.md"),
        "niveau: majeur",
        "niveau: mineur",
    );
    edit(
        &a.join("audit/audit.toml"),
        "\"ajournement\"",
        "\"favorable avec réserves\"",
    );
    edit(&b.join("audit/audit.toml"), "0271582Y", "0270002G");
    edit(&b.join("audit/audit.toml"), "2026-03-12", "2026-04-02");
    edit(
        &b.join("audit/audit.toml"),
        "\"ajournement\"",
        "\"défavorable\"",
    );
    let args = |format: &str| {
        Ldm::new()
            .args(["audit", "resume"])
            .arg(example())
            .arg(&a)
            .arg(&b)
            .args(["--format", format])
            .run()
    };
    let term = args("term");
    let lines: Vec<&str> = term.success().stdout.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three lines: {lines:#?}");
    assert!(
        lines[1].starts_with("0271582Y  Lycée polyvalent Marie Marvingt"),
        "{lines:#?}"
    );
    assert!(lines[1].contains("ajournement"));
    assert!(
        lines[2].contains("Lycée Aristide Briand") && lines[2].contains("favorable avec réserves")
    );
    let csv = args("csv");
    let rows: Vec<&str> = csv.success().stdout.lines().collect();
    assert_eq!(rows[0], "UAI,Établissement,Date,Avis,Majeurs,Mineurs");
    assert_eq!(
        rows[3],
        "0270002G,Lycée polyvalent Marie Marvingt,2026-04-02,défavorable,1,2"
    );
    let json = args("json").json();
    let audits = json["audits"].as_array().unwrap();
    assert_eq!(audits.len(), 3);
    assert_eq!(audits[1]["ecarts_majeurs"], 0);
    assert_eq!(audits[1]["ecarts_mineurs"], 3);
    assert_eq!(json["generateur"], "ldm");
}

/// Renders the example's rapport in `format` into a temporary file: its bytes.
fn rapport_file(format: &str) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join(format!("rapport.{format}"));
    Ldm::new()
        .current_dir(example())
        .args(["audit", "render", ".", "--format", format, "-o"])
        .arg(&out)
        .run()
        .success();
    fs::read(&out).unwrap()
}

#[cfg(feature = "pdf")]
#[test]
fn le_rapport_en_pdf_se_relit() {
    use crate::pdf::{flat, footer, pages_text};
    let bytes = rapport_file("pdf");
    assert_eq!(bytes, rapport_file("pdf"), "same audit, same bytes");
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = pages_text(&doc);
    let n = pages.len();
    for (i, text) in pages.iter().enumerate() {
        let want = footer(i + 1, n);
        assert!(flat(text).contains(&want), "page {}: no « {want} »", i + 1);
    }
    let all = flat(&pages.join("\n"));
    for want in [
        "Rapport d'audit « Lycée des métiers »",
        "Hélène Lemaire",
        "ajournement",
        "1 écart majeur, 2 écarts mineurs.",
        "Synthèse par critère",
        "Nommer le responsable du bureau des entreprises",
        "18 décembre 2026",
        "Les échelles de l'audit",
    ] {
        assert!(
            all.contains(&flat(&ldm::typo::french(want))),
            "« {want} » not in the PDF"
        );
    }
    let toc = doc.get_toc().unwrap().toc;
    let titles: Vec<&str> = toc.iter().map(|t| t.title.as_str()).collect();
    assert!(titles.contains(&"Écarts"), "{titles:?}");
    assert_eq!(
        titles.iter().filter(|t| t.starts_with("Critère ")).count(),
        8,
        "{titles:?}"
    );
}

#[test]
fn le_rapport_en_docx_se_relit() {
    use crate::docx::{part, read_body};
    let bytes = rapport_file("docx");
    assert_eq!(bytes, rapport_file("docx"), "same audit, same bytes");
    let body = read_body(&part(&bytes, "word/document.xml"));
    // The rapport's title is Word's « Title », its parts « Titre 1 »: no level skipped.
    let criteres = body
        .headings
        .iter()
        .filter(|(s, t)| s == "Heading1" && t.starts_with("Critère "))
        .count();
    assert_eq!(criteres, 8);
    // The écarts' table: its header row repeats on each page; the major écart first.
    let ecarts = body
        .tables
        .iter()
        .find(|t| t[0].cells.first().is_some_and(|c| c == "N°"))
        .expect("the écarts' table");
    assert!(ecarts[0].header);
    assert_eq!(ecarts.len(), 4, "a header and three écarts");
    assert_eq!(ecarts[1].cells[1], "mineur");
    assert_eq!(ecarts[2].cells[1], "majeur");
    assert_eq!(ecarts[2].cells[5], "18 décembre 2026");
    assert!(body.text.contains("ajournement"));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("Marie Marvingt"), "{core}");
}
