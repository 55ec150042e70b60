//! The Word files of the document model laid out as a typesetter would: columns as wide
//! as their longest heading word, a running header and « Page N sur M », and the charts
//! of the bilan as native Word charts with their alternative text — read back from the
//! example's bilan and audit rapport DOCX.

use crate::common::*;
use crate::docx::part;
use crate::ooxml::docx;
use quick_xml::Reader;
use quick_xml::events::Event;

fn bilan() -> Vec<u8> {
    docx(&["bilan", "--annee", "2025"])
}

/// A top-level table as Word reads it: its grid (twips), its cells' left and right
/// margins, and its first row's cells with their text and largest type size (half-points).
#[derive(Debug, Default)]
struct Grid {
    cols: Vec<u32>,
    margins: u32,
    head: Vec<(String, u32)>,
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<u32> {
    e.try_get_attribute(name).ok()??.value.parse().ok()
}

fn grids(document: &str) -> Vec<Grid> {
    let mut r = Reader::from_str(document);
    let (mut out, mut depth, mut row) = (Vec::<Grid>::new(), 0, 0);
    loop {
        let e = r.read_event().unwrap();
        let g = out.last_mut();
        match &e {
            Event::Eof => break,
            Event::Start(s) if s.name().0 == "w:tbl" => {
                depth += 1;
                if depth == 1 {
                    out.push(Grid::default());
                    row = 0;
                }
            }
            Event::End(s) if s.name().0 == "w:tbl" => depth -= 1,
            _ if depth != 1 => {}
            Event::Start(s) if s.name().0 == "w:tr" => row += 1,
            Event::Empty(s) if s.name().0 == "w:gridCol" => {
                g.unwrap().cols.push(attr(s, "w:w").unwrap());
            }
            Event::Empty(s) if matches!(s.name().0, "w:left" | "w:right") => {
                g.unwrap().margins += attr(s, "w:w").unwrap_or(0);
            }
            Event::Start(s) if row == 1 && s.name().0 == "w:tc" => {
                g.unwrap().head.push((String::new(), 20));
            }
            Event::Empty(s) if row == 1 && s.name().0 == "w:sz" => {
                let cell = g.unwrap().head.last_mut().unwrap();
                cell.1 = attr(s, "w:val").unwrap();
            }
            Event::Text(_) | Event::GeneralRef(_) if row == 1 => {
                let cell = g.unwrap().head.last_mut().unwrap();
                cell.0
                    .push_str(&crate::docx::e_text(&e).unwrap_or_default());
            }
            _ => {}
        }
    }
    out
}

#[test]
fn la_colonne_progression_tient_le_mot_progression() {
    let document = part(&bilan(), "word/document.xml");
    // « Progression » in Liberation Sans Bold is 5.835 em; an em at `sz` half-points is
    // `sz * 10` twips.
    let mut checked = 0;
    for g in grids(&document) {
        assert_eq!(g.cols.len(), g.head.len().max(g.cols.len()), "{g:?}");
        for (k, (text, size)) in g.head.iter().enumerate() {
            if !text.split_whitespace().any(|w| w == "Progression") {
                continue;
            }
            let word = 5.835 * f64::from(*size) * 10.0 + f64::from(g.margins);
            assert!(
                f64::from(g.cols[k]) >= word,
                "« {text} » : colonne de {} twips, le mot en demande {word:.0} ({g:?})",
                g.cols[k]
            );
            checked += 1;
        }
    }
    // The summary's « Progression moyenne » and each fiche's « Progression ».
    assert!(checked >= 10, "{checked} colonnes « Progression »");
}

#[test]
fn en_tete_courant_et_page_n_sur_m() {
    for (verb, title) in [
        (&["bilan", "--annee", "2025"][..], "Bilan annuel"),
        (&["audit", "render"][..], "Rapport d"),
    ] {
        let bytes = docx(verb);
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("<w:titlePg"), "page 1 has its own header");
        let headers: Vec<String> = (1..=2)
            .map(|k| part(&bytes, &format!("word/header{k}.xml")))
            .collect();
        assert!(
            headers
                .iter()
                .any(|h| h.contains(title) && h.contains("Lycée polyvalent Marie Marvingt")),
            "{headers:?}"
        );
        let footer = part(&bytes, "word/footer1.xml");
        assert!(
            footer.contains("Page ") && footer.contains(" sur "),
            "{footer}"
        );
        assert!(
            footer.contains("PAGE") && footer.contains("NUMPAGES"),
            "{footer}"
        );
        // Every part of the line in its small type, a field's number a run of its own:
        // LibreOffice sets a one-run field's number in the text's size.
        let runs: Vec<&str> = footer.split("<w:r>").skip(1).collect();
        assert!(
            runs.iter().all(|r| r.contains(r#"<w:sz w:val="16""#)),
            "{footer}"
        );
        assert!(
            runs.iter()
                .any(|r| r.contains(">1</w:t>") && !r.contains("fldChar")),
            "{footer}"
        );
    }
}

#[test]
fn les_graphiques_du_bilan_sont_des_graphiques_word_avec_texte_alternatif() {
    let bytes = bilan();
    assert_eq!(bytes, bilan(), "same bytes twice");
    let document = part(&bytes, "word/document.xml");
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    let types = part(&bytes, "[Content_Types].xml");
    let charts = document.matches("<c:chart ").count();
    assert!(charts >= 10, "{charts} graphiques");
    for k in 1..=charts {
        assert!(
            rels.contains(&format!("Target=\"charts/chart{k}.xml\"")),
            "{rels}"
        );
        assert!(
            types.contains(&format!("/word/charts/chart{k}.xml")),
            "{types}"
        );
        let chart = part(&bytes, &format!("word/charts/chart{k}.xml"));
        assert!(chart.contains("<c:lineChart>"), "{chart}");
        assert!(chart.contains("<c:v>Mesures</c:v>"), "{chart}");
        assert!(
            chart.contains("<c:title>"),
            "its caption as its title: {chart}"
        );
    }
    // Two by row, as in the PDF.
    assert!(document.contains("</w:drawing></w:r><w:r><w:drawing>"));
    // Each chart's alternative text says what it draws, measures included.
    let descr: Vec<&str> = document
        .split("<wp:docPr ")
        .skip(1)
        .map(|d| {
            d.split("descr=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(descr.len(), charts);
    assert!(
        descr.iter().all(|d| d.starts_with("Graphique de ")),
        "{descr:?}"
    );
    // The target is a second series where the indicator has one.
    assert!(
        (1..=charts).any(
            |k| part(&bytes, &format!("word/charts/chart{k}.xml")).contains("<c:v>Cible</c:v>")
        )
    );
}

/// The bilan DOCX laid out by LibreOffice, as pdftotext reads its lines back; `None`
/// outside CI without LibreOffice or poppler.
fn libreoffice_lines(docx: &[u8]) -> Option<Vec<String>> {
    let soffice = soffice()?;
    let pdftotext = program_answering(&["pdftotext"], "poppler-utils", "-v")?;
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bilan.docx");
    std::fs::write(&file, docx).unwrap();
    soffice_convert(soffice, &file, "pdf", tmp.path());
    let out = std::process::Command::new(pdftotext)
        .arg("-raw")
        .arg(tmp.path().join("bilan.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    Some(text.lines().map(str::to_string).collect())
}

#[test]
fn libreoffice_ne_coupe_aucun_mot_des_en_tetes_du_bilan() {
    let Some(lines) = libreoffice_lines(&bilan()) else {
        return;
    };
    let words = [
        "Progression",
        "Indicateurs",
        "mesurables",
        "Indicateur",
        "moyenne",
    ];
    for pair in lines.windows(2) {
        for w in words {
            let cut =
                (3..w.len()).find(|&k| pair[0].ends_with(&w[..k]) && pair[1].starts_with(&w[k..]));
            assert!(cut.is_none(), "« {w} » coupé : {pair:?}");
        }
    }
    assert!(
        lines.iter().any(|l| l.contains("Progression Statut")),
        "{lines:?}"
    );
}

#[test]
fn le_bilan_word_se_remplace_et_un_fichier_word_d_une_personne_est_garde() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bilan.docx");
    let write = |out: &std::path::Path| {
        Ldm::new()
            .current_dir(example())
            .args(["bilan", "--annee", "2025", ".", "--format", "docx", "-o"])
            .arg(out)
            .run()
    };
    write(&out).success();
    // ldm's mark opens the file, however many charts follow.
    let bytes = std::fs::read(&out).unwrap();
    let mark = b"<cp:lastModifiedBy>ldm</cp:lastModifiedBy>";
    let at = bytes.windows(mark.len()).position(|w| w == mark);
    assert!(at.is_some_and(|at| at < 1024), "mark at {at:?}");
    assert!(part(&bytes, "[Content_Types].xml").contains("/word/charts/chart10.xml"));
    write(&out).success();
    // Saved by a person, Word writes their name in its place: the file is kept.
    let mut person = bytes.clone();
    let name = at.unwrap() + "<cp:lastModifiedBy>".len();
    person[name..name + 3].copy_from_slice(b"Ana");
    std::fs::write(&out, &person).unwrap();
    write(&out)
        .code(2)
        .stderr_has("n'a pas été produit par ldm");
    assert_eq!(std::fs::read(&out).unwrap(), person);
}
