//! `ldm render --format pdf`: the annex laid out by ldm itself, read back with lopdf —
//! headings, page numbers, bookmarks, metadata, same bytes on every run, no code
//! injection from the dossier's text — and the output's format following its extension.

use crate::common::*;

use lopdf::{Document, Object};
use std::path::Path;

/// Renders the PDF annex of `dir` into a temporary file, with no other program reachable
/// (an empty PATH: no browser, LibreOffice or typst), and returns its bytes.
fn pdf_of(dir: &Path) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("annexe.pdf");
    Ldm::new()
        .current_dir(dir)
        .env("PATH", tmp.path())
        .args(["render", ".", "--format", "pdf", "-o"])
        .arg(&out)
        .run()
        .success();
    std::fs::read(&out).unwrap()
}

/// The text of each page, spaces of any kind made plain so that phrases can be searched.
pub(crate) fn pages_text(doc: &Document) -> Vec<String> {
    doc.get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).unwrap())
        .collect()
}

/// The running footer of page `page` of `n`, worded as the Word documents' one.
pub(crate) fn footer(page: usize, n: usize) -> String {
    format!("Page {page} sur {n}")
}

pub(crate) fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn info_string(doc: &Document, key: &[u8]) -> String {
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .unwrap();
    let dict = doc.get_dictionary(info).unwrap();
    let value = dict.get(key).unwrap();
    lopdf::decode_text_string(value).unwrap()
}

#[test]
fn the_example_annex_as_pdf_has_the_guide_pages_numbers_and_bookmarks() {
    let bytes = pdf_of(&example());
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(bytes, pdf_of(&example()), "same dossier, same bytes");
    let doc = Document::load_mem(&bytes).unwrap();
    let pages = pages_text(&doc);
    let n = pages.len();
    assert!(n > 8, "{n} pages for 8 criteria");
    for (i, text) in pages.iter().enumerate() {
        let want = footer(i + 1, n);
        assert!(flat(text).contains(&want), "page {}: no « {want} »", i + 1);
    }
    // pdftotext, as a reader's tools see it, reads the same words as Word's footer.
    let text = flat(&pdf_text(&bytes, Reading::Layout));
    assert!(text.contains(&format!("Page 3 sur {n}")), "{text}");
    let all = flat(&pages.join("\n"));
    let d = ldm::load::load(&example()).unwrap();
    let mut headings = vec![
        "Sommaire".to_string(),
        "Présentation de l'établissement".to_string(),
        "Synoptique des critères".to_string(),
        "Liste des preuves".to_string(),
        "Le collectif de travail".to_string(),
    ];
    for c in &d.criteres {
        let x = c.numero;
        headings.extend([
            format!("ÉTAT DES LIEUX DU CRITÈRE {x}"),
            format!("OBJECTIF GÉNÉRAL DU CRITÈRE {x}"),
            format!("TRANSVERSALITÉ DE LA DÉMARCHE QUALITÉ : CRITÈRE {x}"),
            format!("ÉQUIPE CRITÈRE {x}"),
        ]);
        for i in 1..=c.actions.len() {
            headings.push(format!("Critère {x} : action {i}"));
        }
        for i in 1..=c.engagements.len() {
            headings.push(format!("Critère {x} : engagement {i}"));
        }
    }
    headings.extend([
        "OBJECTIFS INDICATEURS ÉVALUATION".to_string(),
        "MISE EN ŒUVRE (moyens engagés, calendrier, lieux, modalités d'organisation)".to_string(),
        "PLANIFICATION - OBJECTIFS - INDICATEURS - ÉVALUATION".to_string(),
        "Mesure début (2021)".to_string(),
        "Mesure à 2026".to_string(),
    ]);
    for h in &headings {
        assert!(all.contains(&flat(h)), "heading « {h} » not in the PDF");
    }
    // The running header names the school and the campaign.
    assert!(flat(&pages[1]).contains("Lycée des métiers"));
    assert!(flat(&pages[1]).contains("Campagne 2026"));

    // Bookmarks: every criterion, then its actions and engagements beneath it.
    let toc = doc.get_toc().unwrap().toc;
    for c in &d.criteres {
        let x = c.numero;
        let top = format!("Critère {x} — ");
        assert!(
            toc.iter()
                .any(|t| t.level == 1 && t.title.starts_with(&top)),
            "no bookmark « {top}… »"
        );
        for (kind, count) in [
            ("action", c.actions.len()),
            ("engagement", c.engagements.len()),
        ] {
            let under = toc
                .iter()
                .filter(|t| {
                    t.level == 2
                        && t.title
                            .starts_with(&ldm::typo::french(&format!("Critère {x} : {kind} ")))
                })
                .count();
            assert_eq!(under, count, "bookmarks of criterion {x}'s {kind}s");
        }
    }
    // Metadata.
    assert!(info_string(&doc, b"Title").contains("Marie Marvingt"));
    assert!(info_string(&doc, b"Author").contains("Marie Marvingt"));
}

