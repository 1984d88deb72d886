//! Byte-preserving rewriter for zip packages (OOXML).
//!
//! [`Package::rewrite`] writes a new zip in which every entry that was not
//! changed is copied byte for byte: its local header, its compressed data
//! and its data descriptor are sliced out of the original file, and its
//! central directory record is copied with only the local header offset
//! patched. Changed entries keep their name, flags, time and extra fields
//! (minus zip64 data) and are recompressed with deflate; new entries are
//! appended after the existing ones. Nothing is decompressed that is not
//! asked for, so the parts Word or Excel wrote stay exactly as they were.
//!
//! The zip structures are parsed here (not through the `zip` crate's
//! writer) because its raw copy rewrites local headers and extra fields;
//! the `zip` crate is used to verify what we produce.

use super::WriteError;
use crate::read::Limits;
use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Write};

const SIG_LOCAL: u32 = 0x0403_4b50;
const SIG_CENTRAL: u32 = 0x0201_4b50;
const SIG_EOCD: u32 = 0x0605_4b50;
const SIG_EOCD64_LOCATOR: u32 = 0x0706_4b50;
const SIG_DESCRIPTOR: u32 = 0x0807_4b50;
const FLAG_DESCRIPTOR: u16 = 1 << 3;
const FLAG_UTF8: u16 = 1 << 11;

/// New contents by part name, for [`Package::rewrite`].
pub type PartChanges = BTreeMap<String, Vec<u8>>;

/// One entry of the central directory, as found in the original file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The part name: the stored name decoded as UTF-8 (lossily), with
    /// backslashes read as slashes.
    pub name: String,
    /// The central directory record, verbatim.
    central: Vec<u8>,
    /// Where, in `central`, the local header offset is stored (the fixed
    /// field, or inside the zip64 extra field) and how wide it is.
    offset_field: (usize, usize),
    /// Offset of the local header in the original file.
    local_offset: usize,
    /// Byte length from the local header to the end of the data descriptor.
    local_len: usize,
    /// Offset of the compressed data in the original file.
    data_offset: usize,
    pub compressed_size: u64,
    pub size: u64,
    pub crc32: u32,
    pub method: u16,
    flags: u16,
    time: u16,
    date: u16,
}

impl Entry {
    /// The original bytes of the entry's local record (header, data,
    /// descriptor).
    pub fn raw<'a>(&self, pkg: &'a Package) -> &'a [u8] {
        pkg.bytes
            .get(self.local_offset..self.local_offset + self.local_len)
            .unwrap_or(&[])
    }

    /// The compressed data as stored.
    pub fn compressed<'a>(&self, pkg: &'a Package) -> &'a [u8] {
        let end = self.data_offset + self.compressed_size as usize;
        pkg.bytes.get(self.data_offset..end).unwrap_or(&[])
    }
}

/// A zip package held in memory, with its directory parsed.
#[derive(Debug, Clone)]
pub struct Package {
    bytes: Vec<u8>,
    entries: Vec<Entry>,
    comment: Vec<u8>,
    limits: Limits,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 8).map(|s| {
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        u64::from_le_bytes(a)
    })
}

fn corrupt(detail: impl Into<String>) -> WriteError {
    WriteError::Zip {
        detail: detail.into(),
    }
}

/// Split an extra field block into (id, data) pairs; None when malformed.
fn extra_fields(extra: &[u8]) -> Option<Vec<(u16, &[u8])>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < extra.len() {
        let id = u16_at(extra, at)?;
        let len = u16_at(extra, at + 2)? as usize;
        let data = extra.get(at + 4..at + 4 + len)?;
        out.push((id, data));
        at += 4 + len;
    }
    Some(out)
}

impl Package {
    /// Parse a zip package's directory. Fails on anything that is not a
    /// plain single-disk zip whose entries all lie inside the file.
    pub fn parse(bytes: Vec<u8>, limits: &Limits) -> Result<Package, WriteError> {
        let dir = Directory::find(&bytes, limits)?;
        let mut entries = Vec::with_capacity(dir.count as usize);
        let mut names = HashSet::new();
        let mut p = dir.cd_start;
        for i in 0..dir.count {
            let (entry, rec_len) = central_entry(&bytes, p, i, &dir, &mut names)?;
            entries.push(entry);
            p += rec_len;
        }
        Ok(Package {
            bytes,
            entries,
            comment: dir.comment,
            limits: limits.clone(),
        })
    }
}

