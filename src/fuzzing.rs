//! Fuzzing entry points, shared by the cargo-fuzz targets of `fuzz/` and by the stable
//! mutation runner of the tests: each takes arbitrary bytes as a file of an in-memory
//! dossier and runs ldm on it; none may panic, loop or exhaust memory.

use crate::diff::{self, Input};
use crate::progress::{self, document, term};
use crate::render::{self, Format as RenderFormat};
use crate::report::{self, Checked, Format, Options};
use crate::vfs::{FileSource, Memory};
use crate::workspace::Workspace;
use std::path::Path;
use std::sync::Arc;

/// The files of a dossier (relative path → bytes), the seed every input mutates.
pub type Files = Vec<(String, Vec<u8>)>;

/// The fiche the front-matter target replaces (any fiche of the seed will do).
pub const FICHE: &str = "criteres/1-offre-de-formation/critere.md";

/// Reads every file of the dossier at `root` (the example, in practice) into memory,
/// sorted by relative path byte by byte: the order `LC_ALL=C sort` gives, so a script
/// can tell which first byte of a pipeline input picks which file.
pub fn read_seed(root: &Path) -> std::io::Result<Files> {
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(root) {
        let e = e.map_err(std::io::Error::other)?;
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(root).map_err(std::io::Error::other)?;
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.push((rel, std::fs::read(e.path())?));
        }
    }
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// The small valid fixture dossier (`tests/fixtures/valide`), the seed of the cargo-fuzz
/// targets that replace one of its files.
pub fn fixture_seed() -> Files {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valide");
    read_seed(Path::new(root)).expect("the fixture dossier is readable")
}

/// The seed with file `rel` replaced by `data` (added when absent).
pub fn with_file(seed: &Files, rel: &str, data: &[u8]) -> Memory {
    let mut m = Memory::new();
    for (path, bytes) in seed.iter().filter(|(p, _)| p != rel) {
        m.insert(path, bytes.clone());
    }
    m.insert(rel, data.to_vec());
    m
}

/// Parses `data` as an `ldm.toml` (parse only: the pipeline target checks it too).
pub fn config(data: &[u8]) {
    let _ = crate::load::parse_config(&String::from_utf8_lossy(data));
}

/// Parses `data` as a Markdown file with front matter, as each kind of front matter
/// (parse only, at parser speed: the pipeline target checks fiches too).
pub fn front_matter(data: &[u8]) {
    let _ = crate::load::parse_markdown(FICHE, &String::from_utf8_lossy(data));
}

/// The whole pipeline on the seed with one file replaced: the first byte of `data`
/// chooses which file, the rest is its new content.
pub fn pipeline(seed: &Files, data: &[u8]) {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    if seed.is_empty() {
        return;
    }
    let rel = &seed[usize::from(pick) % seed.len()].0;
    pipeline_on(with_file(seed, rel, content));
}

fn load(files: Memory) -> Option<Workspace> {
    let files: Arc<dyn FileSource> = Arc::new(files);
    let dossier = crate::load::load_from(files, Path::new("dossier")).ok()?;
    Some(Workspace::new(dossier))
}

/// `ldm check` once, written in every report format (as `ldm check` does, the
/// findings are computed once and only the writing depends on the format).
fn reports(ws: &Workspace) -> String {
    let checked = [Checked::new(
        "dossier".into(),
        &ws.dossier,
        crate::check::check(ws),
        0,
    )];
    let mut out = String::new();
    // Every variant, so a format added later is fuzzed too.
    for &format in <Format as clap::ValueEnum>::value_variants() {
        let opts = Options {
            format,
            color: false,
            deny_warnings: false,
        };
        report::write(&mut out, &checked, opts);
    }
    out
}

/// The evidence decoders on `data` as a file of each kind they read: the bounds of
/// every kind, the CSV table, and (with the PDF engine) the probe that decides what is
/// placed in the evidence annex, typst's decoders and the PDF reader behind it.
pub fn evidence(data: &[u8]) {
    for ext in ["png", "jpg", "gif", "webp", "svg", "pdf", "csv"] {
        let _ = crate::bounds::assess(ext, data);
    }
    let _ = crate::bounds::table(&String::from_utf8_lossy(data));
    #[cfg(feature = "pdf")]
    let _ = crate::typeset::embed::probe(data);
}

/// The Word writer on the seed with one file replaced, chosen by the first byte of
/// `data` as in [`pipeline`].
pub fn docx(seed: &Files, data: &[u8]) {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let Some((rel, _)) = seed.get(usize::from(pick) % seed.len().max(1)) else {
        return;
    };
    let Some(ws) = load(with_file(seed, rel, content)) else {
        return;
    };
    let _ = render::render_docx(&ws, &[], None);
}

