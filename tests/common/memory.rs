//! The peak memory of one run of ldm, read from the kernel's accounting of that child
//! alone (`wait4`), so tests running in parallel do not mix their numbers.

use std::process::{Command, Stdio};

/// Runs `cmd` with its output discarded: (exit code, peak resident memory in KiB).
// The child is reaped by `wait4`, which std's `wait` cannot replace (it drops the usage).
#[allow(clippy::zombie_processes)]
pub fn peak_kib(mut cmd: Command) -> (i32, u64) {
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ldm starts");
    let pid = i32::try_from(child.id()).expect("a pid fits an i32");
    let mut status = 0;
    // SAFETY: `rusage` is plain data the kernel fills; the child is ours and is reaped
    // here only (`child` is never waited on after).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(got, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, u64::try_from(usage.ru_maxrss).unwrap_or(0))
}
