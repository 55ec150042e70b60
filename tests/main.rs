//! The integration tests, one binary: a module per verb or concern, all driving the
//! `ldm` binary through the `Ldm` builder of `common`. The modules live in `tests/main/`
//! because Cargo builds every `tests/*.rs` as a binary of its own.

mod common;

#[path = "main/audit.rs"]
mod audit;
#[path = "main/autoevaluation.rs"]
mod autoevaluation;
#[path = "main/batch.rs"]
mod batch;
#[path = "main/bilan.rs"]
mod bilan;
#[path = "main/bounds.rs"]
mod bounds;
#[path = "main/ci.rs"]
mod ci;
#[path = "main/cli.rs"]
mod cli;
#[path = "main/complete.rs"]
mod complete;
#[path = "main/diff.rs"]
mod diff;
#[path = "main/diff_steps.rs"]
mod diff_steps;
#[path = "main/docmodel.rs"]
mod docmodel;
#[path = "main/docx.rs"]
mod docx;
#[path = "main/formats.rs"]
mod formats;
#[path = "main/front.rs"]
mod front;
// The three front ends over one check: needs the server and the language server.
#[cfg(all(feature = "lsp", feature = "serve"))]
#[path = "main/front_ends.rs"]
mod front_ends;
#[path = "main/fuzz.rs"]
mod fuzz;
#[path = "main/harden.rs"]
mod harden;
#[path = "main/hostile.rs"]
mod hostile;
#[path = "main/import.rs"]
mod import;
#[path = "main/install.rs"]
mod install;
#[path = "main/output.rs"]
mod output;
// The language server is a default-on feature; `--no-default-features` builds without it.
#[cfg(feature = "lsp")]
#[path = "main/lsp.rs"]
mod lsp;
// The PDF engine is a default-on feature; `--no-default-features` builds without it.
#[path = "main/ooxml.rs"]
mod ooxml;
#[cfg(feature = "pdf")]
#[path = "main/pdf.rs"]
mod pdf;
// The PDF engine is a default-on feature; `--no-default-features` builds without it.
#[cfg(feature = "pdf")]
#[path = "main/pdfua.rs"]
mod pdfua;
#[path = "main/preuves.rs"]
mod preuves;
#[path = "main/progress.rs"]
mod progress;
#[path = "main/real.rs"]
mod real;
#[path = "main/render.rs"]
mod render;
#[path = "main/renouvellement.rs"]
mod renouvellement;
#[path = "main/rules.rs"]
mod rules;
#[path = "main/schemas.rs"]
mod schemas;
// The server is a default-on feature; `--no-default-features` builds without it.
#[cfg(feature = "serve")]
#[path = "main/serve.rs"]
mod serve;
#[path = "main/source.rs"]
mod source;
#[path = "main/statuses.rs"]
mod statuses;
#[path = "main/statuses_spec.rs"]
mod statuses_spec;
#[path = "main/teacher.rs"]
mod teacher;
#[path = "main/units.rs"]
mod units;
// The static page (scripts/web.sh builds dist/web; .ci/run before `cargo test`).
#[path = "main/web.rs"]
mod web;
#[path = "main/windows.rs"]
mod windows;
#[path = "main/word_layout.rs"]
mod word_layout;
#[path = "main/written.rs"]
mod written;
