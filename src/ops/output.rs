//! The format a verb writes: `--format`, else the one the output file's extension
//! announces, else the verb's default; a contradiction between them is refused with one
//! French message for every verb, rather than writing, say, HTML into a `.pdf`.

use std::fmt;
use std::path::Path;

/// A format some verb writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Term,
    Html,
    Md,
    Json,
    Pdf,
    Docx,
    Zip,
    Csv,
}

/// What each verb that writes a document offers, its default first.
pub const ANNEXE: &[Kind] = &[Kind::Html, Kind::Md, Kind::Pdf, Kind::Docx];
pub const PREUVES: &[Kind] = &[Kind::Html, Kind::Md, Kind::Pdf, Kind::Zip];
pub const RAPPORT: &[Kind] = &[Kind::Html, Kind::Md, Kind::Pdf, Kind::Docx];
pub const BILAN: &[Kind] = &[Kind::Html, Kind::Md, Kind::Pdf, Kind::Docx];
pub const DIFF: &[Kind] = &[
    Kind::Term,
    Kind::Md,
    Kind::Html,
    Kind::Json,
    Kind::Pdf,
    Kind::Docx,
];

/// The tableau de bord's: the terminal's table, JSON, and the four documents, as the diff.
pub const PROGRESS: &[Kind] = DIFF;

impl Kind {
    const ALL: [Kind; 8] = [
        Kind::Term,
        Kind::Html,
        Kind::Md,
        Kind::Json,
        Kind::Pdf,
        Kind::Docx,
        Kind::Zip,
        Kind::Csv,
    ];

    /// The value typed after `--format`.
    pub fn value(self) -> &'static str {
        match self {
            Kind::Term => "texte",
            Kind::Html => "html",
            Kind::Md => "md",
            Kind::Json => "json",
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
            Kind::Zip => "zip",
            Kind::Csv => "csv",
        }
    }

    /// The extension of a file of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Term => "txt",
            other => other.value(),
        }
    }

    /// The format's name in a sentence (« un fichier PDF »).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Term => "texte",
            Kind::Html => "HTML",
            Kind::Md => "Markdown",
            Kind::Json => "JSON",
            Kind::Pdf => "PDF",
            Kind::Docx => "Word",
            Kind::Zip => "zip",
            Kind::Csv => "CSV",
        }
    }

    /// The English value the format had before values were French, still accepted (and
    /// hidden from help) so that existing scripts keep working.
    pub fn english(self) -> Option<&'static str> {
        match self {
            Kind::Term => Some("term"),
            _ => None,
        }
    }

    /// The format named by a `--format` value, French or its English alias.
    pub fn of_value(value: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.value() == value || k.english() == Some(value))
    }

    /// The format a file name announces, if its extension is one ldm knows.
    fn of_extension(ext: &str) -> Option<Kind> {
        match ext {
            "htm" => Some(Kind::Html),
            "markdown" => Some(Kind::Md),
            _ => Kind::ALL.into_iter().find(|k| k.extension() == ext),
        }
    }
}

/// Why a verb will not write: the reasons are the same for every verb.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A word-processor format ldm never writes (`.doc`, `.odt`, `.rtf`).
    Foreign { path: String, ext: String },
    /// The extension announces a format this verb does not write.
    NotOffered {
        path: String,
        announced: Kind,
        offered: &'static [Kind],
    },
    /// `--format` names a format of another verb (`render --preuves --format docx`).
    NotWritten {
        asked: Kind,
        offered: &'static [Kind],
    },
    /// `--format` and the extension disagree.
    Contradiction {
        path: String,
        announced: Kind,
        asked: Kind,
    },
}

/// The format to write: `asked` (`--format`), else what `output`'s extension announces,
/// else `offered[0]`. `-` (the screen) announces nothing.
pub fn choose(
    asked: Option<Kind>,
    output: Option<&Path>,
    offered: &'static [Kind],
) -> Result<Kind, Refusal> {
    if let Some(asked) = asked.filter(|k| !offered.contains(k)) {
        return Err(Refusal::NotWritten { asked, offered });
    }
    let announced = match output.filter(|p| p.as_os_str() != "-") {
        Some(p) => announced(p, offered)?,
        None => None,
    };
    match (asked, announced) {
        (Some(asked), Some((path, announced))) if asked != announced => {
            Err(Refusal::Contradiction {
                path,
                announced,
                asked,
            })
        }
        (Some(k), _) | (None, Some((_, k))) => Ok(k),
        (None, None) => Ok(offered[0]),
    }
}

