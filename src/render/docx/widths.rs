//! Column widths of a Word table laid out as a typesetter would: each column at least as
//! wide as its longest word (heading and cells) so Word and LibreOffice never break
//! « Progression » into « Progressi/on », the room taken from the columns with most to
//! spare (the widest prose column first).

use crate::doc::{Block, Cell, Inline, Table};

/// The cells' inner margins left and right, in twips (`blocks::table`'s 85 each).
const CELL_MARGINS: f32 = 170.0;
/// What LibreOffice takes beyond the word and the margins (borders, its rounding to
/// device units): measured, a column of exactly word and margins breaks its last letter.
const SLACK: f32 = 1.05;
const SLACK_TWIPS: f32 = 80.0;
/// No word claims more than this share of the text width: a long address or path
/// breaks rather than crushing every other column.
const MAX_WORD_SHARE: f32 = 0.4;
/// The size of a count column's heading, in half-points (7.5 pt, as in the PDF).
pub const SMALL_HEADING: usize = 15;
/// The text's size, in half-points (`styles`' 10 pt).
const TEXT_SIZE: usize = 20;

/// Advance widths of Liberation Sans (metric-compatible with Arial and Helvetica) for
/// the printable ASCII characters from the space, in thousandths of an em: (regular, bold).
#[rustfmt::skip]
const ADVANCES: [(u16, u16); 95] = [
    (278, 278), (278, 333), (355, 474), (556, 556), (556, 556), (889, 889), (667, 722), (191, 238),
    (333, 333), (333, 333), (389, 389), (584, 584), (278, 278), (333, 333), (278, 278), (278, 278),
    (556, 556), (556, 556), (556, 556), (556, 556), (556, 556), (556, 556), (556, 556), (556, 556),
    (556, 556), (556, 556), (278, 333), (278, 333), (584, 584), (584, 584), (584, 584), (556, 611),
    (1015, 975), (667, 722), (667, 722), (722, 722), (722, 722), (667, 667), (611, 611), (778, 778),
    (722, 722), (278, 278), (500, 556), (667, 722), (556, 611), (833, 833), (722, 722), (778, 778),
    (667, 667), (778, 778), (722, 722), (667, 667), (611, 611), (722, 722), (667, 667), (944, 944),
    (667, 667), (667, 667), (611, 611), (278, 333), (278, 278), (278, 333), (469, 584), (556, 556),
    (333, 333), (556, 556), (556, 611), (500, 556), (556, 611), (556, 556), (278, 333), (556, 611),
    (556, 611), (222, 278), (222, 278), (500, 556), (222, 278), (833, 889), (556, 611), (556, 611),
    (556, 611), (556, 611), (333, 389), (500, 556), (278, 333), (556, 611), (500, 556), (722, 778),
    (500, 556), (500, 556), (500, 500), (334, 389), (260, 280), (334, 389), (584, 584),
];

/// The width of `word` in twips at `size` half-points.
pub fn word_width(word: &str, bold: bool, size: usize) -> f32 {
    let em: u32 = word.chars().map(|c| u32::from(advance(c, bold))).sum();
    // An em at `size` half-points is `size * 10` twips.
    em as f32 * size as f32 * 10.0 / 1000.0
}

/// A character's advance: an accented letter has its base letter's, the others the
/// widths of Liberation Sans for the marks French text uses, a wide default otherwise.
fn advance(c: char, bold: bool) -> u16 {
    let base = match c {
        'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' => 'i',
        'ô' | 'ö' => 'o',
        'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'À' | 'Â' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Î' | 'Ï' => 'I',
        'Ô' => 'O',
        'Ù' | 'Û' => 'U',
        'Ç' => 'C',
        '\u{a0}' => ' ',
        '\u{202f}' => return 200,
        '’' | '‘' => return 222,
        '«' | '»' | '–' | '€' => return 556,
        '—' | '…' => return 1000,
        'œ' => return 944,
        c => c,
    };
    match u32::from(base) {
        32..=126 => {
            let (regular, heavy) = ADVANCES[(u32::from(base) - 32) as usize];
            if bold { heavy } else { regular }
        }
        _ => 1000,
    }
}

/// The table's column widths in twips, filling `total`: its relative widths, each column
/// widened to its longest word, the widening taken from the columns that have room to
/// spare in proportion to that room. When the words cannot all fit, each column gets a
/// share of `total` in proportion to its longest word.
pub fn columns(t: &Table, total: f32) -> Vec<f32> {
    let n = t.widths.len();
    let sum: f32 = t.widths.iter().sum();
    if n == 0 || sum <= 0.0 {
        return t.widths.clone();
    }
    let mut cols: Vec<f32> = t.widths.iter().map(|w| w / sum * total).collect();
    let need = needs(t, total);
    let need_sum: f32 = need.iter().sum();
    if need_sum >= total {
        return need.iter().map(|w| w / need_sum * total).collect();
    }
    let deficit: f32 = cols.iter().zip(&need).map(|(c, n)| (n - c).max(0.0)).sum();
    let spare: f32 = cols.iter().zip(&need).map(|(c, n)| (c - n).max(0.0)).sum();
    if deficit <= 0.0 || spare <= 0.0 {
        return cols;
    }
    for (c, n) in cols.iter_mut().zip(&need) {
        *c = if *c < *n {
            *n
        } else {
            *c - (*c - n) / spare * deficit
        };
    }
    cols
}