/// Where the central directory is, from the end records.
struct Directory {
    count: u64,
    cd_start: usize,
    /// Bytes before the first entry (a prefix) that shift every offset.
    shift: usize,
    comment: Vec<u8>,
}

impl Directory {
    fn find(bytes: &[u8], limits: &Limits) -> Result<Directory, WriteError> {
        let len = bytes.len();
        if len < 22 {
            return Err(corrupt("file too short for a zip"));
        }
        let eocd = find_eocd(bytes).ok_or_else(|| corrupt("no end of central directory record"))?;
        let field = |off: usize| u16_at(bytes, eocd + off).unwrap_or(0);
        if field(4) != 0 || field(6) != 0 {
            return Err(corrupt("multi-disk zip archives are not supported"));
        }
        let mut count = field(10) as u64;
        let mut cd_size = u32_at(bytes, eocd + 12).unwrap_or(0) as u64;
        let mut cd_offset = u32_at(bytes, eocd + 16).unwrap_or(0) as u64;
        let clen = field(20) as usize;
        let comment = bytes
            .get(eocd + 22..eocd + 22 + clen)
            .unwrap_or(&[])
            .to_vec();
        // Zip64 end of central directory: take its counts.
        if eocd >= 20 && u32_at(bytes, eocd - 20) == Some(SIG_EOCD64_LOCATOR) {
            let rec = u64_at(bytes, eocd - 12).unwrap_or(u64::MAX) as usize;
            if u32_at(bytes, rec) == Some(0x0606_4b50) {
                count = u64_at(bytes, rec + 32).unwrap_or(count);
                cd_size = u64_at(bytes, rec + 40).unwrap_or(cd_size);
                cd_offset = u64_at(bytes, rec + 48).unwrap_or(cd_offset);
            }
        }
        if count as usize > limits.max_entries {
            return Err(WriteError::Limit {
                detail: format!(
                    "{count} zip entries, over the limit of {}",
                    limits.max_entries
                ),
            });
        }
        // The central directory ends where the (zip64) end record starts;
        // anything before the first entry (a prefix) shifts every offset.
        let cd_end = if eocd >= 20 && u32_at(bytes, eocd - 20) == Some(SIG_EOCD64_LOCATOR) {
            u64_at(bytes, eocd - 12).unwrap_or(eocd as u64) as usize
        } else {
            eocd
        };
        let cd_start = cd_end
            .checked_sub(cd_size as usize)
            .ok_or_else(|| corrupt("central directory size larger than the file"))?;
        let shift = cd_start
            .checked_sub(cd_offset as usize)
            .ok_or_else(|| corrupt("central directory offset past its position"))?;
        Ok(Directory {
            count,
            cd_start,
            shift,
            comment,
        })
    }
}

/// The end-of-central-directory record, found by scanning back over a
/// possible archive comment (`bytes` is at least 22 long).
fn find_eocd(bytes: &[u8]) -> Option<usize> {
    let len = bytes.len();
    let lowest = len.saturating_sub(22 + 0xFFFF);
    let mut at = len - 22;
    loop {
        if u32_at(bytes, at) == Some(SIG_EOCD) {
            let clen = u16_at(bytes, at + 20).unwrap_or(0) as usize;
            if at + 22 + clen <= len {
                return Some(at);
            }
        }
        if at == lowest {
            return None;
        }
        at -= 1;
    }
}

