//! The PDFs ldm writes against PDF/UA-1 with `pdfua` (PyPI; .ci/run installs it,
//! required under CI): the example's annex, audit rapport, tableau de bord and bilan annuel have no
//! finding at all, its evidence annex (which reproduces PDF pages, so cannot claim
//! PDF/UA) no error.

use crate::common::*;

/// `ldm <args…> . -o FILE.pdf` in the example: the file's path, in `dir`.
fn pdf(dir: &std::path::Path, args: &[&str]) -> std::path::PathBuf {
    let out = dir.join(format!("{}.pdf", args.join("-")));
    Ldm::new()
        .current_dir(example())
        .args(args)
        .args([".", "--format", "pdf", "-o"])
        .arg(&out)
        .run()
        .success();
    out
}

/// pdfua's findings on `file`, as « severity rule : message » lines.
fn findings(checker: &str, file: &std::path::Path) -> Vec<(String, String)> {
    let out = std::process::Command::new(checker)
        .args(["check", "--format", "json"])
        .arg(file)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let line = format!("{} : {}", f["rule_id"], f["message"]);
            (f["severity"].as_str().unwrap_or("").to_string(), line)
        })
        .collect();
    assert_eq!(out.status.success(), found.is_empty(), "{found:?}");
    found
}

#[test]
fn les_pdf_de_l_exemple_sont_accessibles() {
    let Some(checker) = program(&["pdfua"], "pdfua (pip)") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let bilan = &["bilan", "--annee", "2025"][..];
    for args in [&["render"][..], &["audit", "render"], &["progress"], bilan] {
        let found = findings(checker, &pdf(tmp.path(), args));
        assert!(found.is_empty(), "{args:?} : {found:#?}");
    }
    let found = findings(checker, &pdf(tmp.path(), &["render", "--preuves"]));
    let errors: Vec<_> = found.iter().filter(|(s, _)| s == "error").collect();
    assert!(errors.is_empty(), "annexe des preuves : {errors:#?}");
}
