//! The smallest Rust process: the floor every `ldm` run is compared with.

fn main() {
    println!("bonjour");
}
