//! Inflating a plain (stored or deflated) zip part straight from the
//! package bytes into one buffer (issue 13).
//!
//! Through the zip library a part went package → 8 KB input buffer (zeroed,
//! copied) → inflater made anew for each part (its state zeroed) → 64 KB
//! chunk → output buffer (copied again). Here the inflater of the thread is
//! reset and reused, and inflates from a slice of the package into the
//! output buffer. Every read ends where the library's would have, fails
//! with the same message (`File is larger than its declared uncompressed
//! size`, `Invalid checksum`, `corrupt deflate stream`, `incomplete
//! deflate stream`), so the limits, checked after each read, give what
//! they gave.

use flate2::{Crc, Decompress, FlushDecompress, Status};
use std::cell::Cell;
use std::io;

/// Compressed bytes the library's reader hands the inflater at a time (the
/// capacity of its `BufReader`): the windows are cut at the same places.
const INPUT_WINDOW: usize = 8 * 1024;
/// Output room zeroed at a time past the size the header declares (a
/// header under-stating the size must not cost a large zeroed buffer).
const OVERFLOW_STEP: usize = 256;
/// Room given past the declared size from the start: the inflater's fast
/// loop runs only with 258 bytes of room or more, so without it the end of
/// every part went through its slow loop (6 % more instructions inflating).
const FAST_ROOM: usize = 512;

thread_local! {
    /// The raw-deflate inflater of this thread: made once, reset per part
    /// (making one zeroed its state and window: 2 % of `extract`).
    static INFLATER: Cell<Option<Decompress>> = const { Cell::new(None) };
}

/// How a part's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Method {
    Stored,
    Deflated,
}

/// The compressed bytes of a part whose data start at `at`: `compressed`
/// bytes, or fewer when the file ends first (as a reader of the file sees).
pub(super) fn compressed_slice(bytes: &[u8], at: u64, compressed: u64) -> &[u8] {
    let len = bytes.len() as u64;
    let start = at.min(len);
    let end = at.saturating_add(compressed).min(len);
    let (Ok(start), Ok(end)) = (usize::try_from(start), usize::try_from(end)) else {
        return &[];
    };
    bytes.get(start..end).unwrap_or_default()
}

/// One part being inflated: the library's reader chain, read by read.
pub(super) struct Source<'d> {
    method: Method,
    inflater: Option<Decompress>,
    data: &'d [u8],
    /// Compressed bytes consumed, and the end of the current input window.
    pos: usize,
    window_end: usize,
    crc: Crc,
    expected_crc: u32,
    declared: u64,
    /// Inflated bytes so far, kept at the front of `out`; the rest of `out`
    /// is zeroed room for the inflater to write into.
    filled: usize,
    out: Vec<u8>,
    /// Room is zeroed as needed up to this length (the declared size and
    /// [`FAST_ROOM`]), then [`OVERFLOW_STEP`] and more at a time.
    presize: usize,
}

impl<'d> Source<'d> {
    /// A part of `declared` bytes (the header's word, capped by the caller
    /// at `presize`), stored as `method` in `data`, whose CRC-32 is `crc`.
    pub(super) fn new(
        method: Method,
        data: &'d [u8],
        crc: u32,
        declared: u64,
        presize: u64,
    ) -> Self {
        let presize = usize::try_from(presize)
            .unwrap_or(0)
            .saturating_add(FAST_ROOM);
        let inflater = (method == Method::Deflated).then(|| match INFLATER.take() {
            Some(mut d) => {
                d.reset(false);
                d
            }
            None => Decompress::new(false),
        });
        Source {
            method,
            inflater,
            data,
            pos: 0,
            window_end: 0,
            crc: Crc::new(),
            expected_crc: crc,
            declared,
            filled: 0,
            out: Vec::with_capacity(presize),
            presize,
        }
    }

    /// Bytes inflated so far.
    pub(super) fn len(&self) -> usize {
        self.filled
    }

    /// The inflated bytes; the inflater goes back to the thread.
    pub(super) fn finish(mut self) -> Vec<u8> {
        if let Some(d) = self.inflater.take() {
            INFLATER.set(Some(d));
        }
        self.out.truncate(self.filled);
        self.out
    }