/// Each column's narrowest width: its longest word in any cell that spans it alone,
/// with the cell's margins.
fn needs(t: &Table, total: f32) -> Vec<f32> {
    let mut need = vec![0.0f32; t.widths.len()];
    let head = t.head.iter().map(|r| (r, true));
    for (row, col) in placed(head.chain(t.body.iter().map(|r| (r, false)))) {
        let (cell, in_head, k) = (row, col.0, col.1);
        if cell.colspan > 1 || k >= need.len() {
            continue;
        }
        let size = if in_head && cell.header && cell.numeric {
            SMALL_HEADING
        } else {
            TEXT_SIZE
        };
        let widest = longest_word(&cell.content, cell.header, size);
        let w = (widest * SLACK + CELL_MARGINS + SLACK_TWIPS).min(total * MAX_WORD_SHARE);
        need[k] = need[k].max(w);
    }
    need
}

/// Each cell with whether it is in the heading rows and its first column, the columns a
/// vertical span from a row above covers skipped as Word's merges skip them.
fn placed<'a>(rows: impl Iterator<Item = (&'a Vec<Cell>, bool)>) -> Vec<(&'a Cell, (bool, usize))> {
    let mut covered: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (row, in_head) in rows {
        let mut col = 0;
        for c in row {
            while covered.get(col).is_some_and(|n| *n > 0) {
                covered[col] -= 1;
                col += 1;
            }
            if c.rowspan > 1 {
                if covered.len() <= col {
                    covered.resize(col + 1, 0);
                }
                covered[col] = c.rowspan - 1;
            }
            out.push((c, (in_head, col)));
            col += c.colspan.max(1);
        }
        // Spans covering the end of the row are used up too.
        for n in covered.iter_mut().skip(col) {
            *n = n.saturating_sub(1);
        }
    }
    out
}

/// The widest word of blocks, bold where the run is.
fn longest_word(blocks: &[Block], bold: bool, size: usize) -> f32 {
    let mut runs = Vec::new();
    for b in blocks {
        match b {
            Block::Para(i) | Block::Heading { content: i, .. } => texts(i, bold, &mut runs),
            Block::Note(i) => texts(i, false, &mut runs),
            other => runs.push((crate::doc::blocks_plain(std::slice::from_ref(other)), bold)),
        }
    }
    runs.iter()
        .flat_map(|(t, b)| {
            t.split([' ', '\n', '\t'])
                .map(move |w| word_width(w, *b, size))
        })
        .fold(0.0, f32::max)
}

fn texts(is: &[Inline], bold: bool, out: &mut Vec<(String, bool)>) {
    for i in is {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push((t.clone(), bold)),
            Inline::Strong(c) => texts(c, true, out),
            Inline::Emph(c) | Inline::Strike(c) => texts(c, bold, out),
            Inline::Link { content, .. } => texts(content, bold, out),
            Inline::LineBreak => {}
            // A page number of up to three digits.
            Inline::PageRef(_) => out.push(("000".to_string(), bold)),
            Inline::Mark { content, .. } => texts(content, bold, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_column_gets_its_longest_word_from_the_widest_prose_column() {
        let t = Table {
            widths: vec![70.0, 10.0, 20.0],
            head: vec![vec![
                Cell::th("Indicateur"),
                Cell::th("Progression"),
                Cell::th("Cible"),
            ]],
            body: vec![vec![
                Cell::text("un texte"),
                Cell::text("5"),
                Cell::text("x"),
            ]],
            keep_together: false,
        };
        let cols = columns(&t, 9638.0);
        let progression = word_width("Progression", true, 20) + CELL_MARGINS;
        assert!(cols[1] >= progression, "{cols:?}");
        assert!((cols.iter().sum::<f32>() - 9638.0).abs() < 1.0, "{cols:?}");
        // The prose column gave the room, the other narrow one kept its share.
        assert!(cols[0] < 0.7 * 9638.0);
        assert!((cols[2] - 0.2 * 9638.0).abs() < 150.0, "{cols:?}");
        // « Progression » in Liberation Sans Bold is 5.835 em.
        assert!((word_width("Progression", true, 20) - 1167.0).abs() < 0.5);
    }

    #[test]
    fn a_span_from_above_moves_the_next_cells_right() {
        let mut tall = Cell::text("x");
        tall.rowspan = 2;
        let rows = [
            vec![tall, Cell::text("a")],
            vec![Cell::text("Extraordinairement")],
        ];
        let placed = placed(rows.iter().map(|r| (r, false)));
        assert_eq!(placed[2].1, (false, 1));
        assert_eq!(placed[2].0.plain(), "Extraordinairement");
    }
}
