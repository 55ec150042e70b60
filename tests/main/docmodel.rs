//! The document model's promise (issue 29): a document laid out once reads the same in
//! every format. The example's annex and rapport d'audit, table by table and cell by
//! cell, in HTML (scraper), Markdown (comrak's tables), DOCX (the cells of
//! `word/document.xml`) and PDF (pdftotext, cells in reading order); and each label of
//! the annex's and the rapport's tables typed in one file.

use crate::common::*;
use crate::docx::{part, read_body};

/// The cells of a document: tables → rows → cells, each cell's text with its spaces
/// made plain and collapsed; empty cells left out (the places a span covers, which
/// Markdown and Word write as empty cells), then empty rows (a Markdown label/value
/// table's empty heading row).
type Cells = Vec<Vec<Vec<String>>>;

fn norm(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn tables(rows: Vec<Vec<Vec<String>>>) -> Cells {
    rows.into_iter()
        .map(|t| {
            t.into_iter()
                .map(|r| {
                    let cells = r.iter().map(|c| norm(c));
                    cells.filter(|c| !c.is_empty()).collect::<Vec<_>>()
                })
                .filter(|r| !r.is_empty())
                .collect()
        })
        .collect()
}

fn html_cells(html: &str) -> Cells {
    // A line break reads as a space, as between a cell's paragraphs.
    let page = scraper::Html::parse_document(&html.replace("<br>", " <br>"));
    let table = scraper::Selector::parse("table").unwrap();
    let row = scraper::Selector::parse("tr").unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    let all = page.select(&table).map(|t| {
        t.select(&row)
            .map(|r| r.select(&cell).map(|c| c.text().collect()).collect())
            .collect()
    });
    tables(all.collect())
}

#[cfg(feature = "pdf")]
/// The texts of the cells spanning several rows, which typst draws after the rows they
/// span: the PDF has them, not in the reading order of the other cells.
fn html_row_spans(html: &str) -> Vec<String> {
    let page = scraper::Html::parse_document(html);
    let spans = scraper::Selector::parse("td[rowspan], th[rowspan]").unwrap();
    page.select(&spans)
        .map(|c| norm(&c.text().collect::<String>()))
        .collect()
}

/// The PDF's text has every cell of `html`, in order, spanning cells anywhere.
#[cfg(feature = "pdf")]
fn pdf_agrees(html: &str, text: &str) -> Result<(), String> {
    let spans = html_row_spans(html);
    let mut cells = html_cells(html);
    for r in cells.iter_mut().flatten() {
        r.retain(|c| !spans.contains(c));
    }
    if let Some(c) = missing_in_order(&cells, text) {
        return Err(c);
    }
    let squeezed = norm(text).replace(' ', "");
    match spans
        .iter()
        .find(|s| !squeezed.contains(&s.replace(' ', "")))
    {
        Some(s) => Err(s.clone()),
        None => Ok(()),
    }
}

fn md_cells(md: &str) -> Cells {
    use comrak::nodes::NodeValue;
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    // A `<br>` inside a cell breaks the line, which reads as a space, as in `html_cells`
    // (comrak's text of a cell leaves the raw HTML out).
    let md = md.replace("<br>", " <br>");
    let root = comrak::parse_document(&arena, &md, &options);
    let all = root
        .descendants()
        .filter(|n| matches!(n.data().value, NodeValue::Table(_)))
        .map(|t| {
            t.children()
                .map(|r| r.children().map(|c| c.collect_text()).collect())
                .collect()
        });
    tables(all.collect())
}

fn docx_cells(docx: &[u8]) -> Cells {
    let body = read_body(&part(docx, "word/document.xml"));
    tables(
        body.tables
            .into_iter()
            .map(|t| t.into_iter().map(|r| r.cells).collect())
            .collect(),
    )
}

/// Every cell of `cells` found in `text` in their order (whitespace and list marks
/// ignored, as a PDF's lines wrap where the page wants): the first cell missing or out
/// of order, if any.
fn missing_in_order(cells: &Cells, text: &str) -> Option<String> {
    let squeeze = |s: &str| -> String {
        norm(s)
            .chars()
            // List marks: the PDF draws them, HTML cells hold them as `<li>`. A soft hyphen
            // where a word was hyphenated; a zero-width space where a wide table's
            // identifier may break after its underscore.
            .filter(|c| !matches!(c, ' ' | '\u{ad}' | '•' | '‣' | '\u{200b}'))
            .collect()
    };
    let text = squeeze(text);
    let mut at = 0;
    for cell in cells.iter().flatten().flatten().filter(|c| !c.is_empty()) {
        match text[at..].find(&squeeze(cell)) {
            Some(i) => at += i + squeeze(cell).len(),
            None => return Some(cell.clone()),
        }
    }
    None
}

fn rapport(format: &str) -> Vec<u8> {
    written(&example(), &["audit", "render"], format)
}

#[test]
fn le_rapport_d_audit_a_les_memes_cellules_dans_les_quatre_formats() {
    let page = String::from_utf8(rapport("html")).unwrap();
    let html = html_cells(&page);
    assert!(
        html.len() >= 8,
        "identity, auditors, synthesis, écarts, criteria, scales"
    );
    assert_eq!(
        md_cells(&String::from_utf8(rapport("md")).unwrap()),
        html,
        "Markdown"
    );
    assert_eq!(docx_cells(&rapport("docx")), html, "DOCX");
    #[cfg(feature = "pdf")]
    assert_eq!(
        pdf_agrees(&page, &pdf_text(&rapport("pdf"), Reading::Raw)),
        Ok(()),
        "PDF"
    );
}

#[test]
fn le_tableau_de_bord_a_les_memes_cellules_en_html_markdown_et_pdf() {
    let tableau = |f| written(&example(), &["progress"], f);
    let page = String::from_utf8(tableau("html")).unwrap();
    let html = html_cells(&page);
    assert!(html.len() > 20, "the summary and every fiche's indicators");
    let measure = "2022 : 0";
    assert!(html.iter().flatten().flatten().any(|c| c.contains(measure)));
    assert_eq!(
        md_cells(&String::from_utf8(tableau("md")).unwrap()),
        html,
        "Markdown"
    );
    #[cfg(feature = "pdf")]
    {
        let pdf = tableau("pdf");
        assert_eq!(pdf, tableau("pdf"), "same dossier, same bytes");
        assert_eq!(
            pdf_agrees(&page, &pdf_text(&pdf, Reading::Raw)),
            Ok(()),
            "PDF"
        );
    }
}

#[test]
fn une_cellule_de_moins_dans_un_format_se_voit() {
    let html = html_cells(&String::from_utf8(rapport("html")).unwrap());
    let md = String::from_utf8(rapport("md")).unwrap();
    let cell = "Étendre les journées inter-statuts";
    let line = md.lines().find(|l| l.contains(cell)).unwrap();
    let dropped: Vec<&str> = line.split(" | ").filter(|c| !c.contains(cell)).collect();
    let md = md.replace(line, &dropped.join(" | "));
    assert_ne!(md_cells(&md), html);
    let text: String = html
        .iter()
        .flatten()
        .flatten()
        .map(|c| format!("{c}\n"))
        .collect();
    assert_eq!(missing_in_order(&html, &text), None);
    let text = text.replacen("Étendre les journées inter-statuts", "", 1);
    assert!(missing_in_order(&html, &text).is_some_and(|c| c.contains(cell)));
}

#[test]
fn l_annexe_des_preuves_a_les_memes_cellules_en_html_markdown_et_pdf() {
    let preuves = |f| written(&example(), &["render", "--preuves"], f);
    let page = String::from_utf8(preuves("html")).unwrap();
    let html = html_cells(&page);
    assert_eq!(
        html.len(),
        20,
        "the index, the example's eight CSV files and its Markdown evidence's tables"
    );
    let row = [
        "14",
        "Absenteisme mensuel 2024-2025 preuves/7-decrochage-scolaire/absenteisme-mensuel-2024-2025.csv",
    ];
    assert!(html[0].iter().any(|r| r[..2] == row), "{:?}", html[0]);
    // The index's last column: « Page », each evidence's a link « voir » to its heading.
    assert_eq!(html[0][0].last().map(String::as_str), Some("Page"));
    assert!(html[0][1..].iter().all(|r| r.last().unwrap() == "voir"));
    assert_eq!(
        md_cells(&String::from_utf8(preuves("md")).unwrap()),
        html,
        "Markdown"
    );
    // The PDF has every other cell in order; its page numbers in place of « voir » are
    // checked by `l_index_des_preuves_donne_la_page_de_chaque_preuve`.
    #[cfg(feature = "pdf")]
    assert_eq!(
        pdf_agrees(
            &page.replace(">voir</a>", "></a>"),
            &pdf_text(&preuves("pdf"), Reading::Raw)
        ),
        Ok(()),
        "PDF"
    );
}

#[test]
fn la_comparaison_des_dossiers_a_les_memes_cellules_dans_les_quatre_formats() {
    let diff = |f| written(&example(), &["diff", "../lycee-marie-marvingt-2021"], f);
    let page = String::from_utf8(diff("html")).unwrap();
    let html = html_cells(&page);
    assert!(
        html.len() > 8,
        "the summary, the engagements' fates, the teams"
    );
    let fates: Vec<&String> = html.iter().flatten().filter_map(|r| r.get(1)).collect();
    for fate in ["tenu", "reconduit", "abandonné"] {
        assert!(fates.iter().any(|f| *f == fate), "« {fate} » in {fates:?}");
    }
    let docx = diff("docx");
    assert_eq!(docx_cells(&docx), html, "DOCX");
    let md = String::from_utf8(diff("md")).unwrap();
    assert_eq!(md_cells(&md), html, "Markdown");
    assert!(!md.contains("<table"), "GFM tables, no HTML table: {md}");
    #[cfg(feature = "pdf")]
    assert_eq!(
        pdf_agrees(&page, &pdf_text(&diff("pdf"), Reading::Raw)),
        Ok(()),
        "PDF"
    );
    // Each fate in its colour, the same in the page and in Word, its word still written.
    let document = part(&docx, "word/document.xml");
    for (fate, class, colour) in [
        ("tenu", "ton-ajout", "1b7f3b"),
        ("reconduit", "ton-suite", "1668a8"),
        ("abandonné", "ton-retrait", "b3261e"),
    ] {
        let span = format!("<span class=\"{class}\"><strong>{fate}</strong></span>");
        assert!(page.contains(&span), "no {span}");
        assert!(page.contains(&format!(".{class} {{ color: #{colour};")));
        let runs = runs_of(&document, fate);
        assert!(
            runs.iter().any(|r| r.0 == colour),
            "« {fate} » in Word: {runs:?}"
        );
    }
    // A text's insertions on a green ground, its deletions on a red one; never Word's
    // tracked changes, which would ask the reader to accept them.
    assert!(page.contains("<span class=\"ton-insere\"><strong>"));
    assert!(page.contains("<span class=\"ton-supprime\"><del>"));
    for ground in ["e3f4e6", "fbe4e2"] {
        assert!(
            document.contains(&format!("w:fill=\"{ground}\"")),
            "no run on {ground}"
        );
    }
    assert!(!document.contains("<w:ins ") && !document.contains("<w:del "));
}

/// The colour and ground of each Word run whose text is `text`.
fn runs_of(document: &str, text: &str) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(document);
    let (mut out, mut run) = (Vec::new(), (String::new(), String::new(), String::new()));
    let attr = |e: &quick_xml::events::BytesStart, name: &str| {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .map(|a| a.value.to_string())
            .unwrap_or_default()
    };
    loop {
        let event = r.read_event().unwrap();
        if let Some(t) = crate::docx::e_text(&event) {
            run.2.push_str(&t);
        }
        match event {
            Event::Eof => break,
            Event::Start(e) if e.name().0 == "w:r" => run = Default::default(),
            Event::Empty(e) if e.name().0 == "w:color" => run.0 = attr(&e, "w:val"),
            Event::Empty(e) if e.name().0 == "w:shd" => run.1 = attr(&e, "w:fill"),
            Event::End(e) if e.name().0 == "w:r" && run.2 == text => {
                out.push((run.0.clone(), run.1.clone()));
            }
            _ => {}
        }
    }
    out
}

