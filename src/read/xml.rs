//! Safe XML reading: a quick-xml pull reader that refuses DOCTYPE and entity
//! declarations (never expands them), enforces the element nesting limit,
//! and reports malformed XML with the part name and byte offset.
//!
//! Usage:
//! ```
//! # use yoshiki::read::{Limits, xml::{decode, XmlReader, XmlEvent}};
//! let text = decode("word/document.xml", b"<w:p><w:t>a&amp;b</w:t></w:p>").unwrap();
//! let mut r = XmlReader::new("word/document.xml", &text, &Limits::default());
//! let mut got = String::new();
//! loop {
//!     match r.next_event().unwrap() {
//!         XmlEvent::Text(t) => got.push_str(&t),
//!         XmlEvent::Eof => break,
//!         _ => {}
//!     }
//! }
//! assert_eq!(got, "a&b");
//! ```

use crate::error::ReadError;
use crate::read::Limits;
use quick_xml::Reader;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use std::borrow::Cow;

mod fast;

use fast::FastScan;
pub(crate) use fast::find_any;

/// One event of the safe reader. Text is already unescaped (predefined
/// entities and character references resolved, CDATA included); comments,
/// processing instructions and the XML declaration are skipped.
#[derive(Debug)]
pub enum XmlEvent<'a> {
    /// A start tag; [`XmlReader::depth`] now counts it.
    Start(BytesStart<'a>),
    /// A self-closing tag (no matching `End` follows).
    Empty(BytesStart<'a>),
    /// An end tag, by qualified name (`w:p`); borrowed, since most
    /// readers only count depth and an owned copy per tag cost allocations.
    End(BytesEnd<'a>),
    /// Character data.
    Text(Cow<'a, str>),
    /// End of the document.
    Eof,
}

/// Turn a part's bytes into text: UTF-8 (BOM stripped) or UTF-16 with a
/// BOM. Invalid UTF-8 is [`ReadError::MalformedXml`] at the first bad byte.
pub fn decode<'a>(part: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (enc, bom_len) =
            encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_16LE, 2));
        let (text, had_errors) =
            enc.decode_without_bom_handling(bytes.get(bom_len..).unwrap_or_default());
        if had_errors {
            return Err(ReadError::MalformedXml {
                part: part.to_string(),
                offset: 0,
                detail: "invalid UTF-16".into(),
            });
        }
        return Ok(Cow::Owned(text.into_owned()));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => Err(ReadError::MalformedXml {
            part: part.to_string(),
            offset: (e.valid_up_to() + (bytes.len() - body.len())) as u64,
            detail: "invalid UTF-8".into(),
        }),
    }
}

/// Run `parse` over a part's bytes, as over [`decode`]'s text but without
/// checking the whole part as UTF-8 first: quick-xml checks every slice it
/// makes an event of, so the part was checked twice (issue 13). For a pure
/// `parse` (no effect but its result) the outcome is the same: an error,
/// or bytes `parse` did not read that are not UTF-8, give `decode`'s
/// error when the part is not UTF-8 (as `decode` would have before any
/// parsing), else `parse`'s result. UTF-16 parts are decoded first.
pub fn with_part<T>(
    part: &str,
    bytes: &[u8],
    limits: &Limits,
    parse: impl FnOnce(&mut XmlReader<'_>) -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    let Some(body) = utf8_body(bytes) else {
        let text = decode(part, bytes)?;
        return parse(&mut XmlReader::new(part, &text, limits));
    };
    let mut r = XmlReader::over_bytes(part, body, limits);
    let result = parse(&mut r);
    if r.fast.whole_utf8() {
        // `decode` could not fail: the reader checked the whole body.
        return result;
    }
    settle(part, bytes, body, r.position(), result)
}

/// The bytes to read a UTF-8 part from without checking them first (BOM
/// stripped, as [`decode`] strips it); `None` when the part must go
/// through [`decode`]: quick-xml strips a UTF-16 BOM unchecked.
pub fn utf8_body(bytes: &[u8]) -> Option<&[u8]> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    (!matches!(body.first(), Some(0xFE | 0xFF))).then_some(body)
}

