//! Word reader (docx / docm / dotx).
//!
//! Reads the package with [`SafeZip`] under the limits, the package facts
//! with [`package`], then each story part with a streaming pull parser
//! ([`body`]): the main document (fatal if it is missing or malformed),
//! then headers, footers, footnotes, endnotes and comments (a failure there
//! is a [`ReadNote`], not a failure of the file).

mod body;
mod numbering;
mod sections;
pub mod symbols;

use crate::clock::Instant;
use crate::error::ReadError;
use crate::model::{
    Block, Comment, Document, Format, LocatedText, Location, PackageInfo, ReadNote, Revision,
    Story, StoryKind,
};
use crate::read::Limits;
use crate::read::package::{self, Relationship, soft};
use crate::read::xml::{self, XmlReader, decode};
use crate::read::zipsafe::SafeZip;
use body::{PartContent, PartParser};
use std::borrow::Cow;
use std::collections::HashMap;

/// What the part parsers collect for the package as a whole.
#[derive(Debug, Default)]
pub(crate) struct Collect {
    pub revisions: Vec<Revision>,
    pub hidden_text: Vec<LocatedText>,
    /// Comment id → where its range starts (or its reference mark is).
    pub comment_anchors: HashMap<String, Location>,
    pub notes: Vec<ReadNote>,
    /// List definitions and counters, for the list labels of paragraphs.
    pub numbering: crate::read::numbering::Numbering,
    /// The numbering part, not yet read (see [`Collect::numbering_for`]).
    pending_numbering: Option<PendingNumbering>,
    /// Why the numbering part could not be read, and where in the file's
    /// notes an eager read put that.
    numbering_note: Option<(usize, ReadNote)>,
}

/// A numbering part whose inflating and parsing wait for a paragraph that
/// needs it: most forms number no paragraph, and the two were ~7 % of
/// reading one. A part nothing needs is never read, so its size, bomb or
/// damage no longer fails or notes the file.
#[derive(Debug)]
struct PendingNumbering {
    part: String,
    /// The file's note count where the part used to be read.
    note_at: usize,
}

impl Collect {
    /// Read the pending numbering part if `story` (a story part's bytes)
    /// may number a paragraph: a paragraph is numbered only by a `numId`
    /// element, whose name no escape can hide (a part that is not UTF-8 is
    /// taken to). The outcome is the eager read's: the definitions, its
    /// note, or the error that fails the file.
    fn numbering_for(
        &mut self,
        zip: &mut SafeZip,
        story: &[u8],
        limits: &Limits,
    ) -> Result<(), ReadError> {
        if self.pending_numbering.is_none()
            || xml::utf8_body(story).is_some_and(|b| memchr::memmem::find(b, b"numId").is_none())
        {
            return Ok(());
        }
        let Some(p) = self.pending_numbering.take() else {
            return Ok(());
        };
        let parsed = zip
            .read(&p.part)
            .and_then(|b| numbering::parse(&p.part, &b, limits));
        let mut notes = Vec::new();
        if let Some(n) = soft(parsed, &p.part, &mut notes)? {
            self.numbering = n;
        }
        self.numbering_note = notes.pop().map(|n| (p.note_at, n));
        Ok(())
    }

    fn note(&mut self, part: &str, message: &str) {
        self.notes.push(ReadNote {
            part: Some(part.to_string()),
            message: message.to_string(),
        });
    }
}

const DEFAULT_MAIN: &str = "word/document.xml";

