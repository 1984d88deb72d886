//! Replacement in text files, in their own encoding.
//!
//! The file is never decoded and re-encoded as a whole (a Shift_JIS file
//! may use code points with two encodings, and a round trip would silently
//! change them). Each replacement is located on the decoded line, mapped to
//! the exact byte range of the original text in the file, and only those
//! bytes are swapped for the encoded replacement. BOM, line endings and
//! every other byte stay as they were.

use super::{Edit, EditOutcome, EditStatus, WriteError, find_free};
use crate::model::Location;
use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS, UTF_8};

/// A text encoding we can write back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8 {
        bom: bool,
    },
    Utf16Le,
    Utf16Be,
    /// Shift_JIS (CP932) or EUC-JP.
    Legacy(&'static Encoding),
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 { .. } => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Legacy(e) => e.name(),
        }
    }

    fn bom_len(self) -> usize {
        match self {
            TextEncoding::Utf8 { bom: true } => 3,
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => 2,
            _ => 0,
        }
    }

    fn unit(self) -> usize {
        match self {
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => 2,
            _ => 1,
        }
    }

    /// Decode without replacement characters; None when the bytes are not
    /// valid in this encoding.
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            TextEncoding::Utf8 { .. } => std::str::from_utf8(bytes).ok().map(str::to_string),
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
                if !bytes.len().is_multiple_of(2) {
                    return None;
                }
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|c| {
                        if self == TextEncoding::Utf16Le {
                            u16::from_le_bytes([c[0], c[1]])
                        } else {
                            u16::from_be_bytes([c[0], c[1]])
                        }
                    })
                    .collect();
                String::from_utf16(&units).ok()
            }
            TextEncoding::Legacy(e) => e
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|c| c.into_owned()),
        }
    }

    /// Encode; None when a character has no encoding here.
    pub fn encode(self, s: &str) -> Option<Vec<u8>> {
        match self {
            TextEncoding::Utf8 { .. } => Some(s.as_bytes().to_vec()),
            TextEncoding::Utf16Le => Some(s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()),
            TextEncoding::Utf16Be => Some(s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()),
            TextEncoding::Legacy(e) => {
                let (bytes, _, had_errors) = e.encode(s);
                if had_errors {
                    None
                } else {
                    Some(bytes.into_owned())
                }
            }
        }
    }

    fn newline(self) -> &'static [u8] {
        match self {
            TextEncoding::Utf16Le => &[0x0A, 0x00],
            TextEncoding::Utf16Be => &[0x00, 0x0A],
            _ => b"\n",
        }
    }
}

/// Detect the encoding the way the reader does: BOM, then valid UTF-8,
/// then Shift_JIS, then EUC-JP. `hint` (the reader's detected encoding
/// name) wins when it names an encoding we can write.
pub fn detect(bytes: &[u8], hint: Option<&str>) -> Option<TextEncoding> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Some(TextEncoding::Utf8 { bom: true });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(TextEncoding::Utf16Le);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(TextEncoding::Utf16Be);
    }
    if let Some(enc) = hint.and_then(|h| Encoding::for_label(h.as_bytes())) {
        if enc == UTF_8 {
            return Some(TextEncoding::Utf8 { bom: false });
        }
        if enc == SHIFT_JIS || enc == EUC_JP {
            let t = TextEncoding::Legacy(enc);
            if t.decode(bytes).is_some() {
                return Some(t);
            }
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Some(TextEncoding::Utf8 { bom: false });
    }
    for enc in [SHIFT_JIS, EUC_JP] {
        let t = TextEncoding::Legacy(enc);
        if t.decode(bytes).is_some() {
            return Some(t);
        }
    }
    None
}

/// A replacement claimed on a line: byte range in the decoded line, byte
/// range in the file, the encoded replacement, the edit's index.
type LineClaim = (usize, usize, usize, usize, Vec<u8>, usize);