/// A CSV of fourteen columns with long identifiers as headings, cited by a fiche.
#[cfg(feature = "pdf")]
fn wide_csv() -> String {
    let head: Vec<String> = (1..=14)
        .map(|k| format!("taux_absenteisme_periode_{k:02}_eleves_internes"))
        .collect();
    let mut csv = head.join(";") + "\n";
    for r in 1..=6 {
        let row: Vec<String> = (1..=14)
            .map(|k| match k {
                1 => format!("Bac pro Aéronautique option avions à turbines, groupe {r}"),
                _ => format!("{},{}", r * 7 + k, k % 10),
            })
            .collect();
        csv += &(row.join(";") + "\n");
    }
    csv
}

#[cfg(feature = "pdf")]
#[test]
fn un_csv_tres_large_tient_dans_sa_page_avec_chaque_cellule_lisible() {
    let d = TempDossier::fixture("valide");
    let csv = wide_csv();
    d.write("preuves/2-partenariats/absenteisme-internat.csv", &csv)
        .edit(
            "criteres/2-partenariats/engagements/bureau-des-entreprises.md",
            "preuves: []",
            "preuves: [preuves/2-partenariats/absenteisme-internat.csv]",
        );
    let out = d.join("preuves.pdf");
    Ldm::new()
        .current_dir(d.path())
        .args(["render", ".", "--preuves", "-o"])
        .arg(&out)
        .run()
        .success();
    let pdf = std::fs::read(&out).unwrap();
    let text = pdf_text(&pdf, Reading::Raw);
    let cells: Cells = vec![
        csv.lines()
            .map(|l| l.split(';').map(str::to_string).collect())
            .collect(),
    ];
    assert_eq!(missing_in_order(&cells, &text), None, "{text}");
    // Its page is landscape: wider than high.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let wide = doc.get_pages().values().any(|id| {
        let page = doc.get_dictionary(*id).unwrap();
        let b = page.get(b"MediaBox").and_then(|b| b.as_array()).unwrap();
        let n = |k: usize| {
            b[k].as_float()
                .unwrap_or_else(|_| b[k].as_i64().unwrap() as f32)
        };
        n(2) - n(0) > n(3) - n(1)
    });
    assert!(wide, "no landscape page");
}

