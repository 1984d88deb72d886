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
