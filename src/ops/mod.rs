//! The application layer (cargo's `ops`): what every front end — the command line,
//! `serve`, `lsp`, the WebAssembly page — would otherwise decide on its own, decided once.
//! It grows verb by verb (ARCHITECTURE.md, « Application layer »); today: the format of
//! a written document (`output`), the dossier's root and the check's scope (`scope`), the
//! JSON envelope and the outputs' schemas (`json`), the reference year of `progress` and
//! its window (`progress`), the text documents of `diff` and `progress` with their
//! typography (`document`), the rules' explanations (`explain`), and one request per
//! verb: `check`, `render`, `audit`, `init`, `diff`, `bilan`, `new`, `import`,
//! `referentiel`.

pub mod audit;
// `bilan` and `diff` read git revisions, which the page cannot run.
#[cfg(not(target_arch = "wasm32"))]
pub mod bilan;
pub mod bytes;
pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod diff;
pub mod document;
pub mod explain;
// `ldm init` reads the clock for its default year, which the WebAssembly build has not;
// the page never scaffolds.
#[cfg(not(target_arch = "wasm32"))]
pub mod init;
// `ldm import` writes a folder on disk; the page reads only.
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
pub mod json;
// `ldm new` dates a fiche by the clock when the campaign has no year.
#[cfg(not(target_arch = "wasm32"))]
pub mod new;
pub mod output;
pub mod progress;
pub mod referentiel;
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
pub mod revision;
pub mod scope;

/// The example dossier, which the layer's unit tests run on.
#[cfg(test)]
fn example() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lycee-marie-marvingt")
}
