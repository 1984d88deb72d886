//! Raw bytes as a .pdf: the lopdf object layer and our content-stream / CMap / layout code of the PDF reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yoshiki::Limits;

fuzz_target!(|data: &[u8]| {
    let _ = yoshiki::read_bytes("f.pdf", data.to_vec(), &Limits::default());
});
