//! `ldm lsp` driven as an editor drives it: Content-Length frames on its standard input
//! and output (initialize, didOpen, didChange, completion, hover, codeAction,
//! shutdown/exit), asserting the published findings, the items and the edits; then a
//! real client, Neovim's built-in one, on a broken fiche.

use crate::common::*;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A check of the example takes milliseconds; loaded CI machines get more.
const PATIENCE: Duration = Duration::from_secs(20);

const JOB: &str = "criteres/4-partenariats/actions/job-dating.md";

/// A running `ldm lsp` and the messages it sent that no one has read yet.
pub(crate) struct Client {
    child: Child,
    stdin: ChildStdin,
    from_server: Receiver<Value>,
    pub(crate) pending: VecDeque<Value>,
    next_id: i64,
    pub(crate) dossier: TempDossier,
}

impl Client {
    /// Starts `ldm lsp` and goes through the initialize handshake.
    pub(crate) fn start(dossier: TempDossier) -> Client {
        let mut cmd = Ldm::new().arg("lsp").command();
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd.spawn().unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, from_server) = channel();
        std::thread::spawn(move || {
            while let Some(msg) = read_frame(&mut out) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            from_server,
            pending: VecDeque::new(),
            next_id: 0,
            dossier,
        };
        let init = c.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        assert_eq!(init["serverInfo"]["name"], "ldm", "{init}");
        assert_eq!(init["capabilities"]["positionEncoding"], "utf-16", "{init}");
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer's result; notifications that come
    /// meanwhile are kept for `diagnostics`.
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + PATIENCE;
        loop {
            let msg = self.next(deadline);
            if msg["id"] == id {
                assert!(msg.get("error").is_none(), "{method}: {msg}");
                return msg["result"].clone();
            }
            self.pending.push_back(msg);
        }
    }

    fn next(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        self.from_server
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("ldm lsp said nothing more in {PATIENCE:?}"))
    }

    pub(crate) fn uri(&self, rel: &str) -> String {
        url::Url::from_file_path(self.dossier.join(rel))
            .unwrap()
            .to_string()
    }

    pub(crate) fn open(&mut self, rel: &str, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, rel: &str, version: i64, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// The next findings published for `rel`.
    pub(crate) fn diagnostics(&mut self, rel: &str) -> Vec<Value> {
        let uri = self.uri(rel);
        let deadline = Instant::now() + PATIENCE;
        let wanted = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(i) = self.pending.iter().position(wanted) {
            let m = self.pending.remove(i).unwrap();
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.next(deadline);
            if wanted(&m) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.pending.push_back(m);
        }
    }

    pub(crate) fn at(&self, rel: &str, line: u32, character: u32) -> Value {
        json!({"textDocument": {"uri": self.uri(rel)}, "position": {"line": line, "character": character}})
    }

    /// shutdown, exit: the server ends with status 0.
    pub(crate) fn stop(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        assert_eq!(self.exit_code(), Some(0));
    }

    /// The server's exit code once it has ended.
    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "ldm lsp did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One Content-Length frame's JSON, or `None` at the end of the stream.
fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            len = n.parse().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn codes(diags: &[Value]) -> Vec<(String, u64)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// The job-dating fiche with a mistyped field in an indicator written on one line,
/// after accented and astral characters (UTF-16 columns differ from bytes and from
/// characters there).
fn job_dating_with_typo(original: &str) -> (String, u32, u32, usize) {
    let line = "      - {intitule: \"Élèves 🎓 embauchés\", cibel: 40}";
    let text = original.replacen(
        "objectifs:\n",
        &format!("objectifs:\n  - intitule: \"Insérer\"\n    indicateurs:\n{line}\n"),
        1,
    );
    let row = text.lines().position(|l| l == line).unwrap() as u32;
    let byte = line.find("cibel").unwrap();
    let col = line[..byte].encode_utf16().count() as u32;
    (text, row, col, byte)
}

#[test]
fn an_unsaved_change_is_checked_and_its_findings_cleared_when_fixed() {
    let dossier = TempDossier::copy(&example(), "lycee");
    let on_disk = dossier.read(JOB);
    let mut c = Client::start(dossier);
    c.open(JOB, &on_disk);
    // The example is clean: opening it publishes nothing for the fiche, or nothing in it.
    let (typo, row, col, _) = job_dating_with_typo(&on_disk);
    c.change(JOB, 2, &typo);
    let diags = c.diagnostics(JOB);
    let found = diags
        .iter()
        .find(|d| d["code"] == "champ-inconnu")
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(
        found["range"]["start"],
        json!({"line": row, "character": col})
    );
    assert_eq!(
        found["range"]["end"],
        json!({"line": row, "character": col + 5})
    );
    assert_eq!(found["source"], "ldm");
    assert_eq!(found["severity"], 1);
    let message = found["message"].as_str().unwrap();
    assert!(message.contains(&fr("« cibel »")), "{message}");
    assert!(
        message.contains(&fr("aide\u{a0}: vouliez-vous dire « cible »")),
        "{message}"
    );
    // The quick fix replaces the spot with the suggestion.
    let params = json!({
        "textDocument": {"uri": c.uri(JOB)},
        "range": found["range"],
        "context": {"diagnostics": [found]},
    });
    let actions = c.request("textDocument/codeAction", params);
    let action = &actions[0];
    assert_eq!(action["title"], "Remplacer par « cible »", "{actions}");
    assert_eq!(action["kind"], "quickfix");
    let edits = &action["edit"]["changes"][c.uri(JOB)];
    assert_eq!(
        edits,
        &json!([{"range": found["range"], "newText": "cible"}])
    );
    // The rule's explanation is on hover.
    let hover = c.request("textDocument/hover", c.at(JOB, row, col + 2));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("(`champ-inconnu`)"), "{shown}");
    assert!(
        shown.contains("ldm check --explain champ-inconnu"),
        "{shown}"
    );
    // Fixed in the editor: the file's findings are cleared.
    c.change(JOB, 3, &typo.replace("cibel", "cible"));
    let after = c.diagnostics(JOB);
    assert!(
        after.iter().all(|d| d["code"] != "champ-inconnu"),
        "{after:?}"
    );
    // Nothing was written: the buffer never reached the disk.
    assert_eq!(c.dossier.read(JOB), on_disk);
    c.stop();
}