/// Central directory record `i` at `p`, with its local record found: the
/// entry and the record's length.
fn central_entry(
    bytes: &[u8],
    p: usize,
    i: u64,
    dir: &Directory,
    names: &mut HashSet<String>,
) -> Result<(Entry, usize), WriteError> {
    if u32_at(bytes, p) != Some(SIG_CENTRAL) {
        return Err(corrupt(format!(
            "central directory record {i} is malformed"
        )));
    }
    let g16 = |o: usize| u16_at(bytes, p + o).unwrap_or(0);
    let g32 = |o: usize| u32_at(bytes, p + o).unwrap_or(0);
    let flags = g16(8);
    let n = g16(28) as usize;
    let m = g16(30) as usize;
    let k = g16(32) as usize;
    let rec_len = 46 + n + m + k;
    let central = bytes
        .get(p..p + rec_len)
        .ok_or_else(|| corrupt(format!("central directory record {i} truncated")))?
        .to_vec();
    let name_raw = &central[46..46 + n];
    // Some Windows tools store `xl\\workbook.xml`: look parts up by
    // the forward-slash name, copy the stored name as it is.
    let name = String::from_utf8_lossy(name_raw).replace('\\', "/");
    let mut sizes = Sizes {
        compressed: g32(20) as u64,
        size: g32(24) as u64,
        local: g32(42) as u64,
        offset_field: (42, 4),
    };
    sizes.zip64(&central, n, m, &name)?;
    if !names.insert(name.clone()) {
        return Err(corrupt(format!("duplicate entry name {name}")));
    }
    let local_offset = (sizes.local as usize)
        .checked_add(dir.shift)
        .ok_or_else(|| corrupt("entry offset overflows"))?;
    let (data_offset, end) = local_extent(bytes, local_offset, flags, sizes.compressed, &name)?;
    if end > dir.cd_start {
        return Err(corrupt(format!(
            "{name}: data runs past the central directory"
        )));
    }
    let entry = Entry {
        name,
        central,
        offset_field: sizes.offset_field,
        local_offset,
        local_len: end - local_offset,
        data_offset,
        compressed_size: sizes.compressed,
        size: sizes.size,
        crc32: g32(16),
        method: g16(10),
        flags,
        time: g16(12),
        date: g16(14),
    };
    Ok((entry, rec_len))
}

/// An entry's sizes and local header offset, and where in its central
/// record the offset is stored.
struct Sizes {
    compressed: u64,
    size: u64,
    local: u64,
    offset_field: (usize, usize),
}

impl Sizes {
    /// Values too large for the fixed fields live in the zip64 extra of
    /// the central record (name length `n`, extra length `m`).
    fn zip64(&mut self, central: &[u8], n: usize, m: usize, name: &str) -> Result<(), WriteError> {
        let extra = &central[46 + n..46 + n + m];
        let fields =
            extra_fields(extra).ok_or_else(|| corrupt(format!("{name}: malformed extra field")))?;
        let mut extra_pos = 46 + n;
        for (id, data) in fields {
            if id == 0x0001 {
                let mut q = 0;
                if self.size == 0xFFFF_FFFF {
                    self.size = u64_at(data, q).ok_or_else(|| corrupt("bad zip64 extra"))?;
                    q += 8;
                }
                if self.compressed == 0xFFFF_FFFF {
                    self.compressed = u64_at(data, q).ok_or_else(|| corrupt("bad zip64 extra"))?;
                    q += 8;
                }
                if self.local == 0xFFFF_FFFF {
                    self.local = u64_at(data, q).ok_or_else(|| corrupt("bad zip64 extra"))?;
                    self.offset_field = (extra_pos + 4 + q, 8);
                }
            }
            extra_pos += 4 + data.len();
        }
        Ok(())
    }
}

/// The local record at `local_offset`: where its data starts and where
/// the record ends (after the data descriptor, when there is one).
fn local_extent(
    bytes: &[u8],
    local_offset: usize,
    flags: u16,
    compressed_size: u64,
    name: &str,
) -> Result<(usize, usize), WriteError> {
    if u32_at(bytes, local_offset) != Some(SIG_LOCAL) {
        return Err(corrupt(format!("{name}: local header not found")));
    }
    let ln = u16_at(bytes, local_offset + 26).unwrap_or(0) as usize;
    let lm = u16_at(bytes, local_offset + 28).unwrap_or(0) as usize;
    let local_extra = bytes
        .get(local_offset + 30 + ln..local_offset + 30 + ln + lm)
        .ok_or_else(|| corrupt(format!("{name}: local header truncated")))?;
    let local_zip64 = extra_fields(local_extra)
        .map(|f| f.iter().any(|(id, _)| *id == 0x0001))
        .unwrap_or(false);
    let data_offset = local_offset + 30 + ln + lm;
    let mut end = data_offset
        .checked_add(compressed_size as usize)
        .ok_or_else(|| corrupt("entry size overflows"))?;
    if flags & FLAG_DESCRIPTOR != 0 {
        let with_sig = u32_at(bytes, end) == Some(SIG_DESCRIPTOR);
        end += if with_sig { 4 } else { 0 } + 4 + if local_zip64 { 16 } else { 8 };
    }
    Ok((data_offset, end))
}

