//! `ldm render --preuves`: the evidence annex (guide E.IV) — every evidence item of the
//! example numbered as in the annex's list, its content shown, the zip holding the files
//! under their numbers with the index, same bytes on every run.

use crate::common::*;

use std::io::Read;

fn preuves(format: &str) -> Output {
    run(
        example(),
        &["render", ".", "--preuves", "--format", format, "-o", "-"],
    )
}

/// The numbered evidence paths of the annex's own list (its Markdown form).
fn annex_numbers() -> Vec<(String, String)> {
    let md = run(example(), &["render", ".", "--format", "md", "-o", "-"])
        .success()
        .stdout
        .clone();
    let d = ldm::load::load(&example()).unwrap();
    // The annex lists the evidence in path order; the numbers are their ranks.
    let listed: Vec<&String> = d
        .preuves
        .keys()
        .filter(|p| md.contains(p.as_str()))
        .collect();
    assert_eq!(
        listed.len(),
        d.preuves.len(),
        "the annex lists every evidence file"
    );
    listed
        .iter()
        .enumerate()
        .map(|(i, p)| ((i + 1).to_string(), p.to_string()))
        .collect()
}

#[test]
fn the_evidence_annex_numbers_every_item_as_the_annex_does() {
    let md = preuves("md").success().stdout.clone();
    // The index comes before the first item's heading.
    let index: Vec<(String, String)> = md
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            let n = cells.first()?.trim_start_matches("| ");
            n.parse::<usize>().ok()?;
            Some((n.to_string(), cells.get(1)?.to_string()))
        })
        .collect();
    assert_eq!(index, annex_numbers());
    // Then each item: its heading, its Markdown as written, its CSV as a table.
    assert!(
        md.contains("## Preuve 1 — preuves/1-offre-de-formation/"),
        "{md}"
    );
    let d = ldm::load::load(&example()).unwrap();
    for (n, _) in d.preuves.keys().enumerate() {
        assert!(md.contains(&format!("## Preuve {} — ", n + 1)));
    }
    assert!(!md.contains("Lecture impossible"), "{md}");
    assert_eq!(md, preuves("md").stdout, "same dossier, same bytes");
}

#[test]
fn the_docx_list_uses_the_same_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a.docx");
    Ldm::new()
        .current_dir(example())
        .args(["render", ".", "-o"])
        .arg(&out)
        .run()
        .success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    for (n, path) in annex_numbers() {
        // The row that names the file starts with its number.
        let at = xml.find(&format!(">{path}<")).expect(&path);
        let row = &xml[xml[..at].rfind("<w:tr>").unwrap()..at];
        assert!(
            row.contains(&format!(">{n}</w:t>")),
            "{path} numbered {n}: {row}"
        );
    }
}

#[test]
fn the_zip_holds_the_index_and_each_file_under_its_number() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("preuves.zip");
    let zip_of = || {
        Ldm::new()
            .current_dir(example())
            .args(["render", ".", "--preuves", "-o"])
            .arg(&out)
            .arg("--force")
            .run()
            .success();
        std::fs::read(&out).unwrap()
    };
    let bytes = zip_of();
    assert_eq!(bytes, zip_of(), "same dossier, same bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let d = ldm::load::load(&example()).unwrap();
    assert_eq!(names.len(), d.preuves.len() + 1);
    assert_eq!(names[0], "index.html");
    for (n, path) in annex_numbers() {
        let file = format!(
            "{:03}-{}",
            n.parse::<usize>().unwrap(),
            path.rsplit('/').next().unwrap()
        );
        let mut content = Vec::new();
        zip.by_name(&file)
            .unwrap()
            .read_to_end(&mut content)
            .unwrap();
        assert_eq!(
            content,
            std::fs::read(example().join(&path)).unwrap(),
            "{file}"
        );
    }
    let mut index = String::new();
    zip.by_name("index.html")
        .unwrap()
        .read_to_string(&mut index)
        .unwrap();
    assert!(index.contains("href=\"001-"), "{index}");
}

#[test]
fn the_evidence_annex_refuses_the_annex_only_formats() {
    preuves("docx")
        .code(2)
        .stderr_has("s'écrit en html, md ou zip");
    run(example(), &["render", ".", "--format", "zip", "-o", "-"])
        .code(2)
        .stderr_has("--preuves");
}
