//! Dossiers someone else wrote: hostile templates are not read (the annex has none),
//! absurd years and measures are findings (no wrap, no NaN, no panic).

use crate::common::*;
use std::time::{Duration, Instant};

/// The annex is written in well under a second on an idle machine; this bound only
/// tells a hang from a loaded CI machine.
const HANG: Duration = Duration::from_secs(10);

const ACTION: &str = "criteres/2-partenariats/actions/job-dating.md";

/// Runs `render` of the annex in Markdown to stdout, timed.
fn render_md(d: &TempDossier) -> (Output, Duration) {
    let start = Instant::now();
    let out = d
        .ldm()
        .args(["render", ".", "--format", "md", "-o", "-"])
        .run();
    (out, start.elapsed())
}

/// Templates a dossier could once override: the annex no longer reads them, so a hostile
/// one (a loop without end, an include of itself or of a file out of the dossier) changes
/// nothing and costs nothing; `check` says it is not read.
#[test]
fn an_old_annex_template_however_hostile_is_not_read_and_check_says_so() {
    let d = TempDossier::fixture("valide");
    std::fs::write(d.outside().join("secret.j2"), "SECRET-HORS-DOSSIER").unwrap();
    let (plain, _) = render_md(&d);
    let plain = plain.success().stdout.clone();
    for hostile in [
        "début\n{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}\n",
        "x\n{% include \"annexe.md.j2\" %}{% include \"annexe.md.j2\" %}\n",
        "{% macro m(n) %}{{ m(n) }}{{ m(n) }}{% endmacro %}\n{{ m(1) }}\n",
        "{% include \"../../secret.j2\" %}\n",
    ] {
        d.write("templates/annexe.md.j2", hostile);
        let (out, took) = render_md(&d);
        assert!(took < HANG, "took {took:?}");
        assert_eq!(out.success().stdout, plain, "the annex is ldm's, unchanged");
        assert!(!out.to_string().contains("SECRET"), "{out}");
    }
    let report = d
        .ldm()
        .args(["check", ".", "--format", "json"])
        .run()
        .json();
    let finding = report["dossiers"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "templates/annexe.md.j2")
        .unwrap_or_else(|| panic!("no finding on the old template: {report}"));
    assert_eq!(finding["rule"], "fichier-ignore", "{finding}");
    let help = finding["help"].as_str().unwrap();
    assert!(help.contains("templates/annexe.css"), "{help}");
}

/// The progression fixture with `from` replaced by `to` in `file`.
fn progression_with(file: &str, from: &str, to: &str) -> TempDossier {
    let d = TempDossier::fixture("progression");
    d.edit(file, from, to);
    d
}

/// Every output a user can get from a dossier: check (every format), progress (every
/// format), render (HTML and Markdown). None may panic, wrap or print NaN/inf.
fn assert_every_output_sane(d: &TempDossier) {
    let mut runs = Vec::new();
    for format in ["human", "json", "sarif", "junit", "github", "gitlab"] {
        runs.push(d.ldm().args(["check", ".", "--format", format]).run());
    }
    for format in ["term", "md", "json", "html"] {
        runs.push(d.ldm().args(["progress", ".", "--format", format]).run());
    }
    for format in ["html", "md"] {
        runs.push(
            d.ldm()
                .args(["render", ".", "--format", format, "-o", "-"])
                .run(),
        );
    }
    for out in runs {
        for bad in [
            "NaN",
            "inf\"",
            "-inf",
            "inf ",
            "9223372036854775807 ans",
            "-8446744073709551615",
            "18446744073709551615",
            "00000000000000000000",
        ] {
            assert!(!out.stdout.contains(bad), "output has {bad:?}:\n{out}");
        }
    }
}

/// `annee-invalide` is reported at `place` (file:line), and every output stays sane.
fn annee_invalide(d: &TempDossier, place: &str) {
    let out = d.ldm().args(["check", ".", "--format", "short"]).run();
    out.code(1);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.contains(place) && l.contains("[annee-invalide]")),
        "no annee-invalide at {place}:\n{out}"
    );
    assert_every_output_sane(d);
}

#[test]
fn extreme_years_in_periode_are_findings_without_wrap() {
    for year in [i64::MIN, i64::MAX] {
        let d = progression_with(ACTION, "debut: 2024", &format!("debut: {year}"));
        annee_invalide(&d, "job-dating.md:3:");
        let d = progression_with(ACTION, "fin: 2026", &format!("fin: {year}"));
        annee_invalide(&d, "job-dating.md:3:");
    }
}

#[test]
fn extreme_years_in_the_campaign_are_findings_without_wrap() {
    for year in [i64::MIN, i64::MAX, 1949, 2101] {
        let d = progression_with("ldm.toml", "annee = 2026", &format!("annee = {year}"));
        annee_invalide(&d, "ldm.toml:14:");
        let d = progression_with(
            "ldm.toml",
            "precedente = 2021",
            &format!("precedente = {year}"),
        );
        annee_invalide(&d, "ldm.toml:15:");
        let d = TempDossier::fixture("progression");
        let toml = d.read("ldm.toml");
        d.write("ldm.toml", &format!("{toml}\n[suivi]\nannee = {year}\n"));
        annee_invalide(&d, "ldm.toml:22:");
    }
}

#[test]
fn extreme_years_in_measure_keys_are_findings_without_wrap() {
    for year in [i64::MIN, i64::MAX] {
        let d = progression_with(
            ACTION,
            "2024: 18",
            &format!("2024: 18\n          {year}: 5"),
        );
        annee_invalide(&d, "job-dating.md:16:");
    }
}

