//! A scanner that reads the plain events of a part the way quick-xml's
//! reader would, without it: start, empty and end tags, text, general
//! references, processing instructions and the XML declaration. quick-xml
//! checks the bytes of every event as UTF-8 and walks a state machine per
//! event; the part's bytes are checked once here instead (issue 13: the
//! reader was a quarter of `check`).
//!
//! The scanner only ever gives what quick-xml would give at the same place,
//! and gives up (`None`) where it could differ: a comment, CDATA or
//! DOCTYPE, a tag or reference left open, an end tag that does not match,
//! bytes that are not UTF-8, a byte-order mark. The caller then runs
//! quick-xml over the part from the start up to [`FastScan::position`]
//! (an event boundary for both) and lets it read the rest, so that
//! errors and their offsets stay quick-xml's.

use quick_xml::events::{BytesEnd, BytesRef, BytesStart, BytesText, Event};
use std::borrow::Cow;

/// Where the scanner stands in one part.
pub(super) struct FastScan<'a> {
    /// The part's longest UTF-8 prefix: events are cut from it.
    text: &'a str,
    /// Whether `text` is the whole part.
    whole: bool,
    /// Byte offset of the next event.
    pos: usize,
    /// Names (offset, length in `text`) of the elements open, innermost
    /// last: an end tag must match its start (quick-xml's check).
    open: Vec<(usize, usize)>,
    /// Still scanning (quick-xml not yet taken over).
    on: bool,
}