/// Read a Word package. `format` is what the name suggested; the main
/// part's content type decides when it says more (macro-enabled,
/// template).
pub fn read(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let started = Instant::now();
    let byte_len = bytes.len() as u64;
    let mut zip = SafeZip::open(bytes, limits)?;
    let mut notes = Vec::new();
    // The package reader parses every `.rels` part: kept, they are not
    // inflated and parsed again below.
    let mut kept = package::KeptRels::new();
    let mut info =
        package::read_package_info_keeping(&mut zip, limits, &mut notes, Some(&mut kept))?;

    let main = main_part(&mut zip, limits, &mut notes, &mut kept)?;
    let format = format_of(&info, &main, format);
    let rels = soft(
        package::read_rels_for_kept(&mut zip, &main, limits, &mut kept),
        &main,
        &mut notes,
    )?
    .unwrap_or_default();

    let mut collect = Collect {
        pending_numbering: numbering_part(&zip, &main, &rels).map(|part| PendingNumbering {
            part,
            note_at: notes.len(),
        }),
        ..Collect::default()
    };
    let main_bytes = zip.read(&main)?;
    collect.numbering_for(&mut zip, &main_bytes, limits)?;
    let (content, main_text) = parse_main(&main, &main_bytes, limits, &rels, &mut collect)?;
    let inactive = inactive_parts(&mut zip, &main, &main_text, &rels, limits, &mut notes)?;
    drop(main_text);
    drop(main_bytes);

    let mut doc = Document::new(name, format, byte_len);
    doc.blocks = content.blocks;

    let mut comments_part = None;
    for (kind, part) in story_parts(&zip, &main, &rels) {
        check_time(started, limits, &part)?;
        if kind == StoryKind::Comments {
            comments_part = Some(part);
            continue;
        }
        if let Some(why) = inactive.get(&part) {
            notes.push(ReadNote {
                part: Some(part.clone()),
                message: format!(
                    "{why} header/footer not shown by any section ({}); not read",
                    if *why == "first" {
                        "w:titlePg absent"
                    } else {
                        "w:evenAndOddHeaders absent"
                    }
                ),
            });
            continue;
        }
        if let Some(story) = soft(
            read_story(&mut zip, kind, &part, limits, &mut collect, &mut kept),
            &part,
            &mut notes,
        )? {
            doc.stories.push(story);
        }
    }
    // Comments last, so that every anchor in the other stories is known.
    if let Some(part) = comments_part {
        check_time(started, limits, &part)?;
        if let Some((story, comments)) = soft(
            read_comments(&mut zip, &part, limits, &mut collect, &mut kept),
            &part,
            &mut notes,
        )? {
            doc.stories.push(story);
            info.comments = comments;
        }
    }

    info.revisions = collect.revisions;
    info.hidden_text = collect.hidden_text;
    if let Some((at, note)) = collect.numbering_note.take() {
        notes.insert(at.min(notes.len()), note);
    }
    notes.extend(collect.notes);
    doc.package = Some(info);
    doc.notes = notes;
    Ok(doc)
}

/// The header and footer parts no section shows (a `first` one without
/// `w:titlePg`, an `even` one without `w:evenAndOddHeaders`), by stored
/// part name, with which kind they are. A settings or main part that cannot
/// be scanned leaves every part active (a note says why).
fn inactive_parts(
    zip: &mut SafeZip,
    main: &str,
    main_text: &[u8],
    rels: &[Relationship],
    limits: &Limits,
    notes: &mut Vec<ReadNote>,
) -> Result<HashMap<String, &'static str>, ReadError> {
    // The settings part only says whether `even` parts show: it is read
    // when some section has one (few forms do), or when the sections cannot
    // be scanned (its note then comes first, as it always did).
    let scanned = match sections::inactive_refs(main, main_text, false, limits) {
        Ok((by_id, false)) => Ok(by_id),
        first => if even_and_odd_headers(zip, main, rels, limits, notes)? {
            sections::inactive_refs(main, main_text, true, limits)
        } else {
            first
        }
        .map(|(by_id, _)| by_id),
    };
    let by_id = soft(scanned, main, notes)?.unwrap_or_default();
    let mut out = HashMap::new();
    for (id, why) in by_id {
        let Some(rel) = rels.iter().find(|r| r.id == id && !r.external) else {
            continue;
        };
        let target = package::resolve_target(main, &rel.target);
        if let Some(stored) = zip.stored_name(&target) {
            out.insert(stored.to_string(), why);
        }
    }
    Ok(out)
}

/// `w:evenAndOddHeaders` of the settings part (by the main part's
/// relationship, else its usual name); on when it cannot be scanned (a
/// note says why), off without a settings part.
fn even_and_odd_headers(
    zip: &mut SafeZip,
    main: &str,
    rels: &[Relationship],
    limits: &Limits,
    notes: &mut Vec<ReadNote>,
) -> Result<bool, ReadError> {
    let settings = rels
        .iter()
        .find(|r| !r.external && r.short_type() == "settings")
        .map(|r| package::resolve_target(main, &r.target))
        .unwrap_or_else(|| "word/settings.xml".into());
    Ok(match zip.stored_name(&settings).map(str::to_string) {
        Some(part) => {
            let bytes = zip.read(&part)?;
            let scanned = sections::even_and_odd_headers(&part, &bytes, limits);
            soft(scanned, &part, notes)?.unwrap_or(true)
        }
        None => false,
    })
}

