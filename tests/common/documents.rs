//! Documents ldm writes, read back: a verb's output file as bytes, a PDF's text through
//! pdftotext, a file converted by LibreOffice.

use std::path::Path;

/// `ldm <verb…> . --format FORMAT -o FILE` run in `dir`: the file's bytes.
pub fn written(dir: &Path, verb: &[&str], format: &str) -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join(format!("document.{format}"));
    super::Ldm::new()
        .current_dir(dir)
        .args(verb)
        .args([".", "--format", format, "-o"])
        .arg(&out)
        .run()
        .success();
    std::fs::read(&out).unwrap()
}

/// How pdftotext reads a PDF back.
#[cfg(feature = "pdf")]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Its default, geometric: hyphenated words whole, lines as they are seen.
    Layout,
    /// `-raw`, the content stream's order, which is the cells' order: the geometric
    /// reading moves a narrow column's heading away from its row.
    Raw,
}

/// The text of a PDF as pdftotext reads it back.
#[cfg(feature = "pdf")]
pub fn pdf_text(pdf: &[u8], reading: Reading) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut cmd = std::process::Command::new("pdftotext");
    if reading == Reading::Raw {
        cmd.arg("-raw");
    }
    let out = cmd
        .args([file.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF back");
    assert!(out.status.success(), "pdftotext: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// LibreOffice, which CI installs (`libreoffice-writer`); outside CI its absence skips.
pub fn soffice() -> Option<&'static str> {
    super::program(&["soffice", "libreoffice"], "libreoffice-writer")
}

/// `file` converted by LibreOffice (`soffice`) to the format `to` (`pdf`, `docx`) in
/// `outdir`, under the same name; its profile is made in `outdir` too, so that a
/// LibreOffice open on the desktop is left alone.
pub fn soffice_convert(soffice: &str, file: &Path, to: &str, outdir: &Path) {
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            outdir.join("profil").display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(outdir)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "soffice --convert-to {to}");
}
