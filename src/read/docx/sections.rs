//! Which header and footer parts a reader of the document actually sees.
//!
//! Each section (`w:sectPr`, in a paragraph's properties or at the end of
//! the body) names up to three headers and three footers by type
//! (ECMA-376 §17.10.5): `default`, `first` and `even`. The `first` one is
//! shown only when the section switches on a distinct first page
//! (`w:titlePg`), the `even` one only when the document switches on
//! distinct odd and even pages (`w:evenAndOddHeaders` in
//! `word/settings.xml`). A section without a reference of some kind uses
//! the previous section's (§17.10.5: headers are inherited). A part that
//! no section shows is inactive: Word keeps it, nobody sees it, and its
//! text is kept out of the model (a [`crate::model::ReadNote`] says so).

use crate::error::ReadError;
use crate::read::Limits;
use crate::read::xml::{XmlEvent, XmlReader, attr, local, local_of, on_off, with_part};
use std::collections::{BTreeMap, BTreeSet};

/// One header or footer reference of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reference {
    /// `headerReference` or `footerReference`.
    element: String,
    kind: String,
    rel_id: String,
}

/// The relationship ids of the header/footer parts of `main` that no
/// section shows, with why (`first` / `even`), and whether any section has
/// an `even` part in force (else `even_and_odd` changed nothing, and the
/// settings part need not be read). Ids shown by some section are never in
/// the result.
pub(crate) fn inactive_refs(
    part: &str,
    main: &[u8],
    even_and_odd: bool,
    limits: &Limits,
) -> Result<(BTreeMap<String, &'static str>, bool), ReadError> {
    let mut scan = Scan {
        even_and_odd,
        ..Scan::default()
    };
    // Only the sectPr elements matter: parsing just them, rather than the
    // whole main part a second time, was 10 % of `check`. Markup that could
    // hide a tag from the byte search (comments, CDATA, processing
    // instructions) sends the part through the full parse. Bytes, not
    // text: the body parse checked them as UTF-8 already.
    match section_spans(main) {
        Some(spans) => {
            for span in spans {
                let fragment = main.get(span).unwrap_or_default();
                scan.run(&mut XmlReader::over_bytes(part, fragment, limits))?;
            }
        }
        None => scan.run(&mut XmlReader::over_bytes(part, main, limits))?,
    }
    let Scan {
        active,
        hidden,
        saw_even,
        ..
    } = scan;
    let mut hidden = hidden;
    hidden.retain(|id, _| !active.contains(id));
    Ok((hidden, saw_even))
}

/// The byte ranges of the outermost `sectPr` elements of `xml` (a
/// `sectPrChange`'s old copy stays inside its section), in order; `None`
/// when the part holds markup other than tags and the XML declaration, or
/// the tags do not pair up.
fn section_spans(xml: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
    let after_decl = match xml.strip_prefix(b"<?") {
        Some(rest) => rest
            .windows(2)
            .position(|w| w == b"?>")
            .map(|i| xml.len() - rest.len() + i + 2)?,
        None => 0,
    };
    let body = xml.get(after_decl..)?;
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut open_at = 0usize;
    for at in sect_names(body)? {
        let at = after_decl + at;
        let Some(tag) = tag_at(xml, at, "sectPr".len()) else {
            continue;
        };
        match tag {
            Tag::Open(lt) => {
                if depth == 0 {
                    open_at = lt;
                }
                depth += 1;
            }
            Tag::Empty(lt, gt) if depth == 0 => spans.push(lt..gt),
            Tag::Empty(..) => {}
            Tag::Close(gt) => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    spans.push(open_at..gt);
                }
            }
        }
    }
    (depth == 0).then_some(spans)
}

/// Where `sectPr` occurs in `hay`, in order (what `match_indices` gives:
/// no two overlap); `None` when `<!` or `<?` occurs. memchr's byte-string
/// searches, many bytes at a time (`P`, which the previous one-pass
/// search stopped at, is in every `w:pPr` and `w:rPr`).
fn sect_names(hay: &[u8]) -> Option<Vec<usize>> {
    // `<!` and `<?` in one pass over the part, not one each: `!` and `?`
    // are rare bytes in a part, each checked for a `<` before it.
    let markup =
        memchr::memchr2_iter(b'!', b'?', hay).any(|i| i > 0 && hay.get(i - 1) == Some(&b'<'));
    if markup {
        return None;
    }
    Some(sect_pr_finder().find_iter(hay).collect())
}

/// The search for `sectPr`, built once.
fn sect_pr_finder() -> &'static memchr::memmem::Finder<'static> {
    static SECT_PR: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    SECT_PR.get_or_init(|| memchr::memmem::Finder::new(b"sectPr"))
}

