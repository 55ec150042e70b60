//! The file watcher: notify's debounced events on the dossier's folder, and one new
//! check for each burst of saves.

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer,
};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// How long a file must stay quiet before its change counts: an editor's save (truncate,
/// write, rename) is one change, and the page still follows within 300 ms. (The full
/// debouncer, not the mini one: it keeps each event's kind, and the opening and reading
/// of files by the check itself must not count as changes, or the check would run for
/// ever.)
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Watches `root` (an absolute path) and calls `changed` once per burst of changes in
/// the dossier (its `annexe/` output and `.git` left out). Changes that come while
/// `changed` runs are answered together by the next call. Watching stops when the
/// returned value is dropped.
pub fn watch(
    root: &Path,
    changed: impl Fn() + Send + 'static,
) -> notify_debouncer_full::notify::Result<Debouncer<RecommendedWatcher, RecommendedCache>> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)?;
    debouncer.watch(root, RecursiveMode::Recursive)?;
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut relevant = concerns(&root, &first);
            while let Ok(more) = rx.try_recv() {
                relevant |= concerns(&root, &more);
            }
            if relevant {
                changed();
            }
        }
    });
    Ok(debouncer)
}

/// Whether a batch of events touches the dossier; an error of the watcher (events
/// lost) counts, so the page is never left behind.
fn concerns(root: &Path, batch: &DebounceEventResult) -> bool {
    match batch {
        Ok(events) => events
            .iter()
            .any(|e| changes(e) && e.event.paths.iter().any(|p| in_dossier(root, p))),
        Err(_) => true,
    }
}

/// Whether an event may change a file: not a mere opening or reading (ldm's own check
/// opens every file), but a file closed after writing is.
fn changes(e: &DebouncedEvent) -> bool {
    match e.event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether `path` is part of the dossier: not ldm's own output (`annexe/`), not git's
/// bookkeeping.
fn in_dossier(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .next()
        .is_none_or(|c| c.as_os_str() != ".git" && c.as_os_str() != "annexe")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_file_is_not_changing_it() {
        use notify_debouncer_full::notify::Event;
        let event = |kind| DebouncedEvent::new(Event::new(kind), std::time::Instant::now());
        let read = AccessKind::Open(AccessMode::Any);
        assert!(!changes(&event(EventKind::Access(read))));
        assert!(changes(&event(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        )))));
        assert!(changes(&event(EventKind::Modify(
            notify_debouncer_full::notify::event::ModifyKind::Any
        ))));
    }

    #[test]
    fn output_and_git_are_not_the_dossier() {
        let root = Path::new("/d");
        assert!(in_dossier(root, Path::new("/d/criteres/1-a/actions/x.md")));
        assert!(in_dossier(root, Path::new("/d/ldm.toml")));
        assert!(!in_dossier(root, Path::new("/d/annexe/annexe.html")));
        assert!(!in_dossier(root, Path::new("/d/.git/index")));
    }
}
