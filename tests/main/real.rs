//! Real dossiers fit the format (issue 12): the forms schools actually write —
//! several coordinators or animateurs — check clean and reach every output.

use crate::common::*;

use serde_json::Value;

const CRITERE_4: &str = "criteres/4-partenariats/critere.md";

/// `(rule, file, line)` of every finding of `ldm check --format json`, and the exit code.
fn findings(dossier: &TempDossier) -> (i32, Vec<(String, String, u64)>) {
    let out = dossier.ldm().args(["check", ".", "--format", "json"]).run();
    let json = out.json();
    let list = json["dossiers"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics is a list")
        .iter()
        .map(|d: &Value| {
            let text = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (text("rule"), text("file"), d["line"].as_u64().unwrap_or(0))
        })
        .collect();
    (out.code, list)
}

#[test]
fn co_coordinators_and_two_animateurs_reach_the_annex() {
    let html = run(example(), &["render", ".", "--format", "html", "-o", "-"])
        .success()
        .stdout
        .clone();
    // The synopsis names both co-coordinators of criterion 4.
    assert!(html.contains("<td>François Delaunay, Olivier Lemarchand</td>"));
    // The team table has one row per coordinator under one heading cell.
    assert!(
        html.contains(
            "<th scope=\"row\" rowspan=\"2\">Coordonnateur critère 4</th><td>Delaunay</td>"
        )
    );
    assert!(html.contains("<td>Lemarchand</td><td>Olivier</td><td>DDFPT</td>"));
    // The engagement's animateur cell names both animateurs.
    // Documents carry French typography: a narrow no-break space before « ; ».
    assert!(html.contains(
        "François Delaunay, Chargé de mission bureau des entreprises\u{202f}; Nicolas Faure, Professeur de logistique"
    ));
    let md = run(example(), &["render", ".", "--format", "md", "-o", "-"])
        .success()
        .stdout
        .clone();
    assert!(md.contains("| Coordonnateur critère 4 | Delaunay | François |"));
    assert!(md.contains("| | Lemarchand | Olivier | DDFPT |"));
}

#[test]
fn an_empty_coordinator_list_is_a_missing_coordinator() {
    let d = TempDossier::copy(&example(), "lycee");
    d.edit(
        CRITERE_4,
        "coordonnateur:  # deux co-coordonnateurs\n  - {nom: \"Delaunay\", prenom: \"François\", fonction: \"Chargé de mission bureau des entreprises\"}\n  - {nom: \"Lemarchand\", prenom: \"Olivier\", fonction: \"DDFPT\"}\n",
        "coordonnateur: []\n",
    );
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    assert!(
        found.contains(&("coordonnateur-manquant".into(), CRITERE_4.into(), 2)),
        "{found:?}"
    );
}

#[test]
fn a_person_of_a_list_missing_a_field_is_reported_at_its_line() {
    let d = TempDossier::copy(&example(), "lycee");
    d.edit(
        CRITERE_4,
        "  - {nom: \"Lemarchand\", prenom: \"Olivier\", fonction: \"DDFPT\"}\n",
        "  - {nom: \"Lemarchand\", fonction: \"DDFPT\"}\n",
    );
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|(_, file, line)| file == CRITERE_4 && *line == 4),
        "{found:?}"
    );
}

/// Appends `text` to a file of the dossier; returns the line number of its first line.
fn append(d: &TempDossier, rel: &str, text: &str) -> u64 {
    let before = d.read(rel);
    let first = before.lines().count() as u64 + 1;
    d.write(rel, &format!("{before}{text}"));
    first
}

#[test]
fn a_completer_inside_a_sentence_is_prose_but_alone_in_a_cell_is_a_marker() {
    let d = TempDossier::copy(&example(), "lycee");
    let line = append(
        &d,
        "etablissement.md",
        "Le questionnaire était à compléter par les entreprises avant juin.\n\n| Bilan | À compléter |\n|---|---|\n\nÀ compléter.\n",
    );
    let (_, found) = findings(&d);
    let markers: Vec<u64> = found
        .iter()
        .filter(|(rule, file, _)| rule == "texte-a-completer" && file == "etablissement.md")
        .map(|(_, _, l)| *l)
        .collect();
    assert_eq!(markers, vec![line + 2, line + 5], "{found:?}");
}

