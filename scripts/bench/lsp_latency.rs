//! Bench of `ldm lsp`: the time from a change in the editor (`didChange`) to the findings
//! published for the changed file. Starts `LDM lsp`, opens FICHIER of DOSSIER, then sends
//! RUNS changes, each putting a mistyped field in its front matter or taking it out
//! (so each one changes the file's findings and is answered), as a person typing would.
//! Prints the median and the slowest, in milliseconds.
//! Usage: lsp_latency LDM DOSSIER FICHIER [RUNS]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, ldm, dossier, fichier, rest @ ..] = args.as_slice() else {
        eprintln!("usage : lsp_latency LDM DOSSIER FICHIER [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = rest.first().and_then(|r| r.parse().ok()).unwrap_or(10);
    let mut child = Command::new(ldm)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("ldm lsp starts");
    let mut to = child.stdin.take().unwrap();
    let mut from = BufReader::new(child.stdout.take().unwrap());
    let path = std::fs::canonicalize(std::path::Path::new(dossier).join(fichier)).unwrap();
    let uri = format!("file://{}", path.display());
    let original = std::fs::read_to_string(&path).unwrap();
    let broken = original.replacen("---\n", "---\ndenominaton: \"faute\"\n", 1);

    send(
        &mut to,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    until(&mut from, |m| m["id"] == 1);
    send(
        &mut to,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut to,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 0, "text": original}}}),
    );
    let mut times = Vec::new();
    for i in 0..=runs {
        // Between two keystrokes of a person, so each change is checked on its own.
        std::thread::sleep(Duration::from_millis(100));
        let text = if i % 2 == 0 { &broken } else { &original };
        let changed = Instant::now();
        send(
            &mut to,
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": i + 1}, "contentChanges": [{"text": text}]}}),
        );
        until(&mut from, |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        // The first answer also loads the dossier: not a keystroke's cost.
        if i > 0 {
            times.push(changed.elapsed().as_secs_f64() * 1000.0);
        }
    }
    send(
        &mut to,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    until(&mut from, |m| m["id"] == 2);
    send(&mut to, json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
    times.sort_by(f64::total_cmp);
    println!(
        "{:.1} {:.1}",
        times[times.len() / 2],
        times.last().copied().unwrap_or(0.0)
    );
}

fn send(to: &mut ChildStdin, msg: Value) {
    let body = msg.to_string();
    write!(to, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    to.flush().unwrap();
}

/// Reads messages until one satisfies `wanted`.
fn until(from: &mut impl BufRead, wanted: impl Fn(&Value) -> bool) {
    loop {
        let mut len = 0;
        loop {
            let mut line = String::new();
            if from.read_line(&mut line).unwrap() == 0 {
                panic!("ldm lsp closed its output");
            }
            match line.trim_end() {
                "" => break,
                l => {
                    if let Some(n) = l.strip_prefix("Content-Length: ") {
                        len = n.parse().unwrap();
                    }
                }
            }
        }
        let mut body = vec![0; len];
        from.read_exact(&mut body).unwrap();
        let msg: Value = serde_json::from_slice(&body).unwrap();
        if wanted(&msg) {
            return;
        }
    }
}
