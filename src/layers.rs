//! The layering invariant, enforced: a module may use only modules of its own rank or
//! lower ones (ARCHITECTURE.md, « Layers »). rust-analyzer's tidy tests are the model:
//! read the sources, fail naming the file, the line and the import.

use std::path::{Path, PathBuf};

/// Rank of each top-level module of `src/`; `cmd` is the binary (`main.rs` and `cmd/`).
const RANKS: &[(&str, u8)] = &[
    ("text", 0),
    ("typo", 0),
    ("typeset", 0),
    ("source", 0),
    ("diagnostic", 0),
    ("rule", 0),
    ("numfmt", 0),
    ("markup", 0),
    ("fsutil", 0),
    ("epoch", 0),
    ("par", 0),
    ("vfs", 0),
    ("templates", 0),
    ("release", 0),
    ("model", 1),
    ("load", 2),
    ("referentiel", 3),
    ("workspace", 4),
    ("schema", 4),
    ("check", 5),
    ("progress", 5),
    ("diff", 5),
    ("audit", 5),
    ("report", 6),
    ("render", 6),
    ("scaffold", 6),
    ("fuzzing", 6),
    ("ops", 7),
    ("serve", 8),
    ("cmd", 8),
    ("lsp", 8),
];

fn rank(module: &str) -> Option<u8> {
    RANKS.iter().find(|(m, _)| *m == module).map(|r| r.1)
}

/// The module a source file belongs to (`src/check/team.rs` → `check`); `None` for the
/// crate roots, which only declare modules, and for this file.
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    match name {
        "lib" | "layers" => None,
        "main" => Some("cmd".to_string()),
        _ => Some(name.to_string()),
    }
}

/// The text with `//` comments blanked, so prose about `crate::x` is not an import.
fn without_line_comments(text: &str) -> String {
    text.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::x` path of `text` with its 1-based line, `crate::{a, b::c}` giving `a`
/// and `b`.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let text = without_line_comments(text);
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let preceded = text[..at].chars().next_back();
        if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let line = text[..at].matches('\n').count() + 1;
        let rest = &text[at + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => out.extend(top_level_items(group).map(|i| (line, ident(i)))),
            None => out.push((line, ident(rest))),
        }
    }
    out.retain(|(_, m)| !m.is_empty() && m != "self");
    out
}

/// The comma-separated items of a `{…}` group up to its closing brace, nested groups kept
/// whole.
fn top_level_items(group: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0;
    let mut start = 0;
    let mut items = Vec::new();
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.into_iter()
}

/// The upward imports of one file, as messages naming file, line and import.
fn violations(rel: &str, module: &str, text: &str) -> Vec<String> {
    let Some(own) = rank(module) else {
        return vec![format!(
            "{rel}: module `{module}` has no rank: add it to RANKS in src/layers.rs and to ARCHITECTURE.md"
        )];
    };
    crate_paths(text)
        .into_iter()
        .filter_map(|(line, target)| match rank(&target) {
            Some(r) if r <= own => None,
            Some(r) => Some(format!(
                "{rel}:{line}: `{module}` (rank {own}) imports `crate::{target}` (rank {r}): move what it needs down"
            )),
            None => Some(format!("{rel}:{line}: `crate::{target}` has no rank in src/layers.rs")),
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn imports_only_point_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src");
        let Some(module) = module_of(rel) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("readable source");
        let shown = format!("src/{}", rel.to_string_lossy().replace('\\', "/"));
        found.extend(violations(&shown, &module, &text));
    }
    assert!(files.len() > 20, "src/ not found: {}", src.display());
    assert!(found.is_empty(), "upward imports:\n{}", found.join("\n"));
}

#[test]
fn grouped_multiline_and_inline_paths_are_seen() {
    let text = "use crate::{\n    model::Dossier,\n    report::{self, Format},\n};\n// crate::render in a comment\nfn f() { crate::progress::compute(); }\n";
    let got = violations("src/check/x.rs", "check", text);
    assert_eq!(
        got,
        [
            "src/check/x.rs:1: `check` (rank 5) imports `crate::report` (rank 6): move what it needs down",
        ]
    );
    assert_eq!(
        crate_paths(text),
        [
            (1, "model".to_string()),
            (1, "report".to_string()),
            (6, "progress".to_string())
        ]
    );
    assert!(violations("src/model/x.rs", "model", "use crate::load::load;").len() == 1);
}
