//! `ldm render --format docx`: the annex as a Word document, read back from its zip and
//! its `word/document.xml` — Word tables with header rows, heading styles, page-number
//! fields, French language and properties, same bytes on every run — and converted by
//! LibreOffice (required under CI).

use crate::common::*;

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::Read;
use std::path::Path;

/// Renders the Word annex of `dir` into a temporary file and returns its bytes.
fn docx_of(dir: &Path, envs: &[(&str, &str)]) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("annexe.docx");
    let mut ldm = Ldm::new()
        .current_dir(dir)
        .args(["render", ".", "--format", "docx", "-o"]);
    ldm = ldm.arg(&out);
    for (k, v) in envs {
        ldm = ldm.env(k, v);
    }
    ldm.run().success();
    std::fs::read(&out).unwrap()
}

pub(crate) fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[derive(Debug, Default)]
pub(crate) struct Row {
    pub(crate) header: bool,
    pub(crate) cells: Vec<String>,
}

/// What a reader of the document sees: headings by level, top-level tables, all the text.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub(crate) headings: Vec<(String, String)>,
    pub(crate) tables: Vec<Vec<Row>>,
    pub(crate) text: String,
}

pub(crate) fn read_body(xml: &str) -> Body {
    let mut r = Reader::from_str(xml);
    let mut body = Body::default();
    let (mut depth, mut in_text) = (0, false);
    let (mut style, mut para, mut cell) = (String::new(), String::new(), String::new());
    loop {
        let event = r.read_event().unwrap();
        match event.clone() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().0 == "w:tbl" => {
                depth += 1;
                if depth == 1 {
                    body.tables.push(Vec::new());
                }
            }
            Event::End(e) if e.name().0 == "w:tbl" => depth -= 1,
            Event::Start(e) if depth == 1 && e.name().0 == "w:tr" => {
                body.tables.last_mut().unwrap().push(Row::default());
            }
            Event::Empty(e) if depth == 1 && e.name().0 == "w:tblHeader" => {
                let row = body.tables.last_mut().unwrap().last_mut().unwrap();
                row.header = true;
            }
            Event::End(e) if depth == 1 && e.name().0 == "w:tc" => {
                let row = body.tables.last_mut().unwrap().last_mut().unwrap();
                row.cells.push(std::mem::take(&mut cell).trim().to_string());
            }
            Event::Empty(e) if e.name().0 == "w:pStyle" => {
                let v = e.try_get_attribute("w:val").unwrap().unwrap();
                style = v.value.to_string();
            }
            Event::Start(e) if e.name().0 == "w:t" => in_text = true,
            Event::End(e) if e.name().0 == "w:t" => in_text = false,
            // Entities (`&apos;`) come as references between pieces of text.
            Event::Text(_) | Event::GeneralRef(_) if in_text => {
                let t = match e_text(&event) {
                    Some(t) => t,
                    None => continue,
                };
                para.push_str(&t);
                if depth >= 1 {
                    cell.push_str(&t);
                }
            }
            Event::End(e) if e.name().0 == "w:p" => {
                if style.starts_with("Heading") {
                    body.headings.push((style.clone(), para.clone()));
                }
                body.text.push_str(&para);
                body.text.push('\n');
                cell.push(' ');
                style.clear();
                para.clear();
            }
            _ => {}
        }
    }
    body
}

/// The text of a text event or of an entity reference.
pub(crate) fn e_text(e: &Event) -> Option<String> {
    match e {
        Event::Text(t) => Some(t.xml10_content().into_owned()),
        Event::GeneralRef(r) => {
            let entity = format!("&{};", &**r);
            Some(quick_xml::escape::unescape(&entity).ok()?.into_owned())
        }
        _ => None,
    }
}

