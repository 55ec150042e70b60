//! `ldm serve` over real sockets: the event stream after a save (an error, a fiche
//! broken mid-edit, a burst of saves), what the server refuses (a foreign Host, `..`,
//! an uncited evidence file, a write), loopback only, Ctrl-C, and the page itself in
//! headless Chromium through the DevTools protocol.

use crate::common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const JOB: &str = "criteres/4-partenariats/actions/job-dating.md";
/// A save is answered within 300 ms on a developer's machine; CI machines are slower
/// and loaded, so the tests wait longer before calling it lost.
const PATIENCE: Duration = Duration::from_secs(10);

/// A running `ldm serve` on a temporary dossier, killed when dropped.
pub(crate) struct Serve {
    child: Child,
    addr: SocketAddr,
    dossier: TempDossier,
    banner: String,
}

impl Serve {
    fn example() -> Serve {
        Serve::start(TempDossier::copy(&example(), "lycee"), &[])
    }

    pub(crate) fn start(dossier: TempDossier, extra: &[&str]) -> Serve {
        let mut cmd = Ldm::new()
            .arg("serve")
            .arg(dossier.path())
            .args(["--port", "0"])
            .args(extra)
            .command();
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let banner = lines.next().expect("ldm serve prints its address").unwrap();
        let addr = banner
            .split("http://")
            .nth(1)
            .unwrap_or_else(|| panic!("no address in « {banner} »"))
            .trim_end_matches('/')
            .parse()
            .unwrap();
        // Whatever ldm prints later must not fill the pipe and block it.
        std::thread::spawn(move || lines.for_each(drop));
        Serve {
            child,
            addr,
            dossier,
            banner,
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.addr.port())
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, Some(&self.host()))
    }

    fn request(&self, method: &str, path: &str, host: Option<&str>) -> Reply {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
        write!(
            s,
            "{method} {path} HTTP/1.1\r\n{host}Connection: close\r\nContent-Length: 0\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    pub(crate) fn json(&self) -> Value {
        let r = self.get("/api/etat");
        assert_eq!(r.status, 200, "{}", r.body);
        serde_json::from_str(&r.body).unwrap()
    }

    fn events(&self) -> Events {
        let s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut w = s.try_clone().unwrap();
        write!(
            w,
            "GET /api/evenements HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.host()
        )
        .unwrap();
        let mut reader = BufReader::new(s);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        Events { reader }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer: status, headers (lower-case names), body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete answer");
        let head = String::from_utf8_lossy(&raw[..end]);
        let body = &raw[end + 4..];
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked {
            dechunk(body)
        } else {
            body.to_vec()
        };
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A body sent in chunks (a large answer, the state of a new dossier): the chunks joined.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..eol]).expect("a chunk size");
        let n = usize::from_str_radix(size.trim(), 16).expect("a chunk size");
        if n == 0 {
            break;
        }
        let rest = &body[eol + 2..];
        out.extend_from_slice(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

/// The event stream of one page.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next `etat` event's data, or `None` when none comes in time.
    fn next(&mut self) -> Option<Value> {
        let mut name = String::new();
        let mut data = String::new();
        loop {
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            let line = line.trim_end_matches('\n');
            if line.is_empty() {
                if name == "etat" {
                    return Some(serde_json::from_str(&data).unwrap());
                }
                name.clear();
                data.clear();
            } else if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
            }
        }
    }

    /// Events until one satisfies `wanted`; fails when the stream stays silent.
    fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        let start = Instant::now();
        while start.elapsed() < PATIENCE * 2 {
            let event = self.next().expect("an event after the save");
            if wanted(&event) {
                return event;
            }
        }
        panic!("no such event after {:?}", PATIENCE * 2);
    }
}

fn findings<'a>(event: &'a Value, file: &str) -> &'a [Value] {
    event["fichiers"][file]
        .as_array()
        .map_or(&[], Vec::as_slice)
}