#[test]
fn an_editor_leaving_without_shutdown_gets_exit_code_1() {
    // The protocol: `exit` without `shutdown` first ends the server with 1 (Neovim says
    // « Client 1 quit with exit code … » when it quits that way).
    let mut c = Client::start(TempDossier::fixture("valide"));
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_code(), Some(1));
}

#[test]
fn findings_of_the_whole_dossier_are_published_on_the_files_they_concern() {
    let dossier = TempDossier::fixture("structure");
    let report = Ldm::new()
        .args(["check", "--format", "json"])
        .arg(dossier.path())
        .run()
        .json();
    let diags = report["dossiers"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    let mut c = Client::start(dossier);
    let first = diags[0]["file"].as_str().unwrap_or("ldm.toml").to_string();
    c.open(&first, &c.dossier.read(&first));
    // Every file with findings gets them, at the lines `ldm check` gives (1-based there).
    let mut files: Vec<String> = diags
        .iter()
        .map(|d| d["file"].as_str().unwrap_or("ldm.toml").to_string())
        .collect();
    files.dedup();
    for file in files {
        let published = c.diagnostics(&file);
        let want: Vec<(String, u64)> = diags
            .iter()
            .filter(|d| d["file"].as_str().unwrap_or("ldm.toml") == file)
            .map(|d| {
                let line = d["line"].as_u64().unwrap_or(1);
                (d["rule"].as_str().unwrap().to_string(), line - 1)
            })
            .collect();
        assert_eq!(codes(&published), want, "{file}");
    }
    c.stop();
}

#[test]
fn completion_offers_fields_values_requirements_evidence_and_headings() {
    let dossier = TempDossier::copy(&example(), "lycee");
    let on_disk = dossier.read(JOB);
    let mut c = Client::start(dossier);
    let text = on_disk
        .replacen("exigences: [", "exigences: [\"4.", 1)
        .replacen(
            "        unite: nombre\n        sens: hausse\n        cible: 40\n",
            "        unite: \n        sens: hausse\n        ci\n",
            1,
        )
        .replacen("preuves:\n", "preuves:\n  - preuves/\n", 1)
        .replacen("# Points forts", "# ", 1);
    c.open(JOB, &text);
    let line_of = |needle: &str| text.lines().position(|l| l == needle).unwrap() as u32;
    let row = text
        .lines()
        .position(|l| l.starts_with("exigences: [\"4."))
        .unwrap() as u32;
    let items = c.request("textDocument/completion", c.at(JOB, row, 15));
    let first = &items[0];
    assert_eq!(first["label"], "4.1", "{items}");
    assert!(first["detail"].as_str().unwrap().len() > 20, "{first}");
    assert_eq!(first["textEdit"]["newText"], "4.1");
    assert_eq!(
        first["textEdit"]["range"]["start"],
        json!({"line": row, "character": 13})
    );
    let doc = first["documentation"]["value"].as_str().unwrap();
    assert!(doc.starts_with("**Exigence 4.1**"), "{doc}");

    let row = line_of("        unite: ");
    let items = c.request("textDocument/completion", c.at(JOB, row, 15));
    assert_eq!(labels(&items), ["nombre", "pourcentage", "euros"]);
    assert_eq!(items[0]["textEdit"]["newText"], "nombre");

    let row = line_of("        ci");
    let items = c.request("textDocument/completion", c.at(JOB, row, 10));
    let cible = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "cible")
        .unwrap_or_else(|| panic!("{items}"));
    assert_eq!(cible["textEdit"]["newText"], "cible: ");
    // `sens` is already written in this indicator: not offered again.
    assert!(!labels(&items).contains(&"sens".to_string()), "{items}");
    assert!(
        cible["detail"].as_str().unwrap().contains("Valeur visée"),
        "{cible}"
    );

    let row = line_of("  - preuves/");
    let items = c.request("textDocument/completion", c.at(JOB, row, 12));
    assert!(
        labels(&items).contains(
            &"preuves/4-partenariats/convention-aero-maintenance-normandie.md".to_string()
        ),
        "{items}"
    );

    let row = line_of("# ");
    let items = c.request("textDocument/completion", c.at(JOB, row, 2));
    assert_eq!(labels(&items), ["Points forts"]);
    assert_eq!(items[0]["textEdit"]["newText"], "# Points forts");

    // A requirement on hover: its text and its criterion.
    let row = text
        .lines()
        .position(|l| l.starts_with("exigences:"))
        .unwrap() as u32;
    let col = text.lines().nth(row as usize).unwrap().find("4.3").unwrap() as u32;
    let hover = c.request("textDocument/hover", c.at(JOB, row, col + 1));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("**Exigence 4.3**\u{a0}: "), "{shown}");
    assert!(shown.contains("Critère 4\u{a0}: "), "{shown}");
    c.stop();
}