/// check (every format) → progress (every format) → render (both) → diff (against itself).
pub fn pipeline_on(files: Memory) {
    let Some(ws) = load(files) else { return };
    reports(&ws);
    let (d, ed) = (&ws.dossier, &ws.edition);
    let annee = progress::default_year(d).unwrap_or(2026);
    let p = progress::compute(d, ed, annee, None);
    let mut out = String::new();
    term::write(&mut out, &p, false);
    out.push_str(&document::markdown(&p));
    let _ = serde_json::to_string(&p);
    let _ = document::html(&p);
    for format in [RenderFormat::Html, RenderFormat::Md] {
        let _ = render::render(&ws, format, &[]);
    }
    let side = || Input {
        source: "dossier".into(),
        dossier: d,
        edition: ed,
    };
    let changes = diff::compare(&side(), &side());
    diff::term::write(&mut out, &changes, diff::term::Style::Plain);
    let changed = diff::document::document(&changes);
    let _ = crate::doc::md::render(&changed);
    let _ = crate::doc::html::render(&changed);
    between_labels(&ws, annee);
}

/// The bilan of the year (its document, its file's template and rules), the
/// self-assessment's rules, and the renewal made from this dossier (planned, not written).
fn between_labels(ws: &Workspace, annee: i64) {
    let b = crate::bilan::build(ws, annee);
    let d = crate::bilan::document(&b);
    let _ = crate::doc::md::render(&d);
    let _ = crate::doc::html::render(&d);
    let _ = crate::bilan::modele::modele(&b);
    let _ = crate::bilan::check::check(ws);
    if let Some(auto) = crate::audit::autoevaluation::load(ws) {
        let _ = crate::audit::autoevaluation::check(ws, auto);
    }
    let o = crate::scaffold::renouvellement::Options {
        edition: &ws.edition,
        edition_name: ws.edition.id.clone(),
        annee: None,
        ci: crate::scaffold::Ci::None,
    };
    let _ = crate::scaffold::renouvellement::renouveler(ws, &o);
}

/// A deterministic generator (xorshift64*): the stable runner needs repeatable
/// mutations, not statistical quality.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Values a mutation splices in: the shapes that broke ldm before.
const INTERESTING: &[&str] = &[
    "-9223372036854775808",
    "9223372036854775807",
    "18446744073709551616",
    "1e308",
    "-1e308",
    ".nan",
    ".inf",
    "-.inf",
    "0",
    "-1",
    "{{",
    "{%",
    "<!--",
    "---\n",
    "\n",
    ":",
    "\"",
    "[",
    "{",
    "\u{0}",
    "é",
    "\r\n",
];

/// One mutation of `data`: a byte flipped, a slice removed or duplicated, or an
/// interesting value spliced in.
pub fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    let at = rng.below(data.len() + 1);
    match rng.below(4) {
        0 if !data.is_empty() => {
            let i = at.min(data.len() - 1);
            data[i] ^= 1 << rng.below(8);
        }
        1 => {
            let end = (at + rng.below(16)).min(data.len());
            data.drain(at..end);
        }
        2 => {
            let end = (at + rng.below(64)).min(data.len());
            let copy = data[at..end].to_vec();
            data.splice(at..at, copy);
        }
        _ => {
            let v = INTERESTING[rng.below(INTERESTING.len())].as_bytes();
            data.splice(at..at, v.iter().copied());
        }
    }
}

/// Runs the three targets on `iterations` mutations, from a fixed `seed` (the same run
/// every time): one text file of the seed mutated a few times goes to the parse target
/// of its kind (`front_matter` for Markdown, `config` for `ldm.toml`), then as its file
/// of the dossier through the whole pipeline.
pub fn run_mutations(seed_files: &Files, seed: u64, iterations: usize) {
    let mut rng = Rng::new(seed);
    let texts: Vec<usize> = (0..seed_files.len())
        .filter(|&i| {
            let p = &seed_files[i].0;
            p.ends_with(".md") || p.ends_with(".toml") || p.ends_with(".yaml")
        })
        .collect();
    if texts.is_empty() {
        return;
    }
    for round in 0..iterations {
        let (rel, bytes) = &seed_files[texts[rng.below(texts.len())]];
        let mut data = bytes.clone();
        for _ in 0..=rng.below(8) {
            mutate(&mut rng, &mut data);
        }
        if rel.ends_with(".md") {
            front_matter(&data);
        } else if rel.ends_with(".toml") {
            config(&data);
        }
        evidence(&data);
        let files = with_file(seed_files, rel, &data);
        // The Word writer costs the most of a round: one round in eight.
        if round % 8 == 0
            && let Some(ws) = load(files.clone())
        {
            let _ = render::render_docx(&ws, &[], None);
        }
        pipeline_on(files);
    }
}

// The XML property test sits here, above both the writers and the reports it drives.
#[cfg(test)]
mod xml_safety;