fn check_time(started: Instant, limits: &Limits, part: &str) -> Result<(), ReadError> {
    let elapsed = started.elapsed().as_millis();
    if elapsed > u128::from(limits.time_budget_ms) {
        return Err(ReadError::LimitExceeded {
            part: Some(part.to_string()),
            detail: format!(
                "reading took over {} ms (time budget)",
                limits.time_budget_ms
            ),
        });
    }
    Ok(())
}

/// The main document part: the package's `officeDocument` relationship,
/// else `word/document.xml`. Missing → [`ReadError::MissingPart`].
fn main_part(
    zip: &mut SafeZip,
    limits: &Limits,
    notes: &mut Vec<ReadNote>,
    kept: &mut package::KeptRels,
) -> Result<String, ReadError> {
    let root_rels = if zip.has("_rels/.rels") {
        soft(
            package::read_rels_part_kept(zip, "_rels/.rels", limits, kept),
            "_rels/.rels",
            notes,
        )?
        .unwrap_or_default()
    } else {
        Vec::new()
    };
    let from_rels = root_rels
        .iter()
        .find(|r| !r.external && r.short_type() == "officeDocument")
        .map(|r| package::resolve_target("", &r.target))
        .and_then(|t| zip.stored_name(&t).map(str::to_string));
    if let Some(part) = from_rels {
        return Ok(part);
    }
    match zip.stored_name(DEFAULT_MAIN) {
        Some(part) => Ok(part.to_string()),
        None => Err(ReadError::MissingPart {
            part: DEFAULT_MAIN.to_string(),
        }),
    }
}

/// Docm for a macro-enabled main part, Dotx for a template, Docx for a
/// document; the name's guess when the content type says nothing.
fn format_of(info: &PackageInfo, main: &str, guess: Format) -> Format {
    let ct = info
        .parts
        .iter()
        .find(|p| p.name == main)
        .and_then(|p| p.content_type.as_deref())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ct.contains("macroenabled") {
        Format::Docm
    } else if ct.contains("wordprocessingml.template") {
        Format::Dotx
    } else if ct.contains("wordprocessingml.document") {
        Format::Docx
    } else {
        guess
    }
}

/// Relationship id → hyperlink target for one part.
fn target_map(part: &str, rels: &[Relationship]) -> HashMap<String, String> {
    rels.iter()
        .map(|r| {
            let target = if r.external {
                r.target.clone()
            } else {
                package::resolve_target(part, &r.target)
            };
            (r.id.clone(), target)
        })
        .collect()
}

/// A story part other than the main one (header, footer, notes,
/// comments) read and parsed, with its relationships, the numbering part
/// read first if the story numbers a paragraph.
fn read_story_part(
    zip: &mut SafeZip,
    part: &str,
    limits: &Limits,
    collect: &mut Collect,
    kept: &mut package::KeptRels,
) -> Result<PartContent, ReadError> {
    let rels = package::read_rels_for_kept(zip, part, limits, kept).unwrap_or_default();
    let bytes = zip.read(part)?;
    collect.numbering_for(zip, &bytes, limits)?;
    let text = decode(part, &bytes)?;
    parse_text(part, &text, limits, &rels, collect)
}

/// The main part parsed from its bytes, not checked as UTF-8 first
/// (quick-xml checks the bytes of each event; see [`xml::with_part`]: the
/// error of a part that is not UTF-8 stays [`decode`]'s, and a failed
/// parse of the main part fails the file, so nothing else is seen), with
/// its text (UTF-8, checked) for the section scan.
fn parse_main<'b>(
    main: &str,
    bytes: &'b [u8],
    limits: &Limits,
    rels: &[Relationship],
    collect: &mut Collect,
) -> Result<(PartContent, Cow<'b, [u8]>), ReadError> {
    let Some(body) = xml::utf8_body(bytes) else {
        let text = decode(main, bytes)?;
        let content = parse_text(main, &text, limits, rels, collect)?;
        return Ok((content, Cow::Owned(text.into_owned().into_bytes())));
    };
    let map = target_map(main, rels);
    let reader = XmlReader::over_bytes(main, body, limits);
    let mut parser = PartParser::new(reader, limits, &map, collect);
    let result = parser.parse_part();
    let read = parser.position();
    let content = xml::settle(main, bytes, body, read, result)?;
    Ok((content, Cow::Borrowed(body)))
}

