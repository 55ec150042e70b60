//! The protocol side of `ldm lsp`: messages over stdio (lsp-server, the scaffold of
//! rust-analyzer), one session per dossier opened in the editor. Every change re-checks
//! the dossier from the editor's buffers; the changes that arrive while a check runs
//! are taken together before the next one, so a burst of keystrokes costs one check.

use super::position::{self, Point};
use super::session::Session;
use super::{complete, context, fields, fix, hover};
use crate::diagnostic::{self as ldm, Severity};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as notif, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionItem, CompletionItemKind, CompletionOptions,
    CompletionParams, CompletionResponse, CompletionTextEdit, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    Documentation, Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeResult,
    Location, MarkupContent, MarkupKind, NumberOrString, Position, PositionEncodingKind,
    PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri,
    WorkspaceEdit,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Runs the server on stdin and stdout until the client says `exit`; `true` when the
/// client asked for a `shutdown` first (the protocol's exit code 0, else 1).
pub fn run() -> anyhow::Result<bool> {
    let (connection, transport) = super::transport::stdio();
    let outcome = initialize_and_serve(&connection);
    drop(connection);
    let (read, write) = transport.join();
    // A refused frame is why the session ended, whatever the server made of it.
    read?;
    let clean = outcome?;
    // An editor that quits without `shutdown` may close the pipes under the writer: that
    // is its exit code 1, not an error of ldm.
    if clean {
        write?;
    }
    Ok(clean)
}

fn initialize_and_serve(connection: &Connection) -> anyhow::Result<bool> {
    let (id, _params) = connection.initialize_start()?;
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "ldm".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    Server::default().serve(connection)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                ["#", "\"", "'", ".", "/", " ", "["]
                    .map(str::to_string)
                    .to_vec(),
            ),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    }
}

#[derive(Default)]
struct Server {
    sessions: BTreeMap<PathBuf, Session>,
    /// The address the editor uses for each open file, reused when publishing (it may
    /// spell the path differently from ours).
    uris: HashMap<PathBuf, Uri>,
    /// Dossiers changed since their last check.
    dirty: BTreeSet<PathBuf>,
}

impl Server {
    /// Serves until the session ends: `true` after `shutdown` then `exit`, `false` when
    /// the client said `exit` without `shutdown` or closed its end.
    fn serve(&mut self, c: &Connection) -> anyhow::Result<bool> {
        while let Ok(msg) = c.receiver.recv() {
            if let Some(clean) = self.handle(c, msg)? {
                return Ok(clean);
            }
            // Debounce: what came meanwhile first, then one check per changed dossier.
            while let Ok(msg) = c.receiver.try_recv() {
                if let Some(clean) = self.handle(c, msg)? {
                    return Ok(clean);
                }
            }
            self.publish(c)?;
        }
        Ok(false)
    }