    /// One read of at most `cap` (> 0) bytes, as the library's CRC-checking
    /// reader gives it: the count of bytes read, 0 at the end.
    pub(super) fn read(&mut self, cap: usize) -> io::Result<usize> {
        let n = match self.method {
            Method::Stored => self.read_stored(cap),
            Method::Deflated => self.read_deflated(cap)?,
        };
        // The library counts the bytes against the declared size, then
        // checks the CRC at the end.
        let read_total = self.filled as u64;
        if read_total > self.declared {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "File is larger than its declared uncompressed size",
            ));
        }
        if n == 0 && self.crc.sum() != self.expected_crc {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "Invalid checksum",
            ));
        }
        let start = self.filled - n;
        self.crc
            .update(self.out.get(start..self.filled).unwrap_or_default());
        Ok(n)
    }

    fn read_stored(&mut self, cap: usize) -> usize {
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let piece = rest.get(..cap.min(rest.len())).unwrap_or_default();
        self.out.truncate(self.filled);
        self.out.extend_from_slice(piece);
        self.pos += piece.len();
        self.filled += piece.len();
        piece.len()
    }

    /// flate2's buffered read: inflate the current input window (refilled
    /// when used up) into `cap` bytes of room, again while that gives
    /// nothing before the input ends.
    fn read_deflated(&mut self, cap: usize) -> io::Result<usize> {
        loop {
            if self.pos >= self.window_end {
                self.window_end = self.pos.saturating_add(INPUT_WINDOW).min(self.data.len());
            }
            let eof = self.pos >= self.window_end;
            let flush = if eof {
                FlushDecompress::Finish
            } else {
                FlushDecompress::None
            };
            let (read, status) = self.run(cap, flush)?;
            match status {
                Status::Ok | Status::BufError if read == 0 && !eof => continue,
                Status::Ok | Status::BufError if read == 0 => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "incomplete deflate stream",
                    ));
                }
                _ => return Ok(read),
            }
        }
    }

    /// One inflate call with `cap` bytes of output room, made in pieces as
    /// room is zeroed (inflating is resumable: the pieces give what one
    /// call would). The bytes written and the last status.
    fn run(&mut self, cap: usize, flush: FlushDecompress) -> io::Result<(usize, Status)> {
        let Some(d) = self.inflater.as_mut() else {
            return Ok((0, Status::StreamEnd));
        };
        let mut written = 0;
        loop {
            let want = cap - written;
            let end = self.filled + want;
            let input = self.data.get(self.pos..self.window_end).unwrap_or_default();
            let (in_before, out_before) = (d.total_in(), d.total_out());
            let (status, give) = if self.filled < self.presize
                && end >= self.presize
                && self.out.capacity() == self.presize
            {
                // The room wanted is the whole spare capacity: inflate
                // straight into it, unzeroed (zeroing it first was 1 % of
                // `extract`); the same room as the zeroed path gives.
                self.out.truncate(self.filled);
                let give = self.presize - self.filled;
                (d.decompress_vec(input, &mut self.out, flush), give)
            } else {
                let target = if self.filled < self.presize {
                    end.min(self.presize)
                } else {
                    // Past the declared size: a little more room at a time.
                    let over = self.out.len().saturating_sub(self.presize);
                    end.min(self.filled + over.max(OVERFLOW_STEP))
                };
                if self.out.len() < target {
                    self.out.resize(target, 0);
                }
                let room_end = self.out.len().min(end);
                let output = self.out.get_mut(self.filled..room_end).unwrap_or_default();
                let give = output.len();
                (d.decompress(input, output, flush), give)
            };
            let status = status.map_err(|_| {
                io::Error::new(io::ErrorKind::InvalidInput, "corrupt deflate stream")
            })?;
            let produced = usize::try_from(d.total_out() - out_before).unwrap_or(0);
            let consumed = usize::try_from(d.total_in() - in_before).unwrap_or(0);
            self.pos += consumed;
            self.filled += produced;
            written += produced;
            // Done unless the room given ran out before `cap` was reached
            // (the inflater may have more to write).
            if status == Status::StreamEnd || produced < give || written >= cap {
                return Ok((written, status));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::SafeZip;
    use crate::read::Limits;
    use std::io::{Cursor, Write};
    use zip::CompressionMethod;
    use zip::write::SimpleFileOptions;

    /// Deterministic contents: text-like, incompressible, or zeros.
    fn content(kind: u8, len: usize) -> Vec<u8> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ len as u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let words: [&[u8]; 6] = [
            b"<w:p>",
            b"<w:t>",
            "様式".as_bytes(),
            b"abc ",
            b"</w:t>",
            b"\n",
        ];
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            match kind {
                0 => out.extend_from_slice(words[(next() % 6) as usize]),
                1 => out.push(next() as u8),
                _ => out.push(0),
            }
        }
        out.truncate(len);
        out
    }

    fn build(data: &[u8], method: CompressionMethod) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(method);
        for name in ["a.xml", "b.xml"] {
            w.start_file(name, options).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Damage the package: 0 none, 1 CRC, 2 size halved, 3 size tripled,
    /// 4 size zero, 5 compressed size halved, 6 compressed size past the
    /// data, 7 a compressed byte flipped.
    fn damage(bytes: &mut [u8], how: u8) {
        let cd: Vec<usize> = (0..bytes.len().saturating_sub(4))
            .filter(|&i| bytes[i..i + 4] == *b"PK\x01\x02")
            .collect();
        let u32_at = |b: &[u8], i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap());
        for &c in &cd {
            let (crc, csize, size) = (
                u32_at(bytes, c + 16),
                u32_at(bytes, c + 20),
                u32_at(bytes, c + 24),
            );
            let (crc, csize, size) = match how {
                1 => (crc ^ 1, csize, size),
                2 => (crc, csize, size / 2),
                3 => (crc, csize, size.saturating_mul(3)),
                4 => (crc, csize, 0),
                5 => (crc, csize / 2, size),
                6 => (crc, csize + 40, size),
                _ => (crc, csize, size),
            };
            bytes[c + 16..c + 20].copy_from_slice(&crc.to_le_bytes());
            bytes[c + 20..c + 24].copy_from_slice(&csize.to_le_bytes());
            bytes[c + 24..c + 28].copy_from_slice(&size.to_le_bytes());
        }
        if how == 7 {
            let start = 30 + 5 + usize::from(u16::from_le_bytes([bytes[28], bytes[29]]));
            let csize = u32_at(bytes, 18) as usize;
            bytes[start + csize / 3] ^= 0x5A;
        }
    }

    /// Each part read twice, as the outcome (bytes or error) per read.
    fn outcomes(bytes: &[u8], limits: &Limits, library: bool) -> Vec<Result<Vec<u8>, String>> {
        let mut z = match SafeZip::open(bytes.to_vec(), limits) {
            Ok(z) => z,
            Err(e) => return vec![Err(format!("{e:?}"))],
        };
        z.library_only = library;
        ["a.xml", "b.xml", "A.xml"]
            .iter()
            .map(|n| z.read(n).map_err(|e| format!("{e:?}")))
            .collect()
    }

    #[test]
    fn direct_inflate_gives_what_the_library_gives() {
        let tight = [
            Limits::default(),
            Limits {
                max_part_bytes: 50_000,
                ..Limits::default()
            },
            Limits {
                max_total_inflated: 120_000,
                ..Limits::default()
            },
            Limits {
                ratio_floor_bytes: 1000,
                max_ratio: 3,
                ..Limits::default()
            },
        ];
        let mut compared = 0;
        for (kind, len) in [
            (0, 0),
            (0, 1),
            (0, 100),
            (0, 5000),
            (1, 70_000),
            (0, 300_000),
            (2, 2_100_000),
        ] {
            let data = content(kind, len);
            for method in [CompressionMethod::Deflated, CompressionMethod::Stored] {
                let clean = build(&data, method);
                for how in 0..8 {
                    let mut bytes = clean.clone();
                    damage(&mut bytes, how);
                    for limits in &tight {
                        let library = outcomes(&bytes, limits, true);
                        let direct = outcomes(&bytes, limits, false);
                        assert!(
                            library == direct,
                            "kind {kind} len {len} {method:?} damage {how} {limits:?}: {:?} vs {:?}",
                            library
                                .iter()
                                .map(|r| r.as_ref().map(Vec::len))
                                .collect::<Vec<_>>(),
                            direct
                                .iter()
                                .map(|r| r.as_ref().map(Vec::len))
                                .collect::<Vec<_>>(),
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert_eq!(compared, 7 * 2 * 8 * 4);
    }
}
