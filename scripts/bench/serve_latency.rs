//! Bench of `ldm serve`: the time from a save to the update on the page's event stream.
//! Starts `LDM serve DOSSIER --port 0`, listens to the stream like a page, then saves
//! FICHIER RUNS times (a comment appended to its text) and times each event. Prints the
//! median and the slowest, in milliseconds.
//! Usage: serve_latency LDM DOSSIER FICHIER [RUNS]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, ldm, dossier, fichier, rest @ ..] = args.as_slice() else {
        eprintln!("usage : serve_latency LDM DOSSIER FICHIER [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = rest.first().and_then(|r| r.parse().ok()).unwrap_or(10);
    let mut child = Command::new(ldm)
        .args(["serve", dossier, "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("ldm serve starts");
    let mut banner = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    let addr = banner
        .split("http://")
        .nth(1)
        .unwrap()
        .trim()
        .trim_end_matches('/');
    let mut stream = BufReader::new(listen(addr));
    let path = std::path::Path::new(dossier).join(fichier);
    let original = std::fs::read_to_string(&path).unwrap();
    let mut times = Vec::new();
    for i in 0..runs {
        // Let the previous save settle, as between two saves of a person.
        std::thread::sleep(Duration::from_millis(400));
        let saved = Instant::now();
        std::fs::write(&path, format!("{original}\n<!-- mesure {i} -->\n")).unwrap();
        next_event(&mut stream);
        times.push(saved.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&path, original).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "{:.0} {:.0}",
        times[times.len() / 2],
        times.last().copied().unwrap_or(0.0)
    );
}

/// The event stream, past its head.
fn listen(addr: &str) -> TcpStream {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET /api/evenements HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    s
}

/// Reads up to the end of the next `etat` event.
fn next_event(stream: &mut BufReader<TcpStream>) {
    let mut in_event = false;
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).unwrap() == 0 {
            panic!("the event stream closed");
        }
        if line.starts_with("event: etat") {
            in_event = true;
        } else if in_event && line.trim().is_empty() {
            return;
        }
    }
}