/// [`read_story_part`]'s parse of a part already decoded (not checked
/// as UTF-8 again).
fn parse_text(
    part: &str,
    text: &str,
    limits: &Limits,
    rels: &[Relationship],
    collect: &mut Collect,
) -> Result<PartContent, ReadError> {
    let map = target_map(part, rels);
    let reader = XmlReader::new(part, text, limits);
    let mut parser = PartParser::new(reader, limits, &map, collect);
    parser.parse_part()
}

/// The story parts in reading order: headers, footers, footnotes,
/// endnotes, comments. From the main part's relationships, else by the
/// usual names.
/// The numbering part: by the main part's relationship, else its usual
/// name.
fn numbering_part(zip: &SafeZip, main: &str, rels: &[Relationship]) -> Option<String> {
    rels.iter()
        .filter(|r| !r.external && r.short_type() == "numbering")
        .find_map(|r| zip.stored_name(&package::resolve_target(main, &r.target)))
        .or_else(|| zip.stored_name("word/numbering.xml"))
        .map(str::to_string)
}

fn story_parts(zip: &SafeZip, main: &str, rels: &[Relationship]) -> Vec<(StoryKind, String)> {
    let mut found: Vec<(StoryKind, String)> = Vec::new();
    for r in rels.iter().filter(|r| !r.external) {
        let kind = match r.short_type() {
            "header" => StoryKind::Header,
            "footer" => StoryKind::Footer,
            "footnotes" => StoryKind::Footnotes,
            "endnotes" => StoryKind::Endnotes,
            "comments" => StoryKind::Comments,
            _ => continue,
        };
        let target = package::resolve_target(main, &r.target);
        if let Some(stored) = zip.stored_name(&target)
            && !found.iter().any(|(_, p)| p == stored)
        {
            found.push((kind, stored.to_string()));
        }
    }
    if found.is_empty() {
        for name in zip.names() {
            let lower = name.to_ascii_lowercase();
            let Some(file) = lower.strip_prefix("word/") else {
                continue;
            };
            let kind = if file.starts_with("header") && file.ends_with(".xml") {
                StoryKind::Header
            } else if file.starts_with("footer") && file.ends_with(".xml") {
                StoryKind::Footer
            } else if file == "footnotes.xml" {
                StoryKind::Footnotes
            } else if file == "endnotes.xml" {
                StoryKind::Endnotes
            } else if file == "comments.xml" {
                StoryKind::Comments
            } else {
                continue;
            };
            found.push((kind, name));
        }
    }
    let rank = |k: StoryKind| match k {
        StoryKind::Header => 0,
        StoryKind::Footer => 1,
        StoryKind::Footnotes => 2,
        StoryKind::Endnotes => 3,
        StoryKind::Comments => 4,
    };
    found.sort_by(|(ka, pa), (kb, pb)| {
        rank(*ka)
            .cmp(&rank(*kb))
            .then_with(|| natural_key(pa).cmp(&natural_key(pb)))
    });
    found
}

/// `header10.xml` after `header9.xml`.
fn natural_key(name: &str) -> (String, u64) {
    let digits: String = name.chars().filter(|c| c.is_ascii_digit()).collect();
    let stem: String = name.chars().filter(|c| !c.is_ascii_digit()).collect();
    (stem, digits.parse().unwrap_or(0))
}

fn read_story(
    zip: &mut SafeZip,
    kind: StoryKind,
    part: &str,
    limits: &Limits,
    collect: &mut Collect,
    kept: &mut package::KeptRels,
) -> Result<Story, ReadError> {
    let content = read_story_part(zip, part, limits, collect, kept)?;
    let mut blocks = content.blocks;
    for item in content.items {
        // Separator "notes" hold only the separator line.
        let is_separator = item.kind.as_deref().is_some_and(|k| {
            k.to_ascii_lowercase().contains("separator") || k == "continuationNotice"
        });
        if !is_separator {
            blocks.extend(item.blocks);
        }
    }
    Ok(Story {
        kind,
        part: part.to_string(),
        blocks,
    })
}

fn read_comments(
    zip: &mut SafeZip,
    part: &str,
    limits: &Limits,
    collect: &mut Collect,
    kept: &mut package::KeptRels,
) -> Result<(Story, Vec<Comment>), ReadError> {
    let content = read_story_part(zip, part, limits, collect, kept)?;
    let mut blocks = Vec::new();
    let mut comments = Vec::new();
    for item in content.items {
        let text = blocks_text(&item.blocks);
        comments.push(Comment {
            anchor: collect.comment_anchors.get(&item.id).cloned(),
            id: item.id,
            author: item.author,
            date: item.date,
            text,
        });
        blocks.extend(item.blocks);
    }
    Ok((
        Story {
            kind: StoryKind::Comments,
            part: part.to_string(),
            blocks,
        },
        comments,
    ))
}