impl Package {
    /// The original file.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The entries in central directory order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of that name; part names match case-insensitively as the
    /// readers (and Office) match them (`xl/SharedStrings.xml`), the exact
    /// spelling first.
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(name))
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    /// The package carries a digital signature (`_xmlsignatures/`), which
    /// any change would invalidate.
    pub fn is_signed(&self) -> bool {
        self.entries
            .iter()
            .any(|e| e.name.to_ascii_lowercase().starts_with("_xmlsignatures/"))
    }

    /// Inflate one part, within the limits, checking its CRC.
    pub fn read(&self, name: &str) -> Result<Vec<u8>, WriteError> {
        let e = self.entry(name).ok_or_else(|| WriteError::MissingPart {
            part: name.to_string(),
        })?;
        if e.flags & 1 != 0 {
            return Err(WriteError::Unsupported(format!("{name} is encrypted")));
        }
        let max = self.limits.max_part_bytes;
        if e.size > max {
            return Err(WriteError::Limit {
                detail: format!("{name} inflates to {} bytes, over {max}", e.size),
            });
        }
        let raw = e.compressed(self);
        let mut out = Vec::with_capacity(e.size as usize);
        match e.method {
            0 => out.extend_from_slice(raw),
            8 => {
                flate2::read::DeflateDecoder::new(raw)
                    .take(max + 1)
                    .read_to_end(&mut out)
                    .map_err(|err| corrupt(format!("{name}: {err}")))?;
            }
            m => {
                return Err(WriteError::Unsupported(format!(
                    "{name} uses compression method {m}"
                )));
            }
        }
        if out.len() as u64 > max {
            return Err(WriteError::Limit {
                detail: format!("{name} inflates past {max} bytes"),
            });
        }
        if crc32fast::hash(&out) != e.crc32 {
            return Err(corrupt(format!("{name}: CRC mismatch")));
        }
        Ok(out)
    }

    /// Read a part as UTF-8 text (XML parts).
    pub fn read_string(&self, name: &str) -> Result<String, WriteError> {
        let bytes = self.read(name)?;
        String::from_utf8(bytes).map_err(|_| WriteError::Xml {
            part: name.to_string(),
            offset: 0,
            detail: "not UTF-8".into(),
        })
    }

    /// Write a new package: entries named in `changes` get the new content
    /// (recompressed), names in `changes` that do not exist are appended as
    /// new entries, every other entry is copied byte for byte.
    pub fn rewrite(&self, changes: &BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>, WriteError> {
        let mut out: Vec<u8> = Vec::with_capacity(self.bytes.len() + 4096);
        let mut central: Vec<u8> = Vec::new();
        let mut count: usize = 0;
        let (time, date) = self
            .entries
            .first()
            .map(|e| (e.time, e.date))
            .unwrap_or((0, 0x21));
        for e in &self.entries {
            let offset = out.len();
            if let Some(content) = changes.get(&e.name) {
                let name_raw = e.central.get(46..46 + name_len(&e.central)).unwrap_or(&[]);
                let (local_extra, central_extra) = self.kept_extras(e);
                let flags = e.flags & !FLAG_DESCRIPTOR & !1;
                let rec = write_new_entry(
                    &mut out,
                    NewEntry {
                        name_raw,
                        content,
                        flags,
                        time: e.time,
                        date: e.date,
                        local_extra: &local_extra,
                        central_extra: &central_extra,
                        comment: central_comment(&e.central),
                        version_made_by: u16_at(&e.central, 4).unwrap_or(20),
                        internal_attr: u16_at(&e.central, 36).unwrap_or(0),
                        external_attr: u32_at(&e.central, 38).unwrap_or(0),
                    },
                )?;
                central.extend_from_slice(&rec);
            } else {
                out.extend_from_slice(e.raw(self));
                let mut rec = e.central.clone();
                let (at, width) = e.offset_field;
                if width == 8 {
                    if let Some(s) = rec.get_mut(at..at + 8) {
                        s.copy_from_slice(&(offset as u64).to_le_bytes());
                    }
                } else {
                    let off32 = u32::try_from(offset)
                        .map_err(|_| WriteError::Unsupported("package over 4 GiB".into()))?;
                    if let Some(s) = rec.get_mut(at..at + 4) {
                        s.copy_from_slice(&off32.to_le_bytes());
                    }
                }
                central.extend_from_slice(&rec);
            }
            count += 1;
        }
        for (name, content) in changes {
            if self.has(name) {
                continue;
            }
            let flags = if name.is_ascii() { 0 } else { FLAG_UTF8 };
            let rec = write_new_entry(
                &mut out,
                NewEntry {
                    name_raw: name.as_bytes(),
                    content,
                    flags,
                    time,
                    date,
                    local_extra: &[],
                    central_extra: &[],
                    comment: &[],
                    version_made_by: 20,
                    internal_attr: 0,
                    external_attr: 0,
                },
            )?;
            central.extend_from_slice(&rec);
            count += 1;
        }
        let cd_offset = u32::try_from(out.len())
            .map_err(|_| WriteError::Unsupported("package over 4 GiB".into()))?;
        let cd_size = u32::try_from(central.len())
            .map_err(|_| WriteError::Unsupported("central directory over 4 GiB".into()))?;
        let count16 = u16::try_from(count)
            .map_err(|_| WriteError::Unsupported("more than 65535 entries".into()))?;
        out.extend_from_slice(&central);
        out.extend_from_slice(&SIG_EOCD.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&count16.to_le_bytes());
        out.extend_from_slice(&count16.to_le_bytes());
        out.extend_from_slice(&cd_size.to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&(self.comment.len() as u16).to_le_bytes());
        out.extend_from_slice(&self.comment);
        verify(&out, self, changes)?;
        Ok(out)
    }

    /// Extra fields of a changed entry, minus zip64 data (sizes change).
    fn kept_extras(&self, e: &Entry) -> (Vec<u8>, Vec<u8>) {
        let keep = |extra: &[u8]| -> Vec<u8> {
            let mut out = Vec::new();
            for (id, data) in extra_fields(extra).unwrap_or_default() {
                if id == 0x0001 {
                    continue;
                }
                out.extend_from_slice(&id.to_le_bytes());
                out.extend_from_slice(&(data.len() as u16).to_le_bytes());
                out.extend_from_slice(data);
            }
            out
        };
        let raw = e.raw(self);
        let ln = u16_at(raw, 26).unwrap_or(0) as usize;
        let lm = u16_at(raw, 28).unwrap_or(0) as usize;
        let local = raw.get(30 + ln..30 + ln + lm).unwrap_or(&[]);
        let n = name_len(&e.central);
        let m = u16_at(&e.central, 30).unwrap_or(0) as usize;
        let central = e.central.get(46 + n..46 + n + m).unwrap_or(&[]);
        (keep(local), keep(central))
    }
}

