//! The page's entry point; Trunk builds this binary to wasm.

fn main() {
    kaoping_web::start();
}
