//! The candidate index of title pairing: the titles that share one of their rarest words
//! with a given one, so that a renewal of a thousand renamed fiches scores thousands of
//! pairs, not a million.
//!
//! Words are ranked rarest first (by how many indexed titles hold them), and two titles
//! are scored when one holds the rarest word of the other. A pair reaching the threshold
//! by containment with a shorter title of up to eleven words holds all of its words, so
//! it is never missed; a reworded title (Levenshtein, Sørensen–Dice) keeps its
//! distinctive word. Looking up more words per title would make every title meet every
//! other through the words a dossier repeats (« élèves », « entreprises »).

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
const PREFIX: usize = 1;

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
        v.truncate(PREFIX);
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
