//! Findings as values: a diagnostic names a rule, a severity, a place and a hint.

pub use crate::rule::{Rule, Severity};
use schemars::JsonSchema;
use serde::Serialize;

/// A place in a dossier file: 1-based line and column (in characters), and the
/// length in characters of the spot to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    #[serde(skip)]
    pub len: u32,
}

impl Pos {
    pub fn new(line: u32, column: u32, len: u32) -> Self {
        Pos {
            line,
            column,
            len: len.max(1),
        }
    }

    /// The start of a file, for findings about a whole file.
    pub fn start() -> Self {
        Pos::new(1, 1, 1)
    }
}

/// One finding of `ldm check`. Its message and help are French text with French
/// typography (`typo::french`), set once here so that every report, the LSP and `serve`
/// print the same characters; excerpts of the dossier's lines are never part of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// The rule that fired; serialized as its stable name, e.g. `mesure-non-chiffree`.
    #[schemars(schema_with = "crate::rule::name_schema")]
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
    /// Path relative to the dossier root, with `/` separators.
    pub file: Option<String>,
    #[serde(flatten)]
    pub pos: Option<Pos>,
    pub help: Option<String>,
    /// A second place that explains the first: where the parser noticed a quote left
    /// open at `pos`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secondary: Option<Box<Secondary>>,
}

/// A second place of a finding, in the same file, with what happened there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Secondary {
    #[serde(flatten)]
    pub pos: Pos,
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity (see `rule`).
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity(),
            message: crate::typo::french(&message.into()),
            file: None,
            pos: None,
            help: None,
            secondary: None,
        }
    }

    /// Adds a second place in the same file, with its label.
    pub fn secondary(mut self, pos: Pos, message: impl Into<String>) -> Self {
        self.secondary = Some(Box::new(Secondary {
            pos,
            message: crate::typo::french(&message.into()),
        }));
        self
    }

    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_string());
        self
    }

    pub fn at(mut self, file: &str, pos: Pos) -> Self {
        self.file = Some(file.to_string());
        self.pos = Some(pos);
        self
    }

    /// Sets the help line, with French typography like the message.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(crate::typo::french(&help.into()));
        self
    }

    /// The criterion a finding belongs to, read from its path (`criteres/4-…/…`).
    pub fn critere(&self) -> Option<u32> {
        critere_of_path(self.file.as_deref()?)
    }

    /// Order used by every report, the dossier's own: ldm.toml, etablissement.md, then
    /// each criterion (numerically) with critere.md, its actions, its engagements; then
    /// the evidence. Within a file, by position.
    pub fn sort_key(&self) -> (u8, Option<u32>, u8, &str, Option<Pos>) {
        let file = self.file.as_deref().unwrap_or("");
        let (rank, critere, within) = file_rank(file);
        (rank, critere, within, file, self.pos)
    }
}

/// Where a file comes in the dossier's own order (see `Diagnostic::sort_key`); ties are
/// broken by the path.
pub fn file_rank(file: &str) -> (u8, Option<u32>, u8) {
    let rank = match file {
        "ldm.toml" => 0,
        "etablissement.md" => 1,
        f if f.starts_with("criteres/") => 2,
        _ => 3,
    };
    let within = if file.ends_with("/critere.md") {
        0
    } else if file.contains("/actions/") {
        1
    } else if file.contains("/engagements/") {
        2
    } else {
        3
    };
    (rank, critere_of_path(file), within)
}

/// `criteres/12-vie/…` → 12. Numbers sort numerically in reports thanks to this.
pub fn critere_of_path(path: &str) -> Option<u32> {
    let rest = path.strip_prefix("criteres/")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Sorts diagnostics into report order: files in dossier order, criteria numerically.
/// The sort is stable: findings at the same place keep the order the rules made them.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// The file findings about the whole dossier (without a file) are shown on: `ldm.toml`,
/// the file that makes a folder a dossier. One convention for the terminal, `serve` and
/// the editor.
pub const DOSSIER_FILE: &str = "ldm.toml";

/// The findings grouped by the file they are shown on (`DOSSIER_FILE` for those without
/// one): files in the order of their first finding — the report's order, the dossier's —
/// and each file's findings in their order. Every front end groups through this.
pub fn by_file(diags: &[Diagnostic]) -> Vec<(&str, Vec<&Diagnostic>)> {
    let mut out: Vec<(&str, Vec<&Diagnostic>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in diags {
        let file = d.file.as_deref().unwrap_or(DOSSIER_FILE);
        let at = *index.entry(file).or_insert_with(|| {
            out.push((file, Vec::new()));
            out.len() - 1
        });
        out[at].1.push(d);
    }
    out
}

/// The findings of one file that repeat — same rule and help, e.g. one « À compléter »
/// per field of a fresh fiche — as the first one and its repeats, in the order of the
/// first ones: each repeat is still named by its line and message, under one excerpt.
/// The terminal and `serve` group through this.
pub fn repeats<'a>(
    ds: impl IntoIterator<Item = &'a Diagnostic>,
) -> Vec<(&'a Diagnostic, Vec<&'a Diagnostic>)> {
    type Key<'a> = (Rule, Option<&'a str>);
    let mut out: Vec<(&Diagnostic, Vec<&Diagnostic>)> = Vec::new();
    let mut seen: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for d in ds {
        if out.last().is_some_and(|(f, _)| f.file != d.file) {
            seen.clear();
        }
        if d.file.is_none() || d.pos.is_none() {
            out.push((d, Vec::new()));
            continue;
        }
        match seen.get(&(d.rule, d.help.as_deref())) {
            Some(&i) => out[i].1.push(d),
            None => {
                seen.insert((d.rule, d.help.as_deref()), out.len());
                out.push((d, Vec::new()));
            }
        }
    }
    out
}

/// The repeats of a finding: « lignes 12, 18 et 25 » when they say the same, else one
/// line each with its message.
pub fn repeats_note(first: &Diagnostic, repeats: &[&Diagnostic]) -> String {
    let line = |d: &Diagnostic| d.pos.map_or(0, |p| p.line);
    if repeats.iter().all(|d| d.message == first.message) {
        let lines: Vec<String> = repeats.iter().map(|d| line(d).to_string()).collect();
        return match lines.split_last() {
            Some((last, [])) => format!("ligne {last}"),
            Some((last, rest)) => format!("lignes {} et {last}", rest.join(", ")),
            None => String::new(),
        };
    }
    let each: Vec<String> = repeats
        .iter()
        .map(|d| {
            format!(
                "ligne {}\u{a0}: {}",
                line(d),
                crate::text::visible(&d.message)
            )
        })
        .collect();
    each.join("\n")
}

/// Counts of findings by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Counts {
    pub erreurs: usize,
    pub avertissements: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Self {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                Severity::Erreur => c.erreurs += 1,
                Severity::Avertissement => c.avertissements += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_and_help_get_french_typography_once_where_they_are_set() {
        let d = Diagnostic::new(Rule::TypeInvalide, "« quarante » pour « cible » : non")
            .help("écrivez « cible: 40 » ; sans unité ?");
        assert_eq!(
            d.message,
            "«\u{202f}quarante\u{202f}» pour «\u{202f}cible\u{202f}»\u{a0}: non"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("écrivez «\u{202f}cible: 40\u{202f}»\u{202f}; sans unité\u{202f}?")
        );
    }
}
