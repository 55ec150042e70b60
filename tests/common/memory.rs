//! The peak memory of one run of ldm, measured by GNU time around that child alone.
//!
//! Why not `wait4` on the child directly: std spawns with `vfork`, and at `exec` Linux
//! keeps the old address space's high-water mark in the child's `ru_maxrss` — the test
//! process's own memory, which grows with the tests running beside it (218–231 MiB read
//! for an import that peaks under 100 MiB alone). GNU time forks from its own small
//! process, so the number is ldm's.

use std::process::{Command, Stdio};

/// Runs `cmd` with its output discarded: (exit code, peak resident memory in KiB).
pub fn peak_kib(cmd: Command) -> (i32, u64) {
    let time = super::program(&["/usr/bin/time"], "time").expect("GNU time (/usr/bin/time)");
    let report = tempfile::NamedTempFile::new().unwrap();
    let mut timed = Command::new(time);
    timed.args(["-q", "-f", "%M", "-o"]).arg(report.path());
    timed.arg(cmd.get_program()).args(cmd.get_args());
    if let Some(dir) = cmd.get_current_dir() {
        timed.current_dir(dir);
    }
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => timed.env(k, v),
            None => timed.env_remove(k),
        };
    }
    let status = (timed.stdout(Stdio::null()).stderr(Stdio::null()).status()).expect("time starts");
    let text = std::fs::read_to_string(report.path()).unwrap_or_default();
    // On a signal, time writes « Command terminated by signal N » before the figure.
    let kib = (text.lines().rev())
        .find_map(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("GNU time gave no peak: {text:?}"));
    (status.code().unwrap_or(-1), kib)
}