/// The format `path`'s extension announces among `offered`, with the path as shown.
fn announced(path: &Path, offered: &'static [Kind]) -> Result<Option<(String, Kind)>, Refusal> {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Ok(None);
    };
    let ext = ext.to_ascii_lowercase();
    let shown = crate::fsutil::shown(path);
    match Kind::of_extension(&ext) {
        Some(k) if offered.contains(&k) => Ok(Some((shown, k))),
        Some(k) => Err(Refusal::NotOffered {
            path: shown,
            announced: k,
            offered,
        }),
        None if matches!(ext.as_str(), "doc" | "odt" | "rtf") => {
            Err(Refusal::Foreign { path: shown, ext })
        }
        None => Ok(None),
    }
}

/// « .html, .md, .pdf ou .docx ».
fn extensions(offered: &[Kind]) -> String {
    listed(
        offered
            .iter()
            .map(|k| format!(".{}", k.extension()))
            .collect(),
    )
}

/// « a, b ou c ».
fn listed(all: Vec<String>) -> String {
    match all.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} ou {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl std::error::Error for Refusal {}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Foreign { path, ext } => write!(
                f,
                "«\u{a0}{path}\u{a0}»\u{a0}: ldm n'écrit pas de fichier .{ext}\u{a0}; écrivez un .docx, que Word et LibreOffice ouvrent"
            ),
            Refusal::NotOffered {
                path,
                announced,
                offered,
            } => write!(
                f,
                "«\u{a0}{path}\u{a0}» annonce un fichier {} (.{}), un format que cette commande n'écrit pas\u{a0}: choisissez l'extension {}",
                announced.name(),
                announced.extension(),
                extensions(offered)
            ),
            Refusal::NotWritten { asked, offered } => write!(
                f,
                "--format {}\u{a0}: cette commande n'écrit pas ce format\u{a0}; elle écrit {}",
                asked.value(),
                listed(offered.iter().map(|k| k.value().to_string()).collect())
            ),
            Refusal::Contradiction {
                path,
                announced,
                asked,
            } => write!(
                f,
                "«\u{a0}{path}\u{a0}» annonce un fichier {} (.{}) mais --format {} écrit un fichier {}\u{a0}: changez l'extension en .{} ou le format en {}",
                announced.name(),
                announced.extension(),
                asked.value(),
                asked.name(),
                asked.extension(),
                announced.value()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--format`, `-o`, and the format chosen or a part of the refusal.
    type Case = (
        Option<Kind>,
        Option<&'static str>,
        Result<Kind, &'static str>,
    );

    #[test]
    fn the_format_comes_from_the_option_then_the_extension_then_the_default() {
        let cases: &[Case] = &[
            (None, None, Ok(Kind::Html)),
            (Some(Kind::Pdf), None, Ok(Kind::Pdf)),
            (None, Some("a.PDF"), Ok(Kind::Pdf)),
            (None, Some("a.htm"), Ok(Kind::Html)),
            (None, Some("-"), Ok(Kind::Html)),
            (None, Some("sans-extension"), Ok(Kind::Html)),
            (Some(Kind::Md), Some("a.txt.md"), Ok(Kind::Md)),
            (
                Some(Kind::Html),
                Some("r.pdf"),
                Err("annonce un fichier PDF (.pdf) mais --format html"),
            ),
            (
                None,
                Some("r.json"),
                Err("un format que cette commande n'écrit pas"),
            ),
            (None, Some("r.odt"), Err("ldm n'écrit pas de fichier .odt")),
            (
                Some(Kind::Zip),
                None,
                Err(
                    "--format zip\u{a0}: cette commande n'écrit pas ce format\u{a0}; elle écrit html, md, pdf ou docx",
                ),
            ),
        ];
        for (asked, output, want) in cases {
            let got = choose(*asked, output.map(Path::new), RAPPORT);
            match (got, want) {
                (Ok(k), Ok(w)) => assert_eq!(k, *w, "{output:?}"),
                (Err(e), Err(w)) => assert!(e.to_string().contains(w), "{e}"),
                (got, want) => panic!("{asked:?} {output:?}: {got:?}, attendu {want:?}"),
            }
        }
    }

    #[test]
    fn the_offered_extensions_are_listed_in_french() {
        assert_eq!(extensions(DIFF), ".txt, .md, .html, .json, .pdf ou .docx");
        assert_eq!(extensions(&[Kind::Pdf]), ".pdf");
    }

    #[test]
    fn every_value_names_its_format() {
        for k in Kind::ALL {
            assert_eq!(Kind::of_value(k.value()), Some(k));
            assert!(k.english().is_none_or(|e| Kind::of_value(e) == Some(k)));
            assert_eq!(Kind::of_extension(k.extension()), Some(k));
        }
    }
}
