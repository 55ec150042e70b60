//! `ldm serve`: the dossier live in the browser while the team writes it.
//!
//! A front end over the library, as the command line is: `state` turns a check into the
//! JSON the page receives (the last findings of every file, each with its excerpt) and
//! the previews (annex, tableau de bord) into HTML; `page` holds the page's files,
//! embedded from `web/serve/`. Those two need no server, so an in-browser backend can
//! reuse them. Behind the default-on feature `serve`: `http` (the local server, with its
//! safety checks), `limits` (write timeout and answers in flight per client), `events`
//! (the server-sent events hub) and `watch` (the file watcher that re-checks the dossier
//! after a save).

#[cfg(feature = "serve")]
pub mod events;
#[cfg(feature = "serve")]
pub mod http;
#[cfg(feature = "serve")]
pub mod limits;
pub mod page;
pub mod state;
#[cfg(feature = "serve")]
pub mod watch;
