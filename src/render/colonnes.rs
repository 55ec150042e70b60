//! The years of an action's three measure columns (the guide's « Mesure début (N) »,
//! « Mesure suivi 2 (N+3) », « Mesure fin (N+5) »), and which measures fill them.
//!
//! The rule, for an action run from `debut` to `fin` in a campaign `campagne`:
//! - the end column is dated `min(fin, debut + 5, campagne)`, never before `debut`:
//!   the label's cycle is five years, and a column never shows a year after the action's
//!   end or after the campaign;
//! - the follow-up column is dated `debut + 3` when that year falls strictly between the
//!   start and the end column; otherwise the middle year of the two (the guide's « mesure
//!   au milieu de l'action »), and no year at all when they are consecutive;
//! - the start column shows the measure of `debut`, else the one of the year before
//!   (a baseline taken just before the action began);
//! - the follow-up column shows the measure of its year, else the closest one of the
//!   year before it (never the start's year);
//! - the end column shows the latest measure after the follow-up year (or after the
//!   start when there is none) up to its own year: a short action's end measure is
//!   never lost, and no measure fills two columns.
//!
//! A measure taken in another year than its column's is shown with its year.

use std::ops::RangeInclusive;

/// The years of the three columns of one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colonnes {
    pub debut: i64,
    pub suivi: Option<i64>,
    pub fin: i64,
}

/// The label's cycle: a first measure, a follow-up three years on, the end five years on.
const SUIVI: i64 = 3;
const CYCLE: i64 = 5;

impl Colonnes {
    /// The columns of an action from `debut` to `fin`; `campagne` caps them when known.
    pub fn of(debut: i64, fin: i64, campagne: Option<i64>) -> Colonnes {
        let mut end = fin.min(debut + CYCLE);
        if let Some(c) = campagne {
            end = end.min(c);
        }
        let end = end.max(debut);
        let suivi = if debut + SUIVI < end {
            Some(debut + SUIVI)
        } else {
            Some((debut + end) / 2).filter(|m| *m > debut && *m < end)
        };
        Colonnes {
            debut,
            suivi,
            fin: end,
        }
    }

    /// Years whose measure may fill the start column, the preferred first.
    pub fn debut_range(&self) -> RangeInclusive<i64> {
        self.debut.saturating_sub(1)..=self.debut
    }

    /// Years whose measure may fill the follow-up column (empty when it has no year).
    pub fn suivi_range(&self) -> Option<RangeInclusive<i64>> {
        self.suivi.map(|s| (s - 1).max(self.debut + 1)..=s)
    }

    /// Years whose measure may fill the end column (empty when the end is the start).
    pub fn fin_range(&self) -> Option<RangeInclusive<i64>> {
        let after = self.suivi.unwrap_or(self.debut) + 1;
        (after <= self.fin).then_some(after..=self.fin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_written_rule() {
        // (debut, fin, campagne) → (debut, suivi, fin)
        let cases = [
            ((2021, 2026, Some(2026)), (2021, Some(2024), 2026)),
            ((2021, 2030, Some(2026)), (2021, Some(2024), 2026)),
            ((2021, 2030, None), (2021, Some(2024), 2026)),
            ((2022, 2026, Some(2026)), (2022, Some(2025), 2026)),
            ((2023, 2026, Some(2026)), (2023, Some(2024), 2026)),
            ((2021, 2023, Some(2026)), (2021, Some(2022), 2023)),
            ((2016, 2017, Some(2021)), (2016, None, 2017)),
            ((2024, 2024, Some(2026)), (2024, None, 2024)),
            ((2024, 2030, Some(2025)), (2024, None, 2025)),
        ];
        for ((d, f, c), (ed, es, ef)) in cases {
            let got = Colonnes::of(d, f, c);
            assert_eq!(
                (got.debut, got.suivi, got.fin),
                (ed, es, ef),
                "{d}–{f}, campagne {c:?}"
            );
        }
    }

    #[test]
    fn no_year_fills_two_columns() {
        for d in 2015..2022 {
            for f in d..d + 8 {
                let c = Colonnes::of(d, f, Some(2026));
                let s = c.suivi_range().map_or(vec![], |r| r.collect());
                let e = c.fin_range().map_or(vec![], |r| r.collect());
                assert!(s.iter().all(|y| !e.contains(y) && *y > d), "{d}–{f}");
                assert!(e.iter().all(|y| *y <= f && *y <= 2026), "{d}–{f}");
            }
        }
    }
}