/// One line of the file: byte range of its content (without the newline
/// and without a trailing CR).
struct Line {
    start: usize,
    end: usize,
}

fn split_lines(bytes: &[u8], enc: TextEncoding) -> Vec<Line> {
    let nl = enc.newline();
    let unit = enc.unit();
    let cr: &[u8] = match enc {
        TextEncoding::Utf16Le => &[0x0D, 0x00],
        TextEncoding::Utf16Be => &[0x00, 0x0D],
        _ => b"\r",
    };
    let mut lines = Vec::new();
    let mut start = enc.bom_len();
    let mut i = start;
    while i + nl.len() <= bytes.len() {
        if &bytes[i..i + nl.len()] == nl {
            let mut end = i;
            if end >= start + cr.len() && &bytes[end - cr.len()..end] == cr {
                end -= cr.len();
            }
            lines.push(Line { start, end });
            start = i + nl.len();
            i = start;
        } else {
            i += unit;
        }
    }
    let mut end = bytes.len();
    if end >= start + cr.len() && &bytes[end - cr.len()..end] == cr {
        end -= cr.len();
    }
    lines.push(Line { start, end });
    lines
}

/// Apply edits to a text file's bytes. `hint` is the encoding the reader
/// detected. Returns the new bytes (the original when nothing applied),
/// the encoding used and one outcome per edit.
pub fn replace_in_text(
    bytes: &[u8],
    hint: Option<&str>,
    edits: &[Edit],
) -> Result<(Vec<u8>, TextEncoding, Vec<EditOutcome>), WriteError> {
    let file = TextFile::read(bytes, hint)?;
    let enc = file.enc;
    // Claims per line: (char-byte range in the decoded line, byte range in
    // the file, replacement bytes, edit index).
    let mut claims: Vec<Vec<LineClaim>> = vec![Vec::new(); file.lines.len()];
    let mut outcomes = Vec::with_capacity(edits.len());
    for (i, edit) in edits.iter().enumerate() {
        outcomes.push(file.claim(i, edit, &mut claims));
    }
    file.before_after(&claims, edits, &mut outcomes);
    let mut all: Vec<&LineClaim> = claims.iter().flatten().collect();
    if all.is_empty() {
        return Ok((bytes.to_vec(), enc, outcomes));
    }
    all.sort_by_key(|c| c.2);
    let mut out = Vec::with_capacity(bytes.len() + 64);
    let mut pos = 0;
    for c in all {
        out.extend_from_slice(&bytes[pos..c.2]);
        out.extend_from_slice(&c.4);
        pos = c.3;
    }
    out.extend_from_slice(&bytes[pos..]);
    // The result must decode, with the same number of lines.
    let check_lines = split_lines(&out, enc);
    if check_lines.len() != file.lines.len()
        || check_lines
            .iter()
            .any(|l| enc.decode(&out[l.start..l.end]).is_none())
    {
        return Err(WriteError::Verify(
            "the rewritten text does not decode line for line".into(),
        ));
    }
    Ok((out, enc, outcomes))
}

/// A text file split into lines and decoded.
struct TextFile<'a> {
    bytes: &'a [u8],
    enc: TextEncoding,
    lines: Vec<Line>,
    decoded: Vec<String>,
}

const NOT_STANDARD: &str = "the original bytes differ from their standard encoding";

