//! The Word files ldm writes against the OOXML schema as Word 2016 checks it, with
//! `openxml-audit` (PyPI; .ci/run installs it, required under CI): the example's annex
//! audit rapport, bilan annuel and renewal diff have no error, and Word finds one default
//! paragraph style.

use crate::common::*;
use crate::docx::part;

/// `ldm <verb…> . --format docx -o FILE` in the example: the file's bytes.
pub(crate) fn docx(verb: &[&str]) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("document.docx");
    Ldm::new()
        .current_dir(example())
        .args(verb)
        .args([".", "--format", "docx", "-o"])
        .arg(&out)
        .run()
        .success();
    std::fs::read(&out).unwrap()
}

/// openxml-audit's findings on `bytes`, as « part path : description » lines.
fn schema_errors(auditor: &str, bytes: &[u8]) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("document.docx");
    std::fs::write(&file, bytes).unwrap();
    let out = std::process::Command::new(auditor)
        .args([
            "--format",
            "office2016",
            "--max-errors",
            "0",
            "--output",
            "json",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let file = &report[0];
    let errors: Vec<String> = file["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} : {}", e["part_uri"], e["path"], e["description"]))
        .collect();
    assert_eq!(
        file["error_count"].as_u64(),
        Some(errors.len() as u64),
        "every error listed"
    );
    assert_eq!(out.status.success(), errors.is_empty(), "{errors:?}");
    errors
}

#[test]
fn les_documents_word_de_ldm_sont_valides_pour_word() {
    let Some(auditor) = program_answering(&["openxml-audit"], "openxml-audit (pip)", "--help")
    else {
        return;
    };
    for (what, verb) in [
        ("annexe", &["render"][..]),
        ("rapport d'audit", &["audit", "render"][..]),
        ("bilan 2025", &["bilan", "--annee", "2025"][..]),
        ("tableau de bord", &["progress"][..]),
        // Its coloured and shaded runs (`doc::Tone`).
        ("comparaison", &["diff", "../lycee-marie-marvingt-2021"][..]),
    ] {
        let bytes = docx(verb);
        let errors = schema_errors(auditor, &bytes);
        assert!(
            errors.is_empty(),
            "{what} : {} erreurs, dont {:#?}",
            errors.len(),
            &errors[..errors.len().min(10)]
        );
    }
}

#[test]
fn un_seul_style_normal_qui_est_le_style_par_defaut() {
    for verb in [&["render"][..], &["audit", "render"][..]] {
        let styles = part(&docx(verb), "word/styles.xml");
        assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);
        let defaults: Vec<&str> = styles
            .split("<w:style ")
            .filter(|s| s.contains(r#"w:type="paragraph""#) && s.contains(r#"w:default="1""#))
            .collect();
        assert_eq!(defaults.len(), 1, "{styles}");
        assert!(defaults[0].contains(r#"w:styleId="Normal""#));
    }
}

/// The `w:tblLook` of the table holding each occurrence of `cell` as a whole cell text.
fn looks_of_tables_with(document: &str, cell: &str) -> Vec<String> {
    let text = format!(">{cell}</w:t>");
    document
        .match_indices(&text)
        .map(|(at, _)| {
            let before = &document[..at];
            let look = before.rfind("<w:tblLook").expect("a table look");
            before[look..].split('>').next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn les_libelles_des_tableaux_sont_des_en_tetes_pour_word() {
    let document = part(&docx(&["render"]), "word/document.xml");
    let labels = looks_of_tables_with(&document, "Dénomination");
    assert!(labels.len() >= 10, "{labels:?}");
    for look in &labels {
        assert!(look.contains(r#"w:firstColumn="1""#), "{look}");
        assert!(look.contains(r#"w:firstRow="0""#), "{look}");
    }
    // The tables under a heading row: that row repeats, the first column is data.
    let indicators = looks_of_tables_with(&document, "Indicateurs");
    assert!(!indicators.is_empty());
    for look in &indicators {
        assert!(look.contains(r#"w:firstRow="1""#), "{look}");
        assert!(look.contains(r#"w:firstColumn="0""#), "{look}");
    }
    assert!(document.contains("<w:tblHeader/>"));
}
