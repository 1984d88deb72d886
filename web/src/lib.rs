//! yoshiki in the browser: the engine compiled to WebAssembly behind one
//! call, [`call`]: a request in, an answer out, both bytes
//! (`page/engine-wasm.js` is the page's side of it).
//!
//! A request is `u32 LE length of the header`, the header (JSON: the
//! operation, options and the files' names and sizes), then the files'
//! bytes one after another. The answer is `u32 LE length of the meta`, the
//! meta (JSON; `{"error": …, "error_en": …}` for a refusal), then the
//! payload (the JSON of `check --format json`, a report, a file).

mod request;

use wasm_bindgen::prelude::*;

/// Answer one request (see the crate docs for the layout).
#[wasm_bindgen]
pub fn call(request: &[u8]) -> Vec<u8> {
    match request::answer(request) {
        Ok(answer) | Err(answer) => answer,
    }
}

/// The engine's version (the crate's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Bytes of the module's linear memory (its high-water mark: WebAssembly
/// memory only grows), for the page's measurements.
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) * 65536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
