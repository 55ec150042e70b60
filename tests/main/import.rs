//! `ldm import`: ldm's own Word annex read back (round trip on the example: same check
//! findings and measures, an edit of the XML seen alone by `ldm diff`), refusals of
//! files that are not .docx or not empty folders, and hostile packages bounded.

use crate::common::*;

use serde_json::Value;
use std::collections::BTreeSet;

use std::io::{Read, Write};
use std::path::Path;

/// Rules the annex cannot carry (docs/import.md): evidence files.
const NOT_CARRIED: &[&str] = &["preuve-introuvable"];

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

/// Every indicator's measures, target and status, by its name: what progress computes.
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
                        "{} {} {} {} {} {} {}",
                        f["denomination"],
                        i["intitule"],
                        i["unite"],
                        i["mesures"],
                        i["cible"],
                        i["sens"],
                        i["statut"]
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn the_self_assessment_s_synthesis_is_named_once_as_not_taken_up() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("annexe.docx");
    render_docx(&example(), &docx);
    let out = import(&docx, &tmp.path().join("repris"));
    out.success();
    let said = "la synthèse de l'auto-évaluation n'est pas reprise";
    assert_eq!(out.stdout.matches(&fr(said)).count(), 1, "{}", out.stdout);
    out.stdout_has("Non repris ou à vérifier (1)");
    // The evidence stays beside the Word file: said once, before the 30 findings.
    out.stdout_has(
        "30 preuves citées ne sont pas dans le dossier : le fichier Word ne donne que leurs chemins",
    );
}

fn import(docx: &Path, dir: &Path) -> Output {
    Ldm::new().arg("import").arg(docx).arg(dir).run()
}

