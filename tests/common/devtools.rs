//! A page in headless Chromium, driven through the DevTools protocol over its WebSocket
//! (tungstenite): evaluate JavaScript, call any method, keep the events it sends.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

/// How long a page may take to answer or to show what a test waits for: CI machines
/// are slow and loaded.
const PATIENCE: Duration = Duration::from_secs(10);

pub struct Chromium {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Every event received so far (`{"method", "params"}`), in order.
    pub events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Chromium {
    /// Starts Chromium on `url` and connects to the tab showing it.
    pub fn open(program: &str, url: &str) -> Chromium {
        let profile = tempfile::tempdir().unwrap();
        let child = std::process::Command::new(program)
            .args(super::HEADLESS)
            .args([
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=1200,800",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Chromium writes the port it chose into the profile.
        let port_file = profile.path().join("DevToolsActivePort");
        let start = Instant::now();
        let port = loop {
            if let Some(p) = std::fs::read_to_string(&port_file)
                .ok()
                .and_then(|t| t.lines().next().and_then(|l| l.parse::<u16>().ok()))
            {
                break p;
            }
            assert!(start.elapsed() < PATIENCE * 3, "Chromium did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        let ws = page_socket(port, url);
        let (socket, _) = tungstenite::connect(ws.as_str()).unwrap();
        if let MaybeTlsStream::Plain(s) = socket.get_ref() {
            s.set_read_timeout(Some(PATIENCE * 3)).unwrap();
        }
        Chromium {
            child,
            socket,
            next_id: 1,
            events: Vec::new(),
            _profile: profile,
        }
    }

    /// Calls a DevTools method and returns its result; the events that come meanwhile
    /// are kept in `events`.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let call = serde_json::json!({"id": id, "method": method, "params": params});
        self.socket
            .send(Message::Text(call.to_string().into()))
            .unwrap();
        loop {
            let Message::Text(text) = self.socket.read().unwrap() else {
                continue;
            };
            let answer: Value = serde_json::from_str(text.as_str()).unwrap();
            if answer["id"] == id {
                assert!(answer.get("error").is_none(), "{method}: {answer}");
                return answer["result"].clone();
            }
            if answer.get("method").is_some() {
                self.events.push(answer);
            }
        }
    }

    /// Evaluates `expression` in the page (awaiting a promise) and returns its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        let params = serde_json::json!({
            "expression": expression,
            "returnByValue": true,
            "awaitPromise": true,
        });
        self.call("Runtime.evaluate", params)["result"]["value"].clone()
    }

    /// Waits until `expression` gives something else than `not` (and than null).
    pub fn wait_for(&mut self, expression: &str, not: &Value) -> Value {
        let start = Instant::now();
        loop {
            let v = self.eval(expression);
            if &v != not && !v.is_null() {
                return v;
            }
            assert!(
                start.elapsed() < PATIENCE * 2,
                "« {expression} » stayed {v}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The DevTools socket of the tab showing `url`, from Chromium's `/json/list`.
fn page_socket(port: u16, url: &str) -> String {
    let start = Instant::now();
    loop {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            // Chromium may keep the connection open: read what comes within a second.
            s.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
            let _ = write!(
                s,
                "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            );
            let mut raw = Vec::new();
            let _ = s.read_to_end(&mut raw);
            let text = String::from_utf8_lossy(&raw);
            let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
            let targets: Value = serde_json::from_str(body).unwrap_or(Value::Null);
            let found = targets.as_array().into_iter().flatten().find(|t| {
                t["type"] == "page" && t["url"].as_str().is_some_and(|u| u.starts_with(url))
            });
            if let Some(t) = found {
                return t["webSocketDebuggerUrl"].as_str().unwrap().to_string();
            }
        }
        assert!(
            start.elapsed() < PATIENCE * 3,
            "no DevTools target for {url}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