/// The rapport's wording of the guide, each label typed in one source file: a Rust string
/// literal (`"Avis proposé"`) or a template's cell (`>Avis proposé<`, `| Avis proposé |`).
const LABELS: &[&str] = &[
    "Avis proposé",
    "Synthèse par critère",
    "Plan d'audit",
    "Écarts",
    "Les auditeurs",
    "Date de la visite",
    "Correction attendue",
    "Échéance",
    "Conformité",
    "Efficacité",
    "Constats",
    "Les échelles de l'audit",
];

#[test]
fn chaque_libelle_du_rapport_est_ecrit_dans_un_seul_fichier() {
    let html = String::from_utf8(rapport("html")).unwrap();
    each_typed_once(LABELS, &html, |label| format!(">{label}<"));
}

/// Each of `labels` shown in `html` (as `shown` writes it) and typed in exactly one file
/// under `src/` and `templates/`.
fn each_typed_once(labels: &[&str], html: &str, shown: impl Fn(&str) -> String) {
    let files = sources();
    for label in labels {
        let shown = shown(label);
        assert!(html.contains(&shown), "« {shown} » is in the document");
        let typed = typed_in(&files, label);
        assert_eq!(typed.len(), 1, "« {label} » typed in {typed:?}");
    }
}

/// Cells compared through their letters alone: a prose cell's paragraphs and list items
/// are joined without spaces in HTML, by `<br>` and « - » in a Markdown cell, with « • »
/// in Word, and its lines wrap anywhere in a PDF.
fn letters(cells: &Cells) -> Cells {
    let keep = |c: &String| -> String {
        c.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '•' | '\u{ad}'))
            .collect()
    };
    cells
        .iter()
        .map(|t| t.iter().map(|r| r.iter().map(keep).collect()).collect())
        .collect()
}