impl<'a> FastScan<'a> {
    /// A scanner over a part's bytes, checked as UTF-8 here.
    pub(super) fn over_bytes(bytes: &'a [u8]) -> Self {
        let (text, whole) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, true),
            Err(e) => {
                let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
                (std::str::from_utf8(valid).unwrap_or_default(), false)
            }
        };
        Self::over_text(text, whole, bytes)
    }

    /// A scanner over text already checked as UTF-8.
    pub(super) fn over_text(text: &'a str, whole: bool, bytes: &[u8]) -> Self {
        // quick-xml strips a byte-order mark at the start without counting
        // it in its offsets: such a part is left to it.
        let on = !matches!(bytes.first(), Some(0xEF | 0xFE | 0xFF));
        FastScan {
            text,
            whole,
            pos: 0,
            open: Vec::new(),
            on,
        }
    }

    /// Whether the scanner still reads (else quick-xml does).
    #[inline(always)]
    pub(super) fn is_on(&self) -> bool {
        self.on
    }

    /// Whether the whole part is known to be UTF-8.
    pub(super) fn whole_utf8(&self) -> bool {
        self.whole
    }

    /// Byte offset just after the last event given.
    pub(super) fn position(&self) -> u64 {
        self.pos as u64
    }

    /// Stop scanning: quick-xml reads from [`FastScan::position`] on.
    pub(super) fn hand_over(&mut self) {
        self.on = false;
    }

    /// The next event, as quick-xml's reader (configured as
    /// [`super::XmlReader`] configures it) would give it; processing
    /// instructions and the declaration are passed over, as the reader's
    /// caller passes them over. `None`: quick-xml must read from here.
    #[inline(always)]
    pub(super) fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let bytes = self.text.as_bytes();
            let pos = self.pos;
            let Some(&first) = bytes.get(pos) else {
                // End of input, unless only the UTF-8 prefix ended.
                return self.whole.then_some(Event::Eof);
            };
            if first != b'<' {
                return self.text_or_ref(pos);
            }
            match bytes.get(pos + 1) {
                Some(b'/') => return self.end_tag(pos),
                Some(b'?') => self.skip_pi(pos)?,
                Some(b'!') | None => return None,
                Some(_) => return self.start_tag(pos),
            }
        }
    }

    /// Text from `pos` up to markup or a reference, or a reference.
    fn text_or_ref(&mut self, pos: usize) -> Option<Event<'a>> {
        let bytes = self.text.as_bytes();
        if bytes.get(pos) == Some(&b'&') {
            // quick-xml's reference: `&` up to the first `;`, unless a
            // `&` or `<` comes first (then it is an error).
            let rest = bytes.get(pos + 1..)?;
            let at = memchr::memchr3(b';', b'&', b'<', rest)?;
            if rest.get(at) != Some(&b';') {
                return None;
            }
            let name = self.text.get(pos + 1..pos + 1 + at)?;
            self.pos = pos + at + 2;
            return Some(Event::GeneralRef(BytesRef::new(name)));
        }
        let end = match find_any(bytes, pos, [b'<', b'&']) {
            Some(end) => end,
            // Text up to the end of the part (not of a UTF-8 prefix).
            None if self.whole => bytes.len(),
            None => return None,
        };
        let text = self.text.get(pos..end)?;
        self.pos = end;
        Some(Event::Text(BytesText::from_escaped(Cow::Borrowed(text))))
    }

    /// Pass over the processing instruction or declaration at `pos`.
    fn skip_pi(&mut self, pos: usize) -> Option<()> {
        let bytes = self.text.as_bytes();
        // quick-xml's end: the first `>` after a `?` (the `?` of `<?` counts).
        let mut from = pos + 1;
        let gt = loop {
            let at = from + memchr::memchr(b'>', bytes.get(from..)?)?;
            if bytes.get(at - 1) == Some(&b'?') {
                break at;
            }
            from = at + 1;
        };
        // `<??>` is the shortest quick-xml accepts.
        if gt + 1 - pos <= 3 {
            return None;
        }
        self.pos = gt + 1;
        Some(())
    }

    /// The start or empty tag at `pos`.
    fn start_tag(&mut self, pos: usize) -> Option<Event<'a>> {
        let bytes = self.text.as_bytes();
        // The name ends at a blank or at the `>` of a tag without
        // attributes (one search for both). A quote in the name, which
        // quick-xml would take as opening a value, is left to it: so no
        // name kept in `open` holds a quote or a `>`.
        let stop = find_any(
            bytes,
            pos + 1,
            [b'>', b' ', b'\t', b'\r', b'\n', b'"', b'\''],
        )?;
        let gt = match bytes.get(stop)? {
            b'>' => stop,
            b'"' | b'\'' => return None,
            _ => tag_end(bytes, stop)?,
        };
        let inner = self.text.get(pos + 1..gt)?;
        let (content, empty) = match inner.strip_suffix('/') {
            Some(content) => (content, true),
            None => (inner, false),
        };
        let name_len = (stop - pos - 1).min(content.len());
        if name_len == 0 {
            return None;
        }
        self.pos = gt + 1;
        let start = BytesStart::from_content(Cow::Borrowed(content), name_len);
        if empty {
            return Some(Event::Empty(start));
        }
        self.open.push((pos + 1, name_len));
        Some(Event::Start(start))
    }

    /// The end tag at `pos`, when it closes the element open last.
    fn end_tag(&mut self, pos: usize) -> Option<Event<'a>> {
        let &(at, len) = self.open.last()?;
        let open_name = self.text.get(at..at + len)?;
        // Nearly always `</` + the open name + `>`: the name holds no
        // quote or `>` (see `start_tag`), so that `>` is quick-xml's end.
        let after = pos + 2 + len;
        if self.text.as_bytes().get(after) == Some(&b'>')
            && let Some(own) = self.text.get(pos + 2..after)
            && own == open_name
        {
            self.open.pop();
            self.pos = after + 1;
            return Some(Event::End(BytesEnd::new(Cow::Borrowed(own))));
        }
        let gt = tag_end(self.text.as_bytes(), pos)?;
        let content = self.text.get(pos + 2..gt)?;
        // quick-xml drops blanks after the name (all-blank stays as is).
        let name = match content.as_bytes().iter().rposition(|b| !is_blank(*b)) {
            Some(last) => content.get(..=last)?,
            None => content,
        };
        if name != open_name {
            return None;
        }
        self.open.pop();
        self.pos = gt + 1;
        Some(Event::End(BytesEnd::new(Cow::Borrowed(name))))
    }
}