#[test]
fn extreme_measure_values_print_no_nan_nor_infinity() {
    for value in [
        "1e308",
        "-1e308",
        "9223372036854775807",
        "-9223372036854775808",
        ".inf",
        ".nan",
    ] {
        let d = progression_with(ACTION, "2024: 18", &format!("2024: {value}"));
        assert_every_output_sane(&d);
        let d = progression_with(ACTION, "cible: 40", &format!("cible: {value}"));
        assert_every_output_sane(&d);
    }
}

#[test]
fn values_beyond_a_thousand_billion_are_findings_at_their_line() {
    for value in ["1e308", "-1e308", "9223372036854775807", "1e16"] {
        for (key, from, line) in [("2024", "18", 15), ("cible", "40", 13)] {
            let d = progression_with(
                ACTION,
                &format!("{key}: {from}"),
                &format!("{key}: {value}"),
            );
            let out = d.ldm().args(["check", ".", "--format", "short"]).run();
            out.code(1);
            let place = format!("job-dating.md:{line}:");
            assert!(
                out.stdout
                    .lines()
                    .any(|l| l.contains(&place) && l.contains("[valeur-demesuree]")),
                "no valeur-demesuree at {place} for {value}:\n{out}"
            );
        }
    }
}

#[test]
fn nan_and_infinity_are_said_in_french() {
    for value in [".nan", ".inf", "-.inf"] {
        let d = progression_with(ACTION, "2024: 18", &format!("2024: {value}"));
        let out = d.ldm().args(["check", ".", "--format", "short"]).run();
        out.code(1)
            .stdout_has("job-dating.md:15:")
            .stdout_has("valeur infinie ou indéfinie")
            .stdout_lacks("finite");
    }
}

#[test]
fn annee_option_is_validated() {
    let d = TempDossier::fixture("progression");
    for year in [
        "9223372036854775807",
        "-9223372036854775808",
        "1800",
        "99999",
    ] {
        d.ldm()
            .args(["progress", ".", &format!("--annee={year}")])
            .run()
            .code(2)
            .stderr_has("invalide pour --annee");
    }
}

/// Whether the folder holds no file (the outside of a dossier must stay empty).
fn is_empty(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[cfg(unix)]
#[test]
fn render_does_not_write_through_a_linked_annex_folder() {
    let d = TempDossier::fixture("valide");
    let out = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(out.path(), d.join("annexe")).unwrap();
    d.ldm()
        .args(["render", "."])
        .run()
        .code(2)
        .stderr_has("hors du dossier");
    assert!(is_empty(out.path()), "written outside the dossier");
    // A path the user typed is theirs.
    let typed = out.path().join("annexe.html");
    d.ldm()
        .args(["render", ".", "-o"])
        .arg(&typed)
        .run()
        .success();
    assert!(typed.is_file());
}

#[cfg(unix)]
#[test]
fn new_does_not_write_through_a_linked_folder() {
    let d = TempDossier::fixture("valide");
    let out = tempfile::tempdir().unwrap();
    let actions = d.join("criteres/1-offre-de-formation/actions");
    std::fs::remove_dir_all(&actions).unwrap();
    std::os::unix::fs::symlink(out.path(), &actions).unwrap();
    d.ldm()
        .args(["new", "action", "1", "Une action"])
        .run()
        .code(2)
        .stderr_has("hors du dossier");
    assert!(is_empty(out.path()), "written outside the dossier");
}

#[cfg(unix)]
#[test]
fn init_does_not_write_through_a_linked_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(out.path(), dir.join("criteres")).unwrap();
    run(tmp.path(), &["init", "d", "--annee", "2026", "--force"])
        .code(2)
        .stderr_has("hors du dossier");
    assert!(is_empty(out.path()), "written outside the dossier");
}

#[test]
fn a_500_character_title_gives_a_short_file_name() {
    let d = TempDossier::fixture("valide");
    for title in ["x".repeat(500), "mot ".repeat(125)] {
        let out = d.ldm().args(["new", "action", "2"]).arg(&title).run();
        out.success();
        let dir = d.join("criteres/2-partenariats/actions");
        let longest = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().len())
            .max()
            .unwrap();
        assert!(longest <= 64, "{longest} bytes:\n{out}");
    }
}

/// A fiche with `n` unknown fields: `n` findings of one file.
fn dossier_with_findings(n: usize) -> TempDossier {
    let d = TempDossier::fixture("valide");
    let rel = "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md";
    let text = d.read(rel);
    let fields: String = (0..n).map(|i| format!("inconnu{i}: x\n")).collect();
    d.write(rel, &text.replacen("---\n", &format!("---\n{fields}"), 1));
    d
}

#[test]
fn sarif_costs_at_most_a_kilobyte_a_finding_beyond_the_check() {
    let n = 20_000;
    let d = dossier_with_findings(n);
    let peak = |format: &str| {
        let cmd = d.ldm().args(["check", ".", "--format", format]).command();
        let (code, kib) = peak_kib(cmd);
        assert_eq!(code, 1, "{format}");
        kib
    };
    let (short, sarif) = (peak("short"), peak("sarif"));
    // The check itself is what `short` holds; SARIF's own structures come on top. A tree
    // of JSON values took 12 KiB a finding (1.36 GB for 100,000).
    let per_finding = sarif.saturating_sub(short) * 1024 / n as u64;
    assert!(
        per_finding <= 1024,
        "SARIF : {per_finding} octets par constat ({sarif} Kio contre {short} Kio en short)"
    );
}