fn annexe(format: &str) -> Vec<u8> {
    written(&example(), &["render"], format)
}

#[test]
fn l_annexe_a_les_memes_cellules_dans_les_quatre_formats() {
    let page = String::from_utf8(annexe("html")).unwrap();
    let html = html_cells(&page);
    assert!(html.len() > 60, "every fiche's tables: {}", html.len());
    let target = html
        .iter()
        .flatten()
        .flatten()
        .any(|c| c.contains("Cible : 16 (hausse)"));
    assert!(target, "the small print under an indicator is in its cell");
    let md = md_cells(&String::from_utf8(annexe("md")).unwrap());
    assert_eq!(letters(&md), letters(&html), "Markdown");
    assert_eq!(
        letters(&docx_cells(&annexe("docx"))),
        letters(&html),
        "DOCX"
    );
    #[cfg(feature = "pdf")]
    assert_eq!(
        pdf_agrees(&page, &pdf_text(&annexe("pdf"), Reading::Raw)),
        Ok(()),
        "PDF"
    );
}

/// The wording of the annex's tables (the guide's section E), each label typed in one
/// source file.
const ANNEX_LABELS: &[&str] = &[
    "Durée action",
    "Action pérenne",
    "Exigences du cahier des charges",
    "OBJECTIFS INDICATEURS ÉVALUATION",
    "Plus-value",
    "PLANIFICATION - OBJECTIFS - INDICATEURS - ÉVALUATION",
    "Animateur engagement",
    "Durée de l'action",
    "Synoptique des critères",
    "Exigences couvertes",
    "Liste des preuves",
    "Le collectif de travail",
    "Rôles dans la démarche",
    "Nature de la candidature",
    "Domaine d'auto-évaluation de l'établissement",
    "Axe du contrat d'objectifs tripartite",
    "MISE EN ŒUVRE (moyens engagés, calendrier, lieux, modalités d'organisation)",
    "Mesure début (N)",
    "Mesure suivi 2 (N+3)",
    "Mesure fin (N+5)",
];

#[test]
fn chaque_libelle_de_l_annexe_est_ecrit_dans_un_seul_fichier() {
    let html = String::from_utf8(annexe("html")).unwrap();
    // The N / N+3 / N+5 headings are dated in the example's fiches.
    each_typed_once(ANNEX_LABELS, &html, |label| {
        label.split(" (N").next().unwrap().to_string()
    });
}

/// Every file under `src/` and `templates/`, with its text.
fn sources() -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    for dir in ["src", "templates"] {
        for e in walkdir::WalkDir::new(root().join(dir)) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                files.push((e.path().to_path_buf(), text));
            }
        }
    }
    files
}

/// The files where `label` is typed: a Rust string literal (`"Avis proposé"`) or a
/// template's cell (`>Avis proposé<`, `| Avis proposé |`).
fn typed_in(files: &[(std::path::PathBuf, String)], label: &str) -> Vec<String> {
    let forms = [
        format!("\"{label}\""),
        format!(">{label}<"),
        format!("| {label} |"),
    ];
    files
        .iter()
        .filter(|(_, t)| forms.iter().any(|p| t.contains(p.as_str())))
        .map(|(p, _)| p.display().to_string())
        .collect()
}
