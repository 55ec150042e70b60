//! The floors of `ldm check` on a batch: every file of the dossiers read (`read`), or
//! read and its front matter parsed by serde-saphyr into a YAML value (`parse`), on
//! one or more threads. No rule, no report: what no checker of these files can beat.
//! Usage: floor read|parse THREADS DOSSIER…

use rayon::prelude::*;
use std::path::{Path, PathBuf};

// The allocator `ldm` uses, so that the floor is not slower for a reason ldm avoids.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, threads) = match args.as_slice() {
        [mode, threads, ..] => (mode.as_str(), threads.parse().unwrap_or(1)),
        _ => {
            eprintln!("usage: floor read|parse THREADS DOSSIER…");
            std::process::exit(2);
        }
    };
    let dossiers: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
    let parse = mode == "parse";
    // One thread needs no pool: the floor of a single dossier is a process's start plus
    // its reading, nothing ldm does not also pay.
    let bytes: usize = if threads == 1 {
        dossiers.iter().map(|d| dossier(d, parse)).sum()
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| dossiers.par_iter().map(|d| dossier(d, parse)).sum())
    };
    println!("{bytes}");
}

/// Bytes read in one dossier (every file under it), front matters parsed when asked.
fn dossier(root: &Path, parse: bool) -> usize {
    let mut total = 0;
    for e in walkdir::WalkDir::new(root).sort_by_file_name() {
        let Ok(e) = e else { continue };
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        total += text.len();
        if parse && let Some(yaml) = front_matter(&text) {
            let value: Result<serde_json::Value, _> = serde_saphyr::from_str(yaml);
            total += usize::from(value.is_ok());
        }
    }
    total
}

fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some(&rest[..end + 1])
}
