//! What one client of `ldm serve` may hold: every write to a connection gives up after
//! [`WRITE_TIMEOUT`], answers are written off the server's loop, and a client keeps at
//! most [`MAX_PER_CONNECTION`] answers in flight on one connection and
//! [`MAX_PER_CLIENT`] in all. A client that sends requests and never reads the answers
//! then stalls only itself, never the other pages.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long a write to a client may wait for it to read.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
/// Answers being written on one connection (a browser has one at a time).
pub const MAX_PER_CONNECTION: usize = 4;
/// Answers being written to one address (every local client is 127.0.0.1; a browser
/// opens at most six connections to a host).
pub const MAX_PER_CLIENT: usize = 32;

/// A listener on 127.0.0.1 whose accepted connections time out their writes: the
/// timeout is set on the listening socket, which connections inherit (Linux, the BSDs
/// and macOS); tiny_http gives no other access to its sockets.
pub fn listener(port: u16) -> io::Result<TcpListener> {
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    #[cfg(unix)]
    send_timeout(&listener, WRITE_TIMEOUT)?;
    Ok(listener)
}

#[cfg(unix)]
fn send_timeout(listener: &TcpListener, limit: Duration) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let tv = libc::timeval {
        tv_sec: limit.as_secs() as libc::time_t,
        tv_usec: limit.subsec_micros() as libc::suseconds_t,
    };
    // SAFETY: a valid socket descriptor, and a `timeval` of the size given.
    let rc = unsafe {
        libc::setsockopt(
            listener.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_SNDTIMEO,
            (&raw const tv).cast(),
            std::mem::size_of::<libc::timeval>() as libc::socklen_t,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// The answers in flight, by connection and by client address.
#[derive(Default)]
pub struct InFlight {
    counts: Mutex<(HashMap<SocketAddr, usize>, HashMap<IpAddr, usize>)>,
}

/// One answer in flight: its place is given back when dropped.
pub struct Slot {
    owner: Arc<InFlight>,
    addr: SocketAddr,
}

impl InFlight {
    /// A slot for one more answer to `addr`, or `None` past a cap.
    pub fn take(self: &Arc<Self>, addr: SocketAddr) -> Option<Slot> {
        let mut guard = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        let (conns, clients) = &mut *guard;
        let conn = conns.entry(addr).or_default();
        let client = clients.entry(addr.ip()).or_default();
        if *conn >= MAX_PER_CONNECTION || *client >= MAX_PER_CLIENT {
            return None;
        }
        *conn += 1;
        *client += 1;
        Some(Slot {
            owner: self.clone(),
            addr,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut guard = self
            .owner
            .counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (conns, clients) = &mut *guard;
        // Entries at zero are removed: the maps hold only connections with answers.
        for count in [conns.get_mut(&self.addr), clients.get_mut(&self.addr.ip())]
            .into_iter()
            .flatten()
        {
            *count = count.saturating_sub(1);
        }
        conns.retain(|_, n| *n > 0);
        clients.retain(|_, n| *n > 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_and_a_client_hold_a_bounded_number_of_answers() {
        let flight = Arc::new(InFlight::default());
        let one: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        let held: Vec<Slot> = (0..MAX_PER_CONNECTION)
            .map(|_| flight.take(one).unwrap())
            .collect();
        assert!(flight.take(one).is_none(), "past the connection's cap");
        drop(held);
        let kept = flight.take(one).expect("places are given back");
        let many: Vec<Slot> = (0..MAX_PER_CLIENT)
            .filter_map(|i| flight.take(SocketAddr::new(one.ip(), 5000 + i as u16)))
            .collect();
        assert_eq!(many.len(), MAX_PER_CLIENT - 1, "one slot already held");
        assert!(flight.take("127.0.0.1:6000".parse().unwrap()).is_none());
        assert!(flight.take("127.0.0.2:6000".parse().unwrap()).is_some());
        drop(kept);
    }

    #[cfg(unix)]
    #[test]
    fn accepted_connections_inherit_the_write_timeout() {
        let l = listener(0).unwrap();
        let _client = std::net::TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (accepted, _) = l.accept().unwrap();
        assert_eq!(accepted.write_timeout().unwrap(), Some(WRITE_TIMEOUT));
    }
}
