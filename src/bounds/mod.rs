//! The bounds every decoder of evidence keeps, checked on the file's bytes before any
//! decoder allocates: a picture's pixel count, a PDF's page tree and inflated size, an
//! SVG's filters and external references, a CSV's rows × columns. `check` and the
//! evidence annex ask here both, so a file the annex will not reproduce is reported at
//! the fiche that cites it.

mod image;
mod pdf;
mod svg;
mod table;

pub use table::{Table, table};

use crate::numfmt::{Unite, with_unit};

/// Pixels of one picture (a 50-megapixel photograph is placed; its decoded form takes
/// 200 MB, so a 60,000 × 60,000 header cannot ask for 14 GB).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Bytes of a PDF's compressed streams once inflated, all together.
pub const MAX_INFLATED: u64 = 256 * 1024 * 1024;
/// Intermediate nodes of a PDF's page tree (its depth is at most their count: the
/// reader walks it recursively). A 10,000-page document needs a few hundred.
pub const MAX_PAGE_NODES: usize = 1_000;
/// Rows of a CSV table reproduced; the whole file stays in the evidence archive.
pub const MAX_ROWS: usize = 500;
/// Columns of a CSV table reproduced.
pub const MAX_COLUMNS: usize = 20;

/// Why an evidence file is not reproduced, or not whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Excess {
    /// A picture, or a picture inside a PDF, of more than `MAX_PIXELS`.
    Pixels { width: u64, height: u64 },
    /// A PDF whose streams inflate past `MAX_INFLATED`.
    Inflated,
    /// A PDF page tree of more than `MAX_PAGE_NODES` nodes.
    PageNodes(usize),
    /// An SVG applying filters (blur, shadow…), whose work grows with their region.
    SvgFilter,
    /// An SVG calling a file or address outside itself.
    SvgExternal(String),
    /// A CSV table cut to `MAX_ROWS` × `MAX_COLUMNS`.
    Cut { rows: usize, columns: usize },
}

impl Excess {
    /// The French sentence that says it, for the document and for `check`; it completes
    /// « la preuve … est » (« trop grande pour être reproduite : … »).
    pub fn sentence(&self) -> String {
        let n = |v: u64| with_unit(v as f64, Unite::Nombre);
        match self {
            Excess::Pixels { width, height } => format!(
                "trop grande pour être reproduite : {} × {} pixels (au plus {} millions)",
                n(*width),
                n(*height),
                MAX_PIXELS / 1_000_000
            ),
            Excess::Inflated => format!(
                "trop grande pour être reproduite : son contenu décompressé dépasse {} Mio",
                MAX_INFLATED / (1024 * 1024)
            ),
            Excess::PageNodes(count) => format!(
                "trop complexe pour être reproduite : {} nœuds dans l'arbre des pages (au plus {})",
                n(*count as u64),
                n(MAX_PAGE_NODES as u64)
            ),
            Excess::SvgFilter => {
                "trop complexe pour être reproduite : l'image SVG applique des filtres (flou, ombre…), dont le calcul n'est pas borné".to_string()
            }
            Excess::SvgExternal(href) => format!(
                "impossible à reproduire : l'image SVG appelle « {} », hors d'elle-même, que ldm n'ouvre pas",
                crate::text::visible(&shortened(href))
            ),
            Excess::Cut { rows, columns } => format!(
                "trop grande pour être reproduite entière : {} lignes × {} colonnes ; \
                 l'annexe en montre au plus {} lignes et {} colonnes",
                n(*rows as u64),
                n(*columns as u64),
                n(MAX_ROWS as u64),
                n(MAX_COLUMNS as u64)
            ),
        }
    }
}

/// An address cut to 60 characters, so a long one does not fill the message.
fn shortened(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(60).collect::<String>())
    }
}

/// The pixels a picture's header declares (`None` for what is not a raster picture).
pub fn pixels(bytes: &[u8]) -> Option<u64> {
    let size = imagesize::blob_size(bytes).ok()?;
    Some((size.width as u64).saturating_mul(size.height as u64))
}

/// Whether evidence `bytes`, of extension `ext` (lower case), is over a bound.
pub fn assess(ext: &str, bytes: &[u8]) -> Option<Excess> {
    match ext {
        "png" | "jpg" | "jpeg" | "gif" | "webp" => image::pixels(bytes),
        "svg" => svg::check(bytes),
        "pdf" => pdf::check(bytes),
        "csv" => {
            let text = String::from_utf8_lossy(bytes);
            table(&text).ok().and_then(|t| t.excess())
        }
        _ => None,
    }
}

/// Whether a picture's or a PDF's `bytes`, whatever their name says, are over a bound:
/// what the PDF engine's probe asks before decoding.
pub fn assess_placed(bytes: &[u8]) -> Option<Excess> {
    if bytes.starts_with(b"%PDF") {
        pdf::check(bytes)
    } else if svg::looks_like(bytes) {
        svg::check(bytes)
    } else {
        image::pixels(bytes)
    }
}