#[test]
fn a_saved_error_reaches_the_page_by_the_event_stream() {
    let serve = Serve::example();
    assert!(
        serve
            .banner
            .contains("est visible à l'adresse http://127.0.0.1:"),
        "{}",
        serve.banner
    );
    let before = serve.json();
    assert_eq!(before["resume"]["total"]["erreurs"], 0, "{before}");
    let generation = before["generation"].as_u64().unwrap();
    let mut events = serve.events();

    let saved = Instant::now();
    serve.dossier.edit(JOB, "cible: 40", "cible: quarante");
    let event = events.until(|e| !findings(e, JOB).is_empty());
    eprintln!(
        "événement reçu {:?} après l'enregistrement",
        saved.elapsed()
    );
    assert!(event["generation"].as_u64().unwrap() > generation);
    assert_eq!(event["resume"]["total"]["erreurs"], 1);
    let finding = &findings(&event, JOB)[0];
    assert_eq!(finding["regle"], "type-invalide");
    assert_eq!(finding["gravite"], "erreur");
    assert_eq!(finding["ligne"], 14);
    assert_eq!(finding["extrait"]["marque"], "quarante");
    assert_eq!(finding["extrait"]["avant"], "        cible: ");
    assert!(
        finding["aide"]
            .as_str()
            .unwrap()
            .contains("écrivez seulement le nombre")
    );
    // Only the file that changed travels; the criteria column has the new count.
    assert_eq!(event["fichiers"].as_object().unwrap().len(), 1, "{event}");
    let c4 = &event["resume"]["criteres"][3];
    assert_eq!(
        (c4["numero"].as_u64(), c4["erreurs"].as_u64()),
        (Some(4), Some(1))
    );

    // A fiche broken mid-edit: its syntax error, at its line, and nothing blank.
    serve.dossier.edit(
        JOB,
        "periode: {debut: 2021, fin: 2026}",
        "periode: {debut: 2021, fin: 2026",
    );
    let event = events.until(|e| {
        findings(e, JOB)
            .iter()
            .any(|f| f["regle"] == "syntaxe-invalide")
    });
    let syntax = &findings(&event, JOB)[0];
    assert_eq!(syntax["regle"], "syntaxe-invalide", "{event}");
    assert!(syntax["ligne"].as_u64().unwrap() >= 3, "{syntax}");
    assert_eq!(event["resume"]["a_corriger"][0], JOB);
    assert!(event["resume"]["erreur"].is_null());

    // Fixed again: the file's findings are gone, said by an empty list.
    serve.dossier.edit(JOB, "fin: 2026\n", "fin: 2026}\n");
    serve.dossier.edit(JOB, "cible: quarante", "cible: 40");
    let event = events.until(|e| e["resume"]["total"]["erreurs"] == 0);
    assert!(
        event["fichiers"]
            .get(JOB)
            .is_none_or(|f| f == &Value::Array(vec![]))
    );
    assert_eq!(serve.json()["resume"]["total"]["erreurs"], 0);
}

#[test]
fn a_burst_of_saves_is_checked_once_or_twice_and_the_last_save_wins() {
    let serve = Serve::example();
    let mut events = serve.events();
    let text = serve.dossier.read(JOB);
    // Nine saves in a row, broken and fixed in turn, the last one broken.
    for i in 1..=9 {
        let cible = if i % 2 == 1 {
            "quarante".to_string()
        } else {
            (40 + i).to_string()
        };
        serve
            .dossier
            .write(JOB, &text.replace("cible: 40", &format!("cible: {cible}")));
    }
    let mut last = events.next().expect("an event after the burst");
    let mut count = 1;
    // Whatever follows within a second belongs to the same burst.
    events
        .reader
        .get_ref()
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    while let Some(e) = events.next() {
        count += 1;
        last = e;
    }
    assert!(count <= 3, "{count} checks for one burst of 9 saves");
    assert_eq!(last["resume"]["total"]["erreurs"], 1, "{last}");
    assert_eq!(
        serve.json()["fichiers"][JOB][0]["extrait"]["marque"],
        "quarante"
    );
}

#[test]
fn only_loopback_names_are_answered() {
    let serve = Serve::example();
    let port = serve.addr.port();
    assert_eq!(serve.get("/").status, 200);
    assert_eq!(
        serve
            .request("GET", "/", Some(&format!("localhost:{port}")))
            .status,
        200
    );
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        "127.0.0.1".to_string(),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        let r = serve.request("GET", "/api/etat", Some(&host));
        assert_eq!(r.status, 403, "Host: {host}");
        assert!(r.body.contains("hôte refusé"), "{}", r.body);
        assert!(!r.body.contains("generation"));
    }
    let r = serve.request("GET", "/api/etat", None);
    assert_eq!(r.status, 403);
}

