//! A CSV file read as a table within bounds: at most `MAX_ROWS` rows of `MAX_COLUMNS`
//! cells are kept, the rest counted, so a row of 50,000 empty cells above 50,000 rows
//! costs one row's worth of memory, never rows × the widest row.

use super::{Excess, MAX_COLUMNS, MAX_ROWS};

/// The rows kept and the size of the whole file.
#[derive(Debug, Default)]
pub struct Table {
    /// The first rows, each cut to its first columns.
    pub rows: Vec<Vec<String>>,
    /// Rows in the file.
    pub total_rows: usize,
    /// Cells in its widest row.
    pub total_columns: usize,
}

impl Table {
    /// The width the table is shown at: its widest kept row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(1).max(1)
    }

    /// `Some` when the file was cut.
    pub fn excess(&self) -> Option<Excess> {
        (self.total_rows > MAX_ROWS || self.total_columns > MAX_COLUMNS).then_some(Excess::Cut {
            rows: self.total_rows,
            columns: self.total_columns,
        })
    }
}

/// The table of a CSV text, comma- or semicolon-separated (French spreadsheets write `;`).
pub fn table(text: &str) -> Result<Table, csv::Error> {
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut t = Table::default();
    // One record reused: a wide row is held once, as its bytes are.
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record)? {
        t.total_rows += 1;
        t.total_columns = t.total_columns.max(record.len());
        if t.rows.len() < MAX_ROWS {
            t.rows.push(
                record
                    .iter()
                    .take(MAX_COLUMNS)
                    .map(str::to_string)
                    .collect(),
            );
        }
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_row_above_many_rows_is_cut_not_padded() {
        let text = format!("{}\n{}", ",".repeat(49_999), "x\n".repeat(50_000));
        let t = table(&text).unwrap();
        assert_eq!((t.total_rows, t.total_columns), (50_001, 50_000));
        assert_eq!(t.rows.len(), MAX_ROWS);
        assert_eq!(t.width(), MAX_COLUMNS);
        assert!(
            t.excess()
                .unwrap()
                .sentence()
                .contains("50\u{202f}001 lignes")
        );
    }

    #[test]
    fn a_small_table_is_whole() {
        let t = table("a;b\n1;2\n").unwrap();
        assert_eq!(t.rows, [["a", "b"], ["1", "2"]]);
        assert!(t.excess().is_none());
    }
}
