//! Server-sent events: every open page receives each update of the dossier.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};

/// Most pages listening at once: each holds a thread, so a runaway script cannot pile
/// them up.
pub const MAX_CLIENTS: usize = 32;

/// The pages listening, each through a channel to the thread writing its stream.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Arc<str>>>>,
}

impl Hub {
    /// A new listener; `None` when too many pages already listen.
    pub fn subscribe(&self) -> Option<Receiver<Arc<str>>> {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        if clients.len() >= MAX_CLIENTS {
            return None;
        }
        let (tx, rx) = mpsc::channel();
        clients.push(tx);
        Some(rx)
    }

    /// Sends an event to every listener; those gone (page closed) are dropped.
    pub fn publish(&self, event: &str) {
        let event: Arc<str> = Arc::from(event);
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        clients.retain(|tx| tx.send(event.clone()).is_ok());
    }
}

/// An event of the stream: its name, then its data, one `data:` line per line.
pub fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_reach_listeners_and_closed_pages_are_dropped() {
        let hub = Hub::default();
        let a = hub.subscribe().unwrap();
        let b = hub.subscribe().unwrap();
        drop(b);
        hub.publish("x");
        assert_eq!(&*a.recv().unwrap(), "x");
        assert_eq!(hub.clients.lock().unwrap().len(), 1);
        assert_eq!(
            event("etat", "{}\n{}"),
            "event: etat\ndata: {}\ndata: {}\n\n"
        );
    }

    #[test]
    fn listeners_are_bounded() {
        let hub = Hub::default();
        let held: Vec<_> = (0..MAX_CLIENTS).map(|_| hub.subscribe().unwrap()).collect();
        assert!(hub.subscribe().is_none());
        drop(held);
        hub.publish("x");
        assert!(hub.subscribe().is_some());
    }
}
