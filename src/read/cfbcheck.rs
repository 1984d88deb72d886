//! Structure check of an OLE2 compound file (.xls, .doc) before any
//! reader sees it.
//!
//! calamine's compound-file reader follows sector chains until it has read
//! the size a directory entry declares: a chain that loops back on itself
//! under a declared size of gigabytes makes it copy the same sector until
//! memory runs out (two flipped bytes in a public test file reached 4–14 GB
//! or an 8 GB allocation abort). Here every chain the readers follow — the
//! DIFAT, the directory, the mini FAT and every large stream — is walked
//! once with a visited set, and every declared size is compared with what
//! the file can hold. A file that fails is corrupt (IN001), and no reader
//! sees it.

use crate::error::ReadError;

pub const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// First of the reserved sector ids (DIFSECT, FATSECT, ENDOFCHAIN, FREESECT).
const MAXREGSECT: u32 = 0xFFFF_FFFA;

fn corrupt(detail: impl Into<String>) -> ReadError {
    ReadError::CorruptContainer {
        detail: detail.into(),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

struct File<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    /// Sectors present in the file (a short last one counts).
    sectors: u32,
}

impl File<'_> {
    fn sector(&self, id: u32) -> Option<&[u8]> {
        let start = (id as usize)
            .checked_add(1)?
            .checked_mul(self.sector_size)?;
        let end = start.saturating_add(self.sector_size).min(self.bytes.len());
        self.bytes.get(start..end)
    }

    /// [`walk`] over the sectors of the file.
    fn chain(&self, start: u32, fat: &[u32], what: &str) -> Result<u64, ReadError> {
        walk(start, fat, self.sectors, what)
    }

    /// The bytes of a chain, concatenated (the mini FAT).
    fn chain_bytes(&self, start: u32, fat: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut id = start;
        let mut n = 0u32;
        while id < MAXREGSECT && n < self.sectors {
            let Some(sector) = self.sector(id) else { break };
            out.extend_from_slice(sector);
            id = fat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
            n += 1;
        }
        out
    }
}

/// Walk a chain of `sectors` sectors from `start` through `fat`; the
/// number of sectors in it. A loop, a sector beyond the end or a free
/// sector inside the chain is corruption.
fn walk(start: u32, fat: &[u32], sectors: u32, what: &str) -> Result<u64, ReadError> {
    let mut seen = vec![false; sectors as usize];
    let mut id = start;
    let mut count = 0u64;
    // A reserved id ends a chain as the readers treat it (they stop or
    // fail cleanly); only a loop makes them copy without end.
    while id < MAXREGSECT {
        let Some(flag) = seen.get_mut(id as usize) else {
            return Err(corrupt(format!(
                "{what}: sector {id} lies beyond the end of the file"
            )));
        };
        if *flag {
            return Err(corrupt(format!(
                "{what}: sector chain loops back to sector {id}"
            )));
        }
        *flag = true;
        count += 1;
        id = *fat
            .get(id as usize)
            .ok_or_else(|| corrupt(format!("{what}: sector {id} has no FAT entry")))?;
    }
    Ok(count)
}

