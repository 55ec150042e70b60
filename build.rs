//! Build settings and data the code cannot carry by itself:
//! - ldm's Linux executable is linked at a fixed address (not position-independent). The
//!   PDF engine's tables otherwise need about 100,000 relocations, applied at every start:
//!   4 ms of the 10 a check of the example takes (measured with `perf stat`,
//!   docs/performance.md). glibc only: rustc links the static musl binary
//!   (scripts/dist.sh) as static-pie, and `-no-pie` added to that link gives an
//!   executable that crashes at start.
//! - The embedded editions (`schema/referentiels/*.yaml`) are converted to JSON here, once:
//!   parsing the national edition's YAML was a quarter of the instructions of a check of
//!   the example (callgrind, docs/performance.md); serde_json reads the same data in a
//!   fraction of that. `referentiel`'s tests check that both parses give the same edition.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    editions_as_json(
        Path::new("schema/referentiels"),
        &PathBuf::from(var("OUT_DIR")),
    );
}

/// Writes `OUT_DIR/<id>.json` for each `<id>.yaml` of `dir`.
fn editions_as_json(dir: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in std::fs::read_dir(dir).expect("schema/referentiels") {
        let path = entry.expect("schema/referentiels").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let yaml = std::fs::read_to_string(&path).expect("an edition in UTF-8");
        let value: serde_json::Value =
            serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json = serde_json::to_string(&value).expect("JSON of a YAML value");
        let name = path.with_extension("json");
        let name = name.file_name().expect("a file name");
        std::fs::write(out.join(name), json).expect("OUT_DIR is writable");
    }
}