#[test]
fn completion_offers_only_the_fields_of_the_kind_not_yet_written() {
    let dossier = TempDossier::copy(&example(), "lycee");
    let engagement =
        "criteres/1-offre-de-formation/engagements/coloration-bac-pro-logistique-fret-aerien.md";
    let on_disk = dossier.read(engagement);
    let action = dossier.read(JOB);
    let mut c = Client::start(dossier);
    // A new line at the top of the engagement's front matter, and one in an objective.
    let text = on_disk.replacen("exigences:", "\nexigences:", 1).replacen(
        "    indicateurs:\n",
        "    \n    indicateurs:\n",
        1,
    );
    c.open(engagement, &text);
    let line_of = |t: &str, needle: &str| t.lines().position(|l| l == needle).unwrap() as u32;
    let row = line_of(&text, "");
    let items = c.request("textDocument/completion", c.at(engagement, row, 0));
    // Already written: denomination, periode, animateur, exigences, objectifs, preuves;
    // perenne is an action's.
    assert_eq!(labels(&items), ["criteres_associes", "suite_de"], "{items}");
    let row = line_of(&text, "    ");
    let items = c.request("textDocument/completion", c.at(engagement, row, 4));
    assert!(
        labels(&items).is_empty(),
        "no plus_value in an engagement: {items}"
    );
    // The action already has most fields; never the engagement's animateur.
    let text = action.replacen("exigences:", "\nexigences:", 1);
    c.open(JOB, &text);
    let row = line_of(&text, "");
    let items = c.request("textDocument/completion", c.at(JOB, row, 0));
    assert_eq!(labels(&items), ["criteres_associes"], "{items}");
    c.stop();
}