    /// Handles one message; `Some(clean)` once the session is over.
    fn handle(&mut self, c: &Connection, msg: Message) -> anyhow::Result<Option<bool>> {
        match msg {
            Message::Request(r) => {
                if c.handle_shutdown(&r)? {
                    return Ok(Some(true));
                }
                // A request is answered from the buffers as they are now.
                self.publish(c)?;
                let resp = self.request(r);
                c.sender.send(resp.into())?;
            }
            Message::Notification(n) if n.method == notif::Exit::METHOD => return Ok(Some(false)),
            Message::Notification(n) => self.notification(n),
            Message::Response(_) => {}
        }
        Ok(None)
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notif::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.edit(d.uri, Some(d.text));
                }
            }
            notif::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    // Full synchronisation: the last change holds the whole text.
                    let text = p.content_changes.into_iter().last().map(|c| c.text);
                    if text.is_some() {
                        self.edit(p.text_document.uri, text);
                    }
                }
            }
            notif::DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    self.edit(p.text_document.uri, p.text);
                }
            }
            notif::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params)
                    && let Some((root, rel)) = self.locate(&p.text_document.uri)
                    && let Some(s) = self.sessions.get_mut(&root)
                    && s.close(&rel)
                {
                    self.dirty.insert(root);
                }
            }
            _ => {}
        }
    }

    /// The file at `uri` now reads `text` in the editor (`None`: as on disk, re-read).
    fn edit(&mut self, uri: Uri, text: Option<String>) {
        let Some(path) = file_path(&uri) else {
            return;
        };
        let Some((root, rel)) = self.locate(&uri) else {
            return;
        };
        self.uris.insert(path, uri);
        let changed = match (self.sessions.get_mut(&root), text) {
            (Some(s), Some(text)) => s.edit(&rel, &text),
            // Saved without its text: the disk may hold what another program wrote.
            _ => true,
        };
        if changed {
            self.dirty.insert(root);
        }
    }

    /// The dossier holding the file at `uri` (its session opened on first use) and the
    /// file's path in it.
    fn locate(&mut self, uri: &Uri) -> Option<(PathBuf, String)> {
        let path = file_path(uri)?;
        let known = self.sessions.keys().find(|r| path.starts_with(r)).cloned();
        let root = match known {
            Some(r) => r,
            None => {
                let r = crate::ops::scope::find_root(&path)?;
                self.sessions.insert(r.clone(), Session::new(r.clone()));
                self.dirty.insert(r.clone());
                r
            }
        };
        let rel = self.sessions.get(&root)?.rel(&path)?;
        Some((root, rel))
    }

    /// Checks each changed dossier and publishes the findings of its files.
    fn publish(&mut self, c: &Connection) -> anyhow::Result<()> {
        for root in std::mem::take(&mut self.dirty) {
            let Some(s) = self.sessions.get_mut(&root) else {
                continue;
            };
            for (rel, found) in s.check() {
                let path = root.join(&rel);
                let Some(uri) = self.uris.get(&path).cloned().or_else(|| file_uri(&path)) else {
                    continue;
                };
                let src = s.ws.as_ref().and_then(|w| w.dossier.sources.get(&rel));
                let diagnostics = found.iter().map(|d| diagnostic(d, src, &uri)).collect();
                let params = PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version: None,
                };
                let n = Notification::new(notif::PublishDiagnostics::METHOD.to_string(), params);
                c.sender.send(n.into())?;
            }
        }
        Ok(())
    }

    fn request(&mut self, r: Request) -> Response {
        let id = r.id.clone();
        let method = r.method.clone();
        let result = match method.as_str() {
            req::Completion::METHOD => parse(r, |p: CompletionParams| {
                let at = p.text_document_position;
                serde_json::to_value(self.completion(&at.text_document.uri, at.position))
            }),
            req::HoverRequest::METHOD => parse(r, |p: HoverParams| {
                let at = p.text_document_position_params;
                serde_json::to_value(self.hover(&at.text_document.uri, at.position))
            }),
            req::CodeActionRequest::METHOD => parse(r, |p: CodeActionParams| {
                serde_json::to_value(code_actions(p))
            }),
            _ => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("méthode non prise en charge\u{a0}: {method}"),
                );
            }
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => error(id, e),
        }
    }

    /// The session, file path and editor text of `uri`, with the byte at `pos`.
    fn at(&mut self, uri: &Uri, pos: Position) -> Option<(&Session, String, String, usize)> {
        let (root, rel) = self.locate(uri)?;
        let s = self.sessions.get(&root)?;
        let text = s.text(&rel)?;
        let at = position::offset(&text, point(pos));
        Some((s, rel, text, at))
    }

    fn completion(&mut self, uri: &Uri, pos: Position) -> Option<CompletionResponse> {
        let (s, rel, text, at) = self.at(uri, pos)?;
        let ws = s.ws.as_ref()?;
        let items = complete::complete(ws, &rel, &text, at);
        let end = protocol(position::point(&text, at));
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, it)| CompletionItem {
                kind: Some(match it.sorte {
                    complete::Sorte::Champ => CompletionItemKind::FIELD,
                    complete::Sorte::Valeur => CompletionItemKind::ENUM_MEMBER,
                    complete::Sorte::Exigence => CompletionItemKind::REFERENCE,
                    complete::Sorte::Fichier => CompletionItemKind::FILE,
                    complete::Sorte::Titre => CompletionItemKind::KEYWORD,
                }),
                detail: it.detail,
                documentation: it
                    .documentation
                    .map(markdown)
                    .map(Documentation::MarkupContent),
                sort_text: Some(format!("{i:04}")),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: Range {
                        start: protocol(position::point(&text, it.from.min(at))),
                        end,
                    },
                    new_text: it.insert,
                })),
                label: it.label,
                ..Default::default()
            })
            .collect();
        Some(CompletionResponse::Array(items))
    }

    fn hover(&mut self, uri: &Uri, pos: Position) -> Option<Hover> {
        let (s, rel, text, at) = self.at(uri, pos)?;
        let ws = s.ws.as_ref()?;
        let mut parts = Vec::new();
        if let Some((word, range)) = context::word(&text, at) {
            if let Some((c, e)) = ws.edition.exigence(word) {
                parts.push(hover::requirement(c, e));
            } else if let Some(schema) = fields::schema_name(&rel)
                && let context::Place::Key { mut path, .. } =
                    context::place(&text, range.end, schema == "ldm.toml")
            {
                path.push(word.to_string());
                let path: Vec<&str> = path.iter().map(String::as_str).collect();
                if let Some(f) = fields::field(schema, &path)
                    && let Some(d) = f.description
                {
                    parts.push(hover::field(&f.name, &d));
                }
            }
        }
        // The rules of the findings under the cursor.
        let here = position::point(&text, at);
        let src = ws.dossier.sources.get(&rel);
        let mut rules = Vec::new();
        for d in s.findings.get(&rel).into_iter().flatten() {
            let (start, end) = src.map_or((here, here), |src| position::span(src, d.pos));
            if start <= here && here <= end && !rules.contains(&d.rule) {
                rules.push(d.rule);
            }
        }
        parts.extend(rules.into_iter().map(hover::rule));
        (!parts.is_empty()).then(|| Hover {
            contents: HoverContents::Markup(markdown(parts.join("\n\n---\n\n"))),
            range: None,
        })
    }
}

