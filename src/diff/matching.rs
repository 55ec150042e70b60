//! Pairing things of two dossiers: exact keys first, then the most similar titles.

use super::index::Index;
use crate::text::fold;
use std::collections::{HashMap, VecDeque};

/// Minimum similarity of two titles for « the same thing, reworded ».
pub const THRESHOLD: f64 = 0.82;

/// A title normalised once (folded, punctuation as spaces, single spaces), with what
/// scoring and the candidate index need from it.
pub struct Title {
    pub(super) text: String,
    /// Distinct words, sorted.
    pub(super) words: Vec<String>,
    /// Character bigrams of the text without spaces, each numbered by its occurrence, so
    /// that sets of these are the bigram multisets Sørensen–Dice counts.
    pub(super) grams: Vec<(char, char, u32)>,
    /// Length in characters, spaces included (what Levenshtein is normalised by).
    pub(super) chars: usize,
}

impl Title {
    pub fn new(s: &str) -> Self {
        let text = fold(s)
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
        words.sort();
        words.dedup();
        let bare: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut seen: HashMap<(char, char), u32> = HashMap::new();
        let mut grams: Vec<(char, char, u32)> = bare
            .windows(2)
            .map(|w| {
                let n = seen.entry((w[0], w[1])).or_insert(0);
                *n += 1;
                (w[0], w[1], *n)
            })
            .collect();
        grams.sort_unstable();
        let chars = text.chars().count();
        Title {
            text,
            words,
            grams,
            chars,
        }
    }
}

/// Similarity of two titles, 0 to 1, ignoring case, accents and punctuation. A title
/// whose words are all in the other (« Job dating » → « Job dating et logistique ») counts
/// as close when it has at least four words.
pub fn similarity(a: &str, b: &str) -> f64 {
    score(&Title::new(a), &Title::new(b))
}

/// [`similarity`] of titles already normalised.
pub fn score(a: &Title, b: &Title) -> f64 {
    let (a_text, b_text) = (a.text.as_str(), b.text.as_str());
    let text =
        strsim::normalized_levenshtein(a_text, b_text).max(strsim::sorensen_dice(a_text, b_text));
    let smaller = a.words.len().min(b.words.len());
    let contained = if smaller >= 4 {
        shared(&a.words, &b.words) as f64 / smaller as f64 * 0.9
    } else {
        0.0
    };
    text.max(contained)
}

/// False when two titles cannot reach the threshold, found cheaply: from their shared
/// bigrams, an upper bound of Sørensen–Dice and a lower bound of the edit distance
/// (each edit breaks at most two bigrams), and their shared words for containment.
fn may_reach(a: &Title, b: &Title) -> bool {
    let smaller = a.words.len().min(b.words.len());
    if smaller >= 4 && shared(&a.words, &b.words) as f64 / smaller as f64 * 0.9 >= THRESHOLD {
        return true;
    }
    if a.text == b.text || a.grams.len() < 2 || b.grams.len() < 2 {
        return true;
    }
    let shared = shared(&a.grams, &b.grams);
    let dice = 2.0 * shared as f64 / (a.grams.len() + b.grams.len()) as f64;
    let edits = a
        .grams
        .len()
        .max(b.grams.len())
        .saturating_sub(shared)
        .div_ceil(2);
    let lev = 1.0 - edits as f64 / a.chars.max(b.chars) as f64;
    // A hair of slack against rounding: this only decides what gets scored exactly.
    dice.max(lev) >= THRESHOLD - 1e-9
}

/// How many items two sorted lists have in common (bigrams numbered by occurrence, or
/// distinct words): one merge walk.
fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Pairs `old` with `new`: first every equal `key`, then greedily the most similar
/// `title`s above the threshold. Returns (old index, new index, score), score 1.0 for keys.
pub fn pair<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    title: impl Fn(&T) -> String,
) -> Vec<(usize, usize, f64)> {
    let mut pairs = pair_keys(old, new, key);
    let mut old_free: Vec<bool> = vec![true; old.len()];
    let mut new_free: Vec<bool> = vec![true; new.len()];
    for &(i, j, _) in &pairs {
        old_free[i] = false;
        new_free[j] = false;
    }
    let olds: Vec<usize> = (0..old.len()).filter(|i| old_free[*i]).collect();
    let news: Vec<usize> = (0..new.len()).filter(|j| new_free[*j]).collect();
    let old_titles: Vec<Title> = olds.iter().map(|i| Title::new(&title(&old[*i]))).collect();
    let new_titles: Vec<Title> = news.iter().map(|j| Title::new(&title(&new[*j]))).collect();
    for (a, b, s) in pair_titles(&old_titles, &new_titles) {
        pairs.push((olds[a], news[b], s));
    }
    pairs.sort_by_key(|p| (p.1, p.0));
    pairs
}

/// Each old item, in order, takes the first new item left with the same key.
fn pair_keys<T>(old: &[T], new: &[T], key: impl Fn(&T) -> String) -> Vec<(usize, usize, f64)> {
    let mut by_key: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (j, n) in new.iter().enumerate() {
        by_key.entry(key(n)).or_default().push_back(j);
    }
    old.iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let j = by_key.get_mut(&key(o))?.pop_front()?;
            Some((i, j, 1.0))
        })
        .collect()
}

