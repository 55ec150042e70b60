//! The file source under the loader: the same dossier from disk, from memory and from
//! git gives the same findings; git revisions are read without writing anything;
//! links out of the dossier, FIFOs, binary and huge files are findings, never reads.

use crate::common::*;

use ldm::report::{self, Checked, Format, Options};
use ldm::vfs::Memory;
use ldm::workspace::Workspace;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// An in-memory copy of the folder `dir` (the form an editor's buffers would take).
fn memory_copy(dir: &Path) -> Memory {
    let mut m = Memory::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            assert!(m.insert(&rel, fs::read(e.path()).unwrap()));
        }
    }
    m
}

/// `ldm check` in `format` on a loaded dossier, as the binary writes it.
fn report(ws: &Workspace, format: Format) -> String {
    let checked = [Checked::new(
        "dossier".into(),
        &ws.dossier,
        ldm::check::check(ws),
        0,
    )];
    let mut out = String::new();
    let opts = Options {
        format,
        color: false,
        deny_warnings: false,
    };
    report::write(&mut out, &checked, opts);
    out
}

fn same_from_disk_and_memory(dir: &Path) -> usize {
    let disk = Workspace::load(dir).unwrap();
    let mem = Workspace::new(ldm::load::load_from(Arc::new(memory_copy(dir)), dir).unwrap());
    let (a, b) = (ldm::check::check(&disk), ldm::check::check(&mem));
    assert_eq!(
        serde_json::to_value(&a.diagnostics).unwrap(),
        serde_json::to_value(&b.diagnostics).unwrap()
    );
    for format in [Format::Human, Format::Json, Format::Sarif] {
        assert_eq!(report(&disk, format), report(&mem, format), "{format:?}");
    }
    a.diagnostics.len()
}

#[test]
fn the_example_gives_the_same_findings_from_disk_and_from_memory() {
    same_from_disk_and_memory(&example());
    // A dossier full of problems, so that the comparison is not between two empty lists.
    let n = same_from_disk_and_memory(&root().join("tests/fixtures/tout-en-un"));
    assert!(n > 5, "{n} findings");
}

#[test]
fn the_memory_source_is_what_is_read() {
    // An unsaved edit in memory is checked, not the file on disk.
    let mut m = memory_copy(&example());
    let fiche = "criteres/4-partenariats/critere.md";
    let text = String::from_utf8(m_read(&m, fiche)).unwrap();
    m.insert(
        fiche,
        text.replacen("# État des lieux", "# Etat des leiux", 1),
    );
    let d = Workspace::new(ldm::load::load_from(Arc::new(m), &example()).unwrap());
    let diags = ldm::check::check(&d).diagnostics;
    assert!(
        diags
            .iter()
            .any(|d| d.rule.name() == "section-manquante" && d.file.as_deref() == Some(fiche)),
        "{diags:#?}"
    );
}

fn m_read(m: &Memory, rel: &str) -> Vec<u8> {
    use ldm::vfs::FileSource;
    m.read(rel).unwrap()
}

// ------------------------------------------------------------------ git

/// A repository whose `dossier/` is the 2021 example at tag v2021, the 2026 one at v2026.
fn example_repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("depot");
    let d = repo.join("dossier");
    copy_dir(&root().join("examples/lycee-marie-marvingt-2021"), &d);
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "2021"]);
    git(&repo, &["tag", "v2021"]);
    fs::remove_dir_all(&d).unwrap();
    copy_dir(&example(), &d);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "2026"]);
    git(&repo, &["tag", "v2026"]);
    (tmp, d)
}

/// Runs ldm in `dir` with `TMPDIR` set to `tmpdir`.
fn run_with_tmpdir(dir: &Path, tmpdir: &Path, args: &[&str]) -> Output {
    Ldm::new()
        .current_dir(dir)
        .env("TMPDIR", tmpdir)
        .args(args)
        .run()
}

#[test]
fn diff_of_git_revisions_writes_nothing_and_equals_the_folders_diff() {
    let (_tmp, d) = example_repo();
    let empty = tempfile::tempdir().unwrap();
    let md = run_with_tmpdir(
        &d,
        empty.path(),
        &["diff", "--git", "v2021", "v2026", "--format", "md"],
    )
    .success()
    .stdout
    .clone();
    assert_eq!(
        fs::read_dir(empty.path()).unwrap().count(),
        0,
        "TMPDIR is not empty"
    );
    let folders = run(
        root().join("examples"),
        &[
            "diff",
            "lycee-marie-marvingt-2021",
            "lycee-marie-marvingt",
            "--format",
            "md",
        ],
    )
    .success()
    .stdout
    .clone();
    // Only the names of the two sides differ.
    let md = md
        .replace("v2021 (git)", "lycee-marie-marvingt-2021")
        .replace("v2026 (git)", "lycee-marie-marvingt");
    assert_eq!(md, folders);
    assert!(md.contains("27 ajoutés"), "{md}");
}

