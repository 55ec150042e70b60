//! The Windows binary of dist/ run under Wine gives the Linux binary's output byte for
//! byte: `check --format json` of the example, and the Markdown annex `render` writes.
//! Wine runs in its own prefix under target/tmp, which scripts/wine-prefix.sh prepares
//! on first use (Debian's Wine 8.0 needs a stand-in bcryptprimitives.dll, see there).

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Windows binary and a ready Wine prefix, when both can be had. Outside CI their
/// absence skips the test; under CI=true it fails (.ci/run installs Wine and mingw-w64
/// and builds dist/ first).
fn windows_ldm() -> Option<(PathBuf, PathBuf)> {
    let exe = root().join(format!(
        "dist/ldm-{}-x86_64-windows.exe",
        env!("CARGO_PKG_VERSION")
    ));
    let wine = Process::new("wine")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let ci = std::env::var_os("CI").is_some();
    if !(exe.exists() && wine) {
        assert!(
            !ci,
            "CI must run the Windows test: install wine and run scripts/dist.sh (.ci/run does)"
        );
        eprintln!("wine ou dist/ absent : test Windows sauté hors CI");
        return None;
    }
    let prefix = wine_prefix();
    if prefix.is_none() {
        assert!(
            !ci,
            "CI must run the Windows test: scripts/wine-prefix.sh failed"
        );
        eprintln!("préfixe Wine impossible à préparer : test Windows sauté hors CI");
    }
    prefix.map(|p| (exe, p))
}

/// target/tmp/wine-prefix, prepared by scripts/wine-prefix.sh unless already there.
fn wine_prefix() -> Option<PathBuf> {
    let prefix = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wine-prefix");
    let ready = |p: &Path| {
        p.join("drive_c/windows/system32/bcryptprimitives.dll")
            .exists()
    };
    if ready(&prefix) {
        return Some(prefix);
    }
    let status = Process::new("bash")
        .arg(root().join("scripts/wine-prefix.sh"))
        .arg(&prefix)
        .status()
        .ok()?;
    (status.success() && ready(&prefix)).then_some(prefix)
}

/// Runs the Windows ldm under Wine in `dir`: (exit code, stdout, stderr).
fn wine(exe: &Path, prefix: &Path, dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Process::new("wine")
        .arg(exe)
        .args(args)
        .current_dir(dir)
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn linux(dir: &Path, args: &[&str]) -> (i32, Vec<u8>) {
    let out = Command::cargo_bin("ldm")
        .unwrap()
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap(), out.stdout)
}

/// A copy of the example, so each binary writes its annex in its own folder.
fn example_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let from = root().join("examples/lycee-marie-marvingt");
    for e in walkdir::WalkDir::new(&from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(&from).unwrap();
        if rel.starts_with("annexe") {
            continue;
        }
        let dest = tmp.path().join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    tmp
}

#[test]
fn the_windows_binary_checks_and_renders_the_example_like_linux() {
    let Some((exe, prefix)) = windows_ldm() else {
        return;
    };
    let (win, lin) = (example_copy(), example_copy());
    let args = ["check", "--format", "json"];
    let (code, out, err) = wine(&exe, &prefix, win.path(), &args);
    assert_eq!(code, 0, "{err}");
    let (lcode, lout) = linux(lin.path(), &args);
    assert_eq!(lcode, 0);
    assert!(!out.is_empty());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        String::from_utf8(lout).unwrap()
    );

    let args = ["render", "--format", "md"];
    let (code, _, err) = wine(&exe, &prefix, win.path(), &args);
    assert_eq!(code, 0, "{err}");
    // Paths in messages are `/`-separated on Windows too.
    assert!(err.contains("écrit : ./annexe/annexe.md"), "{err}");
    assert_eq!(linux(lin.path(), &args).0, 0);
    let annex = |d: &Path| std::fs::read(d.join("annexe/annexe.md")).unwrap();
    let (w, l) = (annex(win.path()), annex(lin.path()));
    assert!(w.len() > 1000);
    assert_eq!(String::from_utf8(w).unwrap(), String::from_utf8(l).unwrap());
}