/// A finding as the protocol carries it: the rule's name as its code, the help after the
/// message, and the edit of its « vouliez-vous dire » suggestion in `data`.
fn diagnostic(d: &ldm::Diagnostic, src: Option<&crate::source::Source>, uri: &Uri) -> Diagnostic {
    let (start, end) = src.map_or((Point::default(), Point::default()), |s| {
        let (start, end) = position::span(s, d.pos);
        (start, quoted_end(&s.text, start).unwrap_or(end))
    });
    let message = match &d.help {
        Some(h) => format!("{}\naide\u{a0}: {h}", d.message),
        None => d.message.clone(),
    };
    let data = d.help.as_deref().and_then(fix::suggestion).and_then(|s| {
        let src = src?;
        let spot = &src.text[position::offset(&src.text, start)..position::offset(&src.text, end)];
        Some(serde_json::json!({ "remplacement": fix::replacement(spot, s) }))
    });
    Diagnostic {
        range: Range {
            start: protocol(start),
            end: protocol(end),
        },
        severity: Some(match d.severity {
            Severity::Erreur => DiagnosticSeverity::ERROR,
            Severity::Avertissement => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.name().to_string())),
        source: Some("ldm".to_string()),
        message,
        data,
        related_information: related(d, src, uri),
        ..Default::default()
    }
}

/// The finding's second place (where the parser noticed an unclosed quote, say), in the
/// same file, for the editor to link.
fn related(
    d: &ldm::Diagnostic,
    src: Option<&crate::source::Source>,
    uri: &Uri,
) -> Option<Vec<DiagnosticRelatedInformation>> {
    let (sec, src) = (d.secondary.as_ref()?, src?);
    let (start, end) = position::span(src, Some(sec.pos));
    Some(vec![DiagnosticRelatedInformation {
        location: Location {
            uri: uri.clone(),
            range: Range {
                start: protocol(start),
                end: protocol(end),
            },
        },
        message: sec.message.clone(),
    }])
}

/// The end of the quoted value starting at `start`, closing quote included: a spot
/// that starts at a quote covers the whole value, so its fix keeps both quotes.
fn quoted_end(text: &str, start: Point) -> Option<Point> {
    let at = position::offset(text, start);
    let q = text[at..]
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let rest = &text[at + 1..];
    let close = rest[..rest.find('\n').unwrap_or(rest.len())].find(q)?;
    Some(position::point(text, at + 1 + close + 1))
}

/// One quick fix per finding the client names that carries a suggestion.
// `WorkspaceEdit` keys its changes by `Uri`, whose parsed form caches in a `Cell`; its
// hash and equality read only the string, so the key never changes under the map.
#[allow(clippy::mutable_key_type)]
fn code_actions(p: CodeActionParams) -> Vec<CodeActionOrCommand> {
    p.context
        .diagnostics
        .into_iter()
        .filter_map(|d| {
            let new_text = d.data.as_ref()?.get("remplacement")?.as_str()?.to_string();
            let edit = TextEdit {
                range: d.range,
                new_text: new_text.clone(),
            };
            let changes = HashMap::from([(p.text_document.uri.clone(), vec![edit])]);
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Remplacer par « {new_text} »"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![d]),
                edit: Some(WorkspaceEdit::new(changes)),
                is_preferred: Some(true),
                ..Default::default()
            }))
        })
        .collect()
}

fn parse<P: serde::de::DeserializeOwned>(
    r: Request,
    answer: impl FnOnce(P) -> serde_json::Result<serde_json::Value>,
) -> serde_json::Result<serde_json::Value> {
    answer(serde_json::from_value(r.params)?)
}

fn error(id: RequestId, e: serde_json::Error) -> Response {
    Response::new_err(
        id,
        lsp_server::ErrorCode::InvalidParams as i32,
        format!("paramètres illisibles\u{a0}: {e}"),
    )
}

fn markdown(value: String) -> MarkupContent {
    MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    }
}

fn point(p: Position) -> Point {
    Point {
        line: p.line,
        character: p.character,
    }
}

fn protocol(p: Point) -> Position {
    Position::new(p.line, p.character)
}

/// The file a `file:` address names.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

fn file_uri(path: &Path) -> Option<Uri> {
    Uri::from_str(url::Url::from_file_path(path).ok()?.as_str()).ok()
}
