//! Preflight checks that bound what calamine will inflate and allocate.
//!
//! calamine inflates zip parts itself and trusts nothing we can configure,
//! so every part it may read is first inflated through [`SafeZip`], which
//! enforces the per-part size, the package total and the compression
//! ratio while inflating (sizes declared in zip headers are not trusted).
//! The dense-grid estimates for .xls and .ods live with those readers.

use crate::error::ReadError;
use crate::read::zipsafe::SafeZip;

/// Inflate, under the limits, every part calamine may read: all XML,
/// relationship and binary record parts except media, embeddings and the
/// VBA project (which calamine does not open here). The bytes are dropped;
/// only the verdict matters.
pub fn preflight_zip_parts(zip: &mut SafeZip) -> Result<(), ReadError> {
    for name in zip.names() {
        if !calamine_may_read(&name) {
            continue;
        }
        drop(zip.read(&name)?);
    }
    Ok(())
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
