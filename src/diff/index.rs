//! The candidate index of title pairing: the titles that share one of their rarest words
//! with a given one, so that a renewal of a thousand renamed fiches scores thousands of
//! pairs, not a million.
//!
//! Words are ranked rarest first (by how many indexed titles hold them). A pair reaching
//! the threshold by containment shares, by construction, one of the rarest
//! `n - ⌊0.911 n⌋ + 1` words of its shorter title (it holds 0.911 of them): those pairs
//! are never missed. A reworded title (Levenshtein, Sørensen–Dice) keeps its distinctive
//! words; it is found when it shares one of the two rarest words of either title.

use super::matching::Title;
use std::collections::{BTreeSet, HashMap};

pub struct Index<'a> {
    rank: HashMap<&'a str, usize>,
    /// Every word → the titles holding it.
    words: HashMap<&'a str, Vec<usize>>,
    /// The rarest words of each title → the titles.
    rare: HashMap<&'a str, Vec<usize>>,
}

/// How many of a title's rarest words are looked up.
fn prefix_len(words: usize) -> usize {
    let contained = if words >= 4 {
        words - (0.911 * words as f64).floor() as usize + 1
    } else {
        0
    };
    contained.max(2)
}

impl<'a> Index<'a> {
    pub fn new(titles: &'a [Title]) -> Self {
        let mut words: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, t) in titles.iter().enumerate() {
            for w in &t.words {
                words.entry(w.as_str()).or_default().push(i);
            }
        }
        let rank = words.iter().map(|(w, v)| (*w, v.len())).collect();
        let mut ix = Index {
            rank,
            words,
            rare: HashMap::new(),
        };
        for (i, t) in titles.iter().enumerate() {
            for w in ix.rarest(t) {
                ix.rare.entry(w).or_default().push(i);
            }
        }
        ix
    }

    /// The rarest words of `t` among those the index holds (ties by the word itself).
    fn rarest<'t>(&self, t: &'t Title) -> Vec<&'t str> {
        let mut v: Vec<(usize, &str)> = t
            .words
            .iter()
            .filter_map(|w| Some((*self.rank.get(w.as_str())?, w.as_str())))
            .collect();
        v.sort_unstable();
        v.truncate(prefix_len(t.words.len()));
        v.into_iter().map(|(_, w)| w).collect()
    }

    /// The indexed titles that may reach the threshold with `t`, in index order.
    pub fn candidates(&self, t: &Title) -> Vec<usize> {
        let mut out = BTreeSet::new();
        for w in self.rarest(t) {
            out.extend(self.words.get(w).into_iter().flatten());
        }
        for w in &t.words {
            out.extend(self.rare.get(w.as_str()).into_iter().flatten());
        }
        out.into_iter().collect()
    }
}
