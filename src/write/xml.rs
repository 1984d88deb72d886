//! Small XML helpers for the writers: byte-range splicing, escaping,
//! attribute lookup and a well-formedness check run on every part we
//! produce before it goes into a package.

use super::WriteError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::ops::Range;

/// One change to a text: replace `range` (may be empty: an insertion) with
/// `with`. Insertions at the same offset are applied in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub range: Range<usize>,
    pub with: String,
}

impl Splice {
    pub fn replace(range: Range<usize>, with: impl Into<String>) -> Self {
        Splice {
            range,
            with: with.into(),
        }
    }

    pub fn insert(at: usize, with: impl Into<String>) -> Self {
        Splice {
            range: at..at,
            with: with.into(),
        }
    }
}

/// Apply splices to `src`; every byte outside the splice ranges is copied
/// as it was. Fails when two replaced ranges overlap or a range is outside
/// `src` or not on a character boundary.
pub fn apply_splices(src: &str, splices: &[Splice], part: &str) -> Result<String, WriteError> {
    let mut order: Vec<usize> = (0..splices.len()).collect();
    // Stable: by start, insertions before replacements starting there.
    order.sort_by_key(|&i| {
        let s = &splices[i];
        (s.range.start, !s.range.is_empty(), i)
    });
    let mut out = String::with_capacity(src.len() + 256);
    let mut pos = 0usize;
    for i in order {
        let s = &splices[i];
        if s.range.start < pos || s.range.end > src.len() || s.range.start > s.range.end {
            return Err(WriteError::Internal(format!(
                "{part}: overlapping or out-of-range edit at byte {}",
                s.range.start
            )));
        }
        let kept = src.get(pos..s.range.start).ok_or_else(|| {
            WriteError::Internal(format!("{part}: edit not on a character boundary"))
        })?;
        out.push_str(kept);
        out.push_str(&s.with);
        pos = s.range.end;
    }
    let rest = src
        .get(pos..)
        .ok_or_else(|| WriteError::Internal(format!("{part}: edit not on a character boundary")))?;
    out.push_str(rest);
    Ok(out)
}

/// The length of a byte-order mark at the start of a part. quick-xml skips
/// it and counts positions from after it; every scanner adds this back so
/// that ranges index the part as stored.
pub fn bom_len(xml: &str) -> usize {
    if xml.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Escape text for element content.
pub fn escape_text(s: &str) -> String {
    escape(s, false)
}

/// Escape text for a double-quoted attribute value.
pub fn escape_attr(s: &str) -> String {
    escape(s, true)
}

/// `&`, `<` and `>` as entities; in an attribute value also the quote and
/// the line breaks and tabs that would otherwise read back as spaces.
fn escape(s: &str, in_attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attr => out.push_str("&quot;"),
            '\n' if in_attr => out.push_str("&#10;"),
            '\r' if in_attr => out.push_str("&#13;"),
            '\t' if in_attr => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// The local part of a qualified name.
pub fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

/// The prefix of a qualified name with its colon (`w:`), or empty.
pub fn prefix_of(qname: &str) -> &str {
    match qname.rfind(':') {
        Some(i) => &qname[..=i],
        None => "",
    }
}

/// The unescaped value of the attribute whose local name is `name`
/// (any prefix).
pub fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if local(a.key.0) == name {
            return a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned());
        }
    }
    None
}

/// The value of the attribute with exactly this qualified name.
pub fn attr_q(e: &BytesStart<'_>, qname: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.0 == qname {
            return a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned());
        }
    }
    None
}

/// Resolve a predefined or character entity reference (`amp`, `#x30`).
pub fn resolve_ref(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                num.parse::<u32>().ok()?
            };
            char::from_u32(code)
        }
    }
}

/// Check that a part we are about to write is well-formed XML (matching
/// end tags, no DOCTYPE) and not deeper than `max_depth`.
pub fn check_well_formed(xml: &str, part: &str, max_depth: usize) -> Result<(), WriteError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let pos = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                check_attributes(&e, part, pos)?;
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
                if depth > max_depth {
                    return Err(xml_err(part, pos, "nesting too deep"));
                }
            }
            Ok(Event::Empty(e)) => {
                check_attributes(&e, part, pos)?;
                if depth == 0 {
                    roots += 1;
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::DocType(_)) => return Err(xml_err(part, pos, "DOCTYPE")),
            Ok(Event::GeneralRef(r)) => {
                if resolve_ref(&r).is_none() {
                    return Err(xml_err(part, pos, "unknown entity reference"));
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(xml_err(part, reader.error_position(), &e.to_string())),
        }
    }
    if depth != 0 || roots != 1 {
        return Err(xml_err(part, xml.len() as u64, "unbalanced elements"));
    }
    Ok(())
}

/// Every attribute of a start tag must parse (name, `=`, quoted value, no
/// duplicates), with a known entity in its value.
fn check_attributes(e: &BytesStart<'_>, part: &str, pos: u64) -> Result<(), WriteError> {
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|err| xml_err(part, pos, &format!("bad attribute: {err}")))?;
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| xml_err(part, pos, &format!("bad attribute value: {err}")))?;
    }
    Ok(())
}

pub fn xml_err(part: &str, offset: u64, detail: &str) -> WriteError {
    WriteError::Xml {
        part: part.to_string(),
        offset,
        detail: detail.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splices_keep_untouched_bytes() {
        let src = "<a><b>xy</b></a>";
        let out = apply_splices(
            src,
            &[
                Splice::replace(6..8, "zz"),
                Splice::insert(3, "<c/>"),
                Splice::insert(3, "<d/>"),
            ],
            "t",
        )
        .unwrap();
        assert_eq!(out, "<a><c/><d/><b>zz</b></a>");
    }

    #[test]
    fn overlapping_splices_fail() {
        let err = apply_splices(
            "abcdef",
            &[Splice::replace(1..4, "x"), Splice::replace(3..5, "y")],
            "t",
        );
        assert!(err.is_err());
    }

    #[test]
    fn well_formedness() {
        assert!(check_well_formed("<a><b/></a>", "t", 10).is_ok());
        assert!(check_well_formed("<a><b></a>", "t", 10).is_err());
        assert!(check_well_formed("<a>&foo;</a>", "t", 10).is_err());
        assert!(check_well_formed("<a/><b/>", "t", 10).is_err());
        // A tag spliced into another tag's attributes.
        assert!(check_well_formed(r#"<a><b r="1"<c x="2"/>/></a>"#, "t", 10).is_err());
        assert!(check_well_formed(r#"<a x="1" x="2"/>"#, "t", 10).is_err());
    }
}
