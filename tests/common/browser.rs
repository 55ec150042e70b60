//! Printing HTML to PDF with headless Chromium, for the tests of printable outputs.

use std::path::Path;

/// The first of `names` that runs (`NAME --version`). Outside CI a missing program skips
/// the test that needs it; under CI=true it must be there (.ci/run installs `package`).
pub fn program(names: &[&'static str], package: &str) -> Option<&'static str> {
    program_answering(names, package, "--version")
}

/// As [`program`], for a program that answers `probe` rather than `--version`.
pub fn program_answering(
    names: &[&'static str],
    package: &str,
    probe: &str,
) -> Option<&'static str> {
    let found = names.iter().copied().find(|c| {
        std::process::Command::new(c)
            .arg(probe)
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs {}: install {package} (.ci/run does)",
            names[0]
        );
        eprintln!("{} absent : test sauté hors CI", names[0]);
    }
    found
}

/// Debian's Chromium, for the tests that print HTML.
pub fn chromium() -> Option<&'static str> {
    program(&["chromium", "chromium-browser"], "chromium")
}

/// The flags every headless Chromium of the tests starts with: no sandbox (containers),
/// nothing fetched on its own, no first-run page.
pub const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/// Prints an HTML file to PDF with headless Chromium; returns the number of pages.
pub fn print_to_pdf(browser: &str, html: &Path, pdf: &Path) -> usize {
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(browser)
        .args(HEADLESS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    lopdf::Document::load(pdf).unwrap().get_pages().len()
}