#[test]
fn stand_in_names_are_incomplete_persons_at_their_line() {
    let d = TempDossier::copy(&example(), "lycee");
    d.edit(
        "etablissement.md",
        "ddfpt: {nom: \"Lemarchand\", prenom: \"Olivier\"",
        "ddfpt: {nom: \"Non communiqué\", prenom: \"Olivier\"",
    );
    d.edit(
        "etablissement.md",
        "{nom: \"Benali\", prenom: \"Karim\"",
        "{nom: \"Benali\", prenom: \"X\"",
    );
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    let incomplete: Vec<u64> = found
        .iter()
        .filter(|(rule, file, _)| rule == "personne-incomplete" && file == "etablissement.md")
        .map(|(_, _, l)| *l)
        .collect();
    assert_eq!(incomplete, vec![3, 6], "{found:?}");
}

#[test]
fn text_measures_stay_in_every_progress_output() {
    let d = TempDossier::copy(&example(), "lycee");
    d.edit(
        "criteres/8-communication/actions/plan-de-communication-annuel.md",
        "          2024: 96\n",
        "          2024: \"une centaine\"\n",
    );
    let out = |format: &str| {
        d.ldm()
            .args(["progress", ".", "--format", format, "-o", "-"])
            .run()
            .success()
            .stdout
            .clone()
    };
    let shown = "2024\u{a0}: «\u{a0}une centaine\u{a0}»";
    for format in ["term", "md", "html"] {
        let text = out(format);
        // Every text has French typography (narrow spaces in « »).
        let shown = fr(shown);
        assert!(text.contains(&shown), "{format}: {text}");
        assert!(text.contains("non chiffrées"), "{format}");
    }
    let json: Value = serde_json::from_str(&out("json")).unwrap();
    let ind = json["criteres"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["fiches"].as_array().unwrap())
        .flat_map(|f| f["objectifs"].as_array().unwrap())
        .flat_map(|o| o["indicateurs"].as_array().unwrap())
        .find(|i| {
            i["intitule"]
                .as_str()
                .unwrap()
                .starts_with("Nombre d'articles publiés")
        })
        .expect("the indicator is listed")
        .clone();
    assert_eq!(
        ind["mesures_texte"],
        serde_json::json!([{"annee": 2024, "texte": "une centaine"}])
    );
    // The numbers around it still make the history the progress is computed from.
    let years: Vec<i64> = ind["mesures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["annee"].as_i64().unwrap())
        .collect();
    assert_eq!(years, vec![2021, 2026]);
}

/// The lines of `text` that contain any of `needles`, for a snapshot of what a form
/// became in one output (the whole document is the subject of other snapshots).
fn lines_with(text: &str, needles: &[&str]) -> String {
    text.lines()
        .filter(|l| needles.iter().any(|n| l.contains(n)))
        .map(|l| l.chars().take(300).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What each new form becomes in the annex, the tableau de bord and the JSON.
const FORMS: &[&str] = &[
    "2025-2026",
    "2020-2021",
    "Jean Moulin",
    "associée",
    "Courrier de l",
    "vingtaine",
    "Lemarchand",
    "Faure",
];

#[test]
fn the_real_fixture_checks_clean_with_only_its_qualitative_measure() {
    let (code, found) = findings(&TempDossier::fixture("reel"));
    assert_eq!(code, 0);
    assert_eq!(
        found,
        vec![(
            "mesure-qualitative".to_string(),
            "criteres/4-partenariats/actions/job-dating.md".to_string(),
            27
        )]
    );
}

#[test]
fn every_new_form_reaches_the_annex_in_html_and_markdown() {
    let d = fixture("reel");
    let md = run(&d, &["render", ".", "--format", "md", "-o", "-"]);
    let md = &md.success().stdout;
    // The school years as written: campaign, previous label, columns, durations.
    assert!(md.contains("| Campagne | 2025-2026 |"), "{md}");
    assert!(md.contains("Mesure début (2020-2021)"));
    assert!(md.contains("Mesure à 2025-2026"));
    // The named network on the cover and in the synopsis.
    assert!(md.contains(
        "| Candidature en réseau avec | Lycée Jean Moulin (Les Andelys, 0271580W), 0271581X |"
    ));
    assert_eq!(
        md.matches("Lycée Jean Moulin (Les Andelys, 0271580W)")
            .count(),
        2
    );
    // The fiche serving criterion 8 counts there as an associated one.
    assert!(
        md.contains(
            "| 8 — Une politique active de communication | Laura Morin | 2 (+1 associée) |"
        )
    );
    // The link, its address shown, in Markdown.
    assert!(md.contains(
        "Article du Courrier de l'Eure ([https://www.lecourrierdeleure.fr/job-dating-2026](<https://www.lecourrierdeleure.fr/job-dating-2026>))"
    ));
    insta::assert_snapshot!("reel_annexe_md", lines_with(md, FORMS));

    let html = run(&d, &["render", ".", "--format", "html", "-o", "-"]);
    let html = &html.success().stdout;
    assert!(html.contains(
        "(<a href=\"https://www.lecourrierdeleure.fr/job-dating-2026\" rel=\"noopener noreferrer\">"
    ));
    assert!(html.contains("<th scope=\"row\">Campagne</th><td>2025-2026</td>"));
    insta::assert_snapshot!("reel_annexe_html", lines_with(html, FORMS));
}

#[test]
fn school_years_and_qualitative_measures_reach_the_tableau_de_bord_and_the_json() {
    let d = fixture("reel");
    let html = run(&d, &["progress", ".", "--format", "html", "-o", "-"]);
    let html = &html.success().stdout;
    // The SVG axis is labelled in school years, the text measure kept.
    assert!(
        html.contains("text-anchor=\"middle\">2020-2021</text>"),
        "{html}"
    );
    assert!(html.contains(&fr("2025-2026\u{a0}: «\u{a0}une vingtaine\u{a0}»")));
    insta::assert_snapshot!(
        "reel_tableau_de_bord",
        lines_with(html, &["2025-2026", "vingtaine"])
    );

    let json = run(&d, &["progress", ".", "--format", "json", "-o", "-"]).json();
    assert_eq!(json["annee"], 2026);
    assert_eq!(json["calendrier"], "scolaire");
    let fiche = json["criteres"][3]["fiches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "4-partenariats/actions/job-dating")
        .expect("the job dating is listed")
        .clone();
    assert_eq!(fiche["calendrier"], "scolaire");
    let contrats = &fiche["objectifs"][0]["indicateurs"][1];
    insta::assert_snapshot!(
        "reel_progress_json_indicateur",
        serde_json::to_string_pretty(contrats).unwrap()
    );
}

#[test]
fn a_school_year_at_the_wrong_place_is_named_and_mixing_calendars_is_a_finding() {
    let d = TempDossier::fixture("reel");
    let job = "criteres/4-partenariats/actions/job-dating.md";
    d.edit(job, "          2023-2024: 27\n", "          2024: 27\n");
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    let line = d
        .read(job)
        .lines()
        .position(|l| l == "          2024: 27")
        .unwrap() as u64
        + 1;
    assert!(
        found.contains(&("annees-melangees".into(), job.into(), line)),
        "{found:?}"
    );
    // The message says which years, as written.
    let out = d.ldm().args(["check", "."]).run();
    assert!(
        out.stdout
            .contains("mélange années civiles et années scolaires"),
        "{}",
        out.stdout
    );
    // A « school year » spanning two years is refused with the forms allowed.
    d.edit(job, "          2024: 27\n", "          2022-2024: 27\n");
    let out = d.ldm().args(["check", "."]).run();
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains(&fr("une année scolaire, « 2023-2024 »")),
        "{}",
        out.stdout
    );
}

#[test]
fn a_renamed_partner_and_a_plain_uai_list_both_read() {
    // The example's `reseau = []` stays a plain list; the fixture mixes both forms
    // (checked clean above); a wrong UAI in a named partner is found at its entry.
    let d = TempDossier::fixture("reel");
    d.edit("ldm.toml", "uai = \"0271580W\"", "uai = \"0271580A\"");
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    assert!(
        found.contains(&("uai-cle-incorrecte".into(), "ldm.toml".into(), 18)),
        "{found:?}"
    );
}

#[test]
fn a_person_with_dated_functions_or_an_added_role_is_not_contradictory() {
    let d = TempDossier::copy(&example(), "lycee");
    let f = "criteres/4-partenariats/critere.md";
    d.edit(
        f,
        "  - {nom: \"Faure\", prenom: \"Nicolas\", fonction: \"Professeur de logistique\", depuis: 2025}",
        "  - {nom: \"Faure\", prenom: \"Nicolas\", fonction: \"Professeur de logistique, référent entreprises\", depuis: 2025}",
    );
    let (_, found) = findings(&d);
    assert!(
        !found.iter().any(|(r, _, _)| r == "fonction-incoherente"),
        "{found:?}"
    );
    // CPE in 2017, helping the bureau des entreprises in 2024: dated, not contradictory.
    d.edit(
        f,
        "{nom: \"Faure\", prenom: \"Nicolas\", fonction: \"Professeur de logistique, référent entreprises\", depuis: 2025}",
        "{nom: \"Vasseur\", prenom: \"Inès\", fonction: \"CPE (2017)\"}",
    );
    d.edit(
        "criteres/4-partenariats/engagements/tableau-de-bord-bureau-des-entreprises.md",
        "{nom: \"Faure\", prenom: \"Nicolas\", fonction: \"Professeur de logistique\"}",
        "{nom: \"Vasseur\", prenom: \"Inès\", fonction: \"Appui au bureau des entreprises (2024)\"}",
    );
    let (_, found) = findings(&d);
    assert!(
        !found.iter().any(|(r, _, _)| r == "fonction-incoherente"),
        "{found:?}"
    );
    // Two undated functions still contradict each other.
    d.edit(f, "fonction: \"CPE (2017)\"", "fonction: \"CPE\"");
    let (_, found) = findings(&d);
    assert!(
        found.iter().any(|(r, _, _)| r == "fonction-incoherente"),
        "{found:?}"
    );
}

#[test]
fn an_engagement_without_its_measure_at_n_is_found_at_its_measures() {
    let d = TempDossier::copy(&example(), "lycee");
    let f = "criteres/4-partenariats/engagements/tableau-de-bord-bureau-des-entreprises.md";
    d.edit(f, "mesures: {2026: 148}", "mesures: {2025: 148}");
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    let line = d
        .read(f)
        .lines()
        .position(|l| l.contains("{2025: 148}"))
        .unwrap() as u64
        + 1;
    assert!(
        found.contains(&("mesure-a-n-manquante".into(), f.into(), line)),
        "{found:?}"
    );
}

#[test]
fn a_fiche_starting_before_the_previous_label_is_found_at_its_start() {
    let d = TempDossier::copy(&example(), "lycee");
    let f = "criteres/4-partenariats/actions/job-dating.md";
    d.edit(
        f,
        "periode: {debut: 2021, fin: 2026}",
        "periode: {debut: 2012, fin: 2026}",
    );
    let (_, found) = findings(&d);
    assert!(
        found.contains(&("fiche-anterieure-au-label".into(), f.into(), 3)),
        "{found:?}"
    );
}

#[test]
fn a_requirement_of_another_criterion_needs_criteres_associes() {
    let d = TempDossier::copy(&example(), "lycee");
    let f = "criteres/4-partenariats/actions/job-dating.md";
    d.edit(
        f,
        "exigences: [\"4.1\", \"4.3\"]",
        "exigences: [\"4.1\", \"4.3\", \"2.1\"]",
    );
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    assert!(
        found.contains(&("exigence-hors-critere".into(), f.into(), 6)),
        "{found:?}"
    );
    d.edit(f, "\"2.1\"]", "\"2.1\"]\ncriteres_associes: [2]");
    let (_, found) = findings(&d);
    assert!(
        !found.iter().any(|(r, _, _)| r == "exigence-hors-critere"),
        "{found:?}"
    );
}

#[test]
fn evidence_links_are_checked_for_form_never_fetched() {
    let d = TempDossier::copy(&example(), "lycee");
    let f = "criteres/4-partenariats/actions/job-dating.md";
    d.edit(
        f,
        "  - preuves/4-partenariats/bilan-job-dating-2026.md\n---",
        "  - preuves/4-partenariats/bilan-job-dating-2026.md\n  - https://www.paris-normandie.fr/job-dating\n  - htp:/paris-normandie.fr\n  - \"[Page de l'ENT](https://ent.example.fr/une page)\"\n  - \"javascript:alert(1)\"\n---",
    );
    let (code, found) = findings(&d);
    assert_eq!(code, 1);
    let bad: Vec<u64> = found
        .iter()
        .filter(|(r, _, _)| r == "preuve-adresse-invalide")
        .map(|(_, _, l)| *l)
        .collect();
    let first = d.read(f).lines().position(|l| l.contains("htp:/")).unwrap() as u64 + 1;
    assert_eq!(bad, vec![first, first + 1, first + 2], "{found:?}");
    assert!(
        !found.iter().any(|(r, _, _)| r == "preuve-introuvable"),
        "{found:?}"
    );
}

#[test]
fn a_measure_written_twice_in_a_school_year_is_named_by_its_key() {
    let d = TempDossier::fixture("reel");
    let job = "criteres/4-partenariats/actions/job-dating.md";
    d.edit(
        job,
        "          2023-2024: 27\n",
        "          2023-2024: 27\n          2023-2024: 28\n",
    );
    let out = d.ldm().args(["check", "."]).run();
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("l'année 2023-2024 est écrite deux fois"),
        "{}",
        out.stdout
    );
}

/// Criterion `n`'s counts of actions in the JSON report.
#[cfg(unix)]
fn actions_of_criterion(dossier: &TempDossier, n: u64) -> Value {
    let json = dossier
        .ldm()
        .args(["check", ".", "--format", "json"])
        .run()
        .json();
    json["dossiers"][0]["criteres"]
        .as_array()
        .expect("criteres is a list")
        .iter()
        .find(|c| c["numero"] == n)
        .map(|c| c["actions"].clone())
        .expect("criterion listed")
}

#[cfg(unix)]
#[test]
fn a_symlinked_copy_of_a_fiche_is_counted_once_and_points_to_criteres_associes() {
    let d = TempDossier::fixture("reel");
    let before = actions_of_criterion(&d, 8);
    let (_, mut want) = findings(&d);
    let link = "criteres/8-communication/actions/job-dating.md";
    std::os::unix::fs::symlink("../../4-partenariats/actions/job-dating.md", d.join(link)).unwrap();
    let (code, found) = findings(&d);
    // One warning more, no finding twice: the fiche is read once, at its own place.
    assert_eq!(code, 0, "{found:?}");
    want.push(("fichier-ignore".into(), link.into(), 0));
    assert_eq!(found, want);
    assert_eq!(actions_of_criterion(&d, 8), before);
    let out = d.ldm().args(["check", "."]).run();
    assert!(
        out.stdout.contains(&fr(
            "lien vers la fiche « criteres/4-partenariats/actions/job-dating.md »"
        )) && out.stdout.contains("criteres_associes"),
        "{}",
        out.stdout
    );
}
