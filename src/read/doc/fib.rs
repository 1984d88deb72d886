//! The File Information Block at the start of the WordDocument stream
//! ([MS-DOC] 2.5.1): what the file is (version, template, encryption),
//! which table stream holds the structures, the character counts of each
//! story and where the piece table and the property bin tables are.

use super::bytes::{u16_at, u32_at};
use crate::error::ReadError;

/// nFib of Word 97 and later (Word 97 writes 0x00C1; 2000+ add FibRgCswNew).
const NFIB_WORD97: u16 = 0x00C1;

/// An (fc, lcb) pair of FibRgFcLcb97: where a structure lies in the table
/// stream and how long it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct FcLcb {
    pub fc: u32,
    pub lcb: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Fib {
    pub nfib: u16,
    /// Language id of the document (0x0411 Japanese).
    pub lid: u16,
    pub is_template: bool,
    pub encrypted: bool,
    pub obfuscated: bool,
    /// `1Table` rather than `0Table`.
    pub table_1: bool,
    /// Character counts of the stories, in CP order.
    pub ccp_text: u32,
    pub ccp_ftn: u32,
    pub ccp_hdd: u32,
    pub ccp_atn: u32,
    pub ccp_edn: u32,
    pub ccp_txbx: u32,
    pub ccp_hdr_txbx: u32,
    pub plcf_and_txt: FcLcb,
    pub plcf_hdd: FcLcb,
    pub plcf_bte_chpx: FcLcb,
    pub plcf_bte_papx: FcLcb,
    pub clx: FcLcb,
    /// PlcfandRef: where each comment is anchored, with its author index.
    pub plcf_and_ref: FcLcb,
    /// GrpXstAtnOwners: the comment authors' names.
    pub atn_owners: FcLcb,
    /// PlfLst (list definitions, followed by their levels) and PlfLfo
    /// (list overrides), for list numbers.
    pub plf_lst: FcLcb,
    pub plf_lfo: FcLcb,
    /// Word 6/95: the text lies in the WordDocument stream at fcMin.
    pub fc_min: u32,
}

/// The Word version a nFib names, for messages about old files.
pub fn version_name(nfib: u16) -> &'static str {
    match nfib {
        0..=0x0064 => "Word 2.0 以前",
        0x0065..=0x0067 => "Word 6.0",
        0x0068..=0x00C0 => "Word 95 (7.0)",
        _ => "Word 97 以降",
    }
}

pub fn parse(stream: &[u8]) -> Result<Fib, ReadError> {
    let bad = |what: &str| ReadError::CorruptContainer {
        detail: format!("WordDocument stream: {what}"),
    };
    if u16_at(stream, 0) != Some(0xA5EC) && u16_at(stream, 0) != Some(0xA5DC) {
        return Err(bad("no Word signature (wIdent) at the start"));
    }
    let nfib = u16_at(stream, 2).ok_or_else(|| bad("truncated FIB"))?;
    let lid = u16_at(stream, 6).unwrap_or(0);
    let flags = u16_at(stream, 10).ok_or_else(|| bad("truncated FIB"))?;
    let mut fib = Fib {
        nfib,
        lid,
        is_template: flags & 0x0001 != 0,
        encrypted: flags & 0x0100 != 0,
        obfuscated: flags & 0x8000 != 0,
        table_1: flags & 0x0200 != 0,
        fc_min: u32_at(stream, 24).unwrap_or(0),
        ..Fib::default()
    };
    if nfib < NFIB_WORD97 {
        // Word 6/95 FIB: fcMac at 0x1C, ccpText at 0x34 (only the main
        // text is read from these files).
        let fc_mac = u32_at(stream, 0x1C).unwrap_or(0);
        fib.ccp_text = match u32_at(stream, 0x34) {
            Some(n) if n > 0 => n,
            _ => fc_mac.saturating_sub(fib.fc_min),
        };
        return Ok(fib);
    }
    let csw = usize::from(u16_at(stream, 32).ok_or_else(|| bad("truncated FIB"))?);
    let lw_at = 34 + csw * 2;
    let cslw = usize::from(u16_at(stream, lw_at).ok_or_else(|| bad("truncated FIB"))?);
    let lw = |i: usize| {
        if i < cslw {
            u32_at(stream, lw_at + 2 + 4 * i).unwrap_or(0)
        } else {
            0
        }
    };
    fib.ccp_text = lw(3);
    fib.ccp_ftn = lw(4);
    fib.ccp_hdd = lw(5);
    fib.ccp_atn = lw(7);
    fib.ccp_edn = lw(8);
    fib.ccp_txbx = lw(9);
    fib.ccp_hdr_txbx = lw(10);
    let fc_at = lw_at + 2 + 4 * cslw;
    let cb = usize::from(u16_at(stream, fc_at).ok_or_else(|| bad("truncated FIB"))?);
    let pair = |i: usize| {
        if i < cb {
            let at = fc_at + 2 + 8 * i;
            FcLcb {
                fc: u32_at(stream, at).unwrap_or(0),
                lcb: u32_at(stream, at + 4).unwrap_or(0),
            }
        } else {
            FcLcb::default()
        }
    };
    fib.plcf_and_txt = pair(5);
    fib.plcf_hdd = pair(11);
    fib.plcf_bte_chpx = pair(12);
    fib.plcf_bte_papx = pair(13);
    fib.clx = pair(33);
    fib.plcf_and_ref = pair(4);
    fib.atn_owners = pair(36);
    fib.plf_lst = pair(73);
    fib.plf_lfo = pair(74);
    Ok(fib)
}