/// Greedy pairing of titles, best scores first. Only the pairs the index proposes are
/// scored: it proposes every pair that can reach the threshold, so the result is the one
/// of scoring every pair.
fn pair_titles(old: &[Title], new: &[Title]) -> Vec<(usize, usize, f64)> {
    let index = Index::new(new);
    let mut candidates = Vec::new();
    for (i, o) in old.iter().enumerate() {
        for j in index.candidates(o) {
            if !may_reach(o, &new[j]) {
                continue;
            }
            let s = score(o, &new[j]);
            if s >= THRESHOLD {
                candidates.push((i, j, s));
            }
        }
    }
    // Best scores first; ties by position, so the result does not depend on sort stability.
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let (mut old_free, mut new_free) = (vec![true; old.len()], vec![true; new.len()]);
    let mut pairs = Vec::new();
    for (i, j, s) in candidates {
        if old_free[i] && new_free[j] {
            pairs.push((i, j, s));
            old_free[i] = false;
            new_free[j] = false;
        }
    }
    pairs
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_titles_pair_and_different_ones_do_not() {
        for (a, b, same) in [
            (
                "Job dating des métiers de l'aéronautique",
                "Job dating des métiers de l’aéronautique et de la logistique",
                true,
            ),
            (
                "Créer un bureau des entreprises",
                "Créer le bureau des entreprises",
                true,
            ),
            ("Section européenne", "Atelier théâtre", false),
            ("Passerelle bac pro – BTS", "Passerelle bac pro-BTS", true),
        ] {
            assert_eq!(
                similarity(a, b) >= THRESHOLD,
                same,
                "{a} / {b}: {}",
                similarity(a, b)
            );
        }
    }

    #[test]
    fn keys_first_then_best_similarity() {
        let old = ["a:Job dating", "b:Atelier théâtre", "c:Section européenne"];
        let new = [
            "x:Section européenne anglais",
            "a:Job dating 2026",
            "y:Atelier de théâtre",
        ];
        let key = |s: &&str| s.split(':').next().unwrap().to_string();
        let title = |s: &&str| s.split(':').nth(1).unwrap().to_string();
        let got: Vec<(usize, usize)> = pair(&old, &new, key, title)
            .into_iter()
            .map(|(i, j, _)| (i, j))
            .collect();
        assert_eq!(got, vec![(2, 0), (0, 1), (1, 2)]);
    }
}

#[cfg(test)]
mod index_tests {
    use super::*;

    /// Titles built like a dossier's: shared vocabulary, one distinctive name each.
    fn titles(n: usize, reworded: bool) -> Vec<String> {
        let verbs = [
            "Organiser",
            "Développer",
            "Consolider",
            "Proposer",
            "Animer",
        ];
        let objects = [
            "des visites d'entreprises",
            "un forum des métiers",
            "le tutorat entre pairs",
        ];
        let publics = ["les élèves de seconde", "les apprentis", "les familles"];
        let syl = ["ka", "lo", "mi", "ru", "ze", "ta", "no"];
        (0..n)
            .map(|i| {
                let name = format!("{}{}{}", syl[i % 7], syl[i / 7 % 7], syl[i / 49 % 7]);
                let t = format!(
                    "{} {} pour {} avec {name}",
                    verbs[i % 5],
                    objects[i % 3],
                    publics[i % 3]
                );
                match (reworded, i % 2) {
                    (false, _) => t,
                    (true, 0) => t.replace(" pour les ", " auprès des "),
                    (true, _) => format!("{t}, reconduit"),
                }
            })
            .collect()
    }

    /// The pairing of every pair scored: what the index must not change.
    fn brute(old: &[Title], new: &[Title]) -> Vec<(usize, usize, f64)> {
        let mut c: Vec<(usize, usize, f64)> = Vec::new();
        for (i, o) in old.iter().enumerate() {
            for (j, n) in new.iter().enumerate() {
                let s = score(o, n);
                if s >= THRESHOLD {
                    c.push((i, j, s));
                }
            }
        }
        c.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        let (mut of, mut nf) = (vec![true; old.len()], vec![true; new.len()]);
        c.into_iter()
            .filter(|&(i, j, _)| {
                let free = of[i] && nf[j];
                if free {
                    of[i] = false;
                    nf[j] = false;
                }
                free
            })
            .collect()
    }

    #[test]
    fn the_index_pairs_like_scoring_every_pair() {
        let mut old = titles(200, false);
        let mut new = titles(200, true);
        // Containment with common words only, a reworded short title, punctuation.
        old.extend(["Job dating", "Passerelle bac pro – BTS", "Atelier théâtre"].map(String::from));
        new.extend(
            [
                "Job dating des métiers de l'aéronautique et de la logistique",
                "Passerelle bac pro-BTS",
                "Atelier de théâtre",
            ]
            .map(String::from),
        );
        let (old, new): (Vec<Title>, Vec<Title>) = (
            old.iter().map(|t| Title::new(t)).collect(),
            new.iter().map(|t| Title::new(t)).collect(),
        );
        let got = pair_titles(&old, &new);
        assert_eq!(got, brute(&old, &new));
        assert_eq!(
            got.len(),
            202,
            "each reworded title found, « Atelier » too far"
        );
    }

    #[test]
    fn each_title_is_scored_against_a_few_others_whatever_their_number() {
        for n in [100, 300] {
            let old: Vec<Title> = titles(n, false).iter().map(|t| Title::new(t)).collect();
            let new: Vec<Title> = titles(n, true).iter().map(|t| Title::new(t)).collect();
            let index = Index::new(&new);
            let scored: usize = old.iter().map(|t| index.candidates(t).len()).sum();
            assert!(scored <= 4 * n, "{n} titles: {scored} candidates");
        }
    }
}