#[test]
fn the_example_annex_as_docx_has_word_tables_headings_and_page_numbers() {
    let bytes = docx_of(&example(), &[]);
    assert_eq!(bytes, docx_of(&example(), &[]), "same dossier, same bytes");
    let body = read_body(&part(&bytes, "word/document.xml"));
    // One heading per criterion, in Word's heading styles (the navigation pane).
    let criteres: Vec<&str> = body
        .headings
        .iter()
        .filter(|(s, t)| s == "Heading1" && t.starts_with("Critère "))
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(criteres.len(), 8, "{criteres:?}");
    assert!(criteres[3].starts_with("Critère 4 — "), "{criteres:?}");
    assert!(
        body.headings.iter().any(|(s, t)| s == "Heading2"
            && t.starts_with(&ldm::typo::french("Critère 4 : action 1 — ")))
    );
    // A measures table: its header row repeats on each page, its cells hold the measures.
    let measures = body
        .tables
        .iter()
        .find(|t| t[0].cells.iter().any(|c| c == "Mesure début (2021)"))
        .expect("a measures table");
    assert!(measures[0].header && !measures[1].header);
    assert_eq!(
        measures[0].cells,
        [
            "Objectifs",
            "Indicateurs",
            "Mesure début (2021)",
            "Mesure suivi 2 (2024)",
            "Mesure fin (2026)",
            "Plus-value"
        ]
    );
    assert!(measures[1..].iter().all(|r| r.cells.len() == 6));
    assert!(
        body.tables
            .iter()
            .flatten()
            .any(|r| r.cells.iter().any(|c| c == "11,4\u{a0}%")),
        "the absenteeism baseline in a cell"
    );
    // Every evidence file of the example is a row of the list.
    let d = ldm::load::load(&example()).unwrap();
    let list = body
        .tables
        .iter()
        .find(|t| t[0].cells == ["N°", "Fichier", "Cité par"])
        .unwrap();
    assert_eq!(list.len() - 1, d.preuves.len());
    // Page numbers are Word fields; the language and the properties are French.
    let footer = part(&bytes, "word/footer1.xml");
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
    assert!(part(&bytes, "word/styles.xml").contains(r#"<w:lang w:val="fr-FR""#));
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>Lycée polyvalent Marie Marvingt</dc:creator>"),
        "{core}"
    );
    assert!(core.contains("<dc:language>fr-FR</dc:language>"));
    assert!(
        !core.contains("dcterms:created"),
        "no date without SOURCE_DATE_EPOCH: {core}"
    );
}

#[test]
fn the_date_comes_only_from_source_date_epoch_and_zip_entries_have_a_fixed_one() {
    let bytes = docx_of(&example(), &[("SOURCE_DATE_EPOCH", "1772323200")]);
    let core = part(&bytes, "docProps/core.xml");
    assert!(
        core.contains(">2026-03-01T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
}

#[test]
fn french_typography_in_the_docx() {
    let body = read_body(&part(&docx_of(&example(), &[]), "word/document.xml"));
    assert!(body.text.contains(ldm::typo::NNBSP) && body.text.contains(ldm::typo::NBSP));
    assert_eq!(breakable_spaces(&body.text), Vec::<String>::new());
}

#[test]
fn the_docx_follows_its_extension_and_replaces_only_its_own_file() {
    let d = TempDossier::fixture("valide");
    d.ldm()
        .args(["render", ".", "-o", "annexe.docx"])
        .run()
        .success();
    let first = std::fs::read(d.join("annexe.docx")).unwrap();
    assert!(first.starts_with(b"PK"));
    d.ldm()
        .args(["render", ".", "-o", "annexe.docx"])
        .run()
        .success();
    d.write("autre.docx", "PK un document d'une personne\n");
    d.ldm()
        .args(["render", ".", "-o", "autre.docx"])
        .run()
        .code(2)
        .stderr_has("n'a pas été produit par ldm");
    d.ldm()
        .args(["render", ".", "--format", "docx"])
        .run()
        .success();
    assert!(d.join("annexe/annexe.docx").is_file());
}

#[test]
fn libreoffice_opens_the_docx_and_lays_it_out_on_pages() {
    let Some(soffice) = soffice() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("annexe.docx");
    std::fs::write(&docx, docx_of(&example(), &[])).unwrap();
    soffice_convert(soffice, &docx, "pdf", tmp.path());
    let pdf = lopdf::Document::load(tmp.path().join("annexe.pdf")).unwrap();
    let pages = pdf.get_pages().len();
    // Cover, contents, the establishment, 8 criteria each on new pages, evidence, people.
    assert!((15..=80).contains(&pages), "{pages} pages");
    let last = pdf.extract_text(&[pages as u32]).unwrap();
    let last: String = last.split_whitespace().collect::<Vec<_>>().join(" ");
    // The model's running footer (« Page N sur M »), as every Word document of ldm has.
    assert!(
        last.contains(&format!("Page {pages} sur {pages}")),
        "{last}"
    );
}

/// A document whose index gives the page of headings further on (as the evidence annex's
/// « Page » column does): heading `k` after `1 + 2 + … + (k - 1)` pages of text.
fn paged_index() -> ldm::doc::Document {
    use ldm::doc::{Block, Cell, Inline, Table, head, heading, para};
    let row = |k: usize| {
        let page = Inline::PageRef(format!("preuve-{k}"));
        vec![Cell::num(&k.to_string()), Cell::of(vec![page])]
    };
    let index = Table {
        widths: vec![20.0, 80.0],
        head: head(&["N°", "Page"]),
        body: (1..=4).map(row).collect(),
        keep_together: false,
    };
    let mut blocks = vec![heading(1, "annexe", "Annexe"), Block::Table(index)];
    for k in 1..=4 {
        blocks.push(Block::PageBreak);
        blocks.push(heading(
            2,
            &format!("preuve-{k}"),
            &format!("Preuve {k} — x"),
        ));
        for _ in 0..k {
            blocks.extend([para("texte"), Block::PageBreak]);
        }
    }
    ldm::doc::Document::new("Annexe", "Lycée", Default::default(), blocks)
}

#[test]
fn a_page_reference_gives_the_page_libreoffice_lays_its_heading_on() {
    let Some(soffice) = soffice() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("index.docx");
    let bytes = ldm::render::docx::model::docx(&paged_index(), None).unwrap();
    std::fs::write(&docx, bytes).unwrap();
    soffice_convert(soffice, &docx, "pdf", tmp.path());
    let pdf = lopdf::Document::load(tmp.path().join("index.pdf")).unwrap();
    let pages = pdf.get_pages().len() as u32;
    let text = |p: u32| pdf.extract_text(&[p]).unwrap();
    // The index reads « N° Page », then « k page » row by row.
    let first = text(1);
    let words: Vec<&str> = first.split_whitespace().collect();
    let rows: Vec<&[&str]> = words[3..11].chunks(2).collect();
    for k in 1..=4 {
        let on = (1..=pages)
            .find(|p| text(*p).contains(&format!("Preuve {k}")))
            .unwrap();
        assert_eq!(rows[k - 1], [&k.to_string(), &on.to_string()], "{words:?}");
    }
}
