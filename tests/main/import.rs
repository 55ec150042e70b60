//! `ldm import`: ldm's own Word annex read back (round trip on the example: same check
//! findings and measures, an edit of the XML seen alone by `ldm diff`), refusals of
//! files that are not .docx or not empty folders, and hostile packages bounded.

use crate::common::*;

use serde_json::Value;
use std::collections::BTreeSet;

use std::io::{Read, Write};
use std::path::Path;

/// Rules the annex cannot carry (docs/import.md): evidence files, targets.
const NOT_CARRIED: &[&str] = &["preuve-introuvable", "indicateur-sans-cible"];

fn render_docx(dir: &Path, out: &Path) {
    Ldm::new()
        .args(["render", "--format", "docx", "-o"])
        .arg(out)
        .arg(dir)
        .run()
        .success();
}

/// Each finding as (rule, file's name, message), without the rules the annex drops.
fn findings(dir: &Path) -> BTreeSet<(String, String)> {
    let out = Ldm::new()
        .args(["check", "--format", "json"])
        .arg(dir)
        .run();
    let json = out.json();
    let diags = json["dossiers"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    diags
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .filter(|(r, _)| !NOT_CARRIED.contains(&r.as_str()))
        .collect()
}

/// Every indicator's measures, by its name: what progress computes from.
fn measures(dir: &Path) -> BTreeSet<String> {
    let json = Ldm::new()
        .args(["progress", "--format", "json"])
        .arg(dir)
        .run()
        .json();
    let mut out = BTreeSet::new();
    for c in json["criteres"].as_array().unwrap() {
        for f in c["fiches"].as_array().unwrap() {
            for o in f["objectifs"].as_array().unwrap() {
                for i in o["indicateurs"].as_array().unwrap() {
                    out.insert(format!(
                        "{} {} {} {}",
                        f["denomination"], i["intitule"], i["unite"], i["mesures"]
                    ));
                }
            }
        }
    }
    out
}

fn import(docx: &Path, dir: &Path) -> Output {
    Ldm::new().arg("import").arg(docx).arg(dir).run()
}

#[test]
fn the_example_round_trips_through_its_word_annex() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("annexe.docx");
    render_docx(&example(), &docx);
    let dir = tmp.path().join("repris");
    import(&docx, &dir)
        .success()
        .stdout_has("8 critères, 20 actions, 10 engagements, 60 objectifs, 95 indicateurs");
    assert_eq!(findings(&dir), findings(&example()));
    assert_eq!(measures(&dir), measures(&example()));
}

/// The docx with `from` replaced by `to` once in word/document.xml.
fn edited(docx: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        let name = f.name().to_string();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            assert!(xml.contains(from), "{from} absent");
            data = xml.replacen(from, to, 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_measure_edited_in_the_word_file_is_the_only_difference() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("ancien.docx");
    render_docx(&example(), &docx);
    // The job dating's 2021 apprenticeship tax (48 200 €), as Word would save an edit.
    let bytes = std::fs::read(&docx).unwrap();
    let cell = ">48\u{202f}200\u{a0}€<";
    let changed = edited(&bytes, cell, ">49\u{202f}200\u{a0}€<");
    let nouveau = tmp.path().join("nouveau.docx");
    std::fs::write(&nouveau, changed).unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    import(&docx, &a).success();
    import(&nouveau, &b).success();
    let out = Ldm::new()
        .args(["diff", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .run();
    let json: Value = out.json();
    let r = &json["resume"];
    assert_eq!(r["fiches_modifiees"], 1, "{}", out.stdout);
    for k in [
        "fiches_ajoutees",
        "fiches_retirees",
        "fiches_renommees",
        "personnes_changees",
    ] {
        assert_eq!(r[k], 0, "{k}: {}", out.stdout);
    }
    assert!(out.stdout.contains("\"49\u{202f}200 €\""), "{}", out.stdout);
}

#[test]
fn files_that_are_not_docx_get_a_french_message() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, want) in [
        (
            "ancien.odt",
            "ouvrez-le dans LibreOffice ou Word et enregistrez-le au format .docx",
        ),
        (
            "ancien.doc",
            "ouvrez-le dans LibreOffice ou Word et enregistrez-le au format .docx",
        ),
        ("ancien.pdf", "un PDF ne garde pas les tableaux"),
    ] {
        let f = tmp.path().join(name);
        std::fs::write(&f, b"x").unwrap();
        import(&f, &tmp.path().join("d"))
            .code(2)
            .stderr_has(&fr(want));
    }
    let f = tmp.path().join("faux.docx");
    std::fs::write(&f, b"pas un zip").unwrap();
    import(&f, &tmp.path().join("d"))
        .code(2)
        .stderr_has(&fr("n'est pas un document Word (.docx) lisible"));
}

#[test]
fn a_folder_that_is_not_empty_is_refused_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("annexe.docx");
    render_docx(&example(), &docx);
    let dir = tmp.path().join("d");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("ldm.toml"), "# à moi\n").unwrap();
    import(&docx, &dir)
        .code(2)
        .stderr_has(&fr("n'est pas vide"));
    Ldm::new()
        .arg("import")
        .arg(&docx)
        .arg(&dir)
        .arg("--force")
        .run()
        .success();
    assert_eq!(
        std::fs::read_to_string(dir.join("ldm.toml")).unwrap(),
        "# à moi\n"
    );
    assert!(dir.join("etablissement.md").exists());
}

/// A zip holding one part that inflates far beyond the bound.
fn bomb() -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    out.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..100 {
        out.write_all(&chunk).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn hostile_packages_are_refused_in_french_within_bounds() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("bombe.docx");
    std::fs::write(&f, bomb()).unwrap();
    import(&f, &tmp.path().join("d1"))
        .code(2)
        .stderr_has(&fr("dépasse la taille admise"));
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    out.start_file("_rels/.rels", zip::write::SimpleFileOptions::default())
        .unwrap();
    out.write_all(br#"<Relationships><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="../../etc/passwd"/></Relationships>"#).unwrap();
    let f = tmp.path().join("dehors.docx");
    std::fs::write(&f, out.finish().unwrap().into_inner()).unwrap();
    import(&f, &tmp.path().join("d2"))
        .code(2)
        .stderr_has(&fr("hors de lui-même"));
    let f = tmp.path().join("gros.docx");
    std::fs::File::create(&f)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    import(&f, &tmp.path().join("d3"))
        .code(2)
        .stderr_has(&fr("ldm ne l'ouvre pas"));
}
