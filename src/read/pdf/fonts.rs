//! A font as the text extractor needs it: how to cut a string into
//! character codes, the text of each code (ToUnicode first, then the
//! predefined Unicode / Shift_JIS CMaps of CJK fonts, then the simple
//! font's encoding through lopdf), and each code's advance width.

use super::cmap::CMap;
use super::obj::{deref, dict_of, num, stream_bytes};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cjk {
    /// Codes are UTF-16BE (Uni*-UCS2-H, Uni*-UTF16-H).
    Utf16,
    /// Codes are Shift_JIS (90ms-RKSJ-H and kin).
    ShiftJis,
    /// Codes are CIDs and nothing maps them (Identity-H without ToUnicode).
    Unmapped,
}

#[derive(Debug)]
pub struct Font {
    /// Composite (Type0) font: codes are 2 bytes unless a CMap says
    /// otherwise.
    composite: bool,
    to_unicode: Option<CMap>,
    cjk: Option<Cjk>,
    /// Simple font: the text of each byte.
    simple: Option<Vec<String>>,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

/// One character code of a string: its text (maybe empty), its advance
/// in thousandths of the font size, and whether it is a single-byte 32
/// (word spacing applies).
pub struct Glyph {
    pub text: String,
    pub width: f32,
    pub is_space: bool,
}

const MAX_WIDTHS: usize = 70_000;

impl Font {
    pub fn load(doc: &Document, font: &Dictionary, limit: usize) -> Font {
        let subtype = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let composite = subtype == b"Type0";
        let to_unicode = font
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o, limit))
            .map(|b| CMap::parse(&b))
            .filter(|m| !m.is_empty());
        let encoding_name = font
            .get(b"Encoding")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let mut f = Font {
            composite,
            to_unicode,
            cjk: None,
            simple: None,
            widths: HashMap::new(),
            default_width: 1000.0,
        };
        if composite {
            f.cjk = Some(
                if encoding_name.contains("UCS2") || encoding_name.contains("UTF16") {
                    Cjk::Utf16
                } else if encoding_name.contains("RKSJ") {
                    Cjk::ShiftJis
                } else {
                    Cjk::Unmapped
                },
            );
            f.composite_widths(doc, font);
        } else {
            f.simple_widths(doc, font);
            if f.to_unicode.is_none() {
                let table = font
                    .get_font_encoding_with_limit(doc, limit)
                    .ok()
                    .map(|enc| {
                        (0u16..256)
                            .map(|b| enc.bytes_to_string(&[b as u8]).unwrap_or_default())
                            .collect()
                    });
                f.simple = Some(table.unwrap_or_else(|| {
                    (0u16..256)
                        .map(|b| char::from(b as u8).to_string())
                        .collect()
                }));
            }
        }
        f
    }

    fn simple_widths(&mut self, doc: &Document, font: &Dictionary) {
        let first = font
            .get(b"FirstChar")
            .ok()
            .and_then(|o| num(doc, o))
            .unwrap_or(0.0) as u32;
        if let Ok(w) = font.get(b"Widths")
            && let Ok(arr) = deref(doc, w).as_array()
        {
            for (i, o) in arr.iter().take(256).enumerate() {
                if let Some(v) = num(doc, o) {
                    self.widths.insert(first + i as u32, v);
                }
            }
        }
        self.default_width = font
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| dict_of(doc, o))
            .and_then(|d| d.get(b"MissingWidth").ok().and_then(|o| num(doc, o)))
            .unwrap_or(500.0);
    }

    fn composite_widths(&mut self, doc: &Document, font: &Dictionary) {
        let Some(desc) = font
            .get(b"DescendantFonts")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| dict_of(doc, o))
        else {
            return;
        };
        self.default_width = desc
            .get(b"DW")
            .ok()
            .and_then(|o| num(doc, o))
            .unwrap_or(1000.0);
        let Some(w) = desc
            .get(b"W")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
        else {
            return;
        };
        let mut i = 0;
        while i < w.len() && self.widths.len() < MAX_WIDTHS {
            let Some(c) = num(doc, &w[i]) else { break };
            let c = c.max(0.0) as u32;
            match w.get(i + 1).map(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    for (k, o) in list.iter().take(MAX_WIDTHS).enumerate() {
                        if let Some(v) = num(doc, o) {
                            self.widths.insert(c + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let last = num(doc, o).unwrap_or(0.0).max(0.0) as u32;
                    let v = w
                        .get(i + 2)
                        .and_then(|o| num(doc, o))
                        .unwrap_or(self.default_width);
                    for cid in c..=last.min(c.saturating_add(MAX_WIDTHS as u32)) {
                        self.widths.insert(cid, v);
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// Cut a string into glyphs.
    pub fn glyphs(&self, bytes: &[u8]) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let default = if self.composite {
                match self.cjk {
                    Some(Cjk::ShiftJis) => {
                        if matches!(rest[0], 0x81..=0x9F | 0xE0..=0xFC) {
                            2
                        } else {
                            1
                        }
                    }
                    _ => 2,
                }
            } else {
                1
            };
            let len = match &self.to_unicode {
                Some(m) if self.composite => m.code_len(rest, default),
                _ => default,
            }
            .clamp(1, 4)
            .min(rest.len());
            let code_bytes = &rest[..len];
            let code = code_bytes
                .iter()
                .fold(0u32, |a, &b| (a << 8) | u32::from(b));
            i += len;
            let text = self.text_of(code_bytes, code);
            let width = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            out.push(Glyph {
                text,
                width,
                is_space: len == 1 && code == 32,
            });
        }
        out
    }

    fn text_of(&self, code_bytes: &[u8], code: u32) -> String {
        if let Some(m) = &self.to_unicode
            && let Some(s) = m.lookup(code_bytes.len() as u8, code)
        {
            return s;
        }
        if let Some(table) = &self.simple {
            return table.get(code as usize).cloned().unwrap_or_default();
        }
        match self.cjk {
            Some(Cjk::Utf16) => {
                let units: Vec<u16> = code_bytes
                    .chunks(2)
                    .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            Some(Cjk::ShiftJis) => encoding_rs::SHIFT_JIS
                .decode_without_bom_handling(code_bytes)
                .0
                .into_owned(),
            _ => String::new(),
        }
    }
}
