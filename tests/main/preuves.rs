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
    let list = &md[md.find("## Liste des preuves").unwrap()..];
    let list = &list[..list.find("\n## ").unwrap()];
    let numbered = numbered_rows(list);
    let d = ldm::load::load(&example()).unwrap();
    assert_eq!(
        numbered.len(),
        d.preuves.len(),
        "the annex lists every evidence file under a number"
    );
    numbered
}

/// The (number, file) pairs of a Markdown table whose first column is a number.
fn numbered_rows(md: &str) -> Vec<(String, String)> {
    md.lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            let n = cells.first()?.trim_start_matches("| ");
            n.parse::<usize>().ok()?;
            Some((n.to_string(), cells.get(1)?.to_string()))
        })
        .collect()
}

/// The (number, file) pairs of the evidence annex's index: each row's number, and the
/// file noted in code under the evidence's name.
fn index_rows(md: &str) -> Vec<(String, String)> {
    md.lines()
        .filter_map(|l| {
            let n = l.strip_prefix("| ")?.split(" | ").next()?;
            n.parse::<usize>().ok()?;
            let file = l.split("_` ").nth(1)?.split(" `_").next()?;
            Some((n.to_string(), file.to_string()))
        })
        .collect()
}

#[test]
fn the_evidence_annex_numbers_every_item_as_the_annex_does() {
    let md = preuves("md").success().stdout.clone();
    // The index comes before the first item's heading.
    let index = index_rows(&md[..md.find("\n## ").unwrap()]);
    assert_eq!(index, annex_numbers());
    // Then each item under its number and name, never its path; its Markdown as
    // written, its CSV as a table.
    assert!(
        md.contains("\n## Preuve 8 — Convention de partenariat — Aéro Maintenance Normandie\n"),
        "{md}"
    );
    assert!(md.contains("\n## Preuve 2 — Suivi cohorte bac pro bts 2021-2025\n"));
    let d = ldm::load::load(&example()).unwrap();
    for (n, _) in d.preuves.keys().enumerate() {
        assert!(md.contains(&format!("## Preuve {} — ", n + 1)));
    }
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## Preuve")).collect();
    assert!(
        headings.iter().all(|h| !h.contains("preuves/")),
        "{headings:?}"
    );
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

/// The evidence annex as PDF of `dir`, with no other program reachable.
#[cfg(feature = "pdf")]
fn preuves_pdf(dir: &std::path::Path) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("preuves.pdf");
    Ldm::new()
        .current_dir(dir)
        .env("PATH", tmp.path())
        .args(["render", ".", "--preuves", "-o"])
        .arg(&out)
        .run()
        .success();
    std::fs::read(&out).unwrap()
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_evidence_annex_places_pictures_and_pdf_pages_under_their_numbers() {
    use crate::pdf::{flat, pages_text};
    let bytes = preuves_pdf(&example());
    assert_eq!(bytes, preuves_pdf(&example()), "same dossier, same bytes");
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = pages_text(&doc);
    let all = flat(&pages.join("\n"));
    let toc = doc.get_toc().unwrap().toc;
    // Each item is bookmarked under its number and name, not its path.
    for (n, _) in annex_numbers() {
        let title = format!("Preuve {n} — ");
        assert!(
            toc.iter()
                .any(|t| t.title.starts_with(&title) && !t.title.contains("preuves/")),
            "no bookmark « {title}… »"
        );
    }
    assert!(toc.iter().any(
        |t| t.title == "Preuve 8 — Convention de partenariat — Aéro Maintenance Normandie"
    ));
    // The newsletter's two pages are reproduced, each under its caption, their text kept.
    assert!(all.contains("Document PDF de 2 pages."), "{all}");
    for caption in ["page 1 / 2", "page 2 / 2"] {
        assert!(all.contains(caption), "no « {caption} »");
    }
    // The poster is placed as a picture.
    let pictures = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).ok() == Some(b"Image"))
        .count();
    assert!(pictures >= 1, "no image in the evidence annex");
    let n = pages.len();
    for (i, text) in pages.iter().enumerate() {
        assert!(flat(text).contains(&crate::pdf::footer(i + 1, n)));
    }
    assert_eq!(breakable_spaces(&pages.join("\n")), Vec::<String>::new());
}

