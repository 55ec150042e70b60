//! `ldm lsp`: ldm's findings, completion and help inside the editor, as a language
//! server. A front end over the library, as the command line and `serve` are.
//!
//! Without the protocol (unit-tested as plain values): `session` (one dossier: the
//! editor's buffers over the disk through `vfs::Overlay`, its latest check, the files to
//! clear), `position` (ldm's places ↔ the protocol's UTF-16 positions), `context` (where
//! the cursor is: a field, a value, a heading), `fields` (what the JSON Schemas allow
//! there), `complete` (the items), `hover` (requirements, rules, fields), `fix` (the
//! « vouliez-vous dire » suggestions as edits). Behind the default-on feature `lsp`:
//! `server`, the protocol (lsp-server, lsp-types), and `transport`, stdio with its frames
//! bounded before they are read.

pub mod complete;
pub mod context;
pub mod fields;
pub mod fix;
pub mod hover;
pub mod position;
#[cfg(feature = "lsp")]
pub mod server;
pub mod session;
#[cfg(feature = "lsp")]
pub mod transport;