impl<'a> TextFile<'a> {
    fn read(bytes: &'a [u8], hint: Option<&str>) -> Result<TextFile<'a>, WriteError> {
        let enc = detect(bytes, hint).ok_or_else(|| {
            WriteError::Unsupported("the text encoding could not be determined".into())
        })?;
        let lines = split_lines(bytes, enc);
        let mut decoded: Vec<String> = Vec::with_capacity(lines.len());
        for l in &lines {
            decoded.push(
                enc.decode(bytes.get(l.start..l.end).unwrap_or(&[]))
                    .ok_or_else(|| {
                        WriteError::Unsupported(format!("a line is not valid {}", enc.name()))
                    })?,
            );
        }
        Ok(TextFile {
            bytes,
            enc,
            lines,
            decoded,
        })
    }

    /// Claim the first free occurrence of edit `i` (at its line and
    /// column when given); its outcome.
    fn claim(&self, i: usize, edit: &Edit, claims: &mut [Vec<LineClaim>]) -> EditOutcome {
        let enc = self.enc;
        let scope: Vec<usize> = match edit.location.line {
            Some(n) if n >= 1 && (n as usize) <= self.lines.len() => vec![n as usize - 1],
            Some(_) => Vec::new(),
            None => (0..self.lines.len()).collect(),
        };
        let Some(rep) = enc.encode(&edit.replacement) else {
            return outcome(
                i,
                EditStatus::Refused(format!(
                    "the replacement cannot be written in {}",
                    enc.name()
                )),
                &edit.location,
                "",
                "",
            );
        };
        let Some(orig_enc) = enc.encode(&edit.original) else {
            return outcome(i, EditStatus::NotFound, &edit.location, "", "");
        };
        let mut placed = None;
        let mut refusal = None;
        for li in scope {
            let (found, why) = self.place_in_line(li, edit, &orig_enc, &claims[li]);
            if why.is_some() {
                refusal = why;
            }
            if let Some((at, b)) = found {
                placed = Some((li, at, b));
                break;
            }
        }
        match placed {
            Some((li, at, b)) => {
                let fs = self.lines[li].start + b;
                claims[li].push((
                    at,
                    at + edit.original.len(),
                    fs,
                    fs + orig_enc.len(),
                    rep,
                    i,
                ));
                outcome(
                    i,
                    EditStatus::Applied,
                    &Location::line(li as u32 + 1),
                    "",
                    "",
                )
            }
            None => {
                let status = match refusal {
                    Some(r) => EditStatus::Refused(r),
                    None => EditStatus::NotFound,
                };
                outcome(i, status, &edit.location, "", "")
            }
        }
    }

    /// The edit's original in line `li`, free of the line's claims:
    /// (char-byte offset in the decoded line, byte offset in the line),
    /// and the last reason an occurrence could not be taken.
    fn place_in_line(
        &self,
        li: usize,
        edit: &Edit,
        orig_enc: &[u8],
        line_claims: &[LineClaim],
    ) -> (Option<(usize, usize)>, Option<String>) {
        let text = &self.decoded[li];
        let lb = &self.bytes[self.lines[li].start..self.lines[li].end];
        let mut taken: Vec<(usize, usize)> = line_claims.iter().map(|c| (c.0, c.1)).collect();
        let mut refusal = None;
        // Prefer the occurrence at the reported column.
        if let Some(col) = edit.location.column {
            let at = text
                .char_indices()
                .nth(col.saturating_sub(1) as usize)
                .map(|(b, _)| b);
            if let Some(at) = at
                && text[at..].starts_with(&edit.original)
                && taken
                    .iter()
                    .all(|&(a, b)| at + edit.original.len() <= a || at >= b)
            {
                match byte_offset(lb, text, at, orig_enc, self.enc) {
                    Some(b) => return (Some((at, b)), refusal),
                    None => refusal = Some(NOT_STANDARD.to_string()),
                }
            }
        }
        while let Some(at) = find_free(text, &edit.original, &taken) {
            match byte_offset(lb, text, at, orig_enc, self.enc) {
                Some(b) => return (Some((at, b)), refusal),
                None => {
                    refusal = Some(NOT_STANDARD.to_string());
                    taken.push((at, at + edit.original.len()));
                }
            }
        }
        (None, refusal)
    }

    /// Fill in before/after per line, and the column.
    fn before_after(
        &self,
        claims: &[Vec<LineClaim>],
        edits: &[Edit],
        outcomes: &mut [EditOutcome],
    ) {
        for (li, list) in claims.iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let mut sorted = list.clone();
            sorted.sort_by_key(|c| c.0);
            let before = self.decoded[li].clone();
            let mut after = String::new();
            let mut pos = 0;
            for c in &sorted {
                after.push_str(&before[pos..c.0]);
                after.push_str(&edits[c.5].replacement);
                pos = c.1;
            }
            after.push_str(&before[pos..]);
            for c in list {
                if let Some(o) = outcomes.iter_mut().find(|o| o.index == c.5) {
                    o.before = before.clone();
                    o.after = after.clone();
                    o.location.column = Some(before[..c.0].chars().count() as u32 + 1);
                }
            }
        }
    }
}

