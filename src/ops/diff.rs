//! `diff`'s request decided once: which two dossiers (two folders, or one or two git
//! revisions of a dossier, the second by default the files as they are), each loaded as a
//! `Workspace`, compared, and written in the format chosen.

use super::bytes::{Bytes, Stamp};
use super::output::Kind;
use crate::diff::{self, Diff, Input};
use crate::workspace::Workspace;
use std::path::{Path, PathBuf};

/// The two dossiers compared, the previous one first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sides {
    /// Two folders, each a dossier or a folder inside one.
    Folders(PathBuf, PathBuf),
    /// The dossier holding `dossier` at revision `old`, and at `new` (else its files as
    /// they are).
    Git {
        dossier: PathBuf,
        old: String,
        new: Option<String>,
    },
}

/// The sentence for any other count of folders and revisions.
pub const USAGE: &str = "indiquez deux dossiers (« ldm diff ANCIEN NOUVEAU ») ou une ou deux révisions git (« ldm diff --git v2021 »)";

/// The two sides from what the command line names: two folders, or one or two revisions
/// of the dossier holding `dossier`; anything else is `USAGE`.
pub fn sides(folders: &[PathBuf], revs: &[String], dossier: &Path) -> anyhow::Result<Sides> {
    let git = |old: &String, new: Option<&String>| Sides::Git {
        dossier: super::scope::dossier_root(dossier),
        old: old.clone(),
        new: new.cloned(),
    };
    match (revs, folders) {
        ([old], []) => Ok(git(old, None)),
        ([old, new], []) => Ok(git(old, Some(new))),
        ([], [old, new]) => Ok(Sides::Folders(old.clone(), new.clone())),
        _ => anyhow::bail!(USAGE),
    }
}

/// A dossier loaded for the comparison, with how the comparison names it.
struct Side {
    source: String,
    ws: Workspace,
}

fn folder(p: &Path) -> anyhow::Result<Side> {
    let root = super::scope::dossier_root(p);
    Ok(Side {
        source: crate::fsutil::shown(&root),
        ws: Workspace::load(&root)?,
    })
}

fn revision(root: &Path, rev: &str) -> anyhow::Result<Side> {
    Ok(Side {
        source: format!("{rev} (git)"),
        ws: super::revision::workspace(root, rev)?,
    })
}

/// Both dossiers loaded and compared.
pub fn compare(sides: &Sides) -> anyhow::Result<Diff> {
    let (old, new) = match sides {
        Sides::Folders(old, new) => (folder(old)?, folder(new)?),
        Sides::Git { dossier, old, new } => (
            revision(dossier, old)?,
            match new {
                Some(rev) => revision(dossier, rev)?,
                None => Side {
                    source: "fichiers actuels".into(),
                    ..folder(dossier)?
                },
            },
        ),
    };
    Ok(diff::compare(&old.input(), &new.input()))
}

impl Side {
    fn input(&self) -> Input<'_> {
        Input {
            source: self.source.clone(),
            dossier: &self.ws.dossier,
            edition: &self.ws.edition,
        }
    }
}

/// The comparison in `kind`: the text documents (`ops::document`, `color` for a
/// terminal) or the document model's PDF and Word.
pub fn write(d: &Diff, kind: Kind, color: bool, stamp: &Stamp) -> anyhow::Result<Bytes> {
    if matches!(kind, Kind::Pdf | Kind::Docx) {
        let doc = diff::document::document(d);
        return super::bytes::of_document(&doc, kind, stamp, "la comparaison");
    }
    let text = super::document::text(super::document::Report::Diff(d), kind, color)?;
    Ok(Bytes {
        kind,
        bytes: text.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_folders_or_one_or_two_revisions_and_nothing_else() {
        let p = |s: &str| PathBuf::from(s);
        let r = |s: &str| s.to_string();
        let here = Path::new("/nonexistent-ldm-test");
        assert_eq!(
            sides(&[p("a"), p("b")], &[], here).unwrap(),
            Sides::Folders(p("a"), p("b"))
        );
        let git = sides(&[], &[r("v1")], here).unwrap();
        assert!(matches!(git, Sides::Git { ref old, new: None, .. } if old == "v1"));
        let two = sides(&[], &[r("v1"), r("v2")], here).unwrap();
        assert!(matches!(two, Sides::Git { new: Some(ref n), .. } if n == "v2"));
        for (folders, revs) in [
            (vec![p("a")], vec![]),
            (vec![], vec![]),
            (vec![p("a")], vec![r("v1")]),
        ] {
            let e = sides(&folders, &revs, here).unwrap_err();
            assert_eq!(e.to_string(), USAGE);
        }
    }
}
