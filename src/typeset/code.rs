//! Typst code from untrusted text: every piece of the dossier enters the generated source
//! as a string literal, never as markup, so `#`, `$`, `[`, `*` or `<` are only characters.

use crate::typo;
use std::fmt::Write;

/// `text` with French typography, as a Typst string literal (`"…"`).
pub fn lit(text: &str) -> String {
    let text = typo::french(text);
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` placed in markup: an embedded string expression, closed by `;` so that what
/// follows can never extend it.
pub fn text(text: &str) -> String {
    format!("#{};", lit(text))
}

/// A heading: levels 1 and 2 are bookmarks, level 1 also a line of the table of contents.
pub fn heading(out: &mut String, level: u8, title: &str) {
    let _ = writeln!(out, "#heading(level: {level}, {})", lit(title));
}

/// A table with its column widths and cells (already Typst code).
pub fn table(out: &mut String, columns: &str, cells: &[String]) {
    let _ = writeln!(out, "#table(columns: {columns}, {})", cells.join(", "));
}

/// A table's title, kept on the page of the table's first rows.
pub fn caption(out: &mut String, title: &str) {
    let _ = writeln!(out, "#caption({})", lit(title));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_what_typst_would_read() {
        assert_eq!(lit(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(lit("l1\nl2\u{7}"), r#""l1\nl2\u{7}""#);
        assert_eq!(text("#x $y$ [z]"), r##"#"#x $y$ [z]";"##);
    }
}
