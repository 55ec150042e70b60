//! The application layer (cargo's `ops`): what every front end — the command line,
//! `serve`, `lsp`, the WebAssembly page — would otherwise decide on its own, decided once.
//! It grows verb by verb (ARCHITECTURE.md, « Application layer »); today: the format of
//! a written document.

pub mod json;
pub mod output;
