//! Preflight checks that bound what calamine will inflate and allocate.
//!
//! calamine inflates zip parts itself and trusts nothing we can configure,
//! so every part it may read is first inflated through [`SafeZip`], which
//! enforces the per-part size, the package total and the compression
//! ratio while inflating (sizes declared in zip headers are not trusted).
//! The dense-grid estimates for .xls and .ods live with those readers.

use crate::error::ReadError;
use crate::read::Limits;
use crate::read::zipsafe::SafeZip;

/// Inflate, under the limits, every part calamine may read: all XML,
/// relationship and binary record parts except media, embeddings and the
/// VBA project (which calamine does not open here). The bytes are dropped;
/// only the verdict matters.
pub fn preflight_zip_parts(zip: &mut SafeZip, limits: &Limits) -> Result<(), ReadError> {
    for name in zip.names() {
        if !calamine_may_read(&name) {
            continue;
        }
        let bytes = zip.read(&name)?;
        // calamine keeps every shared string as its own `String`: tiny
        // `<si/>` entries cost far more in memory than in the part.
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            // calamine reserves `uniqueCount` strings up front: a forged
            // count of 10^12 is an allocation of terabytes that aborts the
            // process. No real workbook declares more strings than cells.
            for (attr, value) in sst_declared_counts(&bytes) {
                if value > u128::from(limits.max_sheet_cells) {
                    return Err(ReadError::LimitExceeded {
                        part: Some(name),
                        detail: format!(
                            "the shared-string table declares {attr}=\"{value}\", over the limit of {} strings",
                            limits.max_sheet_cells
                        ),
                    });
                }
            }
            let count = count_elements(&bytes, b"si");
            if count > limits.max_sheet_cells {
                return Err(ReadError::LimitExceeded {
                    part: Some(name),
                    detail: format!(
                        "{count} shared strings, over the limit of {}",
                        limits.max_sheet_cells
                    ),
                });
            }
        }
    }
    Ok(())
}

/// The `count` and `uniqueCount` attributes of the `<sst>` start tag, as
/// numbers (digits only; an overlong number saturates).
fn sst_declared_counts(xml: &[u8]) -> Vec<(&'static str, u128)> {
    let mut out = Vec::new();
    let head = xml.get(..xml.len().min(64 * 1024)).unwrap_or_default();
    let Some(start) = find(head, b"sst") else {
        return out;
    };
    let rest = head.get(start..).unwrap_or_default();
    let tag = rest
        .get(..find(rest, b">").unwrap_or(rest.len()))
        .unwrap_or_default();
    for (attr, key) in [
        ("uniqueCount", &b"uniqueCount"[..]),
        ("count", &b" count"[..]),
    ] {
        let Some(at) = find(tag, key) else { continue };
        let after = tag.get(at + key.len()..).unwrap_or_default();
        let value: Vec<u8> = after
            .iter()
            .skip_while(|b| b.is_ascii_whitespace() || **b == b'=' || **b == b'"' || **b == b'\'')
            .take_while(|b| b.is_ascii_digit())
            .copied()
            .collect();
        if value.is_empty() {
            continue;
        }
        let n = value.iter().fold(0u128, |acc, d| {
            acc.saturating_mul(10).saturating_add(u128::from(d - b'0'))
        });
        out.push((attr, n));
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Start tags with local name `local` (`<si>`, `<x:si ...>`, `<si/>`).
fn count_elements(xml: &[u8], local: &[u8]) -> u64 {
    let mut count = 0u64;
    let mut i = 0usize;
    while let Some(off) = xml
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let start = i + off + 1;
        let mut name_end = start;
        while let Some(&b) = xml.get(name_end) {
            if b == b'>' || b == b'/' || b.is_ascii_whitespace() {
                break;
            }
            name_end += 1;
        }
        let name = xml.get(start..name_end).unwrap_or_default();
        let local_name = match name.iter().rposition(|&b| b == b':') {
            Some(p) => name.get(p + 1..).unwrap_or_default(),
            None => name,
        };
        if local_name == local {
            count += 1;
        }
        i = name_end.max(start);
    }
    count
}

fn calamine_may_read(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let wanted = lower.ends_with(".xml") || lower.ends_with(".rels") || lower.ends_with(".bin");
    let skipped = lower.contains("/media/")
        || lower.contains("/embeddings/")
        || lower.ends_with("vbaproject.bin")
        || lower.contains("printersettings");
    wanted && !skipped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_shared_strings() {
        let xml = b"<sst><si><t>a</t></si><x:si><x:t>b</x:t></x:si><si/><sis/></sst>";
        assert_eq!(count_elements(xml, b"si"), 3);
    }

    #[test]
    fn declared_counts_of_the_sst() {
        let xml = br#"<?xml version="1.0"?><sst xmlns="x" count="999999999999" uniqueCount = "4294967296"><si/></sst>"#;
        assert_eq!(
            sst_declared_counts(xml),
            vec![("uniqueCount", 4_294_967_296), ("count", 999_999_999_999)]
        );
        assert!(sst_declared_counts(b"<sst><si/></sst>").is_empty());
    }

    #[test]
    fn parts_calamine_reads() {
        assert!(calamine_may_read("xl/worksheets/sheet1.xml"));
        assert!(calamine_may_read("xl/sharedStrings.xml"));
        assert!(calamine_may_read("xl/worksheets/sheet1.bin"));
        assert!(calamine_may_read("content.xml"));
        assert!(calamine_may_read("_rels/.rels"));
        assert!(!calamine_may_read("xl/media/image1.png"));
        assert!(!calamine_may_read("xl/embeddings/oleObject1.bin"));
        assert!(!calamine_may_read("xl/vbaProject.bin"));
    }
}
