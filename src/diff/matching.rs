//! Pairing things of two dossiers: exact keys first, then the most similar titles.

use crate::text::fold;

/// Minimum similarity of two titles for « the same thing, reworded ».
pub const THRESHOLD: f64 = 0.82;

/// Similarity of two titles, 0 to 1, ignoring case, accents and punctuation. A title
/// whose words are all in the other (« Job dating » → « Job dating et logistique ») counts
/// as close when it has at least four words.
pub fn similarity(a: &str, b: &str) -> f64 {
    let norm = |s: &str| {
        fold(s)
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (norm(a), norm(b));
    let text = strsim::normalized_levenshtein(&a, &b).max(strsim::sorensen_dice(&a, &b));
    let (wa, wb): (
        std::collections::BTreeSet<&str>,
        std::collections::BTreeSet<&str>,
    ) = (a.split(' ').collect(), b.split(' ').collect());
    let smaller = wa.len().min(wb.len());
    let contained = if smaller >= 4 {
        wa.intersection(&wb).count() as f64 / smaller as f64 * 0.9
    } else {
        0.0
    };
    text.max(contained)
}

/// Pairs `old` with `new`: first every equal `key`, then greedily the most similar
/// `title`s above the threshold. Returns (old index, new index, score), score 1.0 for keys.
pub fn pair<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    title: impl Fn(&T) -> String,
) -> Vec<(usize, usize, f64)> {
    let mut pairs = Vec::new();
    let mut old_free: Vec<bool> = vec![true; old.len()];
    let mut new_free: Vec<bool> = vec![true; new.len()];
    for (i, o) in old.iter().enumerate() {
        let k = key(o);
        if let Some(j) = new
            .iter()
            .enumerate()
            .position(|(j, n)| new_free[j] && key(n) == k)
        {
            pairs.push((i, j, 1.0));
            old_free[i] = false;
            new_free[j] = false;
        }
    }
    let mut candidates = Vec::new();
    for (i, o) in old.iter().enumerate().filter(|(i, _)| old_free[*i]) {
        for (j, n) in new.iter().enumerate().filter(|(j, _)| new_free[*j]) {
            let s = similarity(&title(o), &title(n));
            if s >= THRESHOLD {
                candidates.push((i, j, s));
            }
        }
    }
    // Best scores first; ties by position, so the result does not depend on sort stability.
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    for (i, j, s) in candidates {
        if old_free[i] && new_free[j] {
            pairs.push((i, j, s));
            old_free[i] = false;
            new_free[j] = false;
        }
    }
    pairs.sort_by_key(|p| (p.1, p.0));
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
