//! Dossiers received from someone else, second series (issue 32): a received git
//! repository cannot make `ldm diff --git` run a program or fetch anything.

use crate::common::*;
use std::fs;
use std::path::{Path, PathBuf};

/// The example as a git repository of two commits, `etablissement.md` changed by the
/// second; the first version's blob is then removed, as in a partial clone.
fn received_repo(tmp: &Path) -> (PathBuf, PathBuf) {
    let repo = tmp.join("depot");
    copy_dir(&example(), &repo);
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "avant"]);
    let old = git(&repo, &["rev-parse", "HEAD:etablissement.md"]);
    let old = old.trim();
    let path = repo.join("etablissement.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}\nUne ligne de plus.\n")).unwrap();
    git(&repo, &["commit", "-q", "-am", "après"]);
    fs::remove_file(repo.join(".git/objects").join(&old[..2]).join(&old[2..])).unwrap();
    (repo, tmp.join("PWNED"))
}

/// `ldm diff --git HEAD~1 HEAD` in `repo`, with `settings` written to its `.git/config`
/// (`MARKER` replaced by the file a command would create): the file never appears.
fn diff_never_runs(settings: &[(&str, &str)]) {
    let tmp = tempfile::tempdir().unwrap();
    let (repo, marker) = received_repo(tmp.path());
    for (key, value) in settings {
        let value = value.replace("MARKER", &marker.to_string_lossy());
        git(&repo, &["config", key, &value]);
    }
    let out = Ldm::new()
        .current_dir(&repo)
        .args(["diff", "--git", "HEAD~1", "HEAD"])
        .run();
    out.code(2).stderr_has("absent du dépôt");
    assert!(
        !marker.exists(),
        "a command configured by the repository ran"
    );
}

/// A partial clone's settings: `remote.origin` at `url`, a promisor, then `extra`.
fn promisor(url: &str, extra: &[(&'static str, &'static str)]) {
    let mut settings = vec![
        ("remote.origin.promisor", "true"),
        ("extensions.partialClone", "origin"),
        ("remote.origin.url", url),
    ];
    settings.extend_from_slice(extra);
    diff_never_runs(&settings);
}

#[test]
fn a_promisor_remote_with_an_ssh_command_never_runs_it() {
    promisor(
        "ssh://example.invalid/depot",
        &[("core.sshCommand", "touch MARKER; false")],
    );
}

#[test]
fn a_promisor_remote_with_an_ext_url_never_runs_it() {
    promisor(
        "ext::sh -c touch% MARKER",
        &[("protocol.ext.allow", "always")],
    );
}

#[test]
fn a_promisor_remote_with_a_proxy_or_credential_helper_never_runs_them() {
    promisor(
        "git://example.invalid/depot",
        &[
            ("core.gitProxy", "/bin/sh -c 'touch MARKER'"),
            ("credential.helper", "!touch MARKER"),
        ],
    );
}

#[test]
fn a_smudge_filter_of_the_repository_never_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("depot");
    copy_dir(&example(), &repo);
    let marker = tmp.path().join("PWNED");
    fs::write(repo.join(".gitattributes"), "* filter=piege diff=piege\n").unwrap();
    git(&repo, &["init", "-q"]);
    let command = format!("touch '{}'; cat", marker.display());
    for key in [
        "filter.piege.smudge",
        "filter.piege.clean",
        "diff.piege.textconv",
    ] {
        git(&repo, &["config", key, &command]);
    }
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "un"]);
    git(&repo, &["commit", "-q", "--allow-empty", "-m", "deux"]);
    let _ = fs::remove_file(&marker); // `git add` itself ran the clean filter
    Ldm::new()
        .current_dir(&repo)
        .args(["diff", "--git", "HEAD~1", "HEAD"])
        .run()
        .code(0);
    assert!(!marker.exists(), "a filter of the repository ran");
}

/// The `valide` fixture with ESC[8m in the school's name (a TOML escape), in a fiche's
/// `denomination` (a YAML escape) and raw in its prose.
fn escapes_everywhere() -> TempDossier {
    let d = TempDossier::fixture("valide");
    d.edit(
        "ldm.toml",
        "nom = \"Lycée professionnel Louis Blériot\"",
        "nom = \"Lycée\\u001b[8m professionnel Louis Blériot\"",
    );
    d.edit(
        JOB,
        "denomination: \"Job dating",
        "denomination: \"\\e[8mJob dating",
    );
    d.edit(
        JOB,
        "# Description\n",
        "# Description\n\nFin\u{1}de\u{1b}[2Jligne.\n",
    );
    d
}

const JOB: &str = "criteres/2-partenariats/actions/job-dating.md";

#[test]
fn control_characters_are_findings_at_their_place_and_never_reach_the_terminal() {
    let d = escapes_everywhere();
    let out = d.ldm().args(["check", ".", "--format", "short"]).run();
    out.code(1);
    for place in [
        "ldm.toml:4:7: erreur[caractere-de-controle]",
        "job-dating.md:2:15: erreur[caractere-de-controle]",
        "job-dating.md:23:4: erreur[caractere-de-controle]",
        "job-dating.md:23:7: erreur[caractere-de-controle]",
    ] {
        out.stdout_has(place);
    }
    out.stdout_has("caractère de contrôle U+001B (␛)");
    for format in ["human", "short", "resume"] {
        let out = d.ldm().args(["check", ".", "--format", format]).run();
        assert!(!out.stdout.contains('\u{1b}'), "{format}: {out}");
    }
    for args in [&["progress", "."][..], &["diff", ".", "."]] {
        let out = d.ldm().args(args).run();
        assert!(
            out.code <= 2 && !out.stdout.contains('\u{1b}'),
            "{args:?}: {out}"
        );
    }
}

