//! The evidence annex as PDF: the document of `document.rs` with pictures and PDF pages
//! placed, each with its alternative text, within bounds of bytes and pixels per
//! document. Files are read through the dossier's file source only.

use super::content::{self, Content, note};
use super::document::document;
use crate::doc::{Block, Picture};
use crate::model::Dossier;
use crate::render::view::{Annexe, Preuve};
use crate::typeset::embed::{self, Embed};
use crate::typeset::{Date, PdfError, Standard};
use crate::vfs::{Kind, MAX_EVIDENCE};
use std::sync::Arc;

/// Pages of one PDF evidence reproduced; the rest is read in the evidence archive.
const MAX_PAGES: usize = 60;
/// Bytes of pictures and PDFs placed in one document; beyond, files are only named, so a
/// dossier of many scans cannot exhaust memory.
const MAX_PLACED: u64 = 256 * 1024 * 1024;
/// Pixels of the pictures placed in one document, each bounded by `bounds::MAX_PIXELS`:
/// their decoded forms may all be alive at once.
const MAX_PLACED_PIXELS: u64 = 4 * crate::bounds::MAX_PIXELS;

/// The evidence annex as PDF bytes: accessible (PDF/UA-1) unless pages of a PDF evidence
/// are reproduced, which PDF/UA-1 cannot hold. When the engine refuses a placed file
/// that passed the probe, the document is made again with every file named instead.
pub fn pdf(d: &Dossier, a: &Annexe, date: Option<Date>) -> Result<Vec<u8>, PdfError> {
    let mut placer = Placer {
        d,
        budget: MAX_PLACED,
        pixels: MAX_PLACED_PIXELS,
        v2: false,
        pages: false,
        placed: false,
    };
    let doc = document(d, a, &mut |p, name| placer.place(p, name));
    let standard = if placer.pages {
        Standard::Tagged { v2: placer.v2 }
    } else {
        Standard::Accessible
    };
    match crate::doc::typst::pdf_as(&doc, date, standard) {
        Err(_) if placer.placed => crate::doc::typst::pdf(&document(d, a, &mut |_, _| None), date),
        result => result,
    }
}

/// What has been placed so far, and what may still be.
struct Placer<'a> {
    d: &'a Dossier,
    /// Bytes still allowed to be placed.
    budget: u64,
    /// Pixels still allowed to be placed.
    pixels: u64,
    /// A PDF 2.0 evidence is placed: the document is written as PDF 2.0 too.
    v2: bool,
    /// Pages of a PDF evidence are reproduced.
    pages: bool,
    /// Some file is placed.
    placed: bool,
}

impl Placer<'_> {
    /// A picture or a PDF's pages in evidence `p`'s place, or a note saying why not;
    /// `None` for a file that is not placed (Markdown, CSV…).
    fn place(&mut self, p: &Preuve, name: &str) -> Option<Vec<Block>> {
        if !is_placeable(&p.chemin) {
            return None;
        }
        let size = match self.d.preuves.get(&p.chemin) {
            Some(Kind::File { size }) => *size,
            _ => return Some(Content::Unreadable(ABSENT.to_string()).blocks()),
        };
        if size > self.budget.min(MAX_EVIDENCE) {
            return Some(Content::Other(size).blocks());
        }
        let bytes = match self.d.files.read_up_to(&p.chemin, MAX_EVIDENCE) {
            Ok(b) => b,
            Err(e) => return Some(Content::Unreadable(e.to_string()).blocks()),
        };
        let kind = match embed::probe(&bytes) {
            Ok(k) => k,
            Err(why) => return Some(vec![note(&why.note())]),
        };
        let pixels = crate::bounds::pixels(&bytes).unwrap_or(0);
        if pixels > self.pixels {
            return Some(Content::Other(size).blocks());
        }
        self.pixels -= pixels;
        self.budget -= size;
        self.placed = true;
        let picture = Picture {
            name: format!("preuve-{}", p.numero),
            bytes: Arc::from(bytes),
            page: None,
            caption: String::new(),
            alt: format!("Preuve {} : {name}", p.numero),
        };
        Some(match kind {
            Embed::Picture => vec![Block::Picture(picture)],
            Embed::Pages { count, v2 } => {
                self.v2 |= v2;
                self.pages = true;
                pages(&picture, count)
            }
        })
    }
}

const ABSENT: &str = "absent du dossier ou hors du dossier";

/// A PDF's first pages, each under « page n / N », after a note saying how many there are.
fn pages(p: &Picture, count: usize) -> Vec<Block> {
    let shown = count.min(MAX_PAGES);
    let plural = if count > 1 { "s" } else { "" };
    let mut intro = format!("Document PDF de {count} page{plural}");
    if shown < count {
        intro.push_str(&format!(
            " ; les {shown} premières sont reproduites, la suite est dans l'archive des preuves"
        ));
    }
    let mut out = vec![note(&format!("{intro}."))];
    out.extend((1..=shown).map(|n| {
        Block::Picture(Picture {
            page: Some(n),
            caption: format!("page {n} / {count}"),
            alt: format!("{}, page {n} / {count}", p.alt),
            ..p.clone()
        })
    }));
    out
}

fn is_placeable(chemin: &str) -> bool {
    matches!(
        content::extension(chemin).as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "pdf"
    )
}