fn name_len(central: &[u8]) -> usize {
    u16_at(central, 28).unwrap_or(0) as usize
}

fn central_comment(central: &[u8]) -> &[u8] {
    let n = name_len(central);
    let m = u16_at(central, 30).unwrap_or(0) as usize;
    let k = u16_at(central, 32).unwrap_or(0) as usize;
    central.get(46 + n + m..46 + n + m + k).unwrap_or(&[])
}

struct NewEntry<'a> {
    name_raw: &'a [u8],
    content: &'a [u8],
    flags: u16,
    time: u16,
    date: u16,
    local_extra: &'a [u8],
    central_extra: &'a [u8],
    comment: &'a [u8],
    version_made_by: u16,
    internal_attr: u16,
    external_attr: u32,
}

/// Deflate `content`, append a local record to `out`, return the central
/// directory record.
fn write_new_entry(out: &mut Vec<u8>, e: NewEntry<'_>) -> Result<Vec<u8>, WriteError> {
    let offset = u32::try_from(out.len())
        .map_err(|_| WriteError::Unsupported("package over 4 GiB".into()))?;
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(e.content)
        .map_err(|err| corrupt(format!("deflate: {err}")))?;
    let data = enc
        .finish()
        .map_err(|err| corrupt(format!("deflate: {err}")))?;
    let crc = crc32fast::hash(e.content);
    let size = u32::try_from(e.content.len())
        .map_err(|_| WriteError::Unsupported("part over 4 GiB".into()))?;
    let csize =
        u32::try_from(data.len()).map_err(|_| WriteError::Unsupported("part over 4 GiB".into()))?;
    let version_needed: u16 = 20;
    let h16 = |v: usize| (v as u16).to_le_bytes();
    out.extend_from_slice(&SIG_LOCAL.to_le_bytes());
    out.extend_from_slice(&version_needed.to_le_bytes());
    out.extend_from_slice(&e.flags.to_le_bytes());
    out.extend_from_slice(&8u16.to_le_bytes());
    out.extend_from_slice(&e.time.to_le_bytes());
    out.extend_from_slice(&e.date.to_le_bytes());
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&csize.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&h16(e.name_raw.len()));
    out.extend_from_slice(&h16(e.local_extra.len()));
    out.extend_from_slice(e.name_raw);
    out.extend_from_slice(e.local_extra);
    out.extend_from_slice(&data);

    let mut c = Vec::with_capacity(46 + e.name_raw.len() + e.central_extra.len());
    c.extend_from_slice(&SIG_CENTRAL.to_le_bytes());
    c.extend_from_slice(&e.version_made_by.to_le_bytes());
    c.extend_from_slice(&version_needed.to_le_bytes());
    c.extend_from_slice(&e.flags.to_le_bytes());
    c.extend_from_slice(&8u16.to_le_bytes());
    c.extend_from_slice(&e.time.to_le_bytes());
    c.extend_from_slice(&e.date.to_le_bytes());
    c.extend_from_slice(&crc.to_le_bytes());
    c.extend_from_slice(&csize.to_le_bytes());
    c.extend_from_slice(&size.to_le_bytes());
    c.extend_from_slice(&h16(e.name_raw.len()));
    c.extend_from_slice(&h16(e.central_extra.len()));
    c.extend_from_slice(&h16(e.comment.len()));
    c.extend_from_slice(&0u16.to_le_bytes());
    c.extend_from_slice(&e.internal_attr.to_le_bytes());
    c.extend_from_slice(&e.external_attr.to_le_bytes());
    c.extend_from_slice(&offset.to_le_bytes());
    c.extend_from_slice(e.name_raw);
    c.extend_from_slice(e.central_extra);
    c.extend_from_slice(e.comment);
    Ok(c)
}