#[test]
fn the_word_annex_of_a_dossier_with_control_characters_is_valid_xml() {
    let d = escapes_everywhere();
    d.ldm()
        .args(["render", ".", "--format", "docx", "-o", "annexe.docx"])
        .run()
        .success();
    let bytes = fs::read(d.join("annexe.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(!xml.chars().any(|c| c < ' ' && !"\t\n\r".contains(c)));
    assert!(
        xml.contains("\u{fffd}[8mJob dating"),
        "the replaced character is shown"
    );
}

#[test]
fn a_file_name_with_a_newline_stays_on_its_line_in_short() {
    let d = TempDossier::fixture("valide");
    let faked = "criteres/2-partenariats/actions/x.md:1:1: erreur[faux] : inventé\nvrai.md";
    d.write(faked, "pas d'en-tête\n");
    let out = d.ldm().args(["check", ".", "--format", "short"]).run();
    out.code(1);
    assert!(
        out.stdout.lines().all(|l| !l.starts_with("vrai.md")),
        "a file name spans two lines:\n{out}"
    );
    out.stdout_has_verbatim("inventé\\nvrai.md\"");
}

/// The audited example with `nom` in `audit/audit.toml` replaced by `nom`.
fn audited(tmp: &Path, nom: &str) -> PathBuf {
    let dir = tmp.join("lycee");
    copy_dir(&example(), &dir);
    edit(
        &dir.join("audit/audit.toml"),
        "nom = \"Lycée polyvalent Marie Marvingt\"",
        &format!("nom = {nom}"),
    );
    dir
}

#[test]
fn audit_resume_csv_cells_are_never_formulas() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = audited(
        tmp.path(),
        r#""=HYPERLINK(\"http://example.invalid\",\"ok\")""#,
    );
    let out = Ldm::new()
        .args(["audit", "resume", "--format", "csv"])
        .arg(&dir)
        .run();
    out.success();
    let row = out.stdout.lines().nth(1).unwrap();
    assert!(row.contains(r#""'=HYPERLINK("#), "{row}");
    assert!(!row.contains(",=") && !row.contains(",\"="), "{row}");
}

#[test]
fn audit_resume_shows_escape_sequences_as_symbols() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = audited(tmp.path(), r#""Lycée\u001b[8m caché""#);
    let out = Ldm::new().args(["audit", "resume"]).arg(&dir).run();
    out.success();
    assert!(!out.stdout.contains('\u{1b}'), "{out}");
    out.stdout_has_verbatim("Lycée␛[8m caché");
}

#[test]
fn evidence_with_a_backslash_path_is_refused_by_check_as_by_the_annex() {
    let d = TempDossier::fixture("valide");
    d.edit(
        JOB,
        "  - preuves/2-partenariats/bilan-job-dating-2026.md",
        "  - preuves/2-partenariats/bilan-job-dating-2026.md\n  - preuves/..\\..\\evil.bat",
    );
    d.write("preuves/..\\..\\evil.bat", "echo pwned\n");
    // Not hidden, so listed: a name Windows would split.
    d.write("preuves/x\\evil.bat", "echo pwned\n");
    let out = d.ldm().args(["check", ".", "--format", "short"]).run();
    out.code(1).stdout_has(
        "job-dating.md:19:5: erreur[preuve-hors-dossier] : la preuve « preuves/..\\..\\evil.bat » est hors du dossier",
    );
    let annex = d
        .ldm()
        .args(["render", ".", "--preuves", "--format", "md", "-o", "-"])
        .run();
    assert!(!annex.stdout.contains("echo pwned"), "{annex}");
    out.stdout_has("preuves/x\\evil.bat: erreur[preuve-hors-dossier] : le nom du fichier");
    d.ldm()
        .args([
            "render",
            ".",
            "--preuves",
            "--format",
            "zip",
            "-o",
            "preuves.zip",
        ])
        .run()
        .success();
    let zip = zip::ZipArchive::new(fs::File::open(d.join("preuves.zip")).unwrap()).unwrap();
    let names: Vec<&str> = zip.file_names().collect();
    assert!(names.iter().all(|n| !n.contains('\\')), "{names:?}");
}

#[cfg(feature = "lsp")]
#[test]
fn lsp_refuses_a_huge_content_length_in_french_and_exits() {
    use std::io::Write;
    use std::process::Stdio;
    let d = TempDossier::fixture("valide");
    let mut cmd = d.ldm().arg("lsp").command();
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"Content-Length: 99999999999999\r\n\r\n{}")
        .unwrap();
    // The pipe stays open: ldm must stop on the header alone, not wait for the body.
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("ldm lsp still runs after a refused header");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("Content-Length: 99999999999999"),
        "{stderr}"
    );
    assert!(stderr.contains("64 Mio"), "{stderr}");
}