/// The outcome of a pure parse of `body` (see [`utf8_body`]) that read
/// `read` bytes of it: [`decode`]'s error when the part is not UTF-8 and
/// the parse failed or left unchecked bytes that are not, else `result`.
pub fn settle<T>(
    part: &str,
    bytes: &[u8],
    body: &[u8],
    read: u64,
    result: Result<T, ReadError>,
) -> Result<T, ReadError> {
    let unread = usize::try_from(read)
        .ok()
        .and_then(|at| body.get(at..))
        .unwrap_or(body);
    if result.is_err() || std::str::from_utf8(unread).is_err() {
        decode(part, bytes)?;
    }
    result
}

/// A pull reader over one part's text.
pub struct XmlReader<'a> {
    /// Reads the plain events; quick-xml takes over where it gives up.
    fast: FastScan<'a>,
    reader: Reader<&'a [u8]>,
    part: String,
    depth: usize,
    max_depth: usize,
}

impl<'a> XmlReader<'a> {
    /// A reader over `text` (see [`decode`]), named `part` in errors.
    pub fn new(part: &str, text: &'a str, limits: &Limits) -> Self {
        let fast = FastScan::over_text(text, true, text.as_bytes());
        Self::with_scan(part, text.as_bytes(), fast, limits)
    }

    /// A reader over bytes not checked as UTF-8 beforehand: the scanner
    /// checks them once, quick-xml each slice it reads after taking over
    /// (see [`with_part`]).
    pub fn over_bytes(part: &str, bytes: &'a [u8], limits: &Limits) -> Self {
        Self::with_scan(part, bytes, FastScan::over_bytes(bytes), limits)
    }

    fn with_scan(part: &str, bytes: &'a [u8], fast: FastScan<'a>, limits: &Limits) -> Self {
        // `from_reader` only leaves the encoding open to a BOM or a
        // declaration, which nothing here reads: events are `str` either way.
        let mut reader = Reader::from_reader(bytes);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        XmlReader {
            fast,
            reader,
            part: part.to_string(),
            depth: 0,
            max_depth: limits.max_xml_depth,
        }
    }

    /// The part name given at construction.
    pub fn part(&self) -> &str {
        &self.part
    }

    /// Number of elements currently open.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Byte offset just after the last event.
    pub fn position(&self) -> u64 {
        if self.fast.is_on() {
            return self.fast.position();
        }
        self.reader.buffer_position()
    }

