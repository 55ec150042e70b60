//! Where a YAML syntax error comes from when the parser notices it later: a quote or a
//! bracket left open. YAML lets a quoted text and a `[…]` / `{…}` run over several
//! lines, so a forgotten closing quote on line 2 is noticed at the next quote, lines
//! below; the opening is what the person has to fix.

use crate::diagnostic::{Diagnostic, Pos, Rule};

/// What was opened, where (1-based line and column in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Opened {
    what: char,
    line: u32,
    column: u32,
}

/// A syntax error found at `noticed` as the finding at the quote or bracket left open
/// before it, with the parser's place as a secondary label; `None` when every quote and
/// bracket before the error closes on its own line (the parser's place is then right).
pub fn relocate(d: &Diagnostic, yaml: &str, line_offset: u32) -> Option<Diagnostic> {
    let noticed = d.pos.filter(|_| d.rule == Rule::SyntaxeInvalide)?;
    let file = d.file.as_deref()?;
    let open = culprit(yaml, line_offset, noticed.line)?;
    let (message, help) = match open.what {
        '"' | '\'' => (
            "syntaxe YAML invalide : le guillemet ouvert ici n'est jamais fermé".to_string(),
            format!(
                "fermez le texte par « {0} » sur la même ligne ; un « {0} » à l'intérieur du texte s'écrit {1}",
                open.what,
                if open.what == '"' { "\\\"" } else { "''" }
            ),
        ),
        '[' => (
            "syntaxe YAML invalide : le crochet « [ » ouvert ici n'est jamais fermé".to_string(),
            "fermez la liste par « ] » sur la même ligne, ou écrivez un élément par ligne, commençant par « - »".to_string(),
        ),
        _ => (
            "syntaxe YAML invalide : l'accolade « { » ouverte ici n'est jamais fermée".to_string(),
            "fermez l'ensemble par « } » sur la même ligne, ou écrivez un champ par ligne, indenté".to_string(),
        ),
    };
    Some(
        Diagnostic::new(Rule::SyntaxeInvalide, message)
            .at(file, Pos::new(open.line, open.column, 1))
            .secondary(noticed, "la lecture a échoué ici")
            .help(help),
    )
}

/// The first quote or bracket that opens on one line, is still open at its end, and
/// is closed only on the error's line or never: a text or list that legitimately runs
/// over lines closes before the error and is left alone.
fn culprit(yaml: &str, line_offset: u32, error_line: u32) -> Option<Opened> {
    let mut scan = Scan::default();
    let mut suspect: Option<Opened> = None;
    for (i, text) in yaml.lines().enumerate() {
        let line = line_offset + i as u32 + 1;
        if line > error_line {
            break;
        }
        scan.line(text, line);
        // A suspect closed before the error's line ran over lines on purpose.
        if suspect.is_some_and(|s| !scan.holds(s) && line < error_line) {
            suspect = None;
        }
        if suspect.is_none() {
            suspect = scan.open_from_before(line);
        }
    }
    suspect
}

/// The quotes and flow brackets open at the end of the lines read so far.
#[derive(Default)]
struct Scan {
    quote: Option<Opened>,
    flows: Vec<Opened>,
    /// Inside a block text: the indentation of the key that opened it.
    block: Option<usize>,
}

impl Scan {
    /// Whether `o` is still open.
    fn holds(&self, o: Opened) -> bool {
        self.quote == Some(o) || self.flows.contains(&o)
    }

    /// The outermost quote or bracket still open that was opened on a line before or at
    /// `line`.
    fn open_from_before(&self, line: u32) -> Option<Opened> {
        self.flows
            .first()
            .copied()
            .or(self.quote)
            .filter(|o| o.line <= line)
    }

    /// Reads one line: quotes open and close, brackets nest; a comment ends the line.
    /// The lines of a block text (`|`, `>`) are text, whatever they hold.
    fn line(&mut self, text: &str, line: u32) {
        let indent = text.len() - text.trim_start().len();
        match self.block {
            Some(key) if indent > key || text.trim().is_empty() => return,
            _ => self.block = None,
        }
        let mut prev: Option<char> = None;
        let mut last: Option<char> = None; // the last non-blank character
        let mut chars = text.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            let column = i as u32 + 1;
            if let Some(q) = self.quote {
                match (q.what, c) {
                    ('"', '\\') => {
                        chars.next();
                    }
                    ('\'', '\'') if chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                        chars.next();
                    }
                    (w, c) if w == c => self.quote = None,
                    _ => {}
                }
                (prev, last) = (Some(c), Some(c));
                continue;
            }
            // A token starts a value at the line's start, after « : », « - », or inside
            // a flow collection; a quote elsewhere is a letter of a plain text.
            let after_blank = prev.is_none_or(char::is_whitespace);
            let starts = after_blank && last.is_none_or(|l| ":-,[{".contains(l))
                || prev.is_some_and(|p| "[{,".contains(p));
            match c {
                '#' if after_blank => return,
                '"' | '\'' if starts => {
                    self.quote = Some(Opened {
                        what: c,
                        line,
                        column,
                    })
                }
                '[' | '{' if starts || !self.flows.is_empty() => {
                    self.flows.push(Opened {
                        what: c,
                        line,
                        column,
                    });
                }
                ']' | '}' if !self.flows.is_empty() => {
                    self.flows.pop();
                }
                _ => {}
            }
            prev = Some(c);
            if !c.is_whitespace() {
                last = Some(c);
            }
        }
        let value = text.trim_end().rsplit(": ").next().unwrap_or("");
        if self.quote.is_none() && self.flows.is_empty() && is_block_header(value) {
            self.block = Some(indent);
        }
    }
}

/// `|`, `>`, `|-`, `>+2`…: the header of a block text.
fn is_block_header(value: &str) -> bool {
    let mut chars = value.trim().chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| "+-0123456789".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str, error_line: u32) -> Option<(char, u32, u32)> {
        culprit(yaml, 1, error_line).map(|o| (o.what, o.line, o.column))
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opened() {
        let yaml = "denomination: \"Job dating\nperenne: true\nobjectifs:\n  - intitule: \"x\"\n";
        assert_eq!(at(yaml, 5), Some(('"', 2, 15)));
        let never = "a: 'ouvert\nb: c\n";
        assert_eq!(at(never, 3), Some(('\'', 2, 4)));
    }

    #[test]
    fn brackets_and_texts_over_lines_are_not_blamed_once_closed() {
        let list = "exigences: [\n  \"4.1\",\n]\nperenne: \"oui\nb: 1\n";
        assert_eq!(at(list, 6), Some(('"', 5, 10)));
        assert_eq!(at("a: [1, 2\nb: 3\n", 3), Some(('[', 2, 4)));
        assert_eq!(at("a: {x: 1\nb: 3\n", 3), Some(('{', 2, 4)));
        assert_eq!(at("a: l'atelier \"x\"\nb: 'c''d'\n", 3), None);
        assert_eq!(at("a: 1 # \"commentaire\nb: 2\n", 3), None);
        assert_eq!(at("a: |\n  \"cité\n  [x\nb: 2\n", 5), None);
    }
}
