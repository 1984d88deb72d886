//! Small helpers over lopdf objects: references followed (lopdf bounds
//! chains), numbers of either kind, stream contents under a size bound.

use lopdf::{Dictionary, Document, Object};

pub fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

pub fn num(doc: &Document, o: &Object) -> Option<f32> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

pub fn dict_of<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// A stream's decoded bytes, at most `limit` of them.
pub fn stream_bytes(doc: &Document, o: &Object, limit: usize) -> Option<Vec<u8>> {
    let Object::Stream(s) = deref(doc, o) else {
        return None;
    };
    s.decompressed_content_with_limit(limit)
        .ok()
        .or_else(|| (s.dict.get(b"Filter").is_err()).then(|| s.content.clone()))
        .filter(|b| b.len() <= limit)
}

/// A text string (PDFDocEncoding or UTF-16 with BOM).
pub fn text_string(o: &Object) -> Option<String> {
    let Object::String(bytes, _) = o else {
        return None;
    };
    let s = if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)))
            .collect();
        String::from_utf16_lossy(&units)
    } else if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(&bytes[3..]).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    };
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}
