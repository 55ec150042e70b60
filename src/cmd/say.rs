//! ldm's own lines on the terminal, in French typography: `eprintln_fr!`, `println_fr!`.

/// `eprintln!` for ldm's own lines (errors, notes): French typography applied once here,
/// at the printing boundary, rather than in each literal. Never for the dossier's lines.
macro_rules! eprintln_fr {
    ($($arg:tt)*) => { crate::cmd::say::say(std::io::stderr(), format_args!($($arg)*)) };
}

/// `println!` with French typography, like `eprintln_fr!`.
macro_rules! println_fr {
    ($($arg:tt)*) => { crate::cmd::say::say(std::io::stdout(), format_args!($($arg)*)) };
}

/// One line of ldm's own, with French typography. The text and its newline go out in one
/// write, so a reader that stops after the first line (`ldm serve | head -1`) gets whole
/// lines; a closed stream is not worth a panic: the write is dropped.
pub fn say(mut out: impl std::io::Write, line: std::fmt::Arguments) {
    let text = ldm::typo::french(&format!("{line}\n"));
    let _ = out.write_all(text.as_bytes());
}

/// Each warning on its own line, « attention : … »; exit code 1 when there is one (the
/// output is incomplete), 0 otherwise.
pub fn warnings(lines: &[String]) -> std::process::ExitCode {
    for l in lines {
        say(std::io::stderr(), format_args!("attention : {l}"));
    }
    std::process::ExitCode::from(u8::from(!lines.is_empty()))
}
