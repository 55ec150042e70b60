//! The static page (ldm in the browser, issue 19) as a visitor uses it: `dist/web`, built
//! by `scripts/web.sh` (.ci/run builds it before `cargo test`; a build older than
//! `web/` fails), served by a small static server of the test and driven in headless
//! Chromium through the DevTools protocol. A dossier folder is set on the page's input
//! as a person would choose it; the counts shown are `ldm check`'s, a broken fiche is
//! shown with its file and line, and no request leaves the page once it has loaded.

use crate::common::*;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `dist/web` as scripts/web.sh left it; `None` (the test skipped) outside CI when it
/// was never built. Under CI=true a missing page is a failure.
fn built_page() -> Option<PathBuf> {
    let dir = root().join("dist/web");
    if !dir.join("index.html").is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs the page: run scripts/web.sh (.ci/run does)"
        );
        eprintln!("dist/web absent : test sauté hors CI (scripts/web.sh construit la page)");
        return None;
    }
    // The page's own files are copies of web/: an older build would test old code.
    for (built, source) in [
        ("app.js", "web/serve/app.js"),
        ("app.css", "web/serve/app.css"),
        ("backend.js", "web/wasm/backend.js"),
        ("ouverture.js", "web/wasm/ouverture.js"),
        ("web.css", "web/wasm/web.css"),
    ] {
        assert!(
            std::fs::read(dir.join(built)).unwrap() == std::fs::read(root().join(source)).unwrap(),
            "dist/web/{built} is older than {source}: run scripts/web.sh again"
        );
    }
    Some(dir)
}

/// Serves the files of `dir` on 127.0.0.1 (what GitLab Pages does, for the test), one
/// thread per connection since Chromium opens some ahead of need.
fn serve_static(dir: PathBuf) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir));
        }
    });
    addr
}

