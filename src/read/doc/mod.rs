//! Legacy Word reader (.doc / .dot, Word 97–2003, [MS-DOC]) on the `cfb`
//! crate: the FIB ([`fib`]), the piece table ([`pieces`]), paragraph and
//! character properties ([`fkp`]), and the blocks built from them
//! ([`build`], [`table`]) into the same located model as .docx.
//!
//! Stories other than the body (footnotes, headers and footers, comments,
//! endnotes) become [`Story`]s; text boxes are read after the body, as
//! text-box paragraphs of the main part. A `Macros` storage sets
//! `has_macros` (SEC001), the objects of `ObjectPool` are embedded objects
//! (SEC003), an encrypted or obfuscated file is [`ReadError::Encrypted`],
//! and a Word 6/95 file gives its plain text when it is not fast-saved,
//! else IN003 naming the version.

mod build;
mod bytes;
mod fib;
mod fkp;
mod lists;
mod pieces;
pub(crate) mod props;
mod table;

use crate::clock::Instant;
use crate::error::ReadError;
use crate::model::{
    Block, Comment, Container, Document, Format, PackageInfo, Paragraph, Story, StoryKind,
};
use crate::read::Limits;
use build::Builder;
use std::io::{Cursor, Read};

fn corrupt(detail: impl Into<String>) -> ReadError {
    ReadError::CorruptContainer {
        detail: detail.into(),
    }
}

type Cfb<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

/// A stream's bytes, capped at `max_part_bytes`.
fn stream(cfb: &mut Cfb<'_>, name: &str, limits: &Limits) -> Result<Option<Vec<u8>>, ReadError> {
    if !cfb.is_stream(name) {
        return Ok(None);
    }
    let mut s = cfb
        .open_stream(name)
        .map_err(|e| corrupt(format!("{name}: {e}")))?;
    let mut out = Vec::new();
    s.by_ref()
        .take(limits.max_part_bytes.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| corrupt(format!("{name}: {e}")))?;
    if out.len() as u64 > limits.max_part_bytes {
        return Err(ReadError::LimitExceeded {
            part: Some(name.trim_start_matches('/').to_string()),
            detail: format!("stream is over {} bytes", limits.max_part_bytes),
        });
    }
    Ok(Some(out))
}

fn check_time(started: Instant, limits: &Limits) -> Result<(), ReadError> {
    if started.elapsed().as_millis() > u128::from(limits.time_budget_ms) {
        return Err(ReadError::LimitExceeded {
            part: None,
            detail: format!("reading took over {} ms", limits.time_budget_ms),
        });
    }
    Ok(())
}

/// Read a .doc / .dot file. A panic in the container library is a
/// corrupt file, not a crash.
pub fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_inner(name, bytes, limits)
    })) {
        Ok(r) => r,
        Err(_) => Err(corrupt("reader failure (the container library panicked)")),
    }
}

fn read_inner(name: &str, bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let started = Instant::now();
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("OLE2 container: {e}")))?;
    let word = stream(&mut cfb, "/WordDocument", limits)?
        .ok_or_else(|| corrupt("no WordDocument stream"))?;
    let fib = fib::parse(&word)?;
    if fib.encrypted || fib.obfuscated {
        return Err(ReadError::Encrypted {
            detail: if fib.obfuscated {
                "Word 97-2003 document obfuscated (XOR) with a password".into()
            } else {
                "Word 97-2003 document encrypted with a password".into()
            },
        });
    }
    let format = if fib.is_template {
        Format::Dot
    } else {
        Format::Doc
    };
    let mut doc = Document::new(name, format, bytes.len() as u64);
    let mut package = package_info(&mut cfb, limits);
    if fib.nfib < 0x00C1 {
        old_word(&fib, &word, &mut doc)?;
        doc.package = Some(package);
        return Ok(doc);
    }
    read_stories(
        &mut cfb,
        &fib,
        &word,
        limits,
        started,
        &mut doc,
        &mut package,
    )?;
    doc.package = Some(package);
    Ok(doc)
}

/// What the container says besides the text: macros, embedded objects,
/// the summary properties.
fn package_info(cfb: &mut Cfb<'_>, limits: &Limits) -> PackageInfo {
    let mut package = PackageInfo {
        has_macros: cfb.is_storage("/Macros") || cfb.is_storage("/_VBA_PROJECT_CUR"),
        ..PackageInfo::default()
    };
    if cfb.is_storage("/ObjectPool")
        && let Ok(entries) = cfb.read_storage("/ObjectPool")
    {
        package.embedded_objects = entries
            .take(1000)
            .map(|e| format!("ObjectPool/{}", e.name()))
            .collect();
    }
    if let Ok(Some(si)) = stream(cfb, "/\u{5}SummaryInformation", limits) {
        package.metadata = props::parse(&si);
    }
    package
}

