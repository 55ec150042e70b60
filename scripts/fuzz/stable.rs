//! The pipeline fuzz target without libFuzzer: mutations of the inputs of a corpus (the
//! one cargo-fuzz grew in `fuzz/corpus/pipeline`, or the seed dossier's own files) run
//! through `ldm::fuzzing::pipeline` (and, as evidence files, `evidence`) in an uninstrumented build, hundreds of times faster
//! than the coverage-instrumented binary, with overflow checks on (profile `fuzz`).
//! Usage: cargo run --profile fuzz --no-default-features --example fuzz_stable --
//!        SEED_DOSSIER CORPUS_DIR INPUTS [RANDOM_SEED]
//! A panic stops the run with the input saved as `fuzz-stable-crash` in the current folder.

use ldm::fuzzing::{self, Files, Rng};
use std::path::Path;
use std::time::Instant;

// The command line's allocator, so the inputs cost here what they cost in `ldm`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dossier, corpus, inputs, rest @ ..] = args.as_slice() else {
        eprintln!("usage\u{a0}: fuzz_stable DOSSIER_GRAINE CORPUS ENTRÉES [GRAINE]");
        std::process::exit(2);
    };
    let seed = fuzzing::read_seed(Path::new(dossier)).expect("dossier graine lisible");
    let inputs: u64 = inputs.parse().expect("nombre d'entrées");
    let random = rest.first().map_or(1, |s| s.parse().expect("graine"));
    let corpus = starting_inputs(&seed, Path::new(corpus));
    run(&seed, &corpus, inputs, random);
}

/// Every file of the corpus folder, or, when it is empty, each seed file behind the byte
/// that picks it (the shape of a pipeline input).
fn starting_inputs(seed: &Files, dir: &Path) -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    inputs.sort();
    if inputs.is_empty() {
        for (i, (_, bytes)) in seed.iter().enumerate() {
            let mut input = vec![i as u8];
            input.extend_from_slice(bytes);
            inputs.push(input);
        }
    }
    inputs
}

fn run(seed: &Files, corpus: &[Vec<u8>], inputs: u64, random: u64) {
    let mut rng = Rng::new(random);
    let start = Instant::now();
    for n in 1..=inputs {
        let mut data = corpus[rng.below(corpus.len())].clone();
        for _ in 0..=rng.below(8) {
            fuzzing::mutate(&mut rng, &mut data);
        }
        let ran = std::panic::catch_unwind(|| {
            fuzzing::pipeline(seed, &data);
            // The same bytes as an evidence file of every kind.
            fuzzing::evidence(&data);
        });
        if ran.is_err() {
            std::fs::write("fuzz-stable-crash", &data).ok();
            eprintln!(
                "plantage à l'entrée {n}\u{a0}: enregistrée dans «\u{a0}fuzz-stable-crash\u{a0}»"
            );
            std::process::exit(1);
        }
        if n % 10_000 == 0 || n == inputs {
            let s = start.elapsed().as_secs_f64();
            println!("{n} entrées, {s:.0} s, {:.0} entrées/s", n as f64 / s);
        }
    }
}
