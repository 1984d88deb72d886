//! Raw bytes as a .docx: zip parsing, limits, XML safety, the Word reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yoshiki::Limits;

fuzz_target!(|data: &[u8]| {
    let _ = yoshiki::read_bytes("f.docx", data.to_vec(), &Limits::default());
});
