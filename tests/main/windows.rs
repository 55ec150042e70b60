//! The Windows binary of dist/ run under Wine gives the Linux binary's output byte for
//! byte: `check --format json` of the example, and the Markdown annex `render` writes.
//! Wine runs in its own prefix under target/tmp, which scripts/wine-prefix.sh prepares
//! on first use (Debian's Wine 8.0 needs a stand-in bcryptprimitives.dll, see there).

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Windows binary and a ready Wine prefix, when both can be had. Outside CI the
/// absence of Wine or of the binary skips the test, saying so; under CI=true it fails
/// (.ci/run installs Wine and mingw-w64 and builds dist/ first).
fn windows_ldm() -> Option<(PathBuf, PathBuf)> {
    program(&["wine"], "wine")?;
    let ci = std::env::var_os("CI").is_some();
    let exe = super::install::dist(&format!(
        "ldm-{}-x86_64-windows.exe",
        env!("CARGO_PKG_VERSION")
    ))?;
    let prefix = wine_prefix();
    assert!(
        prefix.is_some() || !ci,
        "CI must run the Windows test: scripts/wine-prefix.sh failed"
    );
    if prefix.is_none() {
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
    let status = Command::new("bash")
        .arg(root().join("scripts/wine-prefix.sh"))
        .arg(&prefix)
        .status()
        .ok()?;
    (status.success() && ready(&prefix)).then_some(prefix)
}

/// Runs the Windows ldm under Wine in `dir`, as the Linux one runs (`Output`).
fn wine(exe: &Path, prefix: &Path, dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("wine")
        .arg(exe)
        .args(args)
        .current_dir(dir)
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).expect("ldm.exe writes UTF-8");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: text(out.stdout),
        stderr: text(out.stderr),
    }
}

#[test]
fn the_windows_binary_checks_and_renders_the_example_like_linux() {
    let Some((exe, prefix)) = windows_ldm() else {
        return;
    };
    // A copy each, so each binary writes its annex in its own folder.
    let win = TempDossier::copy(&example(), "lycee");
    let lin = TempDossier::copy(&example(), "lycee");
    let _ = std::fs::remove_dir_all(win.join("annexe"));
    let _ = std::fs::remove_dir_all(lin.join("annexe"));

    let args = ["check", "--format", "json"];
    let w = wine(&exe, &prefix, win.path(), &args);
    w.success();
    let l = lin.ldm().args(args).run();
    l.success();
    assert!(w.stdout.len() > 100, "{w}");
    assert_eq!(w.stdout, l.stdout);

    let args = ["render", "--format", "md"];
    let w = wine(&exe, &prefix, win.path(), &args);
    // Paths in messages are `/`-separated on Windows too.
    w.success().stderr_has("écrit\u{a0}: ./annexe/annexe.md");
    lin.ldm().args(args).run().success();
    let (wa, la) = (win.read("annexe/annexe.md"), lin.read("annexe/annexe.md"));
    assert!(wa.len() > 1000);
    assert_eq!(wa, la);
}
