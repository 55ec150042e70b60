//! The local server: the page, its JSON, the previews and the cited evidence, on
//! 127.0.0.1 only and read-only. The Host header is checked (DNS rebinding), no path
//! leaves the dossier (`..` refused, files read through its file source), and of the
//! dossier's files only the evidence a fiche cites is given out.

use super::events::{self, Hub};
use super::limits::{self, InFlight};
use super::page;
use super::state::{self, Analyse, Live, Reglages};
use super::watch;
use crate::workspace::Workspace;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// How `ldm serve` was asked to run.
pub struct Options {
    /// 0: a free port chosen by the system.
    pub port: u16,
    /// The editor links' pattern (`state::editeur`).
    pub editeur: Option<String>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
    #[error(
        "le port {port} de 127.0.0.1 n'est pas libre ({why})\u{a0}: choisissez-en un autre avec --port, ou laissez ldm en choisir un"
    )]
    Bind { port: u16, why: String },
    #[error("surveillance des fichiers du dossier impossible\u{a0}: {0}")]
    Watch(String),
}

/// What every request handler and the watcher share.
struct Shared {
    root: PathBuf,
    port: u16,
    live: RwLock<Live>,
    hub: Hub,
}

/// A server bound to 127.0.0.1, with the dossier loaded and checked once.
pub struct Serveur {
    server: Arc<Server>,
    addr: SocketAddr,
    shared: Arc<Shared>,
}

/// Stops a running server from another thread (the Ctrl-C handler).
#[derive(Clone)]
pub struct Arret(Arc<Server>);

impl Arret {
    pub fn arreter(&self) {
        self.0.unblock();
    }
}

/// Seconds between two keep-alive comments of an event stream: a page closed without
/// a word is noticed at the next one.
const KEEPALIVE: Duration = Duration::from_secs(15);

impl Serveur {
    /// Loads and checks the dossier at `root`, then binds 127.0.0.1. `Err` when there is
    /// no dossier there or the port is taken.
    pub fn ouvrir(root: &Path, opts: Options) -> Result<Serveur, ServeError> {
        let ws = Workspace::load(root)?;
        // Absolute, so the watcher's paths and the editor links name the real files.
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let bind = |why: String| ServeError::Bind {
            port: opts.port,
            why,
        };
        let listener = limits::listener(opts.port).map_err(|e| bind(e.to_string()))?;
        let server = Server::from_listener(listener, None).map_err(|e| bind(e.to_string()))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| bind("adresse inconnue".into()))?;
        let reglages = Reglages {
            racine: root.display().to_string(),
            editeur: opts.editeur,
        };
        let shared = Arc::new(Shared {
            root,
            port: addr.port(),
            live: RwLock::new(Live::new(Analyse::of(ws), reglages)),
            hub: Hub::default(),
        });
        Ok(Serveur {
            server: Arc::new(server),
            addr,
            shared,
        })
    }

    pub fn adresse(&self) -> SocketAddr {
        self.addr
    }

    pub fn arret(&self) -> Arret {
        Arret(self.server.clone())
    }

    /// Watches the dossier and answers requests until stopped (`Arret::arreter`).
    pub fn servir(self) -> Result<(), ServeError> {
        let shared = self.shared.clone();
        let _watcher = watch::watch(&self.shared.root, move || recheck(&shared))
            .map_err(|e| ServeError::Watch(e.to_string()))?;
        let flight = Arc::new(InFlight::default());
        for request in self.server.incoming_requests() {
            let slot = request.remote_addr().and_then(|a| flight.take(*a));
            let Some(slot) = slot else {
                // Past its cap, a client's request is let go unanswered: writing even
                // a refusal could wait on a client that does not read.
                drop(request.into_writer());
                continue;
            };
            let shared = self.shared.clone();
            std::thread::spawn(move || {
                answer(&shared, request);
                drop(slot);
            });
        }
        Ok(())
    }
}

/// Answers one request on the calling thread; every write gives up after
/// `limits::WRITE_TIMEOUT`, so a client that does not read holds only this thread.
fn answer(shared: &Shared, request: Request) {
    match route(shared, &request) {
        Reponse::Flux => stream(shared, request),
        reponse => {
            // A page closed before its answer: nothing to do.
            let _ = request.respond(reponse.into_response());
        }
    }
}