/// The stories of a Word 97+ file (main text and text boxes into the
/// body; footnotes, headers and footers, endnotes and comments as
/// stories), with the comments, revisions and hidden text they hold.
fn read_stories(
    cfb: &mut Cfb<'_>,
    fib: &fib::Fib,
    word: &[u8],
    limits: &Limits,
    started: Instant,
    doc: &mut Document,
    package: &mut PackageInfo,
) -> Result<(), ReadError> {
    let table_name = if fib.table_1 { "/1Table" } else { "/0Table" };
    let table = stream(cfb, table_name, limits)?
        .ok_or_else(|| corrupt(format!("no {} stream", &table_name[1..])))?;
    let data = stream(cfb, "/Data", limits)?.unwrap_or_default();
    let part = |p: fib::FcLcb| -> &[u8] {
        bytes::slice(&table, p.fc as usize, p.lcb as usize).unwrap_or(&[])
    };
    let lens = [
        fib.ccp_text,
        fib.ccp_ftn,
        fib.ccp_hdd,
        fib.ccp_atn,
        fib.ccp_edn,
        fib.ccp_txbx,
        fib.ccp_hdr_txbx,
    ];
    let total: u64 = lens.iter().map(|&l| u64::from(l)).sum();
    let max_cps = (word.len() as u64).min(limits.max_word_items.saturating_mul(16));
    let total = u32::try_from(total.min(max_cps)).unwrap_or(u32::MAX);
    let text = pieces::read(part(fib.clx), word, total, max_cps)?;
    check_time(started, limits)?;
    let papx = fkp::papx_runs(part(fib.plcf_bte_papx), word, &data);
    let chpx = fkp::chpx_runs(part(fib.plcf_bte_chpx), word);
    let lists = std::cell::RefCell::new(lists::parse(
        &table,
        (fib.plf_lst.fc, fib.plf_lst.lcb),
        (fib.plf_lfo.fc, fib.plf_lfo.lcb),
    ));
    check_time(started, limits)?;

    // CP ranges of the stories, in order.
    let mut ranges = Vec::new();
    let mut at = 0usize;
    for l in lens {
        let end = at.saturating_add(l as usize).min(text.units.len());
        ranges.push(at..end);
        at = end;
    }
    let story = |r: &std::ops::Range<usize>| {
        (
            text.units.get(r.clone()).unwrap_or(&[]),
            text.fcs.get(r.clone()).unwrap_or(&[]),
        )
    };
    let max_items = limits.max_word_items;

    let mut main = Builder::new(None, &papx, &chpx, &lists, max_items);
    let (u, f) = story(&ranges[0]);
    main.feed(u, f)?;
    let mut boxes = Builder::new(None, &papx, &chpx, &lists, max_items);
    boxes.continue_from(&main, Container::TextBox);
    let (u, f) = story(&ranges[5]);
    boxes.feed(u, f)?;
    let mut extras = vec![
        std::mem::take(&mut main.extras),
        std::mem::take(&mut boxes.extras),
    ];
    doc.blocks = main.blocks;
    doc.blocks.extend(boxes.blocks);
    check_time(started, limits)?;

    let mut read_story = |kind: StoryKind, part_name: String, r: std::ops::Range<usize>| {
        let mut b = Builder::new(Some(part_name[..].into()), &papx, &chpx, &lists, max_items);
        let (u, f) = story(&r);
        b.feed(u, f)?;
        extras.push(std::mem::take(&mut b.extras));
        Ok::<_, ReadError>(Story {
            kind,
            part: part_name,
            blocks: b.blocks,
        })
    };
    if !ranges[1].is_empty() {
        doc.stories.push(read_story(
            StoryKind::Footnotes,
            "footnotes".into(),
            ranges[1].clone(),
        )?);
    }
    for (kind, name, r) in header_ranges(part(fib.plcf_hdd), ranges[2].start, ranges[2].len()) {
        let s = read_story(kind, name, r)?;
        if s.blocks
            .iter()
            .any(|b| !matches!(b, Block::Paragraph(p) if p.text.trim().is_empty()))
        {
            doc.stories.push(s);
        }
    }
    if !ranges[4].is_empty() {
        doc.stories.push(read_story(
            StoryKind::Endnotes,
            "endnotes".into(),
            ranges[4].clone(),
        )?);
    }
    if !ranges[3].is_empty() {
        let s = read_story(StoryKind::Comments, "comments".into(), ranges[3].clone())?;
        package.comments = comments(part(fib.plcf_and_txt), &s);
        let authors = comment_authors(part(fib.plcf_and_ref), part(fib.atn_owners));
        for c in &mut package.comments {
            let i: usize = c.id.parse().unwrap_or(usize::MAX);
            c.author = authors.get(i).cloned().flatten();
        }
        doc.stories.push(s);
    }
    for e in extras {
        package.revisions.extend(e.revisions);
        package.hidden_text.extend(e.hidden);
    }
    Ok(())
}

