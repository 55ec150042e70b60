//! `ldm bilan`: the bilan annuel of one year — the figures of that year and the comité
//! de pilotage's text from `bilans/<année>.md` — and `ldm check` on those files.

use crate::common::*;
use crate::complete::words;

const COMITE: &str = "criteres/1-offre-de-formation/actions/comite-annuel-offre-de-formation.md";

#[test]
fn le_bilan_2024_de_l_exemple_a_les_mesures_de_l_annee_et_le_texte_du_comite() {
    let md = run(example(), &["bilan", "--annee", "2024", "--format", "md"]);
    md.success()
        .stdout_has("# Bilan annuel 2024 — Lycée polyvalent Marie Marvingt")
        .stdout_has("Le comité de l'offre de formation tient ses trois réunions annuelles")
        .stdout_has("| Nombre de réunions annuelles du comité de l'offre de formation | 3 (hausse) | 2021 : 1<br>2024 : 3 | 100 % (attendu 60 %) | **atteint** |")
        .stdout_has("## Décisions")
        .stdout_has("## Priorités pour l'année suivante")
        .stdout_lacks("2026 : ");
    // The committee's analysis of a criterion sits under that criterion's heading.
    let at = |s: &str| md.stdout.find(&fr(s)).unwrap();
    assert!(at("## Critère 4") < at("Le job dating réunit 27 entreprises"));
    assert!(at("Le job dating réunit 27 entreprises") < at("## Critère 5"));

    let html = run(example(), &["bilan", "--annee", "2025"]);
    html.success()
        .stdout_has("<meta name=\"generator\" content=\"ldm\">")
        .stdout_has("Le rectorat a accepté la coloration fret aérien")
        .stdout_has("<strong>atteint</strong>");
}

#[test]
fn le_bilan_d_une_annee_est_le_meme_depuis_la_revision_git_de_cette_annee() {
    let d = TempDossier::copy(&example(), "lycee");
    git(d.path(), &["init", "-q"]);
    git(d.path(), &["add", "-A"]);
    git(d.path(), &["commit", "-qm", "bilan 2024"]);
    git(d.path(), &["tag", "bilan-2024"]);
    // A year later: a measure of 2025, a committee's text of 2025.
    d.edit(
        COMITE,
        "          2024: 3\n",
        "          2024: 3\n          2025: 2\n",
    );
    d.write(
        "bilans/2025.md",
        "# Analyse\n\n# Décisions\n\nAucune.\n\n# Priorités pour l'année suivante\n\nAucune.\n",
    );
    git(d.path(), &["commit", "-qam", "2025"]);
    let today = d
        .ldm()
        .args(["bilan", "--annee", "2024", "--format", "md"])
        .run();
    let then = d
        .ldm()
        .args([
            "bilan",
            "--annee",
            "2024",
            "--format",
            "md",
            "--git",
            "bilan-2024",
        ])
        .run();
    today.success();
    then.success();
    assert_eq!(today.stdout, then.stdout);
    let later = d
        .ldm()
        .args(["bilan", "--annee", "2025", "--format", "md"])
        .run();
    later
        .success()
        .stdout_has("| 2021 : 1<br>2024 : 3<br>2025 : 2 |");
    // The revision is read, not the working tree: it has no measure of 2025.
    let before = d
        .ldm()
        .args([
            "bilan",
            "--annee",
            "2025",
            "--format",
            "md",
            "--git",
            "bilan-2024",
        ])
        .run();
    before.success().stdout_lacks("2024 : 3<br>2025 : 2 |");
}

#[test]
fn ldm_check_situe_ce_qui_manque_dans_un_bilan() {
    let d = TempDossier::copy(&example(), "lycee");
    d.remove("bilans/2025.md");
    d.ldm()
        .args(["bilan", "--annee", "2025", "--nouveau"])
        .run()
        .success()
        .stdout_has("écrit : bilans/2025.md");
    d.ldm()
        .args(["bilan", "--annee", "2025", "--nouveau"])
        .run()
        .code(2)
        .stderr_has("bilans/2025.md existe déjà");
    let line = d
        .read("bilans/2025.md")
        .lines()
        .position(|l| l == "À compléter")
        .unwrap()
        + 1;
    d.edit("bilans/2024.md", "# Décisions", "# Choix");
    d.write("bilans/bilan-2023.md", "# Analyse\n");
    let out = d.ldm().args(["check", "--format", "json"]).run();
    let found = out.code(1).findings();
    let has = |rule: &str, file: &str| found.iter().any(|(r, f, _)| r == rule && f == file);
    assert!(
        found.contains(&(
            "texte-a-completer".into(),
            "bilans/2025.md".into(),
            line as u64
        )),
        "{out}"
    );
    assert!(has("section-manquante", "bilans/2024.md"), "{out}");
    assert!(has("fichier-ignore", "bilans/bilan-2023.md"), "{out}");
}