/// The index's « Page » column gives each evidence's page: the page on which pdftotext
/// finds its heading « Preuve n — ». In the content stream's order a row's page is the
/// only line of digits alone (a row's number starts the line of its name).
#[cfg(feature = "pdf")]
#[test]
fn l_index_des_preuves_donne_la_page_de_chaque_preuve() {
    let text = pdf_text(&preuves_pdf(&example()), Reading::Raw);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let first = pages
        .iter()
        .position(|p| p.lines().any(|l| l.starts_with("Preuve 1 — ")))
        .unwrap();
    let given: Vec<usize> = pages[..first]
        .iter()
        .flat_map(|p| p.lines())
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    assert_eq!(given.len(), annex_numbers().len(), "{given:?}");
    for (k, page) in given.iter().enumerate() {
        let heading = format!("Preuve {} — ", k + 1);
        let found = pages.iter().position(|p| p.contains(&heading)).unwrap() + 1;
        assert_eq!(*page, found, "« {heading}» is on page {found}");
    }
    assert!(given.windows(2).all(|w| w[0] < w[1]), "{given:?}");
}

#[cfg(feature = "pdf")]
#[test]
fn a_broken_picture_is_named_in_the_pdf_evidence_annex_not_fatal() {
    let d = TempDossier::fixture("valide");
    // A PNG signature with nothing after it, a PDF header with no body.
    std::fs::write(
        d.join("preuves/2-partenariats/photo.png"),
        b"\x89PNG\r\n\x1a\n",
    )
    .unwrap();
    d.write("preuves/2-partenariats/scan.pdf", "%PDF-1.7 rien de plus")
        .edit(
            "criteres/2-partenariats/engagements/bureau-des-entreprises.md",
            "preuves: []",
            "preuves: [preuves/2-partenariats/photo.png, preuves/2-partenariats/scan.pdf]",
        );
    let bytes = preuves_pdf(d.path());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let all = crate::pdf::flat(&crate::pdf::pages_text(&doc).join("\n"));
    for why in [
        "Lecture impossible : l'image est abîmée",
        "Lecture impossible : le PDF est abîmé ou protégé",
    ] {
        assert!(all.contains(why), "no « {why} » in {all}");
    }
}

#[test]
fn the_evidence_annex_refuses_the_annex_only_formats() {
    preuves("docx").code(2).stderr_has(
        "--format docx : cette commande n'écrit pas ce format ; elle écrit html, md, pdf ou zip",
    );
    run(example(), &["render", ".", "--format", "zip", "-o", "-"])
        .code(2)
        .stderr_has("--preuves");
}

/// A cited path is read once for every front end (`model::query::cited_evidence`):
/// `./preuves/x`, `preuves//x` and `preuves/./y` name the files x and y for `check`, for
/// `serve`'s list and for the annex's; `preuves/X` (another letter case) is another file,
/// as git and a Linux CI see it: not found, for all three.
#[test]
fn check_serve_and_the_annex_read_a_cited_path_the_same_way() {
    let d = TempDossier::copy(&example(), "d");
    let dir = "preuves/1-offre-de-formation";
    d.write(format!("{dir}/x.md"), "# x\n")
        .write(format!("{dir}/y.md"), "# y\n");
    let cited = format!(
        "preuves:\n  - ./{dir}/x.md\n  - preuves//1-offre-de-formation/x.md\n  - {dir}/./y.md\n  - {dir}/X.md\n"
    );
    d.edit(
        "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md",
        "preuves:\n",
        &cited,
    );
    let out = d.ldm().args(["check", "--format", "json", "."]).run();
    let json = out.json();
    let findings: Vec<(String, String)> = json["dossiers"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("preuve-"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        findings,
        [(
            "preuve-introuvable".to_string(),
            fr(&format!("la preuve « {dir}/X.md » est introuvable"))
        )],
        "{}",
        out.stdout
    );
    let ws = ldm::workspace::Workspace::load(d.path()).unwrap();
    let ours = |chemin: &str| chemin.starts_with(dir) && chemin.len() == dir.len() + 5;
    let served: Vec<String> = ldm::serve::state::Analyse::of_loaded(Ok(ws))
        .resume
        .preuves
        .into_iter()
        .map(|p| p.chemin)
        .filter(|c| ours(c))
        .collect();
    assert_eq!(served, [format!("{dir}/x.md"), format!("{dir}/y.md")]);
    let ws = ldm::workspace::Workspace::load(d.path()).unwrap();
    let annexe = ldm::render::build::build(&ws.dossier, &ws.edition, &[]);
    let listed: Vec<&str> = annexe
        .preuves
        .iter()
        .map(|p| p.chemin.as_str())
        .filter(|c| ours(c))
        .collect();
    assert_eq!(
        listed,
        [
            format!("{dir}/X.md"),
            format!("{dir}/x.md"),
            format!("{dir}/y.md")
        ]
    );
}
