//! Typst code from untrusted text: every piece of the dossier enters the generated source
//! as a string literal, never as markup, so `#`, `$`, `[`, `*` or `<` are only characters.

use crate::typo;
use std::fmt::Write;

/// `text` with French typography, as a Typst string literal (`"…"`).
pub fn lit(text: &str) -> String {
    string(&typo::french(text))
}

/// `text` as it is, as a Typst string literal: for text whose typography is already
/// applied (the document model's, `doc::typst`).
pub fn string(text: &str) -> String {
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

/// A table with its column widths and cells (already Typst code); the heading cells of
/// its body are its rows' headers (`body_cells`).
pub fn table(out: &mut String, columns: &str, cells: &[String]) {
    let cells: Vec<String> = cells.iter().map(|c| body_cells(c)).collect();
    let _ = writeln!(out, "#table(columns: {columns}, {})", cells.join(", "));
}

/// Cells of a table's body with each heading cell (`th`) made a row header (`rh`), so
/// the PDF's tags say which label each value has; the heading row (`table.header`) is
/// left as it is, its cells being column headers already. String literals are skipped,
/// so the dossier's text is never changed.
pub fn body_cells(code: &str) -> String {
    if code.starts_with("table.header(") {
        return code.to_string();
    }
    let mut out = String::with_capacity(code.len() + 8);
    let (mut in_string, mut escaped, mut prev) = (false, false, ' ');
    let mut chars = code.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c == 't'
            && !(prev.is_alphanumeric() || prev == '_' || prev == '-' || prev == '.')
            && code[i..].starts_with("th")
            && matches!(code[i + 2..].chars().next(), Some('[' | '('))
        {
            out.push_str("rh");
            chars.next();
            prev = 'h';
            continue;
        }
        out.push(c);
        prev = c;
    }
    out
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

    #[test]
    fn body_heading_cells_become_row_headers_and_text_stays() {
        let cells = format!(
            "th[Durée], {}, th(rowspan: 2, {})",
            lit("Smith(\"th["),
            lit("a")
        );
        assert_eq!(
            body_cells(&cells),
            format!(
                "rh[Durée], {}, rh(rowspan: 2, {})",
                lit("Smith(\"th["),
                lit("a")
            )
        );
        let header = "table.header(th[Nom], th[Rôle])";
        assert_eq!(body_cells(header), header);
        assert_eq!(
            body_cells("table.cell(colspan: 3, width)"),
            "table.cell(colspan: 3, width)"
        );
    }
}