/// A `sectPr` tag found by its name: where it starts (`<`) and ends (past `>`).
enum Tag {
    Open(usize),
    Empty(usize, usize),
    Close(usize),
}

/// The tag whose name (any prefix) is the `len` bytes at `at`, if those
/// bytes are a whole tag name.
fn tag_at(bytes: &[u8], at: usize, len: usize) -> Option<Tag> {
    // After the name: blank, `>` or `/` (not `sectPrChange`).
    let next = *bytes.get(at + len)?;
    if !(next.is_ascii_whitespace() || next == b'>' || next == b'/') {
        return None;
    }
    // Before it: `<`, `</`, or either with a prefix.
    let mut i = at;
    if i > 0 && bytes.get(i - 1) == Some(&b':') {
        i -= 1;
        while i > 0 && bytes.get(i - 1).is_some_and(|b| is_name_byte(*b)) {
            i -= 1;
        }
    }
    let before = |back: usize| i.checked_sub(back).and_then(|j| bytes.get(j)).copied();
    let (lt, close) = match (before(2), before(1)) {
        (Some(b'<'), Some(b'/')) => (i - 2, true),
        (_, Some(b'<')) => (i - 1, false),
        _ => return None,
    };
    let gt = tag_end(bytes, at + len)?;
    Some(if close {
        Tag::Close(gt)
    } else if bytes.get(gt - 2) == Some(&b'/') {
        Tag::Empty(lt, gt)
    } else {
        Tag::Open(lt)
    })
}

/// Past the `>` closing the tag that continues at `from` (a `>` inside a
/// quoted attribute value does not close it).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.get(from..)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return Some(from + i + 1),
            _ => {}
        }
    }
    None
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.') || b >= 0x80
}

/// What the sections seen so far show and hide.
#[derive(Default)]
struct Scan {
    even_and_odd: bool,
    active: BTreeSet<String>,
    hidden: BTreeMap<String, &'static str>,
    /// (element, kind) → the part in force, carried from section to section.
    in_force: BTreeMap<(String, String), String>,
    /// Some section ended with an `even` part in force.
    saw_even: bool,
}