/// Re-open what we wrote: every entry must be where the directory says,
/// unchanged entries byte-identical, changed ones inflating to the new
/// content.
fn verify(
    out: &[u8],
    original: &Package,
    changes: &BTreeMap<String, Vec<u8>>,
) -> Result<(), WriteError> {
    let fail = |d: String| WriteError::Verify(d);
    let written = Package::parse(out.to_vec(), &original.limits)
        .map_err(|e| fail(format!("the rewritten zip does not parse: {e}")))?;
    let added = changes.keys().filter(|k| !original.has(k)).count();
    if written.entries.len() != original.entries.len() + added {
        return Err(fail("entry count differs".into()));
    }
    for (e, w) in original.entries.iter().zip(written.entries.iter()) {
        if e.name != w.name {
            return Err(fail(format!("entry order changed at {}", e.name)));
        }
        if changes.contains_key(&e.name) {
            continue;
        }
        if e.raw(original) != w.raw(&written) {
            return Err(fail(format!("{} is not byte-identical", e.name)));
        }
    }
    for (name, content) in changes {
        let got = written
            .read(name)
            .map_err(|e| fail(format!("{name} does not read back: {e}")))?;
        if &got != content {
            return Err(fail(format!("{name} does not read back as written")));
        }
    }
    // An independent reader must agree.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out))
        .map_err(|e| fail(format!("zip crate rejects the output: {e}")))?;
    if zip.len() != written.entries.len() {
        return Err(fail("zip crate sees a different entry count".into()));
    }
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| fail(format!("zip crate cannot open entry {i}: {e}")))?;
        let w = written
            .entries
            .get(i)
            .ok_or_else(|| fail("entry count".into()))?;
        if f.crc32() != w.crc32 || f.compressed_size() != w.compressed_size {
            return Err(fail(format!("zip crate disagrees on {}", w.name)));
        }
    }
    Ok(())
}
