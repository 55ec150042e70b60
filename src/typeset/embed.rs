//! What an evidence file can be placed in a PDF as — a picture or a PDF's pages — checked
//! before typesetting, so a broken, protected or unknown file is named in the document
//! instead of failing the whole of it.

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

/// Why a file cannot be placed, in French (completes « Lecture impossible : »).
pub type Refusal = &'static str;

/// What `bytes` can be placed as, or why not.
pub fn probe(bytes: &[u8]) -> Result<Embed, Refusal> {
    const BROKEN: Refusal = "l'image est abîmée ou d'un format non pris en charge";
    match ImageFormat::detect(bytes) {
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
    }
}

fn pdf_pages(bytes: &[u8]) -> Result<Embed, Refusal> {
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
                .contains("format")
        );
        assert!(
            probe(b"\x89PNG\r\n\x1a\n tronque")
                .unwrap_err()
                .contains("abîmée")
        );
        assert!(probe(b"%PDF-1.7\n rien").unwrap_err().contains("PDF"));
    }
}
