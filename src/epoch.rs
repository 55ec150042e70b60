//! The dates ldm's documents carry: read from `SOURCE_DATE_EPOCH` (the convention of
//! reproducible builds), never from the clock, so the same dossier gives the same bytes.

use time::OffsetDateTime;

/// The instant of a `SOURCE_DATE_EPOCH` value (seconds since 1970-01-01 UTC); `None`
/// when it is not a number or out of range.
pub fn parse(value: &str) -> Option<OffsetDateTime> {
    let secs: i64 = value.trim().parse().ok()?;
    OffsetDateTime::from_unix_timestamp(secs).ok()
}

/// The environment's `SOURCE_DATE_EPOCH`, if set and valid.
pub fn from_env() -> Option<OffsetDateTime> {
    parse(&std::env::var("SOURCE_DATE_EPOCH").ok()?)
}

/// `2026-03-01T08:30:00`, ISO 8601 without a zone (UTC is meant).
pub fn iso(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn epochs_read_as_utc_instants() {
        let iso = |v: &str| super::parse(v).map(super::iso);
        assert_eq!(iso("0").as_deref(), Some("1970-01-01T00:00:00"));
        assert_eq!(iso(" 951782400 ").as_deref(), Some("2000-02-29T00:00:00"));
        assert_eq!(iso("demain"), None);
        assert_eq!(iso("99999999999999999"), None);
    }
}
