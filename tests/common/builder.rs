//! The `Ldm` builder: one way for every test to run the binary and check what a user
//! sees (exit code, stdout, stderr), modelled on just's `Test` builder.

use serde_json::Value;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A run of `ldm` being prepared: arguments, folder, environment. Colour is off
/// (`NO_COLOR`), `GITHUB_STEP_SUMMARY` is cleared so that a test run inside GitHub
/// Actions does not write to the job's summary, and standard input is empty (ldm never
/// reads it; a test must not hang on it).
pub struct Ldm {
    cmd: Command,
    timeout: Option<Duration>,
}

impl Ldm {
    pub fn new() -> Self {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("ldm"));
        cmd.env("NO_COLOR", "1")
            .env_remove("GITHUB_STEP_SUMMARY")
            .stdin(Stdio::null());
        Ldm { cmd, timeout: None }
    }

    /// The folder ldm runs in (by default the crate's root, where `cargo test` runs).
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.cmd.arg(arg);
        self
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.cmd.args(args);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Kills ldm after `limit` (the run then fails): for inputs that could make it hang.
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = Some(limit);
        self
    }

    /// The prepared process, for the rare test that must drive it itself (close its
    /// output early, for instance).
    pub fn command(self) -> Command {
        self.cmd
    }

    /// Runs ldm to its end. Whatever the exit code, ldm must not have panicked: a panic
    /// on bad input is a bug in itself.
    pub fn run(self) -> Output {
        let mut cmd = assert_cmd::Command::from_std(self.cmd);
        if let Some(limit) = self.timeout {
            cmd.timeout(limit);
        }
        let out = cmd
            .output()
            .expect("the ldm binary runs (within its time limit)");
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("ldm writes UTF-8");
        let output = Output {
            code: out.status.code().unwrap_or(-1),
            stdout: text(out.stdout),
            stderr: text(out.stderr),
        };
        assert!(
            !output.stderr.contains("panicked"),
            "ldm panicked:\n{output}"
        );
        output
    }
}

impl Default for Ldm {
    fn default() -> Self {
        Self::new()
    }
}

/// What a run of ldm showed. The assertion helpers print the whole run when they fail.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (code, out, err) = (self.code, &self.stdout, &self.stderr);
        write!(f, "exit code {code}\n--- stdout\n{out}\n--- stderr\n{err}")
    }
}

impl Output {
    /// Exit code 0.
    pub fn success(&self) -> &Self {
        self.code(0)
    }

    pub fn code(&self, want: i32) -> &Self {
        assert_eq!(self.code, want, "unexpected exit code:\n{self}");
        self
    }

    /// Stdout contains ldm's text `want`, written in French typography (`fr`): tests
    /// write messages with ordinary spaces, ldm prints no-break ones.
    pub fn stdout_has(&self, want: &str) -> &Self {
        let want = fr(want);
        assert!(
            self.stdout.contains(&want),
            "stdout lacks {want:?}:\n{self}"
        );
        self
    }

    /// Stdout contains `want` byte for byte: a line of the dossier quoted under a finding.
    pub fn stdout_has_verbatim(&self, want: &str) -> &Self {
        assert!(self.stdout.contains(want), "stdout lacks {want:?}:\n{self}");
        self
    }

    pub fn stdout_lacks(&self, unwanted: &str) -> &Self {
        let out = &self.stdout;
        for u in [unwanted.to_string(), fr(unwanted)] {
            assert!(!out.contains(&u), "stdout has {u:?}:\n{self}");
        }
        self
    }

    /// Stderr contains ldm's text `want`, in French typography like `stdout_has`.
    pub fn stderr_has(&self, want: &str) -> &Self {
        let want = fr(want);
        assert!(
            self.stderr.contains(&want),
            "stderr lacks {want:?}:\n{self}"
        );
        self
    }

    /// The findings of `check --format json` on one dossier: (rule, file, line), in
    /// report order.
    pub fn findings(&self) -> Vec<(String, String, u64)> {
        let json = self.json();
        let list = json["dossiers"][0]["diagnostics"].as_array().cloned();
        let list = list.unwrap_or_else(|| panic!("no findings list:\n{self}"));
        list.iter()
            .map(|f| {
                let text = |k: &str| f[k].as_str().unwrap_or("").to_string();
                (text("rule"), text("file"), f["line"].as_u64().unwrap_or(0))
            })
            .collect()
    }

    /// Stdout parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{self}"))
    }
}

/// `text` as ldm prints its own messages: in French typography (ldm's one implementation).
pub fn fr(text: &str) -> String {
    ldm::typo::french(text)
}

/// Runs ldm in `dir` with `args`: the short form most tests need.
pub fn run(dir: impl AsRef<Path>, args: &[&str]) -> Output {
    Ldm::new().current_dir(dir).args(args).run()
}
