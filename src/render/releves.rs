//! An indicator's measures placed in the annex: the one shown in each column, and every
//! other one listed under the indicator (« Autres relevés »), so that none is dropped.

use super::colonnes::Colonnes;
use crate::model::front::{Calendrier, Indicateur};
use std::ops::RangeInclusive;

pub(super) const DASH: &str = "—";

/// The label of the line listing the measures no column shows.
const AUTRES: &str = "Autres relevés";

/// How a column picks its measure among the years of its range.
#[derive(Clone, Copy)]
pub(super) enum Choix {
    /// The column's own year, else the closest (the earlier on a tie).
    Proche,
    /// The latest year of the range (an end measure).
    Dernier,
}

/// The measures of one indicator, as they are handed out to columns.
pub(super) struct Releves<'a> {
    i: &'a Indicateur,
    /// Each measure's year, moved into the period's notation (`Colonnes::shift`).
    years: Vec<i64>,
    used: Vec<bool>,
}

impl<'a> Releves<'a> {
    /// The measures of `i`, compared with a period written in `periode`'s notation.
    pub fn new(i: &'a Indicateur, periode: Calendrier) -> Self {
        let years = i
            .mesures
            .0
            .iter()
            .enumerate()
            .map(|(k, (y, _))| {
                let shift = Colonnes::shift(periode, self::calendrier(i, k));
                y.value.saturating_add(shift)
            })
            .collect();
        Releves {
            i,
            years,
            used: vec![false; i.mesures.0.len()],
        }
    }

    /// The cell of a column dated `year` taking a measure of `range`; a dash when none.
    /// A measure of another year, or written in the other notation, shows its year.
    pub fn cell(&mut self, year: i64, range: RangeInclusive<i64>, choix: Choix) -> String {
        let candidates =
            (0..self.years.len()).filter(|k| !self.used[*k] && range.contains(&self.years[*k]));
        let found = match choix {
            Choix::Proche => candidates.min_by_key(|k| {
                let y = self.years[*k];
                ((y - year).abs(), y)
            }),
            Choix::Dernier => candidates.max_by_key(|k| self.years[*k]),
        };
        let Some(k) = found else {
            return DASH.to_string();
        };
        self.used[k] = true;
        let y = &self.i.mesures.0[k].0;
        let shown = self.i.mesures.ecrite(k, self.i.unite());
        if self.years[k] == year && y.value == year {
            shown
        } else {
            format!("{shown} ({})", calendrier(self.i, k).show(y.value))
        }
    }

    /// « Autres relevés : 2022 : 25 % ; 2023 : 27 % », the measures no column took,
    /// in year order; empty when every measure is in a column.
    pub fn autres(&self) -> String {
        let mut rest: Vec<usize> = (0..self.years.len()).filter(|k| !self.used[*k]).collect();
        if rest.is_empty() {
            return String::new();
        }
        rest.sort_by_key(|k| self.i.mesures.0[*k].0.value);
        let items: Vec<String> = rest
            .iter()
            .map(|k| {
                let y = &self.i.mesures.0[*k].0;
                format!(
                    "{} : {}",
                    calendrier(self.i, *k).show(y.value),
                    self.i.mesures.ecrite(*k, self.i.unite())
                )
            })
            .collect();
        format!("{AUTRES} : {}", items.join(" ; "))
    }
}

/// How the `k`-th measure's year was written.
fn calendrier(i: &Indicateur, k: usize) -> Calendrier {
    i.mesures
        .1
        .get(k)
        .copied()
        .unwrap_or_else(|| i.mesures.calendrier())
}