#[test]
fn the_pdf_embeds_its_fonts_and_its_date_comes_only_from_source_date_epoch() {
    let bytes = pdf_of(&example());
    let doc = Document::load_mem(&bytes).unwrap();
    let mut fonts = 0;
    for (_, obj) in doc.objects.iter() {
        let Ok(dict) = obj.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
            fonts += 1;
            assert!(
                [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| dict.has(k)),
                "a font is not embedded"
            );
        }
    }
    assert!(fonts > 0);
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .unwrap();
    assert!(!doc.get_dictionary(info).unwrap().has(b"CreationDate"));

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a.pdf");
    Ldm::new()
        .current_dir(example())
        .env("SOURCE_DATE_EPOCH", "1772323200")
        .args(["render", ".", "-o"])
        .arg(&out)
        .run()
        .success();
    let dated = Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    let info = dated
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .unwrap();
    let date = dated
        .get_dictionary(info)
        .unwrap()
        .get(b"CreationDate")
        .unwrap();
    assert!(
        String::from_utf8_lossy(date.as_str().unwrap()).starts_with("D:20260301"),
        "{date:?}"
    );
}

#[test]
fn typst_markup_in_the_dossier_is_only_text() {
    let d = TempDossier::fixture("valide");
    let job = "criteres/2-partenariats/actions/job-dating.md";
    let nasty = r#"#set page(width: 1cm) $x^2$ [lien] \ *gras* _it_ <etiquette> @ref #eval("1")"#;
    d.edit(
        job,
        "denomination: \"Job dating",
        &format!(
            "denomination: \"{} Job dating",
            nasty.replace('\\', "\\\\").replace('"', "\\\"")
        ),
    );
    d.edit(
        job,
        "# Description\n",
        &format!("# Description\n\n{nasty}\n\n```\n#panic(\"code\")\n```\n"),
    );
    let doc = Document::load_mem(&pdf_of(d.path())).unwrap();
    let text = flat(&pages_text(&doc).join("\n"));
    for shown in [
        "#set page(width: 1cm)",
        "$x^2$",
        "#eval(\"1\")",
        "<etiquette>",
        "@ref",
        "#panic(\"code\")",
    ] {
        assert!(text.contains(shown), "« {shown} » not shown as text");
    }
    // The page size is A4 whatever the dossier says.
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let width = media[2].as_float().unwrap();
    assert!((width - 595.0).abs() < 1.0, "width {width}");
}

#[test]
fn french_typography_in_the_html_and_the_pdf() {
    let html = run(example(), &["render", ".", "-o", "-"])
        .success()
        .stdout
        .clone();
    let page = scraper::Html::parse_document(&html);
    let body = scraper::Selector::parse("body").unwrap();
    let text: String = page.select(&body).flat_map(|b| b.text()).collect();
    assert!(text.contains(ldm::typo::NNBSP) && text.contains(ldm::typo::NBSP));
    assert_eq!(breakable_spaces(&text), Vec::<String>::new(), "HTML");
    let title = scraper::Selector::parse("title").unwrap();
    let title: String = page.select(&title).flat_map(|t| t.text()).collect();
    assert_eq!(breakable_spaces(&title), Vec::<String>::new());

    let md = run(example(), &["render", ".", "--format", "md", "-o", "-"])
        .success()
        .stdout
        .clone();
    assert_eq!(breakable_spaces(&md), Vec::<String>::new(), "Markdown");

    let doc = Document::load_mem(&pdf_of(&example())).unwrap();
    let text = pages_text(&doc).join("\n");
    assert_eq!(breakable_spaces(&text), Vec::<String>::new(), "PDF");
}