/// The PlcfHdd splits the header story: six separator stories first, then
/// six per section (even header, odd header, even footer, odd footer,
/// first-page header, first-page footer).
fn header_ranges(
    plc: &[u8],
    base: usize,
    len: usize,
) -> Vec<(StoryKind, String, std::ops::Range<usize>)> {
    let n = plc.len() / 4;
    let cps: Vec<usize> = (0..n)
        .filter_map(|i| bytes::u32_at(plc, 4 * i))
        .map(|c| (c as usize).min(len))
        .collect();
    let (mut headers, mut footers) = (0, 0);
    let mut out = Vec::new();
    for (i, w) in cps.windows(2).enumerate() {
        if i < 6 || w[1] <= w[0] {
            continue;
        }
        let is_header = matches!((i - 6) % 6, 0 | 1 | 4);
        let (kind, name) = if is_header {
            headers += 1;
            (StoryKind::Header, format!("header{headers}"))
        } else {
            footers += 1;
            (StoryKind::Footer, format!("footer{footers}"))
        };
        out.push((kind, name, base + w[0]..base + w[1]));
    }
    out
}

/// One comment per paragraph group the PlcfandTxt delimits; without it,
/// one per paragraph.
fn comments(plc: &[u8], story: &Story) -> Vec<Comment> {
    let paras: Vec<&Paragraph> = {
        let mut out = Vec::new();
        for b in &story.blocks {
            if let Block::Paragraph(p) = b {
                out.push(p);
            }
        }
        out
    };
    let n = (plc.len() / 4).saturating_sub(1).max(1);
    let mut out: Vec<Comment> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        let id = i.min(n - 1).to_string();
        if let Some(c) = out.iter_mut().find(|c| c.id == id) {
            c.text.push('\n');
            c.text.push_str(&p.text);
        } else {
            out.push(Comment {
                id,
                author: None,
                date: None,
                text: p.text.clone(),
                anchor: None,
            });
        }
    }
    out.retain(|c| !c.text.trim().is_empty());
    out
}

/// The author of each comment, in order: PlcfandRef holds (n+1) CPs and
/// n 30-byte ATRDPre10 records whose `ibst` (at byte 20) indexes the
/// names of GrpXstAtnOwners (each a 2-byte length and UTF-16 text).
fn comment_authors(plc: &[u8], owners: &[u8]) -> Vec<Option<String>> {
    let mut names = Vec::new();
    let mut at = 0usize;
    while let Some(cch) = bytes::u16_at(owners, at) {
        let Some(raw) = bytes::slice(owners, at + 2, usize::from(cch) * 2) else {
            break;
        };
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        names.push(String::from_utf16_lossy(&units));
        at += 2 + usize::from(cch) * 2;
        if names.len() > 10_000 {
            break;
        }
    }
    if plc.len() < 4 {
        return Vec::new();
    }
    let n = (plc.len() - 4) / 34;
    (0..n)
        .map(|i| {
            let rec = 4 * (n + 1) + 30 * i;
            let ibst = bytes::i16_at(plc, rec + 20)?;
            names
                .get(usize::try_from(ibst).ok()?)
                .filter(|s| !s.trim().is_empty())
                .cloned()
        })
        .collect()
}

/// Word 6/95: without fast saves the main text lies at fcMin as 8-bit text
/// in the document's code page; fast-saved files are not read.
fn old_word(fib: &fib::Fib, word: &[u8], doc: &mut Document) -> Result<(), ReadError> {
    let version = fib::version_name(fib.nfib);
    let complex = bytes::u16_at(word, 10).unwrap_or(0) & 0x0004 != 0;
    if complex || fib.nfib < 0x0065 {
        return Err(ReadError::Unsupported {
            looks_like: format!("{version} の文書（高速保存または旧形式）"),
        });
    }
    let start = fib.fc_min as usize;
    let raw = bytes::slice(word, start, fib.ccp_text as usize)
        .or_else(|| word.get(start..))
        .unwrap_or(&[]);
    let enc = match fib.lid {
        0x0411 => encoding_rs::SHIFT_JIS,
        0x0404 | 0x0C04 => encoding_rs::BIG5,
        0x0804 => encoding_rs::GBK,
        0x0412 => encoding_rs::EUC_KR,
        _ => encoding_rs::WINDOWS_1252,
    };
    let text = enc.decode_without_bom_handling(raw).0;
    for (i, line) in text.split(['\r', '\u{7}']).enumerate() {
        let clean: String = line
            .chars()
            .filter_map(|c| match c {
                '\u{b}' => Some('\n'),
                '\t' => Some('\t'),
                c if (c as u32) < 0x20 => None,
                c => Some(c),
            })
            .collect();
        doc.blocks.push(Block::Paragraph(Paragraph::new(
            crate::model::Location {
                paragraph: Some(i as u32 + 1),
                ..crate::model::Location::default()
            },
            clean,
        )));
    }
    doc.notes.push(crate::model::ReadNote {
        part: None,
        message: format!(
            "{version} の文書: 本文のテキストのみを読みました（表の構造は読んでいません）"
        ),
    });
    Ok(())
}
