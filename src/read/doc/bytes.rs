//! Little-endian reads that return `None` past the end, and the single
//! property modifiers (sprms) of [MS-DOC] 2.6.

pub fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

pub fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

pub fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    Some(i16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

/// A slice that is empty when out of range.
pub fn slice(b: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    b.get(at..at.checked_add(len)?)
}

/// sprmTDefTable: a 2-byte length (plus one) precedes its operand.
pub const SPRM_TDEF_TABLE: u16 = 0xD608;
/// sprmPChgTabs: a 1-byte length that may be 255 (then computed).
const SPRM_PCHG_TABS: u16 = 0xC615;

/// The sprms of a grpprl: (opcode, operand). Stops at the first one that
/// does not fit.
pub fn sprms(grpprl: &[u8]) -> Vec<(u16, &[u8])> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while let Some(op) = u16_at(grpprl, at) {
        at += 2;
        let size = match op >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                if op == SPRM_TDEF_TABLE {
                    let Some(cb) = u16_at(grpprl, at) else { break };
                    // The operand starts with its own 2-byte count.
                    usize::from(cb).saturating_add(1)
                } else if op == SPRM_PCHG_TABS && grpprl.get(at) == Some(&255) {
                    // cTabs-based length: give up on the rest.
                    break;
                } else {
                    let Some(&cb) = grpprl.get(at) else { break };
                    at += 1;
                    usize::from(cb)
                }
            }
        };
        let Some(operand) = slice(grpprl, at, size) else {
            break;
        };
        out.push((op, operand));
        at += size;
    }
    out
}
