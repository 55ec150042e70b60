//! Work spread over every core only when there is enough of it: starting the thread
//! pool costs more than checking one small dossier or reading a folder of four fiches.

use rayon::prelude::*;

/// `f` applied to each item, results in item order: in parallel when there are at least
/// `from` items, else on the calling thread (the pool is then never started).
pub fn map<T: Send, R: Send>(
    items: Vec<T>,
    from: usize,
    f: impl Fn(T) -> R + Sync + Send,
) -> Vec<R> {
    if items.len() < from.max(2) {
        items.into_iter().map(f).collect()
    } else {
        items.into_par_iter().map(f).collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items_either_way() {
        let items: Vec<u32> = (0..100).collect();
        let want: Vec<u32> = items.iter().map(|i| i * 2).collect();
        assert_eq!(super::map(items.clone(), 1000, |i| i * 2), want);
        assert_eq!(super::map(items, 2, |i| i * 2), want);
    }
}