#[test]
fn a_revision_that_looks_like_an_option_is_refused() {
    let (_tmp, d) = example_repo();
    let empty = tempfile::tempdir().unwrap();
    for rev in ["--output=x", "-p", "--end-of-options"] {
        let arg = format!("--git={rev}");
        run_with_tmpdir(&d, empty.path(), &["diff", &arg])
            .code(2)
            .stderr_has(&format!("révision inconnue « {rev} »"));
        assert!(!d.join("x").exists() && !d.parent().unwrap().join("x").exists());
    }
    assert_eq!(fs::read_dir(empty.path()).unwrap().count(), 0);
}

// ------------------------------------------------------------------ containment

const SECRET: &str = "CONTENU-SECRET-HORS-DOSSIER";
const FICHE: &str = "criteres/2-partenariats/actions/job-dating.md";

/// A folder outside the dossier holding a secret file and a secret folder.
fn outside() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let text = format!("---\ndenomination: \"{SECRET}\"\n---\n# Description\n{SECRET}\n");
    fs::write(out.path().join("secret.md"), &text).unwrap();
    fs::write(out.path().join("secret.yaml"), format!("id: {SECRET}\n")).unwrap();
    fs::create_dir_all(out.path().join("critere/actions")).unwrap();
    fs::write(out.path().join("critere/critere.md"), &text).unwrap();
    fs::write(out.path().join("critere/actions/fiche.md"), &text).unwrap();
    out
}

/// `ldm check` of `dir` in JSON and in the human form: (exit code, findings, all output).
fn check_all(dir: &Path) -> (i32, Vec<Value>, String) {
    let json = run(dir, &["check", ".", "--format", "json"]);
    let human = run(dir, &["check", "."]);
    let diags = json.json()["dossiers"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    (json.code, diags, format!("{json}{human}"))
}

fn has(diags: &[Value], rule: &str, file: &str) -> Value {
    diags
        .iter()
        .find(|d| d["rule"] == rule && d["file"] == file)
        .unwrap_or_else(|| panic!("no {rule} on {file} in {diags:#?}"))
        .clone()
}

#[cfg(unix)]
#[test]
fn links_out_of_the_dossier_are_findings_and_never_read() {
    use std::os::unix::fs::symlink;
    let out = outside();
    let d = TempDossier::fixture("valide");
    let dir = d.path();
    // A fiche, a criterion folder, a referential file and a template override.
    fs::remove_file(dir.join(FICHE)).unwrap();
    symlink(out.path().join("secret.md"), dir.join(FICHE)).unwrap();
    symlink(out.path().join("critere"), dir.join("criteres/3-lien")).unwrap();
    fs::remove_file(dir.join("referentiel.yaml")).unwrap();
    symlink(out.path().join("secret.yaml"), dir.join("referentiel.yaml")).unwrap();
    fs::create_dir(dir.join("templates")).unwrap();
    symlink(
        out.path().join("secret.md"),
        dir.join("templates/annexe.md.j2"),
    )
    .unwrap();

    let (code, diags, all) = check_all(dir);
    assert_eq!(code, 1);
    for file in [FICHE, "criteres/3-lien", "templates/annexe.md.j2"] {
        let d = has(&diags, "lien-hors-dossier", file);
        let target = d["message"].as_str().unwrap();
        assert!(
            target.contains(&out.path().canonicalize().unwrap().display().to_string()),
            "{d}"
        );
    }
    let d = has(&diags, "lien-hors-dossier", "ldm.toml");
    assert!(
        d["message"].as_str().unwrap().contains("référentiel"),
        "{d}"
    );
    assert!(!all.contains(SECRET), "outside content shown:\n{all}");

    // The annex neither: it reads no template.
    let out = run(dir, &["render", "--format", "md", "-o", "-"]);
    assert!(!out.to_string().contains(SECRET), "{out}");
}

#[cfg(unix)]
#[test]
fn fifos_binary_and_huge_files_are_findings_and_ldm_returns_at_once() {
    let d = TempDossier::fixture("valide");
    let dir = d.path();
    let mkfifo = |p: &Path| {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .unwrap()
                .success()
        );
    };
    // A FIFO as a fiche and as the referential file: opening one for reading would hang.
    mkfifo(&dir.join("criteres/2-partenariats/actions/tube.md"));
    fs::remove_file(dir.join("referentiel.yaml")).unwrap();
    mkfifo(&dir.join("referentiel.yaml"));
    // A NUL-padded fiche and one over the size limit (sparse: no disk used).
    let padded = "criteres/1-offre-de-formation/actions/passerelle-bac-pro-bts.md";
    let mut bytes = fs::read(dir.join(padded)).unwrap();
    bytes.extend(std::iter::repeat_n(0u8, 4096));
    fs::write(dir.join(padded), bytes).unwrap();
    let huge = fs::File::create(dir.join(FICHE)).unwrap();
    huge.set_len(300 * 1024 * 1024).unwrap();

    let out = d
        .ldm()
        .args(["check", ".", "--format", "json"])
        .timeout(Duration::from_secs(10))
        .run();
    let v = out.code(1).json();
    let diags = v["dossiers"][0]["diagnostics"].as_array().unwrap();
    has(
        diags,
        "fichier-ignore",
        "criteres/2-partenariats/actions/tube.md",
    );
    let bin = has(diags, "fichier-illisible", padded);
    assert!(
        bin["message"].as_str().unwrap().contains("binaire"),
        "{bin}"
    );
    let big = has(diags, "fichier-illisible", FICHE);
    assert!(
        big["message"].as_str().unwrap().contains("trop gros"),
        "{big}"
    );
    let r = has(diags, "edition-inconnue", "ldm.toml");
    assert!(
        r["message"]
            .as_str()
            .unwrap()
            .contains("pas un fichier ordinaire"),
        "{r}"
    );
}

