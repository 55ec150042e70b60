//! Build settings the code cannot carry: ldm's Linux executable is linked at a fixed
//! address (not position-independent). The PDF engine's tables otherwise need about
//! 100,000 relocations, applied at every start: 4 ms of the 10 a check of the example
//! takes (measured with `perf stat`, docs/performance.md).
//!
//! glibc only: rustc links the static musl binary (scripts/dist.sh) as static-pie, and
//! `-no-pie` added to that link gives an executable that crashes at start.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
