//! What the terminal allows: colour, and whether stdout is one (where a binary document
//! must not go).

/// True when colour may be used on stdout.
pub fn color_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && stdout_is_terminal()
        && console_takes_ansi()
}

/// True when stdout is a terminal (where a binary document must not go).
pub fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}

/// Windows consoles show ANSI colours only once asked to (Windows 10 and later); an
/// older console would print the escape codes, so it gets none.
#[cfg(windows)]
fn console_takes_ansi() -> bool {
    anstyle_query::windows::enable_ansi_colors().unwrap_or(false)
}

#[cfg(not(windows))]
fn console_takes_ansi() -> bool {
    true
}
