//! Printing HTML to PDF with headless Chromium, for the tests of printable outputs.

use std::path::Path;

/// Debian's Chromium. Outside CI a missing browser skips the test; under CI=true it
/// must be there (.ci/run installs it).
pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: install chromium (.ci/run does)"
        );
        eprintln!("chromium absent : test du navigateur sauté hors CI");
    }
    found
}

/// Prints an HTML file to PDF with headless Chromium; returns the number of pages.
pub fn print_to_pdf(browser: &str, html: &Path, pdf: &Path) -> usize {
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    lopdf::Document::load(pdf).unwrap().get_pages().len()
}
