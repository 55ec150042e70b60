//! Build settings the code cannot carry: ldm's Linux executable is linked at a fixed
//! address (not position-independent). The PDF engine's tables otherwise need about
//! 100,000 relocations, applied at every start: 4 ms of the 10 a check of the example
//! takes (measured with `perf stat`, docs/performance.md).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
