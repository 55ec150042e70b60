//! A picture's size read from its header (PNG, JPEG, GIF, WebP), before any decoding.

use super::{Excess, MAX_PIXELS};

/// `Some` when the header declares more than `MAX_PIXELS`; an unreadable header is left
/// to the decoder, which refuses it without allocating for it.
pub fn pixels(bytes: &[u8]) -> Option<Excess> {
    let size = imagesize::blob_size(bytes).ok()?;
    over(size.width as u64, size.height as u64)
}

/// `Some` when `width × height` is more than `MAX_PIXELS`.
pub fn over(width: u64, height: u64) -> Option<Excess> {
    (width.saturating_mul(height) > MAX_PIXELS).then_some(Excess::Pixels { width, height })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of one IHDR chunk declaring `w × h` (no pixel data: the header is enough).
    pub fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn a_header_over_fifty_megapixels_is_refused_before_decoding() {
        assert_eq!(
            pixels(&png_header(60_000, 60_000)),
            Some(Excess::Pixels {
                width: 60_000,
                height: 60_000
            })
        );
        assert_eq!(pixels(&png_header(4_000, 3_000)), None);
        assert_eq!(pixels(b"pas une image"), None);
    }
}
