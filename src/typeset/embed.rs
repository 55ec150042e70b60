//! What an evidence file can be placed in a PDF as — a picture or a PDF's pages — checked
//! before typesetting, so a broken, protected, unknown or oversized file is named in the
//! document instead of failing the whole of it. The bounds (`crate::bounds`) are checked
//! on the bytes before typst's decoders or the PDF reader see them.

use std::sync::Arc;
use typst::foundations::{Bytes, Smart};
use typst::visualize::{ImageFormat, RasterImage, SvgImage, VectorFormat};

/// How a file enters a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embed {
    /// PNG, JPEG, GIF, WebP or SVG, placed whole.
    Picture,
    /// A PDF, placed page by page; `v2` when it is a PDF 2.0 file, which only a PDF 2.0
    /// document may embed.
    Pages { count: usize, v2: bool },
}

/// Why a file is not placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It cannot be read (completes « Lecture impossible : »).
    Unreadable(&'static str),
    /// It is over a bound of `crate::bounds`.
    Excess(crate::bounds::Excess),
}

impl Refusal {
    /// The sentence the document shows in the file's place.
    pub fn note(&self) -> String {
        match self {
            Refusal::Unreadable(why) => format!("Lecture impossible : {why}."),
            Refusal::Excess(e) => format!(
                "Preuve {} ; le fichier est entier dans l'archive des preuves.",
                e.sentence()
            ),
        }
    }
}

/// What `bytes` can be placed as, or why not.
pub fn probe(bytes: &[u8]) -> Result<Embed, Refusal> {
    const BROKEN: &str = "l'image est abîmée ou d'un format non pris en charge";
    if let Some(excess) = crate::bounds::assess_placed(bytes) {
        return Err(Refusal::Excess(excess));
    }
    let found = match ImageFormat::detect(bytes) {
        Some(ImageFormat::Raster(format)) => {
            RasterImage::new(Bytes::new(bytes.to_vec()), format, Smart::Auto)
                .map(|_| Embed::Picture)
                .map_err(|_| BROKEN)
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => SvgImage::new(Bytes::new(bytes.to_vec()))
            .map(|_| Embed::Picture)
            .map_err(|_| BROKEN),
        Some(ImageFormat::Vector(VectorFormat::Pdf)) => pdf_pages(bytes),
        None => Err("ce format ne se place pas dans un PDF"),
    };
    found.map_err(Refusal::Unreadable)
}

fn pdf_pages(bytes: &[u8]) -> Result<Embed, &'static str> {
    use hayro_syntax::{Pdf, PdfVersion};
    let pdf = Pdf::new(Arc::new(bytes.to_vec()))
        .map_err(|_| "le PDF est abîmé ou protégé par un mot de passe")?;
    match pdf.pages().len() {
        0 => Err("le PDF n'a aucune page"),
        count => Ok(Embed::Pages {
            count,
            v2: pdf.version() > PdfVersion::Pdf17,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_broken_files_are_refused_in_french() {
        assert!(
            probe(b"PK\x03\x04 un classeur")
                .unwrap_err()
                .note()
                .contains("format")
        );
        assert!(
            probe(b"\x89PNG\r\n\x1a\n tronque")
                .unwrap_err()
                .note()
                .contains("abîmée")
        );
        assert!(
            probe(b"%PDF-1.7\n rien")
                .unwrap_err()
                .note()
                .contains("PDF")
        );
    }

    #[test]
    fn a_picture_over_the_bound_is_refused_before_decoding() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&60_000u32.to_be_bytes());
        png.extend_from_slice(&60_000u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        let why = probe(&png).unwrap_err().note();
        assert!(
            why.starts_with(
                "Preuve trop grande pour être reproduite : 60\u{202f}000 × 60\u{202f}000 pixels"
            ),
            "{why}"
        );
    }
}
