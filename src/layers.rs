//! The layering invariant, enforced: a module may use only modules of its own rank or
//! lower ones (ARCHITECTURE.md, « Layers »). rust-analyzer's tidy tests are the model:
//! read the sources, fail naming the file, the line and the import.

use std::path::{Path, PathBuf};

/// Rank of each top-level module of `src/`; `cmd` is the binary (`main.rs` and `cmd/`),
/// `web` the crate `web/wasm`. A module may use only modules of a strictly lower rank, so
/// no two modules can use each other, even through others: the foundation is ordered too.
const RANKS: &[(&str, u8)] = &[
    ("text", 0),
    ("typo", 0),
    ("rule", 0),
    ("numfmt", 0),
    ("markup", 0),
    ("epoch", 0),
    ("par", 0),
    ("vfs", 0),
    ("release", 0),
    ("diagnostic", 1),
    ("fsutil", 1),
    ("bounds", 1),
    ("typeset", 2),
    ("doc", 3),
    ("source", 2),
    ("templates", 3),
    ("model", 4),
    ("load", 5),
    ("referentiel", 6),
    ("workspace", 7),
    ("schema", 7),
    ("check", 8),
    ("progress", 8),
    ("diff", 8),
    ("audit", 8),
    ("report", 9),
    ("render", 9),
    ("scaffold", 9),
    ("bilan", 9),
    ("import", 9),
    ("fuzzing", 10),
    ("ops", 10),
    ("serve", 11),
    ("lsp", 11),
    ("cmd", 12),
    ("web", 12),
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
    paths_after(text, "crate::")
}

/// Every `PREFIX x` path of `text` (`crate::` in the library, `ldm::` in the binary and
/// the WebAssembly crate) with its 1-based line.
fn paths_after(text: &str, prefix: &str) -> Vec<(usize, String)> {
    let text = without_line_comments(text);
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        let preceded = text[..at].chars().next_back();
        if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let line = text[..at].matches('\n').count() + 1;
        let rest = &text[at + prefix.len()..];
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

/// The upward imports of one file of the library, as messages naming file, line and import.
fn violations(rel: &str, module: &str, text: &str) -> Vec<String> {
    imports_against_ranks(rel, module, crate_paths(text))
}

/// The imports among `paths` that do not point strictly down from `module`.
fn imports_against_ranks(rel: &str, module: &str, paths: Vec<(usize, String)>) -> Vec<String> {
    let Some(own) = rank(module) else {
        return vec![format!(
            "{rel}: module `{module}` has no rank: add it to RANKS in src/layers.rs and to ARCHITECTURE.md"
        )];
    };
    paths
        .into_iter()
        .filter_map(|(line, target)| match rank(&target) {
            _ if target == module => None,
            Some(r) if r < own => None,
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

/// The imports of one file: `crate::` paths, and in the binary `ldm::` paths too.
fn file_violations(shown: &str, module: &str, text: &str) -> Vec<String> {
    let mut paths = crate_paths(text);
    if matches!(module, "cmd" | "web") {
        paths.extend(paths_after(&without_line_comments(text), "ldm::"));
    }
    imports_against_ranks(shown, module, paths)
}

#[test]
fn imports_only_point_down() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut web = Vec::new();
    rust_files(&root.join("web/wasm/src"), &mut web);
    let mut found = Vec::new();
    for path in files.iter().chain(&web) {
        let rel = path.strip_prefix(root).expect("under the crate");
        let module = match rel.strip_prefix("src") {
            Ok(in_src) => module_of(in_src),
            Err(_) => Some("web".to_string()),
        };
        let Some(module) = module else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("readable source");
        let shown = rel.to_string_lossy().replace('\\', "/");
        found.extend(file_violations(&shown, &module, &text));
    }
    assert!(
        files.len() > 20 && !web.is_empty(),
        "src/ not found: {}",
        src.display()
    );
    assert!(found.is_empty(), "upward imports:\n{}", found.join("\n"));
}

#[test]
fn grouped_multiline_and_inline_paths_are_seen() {
    let text = "use crate::{\n    model::Dossier,\n    report::{self, Format},\n};\n// crate::render in a comment\nfn f() { crate::progress::compute(); }\n";
    let got = violations("src/check/x.rs", "check", text);
    assert_eq!(
        got,
        [
            "src/check/x.rs:1: `check` (rank 8) imports `crate::report` (rank 9): move what it needs down",
            "src/check/x.rs:6: `check` (rank 8) imports `crate::progress` (rank 8): move what it needs down",
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

#[test]
fn modules_of_one_rank_cannot_use_each_other_and_the_binary_is_read_too() {
    // Same rank: a cycle between the two would otherwise pass.
    let got = violations("src/diff/x.rs", "diff", "use crate::progress::compute;");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(violations("src/source.rs", "source", "use crate::templates::x;").len() == 1);
    assert!(violations("src/check/x.rs", "check", "use crate::check::y;").is_empty());
    let bin = file_violations(
        "src/cmd/x.rs",
        "cmd",
        "use ldm::render::x;\n// ldm::nothing",
    );
    assert!(bin.is_empty(), "{bin:?}");
    assert_eq!(
        file_violations("src/cmd/x.rs", "cmd", "ldm::unknown::f()").len(),
        1
    );
}