/// Checks the dossier again and sends the update to every page. The check runs
/// outside the lock, so pages are served meanwhile.
fn recheck(shared: &Shared) {
    let next = Analyse::of_disk(&shared.root);
    let update = shared
        .live
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .remplacer(next);
    shared.hub.publish(&events::event("etat", &update));
}

/// The answer to a request.
enum Reponse {
    Corps {
        statut: u16,
        type_mime: &'static str,
        corps: Vec<u8>,
        genre: Genre,
    },
    /// The event stream, written by a thread of its own.
    Flux,
}

/// What is answered, for its security headers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Genre {
    /// The page, its files, its data and messages.
    Page,
    /// An evidence file: the dossier's content, never run as a page of ours.
    Preuve,
}

/// The page's policy: its own scripts only, no request elsewhere. The previews are
/// inline styles and SVG in a sandboxed frame (no script runs there).
const CSP_PAGE: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";
/// Evidence is shown as a document that runs nothing.
const CSP_PREUVE: &str =
    "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

impl Reponse {
    fn texte(statut: u16, message: &str) -> Reponse {
        Reponse::Corps {
            statut,
            type_mime: "text/plain; charset=utf-8",
            corps: format!("{message}\n").into_bytes(),
            genre: Genre::Page,
        }
    }

    fn page(type_mime: &'static str, corps: impl Into<Vec<u8>>) -> Reponse {
        Reponse::Corps {
            statut: 200,
            type_mime,
            corps: corps.into(),
            genre: Genre::Page,
        }
    }

    fn into_response(self) -> Response<std::io::Cursor<Vec<u8>>> {
        let Reponse::Corps {
            statut,
            type_mime,
            corps,
            genre,
        } = self
        else {
            return Response::from_data(Vec::new()).with_status_code(500);
        };
        let mut headers = vec![
            ("Content-Type", type_mime),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "no-store"),
            ("Referrer-Policy", "no-referrer"),
        ];
        match genre {
            Genre::Page => {
                headers.push(("Content-Security-Policy", CSP_PAGE));
                headers.push(("X-Frame-Options", "DENY"));
            }
            // Chrome's PDF viewer does not run in a sandboxed document.
            Genre::Preuve if type_mime == "application/pdf" => {}
            Genre::Preuve => headers.push(("Content-Security-Policy", CSP_PREUVE)),
        }
        if type_mime == "application/octet-stream" {
            headers.push(("Content-Disposition", "attachment"));
        }
        let mut response = Response::from_data(corps).with_status_code(statut);
        for (name, value) in headers {
            if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(h);
            }
        }
        response
    }
}

/// Chooses the answer to a request; only the event stream is written elsewhere.
fn route(shared: &Shared, req: &Request) -> Reponse {
    if !host_allowed(req, shared.port) {
        return Reponse::texte(
            403,
            "hôte refusé\u{a0}: ldm serve ne répond qu'aux adresses 127.0.0.1 et localhost",
        );
    }
    if *req.method() != Method::Get {
        return Reponse::texte(
            405,
            "ldm serve ne fait que lire\u{a0}: seule la méthode GET est permise",
        );
    }
    let (path, query) = req.url().split_once('?').unwrap_or((req.url(), ""));
    let Some(parts) = segments(path) else {
        return Reponse::texte(
            400,
            "chemin refusé\u{a0}: « .. » et les chemins hors du dossier ne sont pas servis",
        );
    };
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let live = || shared.live.read().unwrap_or_else(PoisonError::into_inner);
    match parts.as_slice() {
        [] => fichier_de_la_page(""),
        [nom] if page::fichier(nom).is_some() => fichier_de_la_page(nom),
        ["api", "etat"] => Reponse::page("application/json", live().complet()),
        ["api", "evenements"] => Reponse::Flux,
        ["api", "annexe"] => Reponse::page(
            "text/html; charset=utf-8",
            state::annexe(live().analyse.workspace.as_ref(), critere(query)),
        ),
        ["api", "tableau-de-bord"] => Reponse::page(
            "text/html; charset=utf-8",
            state::tableau_de_bord(live().analyse.workspace.as_ref(), critere(query)),
        ),
        ["preuve", rest @ ..] if !rest.is_empty() => preuve(&live().analyse, &rest.join("/")),
        _ => Reponse::texte(404, "page introuvable"),
    }
}

