//! The SPA's entry point (feature "csr", wasm32).

fn main() {
    bocal::app::mount();
}
