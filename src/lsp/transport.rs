//! The stdio transport of `ldm lsp`. lsp-server's own reads a header's `Content-Length`
//! and allocates that much before reading, so one broken header (`Content-Length:
//! 99999999999999`) aborted ldm; this one bounds header lines and bodies first.

use lsp_server::{Connection, Message};
use std::io::{self, BufRead, Read, Write};
use std::thread::{self, JoinHandle};

/// The largest message body accepted: far above any dossier file an editor sends.
pub const MAX_MESSAGE: u64 = 64 << 20;
/// The longest header line accepted (headers are `Content-Length` and `Content-Type`).
const MAX_HEADER_LINE: u64 = 8 << 10;

#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error(
        "message de l'éditeur refusé : son en-tête annonce « Content-Length: {0} », au-delà de la limite de 64 Mio ; ldm lsp s'arrête"
    )]
    TooBig(String),
    #[error("message de l'éditeur illisible ({0}) ; ldm lsp s'arrête")]
    Malformed(String),
    #[error("lecture impossible de l'entrée standard : {0}")]
    Io(#[from] io::Error),
}

/// One message's body, or `None` at the end of the input.
pub fn read_frame(r: &mut impl BufRead) -> Result<Option<Vec<u8>>, FrameError> {
    let mut size = None;
    loop {
        let mut line = Vec::new();
        r.by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if line.is_empty() {
            return Ok(None);
        }
        let Some(line) = line.strip_suffix(b"\r\n") else {
            return Err(FrameError::Malformed("en-tête sans fin de ligne".into()));
        };
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(line);
        let Some((name, value)) = line.split_once(": ") else {
            return Err(FrameError::Malformed(format!(
                "en-tête « {} »",
                visible(&line)
            )));
        };
        if name.eq_ignore_ascii_case("Content-Length") {
            let value = value.trim();
            match value.parse::<u64>() {
                Ok(n) if n <= MAX_MESSAGE => size = Some(n),
                Ok(_) => return Err(FrameError::TooBig(value.to_string())),
                Err(_) if value.bytes().all(|b| b.is_ascii_digit()) && !value.is_empty() => {
                    return Err(FrameError::TooBig(value.to_string()));
                }
                Err(_) => {
                    return Err(FrameError::Malformed(format!(
                        "Content-Length « {} »",
                        visible(value)
                    )));
                }
            }
        }
    }
    let size = size.ok_or_else(|| FrameError::Malformed("pas de Content-Length".into()))?;
    let mut body = Vec::new();
    r.by_ref().take(size).read_to_end(&mut body)?;
    if body.len() as u64 != size {
        return Err(FrameError::Malformed("message tronqué".into()));
    }
    Ok(Some(body))
}

/// A header shown in a message: at most 80 characters, control characters visible.
fn visible(text: &str) -> String {
    crate::text::visible(&text.chars().take(80).collect::<String>()).into_owned()
}

/// The threads that carry messages between stdio and the server's [`Connection`].
pub struct Transport {
    reader: JoinHandle<Result<(), FrameError>>,
    writer: JoinHandle<io::Result<()>>,
}

/// A connection over stdin and stdout, its input read by [`read_frame`].
pub fn stdio() -> (Connection, Transport) {
    let (server, client) = Connection::memory();
    let Connection { sender, receiver } = client;
    let reader = thread::spawn(move || {
        let mut stdin = io::stdin().lock();
        while let Some(body) = read_frame(&mut stdin)? {
            let msg: Message = serde_json::from_slice(&body)
                .map_err(|e| FrameError::Malformed(format!("JSON invalide : {e}")))?;
            let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
            if sender.send(msg).is_err() || exit {
                break;
            }
        }
        Ok(())
    });
    let writer = thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        for msg in receiver {
            msg.write(&mut stdout)?;
        }
        stdout.flush()
    });
    (server, Transport { reader, writer })
}

impl Transport {
    /// Waits for both threads (the server's connection must be dropped first): what
    /// the reader refused, and how the writing ended.
    pub fn join(self) -> (Result<(), FrameError>, io::Result<()>) {
        let lost = || io::Error::other("thread interrompu");
        let read = self.reader.join().unwrap_or_else(|_| Err(lost().into()));
        let write = self.writer.join().unwrap_or_else(|_| Err(lost()));
        (read, write)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(input: &str) -> Result<Option<Vec<u8>>, FrameError> {
        read_frame(&mut io::Cursor::new(input.as_bytes().to_vec()))
    }

    #[test]
    fn a_huge_content_length_is_refused_before_any_allocation() {
        let err = frame("Content-Length: 99999999999999\r\n\r\n{}").unwrap_err();
        assert!(matches!(err, FrameError::TooBig(_)), "{err}");
        assert!(err.to_string().contains("99999999999999"));
        let err = frame("Content-Length: 999999999999999999999999\r\n\r\n").unwrap_err();
        assert!(matches!(err, FrameError::TooBig(_)), "{err}");
    }

    #[test]
    fn frames_are_read_and_broken_ones_refused() {
        assert_eq!(
            frame("Content-Length: 2\r\n\r\n{}").unwrap(),
            Some(b"{}".to_vec())
        );
        assert_eq!(frame("").unwrap(), None);
        assert!(frame("Content-Length: 5\r\n\r\n{}").is_err());
        assert!(frame("Content-Length: x\r\n\r\n").is_err());
        assert!(frame(&"a".repeat(10_000)).is_err());
    }
}
