//! Build settings the code cannot carry: ldm's Linux executable is linked at a fixed
//! address (not position-independent). The PDF engine's tables otherwise need about
//! 100,000 relocations, applied at every start: 4 ms of the 10 a check of the example
//! takes (measured with `perf stat`, docs/performance.md).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // glibc builds only: the static musl build links as static-pie, a mode of its own.
    let var = |k| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