/// The byte offset, in the line's bytes, of the character at `at` in the
/// decoded line, provided the original text is stored there in its
/// standard encoding.
fn byte_offset(
    line: &[u8],
    text: &str,
    at: usize,
    orig: &[u8],
    enc: TextEncoding,
) -> Option<usize> {
    let prefix = enc.encode(&text[..at])?;
    // Fast path: the prefix re-encodes to the same bytes.
    if line.get(..prefix.len()) == Some(&prefix[..]) && line[prefix.len()..].starts_with(orig) {
        return Some(prefix.len());
    }
    // Otherwise find where the encoded original sits at a character
    // boundary whose decoded prefix is the text before it.
    let unit = enc.unit();
    let mut b = 0;
    while b + orig.len() <= line.len() {
        if line[b..].starts_with(orig) && enc.decode(&line[..b]).as_deref() == Some(&text[..at]) {
            return Some(b);
        }
        b += unit;
    }
    None
}

fn outcome(
    index: usize,
    status: EditStatus,
    loc: &Location,
    before: &str,
    after: &str,
) -> EditOutcome {
    EditOutcome {
        index,
        status,
        location: loc.clone(),
        before: before.to_string(),
        after: after.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(line: u32, o: &str, r: &str) -> Edit {
        Edit::new(Location::line(line), o, r)
    }

    #[test]
    fn shift_jis_crlf_kept() {
        let text = "件名\r\n（令和５年度版）に基づく\r\n末尾";
        let (bytes, _, _) = SHIFT_JIS.encode(text);
        let (out, enc, o) =
            replace_in_text(&bytes, None, &[edit(2, "令和５年度版", "令和７年度版")]).unwrap();
        assert_eq!(enc, TextEncoding::Legacy(SHIFT_JIS));
        assert_eq!(o[0].status, EditStatus::Applied);
        assert_eq!(o[0].location.column, Some(2));
        let (want, _, _) = SHIFT_JIS.encode("件名\r\n（令和７年度版）に基づく\r\n末尾");
        assert_eq!(out, want.into_owned());
    }

    #[test]
    fn utf8_bom_and_utf16_kept() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("a NISC b\nNISC".as_bytes());
        let (out, _, _) =
            replace_in_text(&bytes, None, &[edit(2, "NISC", "国家サイバー統括室")]).unwrap();
        let mut want = vec![0xEF, 0xBB, 0xBF];
        want.extend_from_slice("a NISC b\n国家サイバー統括室".as_bytes());
        assert_eq!(out, want);

        let mut le = vec![0xFF, 0xFE];
        le.extend(
            "x\r\n令和５年度版"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        let (out, enc, o) = replace_in_text(&le, None, &[edit(2, "５", "７")]).unwrap();
        assert_eq!(enc, TextEncoding::Utf16Le);
        assert_eq!(o[0].status, EditStatus::Applied);
        let mut want = vec![0xFF, 0xFE];
        want.extend(
            "x\r\n令和７年度版"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        assert_eq!(out, want);
    }

    #[test]
    fn unencodable_replacement_is_refused() {
        let (bytes, _, _) = SHIFT_JIS.encode("令和５年度版");
        let (out, _, o) = replace_in_text(&bytes, None, &[edit(1, "令和", "😀")]).unwrap();
        assert!(matches!(o[0].status, EditStatus::Refused(_)));
        assert_eq!(out, bytes.into_owned());
    }
}