/// The `>` closing the tag that starts at `pos`, as quick-xml finds it: a
/// `>` inside a quoted value does not close it.
#[inline(always)]
fn tag_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut at = pos;
    loop {
        let found = find_any(bytes, at, [b'>', b'"', b'\''])?;
        let quote = *bytes.get(found)?;
        if quote == b'>' {
            return Some(found);
        }
        at = find_any(bytes, found + 1, [quote])? + 1;
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The first index at or after `at` of any of `needles`, eight bytes at a
/// time: tags and runs are a few dozen bytes, where memchr's set-up per
/// call cost more than the search (it was half of the scanner).
#[inline(always)]
pub(crate) fn find_any<const N: usize>(
    bytes: &[u8],
    mut at: usize,
    needles: [u8; N],
) -> Option<usize> {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let mut hits = 0;
        for needle in needles {
            // A zero byte of `word ^ needle…` is a hit; the lowest flag
            // set is exact (false flags only sit above a true one).
            let x = word ^ (ONES * u64::from(needle));
            hits |= x.wrapping_sub(ONES) & !x & HIGHS;
        }
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = bytes.get(at..)?;
    tail.iter()
        .position(|b| needles.contains(b))
        .map(|i| at + i)
}

/// XML white space, as quick-xml counts it.
pub(super) fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

#[cfg(test)]
mod tests {
    use super::super::{XmlEvent, XmlReader, attr, local_of};
    use crate::read::Limits;

    /// Every event, with the position after it, or the error: what a
    /// caller of the reader can see.
    fn trace(bytes: &[u8], scan: bool) -> String {
        let limits = Limits::default();
        let mut r = XmlReader::over_bytes("p", bytes, &limits);
        if !scan {
            r.fast.hand_over();
        }
        let mut out = String::new();
        loop {
            let ev = r.next_event();
            out.push_str(&format!("@{} d{} ", r.position(), r.depth()));
            match ev {
                Ok(XmlEvent::Start(s)) => {
                    out.push_str(&format!("<{}|{:?}|{}>", &*s, attr(&s, "v"), local_of(&s)))
                }
                Ok(XmlEvent::Empty(s)) => out.push_str(&format!("<{}/>", &*s)),
                Ok(XmlEvent::End(e)) => out.push_str(&format!("</{}>", &*e)),
                Ok(XmlEvent::Text(t)) => out.push_str(&format!("{t:?}")),
                Ok(XmlEvent::Eof) => return out + "EOF",
                Err(e) => return out + &format!("{e:?}"),
            }
            out.push('\n');
        }
    }

    #[test]
    fn find_any_finds_the_first_needle() {
        let hay = b"<w:rFonts w:ascii=\"x\" w:eastAsia='y'/>and some text & more <z>";
        for from in 0..hay.len() {
            for needles in [[b'>', b'"', b'\''], [b'<', b'&', b'&'], [b'z', b'z', b'z']] {
                let want = hay[from..]
                    .iter()
                    .position(|b| needles.contains(b))
                    .map(|i| from + i);
                assert_eq!(super::find_any(hay, from, needles), want, "{from}");
            }
        }
    }

    #[test]
    fn scanner_reads_as_quick_xml_reads() {
        let cases: &[&[u8]] = &[
            b"<?xml version=\"1.0\" standalone=\"yes\"?>\r\n<w:doc a=\"1\"><w:p><w:t xml:space=\"preserve\"> a b </w:t></w:p></w:doc>\r\n",
            b"<a v='x>y' w=\"'\"><b/><c  /><d></d ></a>",
            b"<a>x &amp; &lt;&#x41;&#66;&bogus;y</a>",
            b"<a>x & y</a>",
            b"<a>x &amp</a>",
            b"<a>x &amp",
            b"<a><!-- c --><![CDATA[<z>]]>t</a>",
            b"<!DOCTYPE a><a/>",
            b"<a><?pi x?><??><b/></a>",
            b"<a><?>t</a>",
            b"<a><b></a>",
            b"<a></b>",
            b"</a>",
            b"<a><b>",
            b"<a><b",
            b"<a v=\"x",
            b"<a>t<",
            b"<a>tail</a>tail",
            b"<a>t\xE6\xA7\x98</a>",
            b"<a>t\xFF</a>",
            b"<a v=\"\xFF\">t</a>",
            b"<a>ok</a><b>\xFF",
            b"\xEF\xBB\xBF<a>t</a>",
            b"<a>\r\nx\ry</a>",
            b"< a></a>",
            b"<></>",
            b"<a></>",
            b"<a>\t</a\t>",
            b"<a\"b>x</a\"b>",
            b"<a'b' c='>'>x</a'b'>",
            b"<a c=\">\"/><b/ ><c / ><d\t/><e\n></e\n></e>",
            b"<ab><a>x</a ></ab>",
            b"<a>x</ab>",
            b"<ab>x</a>",
            b"<w:p w14:paraId=\"1\"><w:r/></w:p>",
            b"",
            b"   ",
        ];
        for bytes in cases {
            assert_eq!(trace(bytes, true), trace(bytes, false), "{bytes:?}");
        }
    }

    /// The XML parts of the packages kept in tests/fixtures (as Word,
    /// Excel and LibreOffice wrote them), each whole and with a few
    /// seeded damages — cut short, a byte of markup put in or changed —
    /// read the same by the scanner and by quick-xml alone.
    #[test]
    fn scanner_reads_real_and_damaged_parts_as_quick_xml_reads() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut parts: Vec<Vec<u8>> = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let office = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "docx" | "xlsx" | "odt" | "ods"));
                let Some(mut zip) = office
                    .then(|| std::fs::File::open(&path).ok())
                    .flatten()
                    .and_then(|f| zip::ZipArchive::new(f).ok())
                else {
                    continue;
                };
                for i in 0..zip.len() {
                    let Ok(mut entry) = zip.by_index(i) else {
                        continue;
                    };
                    let xml = entry
                        .name()
                        .is_ok_and(|n| n.ends_with(".xml") || n.ends_with(".rels"));
                    if !xml || entry.size() > 256 * 1024 {
                        continue;
                    }
                    let mut bytes = Vec::new();
                    if std::io::Read::read_to_end(&mut entry, &mut bytes).is_ok() {
                        parts.push(bytes);
                    }
                }
            }
        }
        assert!(parts.len() > 500, "only {} parts found", parts.len());
        let marks = b"<>&\"'/=!? \xFF\xE3";
        let mut seed = 0x5eed_u64;
        let mut checked = 0;
        for (n, part) in parts.iter().enumerate() {
            assert_eq!(trace(part, true), trace(part, false), "part {n}");
            // Damages on a sample of the parts (the whole set takes long in
            // a debug build).
            if n % 4 != 0 || part.is_empty() {
                continue;
            }
            for _ in 0..3 {
                let mut damaged = part.clone();
                let at = crate::base::xorshift(&mut seed) as usize % damaged.len();
                match crate::base::xorshift(&mut seed) % 3 {
                    0 => damaged.truncate(at),
                    1 => damaged.insert(at, marks[at % marks.len()]),
                    _ => damaged[at] = marks[(at / 3) % marks.len()],
                }
                assert_eq!(
                    trace(&damaged, true),
                    trace(&damaged, false),
                    "part {n} damaged at {at}"
                );
                checked += 1;
            }
        }
        assert!(checked > 300, "{checked}");
    }
}
