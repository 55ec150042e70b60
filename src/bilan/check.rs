//! The rules over `bilans/*.md`, the comité de pilotage's texts: each file named after its
//! year, its three sections present, no « À compléter » left. Located findings, joined to
//! `ldm check`'s by the application layer (`ops::check`).

use super::{DIR, SECTIONS};
use crate::diagnostic::{Diagnostic, Pos, Rule};
use crate::source::Source;
use crate::text::fold;
use crate::vfs::Kind;
use crate::workspace::Workspace;
use std::collections::BTreeMap;

/// The findings of every bilan, and the files read (for reports to quote).
pub fn check(ws: &Workspace) -> (Vec<Diagnostic>, BTreeMap<String, Source>) {
    let d = &ws.dossier;
    let files = d.files.as_ref();
    let mut out = Vec::new();
    let mut sources = BTreeMap::new();
    if files.kind(DIR) != Some(Kind::Dir) {
        return (out, sources);
    }
    for e in files.list(DIR).unwrap_or_default() {
        let rel = crate::vfs::join(DIR, &e.name);
        if !matches!(e.kind, Kind::File { .. }) || e.name.starts_with('.') {
            continue;
        }
        if year_of(&e.name).is_none() {
            out.push(
                Diagnostic::new(
                    Rule::FichierIgnore,
                    format!("« {rel} » n'est pas lu : un bilan porte le nom de son année"),
                )
                .in_file(&rel)
                .help("nommez-le d'après l'année du bilan, ex. bilans/2024.md"),
            );
            continue;
        }
        let (src, read, diags) = crate::load::read_text(files, &d.root, &rel);
        out.extend(diags);
        sources.extend(read);
        if let Some(src) = src {
            file(&mut out, &src);
        }
    }
    (out, sources)
}

/// `2024.md` → 2024.
pub fn year_of(name: &str) -> Option<i64> {
    let stem = name.strip_suffix(".md")?;
    (stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()))
        .then(|| stem.parse().ok())
        .flatten()
}

/// `section-manquante` and `texte-a-completer` over one bilan.
fn file(out: &mut Vec<Diagnostic>, src: &Source) {
    let text = crate::markup::blank_comments(&src.text);
    let mut headings = Vec::new();
    let mut section = String::from("le texte");
    for (i, line) in text.split('\n').enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(h) = line.strip_prefix('#') {
            let title = h.trim_start_matches('#').trim();
            if !h.starts_with('#') {
                headings.push(fold(title));
            }
            section = format!("la section « {title} »");
            continue;
        }
        let trimmed = line.trim();
        if crate::check::text::is_placeholder(trimmed)
            && trimmed.chars().count() <= crate::check::text::PLACEHOLDER.chars().count() + 4
        {
            let col = line.chars().take_while(|c| c.is_whitespace()).count();
            let len = trimmed.chars().count();
            let pos = Pos::new(n, col as u32 + 1, len as u32);
            out.push(
                Diagnostic::new(
                    Rule::TexteACompleter,
                    format!("« {} » dans {section}", crate::check::text::PLACEHOLDER),
                )
                .at(&src.path, pos)
                .help("remplacez ce repère par le texte du comité de pilotage"),
            );
        }
    }
    for s in SECTIONS {
        if !headings.contains(&fold(s)) {
            out.push(
                Diagnostic::new(Rule::SectionManquante, format!("section « {s} » absente"))
                    .in_file(&src.path)
                    .help(format!(
                        "ajoutez « # {s} » : le bilan annuel a une analyse, des décisions et les priorités de l'année suivante"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bilan_is_named_after_its_year() {
        assert_eq!(year_of("2024.md"), Some(2024));
        assert_eq!(year_of("bilan-2024.md"), None);
        assert_eq!(year_of("20245.md"), None);
        assert_eq!(year_of("2024.txt"), None);
    }
}
