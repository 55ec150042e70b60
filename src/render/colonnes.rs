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
//!   start when there is none) up to the action's last year (never after the campaign):
//!   a short action's end measure is never lost, an action longer than the cycle keeps
//!   its last measure visible, and no measure fills two columns;
//! - every other measure is listed under its indicator (« Autres relevés »), so nothing
//!   the school measured is dropped.
//!
//! When the period and the measures are written in different notations, a school year
//! stands for the calendar year in which it begins (`2022-2023` ↔ `2022`): an action
//! written « from 2022 » starts with the school year 2022-2023, so its measure is the
//! start's, and an action written from `2022-2023` takes a measure of `2022` as its start.
//!
//! A measure taken in another year than its column's, or written in the other notation,
//! is shown with its year as written.

use crate::model::front::Calendrier;
use std::ops::RangeInclusive;

/// The years of the three columns of one action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colonnes {
    pub debut: i64,
    pub suivi: Option<i64>,
    pub fin: i64,
    /// The last year whose measure may fill the end column: the action's end, capped
    /// by the campaign.
    pub dernier: i64,
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
        let dernier = campagne.map_or(fin, |c| fin.min(c)).max(end);
        let suivi = if debut + SUIVI < end {
            Some(debut + SUIVI)
        } else {
            Some((debut + end) / 2).filter(|m| *m > debut && *m < end)
        };
        Colonnes {
            debut,
            suivi,
            fin: end,
            dernier,
        }
    }

    /// What to add to a measure's year to compare it with a period written in
    /// `periode`'s notation, when the measures are written in `mesures`' (see above).
    pub fn shift(periode: Calendrier, mesures: Calendrier) -> i64 {
        match (periode, mesures) {
            (Calendrier::Civil, Calendrier::Scolaire) => -1,
            (Calendrier::Scolaire, Calendrier::Civil) => 1,
            _ => 0,
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
        (after <= self.dernier).then_some(after..=self.dernier)
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
    fn notations_meet_at_the_school_year_that_begins() {
        use Calendrier::*;
        // `2022-2023` counts as 2023; in an action written from 2022 it is 2022.
        assert_eq!(2023 + Colonnes::shift(Civil, Scolaire), 2022);
        // `2022` in an action written from `2022-2023` (2023) is its start.
        assert_eq!(2022 + Colonnes::shift(Scolaire, Civil), 2023);
        assert_eq!(Colonnes::shift(Civil, Civil), 0);
        assert_eq!(Colonnes::shift(Scolaire, Scolaire), 0);
    }

    #[test]
    fn a_long_action_keeps_its_last_year_in_the_end_column() {
        let c = Colonnes::of(2000, 2007, Some(2026));
        assert_eq!((c.debut, c.suivi, c.fin), (2000, Some(2003), 2005));
        assert_eq!(c.fin_range(), Some(2004..=2007));
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
                assert!(e.is_empty() || e.last() == Some(&f.min(2026)), "{d}–{f}");
            }
        }
    }
}