/// Check the structure of an OLE2 compound file (see the module docs).
pub fn validate(bytes: &[u8]) -> Result<(), ReadError> {
    if bytes.len() < 512 {
        return Err(corrupt("shorter than the 512-byte header"));
    }
    let shift = u16_at(bytes, 30).unwrap_or(0);
    let sector_size = match shift {
        9 => 512usize,
        12 => 4096,
        other => return Err(corrupt(format!("sector shift {other} (must be 9 or 12)"))),
    };
    if u16_at(bytes, 28) != Some(0xFFFE) {
        return Err(corrupt("wrong byte-order mark"));
    }
    let body = bytes.len().saturating_sub(sector_size);
    let sectors = u32::try_from(body.div_ceil(sector_size)).unwrap_or(u32::MAX);
    let file = File {
        bytes,
        sector_size,
        sectors,
    };
    let fat = read_fat(&file)?;
    let dir_start = u32_at(bytes, 48).unwrap_or(ENDOFCHAIN);
    let dir_sectors = file.chain(dir_start, &fat, "directory")?;
    if dir_sectors == 0 {
        return Err(corrupt("no directory"));
    }
    let minifat_start = u32_at(bytes, 60).unwrap_or(ENDOFCHAIN);
    let mut minifat = Vec::new();
    if minifat_start != ENDOFCHAIN {
        file.chain(minifat_start, &fat, "mini FAT")?;
        minifat = file
            .chain_bytes(minifat_start, &fat)
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    // Small streams: (start, index) of each, checked against the mini
    // stream once the root entry has given its size.
    let mut small = Vec::new();
    let mut mini_len = 0u64;
    // [MS-CFB] fixes the cutoff at 4096; calamine assumes it, so a file
    // saying otherwise would have its streams read other than checked.
    let cutoff = u64::from(u32_at(bytes, 56).unwrap_or(0));
    if cutoff != 4096 {
        return Err(corrupt(format!(
            "mini stream cutoff {cutoff} (must be 4096)"
        )));
    }
    // Every directory entry: large streams (and the root's mini stream)
    // live in FAT chains that must not loop and must hold their size.
    let mut id = dir_start;
    let mut index = 0u64;
    for _ in 0..dir_sectors {
        let Some(sector) = file.sector(id) else { break };
        for entry in sector.chunks_exact(128) {
            let kind = entry.get(66).copied().unwrap_or(0);
            let start = u32_at(entry, 116).unwrap_or(ENDOFCHAIN);
            let size = if sector_size == 512 {
                u64::from(u32_at(entry, 120).unwrap_or(0))
            } else {
                u64_at(entry, 120).unwrap_or(0)
            };
            let is_root = kind == 5;
            if is_root || (kind == 2 && size >= cutoff) {
                let n = file.chain(start, &fat, &format!("stream {index}"))?;
                if is_root && index == 0 {
                    // The mini stream is no longer than its chain.
                    mini_len = size.min(n.saturating_mul(sector_size as u64));
                }
            }
            if kind == 2 && size > 0 && size < cutoff {
                small.push((start, index));
            }
            index += 1;
        }
        id = fat.get(id as usize).copied().unwrap_or(ENDOFCHAIN);
    }
    // A small stream's mini sectors (64 bytes) must lie in the mini
    // stream: calamine slices its mini stream by them unchecked (a mini
    // sector past its end panicked it, found by the `doc` fuzz target).
    let mini_sectors = u32::try_from(mini_len.div_ceil(64)).unwrap_or(u32::MAX);
    for (start, index) in small {
        walk(
            start,
            &minifat,
            mini_sectors,
            &format!("stream {index} (mini stream)"),
        )?;
    }
    Ok(())
}

/// The FAT, from the header's 109 DIFAT entries and the DIFAT chain.
fn read_fat(file: &File<'_>) -> Result<Vec<u32>, ReadError> {
    let bytes = file.bytes;
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(bytes, 76 + 4 * i))
        .filter(|&id| id < MAXREGSECT)
        .collect();
    let mut next = u32_at(bytes, 68).unwrap_or(ENDOFCHAIN);
    let mut seen = vec![false; file.sectors as usize];
    let per = file.sector_size / 4 - 1;
    while next < MAXREGSECT {
        let Some(flag) = seen.get_mut(next as usize) else {
            return Err(corrupt(format!(
                "DIFAT sector {next} lies beyond the end of the file"
            )));
        };
        if *flag {
            return Err(corrupt("DIFAT chain loops"));
        }
        *flag = true;
        let sector = file
            .sector(next)
            .ok_or_else(|| corrupt("DIFAT sector missing"))?;
        fat_sectors.extend(
            (0..per)
                .filter_map(|i| u32_at(sector, 4 * i))
                .filter(|&id| id < MAXREGSECT),
        );
        next = u32_at(sector, 4 * per).unwrap_or(ENDOFCHAIN);
    }
    if fat_sectors.len() > file.sectors as usize {
        return Err(corrupt("more FAT sectors than the file has sectors"));
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * (file.sector_size / 4));
    for id in fat_sectors {
        let sector = file
            .sector(id)
            .ok_or_else(|| corrupt(format!("FAT sector {id} lies beyond the end of the file")))?;
        fat.extend((0..sector.len() / 4).filter_map(|i| u32_at(sector, 4 * i)));
    }
    Ok(fat)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FREESECT: u32 = 0xFFFF_FFFF;

    /// A minimal v3 compound file: header, one FAT sector (0), one
    /// directory sector (1) with a root entry, and a stream of `size`
    /// bytes starting at sector 2 whose chain is `chain` (FAT entries for
    /// sectors 2..).
    fn cfb(size: u32, chain: &[u32]) -> Vec<u8> {
        let mut b = vec![0u8; 512];
        b[..8].copy_from_slice(OLE_MAGIC);
        b[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        b[26..28].copy_from_slice(&3u16.to_le_bytes());
        b[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        b[30..32].copy_from_slice(&9u16.to_le_bytes());
        b[32..34].copy_from_slice(&6u16.to_le_bytes());
        b[44..48].copy_from_slice(&1u32.to_le_bytes());
        b[48..52].copy_from_slice(&1u32.to_le_bytes());
        b[56..60].copy_from_slice(&4096u32.to_le_bytes());
        b[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        b[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        for i in 0..109 {
            b[76 + 4 * i..80 + 4 * i].copy_from_slice(&FREESECT.to_le_bytes());
        }
        b[76..80].copy_from_slice(&0u32.to_le_bytes());
        let mut fat = vec![FREESECT; 128];
        fat[0] = 0xFFFF_FFFD;
        fat[1] = ENDOFCHAIN;
        for (i, next) in chain.iter().enumerate() {
            fat[2 + i] = *next;
        }
        for v in fat {
            b.extend_from_slice(&v.to_le_bytes());
        }
        let mut dir = vec![0u8; 512];
        dir[66] = 5; // root, no mini stream
        dir[116..120].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        dir[128 + 66] = 2;
        dir[128 + 116..128 + 120].copy_from_slice(&2u32.to_le_bytes());
        dir[128 + 120..128 + 124].copy_from_slice(&size.to_le_bytes());
        b.extend_from_slice(&dir);
        b.extend(std::iter::repeat_n(0u8, 512 * chain.len()));
        b
    }

    #[test]
    fn a_sound_chain_passes() {
        let chain: Vec<u32> = (3..10).chain([ENDOFCHAIN]).collect();
        assert!(validate(&cfb(8 * 512, &chain)).is_ok());
    }

    #[test]
    fn a_small_stream_beyond_the_mini_stream_is_corrupt() {
        // 100 bytes: a mini-stream stream, but the file has no mini stream.
        let e = validate(&cfb(100, &[])).err().map(|e| e.to_string());
        assert!(
            e.as_deref().is_some_and(|e| e.contains("mini stream")),
            "{e:?}"
        );
    }

    #[test]
    fn a_cutoff_other_than_4096_is_corrupt() {
        let mut b = cfb(5000, &[3, ENDOFCHAIN]);
        b[56..60].copy_from_slice(&100_000u32.to_le_bytes());
        assert!(validate(&b).is_err());
    }

    #[test]
    fn a_looping_chain_is_corrupt() {
        // Sector 9 points back to 2: calamine would copy forever.
        let chain: Vec<u32> = (3..10).chain([2]).collect();
        let err = validate(&cfb(8 * 512, &chain)).unwrap_err();
        assert!(err.to_string().contains("loops"), "{err}");
        assert_eq!(err.code(), "IN001");
    }

    #[test]
    fn a_chain_beyond_the_file_is_corrupt() {
        let chain: Vec<u32> = (3..9).chain([5000]).collect();
        let err = validate(&cfb(8 * 512, &chain)).unwrap_err();
        assert!(err.to_string().contains("beyond"), "{err}");
    }

    #[test]
    fn garbage_after_the_magic_is_corrupt() {
        let mut b = OLE_MAGIC.to_vec();
        b.extend(std::iter::repeat_n(0x41u8, 600));
        assert_eq!(validate(&b).unwrap_err().code(), "IN001");
    }
}