#[test]
fn the_output_format_follows_the_extension_and_a_contradiction_is_refused() {
    let d = TempDossier::fixture("valide");
    // No --format: the extension chooses.
    d.ldm()
        .args(["render", ".", "-o", "annexe.pdf"])
        .run()
        .success();
    assert!(
        std::fs::read(d.join("annexe.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    d.ldm()
        .args(["render", ".", "-o", "annexe.md"])
        .run()
        .success();
    assert!(d.read("annexe.md").starts_with("<!-- généré par ldm"));
    // A second run replaces ldm's own PDF; a foreign one is kept.
    d.ldm()
        .args(["render", ".", "-o", "annexe.pdf"])
        .run()
        .success();
    d.write("autre.pdf", "%PDF-1.7 d'un autre\n");
    d.ldm()
        .args(["render", ".", "-o", "autre.pdf"])
        .run()
        .code(2)
        .stderr_has("n'a pas été produit par ldm");
    // --format and the extension disagree: nothing is written.
    d.ldm()
        .args(["render", ".", "--format", "html", "-o", "x.pdf"])
        .run()
        .code(2)
        .stderr_has(
            "« x.pdf » annonce un fichier PDF (.pdf) mais --format html écrit un fichier HTML",
        );
    assert!(!d.join("x.pdf").exists());
    d.ldm()
        .args(["render", ".", "-o", "annexe.odt"])
        .run()
        .code(2)
        .stderr_has("ldm n'écrit pas de fichier .odt");
}

#[test]
fn render_says_how_many_errors_the_dossier_still_has() {
    let out = run(example(), &["render", ".", "-o", "-"]);
    out.success().stderr_has("aucune erreur");
    let d = TempDossier::fixture("identite");
    let errors = ldm::check::check(&ldm::workspace::Workspace::load(d.path()).unwrap())
        .total
        .erreurs;
    assert!(errors > 0);
    d.ldm()
        .args(["render", ".", "-o", "-"])
        .run()
        .success()
        .stderr_has(&format!("encore {errors} erreur"))
        .stderr_has("« À compléter »");
}

/// The tableau de bord of `dir` as PDF (the format chosen by the `.pdf` extension), with
/// no other program reachable.
fn tableau_of(dir: &Path) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("tableau.pdf");
    Ldm::new()
        .current_dir(dir)
        .env("PATH", tmp.path())
        .args(["progress", ".", "-o"])
        .arg(&out)
        .run()
        .success();
    std::fs::read(&out).unwrap()
}

#[test]
fn the_tableau_de_bord_as_pdf_has_its_criteria_tables_charts_and_page_numbers() {
    let bytes = tableau_of(&example());
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(bytes, tableau_of(&example()), "same dossier, same bytes");
    let doc = Document::load_mem(&bytes).unwrap();
    let pages = pages_text(&doc);
    let n = pages.len();
    let p = run(example(), &["progress", ".", "--format", "json"])
        .success()
        .json();
    let criteres = p["criteres"].as_array().unwrap();
    assert!(
        n > criteres.len(),
        "{n} pages for {} criteria",
        criteres.len()
    );
    for (i, text) in pages.iter().enumerate() {
        let want = footer(i + 1, n);
        assert!(flat(text).contains(&want), "page {}: no « {want} »", i + 1);
    }
    assert!(flat(&pages[1]).contains("Tableau de bord des indicateurs"));
    assert!(flat(&pages[1]).contains(&format!("Année {}", p["annee"])));
    let all = flat(&pages.join("\n"));
    let mut headings = vec![
        format!("Tableau de bord des indicateurs — {}", p["annee"]),
        "Synthèse".to_string(),
        "Proches de la cible".to_string(),
    ];
    // The summary's last row: every count under its own heading, in the JSON's order.
    let r = &p["resume"];
    let counts: Vec<String> = [
        "indicateurs",
        "atteint",
        "en_bonne_voie",
        "proche_de_la_cible",
        "en_retard",
        "en_recul",
        "non_mesurable",
    ]
    .iter()
    .map(|k| r[k].to_string())
    .collect();
    headings.push(format!("Ensemble {}", counts.join(" ")));
    let toc = doc.get_toc().unwrap().toc;
    for c in criteres {
        let x = &c["numero"];
        let top = format!("Critère {x} — {}", c["intitule"].as_str().unwrap());
        assert!(
            toc.iter().any(|t| t.level == 1 && t.title == top),
            "no bookmark « {top} »"
        );
        // A long title is hyphenated on the page: its bookmark holds it whole.
        headings.push(format!("Critère {x} — "));
        // Each fiche's table of indicators under its heading.
        headings.push("Objectif Indicateur Cible Mesures Progression Statut".to_string());
        let ind = &c["fiches"][0]["objectifs"][0]["indicateurs"][0];
        headings.push(ind["intitule"].as_str().unwrap().to_string());
    }
    for h in &headings {
        assert!(all.contains(&flat(h)), "« {h} » not in the PDF");
    }
    assert_eq!(breakable_spaces(&pages.join("\n")), Vec::<String>::new());
    assert!(info_string(&doc, b"Title").contains("Tableau de bord"));
}

#[test]
fn progress_pdf_follows_the_extension_and_refuses_a_contradiction() {
    let d = TempDossier::fixture("valide");
    d.ldm()
        .args(["progress", ".", "--format", "pdf", "-o", "t.pdf"])
        .run()
        .success();
    assert!(
        std::fs::read(d.join("t.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    d.ldm()
        .args(["progress", ".", "--format", "html", "-o", "x.pdf"])
        .run()
        .code(2)
        .stderr_has("« x.pdf » annonce un fichier PDF (.pdf) mais --format html");
    d.ldm()
        .args(["progress", ".", "--format", "pdf", "-o", "x.md"])
        .run()
        .code(2);
    assert!(!d.join("x.pdf").exists() && !d.join("x.md").exists());
}