#[test]
fn nothing_outside_the_dossier_nor_uncited_is_served() {
    let serve = Serve::example();
    for path in [
        "/preuve/../ldm.toml",
        "/preuve/%2e%2e/%2e%2e/etc/passwd",
        "/preuve/preuves/..%2f..%2fldm.toml",
        "/../Cargo.toml",
        "/preuve//etc/passwd",
    ] {
        let r = serve.get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(
            !r.body.contains("[etablissement]") && !r.body.contains("root:"),
            "{path}"
        );
    }
    // Cited evidence is given out, as text that never runs.
    let cited = serve.get("/preuve/preuves/4-partenariats/bilan-job-dating-2026.md");
    assert_eq!(cited.status, 200, "{}", cited.body);
    assert_eq!(
        cited.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(cited.header("x-content-type-options"), Some("nosniff"));
    assert!(
        cited
            .header("content-security-policy")
            .unwrap()
            .starts_with("sandbox")
    );
    // A file of the dossier that no fiche cites is not, nor a fiche, nor ldm.toml.
    serve
        .dossier
        .write("preuves/4-partenariats/non-citee.md", "secret\n");
    for path in [
        "/preuve/preuves/4-partenariats/non-citee.md",
        "/preuve/ldm.toml",
        &format!("/preuve/{JOB}"),
    ] {
        let r = serve.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.body.contains("n'est pas une preuve citée"), "{}", r.body);
    }
    // Read-only: a write is refused, and nothing was written into the dossier.
    let r = serve.request("POST", "/api/etat", Some(&serve.host()));
    assert_eq!(r.status, 405);
    assert!(!serve.dossier.join("annexe").exists());
    // The page's own files carry its policy: its scripts only, no other site.
    let page = serve.get("/");
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(page.body.contains("<html lang=\"fr\">"));
}

#[test]
fn a_client_that_never_reads_its_answers_does_not_stall_the_other_pages() {
    let serve = Serve::example();
    // Thousands of requests on a few connections whose answers are never read: the
    // socket buffers fill within the first hundreds of answers (with 500 a connection,
    // the server without write timeout still answered after 2.4 s; with 3,000 never).
    let greedy: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut s = TcpStream::connect(serve.addr).unwrap();
            let one = format!("GET /api/etat HTTP/1.1\r\nHost: {}\r\n\r\n", serve.host());
            let _ = s.write_all(one.repeat(3000).as_bytes());
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let start = Instant::now();
    let json = serve.json();
    assert!(json["resume"].is_object(), "{json}");
    assert!(start.elapsed() < PATIENCE, "took {:?}", start.elapsed());
    drop(greedy);
}

#[cfg(target_os = "linux")]
#[test]
fn it_listens_on_127_0_0_1_only() {
    let serve = Serve::example();
    let port = serve.addr.port();
    // The kernel's table of listening sockets: bound to 127.0.0.1, not to every address
    // (a test never connects to the machine's network addresses).
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let listening: Vec<&str> = table
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f.get(3) == Some(&"0A") && f[1].ends_with(&format!(":{port:04X}"))).then_some(f[1])
        })
        .collect();
    assert_eq!(listening, [format!("0100007F:{port:04X}")]);
    let v6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    assert!(!v6.contains(&format!(
        ":{port:04X} 00000000000000000000000000000000:0000 0A"
    )));
    // Another loopback address is refused too: only 127.0.0.1 answers.
    let other: SocketAddr = format!("127.0.0.2:{port}").parse().unwrap();
    assert!(TcpStream::connect_timeout(&other, Duration::from_secs(2)).is_err());
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_cleanly() {
    let mut serve = Serve::example();
    let pid = serve.child.id().to_string();
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let start = Instant::now();
    let code = loop {
        if let Some(s) = serve.child.try_wait().unwrap() {
            break s.code();
        }
        assert!(start.elapsed() < PATIENCE, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0));
}