// ------------------------------------------------------------------ hostile shapes

/// A dossier whose `reseau` lists `n` UAIs on one line, one in ten with a wrong
/// check letter; returns it with the UAIs as written.
fn network(n: u32) -> (TempDossier, Vec<String>) {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let d = TempDossier::fixture("valide");
    let uais: Vec<String> = (0..n)
        .map(|i| {
            let n = 1_000_000 + i;
            let letter = LETTERS[((n + u32::from(i % 10 == 0)) % 23) as usize] as char;
            format!("\"{n:07}{letter}\"")
        })
        .collect();
    d.edit(
        "ldm.toml",
        "reseau = []",
        &format!("reseau = [{}]", uais.join(", ")),
    );
    (d, uais)
}

/// Loads and checks `dir`: the report and how long it took.
fn timed_check(dir: &Path) -> (Workspace, ldm::check::CheckReport, Duration) {
    let started = std::time::Instant::now();
    let d = Workspace::load(dir).unwrap();
    let r = ldm::check::check(&d);
    (d, r, started.elapsed())
}

#[test]
fn a_network_of_100000_uais_checks_in_linear_time() {
    let (small, _) = network(10_000);
    let (big, uais) = network(100_000);
    let (_, _, t_small) = timed_check(small.path());
    let (d, r, t_big) = timed_check(big.path());
    // Ten times the entries: about ten times the time (the quadratic lookup made it a
    // hundred, 22 s in a debug build). A ratio, so a loaded machine does not fail it.
    let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-3);
    assert!(ratio < 40.0, "{t_small:?} → {t_big:?}");
    let wrong: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.rule.name() == "uai-cle-incorrecte")
        .collect();
    assert_eq!(wrong.len(), 10_000);
    // The last one is located on its own column of the one long line.
    let last = uais[99_990].as_str();
    let pos = wrong[9_999].pos.unwrap();
    let line = d.dossier.sources["ldm.toml"].line(pos.line).unwrap();
    let col = pos.column as usize;
    assert_eq!(&line[col - 1..col - 1 + last.len()], last);
    assert!(report(&d, Format::Json).contains("uai-cle-incorrecte"));
}

#[test]
fn many_findings_on_one_long_line_are_reported_in_linear_time() {
    let (small, _) = network(10_000);
    let (big, _) = network(100_000);
    let human = |d: &TempDossier| {
        let (ws, _, _) = timed_check(d.path());
        let started = std::time::Instant::now();
        let text = report(&ws, Format::Human);
        (text, started.elapsed())
    };
    let (_, t_small) = human(&small);
    let (text, t_big) = human(&big);
    // Quoting the whole 1.2 MB line for each of 10,000 findings took minutes.
    let ratio = t_big.as_secs_f64() / t_small.as_secs_f64().max(1e-3);
    assert!(ratio < 40.0, "{t_small:?} → {t_big:?}");
    // A finding deep in the line is located, the line is not quoted.
    assert!(
        text.contains("fichier\u{a0}: dossier/ldm.toml:16:"),
        "{}",
        &text[..2000]
    );
    assert!(text.len() < 20_000_000, "{} bytes", text.len());
}