#[test]
fn ldm_toml_values_and_their_suggestions() {
    let dossier = TempDossier::copy(&example(), "lycee");
    let toml = dossier
        .read("ldm.toml")
        .replace("nature = \"renouvellement\"", "nature = \"renouvelement\"");
    let mut c = Client::start(dossier);
    c.open("ldm.toml", &toml);
    let diags = c.diagnostics("ldm.toml");
    let row = toml.lines().position(|l| l.starts_with("nature")).unwrap() as u64;
    let found = diags
        .iter()
        .find(|d| d["range"]["start"]["line"] == row)
        .unwrap_or_else(|| panic!("{diags:?}"));
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": c.uri("ldm.toml")}, "range": found["range"], "context": {"diagnostics": [found]}}),
    );
    let edit = &actions[0]["edit"]["changes"][c.uri("ldm.toml")][0];
    // The whole quoted value is replaced, its quotes kept.
    let line = toml.lines().nth(row as usize).unwrap();
    let quote = line.find('"').unwrap() as u64;
    assert_eq!(edit["range"]["start"]["character"], quote, "{actions}");
    assert_eq!(
        edit["range"]["end"]["character"],
        line.len() as u64,
        "{actions}"
    );
    assert_eq!(edit["newText"], "\"renouvellement\"", "{actions}");
    let items = c.request("textDocument/completion", c.at("ldm.toml", row as u32, 10));
    assert_eq!(labels(&items), ["premiere-demande", "renouvellement"]);
    c.stop();
}

/// Neovim's own LSP client attached to `ldm lsp` on a broken fiche: what
/// `vim.diagnostic.get()` returns, written as JSON by the Lua script.
#[test]
fn neovim_shows_the_findings_of_a_broken_fiche() {
    let Some(nvim) = program(&["nvim"], "neovim") else {
        return;
    };
    let dossier = TempDossier::copy(&example(), "lycee");
    let (typo, row, _, byte) = job_dating_with_typo(&dossier.read(JOB));
    dossier.write(JOB, &typo);
    let script = dossier.outside().join("ldm.lua");
    let out = dossier.outside().join("diagnostics.json");
    std::fs::write(&script, NEOVIM).unwrap();
    let status = std::process::Command::new(nvim)
        .args(["--headless", "--clean", "-n"])
        .arg(dossier.join(JOB))
        .arg("-c")
        .arg(format!("luafile {}", script.display()))
        .env("LDM", assert_cmd::cargo::cargo_bin("ldm"))
        .env("LDM_RACINE", dossier.path())
        .env("LDM_SORTIE", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "nvim ended with {status}");
    let got: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let diags = got
        .as_array()
        .unwrap_or_else(|| panic!("Neovim got no findings: {got}"));
    let found = diags
        .iter()
        .find(|d| d["code"] == "champ-inconnu")
        .unwrap_or_else(|| panic!("{got}"));
    // Neovim turns the UTF-16 column into a byte column of the line: right only if ldm
    // counted UTF-16 units after « É », « è » and « 🎓 ».
    assert_eq!(found["lnum"], row, "{got}");
    assert_eq!(found["col"], byte, "{got}");
    assert_eq!(found["source"], "ldm");
}

/// Attaches `ldm lsp` to the current buffer (the API of Neovim 0.7, Debian 12's, which
/// later versions keep), waits for its findings, writes them and quits.
const NEOVIM: &str = r#"
local id = vim.lsp.start_client({
  name = 'ldm',
  cmd = { os.getenv('LDM'), 'lsp' },
  root_dir = os.getenv('LDM_RACINE'),
})
vim.lsp.buf_attach_client(0, id)
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, { code = d.code, lnum = d.lnum, col = d.col, source = d.source, message = d.message })
end
local f = io.open(os.getenv('LDM_SORTIE'), 'w')
f:write(vim.json.encode(out))
f:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
"#;