/// `ldm serve | head -1`: the reader has gone when Ctrl-C comes, and « arrêté » goes
/// nowhere — without a panic.
#[cfg(unix)]
#[test]
fn ctrl_c_after_the_reader_has_gone_does_not_panic() {
    let dossier = TempDossier::copy(&example(), "lycee");
    let mut cmd = Ldm::new()
        .arg("serve")
        .arg(dossier.path())
        .args(["--port", "0"])
        .command();
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("http://"), "{first}");
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status();
    assert!(killed.unwrap().success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn bad_command_lines_say_why() {
    let out = run(root(), &["serve", "tests/fixtures", "--port", "0"]);
    out.code(2).stderr_has("ldm.toml est introuvable");
    let out = run(
        root(),
        &[
            "serve",
            "examples/lycee-marie-marvingt",
            "--editeur",
            "emacs",
        ],
    );
    out.code(2).stderr_has("éditeur « emacs » inconnu");
    // A port already taken is named.
    let serve = Serve::example();
    let port = serve.addr.port().to_string();
    let out = Ldm::new()
        .args(["serve", "examples/lycee-marie-marvingt", "--port", &port])
        .timeout(PATIENCE)
        .run();
    out.code(2)
        .stderr_has(&format!("le port {port} de 127.0.0.1 n'est pas libre"));
}

#[test]
fn the_previews_are_the_annex_and_the_tableau_de_bord_of_the_criterion() {
    let serve = Serve::start(
        TempDossier::copy(&example(), "lycee"),
        &["--editeur", "vscode"],
    );
    let annexe = serve.get("/api/annexe?critere=4");
    assert_eq!(annexe.status, 200);
    assert!(
        annexe.body.contains("Job dating des métiers"),
        "criterion 4's action"
    );
    assert!(!annexe.body.contains("GPDS"), "criterion 7 left out");
    let tableau = serve.get("/api/tableau-de-bord?critere=4");
    assert_eq!(tableau.status, 200);
    assert!(
        tableau.body.contains("entreprises participantes"),
        "criterion 4's indicator"
    );
    assert!(
        !tableau.body.contains("absentéisme"),
        "criterion 7 left out"
    );
    let etat = serve.json();
    assert_eq!(
        etat["reglages"]["editeur"],
        "vscode://file{fichier}:{ligne}"
    );
    let racine = etat["reglages"]["racine"].as_str().unwrap();
    assert!(std::path::Path::new(racine).is_absolute());
}

#[test]
fn ouvrir_opens_the_browser_named_by_browser() {
    let d = TempDossier::copy(&example(), "lycee");
    let seen = d.outside().join("vu.txt");
    let browser = d.outside().join("navigateur.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", seen.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut cmd = Ldm::new()
        .arg("serve")
        .arg(d.path())
        .args(["--port", "0", "--ouvrir"])
        .env("BROWSER", &browser)
        .command();
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut banner = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    let start = Instant::now();
    while !seen.exists() && start.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    let url = std::fs::read_to_string(&seen).expect("the browser was started");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(banner.contains(url.trim()), "{banner} / {url}");
}

mod browser {
    //! The page in headless Chromium, driven through the DevTools protocol.
    use super::*;

    #[test]
    fn the_page_counts_errors_again_after_a_save_without_reloading() {
        let Some(program) = chromium() else {
            return;
        };
        let serve = Serve::start(TempDossier::fixture("tout-en-un"), &[]);
        let url = format!("http://{}/", serve.addr);
        let mut page = Chromium::open(program, &url);
        let count = "document.getElementById('nb-erreurs').dataset.n";
        let before = page.wait_for(count, &Value::String(String::new()));
        let before: u64 = before.as_str().unwrap().parse().unwrap();
        assert!(before > 0);
        // The page's own text: French, with the criteria column and the findings.
        let shown = page
            .eval("document.body.textContent")
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            shown.contains("Tout le dossier") && shown.contains("aide\u{a0}:"),
            "{shown}"
        );
        assert!(shown.contains("cible: quarante"), "the excerpt is shown");
        // A mark the page keeps only if it is not reloaded, and a scrolled position.
        page.eval("window.marque = 'même page'; window.scrollTo(0, 120); window.scrollY");
        let scrolled = page.eval("window.scrollY");

        let file = "criteres/1-offre-de-formation/actions/mini-stages.md";
        serve.dossier.edit(file, "sens: hausse", "sens: montee");
        let after = page.wait_for(count, &Value::String(before.to_string()));
        let after: u64 = after.as_str().unwrap().parse().unwrap();
        assert_eq!(after, before + 1);
        assert_eq!(page.eval("window.marque"), "même page");
        assert_eq!(page.eval("window.scrollY"), scrolled);
        // A criterion chosen in the column shows only its files.
        page.eval("document.querySelector('[data-selection=\"1\"]').click()");
        let files = page.eval(
            "Array.from(document.querySelectorAll('.lien-fichier')).map(b => b.textContent).join('\\n')",
        );
        let files = files.as_str().unwrap();
        assert!(
            files.lines().all(|f| f.starts_with("criteres/1-")),
            "{files}"
        );
        assert!(files.contains(file));
    }
}