#[test]
fn the_example_and_the_real_fixture_round_trip_through_their_word_annex() {
    for (source, counts) in [
        (
            example(),
            "8 critères, 20 actions, 10 engagements, 60 objectifs, 95 indicateurs",
        ),
        (
            fixture("reel"),
            "8 critères, 20 actions, 10 engagements, 61 objectifs, 98 indicateurs",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let docx = tmp.path().join("annexe.docx");
        render_docx(&source, &docx);
        let dir = tmp.path().join("repris");
        // ldm's own parts (its notes, the self-assessment's synthesis) are not the
        // school's text lost: nothing is reported as having no place.
        import(&docx, &dir)
            .success()
            .stdout_has(counts)
            .stdout_lacks("aucune rubrique du dossier ici");
        assert_eq!(findings(&dir), findings(&source), "{}", source.display());
        assert_eq!(measures(&dir), measures(&source), "{}", source.display());
    }
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

/// The example's Word annex and the same file changed by `edit`, each imported:
/// `ldm diff --format json` from the first dossier to the second.
fn diff_after(edit: impl FnOnce(&[u8]) -> Vec<u8>) -> Output {
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("ancien.docx");
    render_docx(&example(), &docx);
    let nouveau = tmp.path().join("nouveau.docx");
    std::fs::write(&nouveau, edit(&std::fs::read(&docx).unwrap())).unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    import(&docx, &a).success();
    import(&nouveau, &b).success();
    Ldm::new()
        .args(["diff", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .run()
}

#[test]
fn a_measure_edited_in_the_word_file_is_the_only_difference() {
    // The job dating's 2021 apprenticeship tax (48 200 €), as Word would save an edit.
    let cell = ">48\u{202f}200\u{a0}€<";
    let out = diff_after(|docx| edited(docx, cell, ">49\u{202f}200\u{a0}€<"));
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

/// The docx with the table row holding `text` copied under itself, renamed `renamed`.
fn row_added(docx: &[u8], text: &str, renamed: &str) -> Vec<u8> {
    let xml = crate::docx::part(docx, "word/document.xml");
    let at = xml.find(text).unwrap();
    let start = xml[..at].rfind("<w:tr>").unwrap();
    let end = at + xml[at..].find("</w:tr>").unwrap() + "</w:tr>".len();
    let row = xml[start..end].replace(text, renamed);
    let to = format!("{}{row}", &xml[start..end]);
    edited(docx, &xml[start..end], &to)
}

#[test]
fn a_row_added_in_the_word_file_is_an_added_indicator_alone() {
    let out = diff_after(|docx| {
        row_added(
            docx,
            "Nombre de collèges partenaires",
            "Nombre de lycées partenaires",
        )
    });
    let json: Value = out.json();
    assert_eq!(json["resume"]["fiches_modifiees"], 1, "{}", out.stdout);
    assert_eq!(json["resume"]["fiches_ajoutees"], 0, "{}", out.stdout);
    assert!(
        out.stdout.contains("Nombre de lycées partenaires"),
        "{}",
        out.stdout
    );
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
    package("word/document.xml", &vec![b' '; 60 << 20])
}

/// A zip of one deflated part.
fn package(name: &str, data: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    out.start_file(name, opts).unwrap();
    out.write_all(data).unwrap();
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
    let rels = br#"<Relationships><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="../../etc/passwd"/></Relationships>"#;
    let f = tmp.path().join("dehors.docx");
    std::fs::write(&f, package("_rels/.rels", rels)).unwrap();
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

/// python3 with python-docx, which .ci/run installs; outside CI its absence skips.
pub fn python_docx() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs python3 with python-docx (.ci/run installs it)"
        );
        eprintln!("python-docx absent : test sauté hors CI");
    }
    ok
}

/// The school's Word dossier written by scripts/fixtures/dossier_word.py into `dir`.
pub fn school_docx(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("ecole.docx");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/fixtures/dossier_word.py");
    let status = std::process::Command::new("python3")
        .arg(script)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    out
}

#[test]
fn a_word_dossier_made_by_a_school_is_imported_and_what_is_unread_reported() {
    if !python_docx() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let docx = school_docx(tmp.path());
    let out = Ldm::new()
        .arg("import")
        .arg(&docx)
        .arg(tmp.path().join("d"))
        .args(["--format", "json"])
        .run();
    let json = out.json();
    let counts = &json["comptes"];
    // Two criteria; a table split in two and a header row repeated by hand still give
    // three objectives to the first action; « DUPONT / MARTIN » gives two people.
    let expected = [
        ("criteres", 2),
        ("actions", 2),
        ("engagements", 1),
        ("objectifs", 6),
        ("indicateurs", 7),
        ("mesures", 15),
        ("personnes", 5),
    ];
    for (k, n) in expected {
        assert_eq!(counts[k], n, "{k}: {}", out.stdout);
    }
    let notes: Vec<String> = json["non_repris"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            format!(
                "{} : « {} » {}",
                n["endroit"].as_str().unwrap(),
                n["texte"].as_str().unwrap(),
                n["motif"].as_str().unwrap()
            )
        })
        .collect();
    for want in [
        "tableau 4, ligne 2, colonne 2 : « DUPONT / MARTIN »",
        "« Note : chiffres de 2026 provisoires. » non repris",
        "tableau 10, ligne 2, colonne 2 : « 3 000 € » tableau non reconnu",
    ] {
        assert!(
            notes
                .iter()
                .any(|n| n.contains(&fr(want)) || n.contains(want)),
            "{want} in {notes:#?}"
        );
    }
    let d = tmp.path().join("d/criteres/1-offre-de-formation");
    let action = std::fs::read_to_string(d.join("actions/passerelle-cap-bac-pro.md")).unwrap();
    // « OUI / NON » with OUI struck; 85,5 %; 1 200 with a no-break space; NC kept aside.
    for want in [
        "perenne: false",
        "2026: 85.5",
        "2021: 1200",
        "# À vérifier : 2024 : « NC »",
        "- Septembre : repérage",
    ] {
        assert!(action.contains(want), "{want} in {action}");
    }
    // What was not placed is marked in the front matter of the fiche it was found in.
    assert!(
        action.contains(
            "# À vérifier : tableau 10, ligne 1, colonne 1 : « Budget » tableau non reconnu"
        ),
        "{action}"
    );
    // The template's italic instruction is not taken as the establishment's text.
    assert!(!action.contains("QUI / COMMENT"), "{action}");
    let critere2 = std::fs::read_to_string(
        tmp.path()
            .join("d/criteres/2-accueil-des-publics/actions/mixite-des-publics.md"),
    )
    .unwrap();
    assert!(
        critere2.contains("2023-2024: 12") && critere2.contains("2025-2026: 18"),
        "{critere2}"
    );
}

#[test]
fn the_school_file_saved_by_libreoffice_imports_to_the_same_dossier() {
    if !python_docx() {
        return;
    }
    let Some(soffice) = soffice() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let docx = school_docx(tmp.path());
    let lo = tmp.path().join("lo");
    soffice_convert(soffice, &docx, "docx", &lo);
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    import(&docx, &a).success();
    import(&lo.join("ecole.docx"), &b).success();
    let files = |d: &Path| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = walk(d)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(d).unwrap().display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(files(&a), files(&b));
}

fn walk(d: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A package whose document.xml is `body` inside a Word body.
fn docx_with(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    package("word/document.xml", xml.as_bytes())
}

#[test]
fn ten_thousand_tables_and_tables_nested_a_hundred_deep_are_read_within_bounds() {
    let tmp = tempfile::tempdir().unwrap();
    let table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let many = tmp.path().join("tableaux.docx");
    std::fs::write(&many, docx_with(&table.repeat(10_000))).unwrap();
    let deep = tmp.path().join("imbriques.docx");
    let open = "<w:tbl><w:tr><w:tc>".repeat(100);
    let close = "</w:tc></w:tr></w:tbl>".repeat(100);
    std::fs::write(
        &deep,
        docx_with(&format!("{open}<w:p><w:r><w:t>x</w:t></w:r></w:p>{close}")),
    )
    .unwrap();
    for (f, d) in [(&many, "d1"), (&deep, "d2")] {
        let cmd = Ldm::new()
            .arg("import")
            .arg(f)
            .arg(tmp.path().join(d))
            .command();
        let (code, kib) = peak_kib(cmd);
        assert_eq!(code, 0, "{}", f.display());
        assert!(kib < 200 * 1024, "{kib} KiB for {}", f.display());
    }
    import(&deep, &tmp.path().join("d3"))
        .success()
        .stdout_has(&fr("un tableau imbriqué à plus de 16 niveaux n'est pas lu"));
}