fn answer(mut stream: TcpStream, dir: &Path) {
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split(' ').nth(1).unwrap_or("/");
    let name = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_start_matches('/');
    let name = if name.is_empty() { "index.html" } else { name };
    let file = (!name.contains("..") && !name.contains('/'))
        .then(|| std::fs::read(dir.join(name)).ok())
        .flatten();
    let kind = match name.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };
    let (status, body) = match file {
        Some(b) => ("200 OK", b),
        None => ("404 Not Found", b"absent".to_vec()),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

/// The page loaded in Chromium with the network and page events recorded from the
/// start; returns the browser and the number of events up to the `load` event.
fn open_page(program: &str, dir: PathBuf) -> (Chromium, usize) {
    let url = format!("http://{}/", serve_static(dir));
    let mut page = Chromium::open(program, "about:blank");
    page.call("Network.enable", json!({}));
    page.call("Page.enable", json!({}));
    page.call("Page.navigate", json!({"url": url}));
    page.wait_for(
        "document.readyState === 'complete' && location.href.startsWith('http') || null",
        &Value::Bool(false),
    );
    while !page
        .events
        .iter()
        .any(|e| e["method"] == "Page.loadEventFired")
    {
        std::thread::sleep(Duration::from_millis(20));
        page.eval("1");
    }
    let loaded = page.events.len();
    (page, loaded)
}

/// Chooses `folder` on the page's input, as a person picking it in the dialog.
fn choose_folder(page: &mut Chromium, folder: &Path) {
    let input = page.call(
        "Runtime.evaluate",
        json!({"expression": "document.getElementById('choix-dossier')"}),
    );
    let object = input["result"]["objectId"].as_str().unwrap().to_string();
    page.call(
        "DOM.setFileInputFiles",
        json!({"files": [folder.display().to_string()], "objectId": object}),
    );
}

/// The counts the page shows, once it shows them.
fn shown_counts(page: &mut Chromium) -> (u64, u64) {
    let empty = Value::String(String::new());
    let errors = page.wait_for("document.getElementById('nb-erreurs').dataset.n", &empty);
    let warnings = page.eval("document.getElementById('nb-avertissements').dataset.n");
    let n = |v: Value| v.as_str().unwrap().parse::<u64>().unwrap();
    (n(errors), n(warnings))
}

/// The counts of `ldm check --format json` on `dossier`.
fn check_counts(dossier: &Path) -> (u64, u64) {
    let out = Ldm::new()
        .args(["check", "--format", "json"])
        .arg(dossier)
        .run();
    let total = &out.json()["dossiers"][0]["total"];
    (
        total["erreurs"].as_u64().unwrap(),
        total["avertissements"].as_u64().unwrap(),
    )
}

/// Wall times of `ldm check` on `dossier` with the binary `program`, five runs sorted, in
/// milliseconds: the command line's side of the page's time (printed, never asserted).
fn cli_times(program: &Path, dossier: &Path) -> Vec<f64> {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let start = std::time::Instant::now();
            let status = std::process::Command::new(program)
                .arg("check")
                .arg(dossier)
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(status.success(), "{} check: {status}", program.display());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times
}

/// The binaries to time beside the page: the one the tests drive (debug under `cargo
/// test`, release under `cargo test --release`), and `target/release/ldm` when a release
/// build left one — the fair match for the page's optimised module.
fn cli_programs() -> Vec<(&'static str, PathBuf)> {
    let driven = assert_cmd::cargo::cargo_bin("ldm");
    let kind = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let mut programs = vec![(kind, driven.clone())];
    let release = root().join("target/release/ldm");
    if kind == "debug" && release.is_file() && release != driven {
        programs.push(("release", release));
    }
    programs
}

/// Prints the page's times beside `ldm check`'s on the same dossier, with their ratio.
fn print_times(page: &Value, dossier: &Path) {
    eprintln!("page : l'exemple lu, vérifié et affiché dans le navigateur, {page} (ms)");
    let total: Value = serde_json::from_str(page.as_str().unwrap()).unwrap();
    let total = total["total"].as_f64().unwrap();
    for (kind, program) in cli_programs() {
        let t = cli_times(&program, dossier);
        eprintln!(
            "ligne de commande : ldm check de l'exemple, médiane {:.1} ms [{:.1}–{:.1}] sur 5, binaire {kind} ({}) ; page : {:.1} fois ce temps",
            t[2],
            t[0],
            t[4],
            program.display(),
            total / t[2]
        );
    }
}

/// Requests that left the page after `from` (data: and blob: addresses stay in it).
fn requests_after(page: &Chromium, from: usize) -> Vec<String> {
    page.events[from..]
        .iter()
        .filter(|e| e["method"] == "Network.requestWillBeSent")
        .map(|e| {
            e["params"]["request"]["url"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .filter(|u| !u.starts_with("data:") && !u.starts_with("blob:"))
        .collect()
}

#[test]
fn the_example_shows_the_counts_of_ldm_check_and_nothing_leaves_the_page() {
    let (Some(dir), Some(program)) = (built_page(), chromium()) else {
        return;
    };
    let (mut page, loaded) = open_page(program, dir);
    let opening = page.eval("document.body.innerText");
    assert!(
        opening
            .as_str()
            .unwrap()
            .contains("Vos fichiers ne quittent pas votre ordinateur"),
        "{opening}"
    );

    // LDM_WEB_PROFIL=profil.json writes Chromium's CPU profile of the opening (the
    // functions named in a build made with LDM_WEB_NOMS=1 scripts/web.sh).
    let profil = std::env::var_os("LDM_WEB_PROFIL");
    if profil.is_some() {
        page.call("Profiler.enable", json!({}));
        page.call("Profiler.setSamplingInterval", json!({"interval": 100}));
        page.call("Profiler.start", json!({}));
    }
    choose_folder(&mut page, &example());
    let shown = shown_counts(&mut page);
    if let Some(profil) = profil {
        let p = page.call("Profiler.stop", json!({}));
        std::fs::write(profil, p["profile"].to_string()).unwrap();
    }
    assert_eq!(shown, check_counts(&example()));
    let name = page.eval("document.getElementById('etablissement').textContent");
    assert_eq!(name, "Lycée polyvalent Marie Marvingt");
    // The times, printed (never asserted: docs/performance.md records them).
    let timing = page.wait_for(
        "window.ldmMesure.total === undefined ? null : JSON.stringify(window.ldmMesure)",
        &Value::Null,
    );
    print_times(&timing, &example());

    // The previews and the downloads come from the same module, in the page.
    page.eval("document.querySelector('[data-onglet=\"annexe\"]').click()");
    let annex = page.wait_for(
        "(document.getElementById('cadre-annexe').srcdoc || '').includes('Marie Marvingt') || null",
        &Value::Bool(false),
    );
    assert_eq!(annex, true);
    let sizes = page.eval(
        "import('./backend.js').then(async m => { const r = {}; \
         for (const g of ['annexe-html', 'annexe-docx', 'annexe-pdf', 'tableau-html']) { \
           try { r[g] = (await m.telechargement(g)).blob.size; } catch (e) { r[g] = String(e.message || e); } } \
         return r; })",
    );
    for kind in ["annexe-html", "annexe-docx", "tableau-html"] {
        assert!(sizes[kind].as_u64().unwrap_or(0) > 1000, "{kind}: {sizes}");
    }
    // The PDF only in a page built with the engine (LDM_WEB_PDF=1), its button otherwise gone.
    let pdf = page.eval("import('./ldm_web.js').then(m => m.Session.pdf())");
    let button = page.eval("document.querySelector('[data-telecharger=\"annexe-pdf\"]') !== null");
    assert_eq!(button, pdf);
    if pdf == true {
        assert!(sizes["annexe-pdf"].as_u64().unwrap_or(0) > 1000, "{sizes}");
    }
    let evidence = page.eval(
        "document.querySelector('[data-onglet=\"preuves\"]').click(); \
         Array.from(document.querySelectorAll('#preuves a')).map(a => a.href)",
    );
    let evidence = evidence.as_array().unwrap();
    assert!(!evidence.is_empty());
    assert!(
        evidence
            .iter()
            .all(|a| a.as_str().unwrap().starts_with("blob:")),
        "{evidence:?}"
    );

    let left = requests_after(&page, loaded);
    assert!(left.is_empty(), "requests after load: {left:?}");
    let csp =
        page.eval("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content");
    assert!(
        csp.as_str().unwrap().contains("connect-src 'none'"),
        "{csp}"
    );
}

#[test]
fn a_folder_above_the_dossier_is_refused_as_ldm_check_refuses_it() {
    let (Some(dir), Some(program)) = (built_page(), chromium()) else {
        return;
    };
    // `examples/` holds two dossiers: neither the page nor the command line guesses one.
    let above = root().join("examples");
    let (mut page, _) = open_page(program, dir);
    choose_folder(&mut page, &above);
    let shown = page.wait_for(
        "document.getElementById('alerte').hidden ? null : document.getElementById('alerte').textContent",
        &Value::Null,
    );
    let why = "n'est pas un dossier ldm : ldm.toml est introuvable";
    assert!(shown.as_str().unwrap().contains(&fr(why)), "{shown}");
    assert!(
        shown.as_str().unwrap().contains(&fr("« examples »")),
        "{shown}"
    );
    Ldm::new()
        .arg("check")
        .arg(&above)
        .run()
        .code(2)
        .stderr_has(why);
}

#[test]
fn a_broken_fiche_is_shown_with_its_file_and_line() {
    let (Some(dir), Some(program)) = (built_page(), chromium()) else {
        return;
    };
    let fixture = fixture("tout-en-un");
    let (mut page, loaded) = open_page(program, dir);
    choose_folder(&mut page, &fixture);
    let (errors, warnings) = shown_counts(&mut page);
    assert_eq!((errors, warnings), check_counts(&fixture));
    assert!(errors > 0);
    // A dossier with findings to draw, printed beside the example's (never asserted).
    let timing = page.wait_for(
        "window.ldmMesure.total === undefined ? null : JSON.stringify(window.ldmMesure)",
        &Value::Null,
    );
    eprintln!("page : tout-en-un lu, vérifié et affiché dans le navigateur, {timing} (ms)");
    let places = page.eval(
        "Array.from(document.querySelectorAll('.lieu code')).map(c => c.textContent).join('\\n')",
    );
    let places = places.as_str().unwrap();
    assert!(
        places
            .lines()
            .any(|l| l == "criteres/1-offre-de-formation/actions/mini-stages.md:12:16"),
        "{places}"
    );
    let shown = page.eval("document.getElementById('constats').innerText");
    assert!(
        shown.as_str().unwrap().contains("cible: quarante"),
        "{shown}"
    );
    assert_eq!(requests_after(&page, loaded), Vec::<String>::new());

    // LDM_WEB_CAPTURE=docs/web.png takes the README's picture: criterion 1 of this dossier.
    if let Some(png) = std::env::var_os("LDM_WEB_CAPTURE") {
        page.eval("document.querySelector('[data-selection=\"1\"]').click()");
        let shot = page.call("Page.captureScreenshot", json!({"format": "png"}));
        std::fs::write(png, base64(shot["data"].as_str().unwrap())).unwrap();
    }
}

/// Standard base64 (what DevTools sends pictures in), without a crate for one picture.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|q| {
            let n = q.iter().fold(0u32, |n, &d| n << 6 | u32::from(d)) << (6 * (4 - q.len()));
            let bytes = n.to_be_bytes();
            bytes[1..q.len()].to_vec()
        })
        .collect()
}