/// `ldm bilan --annee <annee> . --format <format> -o FILE` in the example: the file's bytes.
fn bilan(annee: &str, format: &str) -> Vec<u8> {
    written(&example(), &["bilan", "--annee", annee], format)
}

/// The text of a DOCX's body, a space between paragraphs, cells and line breaks.
fn docx_text(docx: &[u8]) -> String {
    use quick_xml::events::Event;
    let xml = crate::docx::part(docx, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut text = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::End(e) if e.name().into_inner() == "w:p" => text.push(' '),
            Event::Empty(e) if matches!(e.name().into_inner(), "w:br" | "w:tab") => text.push(' '),
            e => text.push_str(&crate::docx::e_text(&e).unwrap_or_default()),
        }
    }
    text
}

/// What the bilan of `annee` must hold, as words: each indicator's measure of that year
/// (« 2025 : 85 % ») and its status, from `ldm progress --format json`; each paragraph
/// of the committee's text in `bilans/<annee>.md`.
fn expected(annee: &str) -> Vec<String> {
    let out = run(
        example(),
        &["progress", "--annee", annee, "--format", "json"],
    );
    let progress: serde_json::Value = serde_json::from_str(&out.success().stdout).unwrap();
    let year: i64 = annee.parse().unwrap();
    let mut want = Vec::new();
    let indicateurs = progress["criteres"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            c["fiches"].as_array().unwrap().iter().flat_map(|f| {
                f["objectifs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|o| o["indicateurs"].as_array().unwrap())
            })
        });
    for i in indicateurs {
        let measures = i["mesures"].as_array().unwrap();
        for m in measures
            .iter()
            .filter(|m| m["annee"].as_i64() == Some(year))
        {
            let v = grouped(m["valeur"].as_f64().unwrap());
            want.push(words(&format!("{year} : {v}")));
        }
        want.push(words(&i["statut"].as_str().unwrap().replace('-', " ")));
    }
    assert!(
        want.len() > 20,
        "the example measures its indicators in {annee}"
    );
    let comite = std::fs::read_to_string(example().join(format!("bilans/{annee}.md"))).unwrap();
    let comite = ldm::markup::without_comments(&comite);
    // Line by line, list marks off: a list's items are apart in HTML and DOCX.
    for line in comite.lines().filter(|l| !l.starts_with('#')) {
        let line = line.trim_start_matches(|c: char| "-*+> .".contains(c) || c.is_ascii_digit());
        if !line.is_empty() {
            want.push(words(line));
        }
    }
    want
}

/// A number as the bilan writes it: digit groups from five digits, a decimal comma
/// (« 9800 », « 39 600 », « 2,5 »).
fn grouped(v: f64) -> String {
    let s = v.to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && int.len() > 4 && (int.len() - k) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out = format!("{out},{frac}");
    }
    out
}

#[test]
fn les_deux_bilans_de_l_exemple_ont_mesures_statuts_et_texte_du_comite_dans_les_quatre_formats() {
    for annee in ["2024", "2025"] {
        let want = expected(annee);
        let docx = bilan(annee, "docx");
        assert_eq!(docx, bilan(annee, "docx"), "{annee} : same DOCX twice");
        #[cfg_attr(not(feature = "pdf"), allow(unused_mut))]
        let mut texts = vec![
            ("html", String::from_utf8(bilan(annee, "html")).unwrap()),
            ("md", String::from_utf8(bilan(annee, "md")).unwrap()),
            ("docx", docx_text(&docx)),
        ];
        #[cfg(feature = "pdf")]
        {
            let pdf = bilan(annee, "pdf");
            assert_eq!(pdf, bilan(annee, "pdf"), "{annee} : same PDF twice");
            texts.push(("pdf", pdf_text(&pdf, Reading::Layout)));
        }
        for (format, text) in texts {
            let text = words(&text);
            let missing: Vec<&String> = want.iter().filter(|w| !text.contains(*w)).collect();
            assert!(
                missing.is_empty(),
                "bilan {annee} en {format} : il manque {missing:#?}"
            );
        }
    }
}
