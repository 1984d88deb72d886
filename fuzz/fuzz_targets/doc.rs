//! Raw bytes as a .doc: the OLE2 container, FIB, piece table and property pages of the MS-DOC reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yoshiki::Limits;

fuzz_target!(|data: &[u8]| {
    let _ = yoshiki::read_bytes("f.doc", data.to_vec(), &Limits::default());
});
