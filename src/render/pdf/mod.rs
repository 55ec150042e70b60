//! The annex as PDF, laid out inside ldm by the typst crates (no browser, LaTeX or other
//! program): Typst source generated from the annex's view model, compiled in memory with
//! the fonts embedded in the binary, exported as tagged PDF with identical bytes on every run.

mod code;
mod document;
mod fiches;
mod prose;
mod world;

pub use document::Date;

use crate::render::view::Annexe;
use typst::foundations::Smart;
use typst_layout::PagedDocument;

/// The PDF engine failed on the document ldm generated: a bug of ldm, reported with
/// typst's own messages.
#[derive(Debug, thiserror::Error)]
#[error("production du PDF impossible : {0}")]
pub struct PdfError(String);

/// The annex as PDF bytes; `date` is the document's date in its metadata (none without one).
pub fn annexe(a: &Annexe, date: Option<Date>) -> Result<Vec<u8>, PdfError> {
    compile(document::annexe(a, date))
}

/// Compiles a generated Typst source into PDF bytes.
fn compile(source: String) -> Result<Vec<u8>, PdfError> {
    let world = world::MemoryWorld::new(source);
    let doc: PagedDocument = typst::compile(&world).output.map_err(|errors| {
        PdfError(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join(" ; "),
        )
    })?;
    let options = typst_pdf::PdfOptions {
        // The identifier and the creator are fixed: same dossier, same bytes. The creator
        // also marks the file as ldm's own, so a later run may replace it.
        ident: Smart::Custom("ldm".to_string()),
        creator: Smart::Custom(Some(CREATOR.to_string())),
        ..Default::default()
    };
    typst_pdf::pdf(&doc, &options).map_err(|errors| {
        PdfError(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join(" ; "),
        )
    })
}

/// The PDF's `/Creator` (and XMP `CreatorTool`), which `fsutil::MARKERS` recognises.
pub const CREATOR: &str = "ldm";

/// The date of a `SOURCE_DATE_EPOCH` value (seconds since 1970-01-01 UTC), the convention
/// of reproducible builds; `None` when it is not a number.
pub fn date_from_epoch(value: &str) -> Option<Date> {
    let secs: i64 = value.trim().parse().ok()?;
    let days = secs.div_euclid(86_400);
    // Days to civil date (Howard Hinnant's algorithm), valid for any day count here.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).ok()?;
    let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).ok()?;
    let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).ok()?;
    Some(Date { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_gives_the_utc_date() {
        let d = |year, month, day| Some(Date { year, month, day });
        assert_eq!(date_from_epoch("0"), d(1970, 1, 1));
        assert_eq!(date_from_epoch("1772323200"), d(2026, 3, 1));
        assert_eq!(date_from_epoch("951782400"), d(2000, 2, 29));
        assert_eq!(date_from_epoch("demain"), None);
    }
}