fn fichier_de_la_page(nom: &str) -> Reponse {
    match page::fichier(nom) {
        Some(f) => Reponse::page(f.type_mime, f.texte),
        None => Reponse::texte(404, "page introuvable"),
    }
}

/// Only `Host: 127.0.0.1:PORT` or `localhost:PORT`: a page of another site whose name
/// was rebound to 127.0.0.1 sends its own name and is refused.
fn host_allowed(req: &Request, port: u16) -> bool {
    let Some(host) = req
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
    else {
        return false;
    };
    let with_port = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    with_port.contains(&host) || port == 80 && (host == "127.0.0.1" || host == "localhost")
}

/// The decoded segments of a request path; `None` for a path that could name
/// something outside the page or the dossier (`..`, `.`, an empty segment, `\`, NUL),
/// written plainly or percent-encoded.
fn segments(path: &str) -> Option<Vec<String>> {
    let path = path.strip_prefix('/')?;
    if path.is_empty() {
        return Some(Vec::new());
    }
    path.split('/')
        .map(|raw| {
            let s = percent_encoding::percent_decode_str(raw)
                .decode_utf8()
                .ok()?
                .into_owned();
            let refused = matches!(s.as_str(), "" | "." | "..") || s.contains(['/', '\\', '\0']);
            (!refused).then_some(s)
        })
        .collect()
}

/// `critere=N` of a query string.
fn critere(query: &str) -> Option<u32> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "critere")
        .and_then(|(_, v)| v.parse().ok())
}

/// An evidence file, only when a fiche cites it (`state::preuve`).
fn preuve(analyse: &Analyse, rel: &str) -> Reponse {
    match state::preuve(analyse, rel) {
        Ok((corps, type_mime)) => Reponse::Corps {
            statut: 200,
            type_mime,
            corps,
            genre: Genre::Preuve,
        },
        Err(state::PreuveRefusee::Chemin) => Reponse::texte(400, "chemin refusé"),
        Err(e) => Reponse::texte(404, &e.to_string()),
    }
}

/// The event stream of one page, on a thread of its own: the head, then each update,
/// and a comment every `KEEPALIVE` so a closed page is noticed.
fn stream(shared: &Shared, request: Request) {
    let Some(rx) = shared.hub.subscribe() else {
        let busy = Reponse::texte(
            503,
            "trop de pages ouvertes sur ce dossier\u{a0}: fermez-en une",
        );
        let _ = request.respond(busy.into_response());
        return;
    };
    std::thread::spawn(move || {
        let mut w = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n";
        let mut send = |text: &str| w.write_all(text.as_bytes()).and_then(|()| w.flush());
        if send(head).is_err() {
            return;
        }
        loop {
            let sent = match rx.recv_timeout(KEEPALIVE) {
                Ok(event) => send(&event),
                Err(RecvTimeoutError::Timeout) => send(": \n\n"),
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if sent.is_err() {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_leave_are_refused() {
        assert_eq!(segments("/"), Some(vec![]));
        assert_eq!(
            segments("/preuve/preuves/a%20b.md").unwrap(),
            ["preuve", "preuves", "a b.md"]
        );
        for bad in [
            "/preuve/../ldm.toml",
            "/preuve/%2e%2e/ldm.toml",
            "/preuve/a%2f..%2fb",
            "/preuve//etc/passwd",
            "/preuve/a%5c..",
            "/preuve/./x",
            "preuve",
        ] {
            assert_eq!(segments(bad), None, "{bad}");
        }
    }

    #[test]
    fn evidence_that_a_browser_could_run_is_a_download() {
        let type_of = state::type_preuve;
        assert_eq!(type_of("preuves/a.PDF"), "application/pdf");
        assert_eq!(type_of("preuves/a.csv"), "text/plain; charset=utf-8");
        assert_eq!(type_of("preuves/a.html"), "application/octet-stream");
        assert_eq!(type_of("preuves/a.svg"), "application/octet-stream");
        assert_eq!(critere("critere=4&x=1"), Some(4));
        assert_eq!(critere("critere=quatre"), None);
    }
}