/// Paragraph texts joined by newlines (tables' cells by tabs).
fn blocks_text(blocks: &[Block]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => lines.push(p.text.clone()),
            Block::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
                    lines.push(cells.join("\t"));
                }
            }
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A package of `parts` (name, bytes), each deflated.
    fn package_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in parts {
            z.start_file(*name, opts).expect("zip entry");
            z.write_all(data).expect("zip data");
        }
        z.finish().expect("zip");
        buf.into_inner()
    }

    /// [`package_of`] of parts given as text.
    fn text_package(parts: &[(&str, &str)]) -> Vec<u8> {
        let parts: Vec<(&str, &[u8])> = parts.iter().map(|&(n, d)| (n, d.as_bytes())).collect();
        package_of(&parts)
    }

    fn package(document: &[u8]) -> Vec<u8> {
        package_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", document),
        ])
    }

    /// The main part is parsed from unchecked bytes: a part that is not
    /// UTF-8 still gets the error `decode` gave before any parsing.
    #[test]
    fn main_part_not_utf8_gets_decode_error() {
        let l = Limits::default();
        let docs: &[&[u8]] = &[
            b"\xFF<w:document xmlns:w=\"w\"><w:body/></w:document>",
            b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>a\xE6\xA7</w:t></w:r></w:p></w:body></w:document>",
            b"<w:document xmlns:w=\"w\"><w:body><w:p w:x=\"\xC3\"/></w:body></w:document>",
            b"<w:document xmlns:w=\"w\"><w:body><w:p></w:body>\xFF</w:document>",
            b"<w:document xmlns:w=\"w\"><w:body/></w:document><!-- \xFF -->",
            b"<w:document xmlns:w=\"w\"><w:body/></w:document>\xFF",
            b"\xEF\xBB\xBF\xFF\xFE<w:document/>",
        ];
        for doc in docs {
            let want = xml::decode("word/document.xml", doc).expect_err("not UTF-8");
            let got = read("a.docx", package(doc), Format::Docx, &l).expect_err("fails");
            assert_eq!(format!("{got:?}"), format!("{want:?}"));
        }
        let ok = b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>\xE6\xA7\x98</w:t></w:r></w:p></w:body></w:document>";
        assert!(read("a.docx", package(ok), Format::Docx, &l).is_ok());
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    const NUMBERED: &str = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>項目</w:t></w:r></w:p>"#;
    const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/></Relationships>"#;

    /// A document whose body holds `body` and whose one section shows
    /// footer1 (holding `footer1`) as its `default` footer and footer2 as
    /// its `even` and `first` ones.
    fn with_footers(
        body: &str,
        footer1: &str,
        numbering: Option<&str>,
        settings: Option<&str>,
    ) -> Document {
        let main = format!(
            r#"<w:document {W}><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rId1"/><w:footerReference w:type="even" r:id="rId2"/><w:footerReference w:type="first" r:id="rId2"/></w:sectPr></w:body></w:document>"#
        );
        let f1 = format!(r#"<w:ftr {W}>{footer1}</w:ftr>"#);
        let f2 = format!(r#"<w:ftr {W}><w:p><w:r><w:t>偶数</w:t></w:r></w:p></w:ftr>"#);
        let mut parts = vec![
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", main.as_str()),
            ("word/_rels/document.xml.rels", RELS),
            ("word/footer1.xml", f1.as_str()),
            ("word/footer2.xml", f2.as_str()),
        ];
        if let Some(n) = numbering {
            parts.push(("word/numbering.xml", n));
        }
        if let Some(s) = settings {
            parts.push(("word/settings.xml", s));
        }
        read(
            "a.docx",
            text_package(&parts),
            Format::Docx,
            &Limits::default(),
        )
        .expect("reads")
    }

    fn labels(blocks: &[Block]) -> Vec<Option<String>> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.list_label.clone()),
                Block::Table(_) => None,
            })
            .collect()
    }

    fn note_parts(doc: &Document) -> Vec<String> {
        doc.notes
            .iter()
            .map(|n| n.part.clone().unwrap_or_default())
            .collect()
    }

    /// The numbering part is parsed when the main part or a later story
    /// first numbers a paragraph, and labels them as an eager parse did.
    #[test]
    fn numbering_parsed_for_the_first_numbered_paragraph() {
        let doc = with_footers(NUMBERED, "", Some(NUMBERING), None);
        assert_eq!(labels(&doc.blocks), [Some("１.".to_string())]);
        let doc = with_footers("<w:p/>", NUMBERED, Some(NUMBERING), None);
        assert_eq!(labels(&doc.blocks), [None]);
        let footer = doc.stories.iter().find(|s| s.part == "word/footer1.xml");
        assert_eq!(
            labels(&footer.expect("footer read").blocks),
            [Some("１.".to_string())]
        );
    }

    /// A numbering part that cannot be parsed is noted where the eager
    /// parse noted it (before the notes of later parts), however late a
    /// paragraph asks for it; one no paragraph needs is never parsed.
    #[test]
    fn numbering_note_keeps_its_place() {
        let broken = "<w:numbering><w:num></w:numbering>";
        for (body, footer) in [(NUMBERED, ""), ("<w:p/>", NUMBERED)] {
            let doc = with_footers(body, footer, Some(broken), None);
            assert_eq!(note_parts(&doc), ["word/numbering.xml", "word/footer2.xml"]);
        }
        let doc = with_footers("<w:p/>", "", Some(broken), None);
        assert_eq!(note_parts(&doc), ["word/footer2.xml"]);
    }

    /// The settings part decides whether an `even` footer shows, and is
    /// read only for a document with one.
    #[test]
    fn settings_read_for_even_footers_only() {
        let on = format!(r#"<w:settings {W}><w:evenAndOddHeaders/></w:settings>"#);
        let read_parts = |doc: &Document| -> Vec<String> {
            doc.stories.iter().map(|s| s.part.clone()).collect()
        };
        let doc = with_footers("<w:p/>", "", None, Some(&on));
        assert_eq!(read_parts(&doc), ["word/footer1.xml", "word/footer2.xml"]);
        // Off: footer2 is shown by no section (`first` needs w:titlePg).
        let doc = with_footers("<w:p/>", "", None, None);
        assert_eq!(read_parts(&doc), ["word/footer1.xml"]);
        assert_eq!(note_parts(&doc), ["word/footer2.xml"]);
        // Settings that cannot be scanned: noted, and every part shown.
        let doc = with_footers("<w:p/>", "", None, Some("<w:settings>"));
        assert_eq!(note_parts(&doc), ["word/settings.xml"]);
        assert_eq!(read_parts(&doc), ["word/footer1.xml", "word/footer2.xml"]);
    }

    /// Without an `even` part in force the settings part changes nothing:
    /// it is not read, so its damage goes unnoted.
    #[test]
    fn settings_not_read_without_even_parts() {
        let main = format!(
            r#"<w:document {W}><w:body><w:p/><w:sectPr><w:footerReference w:type="default" r:id="rId1"/></w:sectPr></w:body></w:document>"#
        );
        let f1 = format!(r#"<w:ftr {W}><w:p><w:r><w:t>頁</w:t></w:r></w:p></w:ftr>"#);
        let parts = [
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", main.as_str()),
            ("word/_rels/document.xml.rels", RELS),
            ("word/footer1.xml", f1.as_str()),
            ("word/settings.xml", "<w:settings>"),
        ];
        let doc = read(
            "a.docx",
            text_package(&parts),
            Format::Docx,
            &Limits::default(),
        )
        .expect("reads");
        assert!(doc.notes.is_empty(), "{:?}", doc.notes);
        assert_eq!(doc.stories.len(), 1);
    }

    /// A numbering part no paragraph needs is never inflated: over the
    /// part-size limit it fails only a file that numbers a paragraph.
    #[test]
    fn an_unneeded_numbering_part_is_never_inflated() {
        let padded = NUMBERING.replace("<w:num ", &format!("{}<w:num ", " ".repeat(20_000)));
        let limits = Limits {
            max_part_bytes: 10_000,
            ..Limits::default()
        };
        let main = |body: &str| format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
        let read_with = |body: &str| {
            let doc = main(body);
            let parts = [
                ("[Content_Types].xml", "<Types/>"),
                ("word/document.xml", doc.as_str()),
                ("word/numbering.xml", padded.as_str()),
            ];
            read("a.docx", text_package(&parts), Format::Docx, &limits)
        };
        assert!(read_with("<w:p/>").is_ok());
        match read_with(NUMBERED) {
            Err(ReadError::LimitExceeded { part, .. }) => {
                assert_eq!(part.as_deref(), Some("word/numbering.xml"));
            }
            other => panic!("{other:?}"),
        }
    }
}