    /// Let quick-xml read from where the scanner gave up: it reads the
    /// events the scanner gave again (unseen) to be in the same state.
    #[cold]
    fn hand_over(&mut self) -> Result<(), ReadError> {
        let to = self.fast.position();
        self.fast.hand_over();
        while self.reader.buffer_position() < to {
            match self.reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => return Err(self.malformed(self.reader.error_position(), e.to_string())),
            }
        }
        Ok(())
    }

    /// The next event. Errors: [`ReadError::DtdRefused`] on `<!DOCTYPE`,
    /// [`ReadError::TooDeep`] past the nesting limit,
    /// [`ReadError::MalformedXml`] on anything quick-xml rejects, an entity
    /// reference other than the five predefined ones, or a truncated part.
    pub fn next_event(&mut self) -> Result<XmlEvent<'a>, ReadError> {
        self.next_event_inlined()
    }

    /// [`XmlReader::next_event`], inlined into the one caller that takes
    /// nearly every event of a document (the body parser): a call less
    /// and the event moved once less per event.
    #[inline(always)]
    pub(crate) fn next_event_inlined(&mut self) -> Result<XmlEvent<'a>, ReadError> {
        loop {
            let event = if self.fast.is_on() {
                match self.fast.next() {
                    Some(ev) => ev,
                    None => {
                        self.hand_over()?;
                        continue;
                    }
                }
            } else {
                match self.reader.read_event() {
                    Ok(ev) => ev,
                    Err(e) => {
                        return Err(self.malformed(self.reader.error_position(), e.to_string()));
                    }
                }
            };
            match event {
                Event::Start(s) => {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(ReadError::TooDeep {
                            part: self.part.clone(),
                            limit: self.max_depth,
                        });
                    }
                    return Ok(XmlEvent::Start(s));
                }
                Event::Empty(s) => return Ok(XmlEvent::Empty(s)),
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(XmlEvent::End(e));
                }
                Event::Text(t) => {
                    let content = match t.into_inner() {
                        Cow::Borrowed(s) => normalize_eols(s),
                        Cow::Owned(s) => Cow::Owned(normalize_eols(&s).into_owned()),
                    };
                    if content.is_empty() {
                        continue;
                    }
                    return Ok(XmlEvent::Text(content));
                }
                Event::CData(c) => {
                    let content = match c.into_inner() {
                        Cow::Borrowed(s) => normalize_eols(s),
                        Cow::Owned(s) => Cow::Owned(normalize_eols(&s).into_owned()),
                    };
                    return Ok(XmlEvent::Text(content));
                }
                Event::GeneralRef(r) => {
                    let pos = self.position();
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => match predefined_entity(&r) {
                            Some(s) => s.to_string(),
                            None => {
                                return Err(
                                    self.malformed(pos, format!("undefined entity &{};", &*r))
                                );
                            }
                        },
                        Err(e) => return Err(self.malformed(pos, e.to_string())),
                    };
                    return Ok(XmlEvent::Text(Cow::Owned(resolved)));
                }
                Event::DocType(_) => {
                    return Err(ReadError::DtdRefused {
                        part: self.part.clone(),
                    });
                }
                Event::Eof => {
                    if self.depth > 0 {
                        let pos = self.position();
                        return Err(self.malformed(
                            pos,
                            format!("document ends with {} element(s) still open", self.depth),
                        ));
                    }
                    return Ok(XmlEvent::Eof);
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            }
        }
    }

    /// Skip everything up to and including the end tag of the element whose
    /// `Start` was just returned (depth-based, so nested same names work).
    pub fn skip_element(&mut self) -> Result<(), ReadError> {
        let target = self.depth.saturating_sub(1);
        loop {
            match self.next_event_inlined()? {
                XmlEvent::End(_) if self.depth == target => return Ok(()),
                XmlEvent::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// All text inside the element whose `Start` was just returned,
    /// consuming it up to its end tag.
    pub fn element_text(&mut self) -> Result<String, ReadError> {
        self.element_text_cow().map(Cow::into_owned)
    }

    /// [`XmlReader::element_text`], borrowed from the part's text when the
    /// element holds a single piece of text without references (nearly every
    /// `w:t`): no String per run.
    pub fn element_text_cow(&mut self) -> Result<Cow<'a, str>, ReadError> {
        let target = self.depth.saturating_sub(1);
        let mut out: Cow<'a, str> = Cow::Borrowed("");
        loop {
            match self.next_event_inlined()? {
                XmlEvent::Text(t) if out.is_empty() => out = t,
                XmlEvent::Text(t) => out.to_mut().push_str(&t),
                XmlEvent::End(_) if self.depth == target => return Ok(out),
                XmlEvent::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    /// A [`ReadError::MalformedXml`] for this part.
    pub fn malformed(&self, offset: u64, detail: String) -> ReadError {
        ReadError::MalformedXml {
            part: self.part.clone(),
            offset,
            detail,
        }
    }
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

/// XML 1.0 end-of-line handling: `\r\n` and lone `\r` become `\n`.
fn normalize_eols(s: &str) -> Cow<'_, str> {
    // A byte search (word at a time): `contains(char)` set up a char
    // searcher for each text event.
    if !s.as_bytes().contains(&b'\r') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Local name of a tag (`w:p` → `p`).
pub fn local(name: &str) -> &str {
    // A byte loop: names are a few bytes, and a char search (memrchr set
    // up per call) cost ~170 instructions a name, 1.4 % of `check`.
    match name.bytes().rposition(|b| b == b':') {
        Some(i) => name.get(i + 1..).unwrap_or(name),
        None => name,
    }
}

/// The value of the attribute whose local name is `name` (any prefix),
/// unescaped; the raw value if unescaping fails. Malformed attributes are
/// skipped.
pub fn attr(start: &BytesStart<'_>, name: &str) -> Option<String> {
    attr_cow(start, name).map(Cow::into_owned)
}

/// [`attr`], borrowed from the tag when the value needs no unescaping or
/// normalising (for values only compared or parsed: no String each).
pub fn attr_cow<'b>(start: &'b BytesStart<'_>, name: &str) -> Option<Cow<'b, str>> {
    let [value] = attrs_cow(start, [name]);
    value
}

/// One step of reading a tag's attributes the quick way.
enum Plain<'b> {
    Attr(quick_xml::events::attributes::Attribute<'b>),
    End,
    /// Something other than `key="value"` / `key='value'`: the tag goes
    /// through quick-xml's attribute parser instead.
    Odd,
}

/// The attribute of `raw` (a tag's attributes) at byte `at`, moving `at`
/// past it: what quick-xml's parser gives for plainly written attributes
/// (its byte-at-a-time scan cost ~1,500 instructions a tag of a `.rels`
/// part, 1 % of `extract`); [`Plain::Odd`] where the two could differ.
fn plain_next<'b>(raw: &'b str, at: &mut usize) -> Plain<'b> {
    let bytes = raw.as_bytes();
    let blank = |b: &u8| fast::is_blank(*b);
    let mut i = *at;
    while bytes.get(i).is_some_and(blank) {
        i += 1;
    }
    if i >= bytes.len() {
        return Plain::End;
    }
    let key_start = i;
    while bytes.get(i).is_some_and(|b| *b != b'=' && !blank(b)) {
        i += 1;
    }
    // An empty key or blanks around `=` take quick-xml's own paths.
    if i == key_start || bytes.get(i) != Some(&b'=') {
        return Plain::Odd;
    }
    let quote = match bytes.get(i + 1) {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => return Plain::Odd,
    };
    let value_start = i + 2;
    let Some(value_end) = find_any(bytes, value_start, [quote]) else {
        return Plain::Odd;
    };
    // Every bound sits at an ASCII byte, so on a character boundary.
    match (raw.get(key_start..i), raw.get(value_start..value_end)) {
        (Some(key), Some(value)) => {
            *at = value_end + 1;
            Plain::Attr(quick_xml::events::attributes::Attribute {
                key: quick_xml::name::QName(key),
                value: Cow::Borrowed(value),
            })
        }
        _ => Plain::Odd,
    }
}

/// An attribute's value normalised (references resolved, white space as
/// XML says); the raw value if that fails.
fn value_of(a: quick_xml::events::attributes::Attribute<'_>) -> Cow<'_, str> {
    // Without these bytes quick-xml's normalising gives the value as it is
    // (its byte-at-a-time search was most of reading a `.rels` part's tag).
    if find_any(a.value.as_bytes(), 0, [b'&', b'\t', b'\r', b'\n']).is_none() {
        return a.value;
    }
    match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
        Ok(v) => v,
        Err(_) => a.value,
    }
}

/// [`attr_cow`] for several names in one pass over the attributes: the
/// value of each name's first attribute (for elements whose every
/// attribute is wanted, as a `.rels` part's `Relationship`).
pub fn attrs_cow<'b, const N: usize>(
    start: &'b BytesStart<'_>,
    names: [&str; N],
) -> [Option<Cow<'b, str>>; N] {
    let mut out = [const { None }; N];
    let raw = start.attributes_raw();
    let mut at = 0;
    loop {
        match plain_next(raw, &mut at) {
            Plain::Attr(a) => {
                if keep_first(&mut out, &names, a) {
                    return out;
                }
            }
            Plain::End => return out,
            Plain::Odd => break,
        }
    }
    // Read again from the start by quick-xml's parser.
    out = [const { None }; N];
    for a in start.attributes().with_checks(false).flatten() {
        if keep_first(&mut out, &names, a) {
            break;
        }
    }
    out
}

/// Put `a`'s value in the slot of its name when that slot is still empty
/// (a name's first attribute wins); whether every slot is then filled, so
/// that no later attribute can change `out`.
fn keep_first<'b, const N: usize>(
    out: &mut [Option<Cow<'b, str>>; N],
    names: &[&str; N],
    a: quick_xml::events::attributes::Attribute<'b>,
) -> bool {
    let key = local(a.key.as_ref());
    if let Some(i) = names.iter().position(|n| *n == key)
        && let Some(slot) = out.get_mut(i)
        && slot.is_none()
    {
        *slot = Some(value_of(a));
        return out.iter().all(Option::is_some);
    }
    false
}

/// The value of the attribute with exactly this qualified name
/// (`r:id`, `w:val`).
pub fn attr_q(start: &BytesStart<'_>, qname: &str) -> Option<String> {
    for a in start.attributes().with_checks(false).flatten() {
        if a.key.as_ref() == qname {
            return Some(value_of(a).into_owned());
        }
    }
    None
}

/// Local name of a start tag (`sectPr` of `w:sectPr`), borrowed: no
/// allocation for a tag that is only compared.
pub fn local_of<'b>(start: &'b BytesStart<'_>) -> &'b str {
    local(start.name().0)
}

/// Qualified name of a start tag as an owned string.
pub fn qname(start: &BytesStart<'_>) -> String {
    start.name().as_ref().to_string()
}

/// OOXML on/off value: absent `w:val`, `true`, `1`, `on` are true.
pub fn on_off(start: &BytesStart<'_>) -> bool {
    match attr_cow(start, "val") {
        None => true,
        Some(v) => !matches!(&*v, "0" | "false" | "off" | "none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(xml: &str) -> Result<String, ReadError> {
        let mut r = XmlReader::new("p.xml", xml, &Limits::default());
        let mut out = String::new();
        loop {
            match r.next_event()? {
                XmlEvent::Text(t) => out.push_str(&t),
                XmlEvent::Start(s) | XmlEvent::Empty(s) => {
                    out.push('<');
                    out.push_str(local(s.name().as_ref()));
                    out.push('>');
                }
                XmlEvent::End(_) => out.push('/'),
                XmlEvent::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn unescapes_text_and_refs() {
        assert_eq!(
            collect("<?xml version=\"1.0\"?><a>x &amp; &#x41;&#66;<![CDATA[<c>]]></a>").unwrap(),
            "<a>x & AB<c>/"
        );
    }

    #[test]
    fn refuses_doctype() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><a>&lol2;</a>";
        assert!(matches!(collect(xml), Err(ReadError::DtdRefused { .. })));
    }

    #[test]
    fn undefined_entity_is_malformed() {
        assert!(matches!(
            collect("<a>&lol;</a>"),
            Err(ReadError::MalformedXml { .. })
        ));
    }

    #[test]
    fn depth_limit() {
        let xml = "<a>".repeat(300) + &"</a>".repeat(300);
        assert!(matches!(
            collect(&xml),
            Err(ReadError::TooDeep { limit: 256, .. })
        ));
        let ok = "<a>".repeat(200) + &"</a>".repeat(200);
        assert!(collect(&ok).is_ok());
    }

    #[test]
    fn malformed_reports_offset() {
        match collect("<a><b></a>") {
            Err(ReadError::MalformedXml { part, offset, .. }) => {
                assert_eq!(part, "p.xml");
                assert!(offset >= 6, "{offset}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            collect("<a><b>"),
            Err(ReadError::MalformedXml { .. })
        ));
    }

    /// Every event as text, stopping at a `stop` element (a reader that
    /// does not read its part to the end).
    fn events(r: &mut XmlReader<'_>) -> Result<String, ReadError> {
        let mut out = String::new();
        loop {
            match r.next_event()? {
                XmlEvent::Start(s) | XmlEvent::Empty(s) => {
                    if local_of(&s) == "stop" {
                        return Ok(out);
                    }
                    out.push_str(&format!("<{}{:?}>", local_of(&s), attr(&s, "v")));
                }
                XmlEvent::End(_) => out.push('/'),
                XmlEvent::Text(t) => out.push_str(&t),
                XmlEvent::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn with_part_gives_what_decode_then_parse_gave() {
        let l = Limits::default();
        let cases: &[&[u8]] = &[
            b"<a v=\"x\">t\xE6\xA7\x98</a>",
            b"\xFF<a>t</a>",
            b"<a>\xFFt</a>",
            b"<a>t</a>\xC3",
            b"<a v=\"\xE6\xA7\">t</a>",
            b"<a\xFF>t</a>",
            b"<a>x &amp; \xFF</a>",
            b"<a><!-- \xFF --></a>",
            b"<a><stop/>\xFF</a>",
            b"<a><stop/>\xE6\xA7\x98</a>",
            b"<a><b></a>\xFF",
            b"<!DOCTYPE a>\xFF<a/>",
            b"\xEF\xBB\xBF<a>\xFF</a>",
            b"\xEF\xBB\xBF\xFF\xFE<a/>",
            b"\xEF\xBB\xBF\xEF\xBB\xBF<a/>",
            b"\xFF\xFE<\x00a\x00/\x00>\x00",
            b"<a>\r\n\xE6\xA7\x98&#xFF;</a>",
        ];
        for bytes in cases {
            let old = decode("p", bytes).and_then(|t| events(&mut XmlReader::new("p", &t, &l)));
            let new = with_part("p", bytes, &l, events);
            assert_eq!(format!("{old:?}"), format!("{new:?}"), "{bytes:?}");
        }
        assert!(matches!(
            with_part("p", b"<a>t\xFF</a>", &l, events),
            Err(ReadError::MalformedXml { offset: 4, .. })
        ));
    }

    #[test]
    fn plain_attributes_read_as_quick_xml_reads_them() {
        let tags = [
            "<a x=\"1\" y='2' z=\"a&amp;b\" w=\"t\tu\"/>",
            "<a  x = \"1\" y=\"2\"/>",
            "<a x=\"1\"y=\"2\"/>",
            "<a x=1 y=\"2\"/>",
            "<a x=\"1\" x=\"3\" p:y=\"2\"/>",
            "<a x=\"1\" =\"3\" y=\"2\"/>",
            "<a y=\"2\" x z=\"3\"/>",
            "<a x=\"1\n2\" y=''/>",
            "<a x=\"様式\" y=\"'\" z='\"' >",
            "<a\tx=\"1\"\r\ny=\"2\" />",
            "<a/>",
        ];
        let names = ["x", "y", "z", "w"];
        for tag in tags {
            let mut r = XmlReader::new("p", tag, &Limits::default());
            let Ok(XmlEvent::Empty(s) | XmlEvent::Start(s)) = r.next_event() else {
                panic!("{tag}");
            };
            let slow: Vec<(String, String)> = s
                .attributes()
                .with_checks(false)
                .flatten()
                .map(|a| (local(a.key.as_ref()).to_string(), value_of(a).into_owned()))
                .collect();
            let want = names.map(|n| slow.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()));
            let one = names.map(|n| attr(&s, n));
            let all = attrs_cow(&s, names).map(|v| v.map(Cow::into_owned));
            assert_eq!(one, want, "{tag}");
            assert_eq!(all, want, "{tag}");
        }
    }

    #[test]
    fn decodes_utf16_and_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("<a>様式</a>".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode("p", &bytes).unwrap(), "<a>様式</a>");
        assert_eq!(decode("p", b"\xEF\xBB\xBF<a/>").unwrap(), "<a/>");
        assert!(matches!(
            decode("p", b"<a>\xFF</a>"),
            Err(ReadError::MalformedXml { offset: 3, .. })
        ));
    }
}