impl Scan {
    /// Read the sections of `r` (the whole part or one sectPr element).
    fn run(&mut self, r: &mut XmlReader<'_>) -> Result<(), ReadError> {
        // Inside a section's own properties (not a sectPrChange's old copy).
        let mut refs: Vec<Reference> = Vec::new();
        let mut title_pg = false;
        let mut in_sect: Option<usize> = None;
        let mut in_change: Option<usize> = None;
        loop {
            match r.next_event()? {
                XmlEvent::Start(s) if in_change.is_none() && local_of(&s) == "sectPrChange" => {
                    in_change = Some(r.depth());
                }
                XmlEvent::Start(s) if in_change.is_none() && local_of(&s) == "sectPr" => {
                    in_sect = Some(r.depth());
                    refs.clear();
                    title_pg = false;
                }
                XmlEvent::Start(s) | XmlEvent::Empty(s)
                    if in_sect.is_some() && in_change.is_none() =>
                {
                    match local_of(&s) {
                        e @ ("headerReference" | "footerReference") => refs.push(Reference {
                            element: e.to_string(),
                            kind: attr(&s, "type").unwrap_or_else(|| "default".into()),
                            rel_id: attr(&s, "id").unwrap_or_default(),
                        }),
                        "titlePg" => title_pg = on_off(&s),
                        _ => {}
                    }
                }
                XmlEvent::End(name) => {
                    let depth = r.depth() + 1;
                    if in_change == Some(depth) {
                        in_change = None;
                    } else if in_change.is_none()
                        && in_sect == Some(depth)
                        && local(&name) == "sectPr"
                    {
                        in_sect = None;
                        self.end_section(&mut refs, title_pg);
                    }
                }
                XmlEvent::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// A section ends: its references replace those in force, and every
    /// part in force is shown or hidden by its settings.
    fn end_section(&mut self, refs: &mut Vec<Reference>, title_pg: bool) {
        for reference in refs.drain(..) {
            self.in_force
                .insert((reference.element, reference.kind), reference.rel_id);
        }
        for ((_, kind), rel_id) in &self.in_force {
            let why = match kind.as_str() {
                "first" if !title_pg => Some("first"),
                "even" if !self.even_and_odd => Some("even"),
                _ => None,
            };
            self.saw_even |= kind == "even";
            match why {
                Some(why) => {
                    self.hidden.entry(rel_id.clone()).or_insert(why);
                }
                None => {
                    self.active.insert(rel_id.clone());
                }
            }
        }
    }
}

/// `w:evenAndOddHeaders` switched on in the settings part.
pub(crate) fn even_and_odd_headers(
    part: &str,
    settings: &[u8],
    limits: &Limits,
) -> Result<bool, ReadError> {
    with_part(part, settings, limits, even_and_odd_of)
}

fn even_and_odd_of(r: &mut XmlReader<'_>) -> Result<bool, ReadError> {
    loop {
        match r.next_event()? {
            XmlEvent::Start(s) | XmlEvent::Empty(s) if local_of(&s) == "evenAndOddHeaders" => {
                return Ok(on_off(&s));
            }
            XmlEvent::Eof => return Ok(false),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The eight-bytes-at-a-time search this module used before memchr.
    /// The previous [`sect_names`] (kept as the oracle): where `sectPr` occurs in `hay`, in order (what `match_indices` gives:
    /// no two overlap); `None` when `<!` or `<?` occurs. One pass, eight
    /// bytes at a time for the bytes `!`, `?` and `P`: std has no byte-string
    /// search, and `str` searches wanted the main part checked as UTF-8 first
    /// (that check and three searches cost more than this pass).
    fn sect_names_by_words(hay: &[u8]) -> Option<Vec<usize>> {
        const LO: u64 = 0x0101_0101_0101_0101;
        const HI: u64 = 0x8080_8080_8080_8080;
        // Flags every byte of `w` equal to `b` (and maybe more above one: each
        // flag is checked against the bytes).
        let flag = |w: u64, b: u8| {
            let x = w ^ (LO * u64::from(b));
            x.wrapping_sub(LO) & !x & HI
        };
        let mut found = Vec::new();
        let mut base = 0;
        for chunk in hay.chunks_exact(8) {
            let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
            let mut m = flag(w, b'!') | flag(w, b'?') | flag(w, b'P');
            while m != 0 {
                sect_mark(hay, base + (m.trailing_zeros() / 8) as usize, &mut found)?;
                m &= m - 1;
            }
            base += 8;
        }
        for i in base..hay.len() {
            sect_mark(hay, i, &mut found)?;
        }
        Some(found)
    }

    /// [`sect_names`] at byte `i`: `None` at the `!` or `?` of `<!`, `<?`.
    fn sect_mark(hay: &[u8], i: usize, found: &mut Vec<usize>) -> Option<()> {
        match hay.get(i) {
            Some(b'!' | b'?') if i > 0 && hay.get(i - 1) == Some(&b'<') => None,
            Some(b'P') if i >= 4 && hay.get(i - 4..i + 2) == Some(b"sectPr".as_slice()) => {
                found.push(i - 4);
                Some(())
            }
            _ => Some(()),
        }
    }

    /// The memchr searches find what the word-at-a-time search found.
    #[test]
    fn sect_names_match_the_word_search() {
        let pieces: [&[u8]; 9] = [
            b"sectPr",
            b"<w:sectPr>",
            b"</w:sectPr>",
            b"<!",
            b"<?",
            b"P",
            b"<",
            b"x",
            b"ectPrsectP",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..50_000 {
            crate::base::xorshift(&mut seed);
            let n = (seed % 12) as usize;
            let hay: Vec<u8> = (0..n)
                .flat_map(|k| {
                    pieces[(seed >> (5 * k % 60)) as usize % pieces.len()]
                        .iter()
                        .copied()
                })
                .collect();
            assert_eq!(
                sect_names(&hay),
                sect_names_by_words(&hay),
                "{:?}",
                String::from_utf8_lossy(&hay)
            );
        }
    }

    const DOC: &str = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body><w:p/>
<w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:headerReference w:type="first" r:id="rId2"/><w:headerReference w:type="even" r:id="rId3"/><w:footerReference w:type="first" r:id="rId4"/>TITLE</w:sectPr>
</w:body></w:document>"#;

    fn run(doc: &str, even: bool) -> Vec<String> {
        inactive_refs(
            "word/document.xml",
            doc.as_bytes(),
            even,
            &Limits::default(),
        )
        .unwrap()
        .0
        .into_keys()
        .collect()
    }

    #[test]
    fn occurrences_are_those_match_indices_finds() {
        let mut hay = String::new();
        for i in 0..3000 {
            hay.push_str(if i % 7 == 0 {
                "様sectPr"
            } else {
                "<w:p>x</w:p>"
            });
            if i % 11 == 0 {
                hay.push_str("sect");
            }
        }
        for cut in [0, 1, 4095, 4096, 4097, 9000] {
            let Some(h) = hay.get(cut..) else { continue };
            let want: Vec<usize> = h.match_indices("sectPr").map(|(i, _)| i).collect();
            let bang = h.contains("<!") || h.contains("<?");
            let got = sect_names(h.as_bytes());
            assert_eq!(got, (!bang).then_some(want), "{cut}");
        }
        assert_eq!(sect_names(b""), Some(vec![]));
        for h in [
            "<!",
            "a<?",
            "<a>!?",
            "<<?",
            "!<",
            "xxxxxxx<!",
            "xxxxxxx<",
            "xxxxxxxx<!",
        ] {
            let bang = h.contains("<!") || h.contains("<?");
            assert_eq!(sect_names(h.as_bytes()).is_none(), bang, "{h}");
        }
        for h in [
            "sectPr",
            "xsectPr",
            "sectPrsectPr",
            "1234567sectPr",
            "sectP",
            "PPPPPPPPPsectPrP",
            "様sectPr!P?",
        ] {
            let want: Vec<usize> = h.match_indices("sectPr").map(|(i, _)| i).collect();
            assert_eq!(sect_names(h.as_bytes()), Some(want), "{h}");
        }
    }

    #[test]
    fn first_and_even_are_inactive_unless_switched_on() {
        assert_eq!(
            run(&DOC.replace("TITLE", ""), false),
            ["rId2", "rId3", "rId4"]
        );
        assert_eq!(run(&DOC.replace("TITLE", "<w:titlePg/>"), false), ["rId3"]);
        assert_eq!(
            run(&DOC.replace("TITLE", "<w:titlePg/>"), true),
            Vec::<String>::new()
        );
        assert_eq!(
            run(&DOC.replace("TITLE", "<w:titlePg w:val=\"0\"/>"), true),
            ["rId2", "rId4"]
        );
    }

    #[test]
    fn a_part_shown_by_another_section_stays_active() {
        let doc = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body>
<w:p><w:pPr><w:sectPr><w:headerReference w:type="first" r:id="rId2"/><w:titlePg/></w:sectPr></w:pPr></w:p>
<w:sectPr><w:headerReference w:type="first" r:id="rId2"/></w:sectPr></w:body></w:document>"#;
        assert!(run(doc, false).is_empty());
    }

    #[test]
    fn a_later_section_inherits_and_may_show_a_first_header() {
        let doc = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body>
<w:p><w:pPr><w:sectPr><w:headerReference w:type="first" r:id="rId2"/></w:sectPr></w:pPr></w:p>
<w:sectPr><w:titlePg/></w:sectPr></w:body></w:document>"#;
        assert!(run(doc, false).is_empty());
    }

    #[test]
    fn settings_switch() {
        let l = Limits::default();
        let on = r#"<w:settings xmlns:w="w"><w:evenAndOddHeaders/></w:settings>"#;
        let off = r#"<w:settings xmlns:w="w"><w:evenAndOddHeaders w:val="false"/></w:settings>"#;
        assert!(even_and_odd_headers("s", on.as_bytes(), &l).unwrap());
        assert!(!even_and_odd_headers("s", off.as_bytes(), &l).unwrap());
        assert!(!even_and_odd_headers("s", b"<w:settings/>", &l).unwrap());
    }

    #[test]
    fn only_the_outer_section_elements_are_scanned() {
        let doc = r#"<?xml version="1.0"?><w:document xmlns:w="w" xmlns:r="r"><w:body>
<w:p><w:r><w:t>sectPr &lt;w:sectPr&gt;</w:t></w:r></w:p>
<w:sectPr w:rsidR="a>b"><w:headerReference w:type="first" r:id="rId2"/><w:sectPrChange><w:sectPr><w:titlePg/></w:sectPr></w:sectPrChange></w:sectPr>
<w:sectPr/></w:body></w:document>"#;
        let spans = section_spans(doc.as_bytes()).unwrap();
        assert_eq!(spans.len(), 2);
        assert!(doc[spans[0].clone()].starts_with("<w:sectPr w:rsidR"));
        assert!(doc[spans[0].clone()].ends_with("</w:sectPrChange></w:sectPr>"));
        assert_eq!(&doc[spans[1].clone()], "<w:sectPr/>");
        // The old copy's titlePg does not show the first header.
        assert_eq!(run(doc, false), ["rId2"]);
    }

    #[test]
    fn markup_a_byte_search_could_misread_takes_the_full_parse() {
        let doc = r#"<w:document xmlns:w="w" xmlns:r="r"><w:body><!-- <w:sectPr><w:titlePg/></w:sectPr> -->
<w:sectPr><w:headerReference w:type="first" r:id="rId2"/></w:sectPr></w:body></w:document>"#;
        assert!(section_spans(doc.as_bytes()).is_none());
        assert_eq!(run(doc, false), ["rId2"]);
        assert!(section_spans(b"<a></w:sectPr></a>").is_none());
    }
}
